"""The browser app: chat with clickable sources, a source viewer and the article library.

The only module that imports gradio. HTML comes from qa.ui_render; files from qa.library.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
import time
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import gradio as gr
from fastapi.middleware import Middleware
from gradio.utils import get_upload_folder

from qa import library, ui_render
from qa.engine import QA, clean_question
from qa.login import LoginGuard
from vectorstore.errors import CiteQAError, SettingsError
from vectorstore.settings import Settings

log = logging.getLogger(__name__)

EXAMPLES = [
    "Who announced that the US combat mission in Iraq had ended?",
    "How many US troops are in Iraq?",
    "Who is the spokesman of the Nujaba movement?",
]
STREAM_STEPS = 12  # an answer streams in over at most this many updates …
STREAM_PAUSE = 0.03  # … this far apart, so the browser shows them (the answer is complete already)
# System fonts only: the default theme would fetch Google Fonts, and citeqa runs with no network.
THEME = gr.themes.Default(
    font=["ui-sans-serif", "system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"]
)
Turns = list[dict[str, Any]]
_PROGRESS = gr.Progress()  # gradio gives each call its own tracker; this only marks the parameter


def check_bind(host: str, auth: str | None) -> tuple[str, str] | None:
    """The (user, password) to require, or None; refuses a non-loopback address without a login."""
    if auth:
        user, sep, password = auth.partition(":")
        if not sep or not user or not password:
            raise SettingsError(
                "CITEQA_AUTH must look like user:password (both non-empty) — e.g. CITEQA_AUTH=alice:s3cret"
            )
        return user, password
    if not _is_loopback(host):
        raise SettingsError(
            f"refusing to serve on {host} without a login: anyone on the network could read and delete "
            "the articles — set CITEQA_AUTH=user:password, or bind 127.0.0.1 (CITEQA_HOST=127.0.0.1)"
        )
    return None


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def launch(engine: QA, settings: Settings, auth: str | None = None, *, block: bool = True) -> gr.Blocks:
    """Serve the app on settings.host:settings.port (until interrupted, unless block=False)."""
    credentials = check_bind(settings.host, auth)
    app = build_app(engine)
    app.queue(default_concurrency_limit=4).launch(
        server_name=settings.host, server_port=settings.port, auth=credentials,
        prevent_thread_lock=not block, show_error=True, quiet=not block, ssr_mode=False,
        max_file_size=library.MAX_UPLOAD_BYTES, theme=THEME, css=ui_render.CSS,
        footer_links=["api", "settings"],
        app_kwargs={"middleware": [Middleware(LoginGuard, credentials=credentials)]} if credentials else None,
    )
    return app


def build_app(engine: QA) -> gr.Blocks:
    """The chat tab (answers, sources panel, source viewer) and the library tab."""
    chat = ChatHandlers(engine)
    lib = LibraryHandlers(engine)
    with gr.Blocks(title="citeqa", analytics_enabled=False) as app:
        gr.Markdown("## citeqa\nAsk the articles a question. Every answer cites the exact passages it "
                    "comes from — click a **[n]** to read it in its article.")
        turns = gr.State([])
        with gr.Tab("Chat"), gr.Row(equal_height=False):
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    elem_id="citeqa-chat", label="Conversation", height=520, render_markdown=False,
                    latex_delimiters=[], buttons=[], feedback_options=None,
                    placeholder="Ask a question about the articles, or pick an example.",
                    examples=[{"text": q} for q in EXAMPLES],
                )
                with gr.Row():
                    question = gr.Textbox(elem_id="citeqa-question", show_label=False, scale=5,
                                          placeholder="Ask a question (follow-ups use the conversation)")
                    ask = gr.Button("Ask", variant="primary", scale=1, elem_id="citeqa-ask")
                clear = gr.Button("Clear conversation", size="sm", elem_id="citeqa-clear")
            with gr.Column(scale=2):
                sources = gr.HTML(ui_render.EMPTY_SOURCES, elem_id="citeqa-sources", label="Sources",
                                  js_on_load=ui_render.CITE_CLICK_JS, max_height=360)
                viewer = gr.HTML(ui_render.EMPTY_VIEWER, elem_id="citeqa-viewer",
                                 js_on_load=ui_render.SCROLL_TO_HIT_JS)
        with gr.Tab("Library") as library_tab:
            table = gr.Dataframe(headers=["Title", "File", "Format", "Chunks", "Indexed (UTC)"], interactive=False,
                                 elem_id="citeqa-articles", wrap=True)
            status = gr.Markdown(elem_id="citeqa-library-status")
            upload = gr.UploadButton(f"Upload articles ({library.upload_limits()})", file_count="multiple",
                                     file_types=list(library.UPLOAD_SUFFIXES), elem_id="citeqa-upload")
            with gr.Row():
                doomed = gr.Dropdown(label="Article to delete", choices=[], elem_id="citeqa-delete-choice",
                                     scale=4)
                delete = gr.Button("Delete article", variant="stop", elem_id="citeqa-delete", scale=1)

        chat_io = {"inputs": [question, turns], "outputs": [chatbot, sources, question, turns]}
        question.submit(chat.respond, **chat_io, api_name="ask")
        ask.click(chat.respond, **chat_io, api_visibility="private")
        chatbot.example_select(chat.pick_example, None, question, api_visibility="private").then(
            chat.respond, **chat_io, api_visibility="private")
        sources.cite(chat.open_citation, turns, [sources, viewer], api_visibility="private")
        reset = {"fn": chat.clear, "outputs": [chatbot, sources, viewer, question, turns],
                 "api_visibility": "private"}
        clear.click(**reset)
        chatbot.clear(**reset)

        lib_out = [table, doomed, status]
        lib_opts: dict[str, Any] = {"concurrency_limit": 1, "concurrency_id": "library",
                                    "api_visibility": "private", "show_progress_on": table}
        upload.upload(lib.add, upload, lib_out, **lib_opts)
        delete.click(lib.delete, doomed, lib_out, **lib_opts)
        library_tab.select(lib.refresh, None, lib_out, api_visibility="private")
        app.load(lib.refresh, None, lib_out, api_visibility="private")
    return app


class ChatHandlers:
    """The chat's event handlers; a session's conversation lives in its gr.State (a list of turns)."""

    def __init__(self, engine: QA) -> None:
        self.engine = engine
        self._llm = getattr(getattr(engine, "settings", None), "mode", "") == "llm"

    def respond(self, question: str, turns: Turns) -> Iterator[tuple]:
        """Answer in the conversation's context, streaming the answer into the chat."""
        turns = list(turns or [])
        cleaned = clean_question(question) if isinstance(question, str) else ""  # e.g. a lone "\ud800"
        if not cleaned:
            gr.Warning("The question is empty — type a question about the articles.")
            yield ui_render.chat_messages(turns), gr.skip(), question, turns
            return
        pending = {"question": cleaned, "html": ui_render.SEARCHING_HTML, "answer": None}
        yield ui_render.chat_messages(turns + [pending]), gr.skip(), "", turns
        answer, draft, history = None, "", [t["question"] for t in turns]
        try:
            stream = self.engine.stream(question, history)
            for delta in stream if self._llm else ():  # the model's words as they come, unverified
                draft += delta
                pending["html"] = f'<div class="citeqa-draft">{escape(draft)}</div>'
                yield ui_render.chat_messages(turns + [pending]), gr.skip(), "", turns
            answer = stream.answer()
        except Exception as exc:  # noqa: BLE001 - the UI shows a message, never a traceback
            yield ui_render.chat_messages(turns), gr.skip(), cleaned, turns
            raise _ui_error(exc, "answering") from None
        assert answer is not None
        for warning in answer.warnings:
            gr.Warning(warning)
        index = len(turns)
        done = {"question": answer.question, "answer": answer, "html": ""}
        steps = ui_render.answer_tokens(answer)
        stride = max(1, -(-steps // STREAM_STEPS))
        for shown in range(stride, steps, stride):
            done["html"] = ui_render.answer_html(answer, index, tokens=shown)
            yield ui_render.chat_messages(turns + [done]), gr.skip(), "", turns
            time.sleep(STREAM_PAUSE)
        done["html"] = ui_render.answer_html(answer, index)
        turns.append(done)
        yield ui_render.chat_messages(turns), ui_render.sources_html(answer, index), "", turns

    def open_citation(self, turns: Turns, evt: gr.EventData) -> tuple[str, str]:
        """Select the clicked citation's answer in the panel and show the cited passage in its article."""
        data = getattr(evt, "_data", None) or {}
        try:
            turn, n, kind = int(data.get("turn", -1)), int(data.get("n", -1)), str(data.get("kind"))
        except (TypeError, ValueError):
            turn, n, kind = -1, -1, ""
        if not 0 <= turn < len(turns or []):
            gr.Warning("That citation is no longer in this conversation — ask the question again.")
            return gr.skip(), gr.skip()
        answer = turns[turn]["answer"]
        shown = answer.citations if kind == "c" else answer.related
        citation = next((c for c in shown if c.id == n), None)
        if citation is None:
            gr.Warning(f"Answer {turn + 1} has no passage [{n}].")
            return gr.skip(), gr.skip()
        try:
            text = self.engine.source_text(citation.source)
        except Exception as exc:  # noqa: BLE001
            raise _ui_error(exc, "opening the article") from None
        return ui_render.sources_html(answer, turn), ui_render.viewer_html(citation, text)

    @staticmethod
    def pick_example(evt: gr.SelectData) -> str:
        value = evt.value
        return value.get("text", "") if isinstance(value, dict) else str(value or "")

    @staticmethod
    def clear() -> tuple:
        return [], ui_render.EMPTY_SOURCES, ui_render.EMPTY_VIEWER, "", []


class LibraryHandlers:
    """Upload and delete articles; one change (save or delete, then sync) at a time."""

    def __init__(self, engine: QA) -> None:
        self.engine = engine
        self._lock = threading.Lock()

    def refresh(self, message: str = "") -> tuple:
        try:
            articles = self.engine.articles()
        except Exception as exc:  # noqa: BLE001
            raise _ui_error(exc, "listing the articles") from None
        choices = [(f"{a['title']} — {a['source']}", a["source"]) for a in articles]
        return (ui_render.article_rows(articles), gr.Dropdown(choices=choices, value=None),
                message or f"{len(articles)} articles indexed.")

    def add(self, paths: list[str] | str | None, progress: gr.Progress = _PROGRESS) -> tuple:
        """Save each uploaded file into the corpus folder, then index what changed."""
        paths = [paths] if isinstance(paths, str) else list(paths or [])
        added, refused = [], []
        with self._lock:
            for path in paths:
                try:
                    name, data = library.read_upload(Path(path))
                    added.append(library.save_upload(self.engine.settings.corpus, name, data).path)
                except CiteQAError as exc:
                    refused.append(str(exc))
                    _discard_upload(path)
            if added:
                self._sync(progress)
        for reason in refused:
            gr.Warning(escape(reason))
        message = f"Added and indexed: {_names(added)}." if added else "No article was added."
        return self.refresh(message)

    def delete(self, source: str | None) -> tuple:
        """Delete an indexed article's file and its chunks; only names from the index are accepted."""
        if not source:
            gr.Warning("Pick an article to delete first.")
            return self.refresh()
        with self._lock:
            try:
                known = [a["source"] for a in self.engine.articles()]
                library.delete_article(self.engine.settings.corpus, source, known)
            except CiteQAError as exc:
                raise _ui_error(exc, "deleting the article") from None
            self._sync(None)
        return self.refresh(f"Deleted {_names([source])}.")

    def _sync(self, progress: gr.Progress | None) -> None:
        def report(done: int, total: int, chunks: int) -> None:
            if progress is not None and total:
                progress((done, total), desc=f"indexing ({chunks} chunks embedded)", unit="files")

        try:
            self.engine.sync(progress=report)
        except Exception as exc:  # noqa: BLE001
            raise _ui_error(exc, "indexing the library") from None


def _discard_upload(path: str) -> None:
    """Delete a refused upload from gradio's upload folder (and only from there), with its own folder."""
    target, uploads = Path(path).resolve(), Path(get_upload_folder()).resolve()
    if not target.is_relative_to(uploads):
        return
    try:
        target.unlink(missing_ok=True)
        if target.parent != uploads:
            target.parent.rmdir()  # gradio keeps each upload in a folder of its own; removed only if empty
    except OSError:
        pass


def _names(paths: list[str]) -> str:
    return ", ".join(f"`{p.replace('`', '')}`" for p in paths)


def _ui_error(exc: Exception, doing: str) -> gr.Error:
    """A typed error's own message (it says the fix); anything else logged, shown without internals."""
    if isinstance(exc, CiteQAError):  # toasts render HTML; names in messages may come from uploads
        return gr.Error(escape(str(exc)), print_exception=False)
    log.exception("citeqa: unexpected error while %s", doing)
    return gr.Error(
        f"Something went wrong while {doing} ({type(exc).__name__}); the details are in the server log. "
        "Try again; if it keeps failing, rebuild the index with `citeqa ingest --rebuild`.",
        print_exception=False,
    )
