"""The article library on disk: add uploaded articles to the corpus folder, delete them, read them back.

No gradio here: the UI passes names and bytes in and shows the typed errors' messages.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path, PurePosixPath

from vectorstore import readers
from vectorstore.errors import CorpusError, LibraryError, UploadError
from vectorstore.folder import ArticleFile, read_article

MAX_UPLOAD_BYTES = readers.MAX_UPLOAD_BYTES  # the largest format's; each format has its own (readers.READERS)
UPLOAD_SUFFIXES = readers.SUFFIXES
MAX_NAME_CHARS = 100
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str) -> str:
    """The upload's name reduced to its last component in safe ASCII: no path, no hidden or odd names."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    stem, dot, suffix = base.rpartition(".")
    if not dot or f".{suffix.lower()}" not in UPLOAD_SUFFIXES:
        raise UploadError(
            f"{name!r} is not a file type citeqa reads — save the article as one of "
            f"{', '.join(UPLOAD_SUFFIXES)} and upload it again"
        )
    stem = _UNSAFE.sub("_", stem.replace(" ", "_")).strip("._-")
    stem = re.sub(r"_{2,}", "_", stem)[:MAX_NAME_CHARS].rstrip("._-") or "article"
    if stem.lower().startswith("readme"):
        raise UploadError(
            f"{name!r}: files named README… describe the folder and are not indexed — "
            "rename the file after the article and upload it again"
        )
    return f"{stem}.{suffix.lower()}"


def read_upload(path: Path) -> tuple[str, bytes]:
    """An uploaded file's name and bytes, refusing an oversized or non-regular file before reading it."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise UploadError(f"the upload {path.name!r} is not a regular file — upload the article's file")
        _check_size(path.name, info.st_size)
        return path.name, path.read_bytes()
    except OSError as exc:
        raise UploadError(
            f"cannot read the upload {path.name!r} ({exc.strerror}) — upload it again"
        ) from None


def check_upload(name: str, data: bytes) -> str:
    """The upload's article text if it can be an article; else UploadError saying what to fix."""
    _check_size(name, len(data))
    try:
        return readers.extract(name, data).text
    except readers.Unreadable as exc:
        raise UploadError(f"{name!r} cannot be added: {exc}") from None


def save_upload(corpus: Path, name: str, data: bytes) -> ArticleFile:
    """Save an upload into the corpus folder under a safe, new name (never overwriting) and return it.

    The saved file passes the same checks ingest applies, so the next sync indexes it.
    """
    filename = safe_filename(name)
    check_upload(name, data)
    if not corpus.is_dir():
        raise CorpusError(f"no corpus folder at {corpus} — create it or set CITEQA_CORPUS")
    stem, suffix = filename.rsplit(".", 1)
    for n in range(1000):
        candidate = corpus / (f"{stem}-{n}.{suffix}" if n else filename)
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        break
    else:
        raise UploadError(f"too many files named like {filename!r} — rename the file and upload it again")
    article = read_article(corpus.resolve(), candidate.name)
    if not isinstance(article, ArticleFile):
        candidate.unlink(missing_ok=True)
        raise UploadError(f"{name!r} was not added: {article.reason}")
    return article


def delete_article(corpus: Path, source: str, indexed: Iterable[str]) -> Path:
    """Remove an indexed article's file from the corpus folder; any other name is refused."""
    if source not in set(indexed):
        raise LibraryError(
            f"{source!r} is not an indexed article — pick one from the library list (refresh it first)"
        )
    path = _inside(corpus, source)
    path.unlink(missing_ok=True)
    return path


def folder_changes(corpus: Path, articles: Iterable[dict], ignored: Iterable[str] = (),
                   synced_at: float = 0.0) -> dict[str, int]:
    """How the corpus folder differs from the index: files new, gone, or modified since indexed.

    A walk of stat calls (no file is read), for the library's "folder changed" note; `ignored` are
    files the last sync skipped (they would otherwise count as new forever); a file counts as modified
    when its size differs or its mtime is after both its indexing and `synced_at` (a Unix time).
    """
    indexed = {a["source"]: a for a in articles}
    seen, new, modified = set(), 0, 0
    skip = set(ignored)
    root = corpus.resolve()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            lower = name.lower()
            if name.startswith(".") or not lower.endswith(readers.SUFFIXES) or lower.startswith("readme"):
                continue
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            if rel in skip:
                continue
            seen.add(rel)
            record = indexed.get(rel)
            try:
                stat = os.stat(full)
            except OSError:
                continue
            if record is None:
                new += 1
            elif stat.st_size != record.get("size") or _after(stat.st_mtime, record.get("indexed_at"), synced_at):
                modified += 1
    return {"new": new, "gone": len(set(indexed) - seen), "modified": modified}


def _after(mtime: float, indexed_at: object, synced_at: float) -> bool:
    try:
        indexed = datetime.fromisoformat(str(indexed_at)).timestamp()
    except ValueError:
        indexed = 0.0
    return mtime > max(indexed, synced_at) + 1
def upload_limits() -> str:
    """What may be uploaded, for the upload button: each format with its size limit."""
    return readers.limits()


def _check_size(name: str, size: int) -> None:
    """Each format has its own upload limit (a PDF is larger than the same article as text)."""
    reader = readers.reader_for(name)
    limit = reader.max_upload_bytes if reader else MAX_UPLOAD_BYTES
    if size > limit:
        kind = f" for {reader.format} files" if reader else ""
        raise UploadError(
            f"{name!r} is {size / readers.MB:.1f} MB; the limit is {limit // readers.MB} MB{kind} "
            f"({readers.limits()}) — split the article into smaller files"
        )


def _inside(corpus: Path, source: str) -> Path:
    rel = PurePosixPath(source)
    if not source or "\\" in source or rel.is_absolute() or ".." in rel.parts:
        raise LibraryError(f"{source!r} is not a path inside the corpus folder — refusing it")
    root = corpus.resolve()
    path = root.joinpath(*rel.parts)
    if not path.parent.resolve().is_relative_to(root):
        raise LibraryError(f"{source!r} lies outside the corpus folder — refusing it")
    return path
