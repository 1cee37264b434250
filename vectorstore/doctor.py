"""`citeqa doctor`: do Chroma, the docstore, BM25 and the sync manifest agree? `--repair` makes them."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from vectorstore.index import Index
from vectorstore.ingest import sync_folder


@dataclass(frozen=True)
class Health:
    """What the consistency check found; `consistent` is the one-line verdict."""

    files: int
    chunks_in_chroma: int
    chunks_in_catalog: int
    orphans_in_chroma: list[str] = field(default_factory=list)
    missing_from_chroma: list[str] = field(default_factory=list)
    duplicated_spans: list[str] = field(default_factory=list)
    pending_files: list[str] = field(default_factory=list)
    miscounted_files: list[str] = field(default_factory=list)
    docstore_extra: list[str] = field(default_factory=list)
    repaired: bool = False

    @property
    def consistent(self) -> bool:
        return not (self.orphans_in_chroma or self.missing_from_chroma or self.duplicated_spans
                    or self.pending_files or self.miscounted_files or self.docstore_extra)

    def to_dict(self) -> dict:
        return {"consistent": self.consistent, **asdict(self)}


def check(index: Index) -> Health:
    """Compare every chunk id and file record across the four stores."""
    with index.chroma.guard():
        got = index.chroma.collection.get(include=["metadatas"])
    chroma_ids = set(got["ids"])
    catalog_chunks = index.catalog.chunks_by_doc()
    catalog_ids = {cid for ids in catalog_chunks.values() for cid in ids}
    files = index.catalog.files()
    spans = Counter((m.get("source"), m.get("start"), m.get("end")) for m in got["metadatas"] or [])
    docstore_ids = set(index.docstore.get_all_document_hashes().values())
    return Health(
        files=len(files),
        chunks_in_chroma=len(chroma_ids),
        chunks_in_catalog=len(catalog_ids),
        orphans_in_chroma=sorted(chroma_ids - catalog_ids),
        missing_from_chroma=sorted(catalog_ids - chroma_ids),
        duplicated_spans=sorted(f"{s}[{a}:{b}]" for (s, a, b), n in spans.items() if n > 1),
        pending_files=sorted(f.path for f in files.values() if not f.sha256),
        miscounted_files=sorted(f.path for f in files.values()
                                if f.sha256 and f.chunks != len(catalog_chunks.get(f.doc_id, []))),
        docstore_extra=sorted(docstore_ids - {f.doc_id for f in files.values()}),
    )


def repair(index: Index) -> Health:
    """Drop what no file owns, mark damaged files for re-embedding, then sync; returns the new check."""
    health = check(index)
    if health.consistent:
        return health
    damaged = set(health.pending_files) | set(health.miscounted_files)
    by_chunk = {cid: doc for doc, ids in index.catalog.chunks_by_doc().items() for cid in ids}
    damaged_docs = {by_chunk[c] for c in health.missing_from_chroma if c in by_chunk}
    damaged |= {f.path for f in index.catalog.files().values() if f.doc_id in damaged_docs}
    with index.chroma.guard():
        if health.orphans_in_chroma:
            index.chroma.collection.delete(ids=health.orphans_in_chroma)
        for span in health.duplicated_spans:  # drop every copy; the file is re-embedded below
            damaged.add(span.rsplit("[", 1)[0])
    for doc_id in health.docstore_extra:
        index.docstore.delete_document(doc_id, raise_error=False)
    index.catalog.mark_stale(sorted(damaged))
    index.persist_docstore()
    sync_folder(index)
    return Health(**{**asdict(check(index)), "repaired": True})
