"""One opened index: the Chroma store, the llama-index docstore and the SQLite catalog, checked on open."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass

from llama_index.core.storage.docstore import SimpleDocumentStore

from vectorstore.catalog import Catalog
from vectorstore.embed import MiniLMEmbedding, model_id
from vectorstore.errors import StoreError
from vectorstore.settings import Settings
from vectorstore.store import ChromaStore
from vectorstore.tokens import TOKENIZER

CATALOG_FILE = "catalog.sqlite3"
DOCSTORE_FILE = "docstore.json"
CHROMA_DIR = "chroma"
FORMAT = "2"  # bump when chunking changes: old stores must be rebuilt


@dataclass
class Index:
    """Everything ingest writes and retrieval reads, opened together."""

    settings: Settings
    catalog: Catalog
    chroma: ChromaStore
    docstore: SimpleDocumentStore
    embed_model: MiniLMEmbedding

    @classmethod
    def open(cls, settings: Settings) -> Index:
        """Open (or create) the index under settings.data_dir; refuse one built differently."""
        data = settings.data_dir
        catalog = Catalog(data / CATALOG_FILE)
        _check_build(catalog, settings)
        chroma = ChromaStore(data / CHROMA_DIR, settings.chroma_host, settings.chroma_port)
        docstore_path = data / DOCSTORE_FILE
        try:
            docstore = (
                SimpleDocumentStore.from_persist_path(str(docstore_path))
                if docstore_path.exists()
                else SimpleDocumentStore()
            )
        except (ValueError, json.JSONDecodeError) as exc:
            raise StoreError(
                f"the docstore {docstore_path} is unreadable ({exc}) — run `citeqa ingest --rebuild`"
            ) from exc
        return cls(settings, catalog, chroma, docstore, MiniLMEmbedding(settings.embed, settings.model_cache))

    @staticmethod
    def exists(settings: Settings) -> bool:
        """True when an index with at least one article is on disk."""
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
        """Delete the whole index (for --rebuild); the corpus is never touched."""
        if settings.chroma_host:
            ChromaStore(settings.data_dir / CHROMA_DIR, settings.chroma_host, settings.chroma_port).drop()
        for name in (CATALOG_FILE, CATALOG_FILE + "-wal", CATALOG_FILE + "-shm", DOCSTORE_FILE):
            (settings.data_dir / name).unlink(missing_ok=True)
        shutil.rmtree(settings.data_dir / CHROMA_DIR, ignore_errors=True)

    def persist_docstore(self) -> None:
        self.docstore.persist(str(self.settings.data_dir / DOCSTORE_FILE))

    def close(self) -> None:
        self.catalog.close()
        self.chroma.close()


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
            f"the index at {settings.data_dir} was built differently ({what}) — "
            "run `citeqa ingest --rebuild` to rebuild it with the current settings"
            + (" (or set CITEQA_EMBED back to the runtime that built it)" if "embed_model" in different else "")
        )
