"""Shape an extractive answer by the kind of question: a short lead span then its evidence, the reason
rather than the restatement, a list gathered across articles, both sides of a comparison, a digest.

Every quote stays an exact slice of its source's text; a quote that opens with a pronoun or is a bare
quotation grows backwards to the sentence that names who is speaking.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qa.cues import (
    blames,
    explains_withholding,
    gives_manner,
    gives_reason,
    holds_quantity,
    is_hedge,
    is_negative,
    is_number_word,
    looks_like_person,
    name_spans,
    past_from,
    slot_spans,
    states_reason,
    title_cased,
)
from qa.draft import Draft
from qa.question import Question, account_speaker, analyse, asks_what_was_told, explainer, years_in
from qa.series import COUNTS, series_spans
from qa.types import Citation, Sentence
from vectorstore.sentences import sentence_spans
from vectorstore.tokens import tokenize

if TYPE_CHECKING:
    from qa.extractive import Candidate

MAX_LIST_SENTENCES = 5
LIST_PARAGRAPH = 3  # sentences after the best one, in its paragraph, that may go on with a list
MAX_DIGEST_ARTICLES = 5
QUOTE_BACK = 2  # sentences before a quote in which its speaker may be named
SUBJECT_REACH = 8  # … or, when the best does not name the asked subject, one of this many that does …
SUBJECT_TOLD = 2  # … when its article names the subject in at most this many sentences
SETTLE_BAND = 3  # a yes/no question is settled by one of this many best sentences …
FULLER_EVENT = 0.15  # … holding this much more of the asked event than the best
TOLD_WORDS = 2  # … or, for a lede, this many of the asked words it lacks
SIDE_COMPARED = 0.15  # a side's sentence holding the thing compared ("the area burned"); 0.3 outweighs the whole name
SIDE_FIGURE = 0.3  # a side's sentence with a figure, when a quantity is compared; dev: same from 0.2 to 0.4, +2
SIDE_PAST = 0.3  # a side's sentence opening on a past year ("In 2016, …") the question does not ask
FIGURE_REACH = 5  # the best sentences a side's figure may come from when they name it otherwise
SIDE_SPEAKS = 0.3  # a side speaking in the sentence is its view; dev: same from 0.05 to 0.3, 0.5 loses one
NAMED_SERIES_REACH = 12  # … and among this many, one that names the asked things
SERIES_REACH = 4  # the best sentences a list of things is looked for in, past the band
REASON_RANK = 6  # … or among this many best sentences of its article
CLOSER_MARGIN = 0.03  # how far below the best a why/how sentence closer in meaning and words may stand
CLOSER_MEANING = 0.03  # … by at least this much in meaning
EXPLAINER_GAP = 80  # characters between a person's name and the verb by which they explain (a clause on them)
_EXPLAINS = r"(?:said|says|told|blamed|blames|admitted|explained|argued|attributed|insisted|conceded)"
ATTRIBUTION_REACH = 700  # characters before a sentence in which the one naming its subject is looked for
REASON_REACH = 3  # sentences after the event's in which its stated reason is looked for
ACROSS_BAND = 0.15  # a comparison without named sides: other articles' sentences this close to the best
_OPENER = re.compile(
    r"^[“\"‘']?(?:he|she|it|they|this|that|these|those|his|her|their|its|so|but|and|however|yet|still|also|"
    r"such|there|here|then|thus|meanwhile|instead|nevertheless|moreover)\b",
    re.IGNORECASE,
)
_SPEECH = re.compile(r"\b(?:say|said|says|saying|tell|told|describe[ds]?|call(?:ed)?|warn(?:ed)?|write|wrote|"
                     r"tweet(?:ed)?|react(?:ed)?|respond(?:ed)?)\b", re.IGNORECASE)
_QUOTED = re.compile(r"[“\"][^”\"]{12,}[”\"]")
_ANY = re.compile(r"\bany(?:one|body)?\b", re.IGNORECASE)  # "was anyone hurt": whether the harm happened at all
_ALSO = re.compile(r"\b(?:also|as well|in addition|additionally)\b", re.IGNORECASE)
# … or a quantifier standing for those just named ("All were evacuated.", "Most of them …"), not one before its
# noun ("All 64 workers …")
_PRONOUN_OPENER = re.compile(r"^[“\"‘']?(?:(?:he|she|it|they|this|that|these|those|his|her|their|its)\b|"
                             r"(?:all|both|none|each|most|many|several)\s+(?:of (?:them|those|these)|were|was|are|is|"
                             r"had|have|has|will|would)\b)", re.IGNORECASE)


def carries_on(sentence: str) -> bool:
    """The sentence opens with a pronoun standing for what the one before it named ("All were evacuated.")."""
    return bool(_PRONOUN_OPENER.match(sentence))


_PRONOUN_SPEAKER = re.compile(r"[”\"’,]\s*(?:he|she|they|it)\s+(?:said|says|told|added|wrote|stated|noted)\b",
                              re.IGNORECASE)


@dataclass
class Choice:
    """The chosen evidence sentences, an optional lead, and labels (a side's or an article's name)."""

    parts: list[Candidate]
    lead: list[tuple[str, Candidate]] = field(default_factory=list)  # (a span of a quote, its evidence part)
    polarity: str | None = None  # "Yes" / "No" when the evidence states it
    labels: list[str] = field(default_factory=list)


def choose(q: Question, ranked: list[Candidate], band: list[Candidate]) -> Choice | None:
    """The evidence for the question's kind, from sentences ranked by relevance (band: the best ones)."""
    if q.kind == "list":
        # names of a kind (a person, a place, a firm) are gathered; things, or a noun no kind of name is known for
        # ("the most common complaints"), are a series first
        listed = _gather(q, ranked) if q.subkind != "things" and (q.slot or not q.focus) else _series(q, band, ranked)
        return _told_on(listed, ranked) if listed is not None else None
    if q.kind == "comparison":
        return _compare(q, ranked) if q.sides else _across(q, ranked)
    if q.kind == "why":
        return _reason(q, ranked, band, gives_reason)
    if q.kind == "how":
        return _reason(q, ranked, band, gives_manner)
    if q.kind == "yes_no":
        return _settle(q, band, ranked)
    if q.kind == "definition":
        named = [c for c in band if set(q.entities) <= c.terms] or band
        return Choice([named[0]])
    if q.slot:
        return _slot(q, band, ranked)
    if _EARLIER_WORK.search(q.text):
        # "what did X do before politics": the sentence calling X "a former nurse"
        for c in ranked[:FORMER_REACH]:
            former = _FORMER.search(c.text)
            if former and q.own_names & c.terms:
                return Choice([c], lead=[(former.group(), c)])
    return _plain(q, band, ranked)


