"""What an answerer decided, before the engine adds timings: one type for the extractive and LLM paths."""

from __future__ import annotations

from dataclasses import dataclass

from qa.types import Citation, Sentence


@dataclass(frozen=True)
class Draft:
    """An answer's text, citations and per-sentence verdicts; mode says which answerer wrote the text."""

    text: str
    abstained: bool
    citations: tuple[Citation, ...]
    related: tuple[Citation, ...]
    mode: str = "extractive"
    sentences: tuple[Sentence, ...] = ()
    warnings: tuple[str, ...] = ()
    short: str | None = None  # the lead span (a name, number, date, place) when the question has a slot
