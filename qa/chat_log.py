"""A chat conversation as the browser keeps it: turns as plain JSON, and its Markdown export.

The browser stores the conversation (gradio's BrowserState, per browser); a turn is
{"question": str, "answer": stored(answer)}, so a reload gets back every answer with its citations;
the browser encrypts it with browser_secret(), kept beside the index.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qa.types import Answer, Citation, Sentence

Turn = dict[str, Any]

_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\([^)\s]+\)")


def plain_text(text: str) -> str:
    """Text without Markdown markup (heading marks, bold, inline links) for titles, quotes and answers.

    Only display changes: citation offsets keep indexing the file as it is on disk.
    """
    return _LINK.sub(r"\1", _EMPHASIS.sub(r"\2", _HEADING.sub("", text)))


def stored(answer: Answer) -> dict[str, Any]:
    """An Answer as JSON the browser can keep (Answer.to_dict plus what was searched)."""
    return {**answer.to_dict(), "searched": answer.searched}


def restored(data: dict[str, Any]) -> Answer:
    """The Answer back from stored(); raises KeyError/TypeError/ValueError on anything else."""
    return Answer(
        question=str(data["question"]),
        text=str(data["answer"]),
        abstained=bool(data["abstained"]),
        citations=tuple(Citation(**c) for c in data.get("citations", [])),
        related=tuple(Citation(**c) for c in data.get("related", [])),
        timings_ms=dict(data.get("timings_ms", {})),
        searched=str(data.get("searched", "")),
        mode=str(data.get("mode", "extractive")),
        sentences=tuple(
            Sentence(s["text"], tuple(s["citations"]), bool(s["verified"]), float(s.get("support", 1.0)))
            for s in data.get("sentences", [])
        ),
        warnings=tuple(data.get("warnings", [])),
        short=data.get("short"),
    )


def answers(turns: Sequence[Turn] | None) -> list[Answer]:
    """The conversation's answers, oldest first; a browser's stored value that does not parse is dropped."""
    out = []
    for turn in turns or []:
        try:
            out.append(restored(turn["answer"]))
        except (KeyError, TypeError, ValueError):
            return []  # another version's format: start afresh rather than show half a conversation
    return out


def to_markdown(conversation: Sequence[Answer]) -> str:
    """The conversation as Markdown: each question, its answer and every citation (title, file, quote,
    character offsets in the file)."""
    lines = ["# citeqa conversation", ""]
    for n, answer in enumerate(conversation, 1):
        lines += [f"## Q{n}: {answer.question}", ""]
        if answer.searched and answer.searched != answer.question:
            lines += [f"_searched for: {answer.searched}_", ""]
        if answer.short:
            lines += [f"**{plain_text(answer.short)}**", ""]
        lines += [plain_text(answer.text), ""]
        shown = answer.citations or answer.related
        if shown:
            lines += ["Sources:" if answer.citations else "Related passages (not an answer):", ""]
        for c in shown:
            quote = " ".join(plain_text(c.quote).split())
            lines.append(f"{c.id}. {plain_text(c.title)} — `{c.source}` (characters {c.start}–{c.end})")
            lines.append(f"   > {quote}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def browser_secret(data_dir: Path) -> str | None:
    """The key the browser's copy of the conversation is encrypted with, kept beside the index so a
    restarted server still reads it; None (a key per run) when the folder is not writable."""
    path = data_dir / "ui-secret"
    try:
        if not path.exists():
            data_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(16))
        return path.read_text().strip() or None
    except OSError:
        return None
