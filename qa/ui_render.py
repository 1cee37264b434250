"""HTML for the chat UI: answers with clickable [n], the sources panel, the source viewer.

Every piece of article text, title, file name and question passes through html.escape here, so an
article containing markup renders as text. Clickable citations carry data-citeqa-* attributes that
the page's script (CITE_CLICK_JS) turns into a "cite" event for the server.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any

from qa.types import Answer, Citation

_MARKER = re.compile(r"\[(\d+)\]")
_TOKEN = re.compile(r"\S+\s*")

# Installed once per page by the sources panel: a click on a citation link (in the chat, the panel or
# anywhere else) becomes the panel's "cite" event with {turn, kind, n}.
CITE_CLICK_JS = """
window.__citeqaCite = (data) => trigger('cite', data);
if (!window.__citeqaClicks) {
  window.__citeqaClicks = true;
  document.addEventListener('click', (event) => {
    const el = event.target instanceof Element
      ? event.target.closest('a[href^="#citeqa-"], [data-citeqa-n]') : null;
    if (!el) return;
    // The chat's sanitizer drops data-* attributes, so links carry their target in the href.
    const m = /^#citeqa-(\\d+)-([cr])-(\\d+)$/.exec(el.getAttribute('href') || '');
    const d = el.dataset;
    const data = m ? {turn: Number(m[1]), kind: m[2], n: Number(m[3])}
                   : {turn: Number(d.citeqaTurn), kind: d.citeqaKind, n: Number(d.citeqaN)};
    event.preventDefault();
    event.stopPropagation();
    window.__citeqaCite(data);
  }, true);
}
"""

# The viewer scrolls its highlighted passage into view whenever it shows a new one.
SCROLL_TO_HIT_JS = """
const show = () => {
  const hit = element.querySelector('mark.citeqa-hit');
  if (!hit) return;
  const article = hit.closest('.citeqa-article');
  if (article) article.scrollTop = Math.max(0, hit.offsetTop - article.clientHeight / 3);
  hit.scrollIntoView({block: 'nearest'});
};
watch('value', show);
show();
"""

EMPTY_SOURCES = '<div class="citeqa-empty">Ask a question: the passages its answer cites appear here.</div>'
SEARCHING_HTML = '<div class="citeqa-searched">searching the articles…</div>'
EMPTY_VIEWER = '<div class="citeqa-empty">Click a citation to read it in its article.</div>'


def cite_link(turn: int, kind: str, n: int) -> str:
    """A clickable citation marker; kind is "c" (a citation) or "r" (a related passage)."""
    return (
        f'<a class="citeqa-cite" href="#citeqa-{turn}-{kind}-{n}" role="button" '
        f'title="show this passage in its article">[{n}]</a>'
    )


def answer_html(answer: Answer, turn: int, tokens: int | None = None) -> str:
    """The chat bubble for an answer; with tokens, only its first tokens (how the answer streams in)."""
    text = answer.text
    if tokens is not None:
        text = "".join(_TOKEN.findall(text)[:tokens])
    parts = []
    if answer.searched and answer.searched != answer.question:
        parts.append(f'<div class="citeqa-searched">searched for: {escape(answer.searched)}</div>')
    parts.append(f'<div class="citeqa-answer">{linkify(text, turn, len(answer.citations))}</div>')
    if answer.abstained and answer.related and tokens is None:
        parts.append('<div class="citeqa-note">The closest passages are under “Related passages”.</div>')
    return "".join(parts)


def answer_tokens(answer: Answer) -> int:
    """How many tokens answer_html can show: the answer streams in that many steps at most."""
    return len(_TOKEN.findall(answer.text))


def linkify(text: str, turn: int, count: int) -> str:
    """Escaped text whose [n] markers (1 ≤ n ≤ count) are clickable citations."""
    out, last = [], 0
    for match in _MARKER.finditer(text):
        n = int(match.group(1))
        if 1 <= n <= count:
            out.append(escape(text[last : match.start()]))
            out.append(cite_link(turn, "c", n))
            last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def sources_html(answer: Answer, turn: int) -> str:
    """The panel for one answer: what was searched, then every citation (or related passage)."""
    shown, kind = (answer.citations, "c") if answer.citations else (answer.related, "r")
    heading = "Sources" if kind == "c" else "Related passages (not an answer)"
    items = "".join(_source_item(c, turn, kind) for c in shown) or "<li>No passages.</li>"
    return (
        f'<div class="citeqa-sources" data-turn="{turn}">'
        f'<div class="citeqa-question">Q{turn + 1}: {escape(answer.question)}</div>'
        f'<div class="citeqa-searched">searched for: <q>{escape(answer.searched or answer.question)}</q>'
        "</div>"
        f"<h4>{heading}</h4><ol class=\"citeqa-list\">{items}</ol></div>"
    )


def _source_item(c: Citation, turn: int, kind: str) -> str:
    return (
        f'<li class="citeqa-source">{cite_link(turn, kind, c.id)} '
        f'<span class="citeqa-title">{escape(c.title)}</span> '
        f'<code class="citeqa-file">{escape(c.source)}</code>'
        f'<blockquote class="citeqa-quote" data-citeqa-turn="{turn}" data-citeqa-kind="{kind}" '
        f'data-citeqa-n="{c.id}">{escape(c.quote)}</blockquote></li>'
    )


def viewer_html(citation: Citation, text: str) -> str:
    """The whole article with the cited span highlighted; warns when the file no longer matches."""
    start, end = citation.start, citation.end
    stale = text[start:end] != citation.quote
    note = (
        '<div class="citeqa-warning">This file changed since it was indexed; the highlight may be off '
        "— upload it again or re-index the library.</div>" if stale else ""
    )
    return (
        f'<div class="citeqa-viewer" data-source="{escape(citation.source)}">'
        f'<div class="citeqa-viewer-head">[{citation.id}] <span class="citeqa-title">'
        f'{escape(citation.title)}</span> <code class="citeqa-file">{escape(citation.source)}</code></div>'
        f"{note}<pre class=\"citeqa-article\">{escape(text[:start])}"
        f'<mark class="citeqa-hit">{escape(text[start:end])}</mark>{escape(text[end:])}</pre></div>'
    )


def chat_messages(turns: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """The conversation in Gradio's messages format; turn["html"] is the (maybe partial) answer."""
    messages: list[dict[str, str]] = []
    for turn in turns:
        messages.append({"role": "user", "content": escape(turn["question"])})
        messages.append({"role": "assistant", "content": turn["html"]})
    return messages