FORMER_REACH = 5  # the best sentences among which one giving the asked person's earlier work is looked for
_EARLIER_WORK = re.compile(r"\b(?:what did \w+(?: \w+){0,3} do before|(?:previous|earlier|former) (?:job|career|work|"
                           r"occupation|profession))\b", re.IGNORECASE)
_FORMER = re.compile(r"\bformer\s+[a-z-]+")


def _slot(q: Question, band: list[Candidate], ranked: list[Candidate]) -> Choice | None:
    """The best sentence of the asked event that holds the asked detail, and that detail as the lead."""
    holding = [c for c in band if c.slots or c.coref]
    if not holding:
        return None
    best = max(holding, key=lambda c: c.relevance + 0.08 * _focus_bonus(q, c) + 0.02 * bool(c.slots)
               + 0.06 * _personal(q, c) + 0.06 * _of_asked_country(q, c) + 0.1 * bool(_aged(q, c)))
    source = best if best.slots else best.coref
    assert source is not None
    start, end = _nearest_slot(q, source)
    if _is_title(best):
        # a headline is context, not evidence, when the body tells the same detail ("Three killed …" and
        # "…, killing three workers")
        same = _value(source.text[start:end])
        body = [c for c in ranked[:RETOLD_REACH] if c.source == best.source and c not in holding]
        for c in sorted(holding, key=lambda c: -c.relevance) + body:
            told = [span for span in c.slots if _value(c.text[span[0]:span[1]]) == same]
            if not _is_title(c) and told:
                best, source, (start, end) = c, c, told[0]
                break
    return Choice([best], lead=[(source.text[start:end], best)])


RETOLD_REACH = 8  # the best sentences among which the body's telling of a headline's detail is looked for


def _value(span: str) -> str:
    """What a detail says, however written: its figures ("$87.5 million" and "87.5 million dollars" → "87.5"),
    else its words in lower case."""
    return " ".join(re.findall(r"\d+(?:[.,]\d+)*", span)) or span.lower()


def _aged(q: Question, c: Candidate) -> list[tuple[int, int]]:
    """For "how old is the mountain guide": the ages that follow the asked person's words ("the guide, a
    38-year-old local man"), not another's ("…, said Ana Soto, 47")."""
    if q.subkind != "age":
        return []
    asked = set(q.event) - q.measured
    return [(a, b) for a, b in c.slots if asked & set(tokenize(c.text[max(0, a - AGE_REACH):a]))]


AGE_REACH = 30  # characters before an age in which the person it is of is named


def _of_asked_country(q: Question, c: Candidate, span: tuple[int, int] | None = None) -> bool:
    """For "who represented Veloria": a person the sentence names with the asked country ("Velorian
    Foreign Minister X"), not one of another ("US President Y")."""
    if q.slot not in ("person", "agent") or not q.known:
        return False
    asked = q.known_terms
    spans = [span] if span else c.slots
    return any(set(tokenize(c.text[max(0, a - 45):b])) & asked for a, b in spans)


def _personal(q: Question, c: Candidate) -> bool:
    """For "who did X": a person named in the sentence is the likelier answer than a country or a body."""
    return q.slot == "agent" and any(looks_like_person(c.text, a, b) for a, b in c.slots)


def _focus_bonus(q: Question, c: Candidate) -> float:
    """1 when a slot span sits right before the asked noun ("2,500 troops" for "how many troops")."""
    if not q.focus:
        return 0.0
    return 1.0 if any(_names_focus(q, c, span) for span in c.slots) else 0.0


def _names_focus(q: Question, c: Candidate, span: tuple[int, int], reach: int = 3) -> bool:
    """The span stands right before the asked noun ("2,500 troops", "Radio Kellford news network"), ends in
    it ("the X Committee") or follows it ("the network Radio Marlow")."""
    start, end = span
    own = tokenize(c.text[start:end])
    after = tokenize(_SPEECH.split(c.text[end:end + 40], maxsplit=1)[0])[:reach]  # not past "X told the Y network"
    before = tokenize(c.text[max(0, start - 25):start])[-2:]  # "the militia group X", "news outlet X"
    return any(t in after or t in before for t in q.focus) or bool(own and own[-1] in q.focus)


def _nearest_slot(q: Question, c: Candidate) -> tuple[int, int]:
    """The slot span closest to the question's event words in the sentence (the one describing it)."""
    positions = [m.start() for t in q.event for m in re.finditer(r"\w+", c.text) if tokenize(m.group()) == [t]]
    # "the death toll": the number beside the asked harm's word ("Three killed, 21 hurt in blast")
    positions = [m.start() for m in re.finditer(r"\w+", c.text) if set(tokenize(m.group())) & q.harm] or positions
    if q.focus:
        for span in c.slots:
            if _names_focus(q, c, span):
                return span
    aged = _aged(q, c)
    if aged:
        return aged[0]
    spans = c.slots
    if q.slot == "agent":
        spans = [s for s in c.slots if looks_like_person(c.text, *s)] or c.slots
    spans = [s for s in spans if _of_asked_country(q, c, s)] or spans
    if not positions:
        return spans[0]
    return min(spans, key=lambda s: min(abs(s[0] - p) for p in positions))


