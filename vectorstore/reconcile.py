"""Chroma and the catalog back in step after one of them was lost or damaged, reusing every stored vector.

A deleted or emptied vector store leaves catalog rows whose chunks are gone: those files are marked stale,
so the sync re-embeds them. A lost or zeroed catalog leaves Chroma chunks no record owns: when the file they
came from is still in the corpus with the same bytes (each chunk records the file's hash), the catalog rows
are rebuilt from Chroma without embedding anything; other chunks are dropped, so nothing is stored twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Protocol

from vectorstore.catalog import FileRecord
from vectorstore.index import Index
from vectorstore.store import StoredChunk


class FileState(Protocol):
    sha256: str
    size: int


def reconcile(index: Index, corpus: Mapping[str, FileState], visible: Callable[[], AbstractContextManager],
              force: bool = False) -> dict[str, int]:
    """Repair disagreement between the two stores; {} when their chunk counts agree (unless force).

    corpus: every article file now in the corpus folder, by path. Returns what was done: chunks adopted
    from Chroma, files marked for re-embedding, chunks dropped from Chroma.
    """
    if not force:
        in_catalog, in_chroma = index.counts()
        if in_catalog == in_chroma:
            return {}
    stored = index.chroma.all_chunks()
    files = index.catalog.files()
    catalog_chunks = {doc: set(ids) for doc, ids in index.catalog.chunks_by_doc().items()}
    in_chroma_ids = {c.chunk_id for c in stored}
    stale = sorted(
        r.path for r in files.values()
        if r.sha256 and (r.chunks != len(catalog_chunks.get(r.doc_id, ()))
                         or not catalog_chunks.get(r.doc_id, set()) <= in_chroma_ids)
    )
    by_doc: dict[str, list[StoredChunk]] = {}
    for chunk in stored:
        by_doc.setdefault(chunk.doc_id, []).append(chunk)
    owners = {r.doc_id: r for r in files.values()}
    taken = set(files)
    dropped: list[str] = []
    adopted: list[tuple[FileRecord, list[str]]] = []
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for doc_id, chunks in sorted(by_doc.items()):
        record = owners.get(doc_id)
        if record is not None:
            if record.sha256:  # a pending record's chunks are cleared when it is embedded
                dropped += [c.chunk_id for c in chunks if c.chunk_id not in catalog_chunks.get(doc_id, ())]
            continue
        first = chunks[0]
        found = corpus.get(first.source)
        if (found is not None and first.source not in taken and _whole(doc_id, chunks)
                and first.sha256 and found.sha256 == first.sha256):
            taken.add(first.source)
            ids = sorted(c.chunk_id for c in chunks)
            adopted.append((FileRecord(first.source, doc_id, first.sha256, first.title, len(ids), found.size, now),
                            ids))
        else:
            dropped += [c.chunk_id for c in chunks]
    if not (stale or dropped or adopted):
        return {}
    texts = {c.chunk_id: c for c in index.chroma.get([cid for _, ids in adopted for cid in ids])}
    with visible():
        if dropped:
            index.chroma.delete_ids(dropped)
        index.catalog.mark_stale(stale)
        for record, ids in adopted:
            index.catalog.put_document(record, [(cid, f"{record.title}\n{texts[cid].text}") for cid in ids])
    return {"adopted_chunks": sum(len(ids) for _, ids in adopted), "stale_files": len(stale),
            "dropped_chunks": len(dropped)}


def _whole(doc_id: str, chunks: list[StoredChunk]) -> bool:
    """Every chunk of one embedding of one file: numbered 0..n-1, n as recorded, one source and hash."""
    numbers = sorted(int(c.chunk_id.rpartition(":")[2]) for c in chunks)
    first = chunks[0]
    return (numbers == list(range(len(chunks))) and all(c.doc_chunks == len(chunks) for c in chunks)
            and all((c.source, c.sha256, c.doc_id) == (first.source, first.sha256, doc_id) for c in chunks))
