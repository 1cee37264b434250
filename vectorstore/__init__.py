"""Ingest side of citeqa: clean, chunk and embed a folder of articles into a local Chroma store."""

from vectorstore.errors import CiteQAError, CorpusError, QuestionError, SettingsError, StoreError
from vectorstore.settings import Settings

__all__ = ["CiteQAError", "CorpusError", "QuestionError", "Settings", "SettingsError", "StoreError"]