def _reason(q: Question, ranked: list[Candidate], band: list[Candidate],
            marker: Callable[..., bool]) -> Choice:
    """For why/how: the sentence that gives the cause or manner, not only the one that restates the
    question — the best sentence, with the one beside it that gives the reason (or, failing that, the
    next one, where a reason usually follows its event)."""
    asked = set(q.terms)
    top = band[0]
    rival = band[1] if len(band) > 1 else None
    if (rival is not None and rival.order > 1 and top.relevance - rival.relevance <= CLOSER_MARGIN
            and rival.event > top.event and rival.similarity >= top.similarity + CLOSER_MEANING
            and not _restates(rival, asked)):
        # "how was the problem discovered": of two sentences about as relevant, the one closer in both meaning
        # and asked words ("The problem was discovered during a routine pressure test") over the one its
        # neighbours lift
        top = rival
    who = account_speaker(q.text)
    if who:
        # "how was her release achieved, according to the interior minister": the sentence in which the
        # minister speaks, of the best's article, is the one to explain from
        top = _told_by(top, ranked, lambda c: who <= c.terms and bool(_SPEECH.search(c.text)))
    named = explainer(q.text)
    if named:
        # "how did Kessler explain the bad season": the sentence in which he gives it ("Kessler blamed injuries
        # …"), not the fans' view that the best holds
        gives = re.compile(rf"\b{re.escape(named)}\b[^.;]{{0,{EXPLAINER_GAP}}}?\b{_EXPLAINS}\b")
        top = _told_by(top, ranked, lambda c: bool(gives.search(c.text)))
    after = next_sentence(top, ranked)
    kept_back = kept_back_reason(top, ranked) if marker is gives_reason and not states_reason(top.text) else None
    if kept_back is not None:
        # "why won't they name the schools": "… declined to name the schools. X said identifying them could …"
        return Choice([top, kept_back])
    beside = [c for c in ranked if c.source == top.source and abs(c.order - top.order) == 1
              and marker(c.text, beside=True) and _same_paragraph(*sorted([top, c], key=lambda c: c.start))]
    if marker(top.text) and not _restates(top, asked):
        if not beside and marker is gives_reason and not states_reason(top.text):
            # top tells only a past ("had agreed"); another near it says "because"
            beside = [c for c in band[1:4] if states_reason(c.text) and not _restates(c, asked)]
            if not beside and years_in(top.text) and not q.years:
                # … and when top is dated, likely an earlier event the question does not ask of ("a failed
                # attempt in 2021, when a rival chose a site after …"), one a little further down says "because"
                beside = [c for c in ranked[1:REASON_RANK] if c.source == top.source and blames(c.text)
                          and not _restates(c, asked)]
        if not beside and not marker(top.text, beside=True):
            # only a word that is more often a time ("returned to profit after three years of losses"): a
            # sentence just after that says "attributed … to" gives the reason, else the next one may
            if marker is gives_reason:
                beside = sorted((c for c in ranked if c.source == top.source and 0 < c.order - top.order <= REASON_REACH
                                 and states_reason(c.text) and not _restates(c, asked)), key=lambda c: c.order)[:1]
            beside = beside or [n for n in [after] if n is not None]
        return Choice(sorted([top, *beside[:1]], key=lambda c: c.start))
    if not beside and marker is gives_reason:
        # a lede's reason is often the next paragraph's opening: "X, the company building it, blamed …", or a
        # paragraph or two on, after what was said of it
        beside = sorted((c for c in ranked if c.source == top.source and 0 < c.order - top.order <= REASON_REACH
                         and (states_reason(c.text) if c.order == top.order + 1 else blames(c.text))
                         and not _restates(c, asked)), key=lambda c: c.order)[:1]
    if not beside:
        beside = [c for c in band[1:4] if marker(c.text, beside=True) and not _restates(c, asked)]
        if marker is gives_reason:  # a sentence that says "because" before one that only tells a past ("had agreed")
            beside.sort(key=lambda c: not states_reason(c.text))
    if not beside and marker is gives_reason:
        # … or a sentence further on in the article that says what caused the asked thing ("most of the
        # cancellations came from a broken ramp", "the gap reflected …") and names a part of it the best sentence
        # does not
        untold = set(q.event) - q.own_names - top.terms
        beside = [c for c in ranked[:REASON_RANK] if c.source == top.source and c is not top
                  and states_reason(c.text) and untold & c.terms and not _restates(c, asked)][:1]
    if not beside and marker is gives_reason and top.order <= 1:
        # … or, for a lede, one a little further down that names a cause as such ("the most likely cause was a
        # leaking main")
        beside = [c for c in ranked[:2 * REASON_RANK] if c.source == top.source and c is not top
                  and blames(c.text) and not _restates(c, asked)][:1]
    if not beside and marker is gives_manner and top.order <= 1:
        # … or, for how of a lede's event, one further down its article that tells the manner of a part of the
        # event ("… helped children climb out through the emergency roof hatch")
        told = set(q.event) - q.own_names
        beside = [c for c in ranked[:2 * REASON_RANK] if c.source == top.source and c.order > 1
                  and gives_manner(c.text) and told & c.terms and not _restates(c, asked)][:1]
    if not beside:  # no word gives the reason: news gives it in the sentence after the event
        beside = [n for n in [after] if n is not None]
    if beside:
        pair = [top, beside[0]] if beside[0].source != top.source else sorted([top, beside[0]], key=lambda c: c.start)
        return Choice(pair)
    return Choice([top])


def _told_by(top: Candidate, ranked: list[Candidate], speaks: Callable[[Candidate], bool]) -> Candidate:
    """The best sentence of top's article, not its headline, in which the asked one speaks; else top."""
    return next((c for c in ranked if c.source == top.source and speaks(c) and not _is_title(c)), top)


def kept_back_reason(c: Candidate, ranked: list[Candidate]) -> Candidate | None:
    """For a sentence that keeps a detail back ("declined to name the schools"), the next one in its paragraph
    when it says why ("said identifying them could cause panic"); else None."""
    after = next_sentence(c, ranked)
    if is_hedge(c.text) and after is not None and _same_paragraph(c, after) and explains_withholding(after.text):
        return after
    return None


SETTLE_REACH = 5  # the best sentences among which one dating an earlier event settles "did it happen before"
_BEFORE_ASKED = re.compile(r"\b(?:before|ever|previously|in the past)\b", re.IGNORECASE)


def _restates(c: Candidate, asked: set[str]) -> bool:
    return len(c.terms - asked) < 3


