"""Cleaning, sentence splitting and chunking keep exact offsets into the original file."""

from __future__ import annotations

from pathlib import Path

import pytest

from vectorstore.chunk import chunk_spans
from vectorstore.clean import article_title, content_blocks
from vectorstore.sentences import sentence_spans
from vectorstore.tokens import tokenize

SEEDS = sorted((Path(__file__).resolve().parents[1] / "corpus").glob("*.txt"))
BOILERPLATE = [
    "Read More",
    "You may also like",
    "Related Posts",
    "Oops!",
    "Something went wrong",
    "In this article:",
    "Tunisia",  # an unrelated headline after "Read More"
    "Our goal is to create a safe",
    "Powered by automated translation",
]


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_chunks_are_exact_slices_without_boilerplate(path: Path) -> None:
    text = read(path)
    spans = chunk_spans(text, 700)
    assert spans, "every seed article yields chunks"
    body = "\n".join(text[s:e] for s, e in spans)
    for phrase in BOILERPLATE:
        assert phrase not in body, f"{phrase!r} was indexed from {path.name}"
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()


def test_duplicated_caption_and_title_are_indexed_once() -> None:
    text = read(SEEDS[1])
    caption = "A supporter of Iran-backed Iraqi Shiite armed groups"
    assert text.count(caption) == 2
    body = "\n".join(text[s:e] for s, e in chunk_spans(text, 700))
    assert body.count(caption) == 1
    title = read(SEEDS[0]).splitlines()[0]
    assert "\n".join(read(SEEDS[0])[s:e] for s, e in chunk_spans(read(SEEDS[0]), 700)).count(title) == 1


def test_content_ends_at_read_more() -> None:
    text = read(SEEDS[2])
    last = content_blocks(text)[-1][-1]
    assert text[last.start : last.end] == "Mustafa Salim contributed to this report."


def test_sentences_respect_abbreviations_initials_and_titles() -> None:
    text = (
        "Headline Without A Stop\nIn a statement, Maj. Gen. John W. Brennan Jr., said the U.S. Embassy "
        "would stay by Dec. 31. Troops left. “We are waiting,” he said.“Next quote.”"
    )
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == [
        "Headline Without A Stop",
        "In a statement, Maj. Gen. John W. Brennan Jr., said the U.S. Embassy would stay by Dec. 31.",
        "Troops left.",
        "“We are waiting,” he said.",
        "“Next quote.”",
    ]


def test_a_quotation_of_several_sentences_stays_with_its_attribution() -> None:
    text = "He spoke. “We have no confidence. We oppose it,” Nasr said. Then he left."
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == ["He spoke.", "“We have no confidence. We oppose it,” Nasr said.", "Then he left."]


def test_a_line_break_inside_a_sentence_does_not_split_it() -> None:
    text = read(SEEDS[3])
    sentences = [text[s:e] for block in content_blocks(text) for p in block for s, e in sentence_spans(text, p.start, p.end)]
    assert any("Abu Mahdi\nal-Muhandis, were carried out by its air force" in s for s in sentences)


def test_title_is_first_non_empty_line() -> None:
    assert article_title("\n\n# A Title \nbody") == "A Title"
    assert article_title(read(SEEDS[3])) == "Iraqi Groups Demand Complete U.S. Withdrawal"


def test_tokenize_folds_us_numbers_and_stems() -> None:
    assert tokenize("The U.S. has 2,500 troops") == ["usa", "2500", "troop"]
    assert tokenize("US America Americans")[0] == tokenize("U.S.")[0] == "usa"
    assert tokenize("announced")[0] == tokenize("announcement")[0]
