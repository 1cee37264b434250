"""Web pages, PDF, DOCX and old encodings: real files made here, ingested, asked about and cited exactly.

Each file carries a made-up fact, so an answer can only come from that file. Hostile variants (a scanned
or encrypted PDF, a zip bomb, 5,000 nested elements, undecodable bytes, a FIFO) each get their reason.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from qa import QA, Settings, library, ui_render
from qa.cli import main
from qa.library import UploadError
from vectorstore.indexed_folder import with_indexed_corpus
from vectorstore.texts import TEXTS_DIR

PAGE_TITLE = "Quorvik harbour opens a night ferry"
PAGE = f"""<!doctype html><html><head><title>{PAGE_TITLE} | The Example Gazette</title>
<script>window.trackingId = "SCRIPTWORD";</script><style>.x {{ color: red }}</style></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">NAVWORD sport</a></nav>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<main><article><h1>{PAGE_TITLE}</h1>
<p>The harbour authority of Quorvik opened a night ferry service on Monday, carrying 340 passengers on its
first crossing to the island of Tessaly.</p>
<p>Harbour master Ilse Brandvold said the ferry would run every night except Sundays, with tickets at
twelve florins for adults and six for children.</p>
<p>The service was paid for by a regional grant approved by the provincial assembly last year.</p>
</article></main>
<footer><p>FOOTWORD Copyright 2026 The Example Gazette. All rights reserved.</p></footer>
</body></html>"""
PDF_TITLE = "Annual report of the Velmora glassworks"
PDF_LINES = [
    "The Velmora glassworks produced 18,400 stained glass panels in its most recent financial year.",
    "Director Anselm Korvath said the new kiln in the eastern hall had cut gas use by a third.",
    "The glassworks employs ninety people and exports most of its panels to cathedral workshops.",
]
DOCX_TITLE = "Brisling valley orchard survey"
DOCX_PARAGRAPHS = [
    "The Brisling valley orchard survey counted 7,250 pear trees across the valley's southern slopes.",
    "Surveyor Oda Lindqvist said late frost had damaged the blossom on about one tree in five.",
    "The cooperative plans to replant the damaged rows with a hardier variety next spring.",
]
CP1252 = (
    "Café Mirabelle wins the pastry prize\n\n"
    "The café’s pastry chef, Zéphyrine Marçal, won the regional pastry prize with a plum tart costing 4 € a slice.\n\n"
    "She said the recipe came from her grandmother’s notebook, written in 1962.\n"
)
FACTS = [  # (file, question, words the answer must contain)
    ("ferry.html", "How many passengers did the Quorvik night ferry carry on its first crossing?", ["340"]),
    ("glassworks.pdf", "How many stained glass panels did the Velmora glassworks produce?", ["18,400"]),
    ("orchard.docx", "How many pear trees did the Brisling valley orchard survey count?", ["7,250"]),
    ("cafe.txt", "Who won the regional pastry prize with a plum tart?", ["Zéphyrine", "Marçal"]),
]


def make_pdf(lines: list[str], title: str = "", *, image_only: bool = False) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if title:
        pdf.set_title(title)
    if image_only:  # a scan: a picture of a page, no text layer
        from PIL import Image

        pdf.image(Image.new("L", (200, 280), 230), x=10, y=10, w=190)
    else:
        pdf.set_font("Helvetica", size=12)
        for line in lines:
            pdf.multi_cell(0, 8, line)
            pdf.ln(4)
    return bytes(pdf.output())


def encrypt_pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(paragraphs: list[str], title: str = "") -> bytes:
    from docx import Document

    doc = Document()
    doc.core_properties.title = title
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A real DOCX with one extra member that inflates 20 MB of zeros from a few KB."""
    out = io.BytesIO(make_docx(["A short paragraph about nothing."]))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive, archive.open("word/media/x.bin", "w") as f:
        for _ in range(20):
            f.write(bytes(1024 * 1024))
    return out.getvalue()


@pytest.fixture(scope="module")
def formats_engine(tmp_path_factory: pytest.TempPathFactory) -> QA:
    root = tmp_path_factory.mktemp("formats")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "ferry.html").write_text(PAGE, encoding="utf-8")
    (corpus / "glassworks.pdf").write_bytes(make_pdf(PDF_LINES, PDF_TITLE))
    (corpus / "orchard.docx").write_bytes(make_docx(DOCX_PARAGRAPHS, DOCX_TITLE))
    (corpus / "cafe.txt").write_bytes(CP1252.encode("cp1252"))
    engine = QA.open(Settings(corpus=corpus, data_dir=root / "data"))
    yield engine
    engine.close()