def _settle(q: Question, band: list[Candidate], ranked: list[Candidate]) -> Choice:
    """A yes/no question: the sentence that settles it; "Yes"/"No" only when it states the whole claim."""
    best = band[0]
    harmed = q.harm_terms if _ANY.search(q.text) else frozenset()
    if harmed and not harmed & best.terms:
        # "did anyone die in the fire": the sentence that tells of deaths settles it, not the one on the fire
        best = next((c for c in ranked if c.source == best.source and harmed & c.terms), best)
    # "were passwords accessed in the breach": a sentence holding more of the asked event ("passwords … were not
    # accessed") settles it, not the lede on the breach; no lede does by that alone, as it holds many of any
    # question's words
    fuller = [] if harmed else [c for c in band[1:SETTLE_BAND] if c.source == best.source and c.order > 1
                                and c.event >= best.event + FULLER_EVENT]
    if fuller:
        best = max(fuller, key=lambda c: c.event)
    elif not harmed and best.order <= 1:
        # "was anyone taken to hospital after the X fire": the lede tells the fire; a sentence near it in relevance
        # holding what is asked of it ("four were taken to hospital"), two words the lede lacks, settles it
        untold = set(q.event) - best.terms - q.own_names
        telling = [c for c in band[1:SETTLE_BAND] if c.source == best.source and not _is_title(c)
                   and len(untold & c.terms) >= TOLD_WORDS]
        best = max(telling, key=lambda c: len(untold & c.terms)) if telling else best
    subject = "" if asks_what_was_told(q.text) else _asked_subject(q.text)  # not a speaker: "did the board say …"
    if subject and subject not in best.terms:
        # "did the captain of the X survive": the sentence on the captain, a word its article seldom uses,
        # settles it, not the lede on the sinking
        holding = [c for c in ranked if c.source == best.source and subject in c.terms and not _is_title(c)]
        if 0 < len(holding) <= SUBJECT_TOLD and holding[0] in ranked[:SUBJECT_REACH]:
            best = holding[0]
    dated = not years_in(best.text) and bool(_BEFORE_ASKED.search(q.text)) and not q.years
    if dated:
        # "has X had a strike before": the sentence dating an earlier one ("the first strike since 2011")
        best = next((c for c in ranked[:SETTLE_REACH] if c.source == best.source and years_in(c.text)
                     and set(q.event) & c.terms), best)
    polarity = None
    if best.event >= 0.8 and best.similarity >= 0.6 and not dated and not best.opposite:
        asked_negative = is_negative(q.text)
        polarity = "No" if is_negative(best.text) != asked_negative else "Yes"
    # the sentence after often settles it: "He declined to give a price.", "It was recovered two years later."
    after = next_sentence(best, ranked)
    # … in its paragraph, or in the next when it carries this one on ("That network worked this time, …")
    if after is not None and (_same_paragraph(best, after) and (sequel(best, ranked) or is_negative(after.text))
                              or _PRONOUN_OPENER.match(after.text)):
        if is_negative(after.text) != is_negative(best.text):
            polarity = None
        return Choice([best, after], polarity=polarity)
    return Choice([best], polarity=polarity)


_OPENING = re.compile(r"^\W*(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could)\s+"
                      r"(?:(?:the|a|an|all|any|its|their|his|her)\s+)*([\w-]+)", re.IGNORECASE)


def _asked_subject(question: str) -> str:
    """The term of the lower-case word a yes/no question opens its subject with ("did the captain of the X
    survive" → captain); "" when the subject is a name."""
    match = _OPENING.match(question)
    terms = tokenize(match.group(1)) if match and match.group(1).islower() else []
    return terms[0] if terms else ""


def _plain(q: Question, band: list[Candidate], ranked: list[Candidate]) -> Choice:
    """The best sentence that says something new; a close second one from elsewhere when it adds to it."""
    asked = set(q.terms)
    fresh = [c for c in band if not _restates(c, asked)] or band
    if _SPEECH.search(q.text):
        # "what did X say": the quotation, which the attribution rule keeps with its speaker
        # … on the asked topic, when there is one ("what did she say about empty classrooms")
        fresh = sorted(fresh, key=lambda c: -(c.relevance + 0.1 * bool(_QUOTED.search(c.text))
                                              + 0.1 * bool(set(q.topic) & c.terms)))
    if _is_title(fresh[0]):
        # a headline is the article's summary, not its evidence: the body's best sentence tells it in full
        # ("… as reservoirs fall to 18 per cent" / "after the region's reservoirs fell to 18 per cent of capacity")
        body = next((c for c in ranked if c.source == fresh[0].source and not _is_title(c)), None)
        fresh = [body] + [c for c in fresh if c is not body] if body is not None else fresh
    chosen = [fresh[0]]
    if q.topic and set(q.topic) & chosen[0].terms and _QUOTED.search(chosen[0].text):
        # the quote on the topic, after the sentence naming its speaker a little before it, if any
        named = [c for c in ranked if c.source == chosen[0].source and 0 < chosen[0].order - c.order <= QUOTE_BACK
                 and set(q.speaker) & c.terms]
        return Choice(sorted([*named[:1], chosen[0]], key=lambda c: c.start))
    if _SPEECH.search(q.text) and not _QUOTED.search(chosen[0].text):
        # a sentence that introduces a speaker ("X spoke to reporters") is followed by what was said
        said = next_sentence(chosen[0], ranked)
        if said is not None and _QUOTED.search(said.text):
            return Choice([chosen[0], said])
    for c in fresh[1:3]:
        if c.relevance >= fresh[0].relevance - 0.03 and _jaccard(c.terms, chosen[0].terms) < 0.5:
            chosen.append(c)
            break
    if len(chosen) == 1:
        chosen += sequel(chosen[0], ranked)
    more = _also(q, chosen[0], ranked)
    if more is not None and more not in chosen:
        chosen.append(more)
    return Choice(chosen)


def _also(q: Question, c: Candidate, ranked: list[Candidate]) -> Candidate | None:
    """A sentence further on in c's paragraph that adds to it ("The court ordered X to delete … Y also
    ordered X to pay …"): it says "also" and shares a word of the asked event that is not a name."""
    asked = set(q.event) - q.own_names
    return next((n for n in _rest_of_paragraph(c, ranked) if _ALSO.search(n.text) and asked & n.terms), None)


def _rest_of_paragraph(c: Candidate, ranked: list[Candidate]) -> list[Candidate]:
    """The sentences after c in its paragraph, up to LIST_PARAGRAPH of them, while they are candidates."""
    rest, at = [], c
    while len(rest) < LIST_PARAGRAPH:
        n = next_sentence(at, ranked)
        if n is None or not _same_paragraph(at, n):
            break
        rest.append(n)
        at = n
    return rest


def sequel(c: Candidate, ranked: list[Candidate]) -> list[Candidate]:
    """The next sentence when it carries on this one: it opens with a pronoun, or is a quotation whose
    speaker is only a pronoun ("“We hope …,” it added."), or is what a speaker introduced here said."""
    n = next_sentence(c, ranked)
    if n is None:
        return []
    if _PRONOUN_OPENER.match(n.text) or _PRONOUN_SPEAKER.search(n.text):
        return [n]
    if _SPEECH.search(c.text) and not _QUOTED.search(c.text) and _QUOTED.search(n.text):
        return [n]
    if _SPEECH.search(_QUOTED.sub(" ", c.text)) and _QUOTED.search(c.text) and _QUOTED.fullmatch(n.text.strip()):
        return [n]  # "“…,” said X." then "“…”": X goes on speaking
    return []


