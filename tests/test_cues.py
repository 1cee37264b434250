"""What a question asks for, and whether a sentence offers it."""

from __future__ import annotations

import pytest

from qa.cues import answer_type, is_hedge, offers, question_entities


@pytest.mark.parametrize(
    "question, kind",
    [
        ("Who announced the end of the mission?", "person"),
        ("How many US troops are in Iraq?", "count"),
        ("When did lawmakers vote?", "date"),
        ("Where did the drones strike?", "place"),
        ("Super Bowl 2021 location", "place"),
        ("What was Tesla's revenue in Q1 2021?", "count"),
        ("When was Splatoon 2 released?", "date"),
        ("And how did he describe the agreement? (Halboosi speaker president)", "other"),
        ("Why did the militias object?", "other"),
    ],
)
def test_answer_type(question: str, kind: str) -> None:
    assert answer_type(question) == kind


def test_offers_needs_something_the_question_does_not_already_say() -> None:
    q = "How many troops will stay in Iraq beyond 2021?"
    assert not offers("count", "It is not known how many troops will stay beyond 2021.", q)
    assert offers("count", "The U.S. currently has about 2,500 troops in Iraq.", q)
    assert offers("person", "Nasr al-Shammari, Nujaba’s spokesman, told Al-Mayadeen.", "Who spoke for Nujaba?")
    assert not offers("person", "Baghdad: groups in Iraq Tuesday welcomed it.", "Who welcomed it?")


def test_hedges_and_entities() -> None:
    assert is_hedge("It is not known how many troops will stay in the country beyond 2021.")
    assert question_entities("How many US troops are in Syria in 2021?") == ["usa", "syria", "2021"]
    assert question_entities("what did he say?") == []
