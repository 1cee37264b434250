"""The SQLite side of the index: which files are indexed (the sync manifest) and the FTS5 lexical index."""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vectorstore import topk
from vectorstore.errors import StoreError
from vectorstore.tokens import tokenize

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,
    title TEXT NOT NULL, chunks INTEGER NOT NULL, size INTEGER NOT NULL, indexed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_by_doc ON chunks(doc_id);
-- rowid = chunks.n; terms = tokenize(title + text) joined by spaces, so FTS5 sees our stems exactly
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(terms, tokenize="unicode61 remove_diacritics 0");
CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(fts, 'row');
CREATE TABLE IF NOT EXISTS stamps(
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL);
"""


@dataclass(frozen=True)
class FileRecord:
    """One indexed article as the manifest knows it."""

    path: str
    doc_id: str
    sha256: str
    title: str
    chunks: int
    size: int
    indexed_at: str


class Catalog:
    """Manifest and full-text index in one SQLite file, so one transaction keeps them in step."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()  # one connection, shared by the chat's worker threads
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except sqlite3.DatabaseError as exc:
            raise catalog_error(exc) from exc
        self._db = _LockedConnection(connection, self.lock)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    # --- settings the index was built with ---------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # --- the manifest -------------------------------------------------------------------------
    def files(self) -> dict[str, FileRecord]:
        rows = self._db.execute(
            "SELECT path, doc_id, sha256, title, chunks, size, indexed_at FROM files ORDER BY path"
        )
        return {row[0]: FileRecord(*row) for row in rows}

    def stamps(self) -> dict[str, tuple[int, int, str]]:
        """path → (size, mtime_ns, sha256) as last hashed: a sync need not read a file that still matches."""
        rows = self._db.execute("SELECT path, size, mtime_ns, sha256 FROM stamps")
        return {row[0]: (row[1], row[2], row[3]) for row in rows}

    def put_stamps(self, stamps: Iterable[tuple[str, int, int, str]]) -> None:
        """Record (path, size, mtime_ns, sha256) of files just hashed; stamps of other paths are dropped."""
        with self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?, ?)", list(stamps))
            self._db.execute("DELETE FROM stamps WHERE path NOT IN (SELECT path FROM files)")

    def chunk_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM chunks").fetchone()[0]

    def put_document(
        self, record: FileRecord, chunks: Iterable[tuple[str, str]], replace_path: str | None = None
    ) -> None:
        """Record an article and its chunks' (id, searchable text), replacing what it had."""
        rows = [(chunk_id, " ".join(tokenize(text))) for chunk_id, text in chunks]  # before taking the lock
        with self._transaction():
            self._delete_chunks(record.doc_id)
            self._db.execute("DELETE FROM files WHERE path=? OR doc_id=?", (record.path, record.doc_id))
            if replace_path:
                self._db.execute("DELETE FROM files WHERE path=?", (replace_path,))
            for chunk_id, terms in rows:
                self._db.execute("INSERT INTO chunks(id, doc_id) VALUES (?, ?)", (chunk_id, record.doc_id))
                self._db.execute(
                    "INSERT INTO fts(rowid, terms) VALUES ((SELECT n FROM chunks WHERE id=?), ?)", (chunk_id, terms)
                )
            self._db.execute(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                (record.path, record.doc_id, record.sha256, record.title, record.chunks,
                 record.size, record.indexed_at),
            )

    def chunks_by_doc(self) -> dict[str, list[str]]:
        """Chunk ids per doc id, as the lexical side knows them."""
        out: dict[str, list[str]] = {}
        for chunk_id, doc_id in self._db.execute("SELECT id, doc_id FROM chunks"):
            out.setdefault(doc_id, []).append(chunk_id)
        return out

    def mark_stale(self, paths: list[str]) -> None:
        """Forget these files' hashes so the next sync re-embeds them (doctor --repair)."""
        with self._transaction():
            for path in paths:
                self._db.execute("UPDATE files SET sha256='' WHERE path=?", (path,))

    def put_pending(self, files: list[tuple[str, str, str, int]]) -> None:
        """Reserve (path, doc_id, title, size) for new files before embedding; sha256 '' means pending."""
        with self._transaction():
            for path, doc_id, title, size in files:
                self._db.execute(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, '', ?, 0, ?, '')", (path, doc_id, title, size)
                )

    def rename(self, old_path: str, new_path: str) -> None:
        self._db.execute("UPDATE files SET path=? WHERE path=?", (new_path, old_path))

    def remove_document(self, path: str) -> None:
        with self._transaction():
            row = self._db.execute("SELECT doc_id FROM files WHERE path=?", (path,)).fetchone()
            if row:
                self._delete_chunks(row[0])
            self._db.execute("DELETE FROM files WHERE path=?", (path,))

    # --- lexical search (SQLite FTS5 over the tokenized, stemmed text) -----------------------------
    def bm25_search(self, query: str, k: int) -> list[tuple[str, float]]:
        """Top-k chunk ids by Okapi BM25 over the chunk texts (title included), best first.

        FTS5 scores in C (k1=1.2, b=0.75) over the terms `tokenize` produced, so a query and a chunk
        meet exactly as before; the quoted terms are OR-ed, as BM25 sums them. Chunks that hold only the
        query's common words are left unscored when they provably cannot reach the top k (vectorstore.topk).
        """
        terms = list(dict.fromkeys(tokenize(query)))
        if not terms or k <= 0:
            return []
        every = _match(terms)
        with self._db.snapshot():  # the bounds hold for the chunks they were computed over
            pruning = topk.plan(self._frequencies(terms), self._rows_at_most(), k)
            rare = pruning.first
            while rare is not None:
                rows = self._bm25(every, k, among=_match(pruning.order[:rare]))
                kth = rows[-1][1] if len(rows) == k else None
                if pruning.proven(rare, kth):
                    return rows
                rare = pruning.widen(rare, kth)
            return self._bm25(every, k)

    def _bm25(self, match: str, k: int, among: str | None = None) -> list[tuple[str, float]]:
        """FTS5's top k for match; among: score only the chunks that also match this (`+rowid` keeps FTS5
        from looking each one up, which would redo its idf scans per chunk)."""
        restrict = " AND +rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)" if among else ""
        rows = self._db.execute(
            "SELECT chunks.id, -score FROM (SELECT rowid AS n, bm25(fts) AS score FROM fts "
            f"WHERE fts MATCH ?{restrict} ORDER BY score LIMIT ?) JOIN chunks USING (n) ORDER BY score",
            (match, among, k) if among else (match, k),
        )
        return [(chunk_id, score) for chunk_id, score in rows]

    def _frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many chunks hold each term (0 for a term no chunk has)."""
        marks = ",".join("?" * len(terms))
        found = dict(self._db.execute(f"SELECT term, doc FROM vocab WHERE term IN ({marks})", terms).fetchall())
        return {term: found.get(term, 0) for term in terms}

    def _rows_at_most(self) -> int:
        """No fewer than the chunks in the full-text index: its largest rowid (rowids count up from 1)."""
        row = self._db.execute("SELECT rowid FROM fts ORDER BY rowid DESC LIMIT 1").fetchone()
        return row[0] if row else 0

    def idf(self, terms: Iterable[str]) -> dict[str, float]:
        """Inverse document frequency of terms over chunks (unknown terms get the maximum)."""
        n = self.chunk_count() or 1
        out = {}
        for term in set(terms):
            row = self._db.execute("SELECT doc FROM vocab WHERE term=?", (term,)).fetchone()
            df = row[0] if row else 0
            out[term] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return out

    def has_term(self, term: str) -> bool:
        """Whether any chunk contains the (tokenized) term."""
        return self._db.execute("SELECT 1 FROM vocab WHERE term=?", (term,)).fetchone() is not None

    def terms_like(self, term: str, limit: int = 200) -> list[str]:
        """Indexed terms sharing the first three letters (candidates for a fuzzy name match)."""
        prefix = term[:3]
        rows = self._db.execute(
            "SELECT term FROM vocab WHERE term >= ? AND term < ? LIMIT ?", (prefix, prefix + "\uffff", limit)
        )
        return [row[0] for row in rows]

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity check of the whole file, then FTS5's of its index; empty when sound."""
        problems = [row[0] for row in self._db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        if not problems:
            try:
                self._db.execute("INSERT INTO fts(fts) VALUES ('integrity-check')")
            except StoreError as exc:
                problems.append(f"full-text index: {exc}")
        return problems

    def _delete_chunks(self, doc_id: str) -> None:
        self._db.execute("DELETE FROM fts WHERE rowid IN (SELECT n FROM chunks WHERE doc_id=?)", (doc_id,))
        self._db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db, self.lock)


