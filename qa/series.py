"""The items of a coordinated series in a sentence ("security, counterterrorism, economics and energy";
"including the army and law enforcement"): the answer to a list question whose items are things, not
names ("what topics do the talks cover"). Each item is an exact span of the sentence."""

from __future__ import annotations

import itertools
import re

from vectorstore.tokens import STOP_WORDS, tokenize

Span = tuple[int, int]

MAX_ITEM_WORDS = 3
_WORD = re.compile(r"\d{1,3}(?:,\d{3})+|[\w’'-]+")  # "1,800 parking spaces": a number with its commas is one word
_INTRODUCED = re.compile(r"(?:\b(?:including|includes|include|included|such as|like|namely)\s+|:\s*)(?:(?:the|a|an|its|their)\s+)?$",
                         re.IGNORECASE)
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # few, in words
# a counted noun a series stands beside, set apart by commas ("The two vehicles, a van and a hatchback, will …"):
# the series has as many items as it counts
_COUNTED_BESIDE = re.compile(rf"\b({'|'.join(COUNTS)})\s+(?:[\w’'-]+\s+){{0,2}}[\w’'-]+s,\s*"
                             r"(?:(?:the|a|an|its|their)\s+)?$", re.IGNORECASE)
# words that open what follows a series, not an item of it (a clause, "according to …", "along with …")
_CLAUSE_OPENERS = frozenset(["although", "though", "while", "whereas", "because", "but", "unless", "since", "after",
                             "before", "when", "which", "who", "where", "according", "along"])
_INCLUDES = frozenset(["including", "includes", "include", "included"])  # a verb leading into a series
_JOINER = re.compile(r"^\s*(?:,\s*(?:and|or)?|and|or|as well as)\s*$", re.IGNORECASE)
_SPEAKER_AFTER = re.compile(r"\s+(?:said|says|told|added|reported|announced)\b", re.IGNORECASE)
_DETERMINER = frozenset(["the", "a", "an", "its", "their", "his", "her", "our", "both", "either"])


