"""Word tokens for BM25 and word overlap: lower-cased, stop words out, light stemming."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

_STEMMER = Stemmer.Stemmer("english")
TOKENIZER = "snowball-english-1"  # recorded in the index; change it when tokenize() changes
_WORD = re.compile(r"[^\W_]+(?:[.’'][^\W_]+)*\.?")
_NUMBER_COMMAS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_ALIASES = {"us": "usa", "usa": "usa", "america": "usa", "american": "usa", "americans": "usa"}
STOP_WORDS = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "also", "said", "says", "say", "told", "according", "one", "ones", "many", "much", "new", "did", "does", "whose", "whether", "within", "without", "upon", "per", "via", "yet", "still"]
)


def tokenize(text: str) -> list[str]:
    """Content terms of text, in order; 'U.S.', 'US' and 'America' all become 'usa'."""
    terms: list[str] = []
    for raw in _WORD.findall(_NUMBER_COMMAS.sub("", text.replace("-", " "))):
        if raw.isupper() and raw.rstrip(".").replace(".", "").lower() in _ALIASES:
            terms.append("usa")
            continue
        word = raw.replace(".", "").replace("’", "'").lower()
        word = word.removesuffix("'s")
        word = word.replace("'", "")
        word = _ALIASES.get(word, word)
        if word and word not in STOP_WORDS:
            terms.append(stem(word))
    return terms


def stem(word: str) -> str:
    """Snowball English stem, so 'announced' meets 'announcement' and 'troops' meets 'troop'."""
    if word.isdigit():
        return word
    return _stem_word(word)


@lru_cache(maxsize=200_000)
def _stem_word(word: str) -> str:
    return _STEMMER.stemWord(word)