def _match(terms: list[str]) -> str:
    """An FTS5 query OR-ing the terms, each quoted as one phrase."""
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)


def catalog_error(exc: sqlite3.Error) -> StoreError:
    """Every SQLite failure, mapped by type to one line with the fix (no server path: a browser may show it)."""
    if isinstance(exc, sqlite3.OperationalError):
        return StoreError(
            f"the index catalog (catalog.sqlite3 in the data folder) could not be used ({exc}) — check that "
            "the data folder is writable; if this persists, run `citeqa ingest --rebuild`"
        )
    return StoreError(
        f"the index catalog (catalog.sqlite3 in the data folder) is damaged ({exc}) — "
        "run `citeqa ingest --rebuild` to build it again from the corpus"
    )


class _Rows:
    def __init__(self, rows: list) -> None:
        self._rows = rows

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list:
        return self._rows

    def __iter__(self) -> Iterator:
        return iter(self._rows)


class _LockedConnection:
    """Every statement runs under the catalog's lock and returns its rows already fetched."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock) -> None:
        self._db, self._lock = db, lock

    def execute(self, sql: str, params: Iterable = ()) -> _Rows:
        with self._lock, _mapped():
            return _Rows(self._db.execute(sql, tuple(params)).fetchall())

    def executemany(self, sql: str, rows: Iterable) -> None:
        with self._lock, _mapped():
            self._db.executemany(sql, rows)

    def executescript(self, sql: str) -> None:
        with self._lock, _mapped():
            self._db.executescript(sql)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Statements that must see one state of the file (no other writer commits in between)."""
        with self._lock:
            if self._db.in_transaction:  # this thread's own transaction already is one
                yield
                return
            self.execute("BEGIN")
            try:
                yield
            finally:
                self.execute("COMMIT")


@contextmanager
def _mapped() -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise catalog_error(exc) from exc


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error), holding the lock throughout."""

    def __init__(self, db: _LockedConnection, lock: threading.RLock) -> None:
        self._db, self._lock = db, lock

    def __enter__(self) -> None:
        self._lock.acquire()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise

    def __exit__(self, kind: object, *_: object) -> None:
        try:
            if not kind:
                self._db.execute("COMMIT")
            else:
                try:
                    self._db.execute("ROLLBACK")
                except StoreError:
                    pass  # SQLite already rolled back (a damaged file, a full disk): the first error counts
        finally:
            self._lock.release()
