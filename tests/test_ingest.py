"""Incremental folder sync against a real Chroma PersistentClient and the real embedding model."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import QA, CorpusError, Settings, StoreError
from vectorstore.index import Index
from vectorstore.ingest import BATCH_FILES, EMBED_SLICE, SyncProgress, sync_folder
from vectorstore.tokens import tokenize

EVAL_QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "questions.jsonl"

SEED = "002_d51dfcde1446253d.txt"


def open_index(settings: Settings) -> Index:
    return Index.open(settings)


def chunk_sources(index: Index) -> list[str]:
    return sorted(c.source for c in index.chroma.all_chunks())


def assert_consistent(index: Index) -> None:
    """Chroma, the catalog's FTS5 chunks and the manifest agree: one copy of each chunk."""
    chroma_ids = index.chroma.chunk_ids()
    catalog_ids = {cid for ids in index.catalog.chunks_by_doc().values() for cid in ids}
    assert chroma_ids == catalog_ids
    assert index.chroma.count() == len(chroma_ids)
    files = index.catalog.files()
    assert sum(f.chunks for f in files.values()) == len(chroma_ids)
    assert set(chunk_sources(index)) == set(files)


def test_first_sync_indexes_the_seeds_and_second_embeds_nothing(corpus_settings: Settings) -> None:
    index = open_index(corpus_settings)
    first = sync_folder(index)
    assert (first.added, first.updated, first.removed, first.unchanged) == (5, 0, 0, 0)
    assert first.embedded == first.chunks > 5
    assert first.skipped == [{"path": "README.md", "reason": "a README describes the folder; it is not an article"}]
    assert_consistent(index)
    index.close()

    again = open_index(corpus_settings)  # a new process would do the same: state is on disk
    second = sync_folder(again)
    assert (second.added, second.unchanged, second.embedded) == (0, 5, 0)
    assert second.chunks == first.chunks
    assert_consistent(again)