ASIDE_WORDS = 6  # a sentence this short is an aside in the telling of an event ("No one was hurt.")


def following(c: Candidate, ranked: list[Candidate]) -> list[Candidate]:
    """The sentence after c, and, when that is a short aside, the one after it in the same paragraph ("… opened on
    Tuesday." then "No one was hurt. The ground gave way at about 4:40 a.m.")."""
    n = next_sentence(c, ranked)
    if n is None:
        return []
    then = next_sentence(n, ranked) if len(n.text.split()) <= ASIDE_WORDS else None
    return [n, then] if then is not None and _same_paragraph(n, then) else [n]


# a sentence's subject that refers back to the paragraph's named subject: a pronoun, or the generic word for a
# business ("the union", "the council" name other parties as often as the one named before)
_REFERS = re.compile(r"^[“\"‘']?(?:it|its|they|their|the (?:company|firm))\b", re.IGNORECASE)


def _paragraph_before(c: Candidate, ranked: list[Candidate]) -> list[Candidate]:
    """The sentences before c in its paragraph, nearest first, while they are candidates."""
    out, at = [], c
    while (before := _sentence_at(at, -1, ranked)) is not None and _same_paragraph(before, at):
        out.append(before)
        at = before
    return out


def next_sentence(c: Candidate, ranked: list[Candidate]) -> Candidate | None:
    """The sentence right after c in its article, when it is among the candidates."""
    return _sentence_at(c, 1, ranked)


def _sentence_at(c: Candidate, step: int, ranked: list[Candidate]) -> Candidate | None:
    """The sentence `step` places from c in its article (-1: just before it), when it is among the candidates."""
    return next((n for n in ranked if n.source == c.source and n.order == c.order + step), None)


def _gather(q: Question, ranked: list[Candidate]) -> Choice | None:
    """A list: items (names of the asked kind) gathered across passages and articles, each cited."""
    best = ranked[0].relevance
    asked = {t for name in q.names for t in tokenize(name)} | set(q.terms)
    seen: set[str] = set()
    parts: list[Candidate] = []
    lead: list[tuple[str, Candidate]] = []
    floor = 0.5 * ranked[0].context
    reach = 0.3 if q.focus else 0.2  # items named beside the asked noun ("President X") may rank lower
    # when some items are named beside the asked noun ("Radio Kellford news network"), those are the list
    def items(c: Candidate) -> list[tuple[int, int]]:
        if _is_title(c) and title_cased(c.text):
            return []
        return c.slots if q.slot else name_spans(c.text)

    def names_focus(c: Candidate) -> bool:
        return bool(q.focus) and any(_names_focus(q, c, span, reach=3) for span in items(c))

    # a sentence off the article's topic still adds an item it names beside the asked noun
    within = [c for c in ranked if c.relevance >= best - reach and (c.context >= floor or names_focus(c))]
    if q.subkind == "names":  # "the names of the two school friends": from sentences on them, not any name
        anchors = set(q.event) - q.own_names - q.known_terms
        within = [c for c in within if anchors & c.terms]
    beside = any(names_focus(c) for c in within)
    for c in _continued(q, within, ranked):
        if len(parts) == MAX_LIST_SENTENCES:
            break
        spans = items(c)
        if beside:
            spans = _with_coordinated(c, spans, [span for span in spans if _names_focus(q, c, span, reach=3)])
        new = []
        for start, end in spans:
            key = " ".join(tokenize(c.text[start:end]))
            if key and key not in seen and not set(key.split()) <= asked:
                new.append((start, end, key))
        if not new:
            continue
        parts.append(c)
        for start, end, key in new:
            seen.add(key)
            lead.append((c.text[start:end], c))
    run = _counted_run(q, ranked, parts, lead)
    if run is not None:
        return run
    if not parts:
        # "the names of …" with none given is a near-miss; other lists show the best sentence
        return None if q.subkind == "names" else Choice([ranked[0]])
    return Choice(parts, lead=lead[:10])


_COUNTED = re.compile(rf"\b({'|'.join(COUNTS)})\s+(?:[\w’'-]+\s+){{0,2}}?([\w’'-]+)", re.IGNORECASE)
_JOINED = re.compile(r"\s*(?:,|and|, and|&)\s*(?:the\s+)?")


def _counted_run(q: Question, ranked: list[Candidate], parts: list[Candidate],
                 lead: list[tuple[str, Candidate]]) -> Choice | None:
    """A list whose count the question or the best sentence gives ("which three riders", "evacuated from three
    towns") and whose items gathered fall short of it: the names the best's article joins in a run of that many,
    in a sentence on the asked event ("the evacuation of Halstead, Upper Brindle and Cotes Marsh")."""
    best = ranked[0]
    counts = [COUNTS[m.group(1).lower()] for text in (q.text, best.text) for m in _COUNTED.finditer(text)
              if set(tokenize(m.group(2))) & set(q.focus)]
    if not counts or len(lead) >= counts[0]:
        return None
    event = set(q.event) - set(q.focus) - q.own_names - {t for t in q.event if t in COUNTS}
    for c in ranked:
        if c.source != best.source or not event & c.terms or _is_title(c):
            continue
        runs: list[list[tuple[int, int]]] = []
        for span in name_spans(c.text):
            if runs and _JOINED.fullmatch(c.text[runs[-1][-1][1]:span[0]]):
                runs[-1].append(span)
            else:
                runs.append([span])
        run = next((r for r in runs if len(r) == counts[0]), None)
        if run is not None:
            return Choice([c], lead=[(c.text[a:b], c) for a, b in run])
    return None


def _told_on(choice: Choice, ranked: list[Candidate]) -> Choice:
    """A list told one item a sentence ("The insurer has made three offers. It will pay … It will cover …"):
    the rest of the best sentence's paragraph joins it."""
    first = choice.parts[0]
    extra = [c for c in _rest_of_paragraph(first, ranked) if c not in choice.parts]
    if not extra:
        return choice
    return Choice(sorted([*choice.parts, *extra], key=lambda c: (c.source != first.source, c.start)), choice.lead,
                  choice.polarity, choice.labels)


def _same_paragraph(a: Candidate, b: Candidate) -> bool:
    """b follows a in its article with no line break between them; across two passages' edge, with only
    one character between them (a space: a paragraph ends in a blank line)."""
    for p in (a.passage, b.passage):
        if p.start <= a.end and b.start <= p.end:
            return "\n" not in p.text[a.end - p.start:b.start - p.start]
    return b.start - a.end <= 1


