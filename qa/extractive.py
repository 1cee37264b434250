"""The default answerer: find the sentences that describe the asked event, take the answer from them, and
abstain when the articles discuss the event but never give the asked detail.

Every sentence is scored once (meaning, event-term coverage, the asked slot); qa.compose then shapes the
answer by the kind of question (a lead span then evidence, a list, a comparison, a digest).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from qa import compose, inflections, neighbours, synonyms
from qa.cues import (
    blames,
    cause_unknown,
    deeds,
    gives_no_reason,
    hedged,
    is_hedge,
    left_open,
    name_spans,
    past_from,
    slot_spans,
    states_reason,
    title_cased,
    withholds_name,
)
from qa.draft import Draft
from qa.injection import addresses_assistant
from qa.question import (
    COUNT_WORDS,
    Question,
    alike_words,
    analyse,
    asked_deed,
    asks_what_was_told,
    dated_deed,
    harm_words,
    months_in,
    relative_times,
    weekdays_in,
    years_in,
)
from qa.types import Citation, Passage, Sentence
from vectorstore.embed import common_words
from vectorstore.sentences import sentence_spans
from vectorstore.tokens import tokenize

NOT_FOUND = "I couldn't find this in the articles."
# Calibrated on the development set (eval/questions.jsonl); the held-out set only reports them.
MIN_RELEVANCE = 0.26  # below this the best sentence is not about the question at all
MIN_EVENT = 0.08  # the share of the question's event terms (IDF-weighted) the best context must hold
EVENT_BAND = 0.15  # sentences within this much relevance of the best describe the asked event
TITLE_PENALTY = 0.1
CLOSE_MEANING = 0.65
SEPARATE_EVENT = 0.8  # a "Separately, …" sentence needs this much of the event's words itself
SLOT_BAND = 0.2  # a slot may come from a sentence this close to the best …
SLOT_CONTEXT = 0.7  # … that holds at least this share of the best sentence's event coverage
COUNT_MEANING = 0.45  # … or, for a count, a number in the best sentence, when it is this close in meaning
COUNT_LEAD = 0.05  # … and no sentence near it is closer in meaning by more than this
_MEASURES = ("fraction", "money")  # asked measures whose unit alone marks the sentence giving them
LOOSE_MEANING = 0.6  # a sentence this close in meaning describes the event though it shares none of its words
FOLLOWING_MEANING = 0.35  # … or from the next sentence, when it is about the question in its own words
_COUNT_NOUNS = COUNT_WORDS | frozenset(tokenize("tally"))  # "have not given an exact count"
QUOTE_REACH = 2  # sentences a speaker goes on speaking in, after the one naming them
HEDGE_REACH = 5  # a hedge about the asked noun among this many best sentences says it is not known
OTHER_DATE = 0.1  # a sentence dated another year (or weekday) than the asked one ("the 2019 race" for "in 2021") loses this


_SEPARATE = re.compile(r"^\W*(?:separately|elsewhere|in (?:a|another) separate|in other news|in an unrelated)\b",
                       re.IGNORECASE)
# "where does X work/live": the sentence says where without the verb ("X, a surgeon at the Y Clinic")
_WHEREABOUTS = frozenset(tokenize("work works worked working live lives lived living based"))
# words that date the asked event and say nothing of which event it is ("the last election")
_TIME_WORDS = frozenset(tokenize("last next latest recent current former previous"))
# a count in a forecast's clause ("expects it to carry 20,000 a day"), and a question that asks for one
_FORECAST = re.compile(r"\b(?:expects?|expected|forecasts?|projected|projects|predicts?|predicted|will|would|"
                       r"aims?|hopes?|targets?|estimated to reach)\b", re.IGNORECASE)
# "said it would cut 85 jobs": a plan announced, the news itself, not a forecast
_ANNOUNCED_PLAN = re.compile(r"\b(?:said|says|announced|confirmed)\s+(?:on \w+\s+)?(?:that\s+)?(?:[\w’'-]+\s+){1,3}?"
                            r"(?:would|will)\b", re.IGNORECASE)
_NOT_DONE = re.compile(r"\b(?:not|never|no longer|refus\w*|declin\w*|withh\w*)\b|n[’']t\b", re.IGNORECASE)
_FORECAST_ASKED = re.compile(r"\b(?:will|would|could|may|might|going to|new|expect\w*|forecast\w*|project\w*|predict\w*|"
                             r"plan\w*|aim\w*|hope\w*|target\w*|estimate\w*)\b", re.IGNORECASE)
# "which analyst said …" describes a person by a role; "who is the leader of X" asks for that role's holder
_WHICH = re.compile(r"^\W*(?:which|what)\b", re.IGNORECASE)
SUM_REACH = 60  # characters either side of a sum in which the word saying what it is stands
# sums told with their own words: a person's pay ("earns 180,000 crowns a year"), a share price ("shares traded
# at 41 crowns"), not any sum in a sentence on the person or the firm
_SUM_OF = (
    (re.compile(r"\b(?:salary|salaries|wages?|earn|earns|earned|income)\b", re.IGNORECASE),
     frozenset(tokenize("salary salaries wage wages earn earns earned earnings paid pay pays income"))),
    (re.compile(r"\b(?:share|stock) prices?\b", re.IGNORECASE), frozenset(tokenize("share shares stock price"))),
)
_NAME_ASKED = re.compile(r"\b(?:name|named|identity|who|whom|whose)\b", re.IGNORECASE)
_PRONOUN_OPENER = re.compile(r"^[“\"‘']?(?:he|she|they|his|her|their)\b", re.IGNORECASE)
# "when is the next round": a sentence on the last (or a past) one, and on no coming one, tells another event
_WHOLE_YEAR = re.compile(r"\b(?:this|last|next|a|per|each|the whole|the entire) year\b|\bso far\b|\bannual(?:ly)?\b",
                         re.IGNORECASE)
_COMING = re.compile(r"\b(?:next(?!\s+to\b)|upcoming|forthcoming)\b", re.IGNORECASE)  # not "next to the embassy"
_GONE = re.compile(r"\b(?:last|previous|past|latest|earlier|ago)\b", re.IGNORECASE)


class CorpusStats(Protocol):
    def idf(self, terms: list[str]) -> dict[str, float]: ...
    def has_term(self, term: str) -> bool: ...


Encoder = Callable[[list[str]], np.ndarray]
TextOf = Callable[[str], str]


@dataclass(eq=False)
class Candidate:
    """One sentence of a retrieved passage, with exact file offsets and its scores for this question."""

    passage: Passage
    start: int  # offsets into the source's text
    end: int
    text: str
    terms: frozenset[str]
    order: int  # position among this source's candidate sentences, by offset
    similarity: float = 0.0
    event: float = 0.0  # event-term coverage in the sentence itself
    context: float = 0.0  # event-term coverage counting the sentences around it, weighted within its article
    coverage: float = 0.0  # the same by corpus weights alone: whether the asked event is in the articles at all
    relevance: float = 0.0
    slots: list[tuple[int, int]] = field(default_factory=list)
    coref: Candidate | None = None  # the sentence just before, naming who "he"/"she"/"they" is
    side_similarity: tuple[float, ...] = ()  # for comparisons: meaning match to each side's own question
    near: frozenset[str] = frozenset()  # the terms of this sentence and the ones either side of it
    opposite: bool = False  # holds an asked verb only by its opposite ("rejected" for "did they accept")
    other_date: bool = False  # dated (by its own years or, naming none, its passage's; or by its weekdays) but not as asked

    @property
    def holds_slot(self) -> bool:
        return bool(self.slots) or self.coref is not None

    @property
    def source(self) -> str:
        return self.passage.source


class ExtractiveAnswerer:
    """Scores sentences by meaning and event coverage, then answers by the question's kind, or abstains."""

    def __init__(self, encode: Encoder, stats: CorpusStats, text_of: TextOf | None = None) -> None:
        self._encode = encode
        self._stats = stats
        self._text_of = text_of

    def answer(self, question: str, passages: list[Passage]) -> Draft:
        q = analyse(question)
        candidates = self._score(q, passages)
        # a headline is context, not evidence, when the body says more
        ranked = sorted(candidates, key=lambda c: -(c.relevance - TITLE_PENALTY * _is_headline(c)))
        if not ranked:
            return _abstain(())
        if q.kind == "overview":
            return self._finish(q, compose.overview(q, candidates), ranked)
        unknown = self._unknown_entities(q)
        best = ranked[0]
        best_count = functools.cache(lambda: self._closest_count(q, best.text))  # read at most once, when asked
        # the event's words, or, for a sentence very close in meaning, its own words for them ("choppers")
        # … or, for a count, a number standing with the asked noun in a sentence this close in meaning, or one
        # counting another noun when the sentence names no asked one ("80 beds" for "how many patients")
        paraphrased = best.similarity >= LOOSE_MEANING or (
            q.slot == "number" and (bool(q.focus) or q.subkind == "duration")
            and best.similarity >= COUNT_MEANING and (bool(best.slots) or bool(best_count())))
        # whether the asked event is in the articles at all is told by the corpus's weights too: the best's relevance
        # by those, when they weigh its words higher than its article's weights do
        topical = best.relevance + 0.5 * max(0.0, best.coverage - best.context)
        if unknown or (topical < MIN_RELEVANCE or max(best.context, best.coverage) < MIN_EVENT) and not paraphrased:
            return _abstain(ranked)
        band = [c for c in ranked if c.relevance >= best.relevance - EVENT_BAND]
        if not paraphrased and self._only_names_met(q, band):
            return _abstain(ranked)  # "who coaches the X football club": X is a dateline, nothing else is there
        if q.slot and q.kind != "list":
            # the slot must come from a sentence describing the asked event
            anchors = set(q.event) - q.known_terms - _TIME_WORDS
            anchors = anchors - q.own_names or anchors  # a name alone does not pin its event (a firm's revenue for its settlement)
            # … nor the asked deed alone: "who won the mayoral election" is not answered by whoever won a stage
            # (a year or an ordinal, "93rd", is no other word of the event: snippets often leave it out)
            undone = anchors - {asked_deed(q)}
            anchors = undone if any(not t[:1].isdigit() for t in undone) else anchors
            if q.slot == "place":
                anchors -= _WHEREABOUTS
            # "when did X arrive": a date from a sentence that does not tell the arrival is another deed's ("left
            # port at 10:40 p.m." for "when did the cutter reach it")
            deed = dated_deed(q)
            band = [c for c in ranked if c.relevance >= best.relevance - SLOT_BAND
                    and _describes_as_much(c, best) and not _another_event(c) and (not deed or deed in c.terms)
                    and (not anchors or (anchors - q.measured) & _timed_alike(c, q.timed) or c is best and paraphrased
                         # "what age is X": a sentence giving an age meets "age" by that alone, so it must be
                         # in the best's article ("Luis Carvalho, 38," in another is someone else)
                         or anchors & q.measured & c.terms and c.source == best.source)]
            # … not used anywhere in the best's article: one that names the role elsewhere ("police detained the
            # ferry's captain but did not release his name") says who holds it is not told
            unused = q.slot == "person" and q.focus and not any(set(q.focus) & c.terms for c in band) and not any(
                _names_role(q, c.text) for c in ranked if c.source == best.source)
            if unused and _WHICH.match(q.text):
                # a role the sentences on the event do not use ("which think-tank analyst" for "a fellow with
                # the X foundation"): any person's name there may hold it
                anyone = dataclasses.replace(q, focus=())
                for c in band:
                    c.slots = c.slots or slot_spans(anyone, c.text)
            if not any(c.holds_slot for c in band):
                # a sentence very close in meaning may describe the event in other words ("the phones")
                band += [c for c in ranked if c.holds_slot and c.similarity >= CLOSE_MEANING
                         and c.relevance >= best.relevance - 2 * SLOT_BAND and c not in band and not _another_event(c)]
            if not any(c.holds_slot for c in band) and q.slot == "number" and q.focus:
                # a count of a thing told in other words ("how many people had to flee" / "6,200 residents were
                # evacuated"): the sentence near the best closest in meaning to the question, when it holds a count
                near = [c for c in ranked if c.relevance >= best.relevance - SLOT_BAND and not _another_event(c)]
                closest = max(near, key=lambda c: c.similarity)
                band += [closest] if closest.holds_slot and closest.similarity >= COUNT_MEANING else []
            if not any(c.holds_slot for c in band) and q.subkind in _MEASURES:
                # "what proportion is the central government funding": the one sentence near the best, in its
                # article, giving a share ("The national government is paying 60 percent of the cost") and
                # holding a word of the event gives it, though it words the rest otherwise
                measured = [c for c in ranked if c.relevance >= best.relevance - SLOT_BAND and c.source == best.source
                            and _figured(c.text, c.slots) and anchors & c.terms
                            and not _another_event(c)]
                band += measured if len(measured) == 1 else []
            if not any(c.holds_slot for c in band):
                # the sentence after the one describing the event often gives its detail ("… was bombed on
                # Monday. No one was hurt in the blast, shortly after 3 a.m.")
                # … after the best, or after the lede when it is next best ("A sinkhole opened on X Street early
                # on Tuesday …" then "The ground gave way at about 4:40 a.m.")
                leads = [best] + [c for c in ranked[1:2] if c.order == 1 and c.source == best.source]
                after = [n for c in leads for n in compose.following(c, ranked) if not _another_event(n)]
                told = [n for n in after if n.holds_slot and n.similarity >= FOLLOWING_MEANING][:1]
                for n in after if not told and q.slot == "number" and q.focus else ():
                    # … in its own words for the asked thing ("covering 61,000 rental units" for "how many apartments")
                    if not n.slots and n.similarity >= COUNT_MEANING and q.tells_harm(n.terms):
                        n.slots = self._closest_count(q, n.text)
                        if n.slots:
                            told = [n]
                            break
                band += told
            if not any(c.holds_slot for c in band) and q.slot == "number" and best.similarity >= COUNT_MEANING \
                    and q.tells_harm(best.terms) and not any(hedged(c.text) & set(q.focus) for c in ranked) \
                    and best.similarity >= max(c.similarity for c in ranked
                                               if c.relevance >= best.relevance - SLOT_BAND) - COUNT_LEAD:
                # "how many units …" for "three remaining sections": a sentence this close in meaning, and as
                # close as any near it, counts the asked thing in other words (unless one says the count of the
                # asked noun is not known: "did not say how many people …")
                best.slots = best_count()
                band = [best]
            leader = q.subkind == "leader"
            if not any(c.holds_slot for c in band) and q.slot == "person" and (q.focus or leader):
                # "who is the chief executive of X", "who runs X": the article on X names its holder beside the
                # role, in a sentence on something else ("…," chief executive Y, 52, told reporters); one who
                # leads X is named beside X's name ("said the relief group's director, Y")
                # … or, unnamed ("who leads the harbour board"), as the holder of its head role ("the board's
                # chairman")
                band = [c for c in ranked if c.source == best.source and c.holds_slot and set(q.focus) <= c.terms
                        and (q.own_names & c.terms if leader and q.own_names else
                             _heads(anchors, c.text) if leader else not anchors or anchors & c.terms)
                        and not _another_event(c)][:1]
            if not any(c.holds_slot for c in band):
                return _abstain(ranked)  # the event is there, the asked detail is not: a near-miss
        # "why is the office not saying the cost": "would not say …, citing an open tender" gives the reason
        hedge = is_hedge(best.text)
        withholding = q.kind == "why" and bool(_NOT_DONE.search(q.text)) and hedge and (
            states_reason(best.text) or compose.kept_back_reason(best, ranked) is not None)
        if hedge and not best.holds_slot and q.kind not in ("yes_no", "comparison") and not withholding:
            return _abstain(ranked)  # "it is not known who …" gives no answer; to "did they say who …" it is one
        if q.slot == "number" and hedged(best.text) & _COUNT_NOUNS and not _figured(best.text, best.slots):
            return _abstain(ranked)  # "hundreds of roofs were damaged but (they) have not given an exact count"
        if q.kind == "yes_no" and not asks_what_was_told(q.text) and _settled_nowhere(q, best, ranked):
            return _abstain(ranked)  # "will he need surgery": "His team did not yet know whether he would need surgery"
        if q.kind != "yes_no" and not withholding and self._hedged_beside(q, best, ranked):
            return _abstain(ranked)  # "… It did not say what sanctions the club might face."
        if _off_topic(q, band, ranked):
            return _abstain(ranked)  # "what did X say about Y": X speaks, but not about Y
        return self._finish(q, compose.choose(q, ranked, band), ranked)

    def _finish(self, q: Question, choice: compose.Choice | None, ranked: list[Candidate]) -> Draft:
        if choice is None or not choice.parts:
            return _abstain(ranked)
        return compose.render(q, choice, self._text_of)

    def _score(self, q: Question, passages: list[Passage]) -> list[Candidate]:
        candidates = _sentences(passages)
        if not candidates:
            return []
        counted: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())  # the articles' word, the asked
        if q.slot == "number" and q.focus and not any(set(q.focus) & c.terms for c in candidates):
            # "how many kids": the articles count "children"; their word for the asked thing is the focus
            words = [w for t, w in neighbours.plain_words(q.text).items() if t in q.focus]
            same = neighbours.kin(self._encode, words, (c.text for c in candidates)) - set(q.focus)
            same |= frozenset().union(*synonyms.asked(q.text, q.focus).values()) & frozenset().union(
                *(c.terms for c in candidates))
            if same:
                counted = (same, frozenset(q.focus) & frozenset(q.event))
                q = dataclasses.replace(q, focus=q.focus + tuple(sorted(same)))
        defined = acronyms(passages)
        roles = titles(passages)
        event = list(q.event)
        countries = [(forms, forms & set(event)) for forms in q.known]  # each form set, and its asked terms
        weekdays = set(q.weekdays)
        coming = bool(_COMING.search(q.text))
        # each asked harm term → its harm's words; each asked move of a figure, or attack, → its other words ("fall": dropped)
        told_otherwise = {t: harm_words((t,)) for t in q.harm_terms} | {
            t: words for t in event if (words := alike_words(t))}
        # each asked word's other words ("tycoon": magnate); the focus only names the kind of answer ("which movie")
        kin = synonyms.asked(q.text, set(event) - set(q.focus))
        # "did the board accept the offer": "the board rejected the approach" tells of it, the other way
        opposed = {t: synonyms.opposite_verbs(w) for t, w in neighbours.plain_words(q.text).items()
                   if t in event} if q.kind == "yes_no" else {}
        for c in candidates:
            if defined:
                c.terms = _expanded(c.terms, defined)
            c.terms = c.terms.union(*(role for name, role in roles.items() if name in c.terms))
            if q.slot in ("person", "agent"):
                c.terms = c.terms | _done_by(event, c.terms)
            # a country written in any of its forms: "the Norwegian team" meets "Norway’s team"
            c.terms = c.terms.union(*(asked for forms, asked in countries if forms & c.terms))
            # a harm, or a figure's move, in other words: "did anyone die" meets "No deaths were reported"
            c.terms = c.terms | {t for t, words in told_otherwise.items() if words & c.terms}
            # an irregular verb's other forms: "who won" meets "by winning"
            c.terms = c.terms | {t for t in event if t not in c.terms and inflections.forms(t) & c.terms}
            # the articles' word for the counted thing tells of the asked event too: "dwellings" meets "homes"
            if counted[0] & c.terms:
                c.terms = c.terms | counted[1]
            # another word for an asked word: "tycoon" meets "magnate"
            c.terms = c.terms | {t for t, words in kin.items() if t not in c.terms and words & c.terms}
            met_opposite = {t for t, words in opposed.items() if t not in c.terms and words & c.terms}
            c.terms, c.opposite = c.terms | met_opposite, bool(met_opposite)
            # an abbreviation meets its word or words: "which TV network" meets "television network", "CEO"
            # meets "chief executive"
            c.terms = c.terms | {t for t in q.terms if t not in c.terms and (inflections.abbreviated(t) & c.terms
                                                                     or inflections.spelled_out(t, c.text))}
            # "weighs 1,450 kilograms" gives the asked "mass"; a "majority" is no figure for "the turnout"
            if q.measured and _figured(c.text, slot_spans(q, c.text)):
                c.terms = c.terms | q.measured
        idf = self._stats.idf(event) if event else {}
        by_source: dict[str, list[Candidate]] = {}
        for c in candidates:
            by_source.setdefault(c.source, []).append(c)
        for group in by_source.values():
            group.sort(key=lambda c: c.start)
            for i, c in enumerate(group):
                c.order = i
        texts = [q.text] + [c.text for c in candidates]
        clauses = [(i, part) for i, c in enumerate(candidates) for part in _clauses(c.text)]
        sides = side_questions(q)
        vectors = self._encode(texts + [part for _, part in clauses] + sides)
        sims = vectors[1:1 + len(candidates)] @ vectors[0]
        n_sent = 1 + len(candidates) + len(clauses)
        for (i, _), sim in zip(clauses, vectors[1 + len(candidates):n_sent] @ vectors[0]):
            sims[i] = max(sims[i], 0.5 * (sims[i] + sim))
        if sides:
            per_side = vectors[1:1 + len(candidates)] @ vectors[n_sent:].T
            for c, row in zip(candidates, per_side):
                c.side_similarity = tuple(float(x) for x in row)
        years = set(q.years)
        dates = {c.passage.chunk_id: set(years_in(c.passage.text)) for c in candidates} if years else {}
        earlier_asked = bool(_EARLIER_ASKED.search(q.text))
        # "what is the population of X": an article that never names X tells another place's figure
        unnamed = {source for source, group in by_source.items()
                   if q.slot and q.own_names and not q.own_names & set().union(*(c.terms for c in group))
                   and not q.own_names & set(tokenize(group[0].passage.title))}
        # within one article, a word most of its sentences hold ("the museum" in the museum's story) tells little
        # of which sentence is on the asked event; the article's rarer words ("budget") tell it
        own_weights = {source: _article_weights(idf, event, group) for source, group in by_source.items()}
        corpus_weights = _shares(idf)
        ranks = _SUPERLATIVE.findall(q.text)  # "the largest shareholder": no slot from "the second-largest"
        for c, sim in zip(candidates, sims):
            group = by_source[c.source]
            near = set().union(*(g.terms for g in group[max(0, c.order - 1):c.order + 2]))
            c.near = frozenset(near)
            c.similarity = float(sim)
            dated = dates.get(c.passage.chunk_id, set())  # a year in the passage dates each of its sentences
            title = set(tokenize(c.passage.title))
            weights = own_weights[c.source]
            c.event = _covered(weights, c.terms)
            c.context = _covered(weights, c.terms | dated, near, title)
            c.coverage = _covered(corpus_weights, c.terms | dated, near, title)
            # dated by its own years, or, naming none, by its passage's
            dating = (set(years_in(c.text)) or dated) if years else set()
            c.other_date = bool(dating) and not dating & years
            if weekdays:  # "last Friday's ambush": a sentence on Tuesday tells another day's event
                days = set(weekdays_in(c.text))
                c.other_date = c.other_date or bool(days) and not days & weekdays
            if q.months:  # "the second bid in June": a sentence dated in January tells another bid
                # … and one giving a whole year's ("50 attacks this year") another period's
                months = set(months_in(c.text))
                c.other_date = c.other_date or (not months & set(q.months) if months else bool(_WHOLE_YEAR.search(c.text)))
            if coming:
                c.other_date = c.other_date or bool(_GONE.search(c.text)) and not _COMING.search(c.text)
            c.relevance = 0.5 * c.similarity + 0.5 * c.context - OTHER_DATE * c.other_date
            c.slots = slot_spans(q, c.text)
            past = past_from(c.text) if q.slot not in (None, "date") and not years else None
            if past is not None and not q.own_names & c.terms:
                # "In 2016, another barge …", "… since 2011, when a tanker ran aground, killing nine": a
                # past event the question does not name gives none of the asked event's details
                c.slots = [span for span in c.slots if span[0] < past]
            if q.slot == "number" and c.slots and q.own_names & c.terms:
                # "X pays 60 percent, with the rest from a loan from Y": a count in another clause than the
                # asked name's is another's
                c.slots = [span for span in c.slots if _clause_names(c.text, span, q.own_names)]
            if q.slot == "number" and c.slots and not _FORECAST_ASKED.search(q.text):
                # "how many came on its first day": "expect the fair to draw 20,000 visitors a day" is a forecast
                c.slots = [span for span in c.slots
                           if not _FORECAST.search(_ANNOUNCED_PLAN.sub(" ", _clause_before(c.text, span[0])))]
            if not q.tells_harm(c.terms):
                c.slots = []  # "how many died": a count of people evacuated, or of cases, is another count
            if c.source in unnamed:
                c.slots = []
            if q.slot == "number" and c.slots and not earlier_asked:
                # "the bank had 2.3 million customers at the previous count": an earlier figure
                c.slots = [(a, b) for a, b in c.slots if not _EARLIER_FIGURE.match(c.text, b)]
            c.slots = _sums_told_as_asked(q, c.text, c.slots)
            if c.slots and _ranked_lower(ranks, c.text):
                c.slots = []  # "who is the largest shareholder": "its second-largest shareholder, X" is another
            if q.slot in _NAMED_SLOTS and _is_headline(c) and title_cased(c.text):
                c.slots = []  # "Two Dead After Storm Crossing": a headline's capitals name nothing
        if q.slot in ("person", "agent"):
            for group in by_source.values():
                for before, c in itertools.pairwise(group):
                    if not c.slots and before.slots and _PRONOUN_OPENER.match(c.text) and before.end < c.start:
                        c.coref = before
        return candidates

    @staticmethod
    def _hedged_beside(q: Question, best: Candidate, ranked: list[Candidate]) -> bool:
        """The best sentence, or the one after it, says the asked thing is not known: its hedge is about
        the asked noun or event ("It did not say what sanctions …", "a donor who did not want to be named").
        The sentence after counts when the best gives no detail of its own, or does not name what the
        hedge is about ("the donor"); for a why question, when either says no reason was given. A hedge
        about the asked noun among the few best sentences counts when the best gives no detail."""
        asked = set(q.focus) or set(q.event) - q.own_names - q.known_terms
        names = q.slot in ("person", "agent", "org") or q.kind == "list" or bool(_NAME_ASKED.search(q.text))
        if hedged(best.text, names) & asked:
            return True
        near = [(c, hedged(c.text, names)) for c in ranked[:HEDGE_REACH]]  # the few best and what each hedges
        # "who are the men detained": "three men were detained, but (police) declined to give their
        # names" withholds the names of those the asked harm befell
        # … or "arrested three men … but did not name the suspects"
        if names and q.harm_terms and any(("name" in unknown or withholds_name(c.text)) and q.harm_terms & c.terms
                                          for c, unknown in near):
            return True
        # "… from a consortium of banks, which he did not name", for "which banks …" (when the best gives a
        # detail, one telling less of the asked event: "applied for approval in three other countries, which he did
        # not name", beside "It is made by X, a company based in Y")
        own = set(q.event) - q.own_names - q.known_terms - set(q.focus)
        if q.focus and any(unknown & set(q.focus) and (not best.slots or len(own & c.terms) > len(own & best.terms))
                           for c, unknown in near):
            return True
        # "who set off the slide": a hedge about half the asked event or more ("Whether the skiers set it off
        # has not been established")
        if q.slot in ("person", "agent") and not q.focus and not best.slots and any(
                2 * len(unknown & asked) >= len(asked) for _, unknown in near):
            return True
        if q.slot == "number" and not q.focus and asked:
            # "how much are they paying their advisers": "They did not disclose the fees being paid to their
            # advisers" covers more of the asked than any sentence giving a sum ("a deal that values X at …")
            def covered(terms: frozenset[str]) -> int:
                return sum(1 for t in asked if t in terms or inflections.forms(t) & terms)
            told = max((covered(c.terms) for c, _ in near if c.slots), default=0)
            if any(2 * covered(unknown) >= len(asked) and covered(unknown) > told for _, unknown in near):
                return True
        # "who bought it": "The buyer … was not identified"
        if q.deed and any(q.deed in deeds(t) for _, unknown in near for t in unknown):
            return True
        after = compose.next_sentence(best, ranked)
        if q.kind == "why" and any(gives_no_reason(c.text) for c in (best, after) if c is not None):
            return True  # "X also left his post on Monday. City Hall gave no reason for his departure."
        if q.kind == "why" and not any(blames(c.text) for c in ranked[:HEDGE_REACH]):
            # "What caused the fire": "The cause has not been determined", beside sentences on the fire
            event = set(q.event) - q.own_names - {"caus", "reason", "why"}
            if any(c.source == best.source and cause_unknown(c.text)
                   and event <= c.near | set(tokenize(c.passage.title)) for c in ranked):
                return True
        about = hedged(after.text, names) & asked if after is not None else set()
        return bool(about) and (not best.slots or bool(about - best.terms))

    def _closest_count(self, q: Question, sentence: str) -> list[tuple[int, int]]:
        """The numbers that may count the asked thing in other words; of several, the one whose noun is
        closest in meaning to the asked noun ("four sniffer dogs", not "45 rescuers", for "how many canines")."""
        if set(q.focus) & set(tokenize(sentence)):
            return []  # the sentence names the asked noun itself, and the strict rule found no count of it
        spans = [s for s in slot_spans(q, sentence, loose=True) if _counts_a_thing(q, sentence, s)]
        spans = _sums_told_as_asked(q, sentence, spans)
        asked = [w for w in re.findall(r"[\w’'-]+", q.text) if set(tokenize(w)) & set(q.focus)]
        if len(spans) < 2 or not asked:
            return spans
        nouns = [sentence[end:end + 30].split(",")[0] for _, end in spans]
        vectors = self._encode([" ".join(asked)] + nouns)
        return [spans[int(np.argmax(vectors[1:] @ vectors[0]))]]

    def _only_names_met(self, q: Question, band: list[Candidate]) -> bool:
        """The best sentences share only names with the question, one of them rare (a place's name in a
        dateline, not "the council"), and most of the words that say what is asked of it are in no article
        ("who coaches the X football club")."""
        named = {t for c in band for a, b in name_spans(c.text) for t in tokenize(c.text[a:b])}
        met = set(q.event) & set().union(*(_timed_alike(c, q.timed) for c in band))
        rare = any(set(tokenize(w)) & met for w in re.findall(r"[a-z]+", q.text.lower()) if w not in common_words())
        asked = set(q.event) - named - q.known_terms - _TIME_WORDS - q.timed
        absent = [t for t in asked if not self._stats.has_term(t)]
        return bool(met) and met <= named and rare and len(absent) >= max(2, len(asked) / 2)

    def _unknown_entities(self, q: Question) -> list[str]:
        """Names and numbers in the question that no article mentions at all (exact terms, after aliases)."""
        # a number ("Diablo 3", "2021") alone is no sign of another topic: snippets often leave the year out
        # nor is a two-letter abbreviation ("TV", "PR"): too often a common word's
        # a country's or organisation's terms are checked below, under all its forms ("French": France)
        unknown = [e for e in q.entities if not e.isdigit() and len(e) > 2 and e not in q.known_terms
                   and not self._stats.has_term(e)]
        # an abbreviation is there when its words are ("CEO": chief executive)
        unknown = [e for e in unknown if not (words := inflections.stands_for(e))
                   or not all(self._stats.has_term(w) for w in words)]
        # a name of several words is there when an article has its last word, and that word is a rare one:
        # "Assassin's Creed Valhalla" for an article that says only "Valhalla"; not "World Cup Final" for
        # one on a cricket final, nor "Kellford Grand Regatta" for one on Kellford's bridge
        for name in q.names:
            words = [w.lower() for w in re.findall(r"[^\W\d_]+", name)]
            head = tokenize(words[-1]) if len(words) > 1 else []
            if head and words[-1] not in common_words() and self._stats.has_term(head[-1]):
                found = {t for w in words for t in tokenize(w)}
                unknown = [e for e in unknown if e not in found]
        # a country or organisation, in any case and any of its forms ("jordan", "jordanian")
        for terms in q.known:
            if not any(self._stats.has_term(t) for t in terms):
                unknown.extend(sorted(terms))
        return unknown


