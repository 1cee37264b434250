"""The browser app: chat with clickable sources, a source viewer and the article library.

The only module that imports gradio. HTML comes from qa.ui_render; files from qa.library; the
conversation the browser keeps (and its Markdown export) from qa.chat_log.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import threading
import time
from collections.abc import Iterator
from html import escape
from pathlib import Path, PurePosixPath
from typing import Any

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import gradio as gr
from fastapi.middleware import Middleware
from gradio.utils import get_upload_folder

from qa import chat_log, library, ui_render
from qa.engine import QA, clean_question
from qa.login import LoginGuard
from qa.port import port_free
from qa.types import Answer, Citation
from vectorstore.errors import CiteQAError, SettingsError
from vectorstore.ingest import SyncProgress, SyncReport
from vectorstore.settings import Settings

log = logging.getLogger(__name__)

def examples(engine: QA, limit: int = 2) -> list[str]:
    """Example questions made from the library itself (never a fixed corpus): a digest, then what the
    first articles are about, by their own titles."""
    titles = [a["title"] for a in engine.articles() if a.get("title")][:limit]
    return ["Summarize the articles"] + [f"What is the article “{t[:80]}” about?" for t in titles]
# System fonts only: the default theme would fetch Google Fonts, and citeqa runs with no network.
THEME = gr.themes.Default(
    font=["ui-sans-serif", "system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"]
)
Turns = list[chat_log.Turn]
_PROGRESS = gr.Progress()  # gradio gives each call its own tracker; this only marks the parameter
STORAGE_KEY = "citeqa-conversation"



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
    port_free(settings.host, settings.port)
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
        # The conversation lives in this browser only (localStorage, encrypted): a reload keeps it.
        turns = gr.BrowserState([], storage_key=STORAGE_KEY, secret=chat_log.browser_secret(engine.settings.data_dir))
        with gr.Tab("Chat"), gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=300):
                chatbot = gr.Chatbot(
                    elem_id="citeqa-chat", label="Conversation", height="min(520px, 52vh)",
                    render_markdown=False, latex_delimiters=[], buttons=["copy"], feedback_options=None,
                    placeholder="Ask a question about the articles, or pick an example.",
                    examples=[{"text": q} for q in examples(engine)],
                )
                with gr.Row():
                    question = gr.Textbox(elem_id="citeqa-question", show_label=False, scale=5, min_width=180,
                                          placeholder="Ask a question (follow-ups use the conversation)")
                    ask = gr.Button("Ask", variant="primary", scale=1, min_width=70, elem_id="citeqa-ask")
                with gr.Row():
                    new_chat = gr.Button("New chat", size="sm", elem_id="citeqa-new-chat")
                    export = gr.Button("Export (Markdown)", size="sm", elem_id="citeqa-export")
                exported = gr.Textbox(visible="hidden", elem_id="citeqa-exported")
            with gr.Column(scale=2, min_width=300):
                sources = gr.HTML(ui_render.EMPTY_SOURCES, elem_id="citeqa-sources", label="Sources",
                                  js_on_load=ui_render.CITE_CLICK_JS)
                viewer = gr.HTML(ui_render.EMPTY_VIEWER, elem_id="citeqa-viewer",
                                 js_on_load=ui_render.SCROLL_TO_HIT_JS)
        with gr.Tab("Library") as library_tab:
            changed = gr.Markdown(elem_id="citeqa-folder-changed")
            table = gr.Dataframe(headers=["Title", "File", "Format", "Chunks", "Indexed (UTC)"], interactive=False,
                                 elem_id="citeqa-articles", wrap=True)
            status = gr.Markdown(elem_id="citeqa-library-status")
            with gr.Row():
                upload = gr.UploadButton(f"Upload articles ({library.upload_limits()})", file_count="multiple",
                                         file_types=list(library.UPLOAD_SUFFIXES), elem_id="citeqa-upload")
                rescan = gr.Button("Rescan folder", elem_id="citeqa-rescan")
            with gr.Row():
                doomed = gr.Dropdown(label="Article to delete", choices=[], elem_id="citeqa-delete-choice",
                                     scale=4)
                delete = gr.Button("Delete article…", variant="stop", elem_id="citeqa-delete", scale=1)
            with gr.Row(visible=False, elem_id="citeqa-confirm") as confirm_row:
                confirm_text = gr.Markdown(elem_id="citeqa-confirm-text")
                confirm = gr.Button("Yes, delete it", variant="stop", elem_id="citeqa-confirm-delete")
                cancel = gr.Button("Cancel", elem_id="citeqa-cancel-delete")

        chat_out = [chatbot, sources, viewer, question, turns]
        chat_io = {"inputs": [question, turns], "outputs": chat_out}
        question.submit(chat.respond, **chat_io, api_name="ask")
        ask.click(chat.respond, **chat_io, api_visibility="private")
        chatbot.example_select(chat.pick_example, None, question, api_visibility="private").then(
            chat.respond, **chat_io, api_visibility="private")
        chatbot.retry(chat.retry, turns, chat_out, api_visibility="private")
        sources.cite(chat.open_citation, turns, [sources, viewer], api_visibility="private",
                     trigger_mode="always_last")  # a second click while one loads is not dropped
        reset = {"fn": chat.new_chat, "outputs": chat_out, "api_visibility": "private"}
        new_chat.click(**reset)
        chatbot.clear(**reset)
        export.click(chat.export, turns, exported, api_visibility="private").then(
            None, exported, None, js=ui_render.DOWNLOAD_JS)
        app.load(chat.restore, turns, [chatbot, sources, viewer], api_visibility="private")

        lib_out = [table, doomed, status, changed]
        lib_opts: dict[str, Any] = {"concurrency_limit": 1, "concurrency_id": "library",
                                    "api_visibility": "private", "show_progress_on": status}
        upload.upload(lib.add, upload, lib_out, **lib_opts)
        rescan.click(lib.rescan, None, lib_out, **lib_opts)
        delete.click(lib.ask_delete, doomed, [confirm_row, confirm_text], api_visibility="private")
        doomed.change(lambda: gr.Row(visible=False), None, confirm_row, api_visibility="private")
        cancel.click(lambda: gr.Row(visible=False), None, confirm_row, api_visibility="private")
        confirm.click(lambda: gr.Row(visible=False), None, confirm_row, api_visibility="private").then(
            lib.delete, doomed, lib_out, **lib_opts)
        refresh = {"api_visibility": "private", "show_progress": "hidden"}  # a quick read: no spinner over the table
        library_tab.select(lib.refresh, None, lib_out, **refresh)
        app.load(lib.refresh, None, lib_out, **refresh)
    return app


class ChatHandlers:
    """The chat's event handlers; a browser's conversation lives in its BrowserState (a list of turns)."""

    def __init__(self, engine: QA) -> None:
        self.engine = engine
        self._llm = getattr(getattr(engine, "settings", None), "mode", "") == "llm"

    def respond(self, question: str, turns: Turns | None = None) -> Iterator[tuple]:
        """Answer in the conversation's context; the viewer follows the new answer (its [1], or nothing)."""
        turns = list(turns or [])
        done = chat_log.answers(turns)
        turns = turns[: len(done)]
        cleaned = clean_question(question) if isinstance(question, str) else ""  # e.g. a lone "\ud800"
        if not cleaned:
            gr.Warning("The question is empty — type a question about the articles.")
            yield ui_render.chat_bubbles(done), gr.skip(), gr.skip(), question, turns
            return
        pending = [(cleaned, ui_render.SEARCHING_HTML)]
        yield ui_render.chat_bubbles(done, pending), gr.skip(), gr.skip(), "", turns
        answer, draft, history = None, "", [a.question for a in done]
        try:
            stream = self.engine.stream(question, history)
            for delta in stream if self._llm else ():  # the model's words as they come, unverified
                draft += delta
                pending = [(cleaned, ui_render.draft_html(draft))]
                yield ui_render.chat_bubbles(done, pending), gr.skip(), gr.skip(), "", turns
            answer = stream.answer()
        except Exception as exc:  # noqa: BLE001 - the UI shows a message, never a traceback
            yield ui_render.chat_bubbles(done), gr.skip(), gr.skip(), cleaned, turns
            raise _ui_error(exc, "answering") from None
        assert answer is not None
        for warning in answer.warnings:
            gr.Warning(warning)
        turn = len(done)
        turns.append({"question": answer.question, "answer": chat_log.stored(answer)})
        done.append(answer)
        first = answer.citations[0] if answer.citations else None
        viewer = self._viewer(first, turn, answer) if first else ui_render.no_answer_viewer_html(turn, answer.question)
        yield ui_render.chat_bubbles(done), ui_render.sources_html(answer, turn), viewer, "", turns

    def retry(self, turns: Turns, evt: gr.RetryData) -> Iterator[tuple]:
        """Ask the retried answer's question again, in the conversation before it."""
        index = evt.index[0] if isinstance(evt.index, tuple) else evt.index
        turn = int(index) // 2
        turns = list(turns or [])
        if not 0 <= turn < len(turns):
            gr.Warning("That answer is no longer in this conversation — ask the question again.")
            return
        yield from self.respond(str(turns[turn]["question"]), turns[:turn])

    def open_citation(self, turns: Turns, evt: gr.EventData) -> tuple[str, str]:
        """Select the clicked citation's answer in the panel and show the cited passage in its article."""
        data = getattr(evt, "_data", None) or {}
        try:
            turn, n, kind = int(data.get("turn", -1)), int(data.get("n", -1)), str(data.get("kind"))
        except (TypeError, ValueError):
            turn, n, kind = -1, -1, ""
        done = chat_log.answers(turns)
        if not 0 <= turn < len(done):
            gr.Warning("That citation is no longer in this conversation — ask the question again.")
            return gr.skip(), gr.skip()
        answer = done[turn]
        kind = "c" if kind == "c" else "r"  # it goes back into the page: only these two values
        shown = answer.citations if kind == "c" else answer.related
        citation = next((c for c in shown if c.id == n), None)
        if citation is None:
            gr.Warning(f"Answer {turn + 1} has no passage [{n}].")
            return gr.skip(), gr.skip()
        return ui_render.sources_html(answer, turn), self._viewer(citation, turn, answer, kind)

    def _viewer(self, citation: Citation, turn: int, answer: Answer, kind: str = "c") -> str:
        """The cited article with the passage highlighted, or why it cannot be shown (no server paths)."""
        try:
            indexed = {a["source"] for a in self.engine.articles()}
            if citation.source not in indexed:
                return ui_render.missing_viewer_html(citation, turn, answer.question, True, kind)
            text = self.engine.source_text(citation.source)
        except CiteQAError:  # its kept text is gone too (e.g. removed by a sync meanwhile)
            return ui_render.missing_viewer_html(citation, turn, answer.question, False, kind)
        except Exception as exc:  # noqa: BLE001
            raise _ui_error(exc, "opening the article") from None
        return ui_render.viewer_html(citation, text, turn, answer.question, kind)

    def restore(self, turns: Turns) -> tuple:
        """The conversation this browser kept, shown again after a reload; the viewer shows its last [1]."""
        done = chat_log.answers(turns)
        if not done:
            return [], ui_render.EMPTY_SOURCES, ui_render.EMPTY_VIEWER
        turn, answer = len(done) - 1, done[-1]
        first = answer.citations[0] if answer.citations else None
        viewer = self._viewer(first, turn, answer) if first else ui_render.no_answer_viewer_html(turn, answer.question)
        return ui_render.chat_bubbles(done), ui_render.sources_html(answer, turn), viewer

    @staticmethod
    def export(turns: Turns) -> str:
        """The conversation as Markdown, with every citation's title, file, quote and offsets."""
        done = chat_log.answers(turns)
        if not done:
            gr.Warning("Nothing to export yet — ask a question first.")
            return ""
        return chat_log.to_markdown(done)

    @staticmethod
    def pick_example(evt: gr.SelectData) -> str:
        value = evt.value
        return value.get("text", "") if isinstance(value, dict) else str(value or "")

    @staticmethod
    def new_chat() -> tuple:
        return [], ui_render.EMPTY_SOURCES, ui_render.EMPTY_VIEWER, "", []


