"""A broken store gives a clear message, `citeqa ingest --rebuild` fixes it; never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qa import QA, Settings, StoreError
from qa.cli import main


def cli(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa", *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=600, check=False)


@pytest.mark.slow
def test_truncated_chroma_file_is_a_clear_error_and_rebuild_fixes_it(corpus_settings: Settings, tmp_path: Path) -> None:
    QA.open(corpus_settings).close()
    chroma_db = corpus_settings.data_dir / "chroma" / "chroma.sqlite3"
    chroma_db.write_bytes(chroma_db.read_bytes()[:4096])
    args = ["--corpus", str(corpus_settings.corpus), "--data-dir", str(corpus_settings.data_dir)]
    broken = cli("ask", "How many US troops are in Iraq?", *args, cwd=tmp_path)
    assert broken.returncode == 2, broken.stderr
    assert "citeqa ingest --rebuild" in broken.stderr and "Traceback" not in broken.stderr
    rebuilt = cli("ingest", "--rebuild", "--json", *args, cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stderr
    fixed = cli("ask", "How many US troops are in Iraq?", *args, cwd=tmp_path)
    assert fixed.returncode == 0 and "2,500" in fixed.stdout


def test_deleted_data_dir_is_rebuilt_from_the_corpus(corpus_settings: Settings) -> None:
    QA.open(corpus_settings).close()
    shutil.rmtree(corpus_settings.data_dir)
    engine = QA.open(corpus_settings)  # no store: the corpus is indexed again
    assert "2,500" in engine.ask("How many US troops are in Iraq?").text


def test_deleted_data_dir_and_corpus_say_what_to_do(corpus_settings: Settings, capsys) -> None:
    shutil.rmtree(corpus_settings.corpus)
    with pytest.raises(StoreError, match="citeqa ingest FOLDER"):
        QA.open(corpus_settings)
    code = main(["ask", "anything?", "--corpus", str(corpus_settings.corpus),
                 "--data-dir", str(corpus_settings.data_dir)])
    assert code == 2 and "no corpus folder" in capsys.readouterr().err