def test_every_format_is_indexed_with_its_own_title_and_format(formats_engine: QA) -> None:
    articles = {a["source"]: a for a in formats_engine.articles()}
    assert {s: a["format"] for s, a in articles.items()} == {
        "cafe.txt": "text", "ferry.html": "html", "glassworks.pdf": "pdf", "orchard.docx": "docx"}
    assert articles["ferry.html"]["title"] == PAGE_TITLE  # the page's own title, without the site's name
    assert articles["glassworks.pdf"]["title"] == PDF_TITLE
    assert articles["orchard.docx"]["title"] == DOCX_TITLE
    assert articles["cafe.txt"]["title"] == "Café Mirabelle wins the pastry prize"
    assert all(a["chunks"] > 0 for a in articles.values())


@pytest.mark.parametrize(("source", "question", "words"), FACTS)
def test_each_format_answers_with_exact_citations(formats_engine: QA, source: str, question: str,
                                                  words: list[str]) -> None:
    answer = formats_engine.ask(question)
    assert not answer.abstained, answer.text
    assert all(word in answer.text for word in words), answer.text
    assert answer.citations[0].source == source
    for c in answer.citations + answer.related:
        text = formats_engine.source_text(c.source)
        assert text[c.start : c.end] == c.quote
    viewer = ui_render.viewer_html(answer.citations[0], formats_engine.source_text(source), 0, question)
    assert "<mark" in viewer


def test_the_page_text_has_no_navigation_footer_script_or_banner(formats_engine: QA) -> None:
    text = formats_engine.source_text("ferry.html")
    assert "340 passengers" in text and text.startswith(PAGE_TITLE)
    for furniture in ("NAVWORD", "FOOTWORD", "SCRIPTWORD", "cookies", "color: red"):
        assert furniture not in text


