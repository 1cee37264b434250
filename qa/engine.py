"""QA: the public entry point, wiring store, retriever and answerer together (one wiring function)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence

from llama_index.core.schema import QueryBundle

from qa.conversation import leans_on_history, standalone_query
from qa.cues import name_spans
from qa.draft import Draft
from qa.encode_cache import CachedEncoder
from qa.extractive import ExtractiveAnswerer
from qa.generative import GenerativeAnswerer
from qa.question import analyse
from qa.retrieve import HybridRetriever, neighbours, openings, to_passages
from qa.rwlock import ReadWriteLock
from qa.types import Answer, Passage
from vectorstore.errors import QuestionError, StoreError
from vectorstore.index import Index
from vectorstore.ingest import Progress, SyncReport, sync_folder
from vectorstore.readers import format_of
from vectorstore.settings import Settings
from vectorstore.texts import indexed_text


class QA:
    """Ask questions of an indexed folder of articles; every answer cites exact passages."""

    def __init__(self, settings: Settings, index: Index, retriever: HybridRetriever,
                 answerer: ExtractiveAnswerer, generator: GenerativeAnswerer | None = None) -> None:
        self.settings = settings
        self._index = index
        self._retriever = retriever
        self._answerer = answerer
        self._generator = generator  # set in LLM mode
        self._lock = ReadWriteLock()

    @classmethod
    def open(cls, settings: Settings | None = None) -> QA:
        """Open the index under settings.data_dir, indexing settings.corpus first when there is none."""
        settings = settings or Settings.from_env()
        if not Index.exists(settings) and not settings.corpus.is_dir():
            raise StoreError(
                f"no index at {settings.data_dir} and no corpus folder at {settings.corpus} — "
                "run `citeqa ingest FOLDER` or set CITEQA_CORPUS to your articles' folder"
            )
        fresh = not Index.exists(settings)
        index = Index.open(settings)
        if fresh:
            sync_folder(index)
        retriever = HybridRetriever(index, top_k=settings.top_k, fusion=settings.fusion)
        encode = CachedEncoder(index.embed_model.encode)
        answerer = ExtractiveAnswerer(encode, index.catalog, text_of=_file_reader(settings))
        generator = None
        if settings.mode == "llm":
            from qa.llm import MAX_TOKENS, open_chat_model
            from qa.verify import Verifier

            generator = GenerativeAnswerer(open_chat_model(settings), Verifier(encode), answerer,
                                           settings.llm_context, MAX_TOKENS, settings.show_unverified)
        return cls(settings, index, retriever, answerer, generator)

    def ask(self, question: str) -> Answer:
        """Answer one question from the articles, or abstain and show the closest passages."""
        if self._generator is not None:
            return _last(self.stream(question))  # stream() validates
        question = self._validated(question)
        return self._answer(question, question)

    def chat(self, question: str, history: Sequence[str] = ()) -> Answer:
        """Answer a question in a conversation; history is the earlier user turns, oldest first.

        Answer.searched is the standalone query that was actually searched.
        """
        if self._generator is not None:
            return _last(self.stream(question, history))  # stream() validates
        question = self._validated(question)
        return self._answer(question, self._standalone(history, question))

    def _standalone(self, history: Sequence[str], question: str) -> str:
        """The follow-up as a standalone query; a pronoun becomes the previous answer's lead name."""
        turns = [turn for turn in history if turn and turn.strip()]
        if not leans_on_history(turns, question):
            return question
        previous = self._answer(turns[-1], self._standalone(turns[:-1], turns[-1]))
        subject = previous.short if previous.short and name_spans(previous.short) else None
        return standalone_query(turns, question, subject)

    def stream(self, question: str, history: Sequence[str] = ()) -> Iterator[str | Answer]:
        """Text deltas as the answer is written, then the final (verified) Answer.

        In LLM mode the deltas are the model's raw words; the Answer keeps only verified sentences.
        """
        question = self._validated(question)
        if self._generator is None:
            answer = self._answer(question, self._standalone(history, question))
            yield answer.text
            yield answer
            return
        started = time.perf_counter()
        query, notes = self._generator.rewrite(history, question)
        with self._lock.reading():
            passages = self._passages(query)
        retrieved = time.perf_counter()
        draft: Draft | None = None
        for item in self._generator.stream(query, passages):  # the LLM needs no lock: passages are copies
            if isinstance(item, str):
                yield item
            else:
                draft = item
        assert draft is not None
        yield _to_answer(question, query, draft, (started, retrieved, time.perf_counter()), notes)

    def _answer(self, question: str, query: str) -> Answer:
        started = time.perf_counter()
        with self._lock.reading():
            passages = self._passages(query)
            retrieved = time.perf_counter()
            draft = self._answerer.answer(query, passages)
        return _to_answer(question, query, draft, (started, retrieved, time.perf_counter()))

    def _passages(self, query: str) -> list[Passage]:
        """What an answer is written from: the retrieved passages and the chunks beside the best ones;
        for a comparison, each side retrieved on its own; for an overview, each article's opening too."""
        q = analyse(query)
        passages = self.retrieve(query)
        if q.kind == "comparison" and q.sides:
            rest = " ".join(w for w in query.split() if not any(w in side for side in q.sides))
            for side in q.sides:
                passages += self.retrieve(f"{side} {rest}")
        passages = list({p.chunk_id: p for p in passages}.values())
        extra = neighbours(self._index, passages)
        if q.kind == "overview":
            extra += openings(self._index, [p.source for p in passages], limit=5, everything=not q.event)
        return passages + [p for p in extra if p.chunk_id not in {x.chunk_id for x in passages}]

    def retrieve(self, query: str) -> list[Passage]:
        """The passages hybrid retrieval returns for a query, best first."""
        return to_passages(self._retriever.retrieve(QueryBundle(query)))

    def sync(self, progress: Progress | None = None) -> SyncReport:
        """Bring the index in line with the corpus folder (incremental)."""
        with self._lock.writing():
            return sync_folder(self._index, progress)

    def articles(self) -> list[dict]:
        """The indexed articles: path, title, chunks, size, when indexed."""
        return [
            {"source": r.path, "title": r.title, "chunks": r.chunks, "size": r.size,
             "indexed_at": r.indexed_at, "format": format_of(r.path)}
            for r in self._index.catalog.files().values()
        ]

    def source_text(self, source: str) -> str:
        """The text every citation of source indexes: source_text(c.source)[c.start:c.end] == c.quote.

        For a UTF-8 .txt or .md file it is the file's text; for a page, PDF or DOCX, the extracted text.
        """
        record = self._index.catalog.files().get(source)
        if record is None or not record.sha256:
            raise StoreError(f"{source!r} is not an indexed article — pick one the library lists")
        return indexed_text(self.settings.data_dir, self.settings.corpus, source, record.sha256)

    def close(self) -> None:
        self._index.close()

    def _validated(self, question: str) -> str:
        return validate_question(question, self.settings)


