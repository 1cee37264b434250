"""The chat UI in a real browser: Debian's chromium, headless, driven by playwright against the app
served on a free 127.0.0.1 port (a private copy of the corpus, a temporary index).

Every test leaves a screenshot in artifacts/; the first test also writes docs/screenshot.png (the
README's picture): an answer, its sources panel and the viewer with the cited passage highlighted.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
from ui_fixtures import FOLLOW_UP, NUJABA, ZORBLAT, free_port, wait_for_http

from eval.bench_corpus import generate
from qa import QA, Answer, Settings
from qa.chat_log import plain_text
from qa.ui import examples, launch
from vectorstore.ingest import EMBED_SLICE
from vectorstore.synclock import sync_running

EXAMPLE = "Summarize the articles"  # the first example question on an empty chat

pytestmark = pytest.mark.slow
WAIT_MS = 120_000  # generous: a 2-core machine may be busy with other work
SUBMIT_MS = 30_000  # for a typed question to show in the chat, before it is typed again
expect.set_options(timeout=WAIT_MS)  # every expect() waits this long for its condition

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOT = ROOT / "docs" / "screenshot.png"
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SEED_QUESTION = "Who leads the Fatah parliamentary coalition?"
ZORBLAT_QUESTION = "What will the glass bridge across the Mirren river cost?"
EVIL = (
    'Quorvane <b>harbour</b> report <img src=x onerror="window.__xss=3">\n\n'
    "The Quorvane harbour pier <script>window.__xss=1</script> will reopen on 14 March after repairs "
    'costing 9 million florins <img src=x onerror="window.__xss=2">.\n\n'
    "Residents of Quorvane ${window.__xss=4} {{constructor.constructor('window.__xss=5')()}} welcomed "
    "the news about the pier.\n"
)


@dataclass
class Served:
    url: str
    engine: QA
    corpus: Path


@dataclass
class ChatPage:
    """One browser session on the app, with the steps the tests share."""

    page: Page
    served: Served
    outside_requests: list[str] = field(default_factory=list)

    @property
    def panel(self) -> Locator:
        return self.page.locator("#citeqa-sources")

    @property
    def viewer(self) -> Locator:
        return self.page.locator("#citeqa-viewer")

    def bubble(self, turn: int) -> Locator:
        return self.page.locator("#citeqa-chat .citeqa-answer").nth(turn)

    def ask(self, question: str, history: list[str], turn: int) -> Answer:
        """Type and send a question; wait until answer number `turn` has streamed in completely."""
        expected = self.served.engine.chat(question, history)
        box = self.page.locator("#citeqa-question textarea")
        for attempt in range(2):
            box.fill(question)
            box.press("Enter")
            try:  # the question shows in the chat once the app took it …
                expect(self.page.locator("#citeqa-chat .user-row")).to_have_count(turn + 1, timeout=SUBMIT_MS)
                break
            except AssertionError:
                if attempt:
                    raise
                # … a page still starting up may drop the first Enter (seen once in CI on a busy machine)
        return self.wait_for_answer(expected, turn)

    def wait_for_answer(self, expected: Answer, turn: int) -> Answer:
        # The panel switches to the new answer with the last streamed update.
        expect(self.panel.locator(".citeqa-question")).to_have_text(
            f"Q{turn + 1}: {expected.question}", timeout=WAIT_MS)
        expect(self.bubble(turn)).to_have_text(plain_text(expected.text), timeout=WAIT_MS,
                                               use_inner_text=True)  # the hidden hover cards aside
        return expected

    def open_library(self) -> None:
        self.page.get_by_role("tab", name="Library").click()
        expect(self.page.locator("#citeqa-articles")).to_be_visible()

    def open_chat(self) -> None:
        self.page.get_by_role("tab", name="Chat").click()
        expect(self.page.locator("#citeqa-question textarea")).to_be_visible()

    def upload(self, *paths: Path) -> None:
        self.page.locator("input[type=file][multiple]").set_input_files([str(p) for p in paths])

    def toast(self, text: str) -> Locator:
        return self.page.locator(".toast-body").filter(has_text=text)

    def delete_article(self, option: str) -> None:
        """Pick an article in the Library's delete list, click Delete, and confirm."""
        self.page.locator("#citeqa-delete-choice input").click()
        self.page.get_by_role("option", name=option).click()
        self.page.locator("#citeqa-delete").click()
        expect(self.page.locator("#citeqa-confirm-text")).to_contain_text("removes the file")
        self.page.locator("#citeqa-confirm-delete").click()