_DEFINED = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|the|and|for)\s+)*){1,8})\(([A-Z]{2,8})\)")


def acronyms(passages: list[Passage]) -> dict[str, frozenset[str]]:
    """Acronyms the articles define ("Popular Front (PF)"): the acronym's term → its full name's terms."""
    out: dict[str, frozenset[str]] = {}
    for passage in passages:
        for match in _DEFINED.finditer(passage.text):
            capitals = [w for w in match.group(1).split() if w[:1].isupper()]
            acronym = match.group(2)
            name = capitals[-len(acronym):]
            if len(name) == len(acronym) and "".join(w[0] for w in name).upper() == acronym:
                key = tokenize(acronym)
                if key:
                    out[key[0]] = frozenset(tokenize(" ".join(name)))
    return out


_ROLE_NOUN = (r"(?:adviser|advisor|minister|spokesman|spokeswoman|spokesperson|secretary|commander|president|"
              r"speaker|chief|leader|envoy|ambassador|director|mayor|governor|chairman|chairwoman|head)")
_NAME_RUN = r"((?:[A-Z][\w’'.-]*\s+){0,3}(?:al-)?[A-Z][\w’'-]+)"
# "national security adviser Qasim al-Araji"; "Nasr al-Shammari, Nujaba’s spokesman"
_TITLED = re.compile(rf"((?:[\w’'-]+\s+){{0,3}}{_ROLE_NOUN})\s+{_NAME_RUN}")
_APPOSED = re.compile(rf"{_NAME_RUN},\s+((?:the\s+)?(?:[\w’'-]+\s+){{0,3}}{_ROLE_NOUN})\b")


