"""The chat UI without a browser: bind checks, file handling, HTML escaping, the handlers on a real engine,
and (slow) 20 gradio_client users of a served app at once."""

from __future__ import annotations

import ast
import html
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import gradio as gr
import pytest
from hypothesis import given
from hypothesis import strategies as st
from ui_fixtures import FOLLOW_UP, NUJABA, ZORBLAT, free_port, stop, wait_for_http

from qa import QA, Answer, Citation, Settings, StoreError, chat_log, library, ui_render
from qa.library import LibraryError, UploadError
from qa.ui import ChatHandlers, LibraryHandlers, check_bind, launch
from vectorstore.errors import SettingsError

ROOT = Path(__file__).resolve().parents[1]
SEED_CORPUS = ROOT / "corpus"


# --- helpers shared by the tests in this file ------------------------------------------------------
def copy_corpus(dest: Path) -> Path:
    """A private copy of the seed articles (the UI deletes and adds files in it)."""
    shutil.copytree(SEED_CORPUS, dest)
    return dest






def final(outputs: Iterator[tuple]) -> tuple[list[tuple], tuple]:
    steps = list(outputs)
    return steps, steps[-1]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QA]:
    base = tmp_path_factory.mktemp("ui")
    qa = QA.open(Settings(corpus=copy_corpus(base / "corpus"), data_dir=base / "data"))
    yield qa
    qa.close()


# --- serving: loopback by default, a login for anything else ---------------------------------------
@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_needs_no_login(host: str) -> None:
    assert check_bind(host, None) is None
    assert check_bind(host, "") is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "example.com"])
def test_other_addresses_refuse_to_serve_without_login(host: str) -> None:
    with pytest.raises(SettingsError, match="CITEQA_AUTH=user:password") as err:
        check_bind(host, None)
    assert host in str(err.value) and "127.0.0.1" in str(err.value)
    with pytest.raises(SettingsError):
        check_bind(host, "")


def test_login_is_user_and_password() -> None:
    assert check_bind("0.0.0.0", "alice:s3cret:with:colons") == ("alice", "s3cret:with:colons")
    assert check_bind("127.0.0.1", "bob:pw") == ("bob", "pw")  # a login on loopback is honoured too
    for bad in ["alice", "alice:", ":s3cret", ":"]:
        with pytest.raises(SettingsError, match="user:password"):
            check_bind("0.0.0.0", bad)


def test_launch_refuses_before_serving(tmp_path: Path) -> None:
    settings = Settings(corpus=tmp_path, data_dir=tmp_path / "data", host="0.0.0.0", port=free_port())
    with pytest.raises(SettingsError, match="refusing to serve on 0.0.0.0"):
        launch(None, settings, auth=None, block=False)  # type: ignore[arg-type]  # refused before use
    with socket.socket() as sock:  # nothing is listening: the port is still free
        sock.bind(("127.0.0.1", settings.port))


@pytest.mark.slow
def test_a_given_login_is_required(engine: QA) -> None:
    from gradio_client import Client

    port = free_port()
    app = launch(engine, engine.settings.with_(port=port), auth="alice:s3cret", block=False)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url)  # the login page
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(url + "config", timeout=30)
        assert err.value.code == 401
        with pytest.raises(ValueError, match="Could not login"):
            Client(url, auth=("alice", "wrong"), verbose=False)
        _, panel, *_ = Client(url, auth=("alice", "s3cret"), verbose=False).predict(
            "How many US troops are in Iraq?", api_name="/ask")
        assert panel.startswith('<div class="citeqa-sources"')
    finally:
        app.close()


def test_only_ui_imports_gradio_and_it_imports_no_store_library() -> None:
    def imported(path: Path) -> set[str]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        return {name.split(".")[0] for name in names}

    for name in ["ui.py", "ui_render.py", "library.py"]:
        assert not imported(ROOT / "qa" / name) & {"chromadb", "llama_index"}, name
    modules = [*ROOT.glob("qa/*.py"), *ROOT.glob("vectorstore/*.py"), *ROOT.glob("eval/*.py")]
    users = {p.relative_to(ROOT).as_posix() for p in modules if "gradio" in imported(p)}
    assert users == {"qa/ui.py"}


