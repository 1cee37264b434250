"""Words close in meaning, by the embedding model's vectors of single words: the question's word for a
thing met by the articles' other word for it ("how many kids" / "six children")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np

from vectorstore.embed import common_words
from vectorstore.tokens import STOP_WORDS, stem

Encoder = Callable[[list[str]], np.ndarray]
_WORD = re.compile(r"[^\W\d_]+")
SAME_THING = 0.75  # two words this close name the same thing ("kids" / "children", not "kids" / "adults")


def plain_words(text: str) -> dict[str, str]:
    """The common lower-case words of text by their term ("children" → "children", "kids" → "kid"): a
    capitalised word may be a name, whose vector says nothing of what it names."""
    words: dict[str, str] = {}
    for word in _WORD.findall(text):
        if word.islower() and word not in STOP_WORDS and len(word) > 2 and word in common_words():
            words.setdefault(stem(word), word)
    return words


def kin(encode: Encoder, asked: Iterable[str], texts: Iterable[str], floor: float = SAME_THING) -> frozenset[str]:
    """The terms of the texts' plain words this close in meaning to any asked word."""
    asked = list(dict.fromkeys(asked))
    found = {t: w for text in texts for t, w in plain_words(text).items()}
    if not asked or not found:
        return frozenset()
    terms = list(found)
    vectors = encode(asked + [found[t] for t in terms])
    close = (vectors[len(asked):] @ vectors[:len(asked)].T >= floor).any(axis=1)
    return frozenset(t for t, c in zip(terms, close) if c)