def titles(passages: list[Passage]) -> dict[str, frozenset[str]]:
    """The roles the articles give people ("national security adviser Qasim al-Araji"): the surname's
    term → the role's terms, so "what did the security adviser say" meets a sentence that says "Araji
    wrote"."""
    out: dict[str, set[str]] = {}
    for passage in passages:
        pairs = [(m.group(2), m.group(1)) for m in _TITLED.finditer(passage.text)]
        pairs += [(m.group(1), m.group(2)) for m in _APPOSED.finditer(passage.text)]
        for name, role in pairs:
            surname = tokenize(name.split()[-1])
            role_terms = tokenize(re.sub(r"^.*[’']s\s+", "", role))  # "Nujaba’s spokesman": the role
            if surname and role_terms and (len(name.split()) > 1 or "-" in name):
                out.setdefault(surname[-1], set()).update(role_terms)
    return {k: frozenset(v) for k, v in out.items()}


def _done_by(event: list[str], terms: frozenset[str]) -> set[str]:
    """For "who" questions, the asked doer or deed in the other's words: "director" in a sentence that says
    "directed", and "directed" in one that names "the director"."""
    done = set().union(*map(deeds, terms))  # the deeds of the doers the sentence names
    return {t for t in event if t not in terms and (deeds(t) & terms or t in done)}


