"""Results of citeqa: frozen, plain-typed, JSON-serialisable with one call."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Citation:
    """A quoted passage: the file's text at [start:end] (UTF-8 decoded, str offsets) equals quote."""

    id: int
    source: str
    title: str
    quote: str
    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an answer, the citation ids it carries, and whether the verifier found support."""

    text: str
    citations: tuple[int, ...]
    verified: bool
    support: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": list(self.citations), "verified": self.verified,
                "support": self.support}


@dataclass(frozen=True)
class Answer:
    """An answer whose every sentence is followed by [n], n indexing citations (1-based)."""

    question: str
    text: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    related: tuple[Citation, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    searched: str = ""
    mode: str = "extractive"  # or "llm": which answerer wrote text
    sentences: tuple[Sentence, ...] = ()
    warnings: tuple[str, ...] = ()  # e.g. the LLM was unreachable and the extractive answer is shown
    short: str | None = None  # the lead answer (a name, number, date, place), a substring of a quote

    def to_dict(self) -> dict[str, Any]:
        """Exactly what `citeqa ask --json` prints."""
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations],
            "related": [c.to_dict() for c in self.related],
            "timings_ms": dict(self.timings_ms),
            "mode": self.mode,
            "sentences": [s.to_dict() for s in self.sentences],
            "warnings": list(self.warnings),
            "short": self.short,
        }


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk, in citeqa's own terms (llama-index nodes are converted in qa.retrieve)."""

    chunk_id: str
    source: str
    title: str
    text: str
    start: int
    end: int
    score: float