def test_source_text_of_a_utf8_file_is_the_file_and_texts_are_kept_by_hash(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    raw = "Line one of the Tobrek mill story\r\n\r\nThe Tobrek mill ground 90 tonnes of rye.\r\n"
    (corpus / "mill.txt").write_bytes(raw.encode("utf-8"))
    (corpus / "orchard.docx").write_bytes(make_docx(DOCX_PARAGRAPHS, DOCX_TITLE))
    settings = Settings(corpus=corpus, data_dir=tmp_path / "data")
    engine = QA.open(settings)
    try:
        assert engine.source_text("mill.txt") == raw  # offsets of a UTF-8 file index the file itself
        kept = sorted(p.name for p in (settings.data_dir / TEXTS_DIR).iterdir())
        assert len(kept) == 2
        docx_text = engine.source_text("orchard.docx")
        (corpus / "orchard.docx").unlink()  # the viewer still shows what was indexed until the next sync
        assert engine.source_text("orchard.docx") == docx_text
        report = engine.sync()
        assert report.removed == 1
        assert len(list((settings.data_dir / TEXTS_DIR).iterdir())) == 1  # its kept text went with it
        with pytest.raises(Exception, match="not an indexed article"):
            engine.source_text("orchard.docx")
        again = engine.sync()
        assert (again.unchanged, again.embedded) == (1, 0)
    finally:
        engine.close()


def test_hostile_files_each_get_their_reason_and_never_hang_the_sync(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "fine.txt").write_text("The Ostrava kite festival\n\nIt drew 900 kites.\n", encoding="utf-8")
    (corpus / "scan.pdf").write_bytes(make_pdf([], image_only=True))
    (corpus / "locked.pdf").write_bytes(encrypt_pdf(make_pdf(PDF_LINES, PDF_TITLE)))
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not really a pdf\n")
    (corpus / "bomb.docx").write_bytes(zip_bomb_docx())
    (corpus / "corrupt.docx").write_bytes(b"PK\x03\x04 not a real zip archive at all")
    (corpus / "deep.html").write_text("<html><body>" + "<div>" * 5000 + "<p>Deep words here.</p>"
                                      + "</div>" * 5000 + "</body></html>", encoding="utf-8")
    (corpus / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav>"
                                      "<footer>Copyright</footer></body></html>", encoding="utf-8")
    (corpus / "garbage.txt").write_bytes(bytes(range(1, 256)) * 8)
    os.mkfifo(corpus / "x.txt")  # reading it would wait for a writer forever
    done = subprocess.run(
        [sys.executable, "-m", "qa", "ingest", str(corpus), "--data-dir", str(tmp_path / "data"), "--json"],
        check=False, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    reasons = {s["path"]: s["reason"] for s in report["skipped"]}
    assert report["added"] == 1 and report["formats"] == {"fine.txt": "text"}
    assert "no text layer" in reasons["scan.pdf"] and "OCR" in reasons["scan.pdf"]
    assert "encrypted" in reasons["locked.pdf"]
    assert "not a readable PDF" in reasons["broken.pdf"]
    assert "zip bomb" in reasons["bomb.docx"]
    assert "not a valid DOCX" in reasons["corrupt.docx"]
    assert "no article body" in reasons["deep.html"] or "nested" in reasons["deep.html"]
    assert "no article body" in reasons["menu.html"]
    assert "encoding cannot be determined" in reasons["garbage.txt"]
    assert "not a regular file" in reasons["x.txt"]
    assert str(tmp_path) not in json.dumps(reasons)  # reasons name no server path


def test_upload_limits_are_per_format_and_a_docx_upload_becomes_an_article(tmp_path: Path) -> None:
    with pytest.raises(UploadError, match="the limit is 2 MB for text files"):
        library.check_upload("big.txt", b"a" * (2 * 1024 * 1024 + 1))
    with pytest.raises(UploadError, match="the limit is 30 MB for pdf files"):
        library.check_upload("big.pdf", b"%PDF" + bytes(30 * 1024 * 1024))
    with pytest.raises(UploadError, match="no text layer"):
        library.check_upload("scan.pdf", make_pdf([], image_only=True))
    assert ".pdf 30 MB" in library.upload_limits() and ".txt 2 MB" in library.upload_limits()
    article = library.save_upload(tmp_path, "Orchard survey.docx", make_docx(DOCX_PARAGRAPHS, DOCX_TITLE))
    assert (article.path, article.format, article.title) == ("Orchard_survey.docx", "docx", DOCX_TITLE)
    assert "7,250 pear trees" in article.text


def test_the_index_refuses_a_sync_of_another_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "kites.txt").write_text("The Ostrava kite festival\n\nIt drew 900 kites.\n", encoding="utf-8")
    (tmp_path / "corpus").mkdir()  # ./corpus, the default folder (the test runs in tmp_path)
    (tmp_path / "corpus" / "mill.txt").write_text("Tobrek mill\n\nIt ground 90 tonnes.\n", encoding="utf-8")
    data = str(tmp_path / "data")
    assert main(["ingest", str(other), "--data-dir", data]) == 0
    capsys.readouterr()

    assert main(["ingest", "--data-dir", data]) == 2  # a plain sync would have removed other's articles
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(other.resolve()) in err and str((tmp_path / "corpus").resolve()) in err and "--rebuild" in err
    settings = Settings(corpus=tmp_path / "corpus", data_dir=Path(data))
    assert with_indexed_corpus(settings).corpus == other.resolve()  # where `citeqa serve` uploads
    engine = QA.open(settings)
    try:
        assert [a["source"] for a in engine.articles()] == ["kites.txt"]  # nothing was removed
    finally:
        engine.close()

    assert main(["ingest", "--data-dir", data, "--json"]) == 2
    capsys.readouterr()
    assert main(["ingest", str(other), "--data-dir", data, "--json"]) == 0  # the recorded folder syncs
    assert json.loads(capsys.readouterr().out)["unchanged"] == 1
    assert main(["ingest", "--rebuild", "--data-dir", data, "--json"]) == 0  # --rebuild switches
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == 1 and report["formats"] == {"mill.txt": "text"}
    assert with_indexed_corpus(settings).corpus == (tmp_path / "corpus").resolve()


def test_photo_captions_and_credits_are_boilerplate() -> None:
    from vectorstore.clean import content_blocks

    text = ("Kite festival draws crowds\n\nPhoto: Jane Doe / Example Agency\n(AFP)\nImage credit: A. Person\n"
            "(Photo by A. Person/Wire Service)\n© 2026 Example Images\n"
            "The photo shows 900 kites over the bay.\nThe mayor (pictured) opened the festival.\n")
    kept = [text[p.start : p.end] for block in content_blocks(text) for p in block]
    assert kept == ["Kite festival draws crowds", "The photo shows 900 kites over the bay.",
                    "The mayor (pictured) opened the festival."]