def _expanded(terms: frozenset[str], defined: dict[str, frozenset[str]]) -> frozenset[str]:
    """A sentence's terms with each defined acronym standing for its full name, and the other way round."""
    extra = set()
    for acronym, name in defined.items():
        if acronym in terms:
            extra |= name
        elif name and name <= terms:
            extra.add(acronym)
    return terms | extra if extra else terms


ARTICLE_SPREAD = 0.5  # an event word every retrieved sentence of an article holds weighs this much less there; dev: same from
# 0.5 to 0.8, 0.3 loses 3, 1.0 loses 1


def _article_weights(idf: dict[str, float], event: list[str], group: list[Candidate]) -> dict[str, float]:
    """Each event word's share of the weight among one article's sentences: its corpus IDF, less the more of them
    hold it."""
    if len(group) < 3:
        return _shares(idf)
    return _shares({t: idf[t] * (1 - ARTICLE_SPREAD * sum(t in c.terms for c in group) / len(group)) for t in event})


def _shares(weights: dict[str, float]) -> dict[str, float]:
    """The weights scaled to sum to 1."""
    total = sum(weights.values()) or 1.0
    return {t: w / total for t, w in weights.items()}


def _covered(shares: dict[str, float], terms: frozenset[str], near: frozenset[str] | set[str] = frozenset(),
             title: frozenset[str] | set[str] = frozenset()) -> float:
    """The share of the event's weight a sentence holds; words beside it (0.6) or in its title (0.4) count less."""
    return sum(w * (1.0 if t in terms else 0.6 if t in near else 0.4 if t in title else 0.0)
               for t, w in shares.items())


