"""The forms of common irregular English verbs, so "who won" meets "by winning" and "who led" meets "leads".

The stemmer folds regular forms ("attacked", "attacks" → attack) but not irregular ones ("won" stays "won",
"winning" → "win"). General English, not words of any corpus. Forms that are more often another word are
left out: "found" (to set up), "left" (the side), "saw", "rose", "wound", "bound", "lay", "felt", "ground"; and
so are light verbs ("take", "come", "make", "give", "hold"…), whose forms mostly sit in idioms ("took place").
"""
from __future__ import annotations

import functools
import re

from vectorstore.tokens import tokenize

# base, past, past participle (when it differs)
_VERBS = """
arise arose arisen; bear bore borne; beat beat beaten; begin began begun; bite bit bitten; blow blew blown;
break broke broken; build built; buy bought; catch caught; choose chose chosen; deal dealt; draw drew drawn;
drive drove driven; eat ate eaten; fall fell fallen; feed fed; fight fought; find found; flee fled;
fly flew flown; forbid forbade forbidden; forget forgot forgotten; forgive forgave forgiven;
freeze froze frozen; grow grew grown; hang hung; hear heard; hide hid hidden; lead led; lend lent; lose lost;
meet met; overcome overcame; oversee oversaw overseen; overthrow overthrew overthrown; pay paid;
ride rode ridden; ring rang rung; rise rose risen; run ran; seek sought; sell sold; send sent;
shake shook shaken; shoot shot; show showed shown; sing sang sung; sink sank sunk; sleep slept;
speak spoke spoken; spend spent; steal stole stolen; strike struck stricken; swear swore sworn;
swim swam swum; teach taught; tear tore torn; tell told; throw threw thrown; undertake undertook undertaken;
understand understood; uphold upheld; wake woke woken; wear wore worn; win won; withdraw withdrew withdrawn;
write wrote written
"""
_AMBIGUOUS = frozenset(["found", "left", "saw", "rose", "wound", "bound", "lay", "felt", "ground"])


@functools.cache
def _families() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for row in _VERBS.split(";"):
        words = [w for w in row.split() if w not in _AMBIGUOUS]
        family = frozenset(t for w in words for t in tokenize(w) if len(t) > 2)
        for term in family:
            out[term] = out.get(term, frozenset()) | family
    return out


def forms(term: str) -> frozenset[str]:
    """The stemmed terms of every form of the verb a term is a form of ("won" → win, won); empty when it
    is no irregular verb's."""
    return _families().get(term, frozenset())


# common abbreviations and the words they stand for: "Gen Kenneth McKenzie" is a general, "TV" television,
# a "CEO" a chief executive
_ABBREVIATIONS = """gen general; lt lieutenant; col colonel; maj major; sgt sergeant; capt captain; adm admiral;
gov governor; sen senator; prof professor; tv television; govt government; intl international;
ceo chief executive; cfo chief financial; coo chief operating; cto chief technology; gdp gross domestic product"""


@functools.cache
def _spelled() -> dict[str, frozenset[str]]:
    """A one-word abbreviation and its word, each to both ("gen": gen, general)."""
    out: dict[str, frozenset[str]] = {}
    for short, words in _rows():
        if len(words) == 1:
            out[short] = out[next(iter(words))] = words | {short}
    return out


@functools.cache
def _rows() -> tuple[tuple[str, frozenset[str]], ...]:
    rows = ([t for w in row.split() for t in tokenize(w)] for row in _ABBREVIATIONS.split(";"))
    return tuple((short, frozenset(words)) for short, *words in rows)


def abbreviated(term: str) -> frozenset[str]:
    """The terms of a one-word abbreviation and the word it stands for ("gen" → gen, general); empty for others."""
    return _spelled().get(term, frozenset())


def stands_for(term: str) -> frozenset[str]:
    """The terms of the words an abbreviation stands for ("ceo": chief, executive); empty for other terms."""
    return next((words for short, words in _rows() if short == term), frozenset())


def written_in(term: str, terms: frozenset[str]) -> bool:
    """terms write the term another way: its abbreviation or word ("tv" / "television"), or every word an
    abbreviation stands for ("ceo": chief, executive; "chief" alone is no CEO)."""
    words = stands_for(term)
    return bool(abbreviated(term) & terms) or len(words) > 1 and words <= terms


@functools.cache
def _phrases() -> dict[str, re.Pattern[str]]:
    """An abbreviation of several words and the phrase it stands for, written out ("ceo": "chief executive")."""
    out: dict[str, re.Pattern[str]] = {}
    for row in _ABBREVIATIONS.split(";"):
        short, *words = row.split()
        if len(words) > 1:
            out[tokenize(short)[0]] = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)
    return out


def spelled_out(term: str, text: str) -> bool:
    """The text writes the abbreviation's words as one phrase: "Chief executive X, 57," is a CEO; "the chief
    executives of A and B" are no one CEO, nor is "chief" here and "executive" there."""
    phrase = _phrases().get(term)
    return phrase is not None and phrase.search(text) is not None

