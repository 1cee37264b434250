"""Bounded load on loopback: 100 chat sessions for 60 s from a second process; no errors, right answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ui_fixtures import free_port, wait_for_http

from qa import QA, Settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_hundred_sessions_for_sixty_seconds(tmp_path: Path) -> None:
    corpus = ROOT / "corpus"
    data = tmp_path / "data"
    QA.open(Settings(corpus=corpus, data_dir=data)).close()  # index first, so the load measures answers
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CITEQA_", "GRADIO_"))}
    server = subprocess.Popen(
        [sys.executable, "-m", "qa", "serve", "--corpus", str(corpus), "--data-dir", str(data),
         "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for_http(url, server)
        driver = subprocess.run(
            [sys.executable, str(ROOT / "tests" / "load_driver.py"), url, "100", "60"],
            capture_output=True, text=True, timeout=900, check=False,
        )
        assert driver.returncode == 0, driver.stderr[-2000:]
        figures = json.loads(driver.stdout.strip().splitlines()[-1])
    finally:
        server.terminate()
        server.wait(timeout=60)
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / "load.json").write_text(json.dumps(figures, indent=1))
    print(f"\nload: {figures}")
    assert figures["error_count"] == 0, figures["errors"]
    assert figures["wrong"] == 0
    assert figures["requests"] >= 100
