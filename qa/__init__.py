"""citeqa: ask questions of a folder of news articles and get answers with exact, checkable citations.

    from qa import QA
    with QA.open() as engine:
        answer = engine.ask("Who announced that the US combat mission in Iraq had ended?")

Every error raised on purpose is a CiteQAError (the tree is documented in vectorstore.errors).
QA, AnswerStream, SyncReport and SyncProgress are imported on first use, so `import qa` (and every CLI
verb that does not answer questions) does not load llama-index and Chroma.
"""

from __future__ import annotations

import importlib
import typing

from qa.types import Answer, Citation, Sentence
from vectorstore.errors import (
    CiteQAError,
    CorpusError,
    LibraryError,
    LLMAuthError,
    LLMBusyError,
    LLMError,
    LLMModelError,
    LLMPromptError,
    LLMServerError,
    LLMTimeoutError,
    LLMUnreachableError,
    QuestionError,
    QuestionFileError,
    SettingsError,
    StoreError,
    UploadError,
)
from vectorstore.settings import Settings

if typing.TYPE_CHECKING:
    from qa.engine import QA, AnswerStream
    from vectorstore.ingest import SyncProgress, SyncReport

_LAZY = {"QA": "qa.engine", "AnswerStream": "qa.engine", "SyncReport": "vectorstore.ingest",
         "SyncProgress": "vectorstore.ingest"}

__all__ = [
    "QA",
    "Answer",
    "AnswerStream",
    "Citation",
    "CiteQAError",
    "CorpusError",
    "LLMAuthError",
    "LLMBusyError",
    "LLMError",
    "LLMModelError",
    "LLMPromptError",
    "LLMServerError",
    "LLMTimeoutError",
    "LLMUnreachableError",
    "LibraryError",
    "QuestionError",
    "QuestionFileError",
    "Sentence",
    "Settings",
    "SettingsError",
    "StoreError",
    "SyncProgress",
    "SyncReport",
    "UploadError",
]


def __getattr__(name: str) -> typing.Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'qa' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