def _series(q: Question, band: list[Candidate], ranked: list[Candidate]) -> Choice:
    """A list of things ("what topics do the talks cover"): the best sentence that holds a series, its items
    as the lead; without one, the plain answer."""
    asked = frozenset(q.terms)
    event = set(q.event) - q.own_names
    # the band's sentences first; then the few best after them that tell the event ("Among the cancelled
    # operations were …"), where a list is often given after the lede
    further = [c for c in ranked[:SERIES_REACH] if c not in band and event & c.terms]
    # … and, further down, one that names the asked things and the event ("the appeal was brought on three grounds: …")
    further += [c for c in ranked[:NAMED_SERIES_REACH] if c not in band and c not in further
                and set(q.focus) & c.terms and event & c.terms]
    # a sentence naming the asked things ("which systems": "… records system, its x-ray archive …") first, then one
    # holding the asked doing ("what is the union demanding": "The union is demanding X, Y and Z")
    for c in sorted(band + further, key=lambda c: (not set(q.focus) & c.terms, not event & c.terms)):
        items = series_spans(c.text, asked)
        if items and not any(c.text[a].isupper() for a, _ in items):  # things, not a series of names
            return Choice([c], lead=[(c.text[a:b], c) for a, b in items[:10]])
    if q.subkind != "things" or re.match(r"\W*(?:in |of |from |to )?which\b", q.text, re.IGNORECASE):
        # "which two schools are merging", "name the engineers who …": no series of things, but the things have names
        named = _gather(q, ranked)
        if named is not None and named.lead:
            return named
    return _plain(q, band, ranked)


def _continued(q: Question, within: list[Candidate], ranked: list[Candidate]) -> list[Candidate]:
    """A list of dates, numbers or places goes on in the next sentence ("The first strike was at 3:30 …
    The second, at 5:30 …"): a slot-holding sentence right after one that holds the asked detail joins."""
    if not q.slot or q.subkind == "names":
        return within
    out: list[Candidate] = []
    for c in within:
        out.append(c)
        n = next_sentence(c, ranked)
        if n is not None and n.slots and n not in within and n not in out:
            out.append(n)
    return out


