"""Check a generated answer sentence by sentence against the passages it cites.

A sentence is verified when it cites a passage that exists, is supported by it (content-word overlap and
embedding similarity), and every number and proper name in it appears in a cited passage. The quote kept
for a citation is the passage's best-supporting sentence (or sentences), as exact file offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from qa.injection import addresses_assistant
from qa.types import Passage
from vectorstore.sentences import sentence_spans
from vectorstore.tokens import tokenize

Encoder = Callable[[list[str]], np.ndarray]

MIN_SUPPORT = 0.5
MAX_QUOTE_SENTENCES = 3
# "[1]", "[1, 3]", "[2][3]", "[Passage 2]": the ways models write a citation.
MARKER = re.compile(r"\[\s*(?:passages?\s*)?(\d+(?:\s*[,;]\s*(?:passages?\s*)?\d+)*)\s*\]", re.IGNORECASE)
# Sentence openers that name nothing (function words are dropped by tokenize already).
_OPENERS = frozenset(
    ["however", "additionally", "furthermore", "moreover", "overall", "therefore", "thus", "meanwhile", "instead", "yes", "previously", "later", "earlier", "finally", "first", "second", "third", "today", "yesterday"]
)


@dataclass(frozen=True)
class Quote:
    """An exact slice of a source file that supports a sentence: file_text[start:end] == text."""

    passage: Passage
    start: int
    end: int
    text: str
    support: float


@dataclass(frozen=True)
class Claim:
    """One sentence of the generated answer and the verifier's finding."""

    text: str  # the sentence without its [n] markers
    cited: tuple[int, ...]  # passage numbers as the model wrote them (1-based)
    verified: bool
    support: float
    quotes: tuple[Quote, ...] = ()
    reason: str = ""  # why it was not verified


def facts(text: str) -> list[str]:
    """The terms of a sentence's numbers and proper names: each must appear in a cited passage."""
    numbers = [t for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text) for t in tokenize(n)]
    return list(dict.fromkeys(numbers + names(text)))


def names(text: str) -> list[str]:
    """Stemmed terms of every capitalised word of a generated sentence, its first word included.

    Unlike a question's entities, an answer's opening word is where a model puts the subject it may
    have invented ("Mustafa al-Kadhimi said …"), so it is checked unless it is a function word or an
    opener ("However", "Officials" is checked: a supported sentence's subject is in its passage).
    """
    found: list[str] = []
    for match in re.finditer(r"[\w’'.-]+", text):
        word = match.group().strip(".’'-")
        if word and word[0].isupper() and word.lower() not in _OPENERS:
            found.extend(tokenize(word))
    return list(dict.fromkeys(found))


def split_claims(answer: str) -> list[tuple[str, tuple[int, ...]]]:
    """The answer's sentences with the passage numbers each cites; a leading marker belongs to the one before."""
    claims: list[tuple[str, list[int]]] = []
    for start, end in sentence_spans(answer):
        piece = answer[start:end]
        lead = re.match(r"(\s*" + MARKER.pattern + r"[\s.,;]*)+", piece, re.IGNORECASE)
        if lead and claims:
            claims[-1][1].extend(_numbers(lead.group()))
            piece = piece[lead.end():]
        numbers = _numbers(piece)
        text = MARKER.sub("", piece)
        text = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split())).strip(" ,;")
        if text and text not in ".!?":
            claims.append((text, numbers))
        elif claims:
            claims[-1][1].extend(numbers)
    return [(text, tuple(dict.fromkeys(numbers))) for text, numbers in claims]


def _numbers(text: str) -> list[int]:
    return [int(n) for group in MARKER.findall(text) for n in re.findall(r"\d+", group)]