@contextmanager
def _serve(base: Path) -> Iterator[Served]:
    """The app, as `citeqa serve` runs it, in this process's background threads, over a copy of the
    seed corpus in base/corpus (indexed into base/data)."""
    corpus = base / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    settings = Settings(corpus=corpus, data_dir=base / "data", port=free_port())
    engine = QA.open(settings)
    app = launch(engine, settings, auth=None, block=False)
    url = f"http://127.0.0.1:{settings.port}/"
    try:
        wait_for_http(url)
        yield Served(url, engine, corpus)
    finally:
        app.close()
        engine.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with _serve(tmp_path_factory.mktemp("browser")) as app:
        yield app


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing — install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextmanager
def _session(browser: Browser, served: Served, name: str, viewport: dict[str, int]) -> Iterator[ChatPage]:
    """A fresh browser context (its own storage, so its own conversation); screenshots itself at the end."""
    context = browser.new_context(viewport=viewport, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    session = ChatPage(page, served)
    page.on("request", lambda r: None if r.url.startswith((served.url, "data:", "blob:"))
            else session.outside_requests.append(r.url))
    page.goto(served.url)
    expect(page.locator("#citeqa-question textarea")).to_be_visible()
    try:
        yield session
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        context.close()


@pytest.fixture
def chat(browser: Browser, served: Served, request: pytest.FixtureRequest) -> Iterator[ChatPage]:
    """A desktop browser session on the app."""
    with _session(browser, served, request.node.name, DESKTOP) as session:
        yield session


@pytest.fixture
def phone(browser: Browser, served: Served, request: pytest.FixtureRequest) -> Iterator[ChatPage]:
    """A 390 px wide phone session on the app."""
    with _session(browser, served, request.node.name, PHONE) as session:
        yield session


def test_answer_cites_sources_and_the_viewer_highlights_the_quote(chat: ChatPage) -> None:
    page = chat.page
    for example in examples(chat.served.engine):  # on the empty chat, made from the library's titles
        expect(page.locator("#citeqa-chat").get_by_text(example)).to_be_visible()
    page.evaluate("""() => {  // note every state the last answer bubble passes through
        window.__citeqaSeen = [];
        new MutationObserver(() => {
            const bubbles = document.querySelectorAll('#citeqa-chat .message-content');
            const last = bubbles[bubbles.length - 1];
            const seen = window.__citeqaSeen;
            if (last && seen.at(-1) !== last.innerText) seen.push(last.innerText);
        }).observe(document.querySelector('#citeqa-chat'),
                   {subtree: true, childList: true, characterData: true});
    }""")
    answer = chat.ask(SEED_QUESTION, [], turn=0)
    assert not answer.abstained and answer.citations
    seen = page.evaluate("window.__citeqaSeen")
    # the chat shows the question is being worked on: citeqa's "searching the articles…", or, when the
    # answer (~15 ms) comes in the same frame and the browser never paints that state, Gradio's own
    # pending bubble. That the handler yields the searching state first is checked in test_ui.py.
    assert {"searching the articles…", "Loading content"} & set(seen), seen
    assert seen.index(next(s for s in seen if s in ("searching the articles…", "Loading content"))) < len(seen) - 1
    whole = plain_text(answer.text).strip()
    partial = [s for s in seen if whole.startswith(s.strip()[:30]) and 0 < len(s.strip()) < len(whole) - 5]
    assert partial == []  # … then the extractive answer, whole: no fake typing

    first = answer.citations[0]
    link = chat.bubble(0).get_by_role("button", name="[1]").first
    expect(link).to_be_visible()
    expect(chat.panel.locator(".citeqa-title").first).to_have_text(first.title)
    expect(chat.panel.locator(".citeqa-file").first).to_have_text(first.source)
    expect(chat.panel.locator(".citeqa-quote").first).to_have_text(first.quote)
    assert answer.searched == answer.question
    expect(chat.panel.locator(".citeqa-searched")).to_have_count(0)  # nothing was rewritten
    expect(chat.viewer.locator("mark.citeqa-hit")).to_have_text(first.quote)  # the viewer shows [1] at once
    expect(chat.viewer.locator(".citeqa-viewer-for")).to_have_text(f"Showing Q1: {answer.question}")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))  # the README's picture

    link.click()
    hit = chat.viewer.locator("mark.citeqa-hit")
    expect(hit).to_be_visible()
    expect(hit).to_be_in_viewport()
    assert hit.text_content() == first.quote
    assert chat.viewer.locator(".citeqa-viewer").get_attribute("data-source") == first.source
    expect(chat.viewer.locator(".citeqa-viewer-head .citeqa-title")).to_have_text(first.title)
    article = chat.viewer.locator("pre.citeqa-article").text_content()
    text = (chat.served.corpus / first.source).read_bytes().decode("utf-8")
    assert article == text and article[first.start:first.end] == first.quote  # the whole article
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "answer_sources_viewer.png"))

    last = answer.citations[-1]  # a quote in the panel opens the viewer too
    chat.panel.locator(".citeqa-quote").last.click()
    expect(chat.viewer.locator("mark.citeqa-hit")).to_have_text(last.quote)
    expect(chat.viewer.locator("mark.citeqa-hit")).to_be_in_viewport()

    assert chat.outside_requests == []  # nothing is fetched from outside 127.0.0.1

    page.locator("#citeqa-new-chat").click()
    expect(page.locator("#citeqa-chat .citeqa-answer")).to_have_count(0)
    expect(page.locator("#citeqa-chat").get_by_text(EXAMPLE)).to_be_visible()
    expect(chat.viewer.locator("mark")).to_have_count(0)


