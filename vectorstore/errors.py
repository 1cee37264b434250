"""Typed errors for citeqa; every message says what went wrong and how to fix it."""

from __future__ import annotations


class CiteQAError(Exception):
    """Base of every error citeqa raises on purpose; the CLI prints it and exits 2."""


class SettingsError(CiteQAError):
    """A setting (environment variable or flag) has a value citeqa cannot use."""


class QuestionError(CiteQAError):
    """The question cannot be asked as given (empty, too long)."""


class CorpusError(CiteQAError):
    """The corpus folder is missing or unusable."""


class StoreError(CiteQAError):
    """The index under the data directory is missing, unreadable or inconsistent."""