# --- library: names, checks, save, delete ----------------------------------------------------------
@pytest.mark.parametrize(("name", "expected"), [
    ("report.txt", "report.txt"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\evil.md", "evil.md"),
    ("/abs/path/Notes.MD", "Notes.md"),
    (".hidden.txt", "hidden.txt"),
    ("...txt", "article.txt"),
    ("my report (final)?.txt", "my_report_final.txt"),
    ("Café déjà vu.md", "Cafe_deja_vu.md"),
    ("<img src=x onerror=alert(1)>.txt", "img_src_x_onerror_alert_1.txt"),
    ("-rf.txt", "rf.txt"),
])
def test_upload_names_are_sanitised(name: str, expected: str) -> None:
    assert library.safe_filename(name) == expected


@pytest.mark.parametrize("name", ["photo.png", "article.txt.exe", "noextension", "archive.tar.gz", ""])
def test_only_readable_formats_are_accepted(name: str) -> None:
    with pytest.raises(UploadError, match=r"\.txt, \.md, \.html, \.htm, \.pdf, \.docx"):
        library.safe_filename(name)


def test_readme_uploads_are_refused_because_ingest_skips_them() -> None:
    with pytest.raises(UploadError, match="rename the file"):
        library.safe_filename("README.md")


@given(st.text(max_size=300), st.sampled_from([".txt", ".md", ".TXT"]))
def test_any_sanitised_name_is_a_plain_file_name(stem: str, suffix: str) -> None:
    try:
        name = library.safe_filename(stem + suffix)
    except UploadError:  # only the README rule may refuse a name with a good suffix
        assert library.safe_filename("x" + suffix)
        return
    assert name.endswith(suffix.lower()) and Path(name).name == name
    assert name[0].isalnum() and len(name) <= library.MAX_NAME_CHARS + len(suffix)
    assert all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in name)


@pytest.mark.parametrize(("data", "fix"), [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
    (bytes(range(1, 256)) * 8, "re-save it as UTF-8"),
    (b"a" * (library.MAX_UPLOAD_BYTES + 1), "split the article"),
])
def test_bad_uploads_say_the_fix(data: bytes, fix: str) -> None:
    with pytest.raises(UploadError, match=fix):
        library.check_upload("x.txt", data)


def test_oversized_upload_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(library.MAX_UPLOAD_BYTES + 1)
    with pytest.raises(UploadError, match="the limit is 2 MB"):
        library.read_upload(big)


def test_save_never_overwrites_and_keeps_bytes(tmp_path: Path) -> None:
    data = ZORBLAT.replace("\n", "\r\n").encode("utf-8")
    first = library.save_upload(tmp_path, "Zorblat news.txt", data)
    second = library.save_upload(tmp_path, "zorblat news.txt", b"Another story\n\nA second article.\n")
    assert (first.path, second.path) == ("Zorblat_news.txt", "zorblat_news.txt")
    third = library.save_upload(tmp_path, "../Zorblat news.txt", data)
    assert third.path == "Zorblat_news-1.txt"
    assert (tmp_path / "Zorblat_news.txt").read_bytes() == data == (tmp_path / third.path).read_bytes()
    assert first.title == "Zorblat council approves the glass bridge"


def test_upload_that_ingest_would_skip_is_not_left_behind(tmp_path: Path) -> None:
    with pytest.raises(UploadError, match="boilerplate"):
        library.save_upload(tmp_path, "noise.txt", b"Advertisement\nRead more\n")
    assert list(tmp_path.iterdir()) == []


