"""One opened index: the Chroma vectors and the SQLite catalog, checked on open, behind one set of operations.

Callers outside `vectorstore` use only the operations below (dense and lexical search, chunks by id,
neighbours, stats, counts); every result is a citeqa value, never a Chroma or SQLite row.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from vectorstore.catalog import Catalog, FileRecord
from vectorstore.chunk import chunk_id, neighbour_ids
from vectorstore.embed import MiniLMEmbedding, model_id
from vectorstore.errors import StoreError
from vectorstore.settings import Settings
from vectorstore.store import ChromaStore, StoredChunk
from vectorstore.synclock import sync_lock
from vectorstore.tokens import TOKENIZER

CATALOG_FILE = "catalog.sqlite3"
CHROMA_DIR = "chroma"
LEGACY_DOCSTORE = "docstore.json"  # written by citeqa before format 3; removed on rebuild
STAGING_DIR = "rebuild.tmp"  # `ingest --rebuild` builds here, then switches it in
READY_MARK = "READY"  # in STAGING_DIR: the new index is complete, switching it in may (re)start
FORMAT = "3"  # bump when chunking or the catalog schema changes: old stores must be rebuilt


@dataclass
class Index:
    """Everything ingest writes and retrieval reads, opened together."""

    settings: Settings
    catalog: Catalog
    chroma: ChromaStore
    embed_model: MiniLMEmbedding
    _catalog_inode: int = 0

    @classmethod
    def open(cls, settings: Settings, embed_model: MiniLMEmbedding | None = None) -> Index:
        """Open (or create) the index under settings.data_dir; refuse one built differently."""
        data = settings.data_dir
        finish_switch(data)  # a rebuild killed while switching its new index in is completed first
        catalog = Catalog(data / CATALOG_FILE)
        try:
            _check_build(catalog, settings)
            chroma = ChromaStore(data / CHROMA_DIR, settings.chroma_host, settings.chroma_port)
        except BaseException:
            catalog.close()
            raise
        model = embed_model or MiniLMEmbedding(settings.embed, settings.model_cache)
        return cls(settings, catalog, chroma, model, _inode(data / CATALOG_FILE))

    @staticmethod
    def exists(settings: Settings) -> bool:
        """True when an index with at least one article is on disk."""
        finish_switch(settings.data_dir)
        path = settings.data_dir / CATALOG_FILE
        if not path.is_file():
            return False
        catalog = Catalog(path)
        try:
            return bool(catalog.files())
        finally:
            catalog.close()

    @staticmethod
    def remove(settings: Settings) -> None:
        """Delete the whole index in place (the corpus is never touched); callers hold the sync lock."""
        if settings.chroma_host:
            store = ChromaStore(settings.data_dir / CHROMA_DIR, settings.chroma_host, settings.chroma_port)
            store.drop()
            store.close()
        for name in (CATALOG_FILE, CATALOG_FILE + "-wal", CATALOG_FILE + "-shm", LEGACY_DOCSTORE):
            (settings.data_dir / name).unlink(missing_ok=True)
        shutil.rmtree(settings.data_dir / CHROMA_DIR, ignore_errors=True)

    def replaced_on_disk(self) -> bool:
        """True when another process switched a rebuilt index in since this one was opened."""
        return _inode(self.settings.data_dir / CATALOG_FILE) != self._catalog_inode

    # --- what retrieval and answering use ------------------------------------------------------
    def dense(self, query: str, k: int, encode: Callable[[list[str]], Any] | None = None) -> list[tuple[str, float]]:
        """The k chunk ids nearest the query's embedding, best first, with their similarity. encode: the
        model's encoder behind a cache the caller shares with its answerer, so a question is embedded once."""
        # The encoder itself: BaseEmbedding.get_query_embedding adds ~0.6 ms of events to each question.
        return self.chroma.query((encode or self.embed_model.encode)([query])[0].tolist(), k)

    def lexical(self, query: str, k: int) -> list[tuple[str, float]]:
        """The k chunk ids with the best BM25 score for the query's terms, best first."""
        return self.catalog.bm25_search(query, k)

    def chunks(self, chunk_ids: list[str]) -> list[StoredChunk]:
        """The stored chunks with these ids (missing ones are left out), in the order asked."""
        return self.chroma.get(chunk_ids)

    def neighbours(self, chunk_ids: list[str]) -> list[StoredChunk]:
        """The chunks just before and after each of these, of the same article, not among them."""
        have = set(chunk_ids)
        wanted = [n for cid in chunk_ids for n in neighbour_ids(cid) if n not in have]
        return self.chunks(list(dict.fromkeys(wanted)))

    def openings(self, sources: list[str], limit: int, everything: bool = False) -> list[StoredChunk]:
        """The first chunk of each of these articles, in order (then of every other one when everything),
        at most limit."""
        files = self.catalog.files()
        wanted = list(dict.fromkeys(sources))
        if everything:
            wanted += [path for path in files if path not in wanted]
        return self.chunks([chunk_id(files[path].doc_id, 0) for path in wanted[:limit] if path in files])

    @property
    def stats(self) -> Catalog:
        """Corpus statistics for the answerer: idf(terms), has_term(term), terms_like(term)."""
        return self.catalog

    def files(self) -> dict[str, FileRecord]:
        """The manifest: every article file the index knows, pending ones included."""
        return self.catalog.files()

    def counts(self) -> tuple[int, int]:
        """(chunks in the catalog, chunks in Chroma): the cheap check that both sides agree."""
        return self.catalog.chunk_count(), self.chroma.count()

    def close(self) -> None:
        self.catalog.close()
        self.chroma.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def switch_in(staging: Path, data: Path) -> None:
    """Make a complete index built in staging the one in data: mark it ready, then move it in place.

    A kill at any point leaves either the old index (no mark yet) or a marked staging folder that the next
    open finishes moving in (`finish_switch` is idempotent).
    """
    (staging / READY_MARK).touch()
    _fsync_dir(staging)
    _move_in(data)


