"""`citeqa serve` on a port that is already taken: one line naming --port and CITEQA_PORT, exit 2."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from qa.port import port_free
from vectorstore.errors import SettingsError

ROOT = Path(__file__).resolve().parents[1]


def _listening() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def test_port_free_refuses_a_port_in_use_and_accepts_a_free_one() -> None:
    with _listening() as busy:
        port = busy.getsockname()[1]
        with pytest.raises(SettingsError) as err:
            port_free("127.0.0.1", port)
    message = str(err.value)
    assert f"--port {port + 1}" in message and f"CITEQA_PORT={port + 1}" in message and "\n" not in message
    port_free("127.0.0.1", port)  # closed again: free, even with the old socket in TIME_WAIT


def test_serve_on_a_busy_port_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CITEQA_", "GRADIO_"))}
    with _listening() as busy:
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "qa", "serve", "--corpus", str(ROOT / "corpus"),
             "--data-dir", str(tmp_path / "data"), "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
        )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("citeqa: error: cannot serve on 127.0.0.1:")
    assert "--port" in lines[0] and "CITEQA_PORT" in lines[0] and "Traceback" not in done.stderr
    assert "GRADIO_SERVER_PORT" not in done.stderr
    assert not (tmp_path / "data").exists()  # refused before indexing anything
