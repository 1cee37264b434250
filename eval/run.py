"""Run a question set through the public qa API and score retrieval, answers, citations and abstention."""

from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa import QA, Answer, QuestionFileError

TYPES = ("factoid", "multi", "paraphrase", "followup", "unanswerable")
# A question's kind is finer than its type; lines without one take their type as their kind.
KINDS = ("factoid", "multi", "natural", "why_how", "list", "yes_no", "paraphrase", "comparison", "overview",
         "followup", "near_miss", "unanswerable")
KEYS = ("id", "question", "answers", "sources", "type")
HERE = Path(__file__).resolve().parent
DEFAULT_QUESTIONS = HERE / "questions.jsonl"
# The development set is what the answerer is tuned on. Each held-out set was written from the articles
# by someone who never saw the code, and committed before the answerer changes it measures; they are only
# ever reported, never tuned on. "heldout" (A) was read question by question once, at the end of the
# session that wrote it; "heldout_b" was written the session after, so it is the blind one now.
# A set is a JSON Lines file about the seed articles (corpus/), or a folder with its own articles (corpus/)
# and questions (questions.jsonl): "dev_c" to "heldout_g" are made-up news, each written with its questions by
# someone who saw neither the code nor the other sets, so the answerer is measured beyond the seeds.
QUESTION_SETS = {"dev": DEFAULT_QUESTIONS, "heldout": HERE / "heldout.jsonl", "heldout_b": HERE / "heldout_b.jsonl",
                 "dev_c": HERE / "dev_c", "heldout_c": HERE / "heldout_c", "dev_e": HERE / "dev_e",
                 "dev_f": HERE / "dev_f", "heldout_d": HERE / "heldout_d", "dev_g": HERE / "dev_g",
                 "heldout_e": HERE / "heldout_e", "dev_h": HERE / "dev_h", "heldout_f": HERE / "heldout_f",
                 "dev_i": HERE / "dev_i", "heldout_g": HERE / "heldout_g", "dev_j": HERE / "dev_j",
                 "heldout_h": HERE / "heldout_h", "dev_k": HERE / "dev_k", "heldout_i": HERE / "heldout_i",
                 "dev_l": HERE / "dev_l", "heldout_j": HERE / "heldout_j",
                 "heldout_k": HERE / "heldout_k", "dev_m": HERE / "dev_m",
                 "heldout_l": HERE / "heldout_l", "dev_n": HERE / "dev_n"}


def questions_of(path: Path) -> Path:
    """A set's question file: the path itself, or a folder's questions.jsonl."""
    return path / "questions.jsonl" if path.is_dir() else path


def articles_of(path: Path) -> Path | None:
    """A folder set's own articles (None: the set is about the corpus being evaluated)."""
    return path / "corpus" if path.is_dir() else None


@dataclass(frozen=True)
class Record:
    """One question's outcome."""

    item: dict[str, Any]
    answer: Answer
    ranked_sources: list[str]
    seconds: float
    valid_citations: int
    all_citations: int

    @property
    def answerable(self) -> bool:
        return self.item["type"] != "unanswerable"

    @property
    def correct(self) -> bool:
        """Abstained when unanswerable; else the expected phrase (every phrase when match is "all")
        is in the answer, and a yes/no lead, if the answer has one, agrees with the expected one."""
        if not self.answerable:
            return self.answer.abstained
        if self.answer.abstained:
            return False
        text = normalise(self.answer.text)
        found = [normalise(a) in text for a in self.item["answers"]]
        matched = all(found) if self.item.get("match") == "all" else any(found)
        lead = (self.answer.short or "").strip().lower()
        expect = self.item.get("expect")
        return matched and not (expect and lead in ("yes", "no") and lead != expect)

    @property
    def rank(self) -> int | None:
        """1-based rank of the first retrieved passage from an expected article."""
        for position, source in enumerate(self.ranked_sources, 1):
            if source in self.item["sources"]:
                return position
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.item["id"],
            "type": self.item["type"],
            "kind": kind_of(self.item),
            "question": self.item["question"],
            "history": self.item.get("history", []),
            "searched": self.answer.searched,
            "answer": self.answer.text,
            "short": self.answer.short,
            "abstained": self.answer.abstained,
            "citations": [c.to_dict() for c in self.answer.citations],
            "mode": self.answer.mode,
            "sentences": [s.to_dict() for s in self.answer.sentences],
            "warnings": list(self.answer.warnings),
            "expected": {"answers": self.item["answers"], "sources": self.item["sources"]},
            "correct": self.correct,
            "retrieval_rank": self.rank,
            "ms": round(self.seconds * 1000, 1),
        }


