"""Load from a second process: N gradio_client sessions ask seed questions for S seconds (bounded).

usage: python tests/load_driver.py URL SESSIONS SECONDS  → prints one JSON line of figures.
"""

from __future__ import annotations

import json
import statistics
import sys
import threading
import time

from gradio_client import Client

THINK = 5.0  # seconds between a session's questions
STAGGER = 0.05  # seconds between session starts
EXPECTED = {
    "How many US troops are in Iraq?": "2,500",
    "Who is the spokesman of the Nujaba movement?": "Shammari",
    "Who announced that the US combat mission in Iraq had ended?": "Araji",
    "When did Iraqi lawmakers vote to expel US troops?": "January 2020",
}


def main(url: str, sessions: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    wrong: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    questions = list(EXPECTED)

    def session(number: int) -> None:
        time.sleep(number * STAGGER)  # people arrive over a few seconds, not in one instant
        try:
            client = Client(url, verbose=False, httpx_kwargs={"timeout": 300})  # report slowness, do not fail on it
        except Exception as exc:  # noqa: BLE001 — counted and reported
            with lock:
                errors.append(f"connect: {exc!r}")
            return
        turn = number
        while time.monotonic() < stop_at:
            question = questions[turn % len(questions)]
            turn += 1
            started = time.perf_counter()
            try:
                result = client.predict(question, api_name="/ask")
            except Exception as exc:  # noqa: BLE001
                with lock:
                    errors.append(repr(exc))
                continue
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)
                latest = result[0][-1] if result and result[0] else ""  # this turn's answer message
                if EXPECTED[question] not in json.dumps(latest, ensure_ascii=False):
                    wrong.append(question)
            time.sleep(THINK)  # a person reads the answer before asking the next question

    threads = [threading.Thread(target=session, args=(n,)) for n in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 300)
    ordered = sorted(latencies)
    return {
        "sessions": sessions, "seconds": seconds, "requests": len(latencies), "errors": errors[:5],
        "error_count": len(errors), "wrong": len(wrong),
        "p50_ms": round(statistics.median(ordered), 1) if ordered else None,
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1) if ordered else None,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]))))
