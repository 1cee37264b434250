"""citeqa: ask questions of a folder of news articles and get answers with exact, checkable citations.

    from qa import QA
    engine = QA.open()
    answer = engine.ask("Who announced that the US combat mission in Iraq had ended?")
"""

from qa.engine import QA
from qa.types import Answer, Citation, Sentence
from vectorstore.errors import CiteQAError, CorpusError, QuestionError, SettingsError, StoreError
from vectorstore.ingest import SyncReport
from vectorstore.settings import Settings

__all__ = [
    "QA",
    "Answer",
    "Citation",
    "CiteQAError",
    "CorpusError",
    "QuestionError",
    "Sentence",
    "Settings",
    "SettingsError",
    "StoreError",
    "SyncReport",
]