class Verifier:
    """Scores each sentence of a generated answer against the passages it cites."""

    def __init__(self, encode: Encoder, min_support: float = MIN_SUPPORT) -> None:
        self._encode = encode
        self._min_support = min_support

    def check(self, answer: str, passages: list[Passage]) -> list[Claim]:
        """Every sentence of answer with its verdict; passages are numbered from 1 as in the prompt."""
        return [self.check_claim(text, cited, passages) for text, cited in split_claims(answer)]

    def check_claim(self, text: str, cited: tuple[int, ...], passages: list[Passage]) -> Claim:
        if not cited:
            return Claim(text, cited, False, 0.0, reason="cites no passage")
        if addresses_assistant(text):  # the model repeating planted text: an instruction is not a finding
            return Claim(text, cited, False, 0.0, reason="addresses the assistant")
        existing = [passages[n - 1] for n in cited if 1 <= n <= len(passages)]
        if not existing:
            return Claim(text, cited, False, 0.0, reason="cites a passage that does not exist")
        terms = set(tokenize(text))
        if not terms:
            return Claim(text, cited, False, 0.0, reason="says nothing checkable")
        scored = [self._support(text, terms, p) for p in dict.fromkeys(existing)]
        evidence = [term for _, _, passage_terms in scored for term in passage_terms]
        missing = [f for f in facts(text) if not _covered(f, evidence)]
        best = max(score for score, _, _ in scored)
        quotes = tuple(q for score, q, _ in scored if q is not None and score >= 0.8 * best)
        if missing:
            reason = "names or numbers not in the cited passages: " + ", ".join(missing)
            return Claim(text, cited, False, round(best, 4), quotes, reason)
        if best < self._min_support or not quotes:
            return Claim(text, cited, False, round(best, 4), quotes, f"support {best:.2f} is under the bar")
        return Claim(text, cited, True, round(best, 4), quotes)

    def _support(self, text: str, terms: set[str], passage: Passage) -> tuple[float, Quote | None, set[str]]:
        """The passage's support for the sentence, its best quote, and the terms it can vouch for."""
        spans = [
            (s, e) for s, e in sentence_spans(passage.text)
            if not addresses_assistant(passage.text[s:e]) and tokenize(passage.text[s:e])
        ]
        if not spans:
            return 0.0, None, set()
        sentences = [passage.text[s:e] for s, e in spans]
        vectors = self._encode([text] + sentences)
        similarity = vectors[1:] @ vectors[0]
        sentence_terms = [set(tokenize(s)) for s in sentences]
        passage_terms = set().union(*sentence_terms)
        overlap = len(terms & passage_terms) / len(terms)
        local = [0.5 * float(sim) + 0.5 * len(terms & st) / len(terms) for sim, st in zip(similarity, sentence_terms)]
        order = sorted(range(len(spans)), key=lambda i: -local[i])
        chosen = [order[0]]
        present = [f for f in facts(text) if _covered(f, passage_terms)]
        for fact in present:  # a name or number the best sentence lacks: quote the sentence that has it too
            if any(_covered(fact, sentence_terms[i]) for i in chosen) or len(chosen) == MAX_QUOTE_SENTENCES:
                continue
            holder = next((i for i in order if _covered(fact, sentence_terms[i])), None)
            if holder is not None:
                chosen.append(holder)
        start = min(spans[i][0] for i in chosen)
        end = max(spans[i][1] for i in chosen)
        if len(chosen) > 1 and any(addresses_assistant(passage.text[s:e]) for s, e in sentence_spans(
                passage.text, start, end)):
            start, end = spans[order[0]]  # never quote across a planted instruction
        score = 0.5 * float(similarity.max()) + 0.5 * overlap
        quote = Quote(passage, passage.start + start, passage.start + end, passage.text[start:end], score)
        return score, quote, passage_terms


def _covered(term: str, terms: set[str] | list[str]) -> bool:
    """The term, or a form of it ("iraq"/"iraqi"), is among terms."""
    if term in terms:
        return True
    if term.isdigit() or len(term) < 4:
        return False
    return any(len(t) >= 4 and (t.startswith(term) or term.startswith(t)) for t in terms)
