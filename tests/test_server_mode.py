"""Client/server mode against a real `chroma run` on loopback: ingest, ask, server down, server back."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_fixtures import free_port

from qa import QA, Settings, StoreError
from qa.cli import main

CHROMA = Path(sys.executable).with_name("chroma")
QUESTION = "Who is the spokesman of the Nujaba movement?"


class ChromaServer:
    """`chroma run --path DIR --host 127.0.0.1 --port N`, startable and stoppable by the test."""

    def __init__(self, path: Path, port: int) -> None:
        self.path, self.port = path, port
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "chroma run exited"
            try:
                with urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        pytest.fail("chroma run did not answer within 120 s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[ChromaServer]:
    srv = ChromaServer(tmp_path / "chroma-server", free_port())
    srv.start()
    yield srv
    srv.stop()


@pytest.mark.slow
def test_ingest_ask_outage_and_recovery(server: ChromaServer, tmp_path: Path, capsys) -> None:
    corpus = shutil.copytree(Path(__file__).resolve().parents[1] / "corpus", tmp_path / "corpus")
    settings = Settings(corpus=corpus, data_dir=tmp_path / "data", chroma_host="127.0.0.1",
                        chroma_port=server.port)
    engine = QA.open(settings)
    answer = engine.ask(QUESTION)
    assert "Shammari" in answer.text and answer.citations[0].source == "003_bd22bb8292cb2a93.txt"
    assert not (tmp_path / "data" / "chroma").exists(), "nothing embedded locally in server mode"
    assert engine.sync().embedded == 0

    server.stop()
    with pytest.raises(StoreError, match=f"store unreachable at {server.url}"):
        engine.ask(QUESTION)
    code = main(["ask", QUESTION, "--chroma-url", server.url, "--data-dir", str(settings.data_dir)])
    assert code == 2 and f"store unreachable at {server.url}" in capsys.readouterr().err

    server.start()
    again = engine.ask(QUESTION)
    assert again.text == answer.text and again.citations == answer.citations
    assert QA.open(settings).sync().embedded == 0, "the data survived the restart"
