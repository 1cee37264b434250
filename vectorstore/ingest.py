"""Incremental folder sync: files → chunks → embeddings → Chroma + the catalog (manifest and FTS5).

Reading and embedding happen outside any lock a reader waits on: a question is held back only while a
batch's finished chunks are written (`visible`), so it sees the index before or after that batch.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime

import numpy as np
from llama_index.core.schema import Document, MetadataMode

from vectorstore.catalog import FileRecord
from vectorstore.chunk import ArticleChunker
from vectorstore.errors import StoreError
from vectorstore.folder import ArticleFile, Known, Skipped, Unchanged, read_folder
from vectorstore.index import STAGING_DIR, Index, switch_in
from vectorstore.indexed_folder import claim_corpus_folder
from vectorstore.readers import format_of
from vectorstore.reconcile import reconcile
from vectorstore.settings import Settings
from vectorstore.store import StoredChunk
from vectorstore.synclock import sync_lock, sync_running
from vectorstore.texts import keep_text, prune_texts

BATCH_FILES = 16
EMBED_SLICE = 64  # chunks embedded between two progress reports
RACY_NS = 3_000_000_000  # a stamp needs an mtime at least this old

# held while a batch's changes are written: a reader never sees half a batch
Visible = Callable[[], AbstractContextManager]


@dataclass(frozen=True)
class SyncReport:
    """What one sync did; counts are files, `chunks` is the index size after the sync."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    renamed: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    chunks: int = 0
    embedded: int = 0
    reconciled: dict[str, int] = field(default_factory=dict)  # adopted / re-embedded / dropped chunks
    formats: dict[str, str] = field(default_factory=dict)  # path -> format, of every article in the folder

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SyncProgress:
    """How far a sync's embedding is; reported per slice of passages, so it moves within one long file."""

    files_done: int
    files_total: int  # the changed files to embed
    embedded: int  # passages embedded so far
    passages: int | None = None  # passages to embed in all, known once every changed file is chunked
    fraction: float = 0.0  # of the embedding: finished files, and the current batch by its passages done


Progress = Callable[[SyncProgress], None]


def sync_folder(index: Index, progress: Progress | None = None, visible: Visible | None = None,
                full_check: bool = False) -> SyncReport:
    """Make the index match the corpus folder: add, replace, rename and remove, embedding only what changed.

    When Chroma and the catalog disagree (or full_check), they are reconciled first, reusing every vector
    Chroma still holds for an unchanged file.
    """
    with sync_lock(index.settings.data_dir):
        if index.replaced_on_disk():
            raise StoreError(
                "the index was rebuilt by another process since this one opened it — restart "
                "(e.g. `citeqa serve`) to use the new index, then sync again"
            )
        return _sync(index, progress, visible or nullcontext, full_check)


def resume(index: Index) -> SyncReport | None:
    """On start: finish what a killed sync left pending, then check that Chroma and the catalog agree.

    Skipped while another process syncs (its work is in flight). A disagreement that no pending file
    explains is reported in one line with the fix; that sync re-embeds what is missing.
    """
    data = index.settings.data_dir
    if sync_running(data):
        return None
    report = None
    if any(not r.sha256 for r in index.files().values()) and index.settings.corpus.is_dir():
        try:
            report = sync_folder(index)
        except StoreError:
            if sync_running(data):
                return None  # another process started a sync meanwhile: it finishes the work
            raise
    in_catalog, in_chroma = index.counts()
    if in_catalog != in_chroma and not sync_running(data):
        raise StoreError(
            f"the vector store holds {in_chroma:,} chunks but the catalog lists {in_catalog:,} — "
            "run `citeqa ingest` to re-embed what is missing (`citeqa doctor` shows the details)"
        )
    return report


def rebuild(settings: Settings, progress: Progress | None = None) -> SyncReport:
    """Build a new index from the corpus beside the old one and switch it in; refused while a sync runs.

    Until the switch, the old index stays on disk untouched: a failed or killed rebuild leaves it working.
    With a Chroma server there is no second collection to build beside, so the index is dropped and built
    again in place, still only once the sync lock is held.
    """
    with sync_lock(settings.data_dir):
        if settings.chroma_host:
            Index.remove(settings)
            with Index.open(settings) as index:
                return _sync(index, progress, nullcontext, False)
        staging = settings.data_dir / STAGING_DIR
        shutil.rmtree(staging, ignore_errors=True)
        with Index.open(_beside(settings)) as index:
            report = _sync(index, progress, nullcontext, False)
        switch_in(staging, settings.data_dir)
        return report