def _describes_as_much(c: Candidate, best: Candidate) -> bool:
    """Whether c holds enough of the event's words the best sentence holds: weighed within their article when they
    share one, else by the corpus's weights (each article weighs its own words)."""
    if c.source == best.source:
        return c.context >= SLOT_CONTEXT * best.context
    return c.coverage >= SLOT_CONTEXT * best.coverage


_SUPERLATIVE = re.compile(r"\b(largest|biggest|highest|oldest|richest|busiest|top|leading|most \w+)\b", re.IGNORECASE)
_ORDINAL = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|\d+th)[- ]"


def _ranked_lower(ranks: list[str], sentence: str) -> bool:
    """The question asks the first of a rank ("the largest shareholder"; ranks: its superlatives, from
    _SUPERLATIVE) and the sentence tells a lower one ("its second-largest shareholder") without the asked one."""
    for rank in ranks:
        word = re.escape(rank.lower())
        rest, lower = re.subn(rf"\b{_ORDINAL}{word}\b", " ", sentence, flags=re.IGNORECASE)
        if lower and not re.search(rf"\b{word}\b", rest, re.IGNORECASE):
            return True
    return False


def _figured(text: str, spans: list[tuple[int, int]]) -> bool:
    """One of the spans is a figure ("60 percent"), not a word ("half", "hundreds")."""
    return any(re.search(r"\d", text[a:b]) for a, b in spans)