def series_spans(sentence: str, asked: frozenset[str] = frozenset()) -> list[Span]:
    """The items of a series in the sentence: three or more joined by commas and a last "and"/"or", or two or
    more after "including", "such as" or a colon; of several, the one the question's words lead into. The
    first item drops the words that lead into the series (a stop word, a word of the question, `asked`) and
    is no longer than the longest other one."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(sentence)]
    found = [items for i in range(len(words)) if (items := _series_from(sentence, words, i, asked))]
    # the series set apart beside a counted noun; the one the question's words lead into ("forces, including the
    # army and …"); else the longest
    return max(found, key=lambda items: (_COUNTED_BESIDE.search(sentence[:items[0][0]]) is not None,
                                         _led_by(sentence, items[0][0], asked), len(items)), default=[])


def _led_by(sentence: str, start: int, asked: frozenset[str]) -> bool:
    return bool(set(tokenize(sentence[max(0, start - 40):start])[-4:]) & asked)


def _series_from(sentence: str, words: list[Span], i: int, asked: frozenset[str]) -> list[Span]:
    """The series whose first item ends with words[i]; later items are runs of up to three words that are
    not stop words (after a determiner), joined by a comma, "and" or "or"."""
    items: list[Span] = []
    j = i + 1
    end_of_last = words[i][1]
    with_and = False
    while j < len(words):
        while j < len(words) and sentence[words[j][0]:words[j][1]].lower() in ("and", "or", "as", "well"):
            j += 1
        if j == len(words):
            break
        joiner = sentence[end_of_last:words[j][0]]
        if not _JOINER.match(joiner):
            break
        k = j
        while k < len(words) and sentence[words[k][0]:words[k][1]].lower() in _DETERMINER:
            k += 1
        if k == len(words) or sentence[words[k][0]:words[k][1]].lower() in _CLAUSE_OPENERS:
            break  # "… and the" at the text's end; ", although the city …": a clause, no item
        end = k
        if k > j and k + 1 < len(words) and sentence[words[k][0]:words[k][1]].isalpha() \
                and _content(sentence, words[k + 1]):
            end = k + 1  # after a determiner, an adjective that is a stop word ("a new tram stop")
        while end < len(words) and end - k < MAX_ITEM_WORDS and _content(sentence, words[end]) \
                and (end == k or re.fullmatch(r"\s+", sentence[words[end - 1][1]:words[end][0]])):
            end += 1
        if end == k:
            break
        end = _with_tail(sentence, words, end)
        if _SPEAKER_AFTER.match(sentence, words[end - 1][1]):
            break  # "…, 9 heart procedures, the clinic said": who said it is no item
        items.append((words[k][0], words[end - 1][1]))
        with_and = with_and or re.search(r"\b(?:and|or)\b", joiner) is not None
        end_of_last = words[end - 1][1]
        j = end
    if not items:
        return []
    beside = _counted_series(sentence, words, i, asked, items)
    if beside:
        return beside
    longest = max(len(_WORD.findall(sentence[a:b])) for a, b in items)
    first = _first_item(sentence, words, i, asked, longest)
    if first is None:
        return []
    items.insert(0, first)
    commas = sum("," in sentence[a[1]:b[0]] for a, b in itertools.pairwise(items))
    introduced = _INTRODUCED.search(sentence[:first[0]]) is not None
    if not ((len(items) >= 3 and commas >= 1 and with_and) or introduced):
        return []
    # "For a year, Baghdad and X"; "housing troops, using drones and rockets": no series; "watering gardens,
    # filling pools or washing cars": a series of doings
    doings = {_participle(sentence, a, b) for a, b in items}
    if len({sentence[a].isupper() for a, _ in items}) > 1 or doings == {True, False}:
        return []
    return items


def _counted_series(sentence: str, words: list[Span], i: int, asked: frozenset[str], later: list[Span]) -> list[Span]:
    """The series set apart beside a counted noun ("The two vehicles, a blue Ford Transit van and a silver
    hatchback,"): its first item (up to one word longer than the others may be) and as many more as it counts."""
    first = _first_item(sentence, words, i, asked, MAX_ITEM_WORDS + 1)
    counted = _COUNTED_BESIDE.search(sentence[:first[0]]) if first else None
    many = COUNTS[counted.group(1).lower()] if counted else 0
    if first is None or not many or len(later) < many - 1:
        return []
    items = [first, *later[:many - 1]]
    return items if len({sentence[a].isupper() for a, _ in items}) == 1 else []


_TAIL = frozenset(["of", "from", "for", "in", "on", "at", "to", "with"])
MAX_TAIL_WORDS = 2  # "from age 58"; a longer phrase ("of foreign-registered trading firms") is no tail


def _with_tail(sentence: str, words: list[Span], end: int) -> int:
    """An item goes on through a short phrase after a preposition when the series goes on after it, past a comma
    ("early retirement from age 58, and …"); the last item's phrase may be a clause of its own, so it is left out."""
    if end >= len(words) or sentence[words[end][0]:words[end][1]].lower() not in _TAIL:
        return end
    k = end + 1
    while k < len(words) and _content(sentence, words[k]) and re.fullmatch(r"\s+", sentence[words[k - 1][1]:words[k][0]]):
        k += 1
    told = k - end - 1
    if not 0 < told <= MAX_TAIL_WORDS or k == len(words):
        return end
    return k if re.match(r"\s*,", sentence[words[k - 1][1]:words[k][0]]) else end


def _participle(sentence: str, start: int, end: int) -> bool:
    """The item opens with a verb's -ing form ("using drones"); after a determiner it is an adjective ("the
    missing footage")."""
    first = _WORD.match(sentence, start)
    determined = re.search(r"\b(?:the|a|an|its|their|his|her)\s+$", sentence[max(0, start - 8):start], re.IGNORECASE)
    return first is not None and first.group().lower().endswith("ing") and len(first.group()) > 5 and not determined


def _first_item(sentence: str, words: list[Span], i: int, asked: frozenset[str], longest: int) -> Span | None:
    """The first item: words[i] and the content words before it, at most `longest`, stopping at a stop
    word, a determiner or a word of the question (what leads into the series: "also cover security")."""
    k = i
    while k >= 0 and i - k < longest:
        text = sentence[words[k][0]:words[k][1]].lower()
        # the item's own last word may be the asked noun ("which systems": "the clinic's records system, …")
        if text in STOP_WORDS or text in _DETERMINER or text in _INCLUDES or k < i and set(tokenize(text)) & asked:
            break
        if k < i and not re.fullmatch(r"\s+", sentence[words[k][1]:words[k + 1][0]]):
            break
        k -= 1
    if k == i:
        return None
    return words[k + 1][0], words[i][1]


def _content(sentence: str, word: Span) -> bool:
    return sentence[word[0]:word[1]].lower() not in STOP_WORDS
