"""The citeqa command line: output, --json, exit codes and messages (no tracebacks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qa import Settings, SettingsError
from qa.cli import main

REPO = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_json_prints_only_the_report_and_is_incremental(corpus_settings: Settings, capsys) -> None:
    args = ("ingest", str(corpus_settings.corpus), "--data-dir", str(corpus_settings.data_dir), "--json")
    code, out, _ = run(capsys, *args)
    assert code == 0
    first = json.loads(out)
    assert {"added", "updated", "removed", "unchanged", "skipped", "chunks"} <= set(first)
    assert first["added"] == 5 and first["skipped"][0]["path"] == "README.md"
    code, out, _ = run(capsys, *args)
    again = json.loads(out)
    assert (again["added"], again["unchanged"], again["embedded"]) == (0, 5, 0)


def test_ask_prints_answer_and_numbered_sources(seed_settings: Settings, seed_engine, capsys) -> None:
    code, out, _ = run(capsys, "ask", "Who is the spokesman of the Nujaba movement?",
                       "--data-dir", str(seed_settings.data_dir), "--corpus", str(seed_settings.corpus))
    assert code == 0
    assert "Shammari" in out
    assert "Sources:" in out and "[1] Iraqi Groups Demand Complete U.S. Withdrawal — 003_bd22bb8292cb2a93.txt" in out


def test_ask_json_is_answer_to_dict(seed_settings: Settings, seed_engine, capsys) -> None:
    code, out, _ = run(capsys, "ask", "--json", "How many US troops are in Iraq?",
                       "--data-dir", str(seed_settings.data_dir), "--corpus", str(seed_settings.corpus))
    assert code == 0
    data = json.loads(out)
    assert data["question"] == "How many US troops are in Iraq?" and not data["abstained"]
    assert data["citations"][0]["quote"] in data["answer"]


def test_env_settings_are_read_and_flags_override(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CITEQA_PORT", "9001")
    monkeypatch.setenv("CITEQA_TOP_K", "3")
    settings = Settings.from_env(top_k=4)
    assert (settings.port, settings.top_k, settings.data_dir) == (9001, 4, Path(".citeqa"))


@pytest.mark.parametrize(
    "argv, message",
    [
        (["ask", "   "], "the question is empty"),
        (["ask", "hello?", "--corpus", "nowhere", "--data-dir", "nodata"], "run `citeqa ingest FOLDER`"),
        (["ingest", "nowhere"], "no corpus folder at nowhere"),
    ],
)
def test_errors_exit_2_with_the_fix_and_no_traceback(argv: list[str], message: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "qa", *argv], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_exits_2(monkeypatch, capsys) -> None:
    monkeypatch.setenv("CITEQA_PORT", "eighty")
    code, _, err = run(capsys, "ask", "anything")
    assert code == 2 and "CITEQA_PORT='eighty' is not a whole number" in err


@pytest.mark.parametrize("changes", [{"port": 0}, {"top_k": 0}, {"fusion": "best"}, {"auth": "nocolon"}])
def test_settings_are_checked_however_they_are_built(changes: dict) -> None:
    with pytest.raises(SettingsError, match="set|CITEQA_AUTH"):
        Settings(**changes)