def finish_switch(data: Path) -> None:
    """Complete a switch a killed rebuild left half done; a staging folder without the mark is ignored."""
    if not (data / STAGING_DIR / READY_MARK).exists():
        return
    try:
        with sync_lock(data):
            _move_in(data)
    except StoreError:
        pass  # the rebuild that owns it is still running and finishes the switch itself


def _move_in(data: Path) -> None:
    staging = data / STAGING_DIR
    if not (staging / READY_MARK).exists():
        return
    for name in (CATALOG_FILE + "-wal", CATALOG_FILE + "-shm", LEGACY_DOCSTORE):
        (data / name).unlink(missing_ok=True)
    for name in (CHROMA_DIR, CATALOG_FILE):  # the catalog last: its arrival is what readers notice
        new = staging / name
        if not new.exists():
            continue  # moved in by the switch that was killed
        old = data / name
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
        os.replace(new, old)
    _fsync_dir(data)
    shutil.rmtree(staging, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _inode(path: Path) -> int:
    try:
        return path.stat().st_ino
    except OSError:
        return 0


def _check_build(catalog: Catalog, settings: Settings) -> None:
    """The store records what built it; answers from a store built otherwise would be silently wrong."""
    wanted = {
        "format": FORMAT,
        "embed_model": model_id(settings.embed),
        "tokenizer": TOKENIZER,
        "chunk_chars": str(settings.chunk_chars),
    }
    found = {key: catalog.get_meta(key) for key in wanted}
    if all(value is None for value in found.values()):
        for key, value in wanted.items():
            catalog.set_meta(key, value)
        return
    different = {k: (found[k], v) for k, v in wanted.items() if found[k] != v}
    if different:
        what = ", ".join(f"{k} is {old!r}, settings want {new!r}" for k, (old, new) in different.items())
        raise StoreError(
            f"the index in the data folder was built differently ({what}) — "
            "run `citeqa ingest --rebuild` to rebuild it with the current settings"
            + (" (or set CITEQA_EMBED back to the runtime that built it)" if "embed_model" in different else "")
        )
