"""Read a corpus folder: which files are articles, and why the others are skipped."""

from __future__ import annotations

import hashlib
import os
import stat as stat_mode
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from vectorstore.clean import content_blocks
from vectorstore.errors import CorpusError
from vectorstore.readers import MB, SUFFIXES, Unreadable, extract, reader_for, unsupported


@dataclass(frozen=True)
class ArticleFile:
    """An article as read from disk: text is what its reader extracted (a UTF-8 .txt's text, unchanged)."""

    path: str  # relative to the corpus folder, with forward slashes
    text: str
    sha256: str
    size: int
    title: str
    mtime_ns: int = 0
    format: str = "text"


@dataclass(frozen=True)
class Known:
    """What the manifest holds for a path: its hash, and the size and mtime it had when last hashed."""

    sha256: str
    size: int = -1
    mtime_ns: int = -1


@dataclass(frozen=True)
class Unchanged:
    """A file the manifest already holds as it is: a sync leaves it be, so it is not decoded or cleaned."""

    path: str
    sha256: str
    size: int
    mtime_ns: int
    hashed: bool  # False: same size and mtime as when last hashed, so not even read


@dataclass(frozen=True)
class Skipped:
    """A file that was not indexed, and why."""

    path: str
    reason: str


def read_folder(
    corpus: Path, known: Mapping[str, Known] | None = None
) -> tuple[list[ArticleFile | Unchanged], list[Skipped]]:
    """Every article under corpus (recursively, sorted), plus the files that were skipped.

    A file the manifest knows comes back as Unchanged when its size and mtime are those it had when
    last hashed (as git and rsync judge), or else when its bytes still hash the same: a sync of a large,
    unchanged archive is a walk of stat calls.
    """
    if not corpus.is_dir():
        raise CorpusError(
            f"no corpus folder at {corpus} — create it and put articles ({', '.join(SUFFIXES)}) in it, "
            "or set CITEQA_CORPUS to your articles' folder"
        )
    root = corpus.resolve()
    known = known or {}
    articles: list[ArticleFile | Unchanged] = []
    skipped: list[Skipped] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
            result = read_article(root, rel, known.get(rel))
            (skipped if isinstance(result, Skipped) else articles).append(result)
    return articles, skipped


def read_article(root: Path, rel: str, known: Known | None = None) -> ArticleFile | Unchanged | Skipped:
    """One file as an article, or the reason it cannot be one (or Unchanged, as the manifest knows it)."""
    full = root / rel
    reader = reader_for(full.name)
    if reader is None:
        return Skipped(rel, unsupported(full.name))
    if full.name.lower().startswith("readme"):
        return Skipped(rel, "a README describes the folder; it is not an article")
    resolved = full
    if full.is_symlink():  # the walk does not follow linked folders, so only a linked file can leave root
        try:
            resolved = full.resolve(strict=True)
        except (OSError, RuntimeError):
            return Skipped(rel, "broken symbolic link")
        if not resolved.is_relative_to(root):
            return Skipped(rel, "symbolic link pointing outside the corpus folder (refused)")
    try:
        stat = resolved.stat()
        if not stat_mode.S_ISREG(stat.st_mode):  # a FIFO or device would block the read (and the sync lock)
            return Skipped(rel, "not a regular file (a pipe, socket or device) — only files are read")
        size = stat.st_size
        if known and (size, stat.st_mtime_ns) == (known.size, known.mtime_ns):
            return Unchanged(rel, known.sha256, size, stat.st_mtime_ns, hashed=False)
        if size > reader.max_bytes:
            return Skipped(rel, f"larger than {reader.max_bytes // MB} MB, the limit for {reader.format} files")
        data = _read_regular(resolved, reader.max_bytes)
    except OSError as exc:
        return Skipped(rel, f"unreadable: {exc.strerror or exc}")
    sha256 = hashlib.sha256(data).hexdigest()
    if known and sha256 == known.sha256:
        return Unchanged(rel, sha256, size, stat.st_mtime_ns, hashed=True)
    try:
        extracted = extract(full.name, data)
    except Unreadable as exc:
        return Skipped(rel, str(exc))
    if not content_blocks(extracted.text):
        return Skipped(rel, "no article text left after removing web boilerplate")
    return ArticleFile(
        path=rel,
        text=extracted.text,
        sha256=sha256,
        size=len(data),
        title=extracted.title or rel,
        mtime_ns=stat.st_mtime_ns,
        format=extracted.format,
    )


def _read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, checked again on the open descriptor (the path may have been swapped)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening a FIFO this way does not wait for a writer
    try:
        if not stat_mode.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise OSError(0, f"grew beyond {limit // MB} MB while being read")
    return data