def article_rows(articles: Sequence[dict[str, Any]]) -> list[list[Any]]:
    """The library table: title, file, format, chunks, when indexed."""
    return [
        [a["title"], a["source"], a.get("format", ""), a["chunks"], str(a["indexed_at"]).replace("T", " ").split("+")[0]]
        for a in articles
    ]


CSS = """
.citeqa-cite { font-weight: 600; text-decoration: none; cursor: pointer; padding: 0 1px;
  color: var(--link-text-color, #2563eb); }
.citeqa-cite:hover { text-decoration: underline; }
.citeqa-searched { font-size: 0.85em; opacity: 0.75; margin-bottom: 4px; }
.citeqa-note { font-size: 0.85em; opacity: 0.75; margin-top: 4px; }
.citeqa-sources h4 { margin: 8px 0 4px; }
.citeqa-question { font-weight: 600; }
.citeqa-list { padding-left: 0; list-style: none; margin: 0; }
.citeqa-source { margin-bottom: 10px; }
.citeqa-quote { margin: 4px 0 0 0; padding-left: 8px; border-left: 3px solid #d1d5db; cursor: pointer;
  font-size: 0.92em; }
.citeqa-file { font-size: 0.8em; }
.citeqa-article { position: relative; white-space: pre-wrap; word-wrap: break-word; font-family: inherit;
  font-size: 0.92em;
  max-height: 420px; overflow-y: auto; margin: 6px 0 0; padding: 8px; border: 1px solid #e5e7eb;
  border-radius: 6px; }
mark.citeqa-hit { background: #fde68a; color: #111827; padding: 1px 0; }
.citeqa-warning { color: #b45309; font-size: 0.85em; }
.citeqa-empty { opacity: 0.6; font-size: 0.9em; padding: 8px 0; }
"""