def test_follow_up_uses_the_conversation_and_shows_what_was_searched(chat: ChatPage) -> None:
    first = chat.ask(FOLLOW_UP[0], [], turn=0)
    second = chat.ask(FOLLOW_UP[1], [FOLLOW_UP[0]], turn=1)
    assert second.citations and {c.source for c in second.citations} == {NUJABA}
    searched = chat.page.locator("#citeqa-chat .citeqa-searched").filter(has_text="searched for:")
    expect(searched).to_have_text(f"searched for: {second.searched}")
    expect(chat.panel.locator(".citeqa-file")).to_have_text([NUJABA] * len(second.citations))

    chat.bubble(1).get_by_role("button", name="[1]").first.click()
    expect(chat.viewer.locator("mark.citeqa-hit")).to_have_text(second.citations[0].quote)
    assert chat.viewer.locator(".citeqa-viewer").get_attribute("data-source") == NUJABA

    # Clicking a citation of the earlier answer selects that answer in the panel.
    chat.bubble(0).get_by_role("button", name="[1]").first.click()
    expect(chat.panel.locator(".citeqa-question")).to_have_text(f"Q1: {first.question}")
    expect(chat.viewer.locator("mark.citeqa-hit")).to_have_text(first.citations[0].quote)


def test_example_question_and_empty_question(chat: ChatPage) -> None:
    chat.page.locator("#citeqa-ask").click()
    expect(chat.toast("The question is empty — type a question about the articles")).to_be_visible()
    expect(chat.page.locator("#citeqa-chat .citeqa-answer")).to_have_count(0)

    question = EXAMPLE
    chat.page.locator("#citeqa-chat").get_by_text(question).click()
    chat.wait_for_answer(chat.served.engine.chat(question, []), turn=0)


def test_abstained_answer_shows_related_passages(chat: ChatPage) -> None:
    answer = chat.ask("What is the capital of France?", [], turn=0)
    assert answer.abstained and answer.related
    expect(chat.panel.locator("h4")).to_have_text("Related passages (not an answer)")
    closest = answer.related[0]
    chat.panel.get_by_role("button", name=f"[{closest.id}]").click()
    expect(chat.viewer.locator("mark.citeqa-hit")).to_have_text(closest.quote)
    assert chat.viewer.locator(".citeqa-viewer").get_attribute("data-source") == closest.source


