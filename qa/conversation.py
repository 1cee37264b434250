"""Follow-up questions without an LLM: carry the previous turns' names and topic into a standalone query."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.cues import question_entities
from vectorstore.tokens import tokenize

_REFERRING = re.compile(
    r"^\s*(and|but|what about|how about)\b|"  # elliptical: "And the Hikma Movement?"
    r"\b(he|she|they|him|her|them|his|hers|their|theirs|it|its|this|that|these|those|there|then|"
    r"the group|the movement|the spokesman|the official)\b",
    re.IGNORECASE,
)
_SHORT = 6  # a question with fewer content words than this leans on the conversation


def standalone_query(history: Sequence[str], question: str) -> str:
    """The question itself when it stands alone; else the question plus the last turn's key words."""
    previous = [turn for turn in history if turn and turn.strip()]
    if not previous:
        return question
    content = tokenize(question)
    if not _REFERRING.search(question) and (len(content) >= _SHORT or question_entities(question)):
        return question  # it names what it is about: "How many US troops are in Iraq?" stands alone
    carried = _key_words(previous[-1], exclude=set(content))
    return f"{question} ({' '.join(carried)})" if carried else question


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
