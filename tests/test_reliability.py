"""Faults of issue 13 against real store files and real processes: each damages or kills, then checks what
citeqa says and that the next sync (or doctor --repair) heals it without re-embedding what Chroma holds."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from catalog_probe import file_records

from eval.bench_corpus import generate
from qa import QA, Settings
from vectorstore import doctor
from vectorstore.index import CATALOG_FILE, CHROMA_DIR, STAGING_DIR, Index

QUESTION, ANSWER = "How many US troops are in Iraq?", "2,500"


def citeqa(settings: Settings, *argv: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "qa", *argv, "--corpus", str(settings.corpus), "--data-dir", str(settings.data_dir)],
        capture_output=True, text=True, timeout=timeout, check=False,
    )


def start(settings: Settings, *argv: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "qa", *argv, "--corpus", str(settings.corpus), "--data-dir", str(settings.data_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_for(proc: subprocess.Popen, catalog: Path, ready) -> None:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and proc.poll() is None:
        if ready(*file_records(catalog)):
            return
        time.sleep(0.02)
    pytest.fail(f"the point was not reached (exit {proc.poll()}): {proc.stderr.read() if proc.stderr else ''}")


def cited_exactly(answer, corpus: Path) -> bool:
    """Every citation quotes its file exactly at its offsets (what an answer from a torn index would break)."""
    return all((corpus / c.source).read_text(encoding="utf-8")[c.start : c.end] == c.quote
               for c in answer.citations + answer.related)


def one_line_error(result: subprocess.CompletedProcess, fix: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("citeqa: error:") and fix in lines[0], result.stderr


def consistent(settings: Settings) -> doctor.Health:
    with Index.open(settings) as index:
        health = doctor.check(index)
    assert health.consistent, health.to_dict()
    return health


@pytest.fixture()
def indexed(corpus_settings: Settings) -> Settings:
    QA.open(corpus_settings).close()
    return corpus_settings


# --- 1. --rebuild while another sync runs; a killed rebuild ----------------------------------------------

@pytest.mark.slow
def test_rebuild_is_refused_while_a_sync_runs_and_touches_nothing(tmp_path: Path) -> None:
    settings = Settings(corpus=tmp_path / "corpus", data_dir=tmp_path / "data")
    # enough articles that the sync outlasts the rebuild process's start-up (48 could finish first)
    generate(settings.corpus, 240)
    running = start(settings, "ingest", "--json")
    wait_for(running, settings.data_dir / CATALOG_FILE, lambda pending, done: pending > 0)
    refused = citeqa(settings, "ingest", "--rebuild")
    assert running.poll() is None, "the sync ended before the rebuild was tried: the test proves nothing"
    one_line_error(refused, "another sync")
    out, err = running.communicate(timeout=900)
    assert running.returncode == 0, err  # the running sync was not pulled from under
    assert json.loads(out)["added"] == 240
    assert consistent(settings).files == 240


@pytest.mark.slow
def test_a_killed_rebuild_leaves_the_old_index_answering_and_a_finished_one_switches(indexed: Settings) -> None:
    generate(indexed.corpus / "more", 40)  # work enough to kill the rebuild in the middle
    rebuilding = start(indexed, "ingest", "--rebuild", "--json")
    wait_for(rebuilding, indexed.data_dir / STAGING_DIR / CATALOG_FILE, lambda pending, done: done >= 5)
    rebuilding.send_signal(signal.SIGKILL)
    rebuilding.wait()
    with Index.open(indexed) as index:  # the old index, untouched: the five seeds only
        assert len(index.files()) == 5
    asked = citeqa(indexed, "ask", QUESTION)
    assert asked.returncode == 0 and ANSWER in asked.stdout, asked.stderr
    rebuilt = citeqa(indexed, "ingest", "--rebuild", "--json")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert json.loads(rebuilt.stdout)["added"] == 45
    assert not (indexed.data_dir / STAGING_DIR).exists()
    assert consistent(indexed).files == 45
    assert ANSWER in citeqa(indexed, "ask", QUESTION).stdout


def test_a_rebuild_killed_while_switching_is_finished_by_the_next_open(indexed: Settings) -> None:
    """The ready mark is written before anything moves: an open completes the switch, whatever had moved."""
    import shutil

    from vectorstore.index import READY_MARK
    from vectorstore.ingest import sync_folder

    (indexed.corpus / "extra.txt").write_text("Extra news\n\nThe Zorblat bridge opened in Basra.\n",
                                              encoding="utf-8")
    staging = indexed.data_dir / STAGING_DIR
    with Index.open(Settings(corpus=indexed.corpus, data_dir=staging)) as index:
        sync_folder(index)  # a complete new index with six files, built beside the old one
    (staging / READY_MARK).touch()
    shutil.rmtree(indexed.data_dir / CHROMA_DIR)  # killed after moving the vectors in, before the catalog
    os.replace(staging / CHROMA_DIR, indexed.data_dir / CHROMA_DIR)
    engine = QA.open(indexed)
    try:
        assert not staging.exists()
        assert len(engine.articles()) == 6
        assert "Basra" in engine.ask("Where did the Zorblat bridge open?").text
    finally:
        engine.close()
    consistent(indexed)


# --- 2. a deleted or emptied vector store --------------------------------------------------------------

@pytest.mark.parametrize("damage", ["deleted", "emptied"])
def test_a_lost_vector_store_is_named_in_one_line_and_the_next_sync_re_embeds_it(indexed: Settings,
                                                                                damage: str) -> None:
    import shutil

    if damage == "deleted":
        shutil.rmtree(indexed.data_dir / CHROMA_DIR)
    else:
        with Index.open(indexed) as index:
            index.chroma.delete_ids(sorted(index.chroma.chunk_ids()))
    one_line_error(citeqa(indexed, "ask", QUESTION), "run `citeqa ingest`")
    healed = citeqa(indexed, "ingest", "--json")
    assert healed.returncode == 0, healed.stderr
    report = json.loads(healed.stdout)
    assert report["reconciled"]["stale_files"] == 5 and report["embedded"] == report["chunks"] > 0
    consistent(indexed)
    assert ANSWER in citeqa(indexed, "ask", QUESTION).stdout


# --- 3. a damaged catalog --------------------------------------------------------------------------------

def damage_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(13)
    for at in range(len(data) // 4, 3 * len(data) // 4):
        data[at] = rng.randrange(256)
    path.write_bytes(bytes(data))


@pytest.mark.slow
def test_a_damaged_catalog_is_one_line_doctor_finds_it_and_repair_rebuilds_it_from_chroma(indexed: Settings) -> None:
    with Index.open(indexed) as index:
        chunks = index.counts()[1]
    damage_middle(indexed.data_dir / CATALOG_FILE)
    asked = citeqa(indexed, "ask", QUESTION)
    one_line_error(asked, "citeqa ingest --rebuild")
    checked = citeqa(indexed, "doctor", "--json")
    assert checked.returncode == 1, checked.stderr
    assert json.loads(checked.stdout)["catalog_damage"]
    repaired = citeqa(indexed, "doctor", "--repair", "--json")
    assert repaired.returncode == 0, repaired.stderr
    health = json.loads(repaired.stdout)
    assert health["consistent"] and health["repair"]["catalog_rebuilt"] == 1
    assert health["repair"]["adopted_chunks"] == chunks and health["repair"]["embedded_chunks"] == 0
    assert (indexed.data_dir / (CATALOG_FILE + ".damaged")).exists()  # kept, not deleted
    assert ANSWER in citeqa(indexed, "ask", QUESTION).stdout


def test_catalog_errors_inside_a_running_engine_are_store_errors_with_the_fix(indexed: Settings) -> None:
    from qa import StoreError

    engine = QA.open(indexed)
    try:
        damage_middle(indexed.data_dir / CATALOG_FILE)
        with pytest.raises(StoreError, match=r"catalog.*citeqa ingest --rebuild"):
            for _ in range(3):  # the damaged pages are read by the lexical search or the idf lookups
                engine.ask(QUESTION)
                engine.ask("Who is the spokesman of the Nujaba movement?")
    finally:
        engine.close()


# --- 5. a sync killed mid-way is completed by the next start, and shown as pending until then ---------------

@pytest.mark.slow
def test_open_completes_a_killed_sync_and_articles_show_pending_until_then(tmp_path: Path) -> None:
    settings = Settings(corpus=tmp_path / "corpus", data_dir=tmp_path / "data")
    questions = generate(settings.corpus, 48)
    killed = start(settings, "ingest")
    wait_for(killed, settings.data_dir / CATALOG_FILE, lambda pending, done: pending > 0 and done >= 16)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    with Index.open(settings) as index:
        pending = [r.path for r in index.files().values() if not r.sha256]
    assert pending
    engine = QA.open(settings)  # what `citeqa serve` does on start
    try:
        statuses = {a["source"]: a["status"] for a in engine.articles()}
        assert len(statuses) == 48 and set(statuses.values()) == {"indexed"}
        late = next(q for q in questions if q.source in pending)
        assert late.answer in engine.ask(late.question).text
    finally:
        engine.close()
    consistent(settings)


# --- 6. a zeroed catalog with Chroma intact ----------------------------------------------------------------

def test_a_zeroed_catalog_is_rebuilt_from_chroma_without_duplicates_or_embedding(indexed: Settings) -> None:
    with Index.open(indexed) as index:
        before = index.counts()
    catalog = indexed.data_dir / CATALOG_FILE
    catalog.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        Path(str(catalog) + suffix).unlink(missing_ok=True)
    synced = citeqa(indexed, "ingest", "--json")
    assert synced.returncode == 0, synced.stderr
    report = json.loads(synced.stdout)
    assert report["embedded"] == 0 and report["reconciled"]["adopted_chunks"] == before[1]
    assert report["reconciled"]["dropped_chunks"] == 0
    health = consistent(indexed)
    assert health.chunks_in_chroma == health.chunks_in_catalog == before[0]  # one copy of each chunk
    assert ANSWER in citeqa(indexed, "ask", QUESTION).stdout


def test_chroma_chunks_of_a_changed_file_are_dropped_not_adopted(indexed: Settings) -> None:
    """A lost catalog and an edited file: the stored vectors no longer match its bytes, so it is re-embedded."""
    with Index.open(indexed) as index:
        before = index.counts()[1]
    seed = min(p for p in indexed.corpus.iterdir() if p.suffix == ".txt")
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA late correction was published.\n", encoding="utf-8")
    (indexed.data_dir / CATALOG_FILE).write_bytes(b"")
    with Index.open(indexed) as index:
        from vectorstore.ingest import sync_folder

        report = sync_folder(index)
        assert report.reconciled["dropped_chunks"] > 0 and report.embedded > 0
        assert report.reconciled["adopted_chunks"] + report.reconciled["dropped_chunks"] == before
    consistent(indexed)


# --- 9 (and issue 15): questions go on while a sync of 500 files runs ------------------------------------------

@pytest.mark.slow
def test_questions_are_answered_while_a_sync_of_500_files_runs(corpus_settings: Settings) -> None:
    """Each answer comes from the index before or after some batch: cited exactly, and a new article's fact
    either not yet (abstained) or correctly. Answers are counted, not timed; latencies are printed."""
    import threading

    from qa.extractive import NOT_FOUND

    engine = QA.open(corpus_settings)
    new = generate(corpus_settings.corpus / "more", 500)
    progress: list[int] = []
    syncing = threading.Thread(target=lambda: engine.sync(lambda step: progress.append(step.embedded)))
    during, latencies, pending_seen = [], [], 0
    try:
        syncing.start()
        while syncing.is_alive():
            for question, expected in ((QUESTION, ANSWER), (new[-1].question, new[-1].answer)):
                started = time.perf_counter()
                answer = engine.ask(question)
                latencies.append(time.perf_counter() - started)
                # the generated articles reuse seed sentences with other figures, so any cited answer is
                # valid if every quote is its file's text at its offsets; the new fact is there or not yet
                assert cited_exactly(answer, corpus_settings.corpus), answer.to_dict()
                if question == QUESTION:
                    assert not answer.abstained
                else:
                    assert expected in answer.text or (answer.abstained and answer.text == NOT_FOUND), answer.text
                if syncing.is_alive() and progress and progress[-1] > 0:
                    during.append(answer)  # finished after the first batch was written, before the last
            pending_seen += any(a["status"] == "pending" for a in engine.articles())
        syncing.join()
        print(f"\n{len(latencies)} answers during the sync; latency p50 {sorted(latencies)[len(latencies) // 2]:.3f} s,"
              f" max {max(latencies):.3f} s; {progress[-1]} chunks embedded")
        assert len(during) >= 3  # with the sync holding the write lock throughout, none could finish meanwhile
        assert pending_seen  # files waiting to be embedded are listed as pending meanwhile
        statuses = [a["status"] for a in engine.articles()]
        assert len(statuses) == 505 and set(statuses) == {"indexed"}
        assert new[-1].answer in engine.ask(new[-1].question).text
    finally:
        syncing.join()
        engine.close()