def _beside(settings: Settings) -> Settings:
    """The same settings with the data dir where a rebuild builds before switching in."""
    return replace(settings, data_dir=settings.data_dir / STAGING_DIR)


def _sync(index: Index, progress: Progress | None, visible: Visible, full_check: bool) -> SyncReport:
    claim_corpus_folder(index.catalog, index.settings)
    known = index.catalog.files()
    articles, skipped = read_folder(index.settings.corpus, _known(known, index.catalog.stamps()))
    reconciled = reconcile(index, {a.path: a for a in articles}, visible, full_check)
    if reconciled:
        known = index.catalog.files()
    current = {a.path: a for a in articles}
    gone = {path: rec for path, rec in known.items() if path not in current}
    gone_by_hash = {rec.sha256: rec for rec in gone.values() if rec.sha256}

    fresh: list[tuple[ArticleFile, str]] = []
    renames: list[tuple[FileRecord, ArticleFile | Unchanged]] = []
    added = updated = unchanged = 0
    for article in articles:
        record = known.get(article.path)
        if record is None and article.sha256 in gone_by_hash:
            old = gone_by_hash.pop(article.sha256)
            del gone[old.path]
            renames.append((old, article))
        elif record is None:
            assert isinstance(article, ArticleFile)
            fresh.append((article, uuid.uuid4().hex))
            added += 1
        elif isinstance(article, ArticleFile) and record.sha256 != article.sha256:
            fresh.append((article, record.doc_id))
            updated += 1
        elif isinstance(article, Unchanged) and record.sha256 != article.sha256:
            fresh.append((_reread(index, article), record.doc_id))  # stale, though its bytes are as before
            updated += 1
        else:
            unchanged += 1

    if gone or renames:
        with visible():
            for path, record in gone.items():
                index.chroma.delete_document(record.doc_id)
                index.catalog.remove_document(path)
            for old, article in renames:
                index.chroma.rename_source(old.doc_id, article.path)
                index.catalog.rename(old.path, article.path)

    # Crash safety: a new file's doc id is on disk before any of its chunks are, so a sync killed
    # mid-way finds them again (as an update) instead of orphaning them under a forgotten id.
    index.catalog.put_pending([(a.path, doc_id, a.title, a.size) for a, doc_id in fresh if a.path not in known])
    embedded = _embed(index, fresh, progress, visible)
    # A file modified within the last seconds may change again without its mtime moving (coarse
    # clocks, as git's "racily clean" files): it is stamped only once its mtime is safely in the past.
    settled = time.time_ns() - RACY_NS
    hashed = [a for a in articles if (isinstance(a, ArticleFile) or a.hashed) and a.mtime_ns < settled]
    if hashed or gone:
        index.catalog.put_stamps((a.path, a.size, a.mtime_ns, a.sha256) for a in hashed)
    if gone or fresh:
        _prune_texts(index)
    return SyncReport(
        added=added,
        updated=updated,
        removed=len(gone),
        unchanged=unchanged,
        renamed=len(renames),
        skipped=[{"path": s.path, "reason": s.reason} for s in skipped],
        chunks=index.catalog.chunk_count(),
        embedded=embedded,
        reconciled=reconciled,
        formats={a.path: format_of(a.path) for a in articles},
    )


def _known(records: dict[str, FileRecord], stamps: dict[str, tuple[int, int, str]]) -> dict[str, Known]:
    """The manifest's hash per path, with the size and mtime it was hashed at when those still apply."""
    known = {}
    for path, record in records.items():
        size, mtime_ns, sha256 = stamps.get(path, (-1, -1, ""))
        valid = bool(record.sha256) and sha256 == record.sha256  # pending or stale records are re-read
        known[path] = Known(record.sha256, size, mtime_ns) if valid else Known(record.sha256)
    return known