def test_uploaded_article_is_answerable_then_deleted(chat: ChatPage, tmp_path: Path) -> None:
    article = tmp_path / "Zorblat bridge.txt"
    article.write_text(ZORBLAT, encoding="utf-8")
    saved = "Zorblat_bridge.txt"
    table = chat.page.locator("#citeqa-articles")

    chat.open_library()
    expect(table).to_contain_text(NUJABA)
    chat.upload(article)
    expect(chat.page.locator("#citeqa-library-status")).to_have_text(f"Added and indexed: {saved}.")
    expect(table).to_contain_text(saved)
    expect(table).to_contain_text("Zorblat council approves the glass bridge")
    assert (chat.served.corpus / saved).read_bytes() == article.read_bytes()

    chat.open_chat()
    answer = chat.ask(ZORBLAT_QUESTION, [], turn=0)
    assert saved in {c.source for c in answer.citations}
    expect(chat.panel.locator(".citeqa-file").filter(has_text=saved).first).to_be_visible()

    chat.open_library()
    option = f"Zorblat council approves the glass bridge — {saved}"
    chat.page.locator("#citeqa-delete-choice input").click()
    chat.page.get_by_role("option", name=option).click()
    chat.page.locator("#citeqa-delete").click()  # asks first …
    expect(chat.page.locator("#citeqa-confirm-text")).to_contain_text("removes the file from the corpus")
    chat.page.locator("#citeqa-cancel-delete").click()  # … and Cancel keeps the file
    expect(chat.page.locator("#citeqa-confirm")).to_be_hidden()
    assert (chat.served.corpus / saved).exists()
    chat.delete_article(option)
    expect(chat.page.locator("#citeqa-library-status")).to_have_text(f"Deleted {saved}.")
    expect(table).not_to_contain_text(saved)
    assert not (chat.served.corpus / saved).exists()
    assert saved not in {a["source"] for a in chat.served.engine.articles()}

    chat.open_chat()  # the old answer's citation says what happened, without any server path
    cite = next(c for c in answer.citations if c.source == saved)
    chat.bubble(0).get_by_role("button", name=f"[{cite.id}]").first.click()
    expect(chat.viewer.locator(".citeqa-gone")).to_have_text("This article was deleted from the library.")
    expect(chat.viewer.locator(".citeqa-viewer-head")).to_contain_text(saved)
    page_text = chat.page.locator("body").inner_text()
    assert str(chat.served.corpus) not in page_text and "Errno" not in page_text
    expect(chat.page.locator(".toast-body")).to_have_count(0)
    after = chat.ask(ZORBLAT_QUESTION, [ZORBLAT_QUESTION], turn=1)
    assert saved not in {c.source for c in after.citations + after.related}
    expect(chat.panel).not_to_contain_text(saved)


def test_binary_upload_is_refused_with_the_fix(chat: ChatPage, tmp_path: Path) -> None:
    blob = tmp_path / "photo.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    chat.open_library()
    chat.upload(blob)
    expect(chat.toast("binary file, not text")).to_be_visible()
    expect(chat.page.locator("#citeqa-library-status")).to_have_text("No article was added.")
    assert not any(p.name.startswith("photo") for p in chat.served.corpus.iterdir())

    big = tmp_path / "big.txt"
    big.write_text("Big story\n\n" + "A sentence about nothing much. " * 80_000, encoding="utf-8")
    chat.upload(big)  # over the text limit, under gradio's (the largest format's): the server's check refuses
    expect(chat.toast("the limit is 2 MB for text files")).to_be_visible()
    assert not (chat.served.corpus / "big.txt").exists()


