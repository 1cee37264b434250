"""Follow-ups without an LLM: context is carried only when the question leans on the conversation."""

from __future__ import annotations

import pytest

from qa.conversation import standalone_query

NUJABA = ["Who is the spokesman of the Nujaba movement?"]


@pytest.mark.parametrize(
    "history, question, carried",
    [
        (NUJABA, "What did he say the withdrawal must include?", "Nujaba"),
        (["Who leads the Fatah coalition?"], "And the Hikma Movement?", "Fatah"),
        (["Who is the Iraqi parliament speaker?"], "What did they call it?", "speaker"),
    ],
)
def test_referring_and_elliptical_follow_ups_carry_the_last_turn(history, question, carried) -> None:
    query = standalone_query(history, question)
    assert query.startswith(question) and carried in query


@pytest.mark.parametrize("question", ["How many US troops are in Iraq?", "Who announced the end of the combat mission in Iraq?"])
def test_self_contained_questions_are_searched_as_asked(question: str) -> None:
    assert standalone_query(NUJABA, question) == question


def test_no_history_means_no_change() -> None:
    assert standalone_query([], "What did he say?") == "What did he say?"
    assert standalone_query(["  "], "What did he say?") == "What did he say?"