def test_unchanged_files_are_hashed_not_cleaned_again(
    corpus_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sync of a large unchanged archive costs reading and hashing, not the boilerplate pass."""
    from vectorstore import folder

    index = open_index(corpus_settings)
    sync_folder(index)
    changed = corpus_settings.corpus / SEED
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA late correction.\n", encoding="utf-8")
    cleaned: list[int] = []
    real = folder.content_blocks
    monkeypatch.setattr(folder, "content_blocks", lambda text: cleaned.append(1) or real(text))
    report = sync_folder(index)
    assert (report.updated, report.unchanged) == (1, 4)
    assert len(cleaned) == 1  # only the changed file
    assert_consistent(index)


def test_changed_file_replaces_its_chunks(corpus_settings: Settings) -> None:
    index = open_index(corpus_settings)
    before = sync_folder(index)
    path = corpus_settings.corpus / SEED
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Mustafa Salim contributed", "A new sentence about Zorblat.\n\nMustafa Salim contributed"), encoding="utf-8")
    report = sync_folder(index)
    assert (report.updated, report.unchanged, report.added) == (1, 4, 0)
    assert 0 < report.embedded <= before.chunks
    assert_consistent(index)
    assert [cid for cid, _ in index.catalog.bm25_search("Zorblat", 3)]


def test_deleted_file_loses_all_its_chunks(corpus_settings: Settings) -> None:
    index = open_index(corpus_settings)
    sync_folder(index)
    (corpus_settings.corpus / SEED).unlink()
    report = sync_folder(index)
    assert (report.removed, report.unchanged, report.embedded) == (1, 4, 0)
    assert SEED not in chunk_sources(index)
    assert_consistent(index)


def test_renamed_file_is_not_duplicated_or_re_embedded(corpus_settings: Settings) -> None:
    index = open_index(corpus_settings)
    first = sync_folder(index)
    (corpus_settings.corpus / SEED).rename(corpus_settings.corpus / "renamed.txt")
    report = sync_folder(index)
    assert (report.renamed, report.added, report.removed, report.embedded) == (1, 0, 0, 0)
    assert report.chunks == first.chunks
    sources = chunk_sources(index)
    assert SEED not in sources and "renamed.txt" in sources
    assert_consistent(index)


def test_bad_files_are_skipped_with_reasons(corpus_settings: Settings) -> None:
    corpus = corpus_settings.corpus
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.md").write_bytes(b"  \n\n ")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (corpus / "latin1.txt").write_bytes("Caf\xe9 au lait\n".encode("latin-1"))
    (corpus / "garbage.txt").write_bytes(bytes(range(1, 256)) * 8)
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "note.md").write_text("# A Markdown Article\n\nIt has one sentence.\n", encoding="utf-8")
    outside = corpus.parent / "outside.txt"
    outside.write_text("Secret text outside the corpus.\n", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)

    report = sync_folder(open_index(corpus_settings))
    reasons = {s["path"]: s["reason"] for s in report.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.md"] == "empty file"
    assert reasons["binary.txt"] == "binary file, not text"
    assert "latin1.txt" not in reasons  # decoded by its detected encoding (vectorstore/readers.py)
    assert reasons["garbage.txt"] == "its text encoding cannot be determined — re-save it as UTF-8"
    assert reasons["photo.jpg"].startswith("unsupported file type")
    assert "outside the corpus" in reasons["link.txt"]
    assert report.added == 7  # the five seeds, latin1.txt and sub/note.md
    assert "sub/note.md" in open_index(corpus_settings).catalog.files()


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    settings = Settings(corpus=tmp_path / "nope", data_dir=tmp_path / "data")
    with pytest.raises(CorpusError, match="CITEQA_CORPUS"):
        sync_folder(open_index(settings))


def test_store_built_with_other_settings_is_refused(corpus_settings: Settings) -> None:
    assert sync_folder(open_index(corpus_settings)).chunks
    with pytest.raises(StoreError, match="--rebuild"):
        open_index(corpus_settings.with_(chunk_chars=300))


def test_corrupt_catalog_is_a_clear_error(corpus_settings: Settings) -> None:
    corpus_settings.data_dir.mkdir(parents=True)
    (corpus_settings.data_dir / "catalog.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="--rebuild"):
        open_index(corpus_settings)


def test_store_built_with_another_embedding_model_is_refused(corpus_settings: Settings) -> None:
    index = open_index(corpus_settings)
    sync_folder(index)
    index.catalog.set_meta("embed_model", "sentence-transformers/all-mpnet-base-v2")
    index.close()
    with pytest.raises(StoreError, match="embed_model is 'sentence-transformers/all-mpnet-base-v2'.*--rebuild"):
        open_index(corpus_settings)


def test_fts5_ranks_our_stems_exactly_as_okapi_bm25(seed_engine: QA) -> None:
    """FTS5 must see the terms `tokenize` made (not its own words) and score them as Okapi BM25 does
    (k1=1.2, b=0.75, idf floored as FTS5 floors it), computed here by hand from the chunk texts."""
    import json
    import math
    from collections import Counter

    catalog = seed_engine._index.catalog
    texts = {cid: f"{c.title}\n{c.text}" for cid, c in
             ((c.chunk_id, c) for c in seed_engine._index.chroma.all_chunks(with_text=True))}
    terms = {cid: Counter(tokenize(text)) for cid, text in texts.items()}
    lengths = {cid: sum(t.values()) for cid, t in terms.items()}
    n, avg = len(lengths), sum(lengths.values()) / len(lengths)

    def okapi(query: str, k: int) -> list[tuple[str, float]]:
        scores: Counter[str] = Counter()
        for term in set(tokenize(query)):
            having = [cid for cid, t in terms.items() if term in t]
            idf = max(1e-6, math.log((n - len(having) + 0.5) / (len(having) + 0.5)))
            for cid in having:
                tf = terms[cid][term]
                scores[cid] += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths[cid] / avg))
        return scores.most_common(k)

    questions = [json.loads(line)["question"] for line in EVAL_QUESTIONS.read_text().splitlines() if line.strip()]
    questions += ["Iraq", "US troops Iraq", "the the the", "Qaani Iraq troops", "Zorblat", 'a "quoted" word']
    for question in questions:
        for k in (1, 3, 8, 40):
            ours, plain = catalog.bm25_search(question, k), okapi(question, k)
            assert [round(s, 6) for _, s in ours] == [round(s, 6) for _, s in plain], (question, k)
            last = plain[-1][1] + 1e-6 if plain else 0.0  # ids tied with the k-th score may differ
            assert {c for c, s in ours if s > last} == {c for c, s in plain if s > last}, (question, k)
    assert catalog.has_term("iraq") and not catalog.has_term("zorblat")
    assert "iraq" in catalog.terms_like("iraqi") and catalog.idf(["iraq"])["iraq"] < catalog.idf(["zorblat"])["zorblat"]


def test_a_sync_reads_only_files_whose_size_or_mtime_changed(
    corpus_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unchanged files cost a stat call; a touched file is hashed once, found unchanged, and not re-embedded."""
    import hashlib
    import os
    import time

    from vectorstore import folder

    hashed: list[int] = []

    class CountingHashlib:
        @staticmethod
        def sha256(data: bytes) -> object:
            hashed.append(len(data))
            return hashlib.sha256(data)

    monkeypatch.setattr(folder, "hashlib", CountingHashlib)
    hour_ago = time.time_ns() - 3600 * 10**9
    for path in corpus_settings.corpus.iterdir():
        os.utime(path, ns=(hour_ago, hour_ago))
    index = open_index(corpus_settings)
    sync_folder(index)
    hashed.clear()
    assert sync_folder(index).unchanged == 5 and hashed == []

    touched = corpus_settings.corpus / SEED
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    report = sync_folder(index)
    assert (report.unchanged, report.updated, report.embedded, len(hashed)) == (5, 0, 0, 1)
    hashed.clear()
    assert sync_folder(index).unchanged == 5 and hashed == []  # the new mtime was recorded

    touched.write_text(touched.read_text(encoding="utf-8") + "\nA correction.\n", encoding="utf-8")
    report = sync_folder(index)
    assert (report.updated, report.embedded > 0) == (1, True)
    assert_consistent(index)

    # Just written, so "racily clean": same-size edits within the mtime tick must still be caught.
    hashed.clear()
    same_size = touched.read_text(encoding="utf-8").replace("A correction.", "A retraction.")
    stat = touched.stat()
    assert len(same_size.encode("utf-8")) == stat.st_size
    touched.write_text(same_size, encoding="utf-8")
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a clock too coarse to tell the edits apart
    report = sync_folder(index)
    assert (report.updated, len(hashed)) == (1, 1)


def test_bm25_sees_every_sync_whichever_process_made_it(corpus_settings: Settings) -> None:
    """A sync by this connection or another is seen by the next search."""
    from vectorstore.catalog import Catalog

    index = open_index(corpus_settings)
    sync_folder(index)
    other_process = Catalog(corpus_settings.data_dir / "catalog.sqlite3")
    assert other_process.bm25_search("Zorblat", 3) == index.catalog.bm25_search("Zorblat", 3) == []
    (corpus_settings.corpus / "zorblat.txt").write_text("Zorblat news\n\nZorblat was seen in Basra.\n",
                                                         encoding="utf-8")
    sync_folder(index)
    assert index.catalog.bm25_search("Zorblat", 3) and other_process.bm25_search("Zorblat", 3)
    other_process.close()


def test_progress_moves_within_one_long_file(tmp_path: Path) -> None:
    """One upload of a long article: progress is reported per slice of passages, not only at the end."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sentences = " ".join(f"Report number {i} says the river rose by {i} centimetres near the old mill." for i in range(1200))
    (corpus / "long.txt").write_text("A long report\n\n" + sentences + "\n", encoding="utf-8")
    calls: list[SyncProgress] = []
    with Index.open(Settings(corpus=corpus, data_dir=tmp_path / "data")) as index:
        report = sync_folder(index, progress=calls.append)
    assert report.embedded > 64
    during = [c for c in calls if c.files_done == 0 and c.embedded > 0]  # before the file is done
    assert len(during) >= 2 and [c.embedded for c in during] == sorted(c.embedded for c in during)
    assert {c.passages for c in during} == {report.embedded}  # one file: all its passages known at once
    fractions = [c.fraction for c in calls]
    assert fractions == sorted(fractions) and len({f for f in fractions if 0 < f < 1}) >= 2  # the bar moves
    assert [c.fraction for c in during] == [c.embedded / report.embedded for c in during]
    assert calls[-1] == SyncProgress(1, 1, report.embedded, report.embedded, 1.0)


def test_progress_of_several_batches_counts_files_and_the_current_batch_by_passages(tmp_path: Path) -> None:
    """A sync of more files than one batch: the fraction never goes back, and the total of passages is
    given only once every file is chunked (it is not known before)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(BATCH_FILES + 3):
        body = " ".join(f"Item {n}-{i}: the ferry to island {n} carried {i} passengers on its run." for i in range(90))
        (corpus / f"ferry_{n:02d}.txt").write_text(f"Ferry report {n}\n\n{body}\n", encoding="utf-8")
    calls: list[SyncProgress] = []
    with Index.open(Settings(corpus=corpus, data_dir=tmp_path / "data")) as index:
        report = sync_folder(index, progress=calls.append)
    fractions = [c.fraction for c in calls]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    first = [c for c in calls if c.files_done == 0 and c.embedded > 0]
    assert len(first) >= 2 and all(c.passages is None for c in first)  # a second batch is still unchunked
    assert all(0 < c.fraction < BATCH_FILES / (BATCH_FILES + 3) for c in first)
    batch_done = next(c for c in calls if c.files_done == BATCH_FILES)  # the first batch is written
    assert batch_done.passages is None and batch_done.fraction == BATCH_FILES / (BATCH_FILES + 3)
    assert first[-1].embedded < batch_done.embedded <= first[-1].embedded + EMBED_SLICE
    assert calls[-1] == SyncProgress(BATCH_FILES + 3, BATCH_FILES + 3, report.embedded, report.embedded, 1.0)
