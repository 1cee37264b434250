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

from qa.chat_log import plain_text
from qa.types import Answer, Citation

_MARKER = re.compile(r"\[(\d+)\]")

# Installed once per page by the sources panel: a click on a citation link (in the chat, the panel or
# anywhere else) becomes the panel's "cite" event with {turn, kind, n}; the viewer's "back to the answer"
# link returns to the clicked citation; the chat's copy buttons copy an answer's text, not its HTML.
CITE_CLICK_JS = """
window.__citeqaCite = (data) => trigger('cite', data);
if (!window.__citeqaClicks) {
  window.__citeqaClicks = true;
  document.addEventListener('click', (event) => {
    const back = event.target instanceof Element ? event.target.closest('a.citeqa-back') : null;
    if (back) {
      event.preventDefault();
      const from = window.__citeqaFrom;
      const target = from && from.isConnected ? from : document.querySelector('#citeqa-chat');
      target.scrollIntoView({block: 'center'});
      if (target.focus) target.focus({preventScroll: true});
      return;
    }
    const el = event.target instanceof Element
      ? event.target.closest('a[href^="#citeqa-"], [data-citeqa-n]') : null;
    if (!el || el.closest('#citeqa-viewer')) return;
    // The chat's sanitizer drops data-* attributes, so links carry their target in the href.
    const m = /^#citeqa-(\\d+)-([cr])-(\\d+)$/.exec(el.getAttribute('href') || '');
    const d = el.dataset;
    const data = m ? {turn: Number(m[1]), kind: m[2], n: Number(m[3])}
                   : {turn: Number(d.citeqaTurn), kind: d.citeqaKind, n: Number(d.citeqaN)};
    event.preventDefault();
    event.stopPropagation();
    window.__citeqaFrom = el;
    window.__citeqaJump = true;  // the viewer scrolls into view for a click, not for a new answer
    const shown = document.querySelector('#citeqa-viewer .citeqa-viewer');
    if (shown && shown.dataset.cite === `${data.turn}-${data.kind}-${data.n}` && window.__citeqaShow) {
      window.__citeqaShow();  // already shown (e.g. a new answer's [1]): go there now; an unchanged reply
    }                         // would not fire the viewer's change (a changed one, e.g. deleted, still shows)
    window.__citeqaCite(data);
  }, true);
  // A citation's card is placed beside it in the window (position: fixed), so showing it never
  // changes the height of the scrolling chat (which would move what is being pointed at).
  const place = (event) => {
    const link = event.target instanceof Element ? event.target.closest('.citeqa-cite') : null;
    const tip = link && link.querySelector('.citeqa-tip');
    if (!tip || window.innerWidth <= 768) return;
    const at = link.getBoundingClientRect();
    const width = Math.min(360, window.innerWidth * 0.8);
    tip.style.left = `${Math.max(8, Math.min(at.left, window.innerWidth - width - 8))}px`;
    const below = window.innerHeight - at.bottom > 220;
    tip.style.top = below ? `${at.bottom + 4}px` : '';
    tip.style.bottom = below ? '' : `${window.innerHeight - at.top + 4}px`;
  };
  document.addEventListener('mouseover', place, true);
  document.addEventListener('focusin', place, true);
  const clip = navigator.clipboard;
  if (clip && clip.writeText) {
    const write = clip.writeText.bind(clip);
    clip.writeText = (text) => {
      if (typeof text === 'string' && text.includes('class="citeqa-')) {
        const doc = new DOMParser().parseFromString(text, 'text/html');
        doc.querySelectorAll('.citeqa-tip').forEach((tip) => tip.remove());
        doc.querySelectorAll('div').forEach((div) => div.append('\\n'));
        text = doc.body.textContent.trim();
      }
      return write(text);
    };
  }
}
"""

# The viewer scrolls its highlighted passage into view inside the article; after a click on a citation
# it also brings the viewer itself into view (far down the page on a phone).
SCROLL_TO_HIT_JS = """
const show = () => {
  const hit = element.querySelector('mark.citeqa-hit');
  const jump = window.__citeqaJump;
  window.__citeqaJump = false;
  if (!hit) return;
  const article = hit.closest('.citeqa-article');
  if (article) article.scrollTop = Math.max(0, hit.offsetTop - article.clientHeight / 3);
  if (jump) {
    const back = element.querySelector('.citeqa-back');
    const narrow = back && getComputedStyle(back).display !== 'none';
    (narrow ? back : hit).scrollIntoView({block: narrow ? 'start' : 'nearest'});
  }
};
window.__citeqaShow = show;
watch('value', show);
show();
"""

# Saves the exported conversation (the hidden textbox's value) as a file, in the browser.
DOWNLOAD_JS = """(markdown) => {
  if (!markdown) return;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([markdown], {type: 'text/markdown'}));
  link.download = 'citeqa-conversation.md';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}"""

EMPTY_SOURCES = '<div class="citeqa-empty">Ask a question: the passages its answer cites appear here.</div>'
SEARCHING_HTML = '<div class="citeqa-searched">searching the articles…</div>'
EMPTY_VIEWER = '<div class="citeqa-empty">Click a citation to read it in its article.</div>'
BACK_LINK = '<a class="citeqa-back" href="#citeqa-back" role="button">← back to the answer</a>'


