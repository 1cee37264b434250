"""Tell article text from web boilerplate, line by line, keeping offsets into the original file."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line like these ends the article: what follows is other stories, comments or link lists.
_TRAILER = re.compile(
    r"(read more|you may also like|related posts|related articles|related stories|"
    r"recommended( for you| stories)?|more stories|most read|trending now|more from [\w .]+)[:.]?",
    re.IGNORECASE,
)
# Lines that are page furniture wherever they appear.
_NOISE = re.compile(
    r"(oops!?|something went wrong\.?|please try again later\.?|in this article:?|"
    r"\d+[- ]min(ute)? read|powered by automated translation|advertisement|"
    r"skip to (main )?content|share this article|click here to [\w ]+|"
    r"sign up (for|to) [\w ]*newsletters?\.?|subscribe( now)?\.?)",
    re.IGNORECASE,
)
# Photo captions' credits: "Photo: …", "Image credit: …", "(Photo by …)", "© …", or a line that is only a
# short parenthesised credit such as "(AFP)"; kept short so an article sentence is never taken for one.
_CREDIT = re.compile(
    r"\(?((photo(graph)?s?|images?|pictures?|illustrations?|video|graphic)\s*(credit)?s?\s*[:|/]"
    r"|(photo(graph)?|image|picture)s?\s+(by|courtesy of|credit)\b|(credit|courtesy)s?\s*:|©|\(c\)\s)"
    r"[^\n]{0,150}|\([^()\n]{1,30}\)",
    re.IGNORECASE,
)
_BULLETS = "•·▪►*-–— \t"
_SENTENCE_END = tuple(".!?:;\"”’)]")
_MIN_DUPLICATE_CHARS = 15


@dataclass(frozen=True)
class Paragraph:
    """A run of article text at text[start:end]."""

    start: int
    end: int


def content_blocks(text: str) -> list[list[Paragraph]]:
    """Runs of article paragraphs with boilerplate removed; no block spans removed text."""
    blocks: list[list[Paragraph]] = []
    current: list[Paragraph] = []
    seen: set[str] = set()
    previous_line_blank = True
    for start, end in _line_spans(text):
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            previous_line_blank = True
            continue
        core = stripped.lstrip(_BULLETS)
        if _TRAILER.fullmatch(core):
            break
        normalized = " ".join(core.lower().split())
        if _NOISE.fullmatch(core) or _CREDIT.fullmatch(core) or (
            len(normalized) >= _MIN_DUPLICATE_CHARS and normalized in seen
        ):
            if current:
                blocks.append(current)
                current = []
            previous_line_blank = True
            continue
        seen.add(normalized)
        lead = len(line) - len(line.lstrip())
        para = Paragraph(start + lead, start + lead + len(stripped))
        if current and not previous_line_blank and _continues(text, current[-1], para):
            current[-1] = Paragraph(current[-1].start, para.end)
        else:
            current.append(para)
        previous_line_blank = False
    if current:
        blocks.append(current)
    return blocks


def article_title(text: str) -> str:
    """The first non-empty line, without Markdown heading marks."""
    for start, end in _line_spans(text):
        line = text[start:end].strip().lstrip("#").strip()
        if line:
            return line[:300]
    return ""


def _continues(text: str, previous: Paragraph, current: Paragraph) -> bool:
    """A line break inside a sentence: the previous line has no end mark, this one starts lower-case."""
    return not text[previous.start : previous.end].endswith(_SENTENCE_END) and text[
        current.start
    ].islower()


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for match in re.finditer(r"\r\n|\n|\r", text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return spans