def _to_answer(question: str, query: str, draft: Draft, times: tuple[float, float, float],
               notes: tuple[str, ...] = ()) -> Answer:
    """The public Answer for a draft of either answerer; times are (started, retrieved, done)."""
    started, retrieved, done = times
    return Answer(
        question=question,
        text=draft.text,
        abstained=draft.abstained,
        citations=draft.citations,
        related=draft.related,
        timings_ms={
            "retrieve": round((retrieved - started) * 1000, 1),
            "answer": round((done - retrieved) * 1000, 1),
            "total": round((done - started) * 1000, 1),
        },
        searched=query,
        mode=draft.mode,
        sentences=draft.sentences,
        warnings=notes + draft.warnings,
        short=draft.short,
    )


def _last(items: Iterator[str | Answer]) -> Answer:
    answer = None
    for item in items:
        answer = item
    assert isinstance(answer, Answer)
    return answer


def _file_reader(settings: Settings) -> Callable[[str], str]:
    """The text a citation of a source indexes (the file, UTF-8), for quotes that grow past a chunk."""
    def read(source: str) -> str:
        return (settings.corpus / source).read_bytes().decode("utf-8")
    return read


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # terminal escapes pasted along with a question
# control characters and bidi overrides (text that displays differently from what it says)
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def validate_question(question: str, settings: Settings) -> str:
    """The question with its white space folded, or a QuestionError that says what to change."""
    if isinstance(question, str):
        question = _UNPRINTABLE.sub(" ", _ANSI.sub(" ", question))
    if not isinstance(question, str) or not question.strip():
        raise QuestionError("the question is empty — type a question about the articles")
    question = " ".join(question.split())
    limit = settings.max_question_chars
    if len(question) > limit:
        raise QuestionError(f"the question is {len(question):,} characters; the limit is {limit:,} — shorten it")
    return question



