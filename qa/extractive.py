"""The default answerer: pick the sentences of the retrieved passages that answer the question, and cite them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

import numpy as np

from qa.cues import answer_type, is_hedge, offers, offers_with_focus, question_entities
from qa.draft import Draft
from qa.types import Citation, Passage, Sentence
from vectorstore.sentences import sentence_spans
from vectorstore.tokens import tokenize

NOT_FOUND = "I couldn't find this in the articles."
MIN_SCORE = 0.42
FOLLOW_RATIO = 0.9
MAX_SENTENCES = 3


class CorpusStats(Protocol):
    def idf(self, terms: list[str]) -> dict[str, float]: ...
    def has_term(self, term: str) -> bool: ...
    def terms_like(self, term: str) -> list[str]: ...


Encoder = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class _Candidate:
    passage: Passage
    start: int
    end: int
    text: str
    relevance: float
    score: float
    covered: bool
    similarity: float = 0.0
    overlap: float = 0.0


class ExtractiveAnswerer:
    """Scores sentences by meaning, word overlap and answer type; abstains when none truly answers."""

    def __init__(self, encode: Encoder, stats: CorpusStats, min_score: float = MIN_SCORE) -> None:
        self._encode = encode
        self._stats = stats
        self._min_score = min_score

    def answer(self, question: str, passages: list[Passage]) -> Draft:
        candidates = self._score(question, passages)
        best = _best_per_passage(candidates)
        missing = self._unknown_entities(question)
        usable = [c for c in candidates if c.covered and c.score >= self._min_score]
        top_relevant = max(candidates, key=lambda c: c.relevance, default=None)
        hedged = top_relevant is not None and is_hedge(top_relevant.text) and not offers(
            answer_type(question), top_relevant.text, question
        )
        if missing or hedged or not usable:
            related = tuple(_cite(i + 1, c) for i, c in enumerate(best[:3]))
            return Draft(NOT_FOUND, True, (), related, sentences=(Sentence(NOT_FOUND, (), True, 1.0),))
        chosen = _compose(usable)
        citations = tuple(_cite(i + 1, c) for i, c in enumerate(chosen))
        text = " ".join(f"{c.quote} [{c.id}]" for c in citations)
        sentences = tuple(Sentence(c.quote, (c.id,), True, c.score) for c in citations)
        return Draft(text, False, citations, (), sentences=sentences)

    def _score(self, question: str, passages: list[Passage]) -> list[_Candidate]:
        kind = answer_type(question)
        q_terms = list(dict.fromkeys(tokenize(question)))
        idf = self._stats.idf(q_terms) if q_terms else {}
        total = sum(idf.values()) or 1.0
        entities = question_entities(question)
        spans: list[tuple[Passage, int, int, str, set[str]]] = []
        contexts: dict[str, tuple[set[str], bool]] = {}  # per passage: its terms, and whether it covers the names
        for passage in passages:
            context = set(tokenize(passage.title + " " + passage.text))
            # One name in three may go unmentioned (an alias in brackets, a place one chunk over);
            # names no article mentions at all abstain separately, in _unknown_entities.
            uncovered = [entity for entity in entities if not _mentions(context, entity)]
            # A year or number in the question is a constraint (the 2021 final, not the 2020 one).
            covered = len(uncovered) <= len(entities) // 3 and not any(e.isdigit() for e in uncovered)
            contexts[passage.chunk_id] = (context, covered)
            for start, end in sentence_spans(passage.text):
                sentence = passage.text[start:end]
                terms = tokenize(sentence)
                if len(terms) >= 3:
                    spans.append((passage, passage.start + start, passage.start + end, sentence, set(terms)))
        if not spans:
            return []
        clauses = [(i, c) for i, span in enumerate(spans) for c in _clauses(span[3])]
        vectors = self._encode([question] + [s[3] for s in spans] + [c for _, c in clauses])
        similarity = vectors[1 : 1 + len(spans)] @ vectors[0]
        for (i, _), sim in zip(clauses, vectors[1 + len(spans) :] @ vectors[0]):
            similarity[i] = max(similarity[i], 0.5 * (similarity[i] + sim))
        ranks = {p.chunk_id: i for i, p in enumerate(passages)}
        out = []
        question_terms = set(q_terms)
        for (passage, start, end, sentence, s_terms), sim in zip(spans, similarity):
            context, covered = contexts[passage.chunk_id]
            overlap = sum(
                idf[t] * (1.0 if t in s_terms else 0.35 if t in context else 0.0) for t in q_terms
            ) / total
            new_terms = s_terms - question_terms
            # a sentence that only restates the question ("Tesla Q2 2020 revenue.") answers nothing
            novelty = min(1.0, len(new_terms) / 4) if len(new_terms) >= 2 else -2.0
            cue = offers_with_focus(kind, sentence, question) or (0.5 if kind == "other" else -0.5)
            relevance = 0.55 * float(sim) + 0.45 * overlap
            score = (
                0.42 * float(sim) + 0.36 * overlap + 0.2 * cue + 0.04 * novelty
                + 0.04 / (1 + ranks[passage.chunk_id])
            )
            if sentence == passage.title:
                score -= 0.1  # a headline is context; a body sentence is better evidence
            out.append(_Candidate(passage, start, end, sentence, relevance, score, covered, float(sim), overlap))
        return sorted(out, key=lambda c: -c.score)

    def _unknown_entities(self, question: str) -> list[str]:
        """Names in the question that no article mentions at all (e.g. a country the corpus never names)."""
        missing = []
        for entity in question_entities(question):
            if entity.isdigit() or self._stats.has_term(entity):
                continue
            if not any(_similar(entity, t) for t in self._stats.terms_like(entity)):
                missing.append(entity)
        return missing


def _clauses(sentence: str) -> list[str]:
    """The comma-separated parts of a long sentence, so one long sentence's meaning is not diluted."""
    if len(sentence) < 120:
        return []
    parts = [p.strip() for p in re.split(r"[,;:—]\s", sentence)]
    return [p for p in parts if len(p) >= 25][:6]


def _compose(usable: list[_Candidate]) -> list[_Candidate]:
    chosen = [usable[0]]
    for candidate in usable[1:]:
        if len(chosen) == MAX_SENTENCES or candidate.score < FOLLOW_RATIO * usable[0].score:
            break
        terms = set(tokenize(candidate.text))
        if all(_jaccard(terms, set(tokenize(c.text))) < 0.6 for c in chosen):
            chosen.append(candidate)
    return chosen


def _best_per_passage(candidates: list[_Candidate]) -> list[_Candidate]:
    seen, best = set(), []
    for candidate in candidates:
        if candidate.passage.chunk_id not in seen:
            seen.add(candidate.passage.chunk_id)
            best.append(candidate)
    return best


def _cite(number: int, candidate: _Candidate) -> Citation:
    return Citation(
        id=number,
        source=candidate.passage.source,
        title=candidate.passage.title,
        quote=candidate.text,
        start=candidate.start,
        end=candidate.end,
        score=round(candidate.score, 4),
    )


def _mentions(terms: set[str], entity: str) -> bool:
    return entity in terms or any(_similar(entity, t) for t in terms if t[:1] == entity[:1])


def _similar(a: str, b: str) -> bool:
    return len(a) >= 4 and len(b) >= 4 and SequenceMatcher(None, a, b).ratio() >= 0.8


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0
