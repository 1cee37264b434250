"""The extracted text of every indexed file, kept beside the index and keyed by the file's hash.

Citation offsets index this text, so the viewer and QA.source_text read it back instead of extracting a
PDF or web page again; a file whose bytes did not change is never re-read at all.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from vectorstore.errors import StoreError
from vectorstore.folder import ArticleFile, read_article

TEXTS_DIR = "texts"
_SHA256 = re.compile(r"[0-9a-f]{64}")


def keep_text(data_dir: Path, sha256: str, text: str) -> None:
    """Store a file's extracted text under its hash (replacing what an older reader extracted)."""
    folder = data_dir / TEXTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(tmp, folder / f"{sha256}.txt")  # readers see the old text or the whole new one
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def kept_text(data_dir: Path, sha256: str) -> str | None:
    """The text kept for a hash, or None when there is none (an index built before texts were kept)."""
    if not _SHA256.fullmatch(sha256 or ""):
        return None
    try:
        with (data_dir / TEXTS_DIR / f"{sha256}.txt").open(encoding="utf-8", newline="") as kept:
            return kept.read()
    except (OSError, UnicodeDecodeError):
        return None


def prune_texts(data_dir: Path, keep: set[str]) -> int:
    """Delete kept texts whose hash no indexed file has; the number deleted."""
    folder = data_dir / TEXTS_DIR
    if not folder.is_dir():
        return 0
    dropped = 0
    for entry in os.scandir(folder):
        sha256 = entry.name.removesuffix(".txt")
        if entry.name.startswith(".tmp-") or (entry.name.endswith(".txt") and sha256 not in keep):
            Path(entry.path).unlink(missing_ok=True)
            dropped += 1
    return dropped


def indexed_text(data_dir: Path, corpus: Path, source: str, sha256: str) -> str:
    """The text a source's citations index: the kept text, else the file read again if its hash still matches."""
    text = kept_text(data_dir, sha256)
    if text is not None:
        return text
    article = read_article(corpus.resolve(), source)
    if not isinstance(article, ArticleFile) or article.sha256 != sha256:
        raise StoreError(
            f"{source!r} changed or was removed since it was indexed — sync the library (`citeqa ingest`)"
        )
    keep_text(data_dir, sha256, article.text)
    return article.text