def test_article_markup_renders_as_text_and_runs_nothing(chat: ChatPage, tmp_path: Path) -> None:
    article = tmp_path / 'quorvane <img src=x onerror="window.__xss=6">.txt'
    article.write_text(EVIL, encoding="utf-8")
    chat.open_library()
    chat.upload(article)
    expect(chat.page.locator("#citeqa-library-status")).to_contain_text("Added and indexed: quorvane")
    title = 'Quorvane <b>harbour</b> report <img src=x onerror="window.__xss=3">'
    expect(chat.page.locator("#citeqa-articles")).to_contain_text(title)
    try:
        chat.open_chat()
        answer = chat.ask("When will the Quorvane harbour pier reopen?", [], turn=0)
        cite = next(c for c in answer.citations if c.source.startswith("quorvane"))
        assert "<script>" in cite.quote or "<img" in cite.quote  # the payload is in what is shown
        expect(chat.panel.locator(".citeqa-title").first).to_have_text(title)
        chat.bubble(0).get_by_role("button", name=f"[{cite.id}]").first.click()
        expect(chat.viewer.locator("mark.citeqa-hit")).to_have_text(cite.quote)
        article_text = chat.viewer.locator("pre.citeqa-article").text_content() or ""
        assert "<script>window.__xss=1</script>" in article_text
        assert '<img src=x onerror="window.__xss=2">' in article_text
        assert "${window.__xss=4}" in article_text and "{{constructor" in article_text
        marked_up = '<img src=x onerror="window.__xss=7"> When does the <i>pier</i> reopen?'
        chat.ask(marked_up, [answer.question], turn=1)  # a question's markup is text too
        expect(chat.page.locator("#citeqa-chat").get_by_text(marked_up)).to_be_visible()
        for where in ["#citeqa-viewer", "#citeqa-sources", "#citeqa-chat", "#citeqa-articles"]:
            markup = chat.page.locator(f"{where} script, {where} img, {where} b, {where} i")
            expect(markup).to_have_count(0)
        assert chat.page.evaluate("typeof window.__xss") == "undefined"
    finally:
        for path in chat.served.corpus.glob("quorvane*"):
            path.unlink()
        chat.served.engine.sync()



def test_viewer_follows_the_latest_answer_and_says_what_it_shows(chat: ChatPage) -> None:
    first = chat.ask(SEED_QUESTION, [], turn=0)
    last = first.citations[-1]
    chat.bubble(0).get_by_role("button", name=f"[{last.id}]").first.click()
    expect(chat.viewer.locator("mark.citeqa-hit")).to_have_text(last.quote)
    second = chat.ask(FOLLOW_UP[0], [SEED_QUESTION], turn=1)
    assert second.citations and second.citations[0].quote != last.quote
    expect(chat.viewer.locator(".citeqa-viewer-for")).to_have_text(f"Showing Q2: {second.question}")
    expect(chat.viewer.locator(".citeqa-viewer-head")).to_contain_text(f"[1] {second.citations[0].title}")
    expect(chat.viewer.locator("mark.citeqa-hit")).to_have_text(second.citations[0].quote)
    assert chat.viewer.locator(".citeqa-viewer").get_attribute("data-source") == second.citations[0].source
    third = chat.ask("What is the capital of France?", [SEED_QUESTION, FOLLOW_UP[0]], turn=2)
    assert third.abstained  # no answer: the viewer shows no older article
    expect(chat.viewer.locator("mark")).to_have_count(0)
    expect(chat.viewer).to_contain_text("Q3: What is the capital of France? — no answer was found")


def test_conversation_survives_a_reload_and_can_be_copied_retried_and_exported(chat: ChatPage) -> None:
    page = chat.page
    first = chat.ask(FOLLOW_UP[0], [], turn=0)
    second = chat.ask(FOLLOW_UP[1], [FOLLOW_UP[0]], turn=1)

    page.reload()
    expect(chat.bubble(1)).to_have_text(plain_text(second.text), use_inner_text=True)
    expect(chat.bubble(0)).to_have_text(plain_text(first.text), use_inner_text=True)
    expect(chat.panel.locator(".citeqa-question")).to_have_text(f"Q2: {second.question}")
    expect(chat.viewer.locator("mark.citeqa-hit")).to_have_text(second.citations[0].quote)
    chat.bubble(0).get_by_role("button", name="[1]").first.click()  # old citations still open
    expect(chat.viewer.locator("mark.citeqa-hit")).to_have_text(first.citations[0].quote)

    copy = page.locator("#citeqa-chat").get_by_role("button", name="Copy message")
    expect(copy.last).to_be_attached()  # gradio's copy button, on for answers
    copy.last.click(force=True)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert plain_text(second.text).split(" [1]")[0] in copied and "<" not in copied  # text, not HTML

    with page.expect_download() as download:
        page.locator("#citeqa-export").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert f"## Q1: {first.question}" in exported and f"## Q2: {second.question}" in exported
    for c in first.citations + second.citations:
        assert f"{c.title} — `{c.source}` (characters {c.start}–{c.end})" in exported

    page.locator("#citeqa-chat").get_by_role("button", name="Retry").click()
    expect(chat.bubble(1)).to_have_text(plain_text(second.text), use_inner_text=True)
    expect(page.locator("#citeqa-chat .citeqa-answer")).to_have_count(2)

    other = chat.page.context.new_page()  # the same browser keeps one conversation …
    other.goto(chat.served.url)
    expect(other.locator("#citeqa-chat .citeqa-answer")).to_have_count(2)
    other.close()
    page.locator("#citeqa-new-chat").click()  # … until a new chat starts it afresh
    expect(page.locator("#citeqa-chat .citeqa-answer")).to_have_count(0)
    page.reload()
    expect(page.locator("#citeqa-question textarea")).to_be_visible()
    expect(page.locator("#citeqa-chat").get_by_text(EXAMPLE)).to_be_visible()
    expect(page.locator("#citeqa-chat .citeqa-answer")).to_have_count(0)


