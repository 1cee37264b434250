"""The browser chat: the only module that imports gradio."""

from __future__ import annotations

import html
import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import gradio as gr  # noqa: E402

from qa.engine import QA  # noqa: E402
from qa.types import Answer  # noqa: E402
from vectorstore.errors import CiteQAError  # noqa: E402
from vectorstore.settings import Settings  # noqa: E402

EXAMPLES = [
    "Who announced that the US combat mission in Iraq had ended?",
    "How many US troops are in Iraq?",
    "Who is the spokesman of the Nujaba movement?",
]


def render_answer(answer: Answer) -> str:
    """Markdown for one answer: its text with [n] markers, then the numbered sources; all article text escaped."""
    lines = [html.escape(answer.text)]
    shown = answer.citations or answer.related
    if shown:
        lines.append("\n**Sources**" if answer.citations else "\n**Closest passages** (not an answer)")
    for c in shown:
        lines.append(
            f"\n[{c.id}] **{html.escape(c.title)}** — `{html.escape(c.source)}`\n"
            f"> {html.escape(c.quote)}"
        )
    return "\n".join(lines)


def build_app(engine: QA) -> gr.ChatInterface:
    """A chat whose answers list their sources (file name, title, quote) under them."""

    def respond(message: str, history: list) -> str:
        try:
            return render_answer(engine.ask(message))
        except CiteQAError as exc:
            raise gr.Error(str(exc)) from None

    return gr.ChatInterface(
        respond,
        title="citeqa",
        description="Ask the articles a question. Every answer cites the exact passages it comes from.",
        examples=EXAMPLES,
        cache_examples=False,
        flagging_mode="never",
        analytics_enabled=False,
    )


def launch(engine: QA, settings: Settings) -> None:
    """Serve the chat on settings.host:settings.port until interrupted."""
    build_app(engine).queue(default_concurrency_limit=4).launch(
        server_name=settings.host, server_port=settings.port, show_error=True, quiet=False
    )
