"""Many threads at once, and questions while a sync rewrites the index: answers, never errors."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from eval.bench_corpus import generate
from qa import QA, Settings

QUESTIONS = {
    "How many US troops are in Iraq?": "2,500",
    "Who is the spokesman of the Nujaba movement?": "Shammari",
    "Who announced that the US combat mission in Iraq had ended?": "Araji",
}


@pytest.mark.slow
def test_fifty_parallel_asks_all_return_their_own_correct_answer(seed_engine: QA) -> None:
    asked = [q for q in QUESTIONS for _ in range(17)][:50]
    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(seed_engine.ask, asked))
    for question, answer in zip(asked, answers):
        assert answer.question == question
        assert QUESTIONS[question] in answer.text


@pytest.mark.slow
def test_questions_during_a_sync_get_answers(corpus_settings: Settings, tmp_path: Path) -> None:
    engine = QA.open(corpus_settings)
    generate(corpus_settings.corpus / "more", 40)  # a sync with real work to do
    errors: list[BaseException] = []
    answers = []
    syncing = threading.Thread(target=lambda: engine.sync())
    syncing.start()
    while syncing.is_alive() or not answers:
        try:
            answers.append(engine.ask("How many US troops are in Iraq?"))
        except BaseException as exc:  # noqa: BLE001 — any error at all fails the test below
            errors.append(exc)
    syncing.join()
    assert not errors
    assert all("2,500" in a.text for a in answers)
    assert len(engine.articles()) == 45
