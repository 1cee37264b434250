"""What an article file is: one reader per format, keyed by suffix, each giving the text citations index.

Ingest, the library upload, the viewer and the evaluation all go through this registry, so the list of
formats, their size limits and the way bytes become text are written once. A reader returns the
extracted text and the document's own title, or raises Unreadable with a reason that says the fix.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from vectorstore.clean import article_title

MB = 1024 * 1024
MAX_DOCX_UNZIPPED = 200 * MB  # what a DOCX may expand to; beyond is a zip bomb, not a report
MAX_DOCX_RATIO = 200  # expansion per member: real XML compresses 5-20x
MIN_PAGE_WORDS = 8  # fewer words than a headline and one sentence: no article on the page


class Unreadable(Exception):
    """A file that cannot become an article; str(self) is the reason, with the fix."""


@dataclass(frozen=True)
class Extracted:
    """A file's article text (what citation offsets index) and its own title ("" when it has none)."""

    text: str
    title: str
    format: str


@dataclass(frozen=True)
class Reader:
    """One format: its suffixes, size limits (a sync's, an upload's) and how bytes become text."""

    format: str
    suffixes: tuple[str, ...]
    max_bytes: int
    max_upload_bytes: int
    read: Callable[[bytes], tuple[str, str]]  # bytes -> (text, title)


def _read_text(data: bytes) -> tuple[str, str]:
    """UTF-8 exactly as the bytes say (offsets index the file); otherwise the detected encoding."""
    text = _decode(data)
    return text, article_title(text)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise Unreadable("not valid UTF-16 text despite its byte-order mark — re-save it as UTF-8") from None
    if b"\x00" in data[:8192]:
        raise Unreadable("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    text = str(best) if best is not None else ""
    if best is None or _control_share(text) > 0.01:
        raise Unreadable("its text encoding cannot be determined — re-save it as UTF-8")
    return text


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r" or "\x7f" <= ch < "\xa0")
    return controls / max(1, len(text))


def _read_html(data: bytes) -> tuple[str, str]:
    """The article body of a web page as trafilatura finds it: no navigation, footer, script or banner."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                          include_tables=True, deduplicate=True)
    except RecursionError:
        raise Unreadable("the page is nested too deeply to read — save the article's text as .txt") from None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body.split()) < MIN_PAGE_WORDS:  # trafilatura's fallback returns a menu's link text
        raise Unreadable("no article body found in the page (only navigation or boilerplate) — "
                         "save the article's text as .txt")
    title = _one_line(getattr(doc, "title", None) or "")
    return _titled(title, _paragraphs(body)), title or article_title(body)


def _read_pdf(data: bytes) -> tuple[str, str]:
    """The text layer of every page, in order; a scanned PDF has none and is refused with the fix."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        pdf = PdfReader(io.BytesIO(data))
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise FileNotDecryptedError("password")
        pages = [(page.extract_text() or "").strip() for page in pdf.pages]
        meta_title = _one_line(str((pdf.metadata or {}).get("/Title") or ""))
    except (FileNotDecryptedError, DependencyError):
        raise Unreadable("the PDF is encrypted — save a copy without a password and add that") from None
    except PdfReadError as exc:
        raise Unreadable(f"not a readable PDF ({_short(exc)}) — export it again") from None
    body = "\n\n".join(page for page in pages if page)
    if not body:
        raise Unreadable("no text layer — a scanned PDF needs OCR first (e.g. ocrmypdf), then add it again")
    title = meta_title or article_title(body)
    return (_titled(meta_title, body) if meta_title else body), title


def _read_docx(data: bytes) -> tuple[str, str]:
    """Paragraphs and table cells of a Word document; the ZIP is measured before anything is unpacked."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise Unreadable("not a valid DOCX (the ZIP container is damaged) — save it again from Word") from None
    unzipped = sum(m.file_size for m in members)
    if unzipped > MAX_DOCX_UNZIPPED or any(
        m.file_size > MB and m.file_size > MAX_DOCX_RATIO * max(1, m.compress_size) for m in members
    ):
        raise Unreadable(f"the DOCX would expand to {unzipped / MB:,.0f} MB (a zip bomb?) — refused")
    try:
        doc = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise Unreadable(f"not a valid DOCX ({_short(exc)}) — save it again from Word") from None
    parts = [p.text.strip() for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(dict.fromkeys(cell.text.strip() for cell in row.cells)))
    body = "\n\n".join(part for part in parts if part)
    if not body:
        raise Unreadable("the DOCX has no text — add the article's text to it")
    meta_title = _one_line(doc.core_properties.title or "")
    return (_titled(meta_title, body) if meta_title else body), meta_title or article_title(body)


def _titled(title: str, body: str) -> str:
    """The body with its title as the first line (as in a .txt article), unless it already opens with it."""
    if not title or body.lstrip().startswith(title):
        return body
    return f"{title}\n\n{body}"


def _paragraphs(body: str) -> str:
    """trafilatura's one line per paragraph, as blank-line separated paragraphs."""
    return re.sub(r"\n+", "\n\n", body)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__


READERS = (
    Reader("text", (".txt",), 20 * MB, 2 * MB, _read_text),
    Reader("markdown", (".md",), 20 * MB, 2 * MB, _read_text),
    Reader("html", (".html", ".htm"), 20 * MB, 5 * MB, _read_html),
    Reader("pdf", (".pdf",), 100 * MB, 30 * MB, _read_pdf),
    Reader("docx", (".docx",), 50 * MB, 20 * MB, _read_docx),
)
SUFFIXES = tuple(suffix for reader in READERS for suffix in reader.suffixes)
MAX_UPLOAD_BYTES = max(reader.max_upload_bytes for reader in READERS)


def reader_for(name: str) -> Reader | None:
    """The reader for a file name's suffix (case-insensitive), or None for a format citeqa does not read."""
    lower = name.lower()
    return next((r for r in READERS if lower.endswith(r.suffixes)), None)


def format_of(name: str) -> str:
    """The format a file name's suffix stands for ("" when none)."""
    reader = reader_for(name)
    return reader.format if reader else ""


def unsupported(name: str) -> str:
    """The reason a file of another type is not read, listing what is."""
    return f"unsupported file type (citeqa reads {', '.join(SUFFIXES)})"


def limits() -> str:
    """The upload limits per format, for messages and the upload box."""
    return ", ".join(f"{'/'.join(r.suffixes)} {r.max_upload_bytes // MB} MB" for r in READERS)


def extract(name: str, data: bytes) -> Extracted:
    """The article text of a file's bytes, by its suffix; Unreadable with the reason otherwise."""
    reader = reader_for(name)
    if reader is None:
        raise Unreadable(unsupported(name))
    if not data.strip():
        raise Unreadable("empty file")
    try:
        text, title = reader.read(data)
    except Unreadable:
        raise
    except Exception as exc:  # noqa: BLE001 — a parser's own failure on hostile bytes is a reason, not a crash
        raise Unreadable(f"the {reader.format} file could not be read ({type(exc).__name__}) — "
                         "save it again or as .txt") from None
    return Extracted(text, title, reader.format)