def _names_role(q: Question, sentence: str) -> bool:
    """The sentence uses the asked role's own words ("the ferry's captain"; not "office" for "officer", which
    share a stem)."""
    words = [w for w in re.findall(r"[a-z]+", q.text.lower()) if set(tokenize(w)) & set(q.focus)]
    return bool(words) and all(re.search(rf"\b{re.escape(w)}s?\b", sentence, re.IGNORECASE) for w in words)


def _settled_nowhere(q: Question, best: Candidate, ranked: list[Candidate]) -> bool:
    """The best sentence, or the one after it, says the asked claim is not known either way: most of the words
    after its "whether" are the question's."""
    after = compose.next_sentence(best, ranked)
    for c in [best] + ([after] if after is not None else []):
        claim = left_open(c.text)
        if claim and 2 * len(claim & set(q.terms)) >= len(claim):
            return True
    return False


def side_questions(q: Question) -> list[str]:
    """Each side of a comparison asked on its own: the question with the other side left out
    ("how did A and B describe X" → "how did A and describe X"), so each side's answer is scored
    against what was asked of it."""
    if len(q.sides) != 2:
        return []
    out = []
    for other in reversed(q.sides):
        text = re.sub(re.escape(other), " ", q.text, count=1, flags=re.IGNORECASE)
        out.append(re.sub(r"\s+", " ", text).strip())
    return out


