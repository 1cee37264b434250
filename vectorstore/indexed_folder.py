"""The index remembers the corpus folder it was built from, so a sync never runs against another one.

A sync of a different folder would remove every article the index holds from the first; it is refused
with the fix instead. `citeqa serve` uploads into the folder the index records.
"""

from __future__ import annotations

from pathlib import Path

from vectorstore.catalog import Catalog
from vectorstore.errors import CorpusError
from vectorstore.settings import Settings

CORPUS_KEY = "corpus"
CATALOG_FILE = "catalog.sqlite3"  # as vectorstore.index names it (importing index here would be circular)


def claim_corpus_folder(catalog: Catalog, settings: Settings) -> None:
    """Record settings.corpus as the index's folder, or refuse when the index was built from another."""
    wanted = settings.corpus.resolve()
    recorded = catalog.get_meta(CORPUS_KEY)
    if recorded is None or not catalog.files():  # a new (or emptied) index takes the folder it is given
        catalog.set_meta(CORPUS_KEY, str(wanted))
        return
    if Path(recorded) != wanted:
        raise CorpusError(
            f"the index at {settings.data_dir} was built from {recorded}, not {wanted} — run "
            f"`citeqa ingest {recorded}` to sync that folder, or `citeqa ingest --rebuild {wanted}` "
            "to switch the index to this one"
        )


def recorded_corpus_folder(settings: Settings) -> Path | None:
    """The folder the index under settings.data_dir was built from (None: no index, or none recorded)."""
    path = settings.data_dir / CATALOG_FILE
    if not path.is_file():
        return None
    catalog = Catalog(path)
    try:
        recorded = catalog.get_meta(CORPUS_KEY)
    finally:
        catalog.close()
    return Path(recorded) if recorded else None


def with_indexed_corpus(settings: Settings) -> Settings:
    """Settings whose corpus is the folder the index records (for serve: uploads go where the index reads)."""
    recorded = recorded_corpus_folder(settings)
    return settings.with_(corpus=recorded) if recorded is not None else settings
