"""Follow-ups without an LLM: context is carried only when the question leans on the conversation, and
a pronoun becomes the subject the previous answer led with."""

from __future__ import annotations

import pytest

from qa.conversation import standalone_query

SPOKESMAN = ["Who is the spokesman of the Nujaba movement?"]


@pytest.mark.parametrize(
    "history, question, carried",
    [
        (SPOKESMAN, "What did he say the withdrawal must include?", "Nujaba"),
        (["Who leads the Fatah coalition?"], "And the Hikma Movement?", "Fatah"),
        (["Who is the Iraqi parliament speaker?"], "What did they call it?", "speaker"),
    ],
)
def test_referring_and_elliptical_follow_ups_carry_the_last_turn(history, question, carried) -> None:
    query = standalone_query(history, question)
    assert query.startswith(question) and carried in query


def test_a_pronoun_resolves_to_the_previous_answers_subject() -> None:
    query = standalone_query(["Who is the mayor of Kellford?"], "What did she say about the stadium?",
                             subject="Maria Lopez")
    assert query.startswith("What did Maria Lopez say about the stadium?")
    assert standalone_query(["Who runs the club?"], "What is his plan?", subject="Anton Weller") \
        .startswith("What is Anton Weller’s plan?")


@pytest.mark.parametrize("question", ["How many US troops are in Iraq?", "Who announced the end of the combat mission in Iraq?"])
def test_self_contained_questions_are_searched_as_asked(question: str) -> None:
    assert standalone_query(SPOKESMAN, question) == question


def test_no_history_means_no_change() -> None:
    assert standalone_query([], "What did he say?") == "What did he say?"
    assert standalone_query(["  "], "What did he say?") == "What did he say?"