def _reread(index: Index, article: Unchanged) -> ArticleFile:
    """A file whose stamp matched but whose record was marked stale (doctor, reconcile): read it after all."""
    from vectorstore.folder import read_article

    found = read_article(index.settings.corpus.resolve(), article.path)
    if not isinstance(found, ArticleFile):
        raise StoreError(f"{article.path} changed during the sync — run `citeqa ingest` again")
    return found


def _embed(index: Index, fresh: list[tuple[ArticleFile, str]], progress: Progress | None,
           visible: Visible) -> int:
    """Chunk and embed each batch with no lock held, then write it to Chroma and the catalog at once."""
    chunker = ArticleChunker(chunk_chars=index.settings.chunk_chars)
    embedded = done = chunked = 0
    total = len(fresh)
    tell = progress or (lambda _: None)
    tell(SyncProgress(0, total, 0, None if fresh else 0, 0.0 if fresh else 1.0))
    for batch in _batches(fresh, BATCH_FILES):
        nodes = chunker([_document(article, doc_id) for article, doc_id in batch])
        texts = [n.get_content(MetadataMode.EMBED) for n in nodes]
        chunked += len(texts)
        passages = chunked if done + len(batch) == total else None
        parts = []
        for at in range(0, len(texts), EMBED_SLICE):  # progress moves per slice, even for one long file
            parts.append(index.embed_model.encode(texts[at:at + EMBED_SLICE]))
            if at + EMBED_SLICE < len(texts):
                share = len(batch) * (at + EMBED_SLICE) / len(texts)  # the batch's files, by passages done
                tell(SyncProgress(done, total, embedded + at + EMBED_SLICE, passages, (done + share) / total))
        vectors = np.concatenate(parts) if parts else np.zeros((0, 0))
        sha256 = {doc_id: article.sha256 for article, doc_id in batch}
        per_doc: dict[str, list] = {}
        for node in nodes:
            per_doc.setdefault(node.ref_doc_id or "", []).append(node)
        by_doc = {
            doc_id: [StoredChunk(n.node_id, doc_id, n.metadata["source"], n.metadata["title"], n.get_content(),
                                 n.metadata["start"], n.metadata["end"], sha256[doc_id], len(doc_nodes))
                     for n in doc_nodes]
            for doc_id, doc_nodes in per_doc.items()
        }
        flat = {c.chunk_id: c for chunks in by_doc.values() for c in chunks}
        now = datetime.now(UTC).isoformat(timespec="seconds")
        _keep_texts(index, batch)
        with visible():
            for article, doc_id in batch:  # a clean slate, whatever a killed sync left behind in Chroma
                index.chroma.delete_document(doc_id)
            index.chroma.add([flat[n.node_id] for n in nodes], vectors.tolist())
            for article, doc_id in batch:
                chunks = by_doc.get(doc_id, [])
                index.catalog.put_document(
                    FileRecord(article.path, doc_id, article.sha256, article.title, len(chunks), article.size, now),
                    [(c.chunk_id, f"{article.title}\n{c.text}") for c in chunks],
                )
        embedded += len(nodes)
        done += len(batch)
        tell(SyncProgress(done, total, embedded, passages, done / total))
    return embedded


def _keep_texts(index: Index, batch: Sequence[tuple[ArticleFile, str]]) -> None:
    """The extracted text each citation offset indexes, kept before the catalog records the file."""
    for article, _ in batch:
        keep_text(index.settings.data_dir, article.sha256, article.text)


def _prune_texts(index: Index) -> None:
    """Drop kept texts that no indexed file has any more."""
    prune_texts(index.settings.data_dir, {r.sha256 for r in index.catalog.files().values()})


def _document(article: ArticleFile, doc_id: str) -> Document:
    return Document(
        id_=doc_id,
        text=article.text,
        metadata={"source": article.path, "title": article.title},
        excluded_embed_metadata_keys=["source"],
        excluded_llm_metadata_keys=["source"],
    )


def _batches(items: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


__all__ = ["Skipped", "SyncProgress", "SyncReport", "rebuild", "resume", "sync_folder"]
