"""QA.stream() is one AnswerStream in both modes. The LLM here is a scripted stand-in: the real server
path is tests/test_llm.py; this checks the stream's contract and the fallback on a typed LLM error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from qa import QA, AnswerStream, LLMTimeoutError, QuestionError
from qa.generative import GenerativeAnswerer
from qa.verify import Verifier

TROOPS = "How many US troops are in Iraq?"


class ScriptedModel:
    """Writes a fixed reply in pieces, or fails as a backend would after mapping (a typed LLMError)."""

    def __init__(self, pieces: list[str], error: Exception | None = None) -> None:
        self.pieces, self.error = pieces, error

    def stream(self, messages: object) -> Iterator[str]:
        if self.error:
            raise self.error
        yield from self.pieces

    def complete(self, messages: object) -> str:
        return "".join(self.pieces)


@pytest.fixture()
def llm_engine(seed_engine: QA) -> Iterator[QA]:
    """The shared seed engine, its answerer restored after the test gives it a scripted model."""
    saved = seed_engine._generator
    yield seed_engine
    seed_engine._generator = saved


def with_model(engine: QA, model: ScriptedModel) -> QA:
    encode = engine._index.embed_model.encode
    engine._generator = GenerativeAnswerer(model, Verifier(encode), engine._answerer, 4096, 320)  # type: ignore[arg-type]
    return engine


def test_extractive_stream_is_one_delta_then_the_answer(seed_engine: QA) -> None:
    stream = seed_engine.stream(TROOPS)
    assert isinstance(stream, AnswerStream) and not stream.done
    deltas = list(stream)
    answer = stream.answer()
    assert stream.done and deltas == [answer.text] and "2,500" in answer.text
    assert list(stream) == [] and stream.answer() is answer  # read once; the answer stays


def test_llm_stream_yields_the_models_words_then_the_verified_answer(llm_engine: QA) -> None:
    engine = with_model(llm_engine, ScriptedModel(["About 2,500 US ", "troops are in Iraq [1]."]))
    stream = engine.stream(TROOPS)
    assert list(stream) == ["About 2,500 US ", "troops are in Iraq [1]."]
    answer = stream.answer()
    assert answer.mode == "llm" and answer.citations and "2,500" in answer.citations[0].quote


def test_answer_alone_runs_the_stream_to_its_end(llm_engine: QA) -> None:
    engine = with_model(llm_engine, ScriptedModel(["About 2,500 US troops are in Iraq [1]."]))
    assert engine.stream(TROOPS).answer().mode == "llm"
    assert engine.ask(TROOPS).mode == "llm"


def test_a_typed_llm_error_ends_the_stream_with_the_extractive_answer(llm_engine: QA) -> None:
    error = LLMTimeoutError("the LLM at test timed out (read) — raise CITEQA_LLM_TIMEOUT or use a faster model")
    engine = with_model(llm_engine, ScriptedModel([], error))
    stream = engine.stream(TROOPS)
    assert list(stream) == []
    answer = stream.answer()
    assert answer.mode == "extractive" and "2,500" in answer.text
    assert answer.warnings and "CITEQA_LLM_TIMEOUT" in answer.warnings[0]


def test_the_question_is_checked_when_the_stream_is_asked_for(seed_engine: QA) -> None:
    with pytest.raises(QuestionError, match="empty"):
        seed_engine.stream(" \x00 ")
