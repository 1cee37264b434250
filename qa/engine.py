"""QA: the public entry point, wiring store, retriever and answerer together (one wiring function)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import TYPE_CHECKING, Self

from llama_index.core.schema import QueryBundle

from qa.conversation import leans_on_history, standalone_query
from qa.cues import looks_like_person, name_spans, person_core
from qa.draft import Draft
from qa.encode_cache import CachedEncoder
from qa.extractive import ExtractiveAnswerer
from qa.question import analyse
from qa.retrieve import HybridRetriever, neighbours, openings, to_passages
from qa.rwlock import ReadWriteLock
from qa.types import Answer, Passage
from vectorstore.errors import QuestionError, StoreError
from vectorstore.index import Index
from vectorstore.ingest import Progress, SyncReport, resume, sync_folder
from vectorstore.readers import format_of
from vectorstore.settings import Settings
from vectorstore.texts import indexed_text
from vectorstore.tokens import tokenize

if TYPE_CHECKING:  # the LLM path is imported only in LLM mode (QA.open)
    from qa.generative import GenerativeAnswerer


class AnswerStream:
    """One answer being written (simonw/llm's Response is the model): iterate it for text deltas, then ask
    .answer() for the final Answer; .answer() alone runs it to the end. Iterating again yields nothing."""

    def __init__(self, writer: Generator[str, None, Answer]) -> None:
        self._writer = writer
        self._answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        while self._answer is None:
            try:
                delta = next(self._writer)
            except StopIteration as finished:
                self._answer = finished.value
                return
            yield delta

    @property
    def done(self) -> bool:
        """Whether the answer is complete (every delta has been read)."""
        return self._answer is not None

    def answer(self) -> Answer:
        """The final, verified Answer (reading whatever deltas are left)."""
        for _ in self:
            pass
        assert self._answer is not None
        return self._answer


FOLLOW_UP_TURNS = 3


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
        try:
            if fresh:
                sync_folder(index)
            else:
                resume(index)
        except BaseException:
            index.close()
            raise
        encode = CachedEncoder(index.embed_model.encode)
        retriever = HybridRetriever(index, top_k=settings.top_k, fusion=settings.fusion, encode=encode)
        answerer = ExtractiveAnswerer(encode, index.stats, text_of=_text_of(index))
        generator = None
        if settings.mode == "llm":
            from qa.generative import GenerativeAnswerer
            from qa.llm import MAX_TOKENS, open_chat_model
            from qa.verify import Verifier

            generator = GenerativeAnswerer(open_chat_model(settings), Verifier(encode), answerer,
                                           settings.llm_context, MAX_TOKENS, settings.show_unverified)
        return cls(settings, index, retriever, answerer, generator)

    def ask(self, question: str) -> Answer:
        """Answer one question from the articles, or abstain and show the closest passages."""
        return self.stream(question).answer()

    def chat(self, question: str, history: Sequence[str] = ()) -> Answer:
        """Answer a question in a conversation; history is the earlier user turns, oldest first.

        Answer.searched is the standalone query that was actually searched.
        """
        return self.stream(question, history).answer()

    def _standalone(self, history: Sequence[str], question: str) -> str:
        """The follow-up as a standalone query; a pronoun becomes the previous answer's lead name."""
        return self._resolved(history, question)[0]

    def _resolved(self, history: Sequence[str], question: str) -> tuple[str, str | None]:
        """The standalone query and the subject a pronoun in it stands for: the last answer's lead name,
        else the subject the turn before was about ("who leads X" → "what did he say" → "when was that")."""
        # the last few turns are enough to resolve "he"; a long chat does not re-answer all of them
        turns = [turn for turn in history if turn and turn.strip()][-FOLLOW_UP_TURNS:]
        if not leans_on_history(turns, question):
            return question, None
        before, subject = self._resolved(turns[:-1], turns[-1])
        previous = self._answer(turns[-1], before)
        holder = _role_holder(turns[-1], previous)
        if previous.short and name_spans(previous.short):
            subject = previous.short
        elif holder:
            subject = holder
        elif subject is None:
            # "What did Maria Lopez say?" (no lead) → "what is her job"; "did the guide survive" → "how old is he"
            subject = _named(turns[-1]) or _role_asked(turns[-1], question)
        return standalone_query(turns, question, subject), subject

    def stream(self, question: str, history: Sequence[str] = ()) -> AnswerStream:
        """The answer as it is written: iterate for text deltas, then call .answer() for the final Answer.

        The question is checked now (QuestionError). In LLM mode the deltas are the model's raw words and
        the Answer keeps only verified sentences; in extractive mode the one delta is the answer's text.
        """
        question = self._validated(question)
        return AnswerStream(self._write(question, history))

    def _write(self, question: str, history: Sequence[str]) -> Generator[str, None, Answer]:
        if self._generator is None:
            answer = self._answer(question, self._standalone(history, question))
            yield answer.text
            return answer
        started = time.perf_counter()
        query, notes = self._generator.rewrite(history, question)
        with self._lock.reading():
            passages = self._passages(query)
        retrieved = time.perf_counter()
        # the LLM needs no lock: passages are copies
        draft = yield from self._generator.stream(query, passages)
        return _to_answer(question, query, draft, (started, retrieved, time.perf_counter()), notes)

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
        """Bring the index in line with the corpus folder (incremental).

        Questions go on meanwhile: files are read and embedded with no lock held, and the write lock is
        taken only while each finished batch is written, so an answer sees the index before or after it.
        """
        return sync_folder(self._index, progress, visible=self._lock.writing)

    def articles(self) -> list[dict]:
        """The indexed articles: path, title, chunks, size, when indexed, and status ("indexed", or
        "pending" while a sync has not finished embedding it)."""
        return [
            {"source": r.path, "title": r.title, "chunks": r.chunks, "size": r.size,
             "indexed_at": r.indexed_at, "status": "indexed" if r.sha256 else "pending",
             "format": format_of(r.path)}
            for r in self._index.files().values()
        ]

    def source_text(self, source: str) -> str:
        """The text every citation of source indexes: source_text(c.source)[c.start:c.end] == c.quote.

        For a UTF-8 .txt or .md file it is the file's text; for a page, PDF or DOCX, the extracted text.
        """
        return _source_text(self._index, source)

    def close(self) -> None:
        """Release the index (files, Chroma client); `with QA.open() as qa:` calls it for you."""
        self._index.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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


def _source_text(index: Index, source: str) -> str:
    """The extracted text kept for an indexed source (QA.source_text)."""
    record = index.files().get(source)
    if record is None or not record.sha256:
        raise StoreError(f"{source!r} is not an indexed article — pick one the library lists")
    return indexed_text(index.settings.data_dir, index.settings.corpus, source, record.sha256)


def _text_of(index: Index) -> Callable[[str], str]:
    """The text a citation of a source indexes, for quotes that grow past a chunk ("" once it is gone)."""
    def read(source: str) -> str:
        try:
            return _source_text(index, source)
        except StoreError:
            return ""
    return read


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # terminal escapes pasted along with a question
# control characters, bidi overrides (text that displays differently from what it says) and lone
# surrogates: a byte the shell could not decode (argv's surrogateescape) or a "\ud800" sent as JSON
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean_question(question: str) -> str:
    """The question with escapes, control characters and lone surrogates removed and white space folded."""
    return " ".join(_UNPRINTABLE.sub(" ", _ANSI.sub(" ", question)).split())


def validate_question(question: str, settings: Settings) -> str:
    """The cleaned question (clean_question), or a QuestionError that says what to change."""
    question = clean_question(question) if isinstance(question, str) else ""
    if not question:
        raise QuestionError("the question is empty — type a question about the articles")
    limit = settings.max_question_chars
    if len(question) > limit:
        raise QuestionError(f"the question is {len(question):,} characters; the limit is {limit:,} — shorten it")
    return question


def _role_holder(turn: str, answer: Answer) -> str | None:
    """The person the answer's quotes name beside a role the question asked about ("according to the
    company's chief operating officer" → "…'s chief operating officer, Ana Soto, 52"): who "she" is next."""
    roles = set(tokenize(" ".join(_ROLE_WORDS.findall(turn))))
    if not roles:
        return None
    for citation in answer.citations:
        quote = citation.quote
        for start, end in name_spans(quote):
            near = set(tokenize(quote[max(0, start - ROLE_REACH):end + ROLE_REACH]))
            if looks_like_person(quote, start, end) and near & roles:
                return quote[slice(*person_core(quote, start, end))]
    return None


def _role_asked(turn: str, question: str) -> str | None:
    """For "he"/"she" after a question about someone named by role only ("did the mountain guide survive"):
    that role ("the mountain guide")."""
    if not _HE_OR_SHE.search(question):
        return None
    role = re.search(rf"\bthe\s+((?:[a-z]+\s+)?{_ROLE_WORDS.pattern})", turn, re.IGNORECASE)
    return f"the {role.group(1)}" if role else None


_HE_OR_SHE = re.compile(r"\b(?:he|she|him|her|his)\b", re.IGNORECASE)
ROLE_REACH = 30  # characters either side of a name in which its role is written
# the words of a role a question may name someone by ("the chief operating officer", "the guide")
_ROLE_WORDS = re.compile(r"\b(?:officer|executive|chief|director|president|chairman|chairwoman|minister|spokesman|"
                         r"spokeswoman|spokesperson|secretary|mayor|governor|judge|commander|manager|coach|guide|"
                         r"leader|head|founder|lawyer|prosecutor|adviser|advisor|inspector|captain)\b", re.IGNORECASE)


def _named(turn: str) -> str | None:
    """The first name a question was about: a person's, or a name of two or more words ("the Velorian
    Relief Committee"); not a lone capitalised word ("Iraqi")."""
    for start, end in name_spans(turn):
        if looks_like_person(turn, start, end) or len(turn[start:end].split()) >= 2:
            return turn[start:end]
    return None
