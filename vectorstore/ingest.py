"""Incremental folder sync: files → chunks → embeddings → Chroma + docstore + BM25 catalog."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from llama_index.core.ingestion import DocstoreStrategy, IngestionPipeline
from llama_index.core.schema import Document

from vectorstore.catalog import FileRecord
from vectorstore.chunk import ArticleChunker
from vectorstore.folder import ArticleFile, Known, Skipped, read_folder
from vectorstore.index import Index
from vectorstore.indexed_folder import claim_corpus_folder
from vectorstore.readers import format_of
from vectorstore.synclock import sync_lock
from vectorstore.texts import keep_text, prune_texts

BATCH_FILES = 16
RACY_NS = 3_000_000_000  # a stamp needs an mtime at least this old

# progress(files_done, files_total, chunks_embedded)
Progress = Callable[[int, int, int], None]


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
    formats: dict[str, str] = field(default_factory=dict)  # path -> format, of every article in the folder

    def to_dict(self) -> dict:
        return asdict(self)


def sync_folder(index: Index, progress: Progress | None = None) -> SyncReport:
    """Make the index match the corpus folder: add, replace, rename and remove, embedding only what changed."""
    with sync_lock(index.settings.data_dir), index.chroma.guard():
        claim_corpus_folder(index.catalog, index.settings)
        return _sync(index, progress)


def _sync(index: Index, progress: Progress | None) -> SyncReport:
    known = index.catalog.files()
    articles, skipped = read_folder(index.settings.corpus, _known(known, index.catalog.stamps()))
    current = {a.path: a for a in articles}
    gone = {path: rec for path, rec in known.items() if path not in current}
    gone_by_hash = {rec.sha256: rec for rec in gone.values()}

    fresh: list[tuple[ArticleFile, str]] = []
    renames: list[tuple[FileRecord, ArticleFile]] = []
    added = updated = unchanged = 0
    for article in articles:
        record = known.get(article.path)
        if record is None and article.sha256 in gone_by_hash:
            old = gone_by_hash.pop(article.sha256)
            del gone[old.path]
            renames.append((old, article))
        elif record is None:
            fresh.append((article, uuid.uuid4().hex))
            added += 1
        elif isinstance(article, ArticleFile) and record.sha256 != article.sha256:
            fresh.append((article, record.doc_id))
            updated += 1
        else:
            unchanged += 1

    for path, record in gone.items():
        _forget(index, record.doc_id)
        index.catalog.remove_document(path)
    for old, article in renames:
        index.chroma.rename_source(old.doc_id, article.path)
        index.docstore.set_document_hash(old.doc_id, _document(article, old.doc_id).hash)
        index.catalog.rename(old.path, article.path)

    # Crash safety: a new file's doc id is on disk before any of its chunks are, so a sync killed
    # mid-way finds them again (as an update) instead of orphaning them under a forgotten id.
    index.catalog.put_pending([(a.path, doc_id, a.title, a.size) for a, doc_id in fresh if a.path not in known])
    embedded = _embed(index, fresh, progress)
    if gone or renames or fresh:
        index.persist_docstore()
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


def _embed(index: Index, fresh: list[tuple[ArticleFile, str]], progress: Progress | None) -> int:
    pipeline = IngestionPipeline(
        transformations=[ArticleChunker(chunk_chars=index.settings.chunk_chars), index.embed_model],
        docstore=index.docstore,
        vector_store=index.chroma.vector_store,
        docstore_strategy=DocstoreStrategy.UPSERTS,
        disable_cache=True,
    )
    embedded = done = 0
    if progress:
        progress(0, len(fresh), 0)
    for batch in _batches(fresh, BATCH_FILES):
        docs = [_document(article, doc_id) for article, doc_id in batch]
        for doc in docs:  # a clean slate, whatever a killed sync left behind in Chroma or the docstore
            _forget(index, doc.doc_id)
        nodes = pipeline.run(documents=docs, store_doc_text=False)
        by_doc: dict[str, list] = {}
        for node in nodes:
            by_doc.setdefault(node.ref_doc_id, []).append(node)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        _keep_texts(index, batch)
        for article, doc_id in batch:
            doc_nodes = by_doc.get(doc_id, [])
            index.catalog.put_document(
                FileRecord(article.path, doc_id, article.sha256, article.title, len(doc_nodes),
                           article.size, now),
                [(n.node_id, f"{article.title}\n{n.get_content()}") for n in doc_nodes],
            )
        embedded += len(nodes)
        done += len(batch)
        if progress:
            progress(done, len(fresh), embedded)
    return embedded


def _keep_texts(index: Index, batch: Sequence[tuple[ArticleFile, str]]) -> None:
    """The extracted text each citation offset indexes, kept before the catalog records the file."""
    for article, _ in batch:
        keep_text(index.settings.data_dir, article.sha256, article.text)


def _prune_texts(index: Index) -> None:
    """Drop kept texts that no indexed file has any more."""
    prune_texts(index.settings.data_dir, {r.sha256 for r in index.catalog.files().values()})


def _forget(index: Index, doc_id: str) -> None:
    """Drop a document's chunks from Chroma and its entries from the docstore (the catalog is the caller's)."""
    index.chroma.delete_document(doc_id)
    index.docstore.delete_ref_doc(doc_id, raise_error=False)
    index.docstore.delete_document(doc_id, raise_error=False)


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


__all__ = ["Skipped", "SyncReport", "sync_folder"]
