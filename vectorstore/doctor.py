"""`citeqa doctor`: is the catalog sound, and do it and Chroma agree? `--repair` makes them, re-embedding
only what Chroma no longer holds."""

from __future__ import annotations

import os
from collections import Counter
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field

from vectorstore.catalog import Catalog
from vectorstore.errors import StoreError
from vectorstore.index import CATALOG_FILE, Index
from vectorstore.ingest import SyncReport, sync_folder
from vectorstore.settings import Settings
from vectorstore.synclock import sync_lock


@dataclass(frozen=True)
class Health:
    """What the consistency check found; `consistent` is the one-line verdict."""

    files: int
    chunks_in_chroma: int
    chunks_in_catalog: int
    catalog_damage: list[str] = field(default_factory=list)  # SQLite's and FTS5's integrity checks
    orphans_in_chroma: list[str] = field(default_factory=list)
    missing_from_chroma: list[str] = field(default_factory=list)
    duplicated_spans: list[str] = field(default_factory=list)
    pending_files: list[str] = field(default_factory=list)
    miscounted_files: list[str] = field(default_factory=list)
    repaired: bool = False
    repair: dict[str, int] = field(default_factory=dict)

    @property
    def consistent(self) -> bool:
        return not (self.catalog_damage or self.orphans_in_chroma or self.missing_from_chroma
                    or self.duplicated_spans or self.pending_files or self.miscounted_files)

    def to_dict(self) -> dict:
        return {"consistent": self.consistent, **asdict(self)}


def check(index: Index) -> Health:
    """Run the catalog's integrity checks, then compare every chunk id and file record across both stores."""
    damage = index.catalog.integrity_problems()
    if damage:
        return Health(files=0, chunks_in_chroma=index.chroma.count(), chunks_in_catalog=0, catalog_damage=damage)
    stored = index.chroma.all_chunks()
    chroma_ids = {c.chunk_id for c in stored}
    catalog_chunks = index.catalog.chunks_by_doc()
    catalog_ids = {cid for ids in catalog_chunks.values() for cid in ids}
    files = index.catalog.files()
    spans = Counter((c.source, c.start, c.end) for c in stored)
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
    )


def repair(index: Index) -> Health:
    """Reconcile both stores (adopting what Chroma holds, dropping what no file owns), re-embed the rest."""
    health = check(index)
    if health.consistent:
        return health
    if health.catalog_damage:
        raise StoreError("the index catalog is damaged — run `citeqa doctor --repair` (it rebuilds the catalog "
                         "from the vector store) or `citeqa ingest --rebuild`")
    report = sync_folder(index, full_check=True)
    return Health(**{**asdict(check(index)), "repaired": True, "repair": _summary(report)})


def run(settings: Settings, fix: bool) -> Health:
    """`citeqa doctor [--repair]`: check, and with fix repair; a damaged catalog is rebuilt from Chroma.

    The damaged catalog is kept beside as catalog.sqlite3.damaged; every file whose bytes still match what
    Chroma holds is adopted without embedding, the rest re-embedded.
    """
    with sync_lock(settings.data_dir) if fix else nullcontext():
        damaged = _catalog_damaged(settings)
        if not damaged or not fix:
            if damaged:
                # opening a catalog whose header is damaged fails; the check reports it instead
                return Health(files=0, chunks_in_chroma=0, chunks_in_catalog=0, catalog_damage=damaged)
            with Index.open(settings) as index:
                return repair(index) if fix else check(index)
        data = settings.data_dir
        os.replace(data / CATALOG_FILE, data / (CATALOG_FILE + ".damaged"))
        for suffix in ("-wal", "-shm"):
            (data / (CATALOG_FILE + suffix)).unlink(missing_ok=True)
        with Index.open(settings) as index:
            report = sync_folder(index, full_check=True)
            summary = {**_summary(report), "catalog_rebuilt": 1}
            return Health(**{**asdict(check(index)), "repaired": True, "repair": summary})


def _catalog_damaged(settings: Settings) -> list[str]:
    path = settings.data_dir / CATALOG_FILE
    if not path.exists():
        return []
    try:
        catalog = Catalog(path)
    except StoreError as exc:
        return [str(exc)]
    try:
        return catalog.integrity_problems()
    except StoreError as exc:
        return [str(exc)]
    finally:
        catalog.close()


def _summary(report: SyncReport) -> dict[str, int]:
    return {**report.reconciled, "embedded_chunks": report.embedded}