def cite_link(turn: int, kind: str, c: Citation) -> str:
    """A clickable citation marker whose hover/focus card shows the article title and the quote;
    kind is "c" (a citation) or "r" (a related passage)."""
    return (
        f'<a class="citeqa-cite" href="#citeqa-{turn}-{kind}-{c.id}" role="button">[{c.id}]'
        f'<span class="citeqa-tip" role="tooltip"><strong>{escape(plain_text(c.title))}</strong> '
        f"{escape(plain_text(c.quote))}</span></a>"
    )


def answer_html(answer: Answer, turn: int) -> str:
    """The chat bubble for an answer: the lead answer in bold (when there is one), then the text."""
    parts = []
    if answer.searched and answer.searched != answer.question:
        parts.append(f'<div class="citeqa-searched">searched for: {escape(answer.searched)}</div>')
    text, lead = plain_text(answer.text), plain_text(answer.short or "") if not answer.abstained else ""
    if lead and text.startswith(lead):  # the answer opens with its lead fact: that part in bold
        body = f'<strong class="citeqa-short">{escape(lead)}</strong>{linkify(text[len(lead):], turn, answer.citations)}'
    else:
        if lead:
            parts.append(f'<div class="citeqa-short"><strong>{escape(lead)}</strong></div>')
        body = linkify(text, turn, answer.citations)
    parts.append(f'<div class="citeqa-answer">{body}</div>')
    if answer.abstained and answer.related:
        parts.append('<div class="citeqa-note">The closest passages are under “Related passages”.</div>')
    return "".join(parts)


def draft_html(draft: str) -> str:
    """The LLM's words as they stream in, before verification."""
    return f'<div class="citeqa-draft">{escape(draft)}</div>'


def linkify(text: str, turn: int, citations: Sequence[Citation]) -> str:
    """Escaped text whose [n] markers (n an id among citations) are clickable citations."""
    by_id = {c.id: c for c in citations}
    out, last = [], 0
    for match in _MARKER.finditer(text):
        citation = by_id.get(int(match.group(1)))
        if citation is not None:
            out.append(escape(text[last : match.start()]))
            out.append(cite_link(turn, "c", citation))
            last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def sources_html(answer: Answer, turn: int) -> str:
    """The panel for one answer: what was searched (when it differs), then every citation."""
    shown, kind = (answer.citations, "c") if answer.citations else (answer.related, "r")
    heading = "Sources" if kind == "c" else "Related passages (not an answer)"
    items = "".join(_source_item(c, turn, kind) for c in shown) or "<li>No passages.</li>"
    searched = (
        f'<div class="citeqa-searched">searched for: <q>{escape(answer.searched)}</q></div>'
        if answer.searched and answer.searched != answer.question else ""
    )
    return (
        f'<div class="citeqa-sources" data-turn="{turn}">'
        f'<div class="citeqa-question">Q{turn + 1}: {escape(answer.question)}</div>{searched}'
        f"<h4>{heading}</h4><ol class=\"citeqa-list\">{items}</ol></div>"
    )


def _source_item(c: Citation, turn: int, kind: str) -> str:
    return (
        f'<li class="citeqa-source">{cite_link(turn, kind, c)} '
        f'<span class="citeqa-title">{escape(plain_text(c.title))}</span> '
        f'<code class="citeqa-file">{escape(c.source)}</code>'
        f'<blockquote class="citeqa-quote" data-citeqa-turn="{turn}" data-citeqa-kind="{kind}" '
        f'data-citeqa-n="{c.id}">{escape(plain_text(c.quote))}</blockquote></li>'
    )


def _viewer_head(citation: Citation, turn: int, question: str) -> str:
    return (
        f'{BACK_LINK}<div class="citeqa-viewer-for">Showing Q{turn + 1}: {escape(question)}</div>'
        f'<div class="citeqa-viewer-head">[{citation.id}] <span class="citeqa-title">'
        f'{escape(plain_text(citation.title))}</span> <code class="citeqa-file">{escape(citation.source)}</code></div>'
    )


def viewer_html(citation: Citation, text: str, turn: int, question: str, kind: str = "c") -> str:
    """The whole article with the cited span highlighted, saying which question and citation it shows;
    warns when the file no longer matches. The article is shown as on disk (the offsets index it)."""
    start, end = citation.start, citation.end
    stale = text[start:end] != citation.quote
    note = (
        '<div class="citeqa-warning">This file changed since it was indexed; the highlight may be off '
        "— click “Rescan folder” in the Library tab.</div>" if stale else ""
    )
    return (
        f'<div class="citeqa-viewer" data-source="{escape(citation.source)}" data-cite="{turn}-{kind}-{citation.id}">'
        f"{_viewer_head(citation, turn, question)}"
        f"{note}<pre class=\"citeqa-article\">{escape(text[:start])}"
        f'<mark class="citeqa-hit">{escape(text[start:end])}</mark>{escape(text[end:])}</pre></div>'
    )


