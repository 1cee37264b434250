"""The SQLite side of the index: which files are indexed (the sync manifest) and the BM25 postings."""

from __future__ import annotations

import heapq
import math
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vectorstore.errors import StoreError
from vectorstore.tokens import tokenize

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,
    title TEXT NOT NULL, chunks INTEGER NOT NULL, size INTEGER NOT NULL, indexed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks(id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, length INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_by_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS postings(
    term TEXT NOT NULL, chunk_id TEXT NOT NULL, tf INTEGER NOT NULL, PRIMARY KEY(term, chunk_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS postings_by_chunk ON postings(chunk_id);
CREATE TABLE IF NOT EXISTS stamps(
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL);
"""
K1, B = 1.2, 0.75


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
    """Manifest and BM25 in one SQLite file, so one transaction keeps them in step."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()  # one connection, shared by the chat's worker threads
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = _LockedConnection(
                sqlite3.connect(path, check_same_thread=False, isolation_level=None), self.lock
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
            self._lengths: tuple[dict[str, int], float] = ({}, 0.0)
            self._lengths_version: tuple[int, int] | None = None
        except sqlite3.DatabaseError as exc:  # a file that is not SQLite, or a damaged one
            raise StoreError(
                f"the index catalog {path} is unreadable ({exc}) — "
                "run `citeqa ingest --rebuild` to build it again"
            ) from exc

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
        with self._transaction():
            self._delete_chunks(record.doc_id)
            self._db.execute("DELETE FROM files WHERE path=? OR doc_id=?", (record.path, record.doc_id))
            if replace_path:
                self._db.execute("DELETE FROM files WHERE path=?", (replace_path,))
            for chunk_id, text in chunks:
                terms = Counter(tokenize(text))
                self._db.execute(
                    "INSERT INTO chunks VALUES (?, ?, ?)",
                    (chunk_id, record.doc_id, sum(terms.values())),
                )
                self._db.executemany(
                    "INSERT INTO postings VALUES (?, ?, ?)",
                    [(term, chunk_id, tf) for term, tf in terms.items()],
                )
            self._db.execute(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                (record.path, record.doc_id, record.sha256, record.title, record.chunks,
                 record.size, record.indexed_at),
            )

    def chunks_by_doc(self) -> dict[str, list[str]]:
        """Chunk ids per doc id, as the BM25 side knows them."""
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

    # --- BM25 ---------------------------------------------------------------------------------
    def bm25_search(self, query: str, k: int) -> list[tuple[str, float]]:
        """Top-k chunk ids by Okapi BM25 over the chunk texts (title included).

        Exact, and cheap at tens of thousands of chunks (MaxScore): terms are read rarest first, and once
        no chunk outside those already found could reach the top k, even with every remaining term at
        BM25's ceiling, the remaining (common) terms are scored on the found chunks only, never read whole.
        """
        lengths, avg_len = self._chunk_lengths()
        n = len(lengths)
        if not n:
            return []
        df = {t: self._df(t) for t in set(tokenize(query))}
        terms = sorted((t for t in df if df[t]), key=lambda t: df[t])
        idf = {t: math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5)) for t in terms}
        ceiling = [sum(idf[t] * (K1 + 1) for t in terms[j:]) for j in range(len(terms))]  # of the rest
        scores: dict[str, float] = {}

        def add(rows: Iterable[tuple[str, int]], term: str) -> None:
            for chunk_id, tf in rows:
                length = lengths.get(chunk_id)
                if length is None:  # written by a sync after the lengths were read: the next query has it
                    continue
                norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avg_len))
                scores[chunk_id] = scores.get(chunk_id, 0.0) + idf[term] * norm

        for j, term in enumerate(terms):
            decided = len(scores) >= k and heapq.nlargest(k, scores.values())[-1] >= ceiling[j]
            if decided and len(scores) < df[term]:
                found = list(scores)
                for rest in terms[j:]:
                    add(self._postings(rest, found), rest)
                break
            add(self._postings(term), term)
        return heapq.nlargest(k, scores.items(), key=lambda item: item[1])

    def _df(self, term: str) -> int:
        return self._db.execute("SELECT count(*) FROM postings WHERE term = ?", (term,)).fetchone()[0]

    def _chunk_lengths(self) -> tuple[dict[str, int], float]:
        """Terms per chunk and their mean, kept in memory until this or another process changes the catalog.

        Joining every posting to its chunk's row doubled the cost of a common term at 76k chunks.
        """
        with self.lock:
            version = self._db.version()
            if version != self._lengths_version:
                lengths = dict(self._db.execute("SELECT id, length FROM chunks").fetchall())
                self._lengths = (lengths, sum(lengths.values()) / max(1, len(lengths)))
                self._lengths_version = version
            return self._lengths

    def _postings(self, term: str, among: list[str] | None = None) -> list[tuple[str, int]]:
        """(chunk id, term frequency) of term's chunks, optionally only those among."""
        sql = "SELECT chunk_id, tf FROM postings WHERE term = ?"
        if among is None:
            return self._db.execute(sql, (term,)).fetchall()
        rows: list[tuple[str, int]] = []
        for at in range(0, len(among), 500):
            part = among[at : at + 500]
            rows += self._db.execute(sql + f" AND chunk_id IN ({','.join('?' * len(part))})",
                                     (term, *part)).fetchall()
        return rows

    def idf(self, terms: Iterable[str]) -> dict[str, float]:
        """Inverse document frequency of terms over chunks (unknown terms get the maximum)."""
        n = self.chunk_count() or 1
        out = {}
        for term in set(terms):
            df = self._db.execute("SELECT count(*) FROM postings WHERE term=?", (term,)).fetchone()[0]
            out[term] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return out

    def has_term(self, term: str) -> bool:
        """Whether any chunk contains the (tokenized) term."""
        return self._db.execute("SELECT 1 FROM postings WHERE term=? LIMIT 1", (term,)).fetchone() is not None

    def terms_like(self, term: str, limit: int = 200) -> list[str]:
        """Indexed terms sharing the first three letters (candidates for a fuzzy name match)."""
        prefix = term[:3]
        rows = self._db.execute(
            "SELECT DISTINCT term FROM postings WHERE term >= ? AND term < ? LIMIT ?",
            (prefix, prefix + "\uffff", limit),
        )
        return [row[0] for row in rows]

    def _delete_chunks(self, doc_id: str) -> None:
        self._db.execute(
            "DELETE FROM postings WHERE chunk_id IN (SELECT id FROM chunks WHERE doc_id=?)", (doc_id,)
        )
        self._db.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db, self.lock)


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
        with self._lock:
            return _Rows(self._db.execute(sql, tuple(params)).fetchall())

    def executemany(self, sql: str, rows: Iterable) -> None:
        with self._lock:
            self._db.executemany(sql, rows)

    def executescript(self, sql: str) -> None:
        with self._lock:
            self._db.executescript(sql)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def version(self) -> tuple[int, int]:
        """Changes by other connections (data_version) and by this one (total_changes)."""
        with self._lock:
            return self._db.execute("PRAGMA data_version").fetchone()[0], self._db.total_changes


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error), holding the lock throughout."""

    def __init__(self, db: _LockedConnection, lock: threading.RLock) -> None:
        self._db, self._lock = db, lock

    def __enter__(self) -> None:
        self._lock.acquire()
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *_: object) -> None:
        try:
            self._db.execute("ROLLBACK" if kind else "COMMIT")
        finally:
            self._lock.release()