def test_another_browser_does_not_see_the_conversation(chat: ChatPage, browser: Browser) -> None:
    chat.ask(FOLLOW_UP[0], [], turn=0)
    with _session(browser, chat.served, "another_browser", DESKTOP) as other:
        other.page.wait_for_timeout(0)
        expect(other.page.locator("#citeqa-chat").get_by_text(EXAMPLE)).to_be_visible()
        expect(other.page.locator("#citeqa-chat .citeqa-answer")).to_have_count(0)


def test_hovering_or_focusing_a_citation_shows_its_title_and_quote(chat: ChatPage) -> None:
    answer = chat.ask(SEED_QUESTION, [], turn=0)
    cite = answer.citations[0]
    link = chat.bubble(0).get_by_role("button", name="[1]").first
    tip = link.locator(".citeqa-tip")
    expect(tip).to_be_hidden()
    link.hover()
    expect(tip).to_be_visible()
    expect(tip.locator("strong")).to_have_text(cite.title)
    expect(tip).to_contain_text(cite.quote)
    card, window = tip.bounding_box(), chat.page.viewport_size
    assert card and window and card["x"] >= 0 and card["x"] + card["width"] <= window["width"]
    assert card["y"] >= 0 and card["y"] + card["height"] <= window["height"]  # all of it in view
    chat.page.mouse.move(0, 0)
    expect(tip).to_be_hidden()
    chat.panel.get_by_role("button", name="[1]").focus()  # keyboard users get it too
    chat.page.keyboard.press("Shift+Tab")
    chat.page.keyboard.press("Tab")
    expect(chat.panel.locator(".citeqa-tip").first).to_be_visible()
    panel_box = chat.panel.bounding_box()
    items = chat.panel.locator(".citeqa-source")
    last_box = items.last.bounding_box()
    assert panel_box and last_box and last_box["y"] + last_box["height"] <= panel_box["y"] + panel_box["height"] + 1
    assert chat.panel.evaluate("el => [...el.querySelectorAll('*')].every("
                               "e => e.scrollHeight <= e.clientHeight + 1 || getComputedStyle(e).overflowY "
                               "=== 'visible' || e.classList.contains('citeqa-tip'))")  # no inner scroll


def test_rescan_picks_up_a_file_copied_into_the_folder(chat: ChatPage) -> None:
    copied = chat.served.corpus / "copied_zorblat.txt"
    chat.open_library()
    expect(chat.page.locator("#citeqa-folder-changed")).not_to_contain_text("changed")
    copied.write_text(ZORBLAT, encoding="utf-8")
    try:
        chat.open_chat()
        chat.open_library()  # opening the tab checks the folder
        expect(chat.page.locator("#citeqa-folder-changed")).to_contain_text(
            "The folder has changed since the last sync (1 new file)")
        chat.page.locator("#citeqa-rescan").click()
        expect(chat.page.locator("#citeqa-library-status")).to_contain_text("Rescanned the folder: 1 added")
        expect(chat.page.locator("#citeqa-articles")).to_contain_text("copied_zorblat.txt")
        expect(chat.page.locator("#citeqa-folder-changed")).not_to_contain_text("changed")
        chat.open_chat()
        answer = chat.ask(ZORBLAT_QUESTION, [], turn=0)
        assert "copied_zorblat.txt" in {c.source for c in answer.citations}
    finally:
        copied.unlink(missing_ok=True)
        chat.served.engine.sync()


