"""What a question asks for (a person, a number, a date, a place) and whether a sentence offers it."""

from __future__ import annotations

import re

from vectorstore.tokens import STOP_WORDS, tokenize

_MONTHS = "january february march april may june july august september october november december"
_DAYS = "monday tuesday wednesday thursday friday saturday sunday"
_MONTH_WORDS = _MONTHS.replace(" ", "|")
_DAY_WORDS = _DAYS.replace(" ", "|")
_DATE = re.compile(
    rf"\b(?:(?:{_MONTH_WORDS}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?|{_DAY_WORDS}|(?:19|20)\d\d|"
    r"(?:last|this|next) (?:year|month|week)|yesterday|today|\d{1,2}:\d\d)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|"
    r"dozen|dozens|half|third|quarter)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?:[A-Z][\w’'.-]+|al-[A-Z][\w-]+)(?:\s+(?:[A-Z][\w’'.-]+|al-[A-Z][\w-]+|al|bin|ibn|de|van)){1,4}")
_PLACE = re.compile(r"\b(?:in|at|to|from|near|outside|across)\s+(?:the\s+)?([A-Z][\w-]+)")
_HEDGE = re.compile(
    r"\b(?:it is not known|it is unclear|is not known|not yet (?:known|clear)|remains unclear|"
    r"no one knows|did not (?:say|disclose|reveal))\b",
    re.IGNORECASE,
)
_CALENDAR = frozenset((_MONTHS + " " + _DAYS).split()) | {"jan", "feb", "aug", "sept", "oct", "nov", "dec"}
_LEAD_WORDS = STOP_WORDS | {"name", "list", "give", "tell", "describe", "explain", "according"}


def answer_type(question: str) -> str:
    """'count', 'date', 'person', 'place' or 'other'."""
    # the question itself: no leading "and"/"but", no context a follow-up carried over in brackets
    q = re.sub(r"\s*\([^)]*\)\s*$", "", question.lower().strip())
    q = re.sub(r"^(and|but|so|also|then|ok|okay)[,]?\s+", "", q)
    if re.match(r"(how (many|much|long|far|old)|what (number|percentage|share|proportion))\b", q):
        return "count"
    if re.match(r"(when|what (year|date|day|month|time)|on what (day|date)|in what year|which (year|day|month))\b", q):
        return "date"
    if re.match(r"(who|whom|whose)\b", q) or re.search(r"\b(name of|which (person|official|leader|cleric|commander|group))\b", q):
        return "person"
    if re.match(r"(where|in (what|which) (city|country|province|place)|what (city|country|province))\b", q):
        return "place"
    if re.match(r"(what|which)\b", q) or not re.match(r"(why|how|is|are|was|were|do|does|did|can)\b", q):
        return _keyword_type(q)  # "Super Bowl 2021 location", "What was Tesla's revenue in Q1?"
    return "other"


def _keyword_type(q: str) -> str:
    """The answer type of a question without a telling wh-word, from the noun that names the slot."""
    if re.search(r"\b(location|venue|where|held|city|country|headquarter(s|ed)?)\b", q):
        return "place"
    if re.search(r"\b(revenue|price|cost|population|number|amount|profit|sales|budget|score|total)\b", q):
        return "count"
    if re.search(r"\b(release date|date|year|released|launched|founded|premiered?)\b", q):
        return "date"
    if re.search(r"\b(ceo|founder|winner|won|president|chairman|director|acquired|bought|owner)\b", q):
        return "person"
    return "other"


def offers(kind: str, sentence: str, question: str) -> bool:
    """Whether the sentence holds something of the asked kind that the question does not already say."""
    q_lower = question.lower()
    if kind == "count":
        return any(m.group().lower() not in q_lower for m in _NUMBER.finditer(sentence))
    if kind == "date":
        return any(m.group().lower() not in q_lower for m in _DATE.finditer(sentence))
    if kind == "person":
        q_terms = set(tokenize(question))
        return any(not set(tokenize(name)) <= q_terms for name in _names(sentence))
    if kind == "place":
        return any(m.group(1).lower() not in q_lower for m in _PLACE.finditer(sentence))
    return False


def _names(sentence: str) -> list[str]:
    """Runs of two or more capitalised words that are not dates or acronyms: likely names."""
    names = []
    for match in _NAME.finditer(sentence):
        words = [w for w in match.group().split() if w.lower().strip(".") not in _CALENDAR and not w.isupper()]
        if len(words) >= 2:
            names.append(" ".join(words))
    return names


def is_hedge(sentence: str) -> bool:
    """The sentence says the fact is not known."""
    return bool(_HEDGE.search(sentence))


def question_entities(question: str) -> list[str]:
    """Stemmed terms of the question's names and numbers: the things an answer must be about."""
    entities: list[str] = []
    for match in re.finditer(r"[\w’'.-]+", question):
        clean = match.group().strip(".’'-")
        if not clean:
            continue
        before = question[: match.start()].rstrip()
        initial = not before or before[-1] in ".?!:;\"“"
        # A capital at a sentence start says little ("Ignore previous instructions…", "Which …"):
        # there only acronyms and names with an inner capital (al-Sadr, McKenzie) count.
        looks_named = clean.isupper() or any(c.isupper() for c in clean[1:])
        named = clean[0].isupper() and (not initial or looks_named) and clean.lower() not in _LEAD_WORDS
        if named or clean[0].isdigit():
            entities.extend(tokenize(clean))
    return list(dict.fromkeys(entities))


def focus_term(question: str) -> str | None:
    """The question's first content term after the wh-word ('announced' in 'Who announced …')."""
    terms = tokenize(question)
    return terms[0] if terms else None


def offers_with_focus(kind: str, sentence: str, question: str) -> float:
    """1.1 when a person question's answer sits beside its focus term, 1.0 for the asked kind, else 0."""
    if not offers(kind, sentence, question):
        return 0.0
    if kind != "person":
        return 1.0
    focus = focus_term(question)
    return 1.1 if focus and focus in tokenize(sentence) else 0.6
