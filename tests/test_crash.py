"""Crash-safe sync: SIGKILL `citeqa ingest` mid-way, sync again, and every store agrees exactly."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from catalog_probe import file_records

from eval.bench_corpus import generate
from qa import Settings, StoreError
from vectorstore import doctor
from vectorstore.index import Index
from vectorstore.ingest import sync_folder

ARTICLES = 48


def ingest_process(settings: Settings) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "qa", "ingest", str(settings.corpus), "--data-dir", str(settings.data_dir), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def files_done(settings: Settings) -> tuple[int, int]:
    """(pending, complete) file records, read the way another process would."""
    return file_records(settings.data_dir / "catalog.sqlite3")


def kill_when(proc: subprocess.Popen, settings: Settings, ready) -> None:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and proc.poll() is None:
        if ready(*files_done(settings)):
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return
        time.sleep(0.02)
    pytest.fail(f"the kill point was not reached (exit {proc.poll()}): {proc.stderr.read() if proc.stderr else ''}")


@pytest.fixture()
def big(tmp_path: Path) -> Settings:
    generate(tmp_path / "corpus", ARTICLES)
    return Settings(corpus=tmp_path / "corpus", data_dir=tmp_path / "data")


@pytest.mark.slow
@pytest.mark.parametrize(
    "point",
    [
        pytest.param(lambda pending, complete: pending > 0 and complete == 0, id="after-pending-records"),
        pytest.param(lambda pending, complete: complete >= 16, id="after-first-batch"),
        pytest.param(lambda pending, complete: complete >= 32, id="late"),
    ],
)
def test_sigkill_mid_sync_then_sync_leaves_one_copy_of_each_chunk(big: Settings, point) -> None:
    kill_when(ingest_process(big), big, point)
    finished = subprocess.run(
        [sys.executable, "-m", "qa", "ingest", str(big.corpus), "--data-dir", str(big.data_dir), "--json"],
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert finished.returncode == 0, finished.stderr
    index = Index.open(big)
    health = doctor.check(index)
    assert health.consistent, health.to_dict()
    assert health.files == ARTICLES
    assert health.chunks_in_chroma == health.chunks_in_catalog == sum(f.chunks for f in index.catalog.files().values())
    assert sync_folder(index).embedded == 0


@pytest.mark.slow
def test_a_second_sync_is_refused_while_one_runs(big: Settings) -> None:
    proc = ingest_process(big)
    try:
        deadline = time.monotonic() + 600
        while files_done(big) == (0, 0) and time.monotonic() < deadline:
            time.sleep(0.02)
        with pytest.raises(StoreError, match="another sync .* is running .*pid"):
            sync_folder(Index.open(big))
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    report = sync_folder(Index.open(big))  # the killed holder's lock was released by the OS
    assert report.added + report.updated + report.unchanged == ARTICLES


def test_doctor_finds_and_repairs_orphans_and_missing_chunks(corpus_settings: Settings) -> None:
    index = Index.open(corpus_settings)
    sync_folder(index)
    assert doctor.check(index).consistent
    some = min(index.chroma.chunk_ids())
    index.chroma.raw_collection().delete(ids=[some])
    index.chroma.raw_collection().add(ids=["orphan:00000"], embeddings=[[0.1] * 384], documents=["stray"],
                                metadatas=[{"source": "gone.txt", "start": 0, "end": 5}])
    health = doctor.check(index)
    assert not health.consistent
    assert health.orphans_in_chroma == ["orphan:00000"] and health.missing_from_chroma == [some]
    fixed = doctor.repair(index)
    assert fixed.consistent and fixed.repaired
    assert some in index.chroma.chunk_ids() and "orphan:00000" not in index.chroma.chunk_ids()


def test_doctor_cli_exit_codes_and_json(corpus_settings: Settings, capsys) -> None:
    from qa.cli import main

    args = ["--corpus", str(corpus_settings.corpus), "--data-dir", str(corpus_settings.data_dir)]
    assert main(["ingest", *args, "--json"]) == 0
    capsys.readouterr()
    assert main(["doctor", *args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["consistent"] is True
    index = Index.open(corpus_settings)
    index.chroma.raw_collection().delete(ids=[min(index.chroma.chunk_ids())])
    index.close()
    assert main(["doctor", *args]) == 1
    assert "INCONSISTENT" in capsys.readouterr().out
    assert main(["doctor", *args, "--repair", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["consistent"] and report["repaired"]