def test_delete_accepts_only_indexed_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A\n\nText.\n")
    (tmp_path / "stray.txt").write_text("not indexed\n")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("keep me\n")
    for source in ["stray.txt", "../" + outside.name, str(outside), "b.txt"]:
        with pytest.raises(LibraryError, match="not an indexed article"):
            library.delete_article(tmp_path, source, ["a.txt"])
    with pytest.raises(LibraryError, match="refusing"):  # even an index entry cannot point outside
        library.delete_article(tmp_path, "../" + outside.name, ["../" + outside.name])
    library.delete_article(tmp_path, "a.txt", ["a.txt"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stray.txt"] and outside.exists()


def _answer(text: str, quote: str, title: str = "T", source: str = "a.txt", **kw: object) -> Answer:
    cite = Citation(1, source, title, quote, 6, 6 + len(quote), 0.9)
    return Answer(question=kw.pop("question", "q?"), text=text, abstained=False,  # type: ignore[arg-type]
                  citations=(cite,), searched=str(kw.pop("searched", "q?")))


def test_answer_markup_is_escaped_and_markers_link() -> None:
    evil = '<img src=x onerror="window.__xss=2"> ok.'
    html = ui_render.answer_html(_answer(f"{evil} [1] and [7]", evil), turn=3)
    assert "<img" not in html and "&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;" in html
    assert html.count('href="#citeqa-3-c-1"') == 1 and "[7]" in html and "citeqa-3-c-7" not in html


def test_citation_hover_card_holds_the_title_and_the_quote() -> None:
    html = ui_render.answer_html(_answer("It opens [1].", "The pier <b>opens</b>.", title="Harbour & pier"), 0)
    tip = html[html.index('class="citeqa-tip"'):]
    assert "<strong>Harbour &amp; pier</strong> The pier &lt;b&gt;opens&lt;/b&gt;." in tip
    assert "title=" not in html  # no browser tooltip in front of the card


def test_searched_for_shows_only_when_the_query_was_rewritten() -> None:
    rewritten = _answer("x [1]", "x", question="he?", searched="he? (Nujaba)")
    assert "searched for: he? (Nujaba)" in ui_render.answer_html(rewritten, turn=0)
    assert "searched for" in ui_render.sources_html(rewritten, 0)
    same = _answer("x [1]", "x", question="Who?", searched="Who?")
    assert "searched for" not in ui_render.answer_html(same, 0) + ui_render.sources_html(same, 0)


def test_lead_answer_is_shown_in_bold_above_the_text() -> None:
    answer = replace(_answer("Mayor Quint said so [1].", "Mayor Quint said so."), short="Elsa Quint")
    html = ui_render.answer_html(answer, 0)
    assert html.index('<div class="citeqa-short"><strong>Elsa Quint</strong></div>') < html.index("citeqa-answer")
    assert "citeqa-short" not in ui_render.answer_html(_answer("x [1]", "x"), 0)
    opening = replace(_answer("Elsa Quint [1] — Mayor Elsa Quint said so [1].", "Mayor Elsa Quint said so."),
                      short="Elsa Quint")  # an answer that opens with its lead fact bolds it in place
    html = ui_render.answer_html(opening, 0)
    assert '<div class="citeqa-answer"><strong class="citeqa-short">Elsa Quint</strong> <a' in html
    assert '<div class="citeqa-short">' not in html  # no extra line repeating it


def test_markdown_markup_is_not_shown_in_titles_quotes_and_answers() -> None:
    quote = "# Harbour news\n\nThe **pier** reopens, says [the council](http://x.example)."
    cite = Citation(1, "a.md", "## Harbour news", quote, 0, len(quote), 0.9)
    answer = Answer(question="q?", text=f"{quote} [1]", abstained=False, citations=(cite,), searched="q?")
    html = ui_render.answer_html(answer, 0) + ui_render.sources_html(answer, 0)
    assert "#" not in html.replace('href="#citeqa', "") and "**" not in html and "](" not in html
    assert "Harbour news" in html and "The pier reopens, says the council." in html
    viewer = ui_render.viewer_html(cite, quote, 0, "q?")  # the viewer shows the file as it is on disk
    assert f'<mark class="citeqa-hit">{quote.replace("**", "**")}</mark>' in viewer
    assert "The pier reopens" in chat_log.to_markdown([answer])


def test_viewer_highlights_exactly_the_span_and_escapes_the_article() -> None:
    text = "Head\n\n<script>window.__xss=1</script> The quote here. Tail & more"
    quote = "The quote here."
    start = text.index(quote)
    cite = Citation(2, "<b>f</b>.txt", "<i>Title</i>", quote, start, start + len(quote), 0.5)
    html = ui_render.viewer_html(cite, text, 1, "Why <now>?")
    assert '<mark class="citeqa-hit">The quote here.</mark>' in html
    assert "<script>" not in html and "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "<i>" not in html and "<b>" not in html and "Tail &amp; more" in html
    assert "Showing Q2: Why &lt;now&gt;?" in html and "[2] " in html  # which question and citation
    assert "changed since it was indexed" not in html
    assert "changed since it was indexed" in ui_render.viewer_html(cite, "x" + text, 1, "q")


def test_stored_conversation_round_trips_and_exports_with_citations() -> None:
    answer = replace(_answer("It costs 48 million [1].", "It costs 48 million.", title="Bridge",
                             source="b.txt", question="Cost?", searched="Cost? bridge"), short="48 million")
    turns = [{"question": "Cost?", "answer": chat_log.stored(answer)}]
    assert chat_log.answers(json.loads(json.dumps(turns))) == [answer]
    assert chat_log.answers([{"question": "x", "answer": {"nope": 1}}]) == []  # an older format: start afresh
    markdown = chat_log.to_markdown([answer])
    assert "## Q1: Cost?" in markdown and "_searched for: Cost? bridge_" in markdown
    assert "**48 million**" in markdown and "It costs 48 million [1]." in markdown
    assert "1. Bridge — `b.txt` (characters 6–26)" in markdown and "   > It costs 48 million." in markdown


# --- the handlers on a real engine ----------------------------------------------------------------
def test_answer_arrives_whole_and_the_viewer_follows_it(engine: QA) -> None:
    question = "Who announced that the US combat mission in Iraq had ended?"
    expected = engine.chat(question, [])
    steps, (messages, panel, viewer, box, turns) = final(ChatHandlers(engine).respond(question, []))
    assert steps[0][0] == [{"role": "user", "content": html.escape(question)},
                           {"role": "assistant", "content": ui_render.SEARCHING_HTML}]
    assert len(steps) == 2  # searching…, then the whole answer: no fake typing
    assert messages[-1]["content"] == ui_render.answer_html(expected, 0)
    assert panel == ui_render.sources_html(expected, 0) and box == ""
    first = expected.citations[0]
    assert f'<mark class="citeqa-hit">{html.escape(first.quote)}</mark>' in viewer and "Showing Q1:" in viewer
    assert [t["question"] for t in turns] == [question]
    kept = chat_log.answers(json.loads(json.dumps(turns)))  # what the browser keeps
    assert [replace(a, timings_ms={}) for a in kept] == [replace(expected, timings_ms={})]
    assert all(html.escape(c.title) in panel for c in expected.citations)


def test_follow_up_is_answered_from_the_conversation(engine: QA) -> None:
    chat = ChatHandlers(engine)
    *_, (_, _, _, _, turns) = chat.respond(FOLLOW_UP[0], [])
    *_, (messages, panel, viewer, _, turns) = chat.respond(FOLLOW_UP[1], turns)
    answer = chat_log.answers(turns)[-1]
    assert not answer.abstained and answer.citations
    assert {c.source for c in answer.citations} == {NUJABA} and NUJABA in panel and "Showing Q2:" in viewer
    assert "searched for:" in messages[-1]["content"] and answer.searched != FOLLOW_UP[1]
    assert [m["role"] for m in messages] == ["user", "assistant"] * 2
    assert chat.restore(turns) == (messages, panel, viewer)  # a reload shows the same


def test_retry_asks_the_question_again_in_its_place(engine: QA) -> None:
    chat = ChatHandlers(engine)
    *_, (_, _, _, _, turns) = chat.respond(FOLLOW_UP[0], [])
    *_, (_, _, _, _, turns) = chat.respond(FOLLOW_UP[1], turns)
    retried = gr.RetryData(None, {"index": 3, "value": ""})
    *_, (messages, _, _, _, again) = chat.retry(turns, retried)
    texts = [(a.question, a.text) for a in chat_log.answers(turns)]
    assert [(a.question, a.text) for a in chat_log.answers(again)] == texts and len(messages) == 4
    *_, (messages, _, _, _, again) = chat.retry(turns, gr.RetryData(None, {"index": 1, "value": ""}))
    assert [t["question"] for t in again] == [FOLLOW_UP[0]] and len(messages) == 2


def test_abstained_answer_offers_related_passages(engine: QA) -> None:
    chat = ChatHandlers(engine)
    *_, (messages, panel, viewer, _, turns) = chat.respond("What is the capital of France?", [])
    answer = chat_log.answers(turns)[0]
    assert answer.abstained and answer.related and not answer.citations
    assert "Related passages (not an answer)" in panel and "no answer was found" in viewer
    assert f'href="#citeqa-0-r-{answer.related[0].id}"' in panel
    assert "citeqa-cite" not in messages[-1]["content"]  # no [n] in the abstention itself
    event = gr.EventData(None, {"turn": 0, "kind": "r", "n": answer.related[0].id})
    _, viewer = chat.open_citation(turns, event)
    assert f'<mark class="citeqa-hit">{html.escape(answer.related[0].quote)}</mark>' in viewer


def test_empty_question_warns_and_changes_nothing(engine: QA) -> None:
    with pytest.warns(UserWarning, match="question is empty — type a question"):
        steps = list(ChatHandlers(engine).respond("   ", []))
    assert steps == [([], gr.skip(), gr.skip(), "   ", [])]


class _BrokenEngine:
    """Stands in for an engine whose store fails (the failure itself is the store tests' subject)."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def stream(self, question: str, history: list[str]) -> Answer:
        raise self.error


def test_store_problem_shows_its_fix_not_a_traceback() -> None:
    broken = _BrokenEngine(StoreError("the index is damaged — run `citeqa ingest --rebuild`"))
    outputs = ChatHandlers(broken).respond("What happened?", [])  # type: ignore[arg-type]
    assert next(outputs)[0][0]["content"] == "What happened?"
    rolled_back = next(outputs)
    assert rolled_back[0] == [] and rolled_back[3] == "What happened?"  # the question is kept to retry
    with pytest.raises(gr.Error) as err:
        next(outputs)
    assert err.value.message == "the index is damaged — run `citeqa ingest --rebuild`"


def test_unexpected_failure_keeps_internals_out_of_the_page() -> None:
    broken = _BrokenEngine(RuntimeError("/secret/path exploded"))
    with pytest.raises(gr.Error) as err:
        list(ChatHandlers(broken).respond("What happened?", []))  # type: ignore[arg-type]
    assert "secret" not in err.value.message and "server log" in err.value.message


def test_clicked_citation_opens_its_article(engine: QA) -> None:
    chat = ChatHandlers(engine)
    *_, (_, _, _, _, turns) = chat.respond(FOLLOW_UP[0], [])
    answer = chat_log.answers(turns)[0]
    cite = answer.citations[-1]
    panel, viewer = chat.open_citation(turns, gr.EventData(None, {"turn": 0, "kind": "c", "n": cite.id}))
    assert f'<mark class="citeqa-hit">{html.escape(cite.quote)}</mark>' in viewer
    assert panel == ui_render.sources_html(answer, 0)
    for bad in [{"turn": 4, "kind": "c", "n": 1}, {"turn": "x"}, {"turn": 0, "kind": "c", "n": 99}, {}]:
        with pytest.warns(UserWarning):
            assert chat.open_citation(turns, gr.EventData(None, bad)) == (gr.skip(), gr.skip())


def test_library_upload_is_answerable_then_delete_removes_it(engine: QA, tmp_path: Path) -> None:
    lib, chat = LibraryHandlers(engine), ChatHandlers(engine)
    upload = tmp_path / "Zorblat bridge.txt"
    upload.write_text(ZORBLAT, encoding="utf-8")
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x00\x01binary")
    calls: list[tuple] = []
    with pytest.warns(UserWarning, match="binary file"):
        rows, _, status, changed = lib.add([str(upload), str(blob)],
                                           progress=lambda *a, **kw: calls.append((a, kw)))  # type: ignore[arg-type]
    assert status == "Added and indexed: `Zorblat_bridge.txt`." and changed == ""
    assert ["Zorblat council approves the glass bridge", "Zorblat_bridge.txt"] in [r[:2] for r in rows]
    chunks = next(a["chunks"] for a in engine.articles() if a["source"] == "Zorblat_bridge.txt")
    assert calls[-1] == ((1.0,), {"desc": f"indexing 1 changed file: {chunks} of {chunks} passages embedded"})
    assert not (engine.settings.corpus / "blob.txt").exists()
    question = "What will the glass bridge across the Mirren river cost?"
    *_, (_, _, _, _, turns) = chat.respond(question, [])
    cite = next(c for c in chat_log.answers(turns)[0].citations if c.source == "Zorblat_bridge.txt")

    with pytest.raises(gr.Error, match="not an indexed article"):
        lib.delete("../../etc/passwd")
    rows, _, status, _ = lib.delete("Zorblat_bridge.txt")
    assert status == "Deleted `Zorblat_bridge.txt`."
    assert not (engine.settings.corpus / "Zorblat_bridge.txt").exists()
    assert "Zorblat_bridge.txt" not in [r[1] for r in rows]
    assert "Zorblat_bridge.txt" not in {a["source"] for a in engine.articles()}
    answer = engine.ask(question)
    assert "Zorblat_bridge.txt" not in {c.source for c in answer.citations + answer.related}
    _, viewer = chat.open_citation(turns, gr.EventData(None, {"turn": 0, "kind": "c", "n": cite.id}))
    assert "This article was deleted from the library." in viewer
    assert str(engine.settings.corpus) not in viewer and "/" not in viewer.replace("</", "")


def test_rescan_indexes_a_copied_file_and_the_library_says_the_folder_changed(engine: QA) -> None:
    lib = LibraryHandlers(engine)
    assert lib.refresh()[3] == ""
    copied = engine.settings.corpus / "copied_bridge.txt"
    copied.write_text(ZORBLAT, encoding="utf-8")
    try:
        note = lib.refresh()[3]
        assert "folder has changed since the last sync" in note and "1 new file" in note
        rows, _, status, note = lib.rescan(progress=lambda *a, **kw: None)  # type: ignore[arg-type]
        assert status.startswith("Rescanned the folder: 1 added") and note == ""
        assert "copied_bridge.txt" in [r[1] for r in rows]
    finally:
        copied.unlink()
        engine.sync()


# --- many users at once (slow): a served app, 20 gradio_client users in threads -------------------
SEED_QUESTIONS = [
    "Who announced that the US combat mission in Iraq had ended?",
    "How many US troops are in Iraq?",
    "Who is the spokesman of the Nujaba movement?",
    "Who leads the Fatah parliamentary coalition?",
    "Which movement does cleric Ammar al-Hakim head?",
    "Which Kurdish news outlet reported on the Quds Force commander's trip to Baghdad?",
    "Saad al Saadi is a senior member of which militia group?",
    "Which group called Biden's announcement a positive step towards full sovereignty?",
    "How many rocket and drone attacks are pro-Iranian factions accused of this year?",
    "Which armed group thanked the Iraqi government for keeping its promises?",
    "Who is Sajad Jiyad?",
    "What did Kataib Hezbollah say about a full withdrawal?",
    "When did Biden host the Iraqi Prime Minister at the White House?",
    "What role will US troops keep in Iraq after the combat mission ends?",
    "Which militias threatened to escalate attacks on American troops?",
    "Who was killed in an air strike at Baghdad airport?",
    "What did the Nujaba movement say the withdrawal must include?",
    "Which country did Biden decide to withdraw from fully?",
    "What is the Hashed al-Shaabi?",
    "Why did Iraq announce the end of the US combat mission?",
]


@pytest.mark.slow
def test_twenty_simultaneous_users_each_get_their_own_answer(tmp_path: Path) -> None:
    from gradio_client import Client

    corpus, data = copy_corpus(tmp_path / "corpus"), tmp_path / "data"
    qa = QA.open(Settings(corpus=corpus, data_dir=data))  # builds the index and the expected answers
    try:
        expected = {q: qa.chat(q, []) for q in SEED_QUESTIONS}
    finally:
        qa.close()
    assert len(set(SEED_QUESTIONS)) == 20
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CITEQA_", "GRADIO_"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "qa", "serve", "--corpus", str(corpus), "--data-dir", str(data),
         "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    results: dict[str, tuple] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(len(SEED_QUESTIONS))

    def user(question: str) -> None:
        try:
            client = Client(url, verbose=False)
            start.wait(timeout=300)
            results[question] = client.predict(question, api_name="/ask")
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    try:
        wait_for_http(url, proc)
        threads = [threading.Thread(target=user, args=(q,)) for q in SEED_QUESTIONS]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=600)
        assert not errors, errors
    finally:
        stop(proc)
    assert sorted(results) == sorted(SEED_QUESTIONS)
    for question, (messages, panel, _, box, turns) in results.items():
        answer = expected[question]
        assert [(a.question, a.text) for a in chat_log.answers(turns)] == [(question, answer.text)]
        texts = [part["text"] for m in messages for part in m["content"]]
        assert texts == [html.escape(question), ui_render.answer_html(answer, 0)], question
        assert panel == ui_render.sources_html(answer, 0) and box == ""


def test_example_questions_come_from_the_library_not_a_fixed_corpus(seed_engine) -> None:
    from qa.ui import examples

    shown = examples(seed_engine)
    titles = [a["title"] for a in seed_engine.articles()]
    assert shown[0] == "Summarize the articles"
    assert all(any(t[:40] in q for t in titles) for q in shown[1:]) and len(shown) == 3
