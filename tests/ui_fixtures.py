"""What the UI and browser tests share: the follow-up pair, a made-up article, and server helpers."""

import socket
import subprocess
import time
import urllib.request

import pytest

NUJABA = "003_bd22bb8292cb2a93.txt"
FOLLOW_UP = ["Who is the spokesman of the Nujaba movement?", "What did he say the withdrawal must include?"]
ZORBLAT = (
    "Zorblat council approves the glass bridge\n\n"
    "The Zorblat town council voted on Tuesday to build a glass bridge across the Mirren river, "
    "at a cost of 48 million crowns.\n\n"
    "Mayor Elsa Quint said construction would begin in the spring and take three years.\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, proc: subprocess.Popen | None = None, timeout: float = 240) -> None:
    """Poll url until it answers 200; fail early (with the server's output) if the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            output = proc.stdout.read() if proc.stdout else ""
            pytest.fail(f"the server exited with {proc.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server the test started; kill it if it does not stop within 30 s."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