def kind_of(item: dict[str, Any]) -> str:
    return item.get("kind") or item["type"]


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces, white space folded: how expected phrases are matched."""
    return " " + " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split()) + " "


def load_questions(path: Path) -> list[dict[str, Any]]:
    """Questions in the documented JSON Lines schema; a bad line is an error naming the line."""
    if not path.is_file():
        raise QuestionFileError(f"no question file at {path} — pass --questions FILE (JSON Lines)")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise QuestionFileError(f"{path}:{number} is not JSON ({exc.msg}) — fix that line") from None
        missing = [k for k in KEYS if k not in item]
        if missing or item["type"] not in TYPES or kind_of(item) not in KINDS:
            raise QuestionFileError(
                f"{path}:{number} needs keys {', '.join(KEYS)}, a type among {', '.join(TYPES)} "
                f"and, if it has one, a kind among {', '.join(KINDS)}"
                + (f" (missing {', '.join(missing)})" if missing else "")
            )
        items.append(item)
    return items


def run_questions(engine: QA, items: list[dict[str, Any]]) -> list[Record]:
    """Ask every question as a user would (follow-ups with their history) and keep what came back."""
    records = []
    texts: dict[str, str] = {}
    for item in items:
        started = time.perf_counter()
        answer = engine.chat(item["question"], item.get("history") or [])
        seconds = time.perf_counter() - started
        ranked = list(dict.fromkeys(p.source for p in engine.retrieve(answer.searched)))
        cited = answer.citations + answer.related
        valid = 0
        for c in cited:
            if c.source not in texts:
                texts[c.source] = engine.source_text(c.source)
            valid += texts[c.source][c.start : c.end] == c.quote
        records.append(Record(item, answer, ranked, seconds, valid, len(cited)))
    return records


def summarise(records: list[Record]) -> dict[str, Any]:
    """The report's figures, overall and per kind of question."""
    summary = {"overall": _figures(records)}
    for kind in KINDS:
        subset = [r for r in records if kind_of(r.item) == kind]
        if subset:
            summary[kind] = _figures(subset)
    return summary


def _figures(records: list[Record]) -> dict[str, Any]:
    answerable = [r for r in records if r.answerable]
    unanswerable = [r for r in records if not r.answerable]
    ranks = [r.rank for r in answerable]
    cited = [c for r in answerable for c in r.answer.citations]
    expected_cited = [c for r in answerable for c in r.answer.citations if c.source in r.item["sources"]]
    abstained = [r for r in records if r.answer.abstained]
    latencies = sorted(r.seconds * 1000 for r in records)
    out: dict[str, Any] = {"n": len(records), "answerable": len(answerable)}
    if answerable:
        out.update(
            hit_at_1=_share(sum(1 for k in ranks if k and k <= 1), len(answerable)),
            hit_at_3=_share(sum(1 for k in ranks if k and k <= 3), len(answerable)),
            hit_at_5=_share(sum(1 for k in ranks if k and k <= 5), len(answerable)),
            mrr=round(sum(1 / k for k in ranks if k) / len(answerable), 4),
            answer_accuracy=_share(sum(r.correct for r in answerable), len(answerable)),
            citation_precision=_share(len(expected_cited), len(cited)) if cited else None,
            false_abstention=_share(sum(r.answer.abstained for r in answerable), len(answerable)),
        )
    if unanswerable:
        caught = sum(r.answer.abstained for r in unanswerable)
        out.update(
            abstention_recall=_share(caught, len(unanswerable)),
            abstention_precision=_share(caught, len(abstained)) if abstained else None,
        )
    total = sum(r.all_citations for r in records)
    out["citation_validity"] = _share(sum(r.valid_citations for r in records), total) if total else None
    out["latency_ms_p50"] = round(statistics.median(latencies), 1) if latencies else None
    out["latency_ms_p95"] = round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1) if latencies else None
    return out


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