def _sentences(passages: list[Passage]) -> list[Candidate]:
    """Every sentence of the passages once, with file offsets; sentences that address an assistant
    ("ignore previous instructions…") are never evidence."""
    seen: set[tuple[str, int]] = set()
    out = []
    for passage in passages:
        for start, end in sentence_spans(passage.text):
            text = passage.text[start:end]
            key = (passage.source, passage.start + start)
            terms = tokenize(text)
            # a fragment ("Photo: Reuters") is no evidence; a short sentence of common words may be ("No one was hurt."),
            # as may one that carries on the sentence before ("All were evacuated.")
            if key in seen or not terms or (len(terms) < 2 and len(text.split()) < 4 and not compose.carries_on(text)) \
                    or addresses_assistant(text):
                continue
            seen.add(key)
            out.append(Candidate(passage, passage.start + start, passage.start + end, text, frozenset(terms), 0))
    return out


def _off_topic(q: Question, band: list[Candidate], ranked: list[Candidate]) -> bool:
    """ "What did X say about Y?" where the sentences naming X say nothing, nor do their neighbours, of Y, nor
    what X goes on to say ("… blamed Z. “…,” she said. “Every empty classroom …”")."""
    if not q.topic or not q.speaker:
        return False
    speaking = [c for c in band if set(q.speaker) & c.terms]
    heard = list(speaking)
    for c in speaking:
        at = c
        for _ in range(QUOTE_REACH):
            more = compose.sequel(at, ranked)
            if not more:
                break
            at = more[0]
            heard.append(at)
    return bool(speaking) and not any(set(q.topic) & c.near for c in heard)


_DURATION = frozenset(tokenize("years months weeks days hours minutes decades centuries"))