def missing_viewer_html(citation: Citation, turn: int, question: str, deleted: bool, kind: str = "c") -> str:
    """The viewer for a citation whose article is gone: its quote, and what happened (no paths)."""
    what = (
        "This article was deleted from the library." if deleted
        else "This article can no longer be read — click “Rescan folder” in the Library tab."
    )
    return (
        f'<div class="citeqa-viewer" data-source="{escape(citation.source)}" data-cite="{turn}-{kind}-{citation.id}">'
        f'{_viewer_head(citation, turn, question)}<div class="citeqa-gone">{what}</div>'
        f'<blockquote class="citeqa-quote">{escape(plain_text(citation.quote))}</blockquote></div>'
    )


def no_answer_viewer_html(turn: int, question: str) -> str:
    """The viewer after an answer with no citations: it says so instead of showing an older article."""
    return (
        f'<div class="citeqa-empty" data-turn="{turn}">Q{turn + 1}: {escape(question)} — no answer was '
        "found; click a related passage to read it in its article.</div>"
    )


def chat_messages(turns: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    """The conversation in Gradio's messages format, from (question, answer bubble HTML) pairs."""
    messages: list[dict[str, str]] = []
    for question, html in turns:
        messages.append({"role": "user", "content": escape(question)})
        messages.append({"role": "assistant", "content": html})
    return messages


def chat_bubbles(done: Sequence[Answer], pending: list[tuple[str, str]] | None = None) -> list[dict[str, str]]:
    """The chat's messages: every finished answer, then the one being written (question, bubble HTML)."""
    pairs = [(a.question, answer_html(a, turn)) for turn, a in enumerate(done)]
    return chat_messages(pairs + (pending or []))


def folder_changes_note(changes: dict[str, int]) -> str:
    """The library's note when the corpus folder differs from the index (Markdown; empty when in step)."""
    parts = [f"{changes[k]} {label}" for k, label in
             (("new", "new"), ("modified", "modified"), ("gone", "removed")) if changes.get(k)]
    if not parts:
        return ""
    return (f"**The folder has changed since the last sync** ({', '.join(parts)} "
            f"file{'s' if sum(changes.values()) > 1 else ''}) — click **Rescan folder** to index it.")


def article_rows(articles: Sequence[dict[str, Any]]) -> list[list[Any]]:
    """The library table: title, file, format, chunks, when indexed."""
    return [
        [a["title"], a["source"], a.get("format", ""), a["chunks"], str(a["indexed_at"]).replace("T", " ").split("+")[0]]
        for a in articles
    ]


CSS = """
.citeqa-cite { font-weight: 600; text-decoration: none; cursor: pointer; padding: 0 1px;
  color: var(--link-text-color, #2563eb); }
.citeqa-cite:hover, .citeqa-cite:focus { text-decoration: underline; }
.citeqa-tip { display: none; position: fixed; z-index: 50; width: min(360px, 80vw);
  padding: 8px 10px; border-radius: 6px; border: 1px solid #d1d5db; background: #ffffff; color: #111827;
  font-weight: 400; font-size: 0.88rem; line-height: 1.35; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.15);
  white-space: normal; text-align: left; pointer-events: none; }
.citeqa-tip strong { display: block; margin-bottom: 4px; }
.citeqa-cite:hover .citeqa-tip, .citeqa-cite:focus-visible .citeqa-tip { display: block; }
.citeqa-searched { font-size: 0.85em; opacity: 0.75; margin-bottom: 4px; }
.citeqa-short { margin-bottom: 4px; font-size: 1.05em; }
.citeqa-note { font-size: 0.85em; opacity: 0.75; margin-top: 4px; }
.citeqa-sources h4 { margin: 8px 0 4px; }
.citeqa-question { font-weight: 600; }
.citeqa-list { padding-left: 0; list-style: none; margin: 0; }
.citeqa-source { margin-bottom: 10px; }
.citeqa-quote { margin: 4px 0 0 0; padding-left: 8px; border-left: 3px solid #d1d5db; cursor: pointer;
  font-size: 0.92em; }
.citeqa-file { font-size: 0.8em; }
.citeqa-viewer-for { font-size: 0.85em; opacity: 0.75; }
.citeqa-article { position: relative; white-space: pre-wrap; word-wrap: break-word; font-family: inherit;
  font-size: 0.92em;
  max-height: 420px; overflow-y: auto; margin: 6px 0 0; padding: 8px; border: 1px solid #e5e7eb;
  border-radius: 6px; }
mark.citeqa-hit { background: #fde68a; color: #111827; padding: 1px 0; }
.citeqa-warning, .citeqa-gone { color: #b45309; font-size: 0.9em; margin: 6px 0; }
.citeqa-empty { opacity: 0.6; font-size: 0.9em; padding: 8px 0; }
.citeqa-back { display: none; }
@media (max-width: 768px) {
  .citeqa-back { display: inline-block; margin-bottom: 6px; font-weight: 600; }
  .citeqa-tip { position: fixed; left: 8px; right: 8px; top: auto; bottom: 8px; width: auto; }
  .citeqa-article { max-height: 60vh; }
}
"""
