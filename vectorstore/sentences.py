"""Split text into sentences as (start, end) offsets, so quotes can be cut from the original file."""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "maj", "lt", "col", "sgt", "capt", "adm", "cmdr", "brig", "rep", "sen", "gov", "pres", "st", "jr", "sr", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "etc", "inc", "corp", "co", "ltd", "dept", "approx", "fig", "mt", "ft", "gov't"]
)
# End mark(s), optional closing quotes/brackets, then space or an opening quote; or a line break
# (a title or paragraph without an end mark), unless the next line starts lower-case.
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?:\s+|(?=[“\"‘(]))|[^\S\n]*\n\s*")
_MAX_QUOTED = 600
_OPENERS = "\"“‘'([" 


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of text[start:end] as absolute (start, end) offsets, whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        cut = match.end()
        following = text[cut:end].lstrip(_OPENERS)
        if not following or not (following[0].isupper() or following[0].isdigit()):
            continue
        paragraph = "\n\n" in match.group() or "\n\r\n" in match.group()
        if match.group()[:1] == "." and not paragraph and _is_abbreviation(text, cursor, match.start()):
            continue
        if match.group()[:1] in ".!?" and _inside_quotation(text[cursor:cut]):
            continue
        _append_trimmed(text, cursor, cut, spans)
        cursor = cut
    _append_trimmed(text, cursor, end, spans)
    return spans


def _inside_quotation(piece: str) -> bool:
    """A quotation opened in this piece is still open: its sentences are cited with their attribution."""
    if len(piece) > _MAX_QUOTED:
        return False
    return piece.count("“") > piece.count("”") or piece.count('"') % 2 == 1


def _is_abbreviation(text: str, floor: int, dot: int) -> bool:
    word_start = dot
    while word_start > floor and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("\"“‘'([")
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "John W. Brennan"
    if "." in word:
        return True  # "U.S.", "a.m."
    return word.lower() in _ABBREVIATIONS


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))
