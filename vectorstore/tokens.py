"""Word tokens for BM25 and word overlap: lower-cased, stop words out, light stemming, and the other
names of a country or organisation (vectorstore/aliases.toml) folded into one token."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

import Stemmer

_STEMMER = Stemmer.Stemmer("english")
TOKENIZER = "snowball-english-3"  # recorded in the index; change it when tokenize() changes
_WORD = re.compile(r"[^\W_]+(?:[.’'][^\W_]+)*\.?")
_NUMBER_COMMAS = re.compile(r"(?<=\d),(?=\d{3}\b)")
# "co-ordination" and "coordination" are one word: a hyphen after a bound prefix also gives the joined form
_BOUND_PREFIX = re.compile(r"\b(co|re|pre|non|e)-([^\W\d_]+)", re.IGNORECASE)
STOP_WORDS = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "also", "said", "says", "say", "told", "according", "one", "ones", "many", "much", "new", "did", "does", "whose", "whether", "within", "without", "upon", "per", "via", "yet", "still", "us"]
)
# Words after which a lower-case "us" is the pronoun ("told us", "for us"), not the country.
_PRONOUN_US_BEFORE = frozenset(
    ["told", "tell", "tells", "telling", "give", "gave", "gives", "giving", "show", "showed", "shows", "let", "lets", "help", "helped", "helps", "join", "joined", "joins", "ask", "asked", "asks", "sent", "send", "sends", "gets", "got", "make", "made", "makes", "keep", "kept", "called", "call", "calls", "for", "to", "with", "of", "from", "about", "against", "like", "among", "between", "by", "at", "on", "behind", "before", "after", "around", "toward", "towards"]
)
_PRONOUN_US_AFTER = frozenset(["the", "a", "an", "that", "this", "what", "how", "why", "when", "where", "who", "about", "to", "in", "on", "at", "with", "from", "and", "or", "but", "all", "both", "know"])


def _load_aliases() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, str]]:
    table = tomllib.loads((Path(__file__).with_name("aliases.toml")).read_text(encoding="utf-8"))
    canon: dict[str, str] = {}
    exact, anycase = [], []
    for key, forms in table.items():
        for form in forms:
            canon[form.lower()] = key
            plain = form.replace(".", "")
            (exact if plain.isupper() else anycase).append(form)

    def pattern(forms: list[str], flags: int) -> re.Pattern[str] | None:
        if not forms:
            return None
        ordered = sorted(forms, key=len, reverse=True)  # the longest form first: "United States of America"
        return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in ordered) + r")(?![\w])", flags)

    return pattern(exact, 0), pattern(anycase, re.IGNORECASE), canon


_EXACT, _ANYCASE, _CANON = _load_aliases()
ALIAS_TOKENS = frozenset(_CANON.values())


def tokenize(text: str) -> list[str]:
    """Content terms of text, in order; 'U.S.', 'US', 'United States' and 'America' all become 'usa'."""
    text = _fold_aliases(text)
    terms: list[str] = []
    text = _BOUND_PREFIX.sub(r"\1 \2 \1\2", _NUMBER_COMMAS.sub("", text))
    words = _WORD.findall(text.replace("-", " "))
    for i, raw in enumerate(words):
        if raw == "us" and _country_us(words, i):
            terms.append("usa")
            continue
        word = raw.replace(".", "").replace("’", "'").lower()
        word = word.removesuffix("'s")
        word = word.replace("'", "")
        if word in ALIAS_TOKENS:
            terms.append(word)
        elif word and word not in STOP_WORDS:
            terms.append(stem(word))
    return terms


def _fold_aliases(text: str) -> str:
    """Every alias form replaced by its key (a single token the stemmer leaves alone)."""
    for pattern in (_EXACT, _ANYCASE):
        if pattern is not None:
            text = pattern.sub(lambda m: f" {_CANON[m.group().lower()]} ", text)
    return text


def _country_us(words: list[str], i: int) -> bool:
    """A lower-case "us" means the country in "us troops" or "the us", not in "told us the plan"."""
    before = words[i - 1].lower() if i else ""
    after = words[i + 1].lower() if i + 1 < len(words) else ""
    if before in ("the",):
        return True
    if before in _PRONOUN_US_BEFORE or not after or after in _PRONOUN_US_AFTER:
        return False
    return after not in STOP_WORDS


def stem(word: str) -> str:
    """Snowball English stem, so 'announced' meets 'announcement' and 'troops' meets 'troop'."""
    if word.isdigit():
        return word
    return _stem_word(word)


@lru_cache(maxsize=200_000)
def _stem_word(word: str) -> str:
    return _STEMMER.stemWord(word)