class LibraryHandlers:
    """Upload, rescan and delete articles; one change (save or delete, then sync) at a time."""

    def __init__(self, engine: QA) -> None:
        self.engine = engine
        self._lock = threading.Lock()  # guards the folder (save/delete); the engine guards its own index
        self._skipped: set[str] = set()
        self._synced_at = 0.0

    def refresh(self, message: str = "") -> tuple:
        try:
            articles = self.engine.articles()
            changes = library.folder_changes(self.engine.settings.corpus, articles, self._skipped,
                                             self._synced_at)
        except Exception as exc:  # noqa: BLE001
            raise _ui_error(exc, "listing the articles") from None
        choices = [(f"{a['title']} — {a['source']}", a["source"]) for a in articles]
        return (ui_render.article_rows(articles), gr.Dropdown(choices=choices, value=None),
                message or f"{len(articles)} articles indexed.", ui_render.folder_changes_note(changes))

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

    def rescan(self, progress: gr.Progress = _PROGRESS) -> tuple:
        """Index what changed in the corpus folder since the last sync (files copied in, edited, removed)."""
        report = self._sync(progress)
        for skipped in report.skipped:
            if PurePosixPath(skipped["path"]).name.lower().startswith("readme"):
                continue  # a folder's README is never an article; no need to say so each time
            gr.Warning(escape(f"{skipped['path']} was not indexed: {skipped['reason']}"))
        return self.refresh(
            f"Rescanned the folder: {report.added} added, {report.updated} updated, {report.renamed} renamed, "
            f"{report.removed} removed; {report.embedded} passages embedded."
        )

    def ask_delete(self, source: str | None) -> tuple:
        """Ask before deleting: the file leaves the corpus folder, not only the index."""
        if not source:
            gr.Warning("Pick an article to delete first.")
            return gr.Row(visible=False), ""
        titles = {a["source"]: a["title"] for a in self.engine.articles()}
        title = titles.get(source, source)
        return gr.Row(visible=True), (
            f"Delete **{escape(title)}** (`{source.replace('`', '')}`)? This removes the file from the "
            "corpus folder and its passages from the index; citations of it stop opening."
        )

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

    def _sync(self, progress: gr.Progress | None) -> SyncReport:
        def report(step: SyncProgress) -> None:
            if progress is None or not step.files_total:
                return
            files = f"indexing {step.files_total} changed file{'s' if step.files_total > 1 else ''}"
            if step.passages is not None:  # every changed file is chunked: the passages left are known
                desc = f"{files}: {step.embedded:,} of {step.passages:,} passages embedded"
            elif not step.embedded:
                desc = f"{files}: reading and chunking…"
            else:
                desc = f"{files}: {step.files_done} done, {step.embedded:,} passages embedded"
            progress(step.fraction, desc=desc)  # the bar moves per slice of passages, even in one file

        if progress is not None:
            progress(0, desc="reading the folder…")
        try:
            result = self.engine.sync(progress=report)
        except Exception as exc:  # noqa: BLE001
            raise _ui_error(exc, "indexing the library") from None
        self._skipped = {s["path"] for s in result.skipped}
        self._synced_at = time.time()
        return result


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
