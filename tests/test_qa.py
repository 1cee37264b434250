"""Answers and citations through the public Python API, on the real seed index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import qa
from qa import QA, Answer, QuestionError, Settings, StoreError

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = [json.loads(line) for line in (REPO / "eval" / "questions.jsonl").read_text().splitlines() if line.strip()]


def file_text(settings: Settings, source: str) -> str:
    return (settings.corpus / source).read_bytes().decode("utf-8")


def test_public_surface_matches_all() -> None:
    exported = {name for name in dir(qa) if not name.startswith("_") and name[0].isupper()}
    assert set(qa.__all__) == exported
    assert {"QA", "Answer", "Citation"} <= set(qa.__all__)


def test_the_araji_question_cites_the_announcement(seed_engine: QA, seed_settings: Settings) -> None:
    answer = seed_engine.ask("Who announced that the US combat mission in Iraq had ended?")
    assert not answer.abstained
    araji = [c for c in answer.citations if c.source == "002_d51dfcde1446253d.txt" and "Araji" in c.quote]
    assert araji, answer.to_dict()
    assert f"[{araji[0].id}]" in answer.text


@pytest.mark.parametrize("item", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_every_citation_quote_is_the_file_text_at_its_offsets(
    seed_engine: QA, seed_settings: Settings, item: dict
) -> None:
    answer = seed_engine.chat(item["question"], item.get("history", []))
    for citation in answer.citations + answer.related:
        text = file_text(seed_settings, citation.source)
        assert text[citation.start : citation.end] == citation.quote
    for citation in answer.citations:
        assert f"[{citation.id}]" in answer.text
    assert [c.id for c in answer.citations] == list(range(1, len(answer.citations) + 1))


@pytest.mark.parametrize(
    "question",
    [
        "How many US troops are in Syria?",
        "What did the Pope say about the withdrawal from Iraq?",
        "Who won the 2022 FIFA World Cup in Qatar?",
    ],
)
def test_off_corpus_questions_abstain_with_related_passages(seed_engine: QA, question: str) -> None:
    answer = seed_engine.ask(question)
    assert answer.abstained
    assert answer.text == "I couldn't find this in the articles."
    assert answer.citations == ()
    assert answer.related, "the closest passages are listed as related"
    assert "2,500" not in answer.text


def test_answer_to_dict_has_exactly_the_documented_shape(seed_engine: QA) -> None:
    data = seed_engine.ask("How many US troops are in Iraq?").to_dict()
    assert list(data) == ["question", "answer", "abstained", "citations", "related", "timings_ms",
                          "mode", "sentences", "warnings", "short"]
    assert list(data["citations"][0]) == ["id", "source", "title", "quote", "start", "end", "score"]
    assert set(data["timings_ms"]) == {"retrieve", "answer", "total"}
    assert "2,500" in data["answer"]
    json.dumps(data)


def test_follow_up_uses_the_conversation(seed_engine: QA) -> None:
    answer = seed_engine.chat(
        "What did he say the withdrawal must include?", ["Who is the spokesman of the Nujaba movement?"]
    )
    assert "Nujaba" in answer.searched
    assert answer.citations[0].source == "003_bd22bb8292cb2a93.txt"
    assert "air force" in answer.text


@pytest.mark.parametrize("question", ["", "   \n\t ", "x" * 2001])
def test_bad_questions_are_typed_errors_that_say_the_fix(seed_engine: QA, question: str) -> None:
    with pytest.raises(QuestionError) as info:
        seed_engine.ask(question)
    assert "empty" in str(info.value) or "shorten" in str(info.value)


def test_hybrid_retrieval_returns_top_k_passages_in_file_offsets(seed_engine: QA, seed_settings: Settings) -> None:
    passages = seed_engine.retrieve("Nasr al-Shammari Nujaba spokesman")
    assert len(passages) == seed_settings.top_k
    assert "003_bd22bb8292cb2a93.txt" in [p.source for p in passages[:3]]
    for p in passages:
        assert file_text(seed_settings, p.source)[p.start : p.end] == p.text


def test_no_store_and_no_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="citeqa ingest"):
        QA.open(Settings(corpus=tmp_path / "missing", data_dir=tmp_path / "data"))


def test_open_indexes_the_corpus_when_there_is_no_store(corpus_settings: Settings) -> None:
    engine = QA.open(corpus_settings)
    assert len(engine.articles()) == 5
    assert isinstance(engine.ask("Who is the spokesman of the Nujaba movement?"), Answer)
