"""Countries and international organisations a question may name in any case (qa/gazetteer.toml).

"what did jordan say" names a country as surely as "What did Jordan say": the answerer checks that some
article mentions it (under any of its forms) before answering, as it does for capitalised names.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from vectorstore.tokens import tokenize


@lru_cache(maxsize=1)
def _data() -> dict[str, dict[str, list[str]]]:
    return tomllib.loads(Path(__file__).with_name("gazetteer.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    data = _data()
    terms_of: dict[str, frozenset[str]] = {}
    for section in data.values():
        for name, others in section.items():
            forms = [name, *others]
            terms = frozenset(t for form in forms for t in tokenize(form))
            for form in forms:
                terms_of[form] = terms
    ordered = sorted(terms_of, key=len, reverse=True)  # "papua new guinea" before "guinea"
    pattern = re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(f) for f in ordered) + r")(?![\w-])")
    return pattern, terms_of


def named(text: str) -> tuple[frozenset[str], ...]:
    """For each country or organisation the text names, the terms of all its forms ("french" → the
    terms of "france" and "french"): an article mentioning any of them mentions it."""
    pattern, terms_of = _table()
    found = dict.fromkeys(terms_of[m.group()] for m in pattern.finditer(text.lower()))
    return tuple(t for t in found if t)


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    return frozenset(form for others in _data()["countries"].values() for form in others
                     if " " not in form and re.search(r"(?:an|ans|ish|ese|i|is|ic|ch)$", form))


def is_demonym(word: str) -> bool:
    """ "Iraqi", "American", "French": a country's people or adjective, not a place."""
    return word.lower() in _demonyms()