def _with_coordinated(c: Candidate, spans: list[tuple[int, int]],
                      kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The kept names and those joined to them by "and" or a comma ("engineers X and Y", "X, Y and Z");
    never a number word ("Two engineers")."""
    out = [s for s in kept if not is_number_word(c.text[s[0]:s[1]])]
    for span in spans:
        if span not in out and out and re.fullmatch(r"\s*(?:,|and|, and|&)\s*", c.text[out[-1][1]:span[0]]):
            out.append(span)
    return out


def _compare(q: Question, ranked: list[Candidate]) -> Choice | None:
    """Each side of a comparison answered on its own, then shown together: among the sentences about a
    side, the one closest in meaning to what was asked of that side."""
    parts, labels = [], []
    named = [_named_side(side) for side in q.sides]
    # what is compared of each side ("the area burned by A" and "that of B"): the question's other words
    compared = set(q.event) - {t for side in named for t in tokenize(side)}
    figures = bool(_QUANTITY_ASKED.search(q.text))  # "how does the fee compare": each side's figure
    gives = _compared_measure(q.text, figures)
    asks_past = bool(q.years) or bool(_PAST_ASKED.search(q.text))  # "which happened earlier", "the last strike"
    # the sentences opening with a reference back ("It", "The company …"), each with its paragraph before it
    openers = {c: _paragraph_before(c, ranked) for c in ranked if _REFERS.match(c.text)}
    sides_named = {t for side in q.sides for t in tokenize(side)}
    for i, side in enumerate(q.sides):
        # a side is named by its first words ("the harbour union described …" → harbour union), after the
        # thing compared ("the area burned by the Marsh fire" → Marsh fire)
        terms = set(tokenize(named[i])[:2])
        about = [c for c in ranked if terms <= (c.terms | set(tokenize(c.passage.title)))
                 or terms <= c.near]
        # … or that refers to it, in the paragraph that names it ("Brantwell disputes the figure. … The company says
        # it is owed 14.2 million crowns")
        whole = set(tokenize(side))
        referring = [c for c, before in openers.items() if any(whole <= p.terms for p in before)]
        about += [c for c in referring if c not in about]
        if not about and len(terms) > 1:
            # "the union federation's figure" for "the Harlin Teachers' Federation": its head noun names it
            head = tokenize(named[i])[-1]
            about = [c for c in ranked if head in c.terms and not _is_title(c)]
        about = [c for c in about if c not in parts]
        # … and not the other side's ("the Fenwick fire burned 1,200 hectares" is not the Marsh fire's)
        others = [n for j, n in enumerate(named) if j != i]
        own = terms - {t for n in others for t in tokenize(n)}  # "marsh", not the "fire" both sides have
        about = [c for c in about if own & c.terms
                 or not any(set(tokenize(n)[:2]) <= c.terms for n in others)] or about
        # … and, where some sentences hold all its words, by those ("the X Brigade", not "the X Division")
        about = [c for c in about if whole <= c.terms or c in referring] or about
        about = [c for c in about if not _is_title(c)] or about  # a headline is context, not a side's view
        # … and not a sentence whose subject is another side ("The union puts the number of X's drivers at …")
        about = [c for c in about if not any(_opens_with(c, n) for n in others) or _opens_with(c, named[i])] or about
        if gives and not any(gives(c.text) for c in about):
            # … and, when none of those gives the measure compared, one beside them that does ("Dornach power
            # station, …" then "The plant, which opened in 1979, …" for "which is older")
            about += [c for c in ranked if terms <= c.near and gives(c.text) and not _is_title(c)
                      and c not in about and c not in parts]
        if figures and len(terms) > 1 and not any(holds_quantity(c.text) for c in about):
            # … and, when none of the sentences naming it gives a figure, one naming its head noun that does
            # ("the bakers' union said about 300 people …" for "the bakers union": its figure in another sentence)
            head = tokenize(named[i])[-1]
            about += [c for c in ranked if head in c.terms and holds_quantity(c.text) and not _is_title(c)
                      and c not in about and c not in parts]
        if figures and gives and not any(gives(c.text) and compared & c.terms and (asks_past or past_from(c.text) != 0)
                                         for c in about):
            # … and, when none of those gives its figure of the thing compared, one of the best sentences that
            # gives a figure and names no side, closer in meaning to what is asked of this side than of the
            # other: a side is often named otherwise there ("The airline has offered 4 percent" for VeltAir)
            about += [c for c in ranked[:FIGURE_REACH] if gives(c.text) and not sides_named & c.terms
                      and _nearer_side(c, i) and not _is_title(c) and c not in about and c not in parts]
        if about:
            # … and not one telling a past event the question does not date ("In March 2021, X cut 60 jobs")
            pick = max(about, key=lambda c: _side_score(c, i) + SIDE_SPEAKS * _speaks(c, terms)
                       + SIDE_COMPARED * _share(compared, c.terms) + SIDE_FIGURE * bool(gives and gives(c.text))
                       - SIDE_PAST * (not asks_past and past_from(c.text) == 0))
            parts.append(pick)
            labels.append(side)
            for goes_on in sequel(pick, ranked):
                parts.append(goes_on)
                labels.append("")
    if not parts:
        return Choice([ranked[0]])
    return Choice(parts, labels=labels)


_OLDER = re.compile(r"\b(?:older|younger|newer)\b", re.IGNORECASE)
_LONGER = re.compile(r"\b(?:longer|shorter)\b", re.IGNORECASE)
_FOUNDED = re.compile(r"\b(?:opened|built|founded|established|completed|constructed|erected|born|launched|formed|"
                      r"created|since|dat(?:es|ed|ing) (?:back )?(?:to|from))\s+(?:in\s+)?(?:\w+\s+)?(?:1[0-9]|20)\d\d\b",
                      re.IGNORECASE)
_PERIOD_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her)\s+(?:past|last|next|previous|coming|first)|\bending|\bafter|"
                            r"\bover)\s+(?:(?:about|nearly|almost|around|some|more than|less than)\s+)?$", re.IGNORECASE)
_MORE = re.compile(r"\b(?:more|fewer|larger|bigger|smaller|higher|lower|greater)\b", re.IGNORECASE)


def _compared_measure(question: str, figures: bool) -> Callable[[str], bool] | None:
    """Whether a side's sentence gives the measure compared: "which is older" an age or a year, "which
    lasted longer" a duration, "which is bigger" or a quantity asked, any figure (None: no measure)."""
    if _OLDER.search(question):
        aged = analyse("how old is it")
        return lambda text: bool(slot_spans(aged, text) or _FOUNDED.search(text))
    if _LONGER.search(question):
        lasted = analyse("how long did it last")
        # not a period before something else ("ending two years of debate", "in the past twelve months")
        return lambda text: any(not _PERIOD_BEFORE.search(text[:a]) for a, _ in slot_spans(lasted, text))
    return holds_quantity if figures or _MORE.search(question) else None


_PAST_ASKED = re.compile(r"\b(?:earlier|earliest|last|previous|first|past|ago|history|when|before|former)\b",
                         re.IGNORECASE)
_QUANTITY_ASKED = re.compile(
    r"\b(?:how (?:much|many|long|far|old)|prices?|fees?|costs?|paid|pay|offers?|ages?|counts?|numbers?|estimates?|"
    r"figures?|shares?|percent(?:age)?s?|rates?|salar(?:y|ies)|altitudes?|heights?|distances?|sizes?|totals?|"
    r"budgets?|cuts?|amounts?|turnouts?|scores?|margins?|seats|votes|area|length)\b", re.IGNORECASE)


def _speaks(c: Candidate, terms: set[str]) -> bool:
    """The side's own words or view: its name stands in the sentence beside a verb of saying ("Hakim said",
    "told X, the spokesman said"), not a mere mention ("the committee, which includes X")."""
    for m in _SPEECH.finditer(c.text):
        window = tokenize(c.text[max(0, m.start() - 40):m.end() + 40])
        if terms <= set(window):
            return True
    return False


def _opens_with(c: Candidate, side: str) -> bool:
    """The sentence's subject is the side: its words stand among the sentence's first few."""
    terms = set(tokenize(side)[:2])
    return bool(terms) and terms <= set(tokenize(" ".join(re.split(r"[,;:]", c.text, maxsplit=1)[0].split()[:SUBJECT_WORDS])))


SUBJECT_WORDS = 4  # the words opening a sentence in which its subject stands ("The city's union said …")


def _named_side(side: str) -> str:
    """What a side names, after the thing compared of it: "area burned by the Marsh fire" → "Marsh fire"."""
    parts = re.split(r"\s+(?:by|of|for)\s+(?:the\s+)?", side)
    return parts[-1] if len(parts) > 1 and parts[-1][:1].isupper() else side


def _nearer_side(c: Candidate, side: int) -> bool:
    """The sentence is closer in meaning to what is asked of this side than to what is asked of any other."""
    own = c.side_similarity[side] if len(c.side_similarity) > side else 0.0
    return all(own > other for j, other in enumerate(c.side_similarity) if j != side)


def _share(terms: set[str], of: frozenset[str]) -> float:
    return len(terms & of) / len(terms) if terms else 0.0


def _side_score(c: Candidate, side: int) -> float:
    similarity = c.side_similarity[side] if len(c.side_similarity) > side else c.similarity
    return 0.25 * similarity + 0.25 * c.similarity + 0.5 * c.context


def _across(q: Question, ranked: list[Candidate]) -> Choice:
    """A comparison with no named sides ("how do the articles differ on X"): the best sentence of each
    of the (up to three) articles that speak to it, so the answer shows where they agree or differ."""
    best = ranked[0].relevance
    parts: list[Candidate] = []
    for c in ranked:
        if c.relevance < best - ACROSS_BAND or len(parts) == 3:
            break
        if all(p.source != c.source for p in parts):
            parts.append(c)
    if len(parts) == 1:
        # one article speaks to it: its next best sentence is the other thing it sets beside the first
        # ("… last Friday, an ambush." / "Two soldiers were killed in Kirkuk on Tuesday.")
        others = [c for c in ranked[1:] if c.source == parts[0].source and c.relevance >= best - 2 * ACROSS_BAND
                  and not _is_title(c)]
        if _QUANTITY_ASKED.search(q.text) and holds_quantity(parts[0].text):
            # "how much does each side say is done": the other side's account gives its own figure
            others = [c for c in others if holds_quantity(c.text)] or others
        other = others[0] if others else None
        return Choice(sorted(parts + [other], key=lambda c: c.start) if other else parts)
    return Choice(parts, labels=[p.passage.title or p.source for p in parts] if len(parts) > 1 else [])


def overview(q: Question, candidates: list[Candidate]) -> Choice | None:
    """A digest: each relevant article's title and its most central sentence (its lede, or the one most
    about the question's topic), articles in order of relevance."""
    by_source: dict[str, list[Candidate]] = {}
    for c in candidates:
        by_source.setdefault(c.source, []).append(c)
    topical = bool(q.event)
    order = sorted(by_source, key=lambda s: -max(c.relevance for c in by_source[s]))
    single = topical and bool(_ONE_ARTICLE.search(q.text))
    parts, labels = [], []
    for source in order[:1] if single else order[:MAX_DIGEST_ARTICLES]:
        group = sorted(by_source[source], key=lambda c: c.start)
        body = [c for c in group if not _is_title(c) and len(c.text) >= 60] or group
        if single:
            # one article: its lede, then its sentences most about the question, in reading order
            picks = [body[0]] + sorted(body[1:], key=lambda c: -c.relevance)[:3]
            for pick in sorted(dict.fromkeys(picks), key=lambda c: c.start):
                parts.append(pick)
                labels.append("")
            labels[0] = body[0].passage.title or source
            continue
        pick = max(body, key=lambda c: c.relevance) if topical else body[0]
        if topical and pick.relevance < max(c.relevance for c in candidates) - 0.25:
            continue
        parts.append(pick)
        labels.append(pick.passage.title or source)
    return Choice(parts, labels=labels) if parts else None


_ONE_ARTICLE = re.compile(r"\b(?:the|this|that) (?:article|piece|story|report)\b(?! (?:about|on) (?:all|both))",
                          re.IGNORECASE)


def _is_title(c: Candidate) -> bool:
    fold = lambda s: " ".join(tokenize(s))
    return c.start == 0 or fold(c.text) == fold(c.passage.title)


def render(q: Question, choice: Choice, text_of: Callable[[str], str] | None) -> Draft:
    """The answer text (lead, then each quote with its [n]), its citations and its sentences."""
    citations: dict[tuple[str, int, int], Citation] = {}
    quoted: list[tuple[Citation, str]] = []
    for i, part in enumerate(choice.parts):
        start, end, quote = _attributed(part, text_of)
        key = (part.source, start, end)
        if quoted and i and choice.parts[i - 1].source == part.source and start == choice.parts[i - 1].start:
            # a sequel grown back over the part just shown: one quote for both, under the same number
            old = quoted[-1][0]
            if old.start < start <= old.end:  # the quote before reaches further back: keep its start
                quote, start = old.quote[:start - old.start] + quote, old.start
            merged = Citation(old.id, part.source, part.passage.title, quote, start, end, old.score)
            citations = {(k if v is not old else key): (v if v is not old else merged) for k, v in citations.items()}
            quoted = [(merged if c is old else c, label) for c, label in quoted]
        if key not in citations:
            citations[key] = Citation(len(citations) + 1, part.source, part.passage.title, quote, start, end,
                                      round(part.relevance, 4))
        label = choice.labels[i] if i < len(choice.labels) else ""
        quoted.append((citations[key], label))
    ids = {id(part): quoted[i][0].id for i, part in enumerate(choice.parts)}
    sentences: list[Sentence] = []
    pieces: list[str] = []
    short = None
    if choice.lead:
        leads = list(dict.fromkeys(_lead_text(span) for span, _ in choice.lead))
        short = ", ".join(leads)
        numbers = tuple(dict.fromkeys(ids[id(part)] for _, part in choice.lead))
        pieces.append(f"{short} {''.join(f'[{n}]' for n in numbers)} —")
        sentences.append(Sentence(short, numbers, True, 1.0))
    elif choice.polarity:
        short = choice.polarity
        pieces.append(f"{short}: ")
        sentences.append(Sentence(short, (quoted[0][0].id,), True, 1.0))
    shown: set[int] = set()
    for citation, label in quoted:
        if citation.id in shown:
            continue
        shown.add(citation.id)
        prefix = f"{label}: " if label else ""
        pieces.append(f"{prefix}{citation.quote} [{citation.id}]")
        sentences.append(Sentence(citation.quote, (citation.id,), True, citation.score))
    text = " ".join(pieces).replace(":  ", ": ")
    return Draft(text, False, tuple(citations.values()), (), sentences=tuple(sentences), short=short)


def _lead_text(span: str) -> str:
    """A lead without the punctuation around it, but with an abbreviation's last dot ("3 p.m.", "Jr.")."""
    text = span.strip(" ,.;:“”\"'")
    if span.rstrip().endswith(".") and re.search(r"(?:\b[a-zA-Z]\.[a-zA-Z]|\bJr|\bSr)$", text):
        text += "."
    return text


def _attributed(c: Candidate, text_of: Callable[[str], str] | None) -> tuple[int, int, str]:
    """The sentence, grown backwards to the previous sentence when it opens with a pronoun or a
    connective, or is a quotation whose speaker is only "he"/"she": still an exact slice of the text."""
    pronoun = _PRONOUN_OPENER.match(c.text)
    connective = _OPENER.match(c.text) and not name_spans(c.text)
    if not (pronoun or connective or _PRONOUN_SPEAKER.search(c.text) or _bare_quotation(c.text)):
        return c.start, c.end, c.text
    passage = c.passage
    offset = c.start - passage.start
    text, base = passage.text, passage.start
    if offset <= 0 and text_of is not None:
        try:
            full = text_of(c.source)
        except (OSError, ValueError):  # the file is gone or unreadable: keep the sentence as it is
            full = ""
        if full[c.start:c.end] == c.text:
            text, base, offset = full, 0, c.start
    if offset <= 0:
        return c.start, c.end, c.text
    # from a paragraph's start, so the split does not begin inside a quotation and run it on to the sentence
    before = sentence_spans(text, text.rfind("\n", 0, max(0, offset - ATTRIBUTION_REACH)) + 1, offset)
    if not before:
        return c.start, c.end, c.text
    start = before[-1][0] + base
    quote = text[start - base:c.end - base]
    return start, c.end, quote


def _bare_quotation(sentence: str) -> bool:
    """A sentence that is only a quotation, with no name outside the quotation marks."""
    s = sentence.strip()
    if not s[:1] in "“\"":
        return False
    outside = re.sub(r"[“\"][^”\"]*[”\"]", " ", s)
    return not name_spans(outside)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0

