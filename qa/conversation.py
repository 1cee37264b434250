"""Follow-up questions without an LLM: resolve a pronoun to the subject of the previous answer, and carry
the previous turn's names into a standalone query."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.question import question_entities
from vectorstore.tokens import tokenize

_PERSONAL = r"he|she|him|her|his|hers"
_PLURAL_OR_THING = r"they|them|their|theirs|it|its"
_REFERRING = re.compile(
    r"^\s*(?:and|but|what about|how about)\b|"  # elliptical: "And the other party?"
    rf"\b(?:{_PERSONAL}|{_PLURAL_OR_THING}|this|that|these|those|there|then)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(rf"\b({_PERSONAL}|{_PLURAL_OR_THING})\b", re.IGNORECASE)
_POSSESSIVE = frozenset(["his", "her", "hers", "their", "theirs", "its"])
_SHORT = 6  # a question with fewer content words than this leans on the conversation


def leans_on_history(history: Sequence[str], question: str) -> bool:
    """Whether the question refers back (a pronoun, "and …?") or is too short to stand alone."""
    if not [turn for turn in history if turn and turn.strip()]:
        return False
    content = tokenize(question)
    return bool(_REFERRING.search(question)) or (len(content) < _SHORT and not question_entities(question))


def standalone_query(history: Sequence[str], question: str, subject: str | None = None) -> str:
    """The question itself when it stands alone; else with its first pronoun replaced by subject (the
    person or organisation the previous answer led with) and the last turn's key words in brackets."""
    previous = [turn for turn in history if turn and turn.strip()]
    if not leans_on_history(previous, question):
        return question
    resolved = _resolve(question, subject) if subject else question
    carried = _key_words(previous[-1], exclude=set(tokenize(resolved)))
    return f"{resolved} ({' '.join(carried)})" if carried else resolved


def _resolve(question: str, subject: str) -> str:
    """Replace the first personal pronoun with the subject ("what did he say" → "what did X say")."""
    match = _PRONOUN.search(question)
    if not match:
        return question
    word = match.group(1).lower()
    replacement = f"{subject}’s" if word in _POSSESSIVE else subject
    return question[: match.start()] + replacement + question[match.end():]


def _key_words(turn: str, exclude: set[str]) -> list[str]:
    """Names first, then other content words of a turn, as they were written."""
    words = re.findall(r"[\w’'-]+", turn)
    names = [w for i, w in enumerate(words) if i > 0 and w[:1].isupper()]
    others = [w for w in words if w not in names]
    out: list[str] = []
    for word in names + others:
        terms = tokenize(word)
        if terms and not set(terms) & exclude and word not in out:
            out.append(word)
    return out[:8]
