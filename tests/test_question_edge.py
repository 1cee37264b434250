"""A lone surrogate or an undecodable byte in a question is cleaned at the edge (issue 13, item 8):
through the CLI (a byte the shell could not decode), the Python API and the web queue."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from ui_fixtures import free_port

from qa import QA, QuestionError, Settings

REPO = Path(__file__).resolve().parents[1]
NUJABA = "Who is the spokesman of the Nujaba movement?"


def cli(settings: Settings, *argv: str | bytes) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "CITEQA_CORPUS": str(settings.corpus),
           "CITEQA_DATA_DIR": str(settings.data_dir)}
    return subprocess.run([sys.executable, "-m", "qa", *argv], capture_output=True, env=env, timeout=600,
                          check=False)


def test_cli_question_with_an_undecodable_byte_is_answered(seed_engine: QA, seed_settings: Settings) -> None:
    run = cli(seed_settings, "ask", "--json", b"Who is \xff the spokesman of the Nujaba movement?")
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    answer = json.loads(run.stdout)
    assert answer["question"] == "Who is the spokesman of the Nujaba movement?" and not answer["abstained"]
    assert b"Traceback" not in run.stderr


def test_cli_question_of_only_undecodable_bytes_is_refused_in_one_line(seed_engine: QA,
                                                                       seed_settings: Settings) -> None:
    run = cli(seed_settings, "ask", b"\xff\xfe")
    assert run.returncode == 2
    assert run.stderr.decode().strip() == (
        "citeqa: error: the question is empty — type a question about the articles")


@pytest.mark.parametrize("question", ["\ud800" + NUJABA, NUJABA.replace(" the ", " the\udcff "), NUJABA + "\udfff"])
def test_api_cleans_lone_surrogates(seed_engine: QA, question: str) -> None:
    for answer in (seed_engine.ask(question), seed_engine.stream(question).answer()):
        assert not answer.abstained and answer.question == NUJABA
        json.dumps(answer.to_dict(), ensure_ascii=False).encode("utf-8")  # would raise on a surrogate


def test_api_refuses_a_question_of_only_surrogates(seed_engine: QA) -> None:
    with pytest.raises(QuestionError, match="empty"):
        seed_engine.ask("\ud800 \udfff")
    with pytest.raises(QuestionError, match="empty"):
        seed_engine.stream("\udc80")  # checked when the stream is asked for, not when it is read


@pytest.mark.slow
def test_the_web_queue_answers_a_question_with_a_lone_surrogate(seed_engine: QA, seed_settings: Settings) -> None:
    """The served app's public `ask` endpoint, called as the browser's queue does (JSON with "\\ud800")."""
    from qa.ui import launch

    port = free_port()
    app = launch(seed_engine, seed_settings.with_(port=port), block=False)
    try:
        base = f"http://127.0.0.1:{port}/gradio_api/call/ask"
        body = json.dumps({"data": ["\ud800" + NUJABA, []]}).encode()  # ensure_ascii: "\\ud800" on the wire
        request = urllib.request.Request(base, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            event = json.loads(response.read())["event_id"]
        with urllib.request.urlopen(f"{base}/{event}", timeout=300) as response:
            stream = response.read().decode("utf-8")
    finally:
        app.close()
    events = [line.split(": ", 1)[1] for line in stream.splitlines() if line.startswith("event: ")]
    assert events[-1] == "complete", stream[-2000:]
    last = json.loads([line for line in stream.splitlines() if line.startswith("data: ")][-1][6:])
    assert "Shammari" in json.dumps(last, ensure_ascii=False)