def test_upload_keeps_the_library_table_in_view(chat: ChatPage, tmp_path: Path) -> None:
    article = tmp_path / "Zorblat second.txt"
    article.write_text(ZORBLAT, encoding="utf-8")
    chat.open_library()
    table = chat.page.locator("#citeqa-articles")
    expect(table).to_contain_text(NUJABA)
    chat.page.evaluate("""(known) => {  // note where the upload's progress shows, and whether the table hides
        window.__citeqaTableHidden = [];
        window.__citeqaProgressIn = new Set();
        new MutationObserver(() => {
            const table = document.querySelector('#citeqa-articles');
            const shown = table && table.checkVisibility() && table.innerText.includes(known);
            if (!shown) window.__citeqaTableHidden.push(table ? table.innerText.slice(0, 80) : 'gone');
            for (const bar of document.querySelectorAll('.eta-bar, .progress-text, .progress-level, .meta-text-center')) {
                const block = bar.closest('[id^="citeqa-"]');
                if (bar.checkVisibility()) window.__citeqaProgressIn.add(block ? block.id : '?');
            }
        }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    }""", NUJABA)
    try:
        chat.upload(article)
        expect(chat.page.locator("#citeqa-library-status")).to_contain_text("Added and indexed: Zorblat_second")
        expect(table).to_contain_text("Zorblat_second.txt")
        assert chat.page.evaluate("window.__citeqaTableHidden") == []
        assert chat.page.evaluate("[...window.__citeqaProgressIn]") == ["citeqa-library-status"]
    finally:
        for path in chat.served.corpus.glob("Zorblat_second*"):
            path.unlink()
        chat.served.engine.sync()