def _sums_told_as_asked(q: Question, sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "the chairman's salary": a contract's sum is no one's pay; a pay, or a share price, is told with its
    own words beside its sum. "How much will the plan cost": "a monthly payment of 200 crowns for every child"
    and "would save 30 million crowns a year" are rates, not the cost."""
    if q.subkind != "money":
        return spans
    no_rates, beside, period = _sum_rules(q.text)
    if no_rates:
        spans = [(a, b) for a, b in spans if not _RATE_AFTER.match(sentence, b)
                 and not _RATE_BEFORE.search(sentence[max(0, a - RATE_REACH):a])]
    if period:  # "how much a year": not "60 crowns a day"
        spans = [(a, b) for a, b in spans if _period(sentence[b:b + RATE_REACH], after=True) in ("", period)]
    if not beside:
        return spans

    def told(a: int, b: int) -> bool:  # in the sum's own clause: not "… 3 million crowns, so the salary …"
        before = _clause_before(sentence, a)[-SUM_REACH:]
        after = re.split(r"[,;:—–]\s", sentence[b:b + SUM_REACH])[0]
        return bool(beside & set(tokenize(f"{before} {sentence[a:b]} {after}")))
    return [(a, b) for a, b in spans if told(a, b)]


@functools.lru_cache(maxsize=256)
def _sum_rules(question: str) -> tuple[bool, frozenset[str] | None, str]:
    """For a question asking a sum, once per question: whether a rate is no answer (a total is asked, no rate),
    the words its sum must stand beside (a pay's, a share price's), if any, and the period asked ("" for none)."""
    no_rates = bool(_TOTAL_ASKED.search(question)) and not _RATE_ASKED.search(question)
    return no_rates, next((words for asked, words in _SUM_OF if asked.search(question)), None), _period(question)


def _counts_a_thing(q: Question, sentence: str, span: tuple[int, int]) -> bool:
    """A number that may count the asked thing in other words: not a year, not a length of time ("nearly 20
    years"), not part of a longer number, and not a count of anything the question names: "5,000 troops"
    for "how many lawmakers … expel US troops", nor "45 Norwegian rescuers" for "how many Chilean rescuers"."""
    start, end = span
    if years_in(sentence[start:end]) or re.search(r"\d[,.]?$", sentence[:start]):
        return False
    after = set(tokenize(sentence[end:end + 30])[:2])
    # the asked phrase's own words may stand there ("50 rocket attacks" for "how many strikes with rockets")
    others = set(q.terms) - set(q.counted)
    return not after & _DURATION and not after & others


def _another_event(c: Candidate) -> bool:
    """ "Separately, a car bomb …": a sentence that says it reports another event, and does not itself
    hold nearly all the asked event's words, or one dated another year than the asked, cannot give that
    event's detail."""
    return c.other_date or bool(_SEPARATE.match(c.text)) and c.event < SEPARATE_EVENT


RATE_REACH = 25  # characters before a sum in which "monthly", "annual" make it a rate
_TOTAL_ASKED = re.compile(r"\b(?:cost|costs|budget|value|worth)\b", re.IGNORECASE)
_RATE_ASKED = re.compile(r"\b(?:per|each|every|a (?:month|year|week|day)|monthly|annual|annually|yearly|weekly|daily)\b",
                         re.IGNORECASE)
_RATE_AFTER = re.compile(r"\s*(?:a|per|each|an) (?:month|year|week|day|head|person|child|ticket|pupil)\b|\s*(?:for|to) "
                         r"(?:every|each)\b", re.IGNORECASE)
_RATE_BEFORE = re.compile(r"\b(?:monthly|weekly|daily|annual|yearly)\b[^,;]*$", re.IGNORECASE)
_EARLIER_FIGURE = re.compile(r"\W*(?:[\w’'-]+\s+){0,3}?(?:at|in|during|from|on) the (?:previous|prior|earlier)\b",
                             re.IGNORECASE)
_EARLIER_ASKED = re.compile(r"\b(?:previous|prior|earlier|before|last|ago|used to|then|once)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";\s|,\s(?:with|while|whereas|but|although|though)\s")


_HEAD_ROLE = r"(?:chief executive|chief|head|leader|chair(?:man|woman|person)?|director|president|commander)"
_OWNED_ROLE = re.compile(rf"\b([\w-]+)['’]s\s+(?:[\w-]+\s+)?{_HEAD_ROLE}\b|\b{_HEAD_ROLE}\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?([\w-]+)",
                         re.IGNORECASE)

_LED_BY = re.compile(r"\b(?:led|headed|run|chaired)\s+by\b", re.IGNORECASE)


def _heads(anchors: set[str], sentence: str) -> bool:
    """The sentence names the head of one of the asked words ("the board's chairman", "head of the
    union"), not leaders of something else ("dock workers' leaders in the city")."""
    led = _LED_BY.search(sentence)  # "the new group will be led by Y"
    return bool(led and anchors & set(tokenize(sentence[:led.start()]))) or \
        any(set(tokenize(m.group(1) or m.group(2))) & anchors for m in _OWNED_ROLE.finditer(sentence))


_PERIODS = {"year": r"annual|annually|yearly|a year|per year|each year|every year",
            "month": r"monthly|a month|per month|each month|every month",
            "week": r"weekly|a week|per week|each week|every week",
            "day": r"daily|a day|per day|each day|every day"}


def _period(text: str, after: bool = False) -> str:
    """The period a rate is asked or told in ("annually", "a year" → year); after: only at the start of text
    (the words after a sum, its unit's word between); "" for none."""
    opening = r"^\s*(?:[^\W\d]+\s+)?" if after else r"\b"  # "… 60 (crowns) a day"
    for period, words in _PERIODS.items():
        if re.search(rf"{opening}(?:{words})\b", text, re.IGNORECASE):
            return period
    return ""


def _clause_before(sentence: str, start: int) -> str:
    """The words of the span's clause before it: back to the last comma, semicolon or dash."""
    return re.split(r"[,;:—–]\s", sentence[:start])[-1]


def _clause_names(sentence: str, span: tuple[int, int], names: frozenset[str]) -> bool:
    """The span's clause names one of the names, or the sentence names none of them outside it."""
    cuts = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(sentence)), len(sentence)]
    clauses = list(itertools.pairwise(cuts))
    own = next((a, b) for a, b in clauses if a <= span[0] < b)
    return bool(set(tokenize(sentence[own[0]:own[1]])) & names) or not any(
        set(tokenize(sentence[a:b])) & names for a, b in clauses if (a, b) != own)


_NAMED_SLOTS = frozenset(["person", "agent", "org", "place"])


def _is_headline(c: Candidate) -> bool:
    return c.start == c.passage.start and c.text.strip() == c.passage.title.strip()


_QUOTED = re.compile(r"“[^”]{30,}”?|\"[^\"]{30,}\"?")


def _clauses(sentence: str) -> list[str]:
    """The comma-separated parts of a long sentence, so one long sentence's meaning is not diluted; and
    a quotation's attribution on its own ("…,” X told the Y network"), which a long quote would drown."""
    out = []
    attribution = re.sub(r"\s+", " ", _QUOTED.sub(" ", sentence)).strip(" ,.")
    if len(attribution) < 0.5 * len(sentence) and len(attribution.split()) >= 3:
        out.append(attribution)
    if len(sentence) < 120:
        return out
    parts = [p.strip() for p in re.split(r"[,;:—]\s", sentence)]
    return out + [p for p in parts if len(p) >= 25][:6]


def _timed_alike(c: Candidate, timed: frozenset[str]) -> frozenset[str]:
    """A sentence's terms, less a time the question names from now ("this year's regatta") unless the sentence
    names it so too ("Last year the plant ran …"): "ferries older than 25 years" tells no event of this year."""
    return c.terms - (timed - relative_times(c.text)) if timed else c.terms


def _abstain(ranked: list[Candidate] | tuple) -> Draft:
    related, seen = [], set()
    for c in ranked:
        if c.passage.chunk_id in seen:
            continue
        seen.add(c.passage.chunk_id)
        related.append(Citation(len(related) + 1, c.source, c.passage.title, c.text, c.start, c.end,
                                round(c.relevance, 4)))
        if len(related) == 3:
            break
    return Draft(NOT_FOUND, True, (), tuple(related), sentences=(Sentence(NOT_FOUND, (), True, 1.0),))