def test_upload_progress_moves_by_passages_within_one_long_article(chat: ChatPage, tmp_path: Path) -> None:
    """One long file is one upload: the bar still moves per slice of passages, and the table stays."""
    article = tmp_path / "Varnholt harbour.txt"
    paragraphs = [f"Section {i} of the Varnholt sea wall was raised by {i * 3} centimetres on day {i}, the "
                  f"harbour engineers reported, and the council set {i * 7} thousand crowns aside for the next "
                  f"phase of the works." for i in range(900)]
    article.write_text("Varnholt harbour works report\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    saved = "Varnholt_harbour.txt"
    chat.open_library()
    table = chat.page.locator("#citeqa-articles")
    expect(table).to_contain_text(NUJABA)
    chat.page.evaluate("""(known) => {  // every state of the upload's progress bar, and whether the table hides
        window.__citeqaBar = [];
        window.__citeqaTableHidden = [];
        new MutationObserver(() => {
            const table = document.querySelector('#citeqa-articles');
            if (!(table && table.checkVisibility() && table.innerText.includes(known)))
                window.__citeqaTableHidden.push(table ? table.innerText.slice(0, 80) : 'gone');
            const bar = document.querySelector('#citeqa-library-status [role=progressbar]');
            if (!bar || !bar.checkVisibility()) return;
            const seen = [Number(bar.getAttribute('aria-valuenow')), bar.getAttribute('aria-valuetext')];
            const last = window.__citeqaBar.at(-1);
            if (!last || last[1] !== seen[1]) window.__citeqaBar.push(seen);
        }).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    }""", NUJABA)
    try:
        chat.upload(article)
        expect(chat.page.locator("#citeqa-library-status")).to_have_text(f"Added and indexed: {saved}.")
        expect(table).to_contain_text(saved)
        chunks = next(a["chunks"] for a in chat.served.engine.articles() if a["source"] == saved)
        assert chunks > 4 * EMBED_SLICE  # several slices of passages in this one file
        bar = chat.page.evaluate("window.__citeqaBar")
        values = [value for value, _ in bar]
        assert values == sorted(values), bar  # it never goes back
        moving = [(value, text) for value, text in bar if 0 < value < 100]
        assert len({value for value, _ in moving}) >= 2, bar  # it moves before the file is done …
        embedded = [int(re.search(rf"([\d,]+) of {chunks:,} passages embedded", text)[1].replace(",", ""))
                    for _, text in moving]
        assert embedded == sorted(embedded) and 0 < embedded[0] < embedded[-1] < chunks  # … by passages
        assert chat.page.evaluate("window.__citeqaTableHidden") == []
    finally:
        for path in chat.served.corpus.glob("Varnholt_harbour*"):
            path.unlink()
        chat.served.engine.sync()


RESCANNED = 400  # articles copied into the folder: a sync that lasts while several questions are answered
DURING_SYNC = [SEED_QUESTION, FOLLOW_UP[0], "How many US troops are in Iraq?"]


@pytest.fixture
def grown_folder(tmp_path: Path) -> Iterator[Served]:
    """A second app whose corpus folder has gained RESCANNED generated articles since it was indexed."""
    with _serve(tmp_path / "app") as app:
        generate(tmp_path / "generated" / "more", RESCANNED)
        shutil.move(tmp_path / "generated" / "more", app.corpus / "more")
        yield app


def test_questions_are_answered_in_the_chat_while_a_rescan_runs(browser: Browser, grown_folder: Served) -> None:
    """Issue 13 item 9 from the browser: one tab rescans a folder of 400 new articles; another asks, and
    each answer (cited exactly) arrives while that sync is still running. Ordering, not timing."""
    served = grown_folder
    data_dir = served.engine.settings.data_dir
    with _session(browser, served, "rescan_library_tab", DESKTOP) as library, \
            _session(browser, served, "rescan_chat_tab", DESKTOP) as chat:
        library.open_library()
        expect(library.page.locator("#citeqa-folder-changed")).to_contain_text(f"{RESCANNED} new files")
        status = library.page.locator("#citeqa-library-status")
        bar = status.locator("[role=progressbar]")
        library.page.locator("#citeqa-rescan").click()
        expect(bar).to_have_attribute("aria-valuetext", re.compile(r"[1-9][\d,]* passages embedded"))
        assert sync_running(data_dir)  # the rescan is embedding before the first question is asked

        during = []
        for turn, question in enumerate(DURING_SYNC):
            chat.page.locator("#citeqa-question textarea").fill(question)
            chat.page.locator("#citeqa-question textarea").press("Enter")
            expect(chat.panel.locator(".citeqa-question")).to_have_text(f"Q{turn + 1}: {question}")
            expect(chat.bubble(turn).get_by_role("button", name="[1]").first).to_be_visible()
            source = chat.panel.locator(".citeqa-file").first.text_content() or ""
            quote = chat.panel.locator(".citeqa-quote").first.text_content() or ""
            # Checked only once the answer is on the page: the sync still runs, so the answer came first.
            progress = bar.get_attribute("aria-valuetext", timeout=1_000) if bar.count() else None
            assert sync_running(data_dir) and progress and "Rescanned" not in status.inner_text(), (
                f"the rescan of {RESCANNED} articles finished before answer {turn + 1} arrived")
            assert quote and quote in (served.corpus / source).read_text(encoding="utf-8")  # cited exactly
            during.append(progress)
        print("\nthe library tab's progress as each answer arrived:", *during, sep="\n  ")

        expect(status).to_contain_text(f"Rescanned the folder: {RESCANNED} added", timeout=900_000)
        assert not sync_running(data_dir)
        assert len(served.engine.articles()) == RESCANNED + len(list((ROOT / "corpus").glob("*.txt")))


def test_phone_ask_is_in_view_and_the_viewer_links_back_to_the_answer(phone: ChatPage) -> None:
    page = phone.page
    expect(page.locator("#citeqa-ask")).to_be_in_viewport()
    answer = phone.ask(SEED_QUESTION, [], turn=0)
    link = phone.bubble(0).get_by_role("button", name=f"[{answer.citations[-1].id}]").first
    link.click()
    expect(phone.viewer.locator("mark.citeqa-hit")).to_have_text(answer.citations[-1].quote)
    back = phone.viewer.get_by_role("button", name="← back to the answer")
    expect(back).to_be_in_viewport()
    expect(link).not_to_be_in_viewport()
    back.click()
    expect(link).to_be_in_viewport()
