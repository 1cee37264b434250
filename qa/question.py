"""Question analysis, once per question: its kind, the slot an answer fills, its focus and event terms.

The scorer, the abstention rule and the composer all read this one value instead of re-parsing the
question. Word lists here are general English (wh-words, role nouns, causal markers), never names or
phrases from a particular corpus.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from qa import gazetteer, inflections, synonyms
from qa.injection import addresses_assistant
from qa.series import COUNTS
from vectorstore.tokens import STOP_WORDS, tokenize

# kinds: what the user wants back
KINDS = ("who", "what", "when", "where", "count", "why", "how", "yes_no", "list", "comparison",
         "overview", "definition")
# slots: the kind of span a short lead answer is (None: the evidence is the answer)
SLOTS = ("person", "agent", "org", "number", "date", "place")  # agent: a person or an organisation

_LEADING = re.compile(r"^(?:and|but|so|also|then|ok|okay|well|now|please|hey|about|approximately|roughly|"
                      r"exactly|precisely|in short|briefly)[,]?\s+(?=\w)", re.IGNORECASE)
_AUX = r"(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|shall|may|might|must)"
_OVERVIEW = re.compile(
    r"^(?:summari[sz]e|sum up|recap|give (?:me )?(?:a |an )?(?:short |brief |quick )?(?:overview|summary|rundown|"
    r"recap|gist)|(?:a |an )?(?:overview|summary) of|tl;?dr|what (?:are|is) (?:these|the|this|those) "
    r"(?:articles?|stories|story|pieces?|reports?|news|coverage)(?: \w+){0,6} about|what do (?:these|the) "
    r"(?:articles?|stories|reports?) (?:say|cover|report)|what (?:is|are) the (?:main|key) (?:points?|takeaways?))"
    r"|\b(?:summary|overview|main points|gist) of\b",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:compare[sd]?|comparison|contrast|differ(?:s|ed|ence|ences|ent|ently)?|versus|vs\.?|similarit(?:y|ies)|"
    r"in common|same as|unlike|similar to|apart from)\b"
    # "do all the articles agree on …": the sources set side by side
    r"|\b(?:articles?|reports?|sources?|stories|outlets|accounts?)\b.*\b(?:agree|disagree|consistent|conflict)"
    # "did A and B agree", "what do A and B each say", "between A and B, who …", "who sent more, A or B"
    r"|\b\w+\s+and\s+(?:the\s+)?\w+(?:\s+\w+){0,3}?\s+(?:agree|disagree|see eye to eye|each)\b"
    r"|^between\s+.+?\s+and\s+.+?,"
    r"|^(?:who|which|what)\b[^,:]+[,:]\s*(?:the\s+)?[\w’' -]+?\s+or\s+(?:the\s+)?[\w’' -]+\?*$"
    # "were more people evacuated in A than workers at B": two counts set side by side
    r"|^(?:is|are|was|were|did|do|does|has|have|had)\s+(?:there\s+)?(?:more|fewer)\s+.+\bthan\b",
    re.IGNORECASE,
)
_WHY = re.compile(r"^(?:why|for what reason|what (?:was|is|were|are) the (?:reason|cause|motive|purpose)s?|"
                  r"what (?:made|caused|prompted|led|drove|pushed)|how come)\b", re.IGNORECASE)
_COUNT_LEADS = ("on", "in", "for", "at", "of", "to")  # "on how many occasions", "for how long"
_COUNT = re.compile(rf"^(?:(?:{'|'.join(_COUNT_LEADS)}) )?(?:how (?:many|much|long|old|far|often|big|large|deep|"
                    r"high|tall|wide|heavy)|what "
                    r"(?:number|percent(?:age)?|share|proportion|fraction|amount|size|age|(?:[a-z]+ )?rate)|"
                    r"(?:at|by) (?:what|which) age|"
                    r"by how much)\b|\bnumber of\b", re.IGNORECASE)
_DATE = re.compile(r"^(?:when|what (?:year|date|day|month|times?|hour|deadline)|"
                   r"(?:on|at) what (?:day|date|times?|hour)|in what (?:year|month)|which (?:year|day|month|date)|"
                   r"since when|until when|by when|"
                   r"(?:by|before) (?:what|which) (?:date|day|deadline|time))\b", re.IGNORECASE)
_PLACE_KINDS = "city|country|province|town|region|place|area|state"  # "which city": the kind of place asked
_PLACE = re.compile(rf"^(?:where|in (?:what|which) (?:{_PLACE_KINDS})|(?:what|which) (?:{_PLACE_KINDS})|from where)\b",
                    re.IGNORECASE)
_PLACE_KIND = re.compile(rf"^(?:in |from )?(?:what|which) ({_PLACE_KINDS})\b")
_WHO = re.compile(r"^(?:who|whom|whose)\b", re.IGNORECASE)
_HOW = re.compile(r"^(?:how|in what way|by what means)\b", re.IGNORECASE)
_LIST_VERB = re.compile(r"^(?:list|name|enumerate|identify|mention)\b|^(?:who|what|which) (?:are|were) (?:the|all)\b"
                        r"|\b(?:all the|every|each of the)\b", re.IGNORECASE)
_YES_NO = re.compile(rf"^{_AUX}(?:n['’]t)?\s", re.IGNORECASE)
_CLAUSE_THEN_YES_NO = re.compile(rf"^(?:when|after|before|while|once|since|as)\b[^,?]{{3,80}},\s*{_AUX}(?:n['’]t)?\s",
                                 re.IGNORECASE)
_DEFINITION = re.compile(r"^(?:who|what) (?:is|are|was|were) (?!the (?:name|number|reason)\b)(.+?)\??$",
                         re.IGNORECASE)

# General role and category nouns that say which slot a "which/what NOUN" question asks for.
_PERSON_NOUNS = frozenset(
    ["person", "people", "man", "woman", "men", "women", "official", "officials", "leader", "leaders", "minister", "ministers", "president", "presidents", "spokesman", "spokeswoman", "spokesperson", "commander", "commanders", "general", "generals", "politician", "politicians", "lawmaker", "lawmakers", "diplomat", "diplomats", "envoy", "envoys", "ambassador", "adviser", "advisor", "chief", "head", "figure", "figures", "candidate", "candidates", "author", "reporter", "journalist", "king", "queen", "prince", "ceo", "cfo", "coo", "cto", "founder", "chairman", "chairwoman", "director", "secretary", "senator", "governor", "mayor", "judge", "coach", "player", "players", "winner", "owner", "member", "members", "scientist", "officer", "officers", "analyst", "analysts", "expert", "experts", "researcher", "professor", "lawyer", "activist", "editor", "photographer", "correspondent", "negotiator", "executive", "manager", "premier", "chancellor", "boss", "captain", "pilot", "driver", "doctor", "surgeon", "nurse", "engineer", "inspector", "prosecutor", "detective", "commissioner", "curator", "architect", "treasurer", "investigator", "economist", "historian", "organiser", "organizer", "referee", "artist", "painter", "novelist", "priest", "bishop", "worker", "employee", "guard", "witness", "victim", "passenger", "resident", "student", "teacher", "farmer", "soldier", "firefighter", "rescuer", "survivor"]
)
_ORG_NOUNS = frozenset(
    ["group", "groups", "organisation", "organization", "organisations", "organizations", "party", "parties", "movement", "movements", "alliance", "alliances", "faction", "factions", "coalition", "company", "companies", "agency", "agencies", "network", "networks", "militia", "militias", "bloc", "blocs", "outlet", "outlets", "newspaper", "newspapers", "channel", "channels", "team", "teams", "body", "bodies", "government", "governments", "institution", "institutions", "committee", "committees", "union", "unions", "force", "forces", "station", "stations", "broadcaster", "broadcasters", "brigade", "brigades", "army", "armies"]
)
_PLACE_NOUNS = frozenset(
    ["country", "countries", "city", "cities", "place", "places", "province", "provinces", "town", "towns", "region", "regions", "state", "states", "capital", "base", "bases", "location", "locations", "venue", "area", "areas", "border", "site", "sites"]
)
_ROLES = _PERSON_NOUNS - {"person", "people", "man", "woman", "men", "women", "figure", "figures", "member",
                           "members"}
_GENERIC_PERSON = frozenset(["person", "people", "man", "woman", "men", "women", "official", "officials", "leader",
                             "leaders", "head", "chief", "figure", "figures", "member", "members", "politician",
                             "politicians"])
_DATE_NOUNS = frozenset(["year", "years", "date", "dates", "day", "days", "month", "months", "time", "deadline"])
COUNT_WORDS = frozenset(tokenize("number total count toll figure amount rate"))  # words naming a count, not what is counted
_NUMBER_NOUNS = frozenset(["number", "amount", "total", "percentage", "percent", "share", "price", "cost", "figure", "size",
                           "count", "toll"])
_WH = frozenset(["who", "whom", "whose", "what", "which", "when", "where", "why", "how"])
_FILLER = STOP_WORDS | _WH | {"articl", "article", "articles", "stori", "stories", "report", "mention",
                              "accord", "name", "list", "tell", "give", "explain", "describ", "summar", "compar",
                              "differ", "contrast", "similar", "versus", "vs", "overview", "summari"}


@dataclass(frozen=True)
class Question:
    """One analysed question. Terms are stemmed tokens (vectorstore.tokens.tokenize)."""

    text: str
    kind: str  # one of KINDS
    slot: str | None  # one of SLOTS, or None
    terms: tuple[str, ...]  # every content term, in order
    event: tuple[str, ...]  # the terms that pin down which event is asked about (no slot or wh words)
    focus: tuple[str, ...]  # the slot's head noun terms ("troops" in "how many troops")
    names: tuple[str, ...] = ()  # surface names written in the question ("Nasr al-Shammari")
    entities: tuple[str, ...] = ()  # stemmed terms of names and numbers: what an answer must be about
    sides: tuple[str, ...] = ()  # for comparisons: the two things compared, as written
    subkind: str = ""  # counts: "age", "duration", "distance", "money", "frequency", "sentence" (a prison term);
    # "leader" for "who leads X"; "name" for "the name of the (thing)", whose answer is no person's name;
    # "names" for "the names of the …" (a list of names, none of which a near-miss gives)
    group: tuple[str, ...] = ()  # the modifiers before the focus noun: "how many (Velorian) sailors"
    topic: tuple[str, ...] = ()  # "what did X say about (Y)": the terms of what was said about …
    speaker: tuple[str, ...] = ()  # … and of who said it (X)
    known: tuple[frozenset[str], ...] = ()  # countries and organisations named in any case, each as its forms' terms
    years: tuple[str, ...] = ()  # the years the question names ("who won the cup in 2019"): the asked event's
    own_names: frozenset[str] = frozenset()  # terms of its written names, less countries, demonyms, "al": no answer
    weekdays: tuple[str, ...] = ()  # the weekdays it names ("last friday's ambush"): the asked event's
    months: tuple[str, ...] = ()  # the months it names as dates ("the second bid in june"): the asked event's
    timed: frozenset[str] = frozenset()  # a time it names from now ("this year's regatta"): when, not what, it asks
    deed: str = ""  # "who directed X": the asked doer's verb term; a name right after it is what was done to
    counted: tuple[str, ...] = ()  # a count's phrase, up to its verb: "how many (strikes with rockets) are …"
    future: bool = False  # "when will X be completed": a coming event's date is asked
    measured: frozenset[str] = frozenset()  # the event terms a measure stands for: "mass" for "1,450 kilograms"
    harm: frozenset[str] = frozenset()  # "how many died": the words of the asked harm (deaths, injuries, arrests)

    def tells_harm(self, terms: frozenset[str]) -> bool:
        """A sentence's terms hold the asked harm ("how many died": killed, deaths …), or none is asked."""
        return not self.harm or bool(self.harm & terms)

    @property
    def harm_terms(self) -> frozenset[str]:
        """The event terms that name a harm, of any question ("did anyone die": die), each met in a
        sentence by any of its harm's words ("No deaths were reported")."""
        return frozenset(t for t in self.event if harm_words((t,)))

    @property
    def known_terms(self) -> frozenset[str]:
        """Every form's terms of the countries and organisations it names ("french" → french, france)."""
        return frozenset().union(*self.known)


_DAY_ASKED = re.compile(r"\b(?:exact|precise) (?:date|day)\b|\b(?:what|which) (?:date|exact date)\b")
_ACCORDING_FIRST = re.compile(r"^(?:according to [^,?]{1,80},\s*(?=\w)|(?:besides|aside from|apart from|other than|"
                              r"except for) [^,?]{1,80},\s*(?=(?:which|what|who) (?:other|else)\b))", re.IGNORECASE)
_SENTENCE_ASKED = re.compile(r"^(?:what|which)\s+(?:(?:prison|jail)\s+(?:sentence|term)|sentence)\b")
_MIDWAY_ASKED = re.compile(r"^(?!(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|"
                           r"will|would|has|have|had|should|name|list|compare|summari[sz]e|tell|give|describe|explain)\b)"
                           r"([^?:,]{3,80}?)\s+((?:how (?:many|much|long|old|far)|when|where)\b[^?]*)$", re.IGNORECASE)
_COUNTED_DEED = re.compile(r"\W*how many\s+\w+ed\s+([a-z]+)$")
_WH_CONTRACTION = re.compile(r"^(what|who|where|when|how|which)['’]s\b", re.IGNORECASE)


def analyse(text: str) -> Question:
    """The one analysis of a question every part of the answerer reads."""
    core = _WH_CONTRACTION.sub(lambda m: m.group(1) + " is", _core(text))  # "what's the name of …"
    lower = core.lower()
    # "according to the union, why did …", "besides X, which other …": the question's kind is told after whose
    # account it asks, or what it sets aside (only before "which other": "besides its trains, which part of
    # the network …" asks a thing that has no name)
    asked = _ACCORDING_FIRST.sub("", core)
    midway = _MIDWAY_ASKED.match(asked)
    if midway:  # "brightwell breach how many customers affected": a search-box query asks from its question words on
        asked = midway.group(2)
    kind, slot, focus_words, subkind = _kind_and_slot(asked, asked.lower())
    if slot == "date" and not subkind and _DAY_ASKED.search(lower):
        subkind = "day"  # "on what date", "the exact date": a day, not the month or year alone
    terms = tuple(tokenize(core))
    # the head noun of the asked phrase ("soldiers" in "how many American soldiers"), unless it is a
    # generic person word ("which official"), which any name may answer
    head = _head_noun(focus_words[-1].split()) if focus_words else ""
    role = kind == "who" and slot == "person" and bool(re.match(r"^who\s+(?:is|was|are|were)\b", lower))
    if head in _GENERIC_PERSON and not role and slot != "number":
        focus: tuple[str, ...] = ()
    elif slot == "person" and focus_words:
        focus = tuple(t for w in focus_words for t in tokenize(w))  # the whole role: "defence minister"
    else:
        focus = tuple(tokenize(head))
    deed_counted = _COUNTED_DEED.match(asked.lower())
    if slot == "number" and deed_counted and not _is_plural(deed_counted.group(1)):
        focus = ()  # "how many rescued alive": no noun counted (unlike "how many injured workers")
    names = tuple(_names(core))
    entities = tuple(question_entities(core))
    # category words ("which groups", "what year") say nothing of the event; a role ("the mayor") does
    generic = {t for w in focus_words for t in tokenize(w) if _slot_of(w) is not None and w not in _ROLES}
    kind_noun = _PLACE_KIND.match(lower) if kind == "where" else None
    if kind_noun:
        generic.add(tokenize(kind_noun.group(1))[0])  # "which city did X hit": "Y City" is not the event
    if subkind == "things":
        generic |= set(tokenize(focus_words[0]))  # "what topics": the asked category, not the event
    if slot == "date" and subkind:
        generic |= set(tokenize(subkind))  # "what time did X": "local time" in a sentence is not the event
        generic |= set(tokenize("hour")) if subkind == "time" else set()  # "at what hour": as "at what time"
    if slot == "date":
        generic |= {t for w in _DAY_ASKED.findall(lower) for t in tokenize(w)}  # "the exact date": no event word
    if slot == "number":
        generic |= COUNT_WORDS  # "dorn death toll", "the total number of X": the count, not the event
    event = tuple(t for t in dict.fromkeys(terms) if t not in generic and t not in _FILLER)
    sides = _sides(core) if kind == "comparison" else ()
    if not event and kind != "overview":
        event = tuple(dict.fromkeys(terms))
    if slot in ("person", "agent") and (_LEADS.match(lower) or _LEADS_CLAUSE.search(lower)):
        slot, subkind = "person", "leader"
    known = gazetteer.named(core)
    return Question(text=text, kind=kind, slot=slot, terms=terms, event=event, focus=focus, names=names,
                    entities=entities, sides=sides, subkind=subkind, group=_group(text, focus),
                    known=known, years=tuple(dict.fromkeys(years_in(core))), own_names=_own_names(names, known),
                    weekdays=tuple(dict.fromkeys(weekdays_in(core))), months=tuple(dict.fromkeys(months_in(core))),
                    timed=relative_times(text),
                    deed=_deed(lower) if slot in ("person", "agent") else "",
                    counted=tuple(tokenize(counted_phrase(text))), future=bool(_FUTURE_ASKED.search(text)),
                    measured=frozenset(event) & _MEASURE_TERMS.get(subkind, frozenset()),
                    harm=harm_words(terms) if slot == "number" else frozenset(),
                    **_said_about(core))


# kinds of harm a count may be asked of: a count of another kind (people evacuated, cases) is no answer
_HARMS = tuple(frozenset(tokenize(words)) for words in (
    "die died dies dying dead death deaths kill killed kills killing fatalities fatality fatal",
    "injure injured injures injuring injury injuries wound wounded wounding hurt",
    "arrest arrested arrests detain detained detention",
    "missing unaccounted",
))


# the ways a figure moves, a firm's stock, and an attack, each told in several words ("Velta's stock price fell" /
# "Shares dropped 17 percent", "when did the second one hit" / "The second attack … took place at 5:30 pm"): an
# asked one is met by any word of its group
_TOLD_ALIKE = tuple(frozenset(tokenize(words)) for words in (
    ("fall fell fallen falls falling drop dropped drops dropping decline declined declines declining slide slid "
     "slides sliding plunge plunged plunges tumble tumbled tumbles slump slumped slumps sank sink sinks"),
    "rise rose risen rises rising jump jumped jumps climb climbed climbs soar soared soars surge surged surges",
    "stock stocks shares",
    "attack attacked attacks attacking hit hits hitting",
))


def alike_words(term: str) -> frozenset[str]:
    """The other words of the asked term's group in _TOLD_ALIKE ("fall" → drop, decline, slide, …; "hit" →
    attack, attacked, …); empty for others."""
    return frozenset().union(*(group for group in _TOLD_ALIKE if term in group)) - {term}


def harm_words(terms: tuple[str, ...]) -> frozenset[str]:
    """The words of the harm a count question asks of ("how many people died" → die, death, kill, …)."""
    return frozenset().union(*(harm for harm in _HARMS if harm & set(terms)))


# "when will the review be completed", "when is the vote due": the date of a coming event
_FUTURE_ASKED = re.compile(r"\b(?:when|what date|what day|by when)\b.*\b(?:will|would)\b|"
                           r"\b(?:when|(?:what|which) (?:date|day|month|year|week)(?: of \d{4})?) (?:is|are)\b.*\b(?:due|expected|"
                           r"scheduled|set|planned|going)\b", re.IGNORECASE)
_COUNTED = re.compile(rf"\bhow (?:many|much)\s+(.+?)\s+{_AUX}\b", re.IGNORECASE)


def counted_phrase(text: str) -> str:
    """What a count question counts, up to its verb: "how many strikes with rockets are …" → "strikes with
    rockets"; "" for other questions."""
    match = _COUNTED.search(text)
    return match.group(1) if match else ""


def _own_names(names: tuple[str, ...], known: tuple[frozenset[str], ...]) -> frozenset[str]:
    """The terms of the names the question writes, less countries, demonyms and particles ("al"): a span
    holding one of them says the asked name again ("Velcorp CEO …" for "who is Velcorp's CEO")."""
    countries = {t for forms in known for t in forms}
    terms = {t for name in names for t in tokenize(name) if len(t) > 2 and not t.isdigit()} - countries
    return frozenset(t for t in terms if not gazetteer.is_demonym(t))


_WHO_DID = re.compile(rf"^who\s+(?!{_AUX}\b)([a-z]+)\s+\S")


def _deed(lower: str) -> str:
    """ "who directed the film": "direct"; "who is …", "who did they …": none."""
    m = _WHO_DID.match(lower)
    terms = tokenize(m.group(1)) if m else []
    return terms[0] if terms else ""


_BEFORE_DEED = frozenset(["is", "are", "was", "were", "will", "would", "has", "have", "had"])


def asked_deed(q: Question) -> str:
    """The verb term of what the asked one did: "who directed the film" → direct; "which company is building
    the line" → build (the word after the asked noun, past an auxiliary); "" when there is none."""
    if q.deed or not q.focus:
        return q.deed
    words = re.findall(r"[a-z’'-]+", q.text.lower())
    at = next((i for i, w in enumerate(words) if tokenize(w)[:1] == [q.focus[0]]), None)
    if at is None:
        return ""
    # "which date do investigators think …": after "do", the sentence's subject, not what the asked one did
    after = words[at + 1:at + 3]
    after = after[1:] if after[:1] and after[0] in _BEFORE_DEED else after
    after = after[:1] if after and not re.fullmatch(_AUX, after[0]) else []
    terms = tokenize(after[0]) if after else []
    return terms[0] if terms and terms[0] in q.event else ""


# verbs that say only that something happened, whose time any sentence on the event may give
_HAPPENING = frozenset(tokenize("happen occur take place be begin start come go get hold due put make give do have set"))
# verbs of saying or thinking, before the deed asked of: "which date do investigators think the blaze began"
_REPORTING = frozenset(tokenize("think believe say tell expect know estimate suggest report claim fear hope"))
_OWNING = frozenset(["the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those"])


def dated_deed(q: Question) -> str:
    """The verb term of the deed whose time a "when" question asks ("when did Kadhimi arrive in Washington" →
    arriv): the first lower-case word after the auxiliary whose commonest use is a verb's, not one after a
    determiner ("the strike"); "" for a deed that says only that something happened ("take place", "start")."""
    if q.slot != "date":
        return ""
    words = re.findall(r"[\w’'-]+", q.text)
    aux = next((i for i, w in enumerate(words) if re.fullmatch(_AUX, w.lower())), None)
    if aux is None:
        return ""
    for before, word in itertools.pairwise(words[aux:]):
        if word.islower() and before.lower() not in _OWNING and not before.endswith(("’s", "'s")) \
                and synonyms.is_verb(word):
            terms = set(tokenize(word)[:1])
            forms = terms.union(*map(inflections.forms, terms))  # "began": begin
            if forms & _REPORTING:
                continue
            return next(iter(terms)) if terms and not forms & _HAPPENING and terms <= set(q.event) else ""
    return ""


# a yes/no question on what was said, known or decided: "did not say whether …" answers it
_TELLING_ASKED = re.compile(r"\b(?:say|said|tell|told|disclose\w*|reveal\w*|confirm\w*|announce\w*|know|known|"
                            r"decide\w*|whether)\b", re.IGNORECASE)


def asks_what_was_told(text: str) -> bool:
    """The question asks what was said, known or decided ("did the ministry say how many …")."""
    return bool(_TELLING_ASKED.search(text))


_YEAR = re.compile(r"(?<![\w$£€.,-])(?:1[6-9]|20)\d\d(?![\w]|[.,]\d)")


_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)


# a month named as a date ("in June", "June 14"), not "the march" nor "it may"
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH_NAMES = "|".join(m for m in MONTHS if m != "may")  # "may" only with a day ("May 3"): else the verb
_MONTH = re.compile(rf"\b(?:in|on|of|since|by|until|during|early|late|mid-?)\s+({_MONTH_NAMES})\b|"
                    rf"\b({_MONTH_NAMES}|may)\s+\d{{1,2}}\b", re.IGNORECASE)


def months_in(text: str) -> list[str]:
    """The months a text names as dates, lowercase ("in June", "on March 3" → june, march)."""
    return [(m.group(1) or m.group(2)).lower() for m in _MONTH.finditer(text)]


def weekdays_in(text: str) -> list[str]:
    """The weekdays a text names, lowercase ("on Tuesday" → tuesday)."""
    return [m.group().lower() for m in _WEEKDAY.finditer(text)]


_RELATIVE_TIME = re.compile(r"\b(?:this|last|next|that|the coming|the past)\s+(year|season|week|month|spring|summer|"
                            r"autumn|winter)(?:['’]s)?\b", re.IGNORECASE)


def relative_times(text: str) -> frozenset[str]:
    """The terms of a time a text names only from now ("this year's regatta", "last season"): when the asked
    event happened, not what it is, so no sentence need hold them to tell of it ("ferries older than 25 years")."""
    return frozenset(t for m in _RELATIVE_TIME.finditer(text) for t in tokenize(m.group(1)))


_ACCOUNT_OF = re.compile(r"\baccording to (?:the\s+)?([^,?]{2,60}?)\s*(?:[,?]|$)", re.IGNORECASE)


def account_speaker(text: str) -> frozenset[str]:
    """The term naming whose account a question asks ("according to Oliver Brandt": brandt; "according to the
    interior minister": minist; "according to the government": govern); empty for none, for people or a pronoun
    ("according to officials"), or for a text ("according to the coverage of X's reaction")."""
    account = _ACCOUNT_OF.search(text)
    if not account:
        return frozenset()
    phrase = account.group(1)
    named = [name for name in _names(phrase) if name[:1].isupper() and phrase.rstrip().endswith(name)]
    last = phrase.split()[-1].lower()
    if named:  # the phrase ends in a name ("chief executive Oliver Brandt"): its surname
        return frozenset(tokenize(named[-1])[-1:])
    # a person's role, or a body that speaks as one ("according to the regional government")
    return frozenset(tokenize(last)) if (last in _ROLES or last in _ORG_NOUNS) and not _is_plural(last) else frozenset()


# "how did Kessler explain the bad season", "why did Jonas Brekke say he lost": the named person gives the reason
_EXPLAINED_BY = re.compile(r"\b(?:[Hh]ow|[Ww]hy) (?:did|does|do|has|have|would) ((?:[A-Z][\w’'-]+ ){1,3}?)"
                           r"(?:explain|justify|account for|say|argue|defend)\b")


def explainer(text: str) -> str:
    """The surname, as written, of the person whose explanation a why/how question asks ("how did Anton Kessler
    explain …": Kessler); "" for none."""
    match = _EXPLAINED_BY.search(text)
    return match.group(1).split()[-1] if match else ""


def years_in(text: str) -> list[str]:
    """The four-digit years a text names ("in 2019", "2019's", "the 2018 final"); not amounts ("2,019")
    nor parts of codes."""
    return _YEAR.findall(text)


# "who leads X": the answer is the person a sentence calls X's leader, not any member of X
_LEADING_VERBS = r"(?:heads?|headed|leads?|led|commands?|commanded|chairs?|chaired|founded|runs?|ran)"
_LEADS = re.compile(rf"^who\s+(?:(?:will|would|is (?:going|set) to|is to)\s+)?{_LEADING_VERBS}\b")  # "who will run X" too
# "the name of the man who led the team": the same question, asked through a person noun
_LEADS_CLAUSE = re.compile(rf"\b(?:man|woman|person|official|one|figure)\s+(?:who|that)\s+{_LEADING_VERBS}\b")


_SAID_ABOUT = re.compile(r"^(?:what|how)\s+(?:did|does|do|has|have)\s+(.+?)\s+(?:say|said|think|tell|write|"
                         r"tweet|post|comment|claim|announce|mean)\s+(?:about|on|regarding|of)\s+(.+)$",
                         re.IGNORECASE)


def _said_about(core: str) -> dict[str, tuple[str, ...]]:
    """ "what did X say about Y": the terms of X and of Y; an answer is X speaking about Y."""
    match = _SAID_ABOUT.match(core.rstrip(" ?"))
    if not match:
        return {}
    return {"speaker": tuple(dict.fromkeys(tokenize(match.group(1)))),
            "topic": tuple(dict.fromkeys(tokenize(match.group(2))))}


def _group(text: str, focus: tuple[str, ...]) -> tuple[str, ...]:
    """The terms of the (up to two) words before the first focus noun: "how many (Velorian) sailors"."""
    stems = [tokenize(w) for w in re.findall(r"[\w’'.-]+", text)]
    at = next((i for i, t in enumerate(stems) if t and t[0] in focus), None)
    if not at:
        return ()
    return tuple(dict.fromkeys(t for w in stems[max(0, at - 2):at] for t in w))


def _core(text: str) -> str:
    """The question itself: no leading "and/so", no context a follow-up carried over in brackets, no
    sentence addressed to the assistant ("Ignore previous instructions. How many …?")."""
    q = re.sub(r"\s*\([^)]*\)\s*$", "", text.strip())
    parts = [p for p in re.split(r"(?<=[.!?])\s+", q) if p]
    kept = [p for p in parts if not addresses_assistant(p)]
    if kept and len(kept) < len(parts):
        q = " ".join(kept)
    previous = None
    while previous != q:
        previous, q = q, _LEADING.sub("", q)
    return q.strip()


def _kind_and_slot(core: str, lower: str) -> tuple[str, str | None, list[str], str]:
    if _CLAUSE_THEN_YES_NO.match(lower):
        return "yes_no", None, [], ""  # "when the firm cut jobs in March, did it say more were planned"
    words = re.findall(r"[a-z’'-]+", lower)
    if _OVERVIEW.search(lower):
        return "overview", None, [], ""
    # "did X gain seats compared with the last election": a yes/no question about one thing
    measured = re.sub(r"\bcompared (?:with|to)\b", " ", lower) if _YES_NO.match(lower) else lower
    if _WHY.match(lower):
        return "why", None, [], ""  # "why do the two counts differ": the reason, not the two counts
    if _COMPARISON.search(measured) and not _COUNT.match(lower) or _TWO_ACCOUNTS.search(lower) \
            or _ACCOUNTS_SET_SIDE_BY_SIDE.search(lower) and not _YES_NO.match(lower):
        return "comparison", None, [], ""
    if _COUNT.match(lower):
        if len(words) > 1 and words[1] == "how" and words[0] in _COUNT_LEADS:
            words, lower = words[1:], lower.split(" ", 1)[1]  # "on how many occasions": as "how many occasions"
        # "how many of the advisers": the phrase after "of (the)" is counted; "how much of the country" asks
        # a share of a whole, which the answer may name in other words ("a third of the territory")
        partitive = len(words) > 2 and words[0] == "how" and words[2] == "of"
        if not partitive:
            head = _head_after(words, 2)
        elif words[1] == "many":
            head = _head_after(words, 3 + (len(words) > 3 and words[3] in ("the", "its", "their")))
        else:
            head = None
        sub = next((s for s, w in (("age", "old"), ("duration", "long"), ("distance", "far"), ("distance", "deep"),
                                   ("distance", "high"), ("distance", "tall"), ("distance", "wide"), ("mass", "heavy"),
                                   ("frequency", "often")) if len(words) > 1 and words[1] == w), "")
        if re.match(r"^what (?:share|percent(?:age)?|proportion|fraction|part)\b", lower):
            sub = "fraction"
        if re.match(r"^what (?:[a-z]+ )?rate\b", lower):
            sub, head = "fraction", None  # "what interest rate did the bank set": a percentage, no noun counted
        if re.match(r"^(?:what|(?:at|by) (?:what|which)) age\b", lower):
            sub, head = "age", None  # "what age is the mayor": a person's age, no noun counted
        if partitive and words[1] == "much":
            sub = "fraction"  # "how much of the country": a share of it, not a price
        if sub == "" and len(words) > 1 and words[1] == "much" and head and head.split()[-1] == "time":
            sub, head = "duration", None  # "how much extra time": a length of time
        if sub == "" and len(words) > 1 and words[1] == "much" and (not head or head == "money"
                                                                    or _MONEY_ASKED.fullmatch(head.split()[-1])):
            sub, head = "money", None  # "how much did it cost", "how much money went into it", "how much in fines"
        if sub in ("distance", "frequency", "mass"):
            head = None  # "how far away is it": a measure, not a count of "away"
        return "count", "number", [head] if head else [], sub
    if _DATE.match(lower):
        unit = re.match(r"^(?:on |in |at |which |what )+(day|year|month|time|hour)(s?)\b", lower)
        sub = {"hour": "time"}.get(unit.group(1), unit.group(1)) if unit else ""  # "at what hour": a time of day
        if unit and unit.group(2):
            return "list", "date", [], sub  # "at what times": every time asked, gathered
        return "when", "date", [], sub
    if _PLACE.match(lower):
        return "where", "place", [], ""
    if re.match(r"^(?:what|which) (?:kind|sort|type) of\b", lower):
        return "what", None, [], ""  # "what kind of site": a description, not a place's name
    named = re.match(r"^(?:what|what's|give|tell)\b.*?\bnames? of (?:the |an? )?((?:[\w-]+(?:['’]s)? ){0,3}[\w-]+)", lower)
    if named:
        # "the name of the Islamic State's leader": the head is the possessed noun, not the owner
        phrase = re.split(r"['’]s\b", named.group(1))[-1].split() or named.group(1).split()
        phrase = list(itertools.takewhile(lambda w: w not in STOP_WORDS, phrase)) or phrase
        head = next((w for w in reversed(phrase) if _slot_of(w)), None)
        if head and not _is_plural(head):
            slot = _slot_of(head)
            return ("who" if slot in ("person", "org") else "what"), slot, phrase[phrase.index(head) - 1:]\
                if phrase.index(head) else [head], ""
        if not head and not _is_plural(phrase[-1]):
            # "the name of the night guard", "… of the cream X says …": a name, of whoever or whatever it
            # is, that stands with its noun (the words before a capitalised one: the clause after names another)
            # … and before a participle opening a clause ("the guide leading the group")
            words = core[named.start(1):named.end(1)].split()
            cased = list(itertools.takewhile(lambda w: w[:1].islower() and w not in STOP_WORDS, words))
            cased = cased[:1] + list(itertools.takewhile(lambda w: not w.endswith("ing"), cased[1:]))
            return "who", "agent", cased[-1:], "name" if cased else ""
        if not head or _slot_of(head) in ("person", "org") and _is_plural(head):
            return "list", "agent", [], "names"  # "the names of the two friends": names, each of them
    # "what kinds of (planned) equipment": a series of things
    kinds_of = re.match(r"^(?:what|which) (?:kinds|types|sorts) of (?:[a-z]+ed )?([a-z-]+)", lower)
    if kinds_of:
        return "list", None, [kinds_of.group(1)], "things"
    # "in which other countries …": the preposition aside
    led = len(words) > 2 and words[0] in _PREPOSITIONS and words[1] in ("which", "what")
    asked_words = words[1:] if led else words
    # "were all the night-shift workers evacuated" asks yes or no, not a list of them
    listing = bool(_LIST_VERB.search(lower)) and not _YES_NO.match(lower)
    plural_head = _which_head(asked_words) or (_category_head(words) if listing else None)
    if listing or (plural_head and _is_plural(plural_head)):
        slot = _slot_of(plural_head) if plural_head else None
        # a category no list here knows ("name the clerics"): its noun still says which names belong
        head = plural_head or next((w for w in words[1:7] if _is_plural(w) and w not in _FILLER), None)
        counted = head in words and words.index(head) > 0 and words[words.index(head) - 1] in _FEW
        if slot is None and counted:
            return "list", None, [head], "things"  # "what were the three grounds of appeal": a series of things
        return "list", slot, [head] if head else [], ""
    if len(words) > 3 and words[0] in ("what", "which") and (words[1] in _FEW or words[1].isdigit()):
        # "which three clinic systems were locked": as "which clinic systems", a series of three things
        rest = words[:1] + words[2:]
        if _asks_things(rest):
            return "list", None, [rest[1]], "things"
        if _asks_things(rest[:1] + rest[2:]) and rest[1] not in STOP_WORDS:
            return "list", None, [rest[2]], "things"
        # "what three things is the union demanding", "what two vehicles fell in", "which two other vessels": a
        # counted plural, whatever follows it
        counted = next((w for w in words[2:5] if w not in _COUNTED_ASIDE), "")
        if _is_plural(counted) and counted not in STOP_WORDS:
            slot = _slot_of(counted)
            return "list", slot, [counted], "" if slot else "things"
    if _SENTENCE_ASKED.match(lower):
        return "what", "number", [], "sentence"  # "what prison term was he handed": "sentenced to nine years"
    if _asks_things(words):
        return "list", None, [words[1]], "things"  # "what topics do the talks cover": a series of things
    if _asks_things(words[:1] + words[2:]) and words[1] not in STOP_WORDS:
        return "list", None, [words[2]], "things"  # "which hospital services kept working"
    if _WHO.match(lower):
        if _is_definition(core):
            return "definition", None, [], ""
        role = re.match(r"^who\s+(?:is|was|are|were)\s+(?:the\s+)?((?:\w+\s+){0,2}?(\w+))\s+(?:of|for|at|in)\b",
                        lower)
        if role and role.group(2) in _PERSON_NOUNS:
            # "who is the prime minister of X": the name beside the whole role, not any minister's
            # … less a name before it ("the Heisman Trophy winner": a winner of the trophy the event names)
            written = core[role.start(1):role.end(1)].split()
            words_of_role = [w.lower() for w in written[:-1] if w.islower() and w not in _NOW] + [role.group(2)]
            return "who", "person", words_of_role, ""
        owned = re.match(r"^who\s+(?:is|was|are|were)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}[\w-]+['’]s\s+"
                         r"(?:[\w-]+\s+){0,2}?"
                         rf"(?:{'|'.join(sorted(_PERSON_NOUNS))})\b", lower)
        if owned:
            return "who", "person", [], ""  # "who was the port's chief envoy": a person, however titled
        if re.match(r"^who\s+(?:leads|led|heads|headed|runs|ran)\b", lower):
            return "who", "person", [], ""
        return "who", "agent", [], ""
    if _YES_NO.match(lower):
        return "yes_no", None, [], ""
    if _HOW.match(lower):
        return "how", None, [], ""
    if plural_head or asked_words[:1] in (["what"], ["which"]):
        head = plural_head or _head_after(asked_words, 1)  # "in which journal": journal
        slot = _slot_of(head) if head else None
        if slot is None:
            # "which movie won …": a title or a name of any kind, with no role to stand beside
            # … but "what did she say about where people slept" asks what was said, not a place
            keyword = None if _SAID_ABOUT.match(lower.rstrip(" ?")) else _keyword_slot(lower)
            slot, thing, head = ("agent" if keyword == "person" else keyword), head, None
            if slot is None and asked_words[0] == "which" and not plural_head and not re.search(r"\bor\b", lower):
                # "which hospital treated them": the hospital's name ("which came first, A or B" chooses)
                slot, head = "agent", thing
        if slot is None and _is_definition(core):
            return "definition", None, [], ""
        sub = _measure(lower) or _money(lower) if slot == "number" else ""
        return ("who" if slot in ("person", "org", "agent") else "what"), slot, [head] if head and slot else [], sub
    # a search-box query, no question words ("sprinter coach name X steroid case": a longer one asking a name)
    keywords = (len(words) <= 5 or len(words) <= 7 and "name" in words) and not _WH_WORD.search(lower)
    # … whose sum it may name only by what the sum is ("lumora fine after appeal"): in a question, "what was the
    # fine originally and what is it now" is better shown whole than led by one sum
    slot = _keyword_slot(lower) or ("number" if keywords and _MONEY_ASKED.search(lower) else None)
    role = next((w for w in reversed(words) if w in _ROLES), None) if keywords and slot in (None, "person") else None
    if role:
        return "what", "person", [role], ""  # "tessa systems ceo": the person beside that role, not any name near the topic
    # "paint factory fire number of firefighters": the firefighters are counted, not the workers hurt
    counted = re.search(r"\b(?:number|total) of ([a-z-]+)", lower) if slot == "number" else None
    counted_words = [counted.group(1)] if counted and _is_plural(counted.group(1)) \
        and counted.group(1) not in _GENERIC_PERSON else []  # "number of people injured": "injures 23" counts them
    return "what", slot, counted_words, _measure(lower) or _money(lower) if slot == "number" else ""


# the unit a measure is given in ("the mass of X": kilograms, tonnes), so a year or a count is no answer
_MEASURES = {"mass": r"mass|weight|weighs?", "distance": r"height|length|depth|width|distance|long|tall|deep|wide",
             "speed": r"speed", "temperature": r"temperature", "fraction": r"turnout|share(?! prices?)|percent(?:age)?|rate",
             "crowd": r"attendance|crowd"}


# the question words a span in the measure's unit stands for: "the mass of X" is met by "weighs 1,450 kilograms";
# not a share, whose percent is in too many sentences of other things ("a 7 percent pay rise")
_MEASURE_TERMS = {unit: frozenset(tokenize(" ".join(re.findall(r"\w+", words)))) for unit, words in
                  {**_MEASURES, "age": "age old", "mass": _MEASURES["mass"] + " heavy",
                   "distance": _MEASURES["distance"] + " far high"}.items() if unit != "fraction"}


def _measure(lower: str) -> str:
    # … a word of a compound measures nothing ("the high-speed terminal", "a long-distance route")
    return next((unit for unit, words in _MEASURES.items() if re.search(rf"(?<![\w-])(?:{words})(?![\w-])", lower)), "")


def _money(lower: str) -> str:
    """"what was the cost of X", "X budget": a sum of money, not any number near it."""
    return "money" if _MONEY_ASKED.search(lower) else ""


_MONEY_ASKED = re.compile(r"\b(?:prize money|cost|costs|price|revenue|budget|salary|fees?|profit|compensation|damages|fines?|penalty|payout|value|worth|"
                          r"severance|bonus|wages?)\b")


_COUNTED_ASIDE = frozenset(["other", "more", "further", "different", "main", "key", "separate", "new", "most",
                            "common", "biggest", "largest", "smallest", "first", "last"])
_FEW = frozenset(COUNTS)  # "which three systems"
_NOW = frozenset(["current", "new", "present", "incumbent", "sitting"])  # "the current mayor": any mayor now
_PREPOSITIONS = frozenset(["in", "on", "at", "from", "to", "for", "by", "with", "into", "of"])
_AFTER_THINGS = frozenset(["do", "did", "does", "are", "were", "have", "had", "has", "will", "would", "can",
                           "could", "should", "of", "besides", "beyond"])


# "which activities now carry …": a word that stands before a verb, so the plural before it is the subject asked
_BEFORE_A_VERB = frozenset(["now", "still", "also", "currently", "already", "usually", "often", "mostly", "mainly"])


def _asks_things(words: list[str]) -> bool:
    """ "what topics do …", "which parts of …": a plural noun of no known category, then a verb or "of"."""
    return len(words) > 2 and words[0] in ("what", "which") and _is_plural(words[1]) \
        and words[1] not in STOP_WORDS and not set(tokenize(words[1])) & _FILLER \
        and (words[2] in _AFTER_THINGS or _looks_past(words[2]) or words[2] in _BEFORE_A_VERB)


def _is_definition(core: str) -> bool:
    """ "Who is X?" / "What is X?" where X is only a name."""
    match = _DEFINITION.match(core)
    if not match:
        return False
    rest = re.sub(r"^the\s+", "", match.group(1).strip(" ?"), flags=re.IGNORECASE)
    if rest.split()[:1] and rest.split()[0].lower() in _ROLES:
        return False  # "who is the CEO of Velcorp": a role, whose holder is asked
    return _names(rest) == [rest.rstrip(".’'")] and len(rest.split()) <= 5


def _which_head(words: list[str]) -> str | None:
    """The noun after "which"/"what" (skipping one or two modifiers): "which (local) groups" → groups."""
    if not words or words[0] not in ("which", "what"):
        return None
    head = None
    for word in words[1:5]:
        if word in _PERSON_NOUNS or word in _ORG_NOUNS or word in _PLACE_NOUNS or word in _DATE_NOUNS \
                or word in _NUMBER_NOUNS:
            head = word  # the last noun of the phrase is its head: "which militia commander" → commander
        elif head or (word in STOP_WORDS and word not in ("us", "other")):
            break  # the phrase ends at its verb: "which countries sent teams" → countries
    return head


def _head_noun(phrase: list[str]) -> str:
    """The noun a phrase counts or names: its first plural word ("vehicles" in "vehicles used"), or, when it
    ends in a category noun ("defence minister"), that noun; else its last word ("military aid")."""
    if _slot_of(phrase[-1]):
        return phrase[-1]
    return next((w for w in phrase if _is_plural(w)), phrase[-1])  # English noun phrases end in their head


def _category_head(words: list[str]) -> str | None:
    """The first category noun among the opening words: "name the (senior military) figures" → figures."""
    return next((w for i, w in enumerate(words[:10]) if _slot_of(w) and not _dates_event(words, i)), None)


_TIME_OF_EVENT = frozenset(["this", "last", "next", "that", "each", "every", "per"])


def _dates_event(words: list[str], i: int) -> bool:
    """ "this year" in "what are they accused of this year": a time that dates the event, not the asked detail."""
    return words[i] in _DATE_NOUNS and i > 0 and words[i - 1] in _TIME_OF_EVENT


def _head_after(words: list[str], skip: int) -> str | None:
    """The noun phrase after the wh-phrase, up to its verb: "how many (US) rescue teams did" → rescue teams;
    "how much money went into" → money."""
    phrase: list[str] = []
    for at, word in enumerate(words[skip:skip + 4], skip):
        if word in ("us", "u.s") and not phrase:
            continue
        if word in STOP_WORDS or phrase and (_looks_past(word) or _verb_before_object(words, at)):
            break
        phrase.append(word)
    return " ".join(phrase) or None


# words that open what follows a verb in the present ("which airline flies between …", "which firm owns the …")
_OBJECT_OPENERS = frozenset(["the", "a", "an", "its", "their", "his", "her", "between", "across", "through", "into"])


def _verb_before_object(words: list[str], at: int) -> bool:
    """The word at a place is a verb in the present after the asked noun: a form WordNet has as a verb, ending
    in "s", with an article or a preposition of motion after it ("which airline flies between", not "which
    rescue teams arrived")."""
    word, after = words[at], words[at + 1:at + 2]
    return word.endswith("s") and not word.endswith("ss") and bool(after) and after[0] in _OBJECT_OPENERS \
        and synonyms.can_be_verb(word)


_LIGHT_PAST = frozenset(["went", "came", "took", "got", "made", "gave", "had", "did", "held", "kept", "put"])


def _looks_past(word: str) -> bool:
    """A verb's past form, after the noun it follows ("people injured", "money went"); before a noun the
    form is an adjective ("injured people", "armed men"), which the caller keeps by never stopping there."""
    return word in _LIGHT_PAST or word.endswith("ed") and len(word) > 4


def _is_plural(word: str) -> bool:
    return word in ("people", "men", "women", "forces") or (word.endswith("s") and not word.endswith("ss")
                                                            and word not in ("us", "news", "is", "was", "has"))


def _slot_of(noun: str | None) -> str | None:
    if noun is None:
        return None
    if noun in _PERSON_NOUNS:
        return "person"
    if noun in _ORG_NOUNS:
        return "org"
    if noun in _PLACE_NOUNS:
        return "place"
    if noun in _DATE_NOUNS:
        return "date"
    if noun in _NUMBER_NOUNS:
        return "number"
    return None


_WH_WORD = re.compile(rf"\b(?:{'|'.join(sorted(_WH))})\b")


def _keyword_slot(q: str) -> str | None:
    """The slot of a keyword question ("Super Bowl 2021 location") from the noun that names it."""
    # "what are they accused of this year": a time that dates the event is not the asked detail
    q = re.sub(rf"\b(?:{'|'.join(_TIME_OF_EVENT)}|a)\s+(?:year|month|week|day)\b", " ", q)
    if re.search(r"\b(?:location|venue|where|held|city|country|site|headquarter(?:s|ed)?)\b", q):
        return "place"
    if re.search(r"\b(?:prize money|revenue|price|cost|value|worth|population|number|amount|profit|sales|budget|score|total|attendance|"
                 r"percent|percentage|rate|"
                 r"deaths|death toll|casualties|injuries|victims|"
                 r"turnout|crowd|mass|weight|height|length|depth|width|speed|temperature|salary|capacity)\b", q):
        return "number"
    if re.search(r"\b(?:release date|date|year|released|launched|founded|premiered?)\b", q):
        return "date"
    if re.search(r"\b(?:ceo|founder|winner|won|president|chairman|director|owner|manufacturer|maker|producer|"
                 r"builder|developer|operator)\b", q):
        return "person"
    return None


_NAME_WORD = r"(?:[A-Z][\w’'.-]*|al-[A-Z][\w-]+)"
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|al|bin|ibn|de|van|of|the)){{0,4}}")
_LEAD_WORDS = STOP_WORDS | _WH | {"name", "list", "give", "tell", "describe", "explain", "according",
                                  "summarize", "summarise", "compare", "did", "does", "is", "was", "were",
                                  "are", "has", "have", "can", "could", "will", "would", "should", "please"}


def _names(text: str) -> list[str]:
    """Capitalised runs that are not the question's opening word (unless that word looks like a name)."""
    names = []
    for match in _NAME.finditer(text):
        words = match.group().split()
        while words and words[0].lower().strip(".") in _LEAD_WORDS:
            words = words[1:]
        while words and words[-1].lower() in ("of", "the"):
            words = words[:-1]
        if words:
            names.append(" ".join(words).rstrip(".’'"))
    return [n for n in names if n]


def question_entities(question: str) -> list[str]:
    """Stemmed terms of the question's names and numbers: the things an answer must be about."""
    entities: list[str] = []
    for match in re.finditer(r"[\w’'.-]+", question):
        clean = match.group().strip(".’'-")
        if not clean:
            continue
        before = question[: match.start()].rstrip()
        initial = not before or before[-1] in ".?!:;\"“"
        # A capital at a sentence start says little ("Ignore previous instructions…", "Which …"):
        # there only acronyms and names with an inner capital (al-Sadr, McKenzie) count.
        looks_named = clean.isupper() or any(c.isupper() for c in clean[1:])
        acronym = clean.isupper() and len(clean) > 1
        named = clean[0].isupper() and (not initial or looks_named) and (clean.lower() not in _LEAD_WORDS or acronym)
        if named or clean[0].isdigit():
            entities.extend(tokenize(clean))
    return list(dict.fromkeys(entities))


# "how many were affected according to the regulator, and how many does the firm say": two accounts side by side
# … "how much does A say it is owed, and how much does B say is due", "what figure did A cite, and what figure
# did B give": each side's figure asked in a clause of its own
_ACCOUNT_VERB = (r"(?:say|says|said|give|gives|gave|put|puts|cite|cites|cited|claim|claims|claimed|estimate|estimates|"
                 r"estimated|report|reports|reported|count|counts|counted|expect|expects|expected|forecast|forecasts)")
_TWO_ACCOUNTS = re.compile(
    r"\baccording to\b[^,]+,\s*and\s+(?:what|how many|how much)\s+(?:does|do|did)\b|"
    r"^(?:what|how many|how much)\b.*?\b(?:does|do|did)\s+(?:the\s+)?[\w’'-]+\s+\w+.*?,\s*and\s+"
    r"(?:what|how many|how much)(?:\s+\w+){0,2}?\s+(?:does|do|did)\s+(?:the\s+)?.+?\s+" + _ACCOUNT_VERB + r"\b",
    re.IGNORECASE)
# "how many were cancelled according to A versus B", "what share does each side say": accounts set side by side,
# which makes a count question a comparison
_ACCOUNTS_SET_SIDE_BY_SIDE = re.compile(
    r"\b(?:versus|vs\.?)\b|\beach\s+(?:side|party|camp)\b|\baccording to\b.+\band\s+(?:according to|by)\b|"
    r"\band\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,2}?\s+each\s+" + _ACCOUNT_VERB + r"\b", re.IGNORECASE)


def _sides(core: str) -> tuple[str, ...]:
    """The two things a comparison is about: "compare A and B", "how did A's X differ from B's"."""
    text = re.sub(r"[?.!]+$", "", core)
    # "X's final cost: what does A forecast versus B", "A vs B: how many …": the sides stand on one side of the colon
    parts = [p for p in text.split(":", 1) if re.search(r"\b(?:versus|vs\.?|and|or|compared|per)\b", p, re.IGNORECASE)]
    if ":" in text and len(parts) == 1 and not re.match(r"(?:who|which|what)\b[^:]*:[^:]+\bor\b", text, re.IGNORECASE):
        text = parts[0].strip()  # … but "which moved more: A or B" asks its question before the colon
    patterns = [
        r"(?:compare|contrast)\s+(?:the\s+)?(.+?)\s+(?:and|with|to|versus|vs\.?)\s+(?:the\s+)?(.+)$",
        (r"(?:how|in what way)s?\s+(?:do|does|did|is|are|was|were)\s+(?:the\s+)?(.+?)\s+(?:differ|contrast|compare)\s+"
        r"(?:from|with|to|against)\s+(?:the\s+)?(.+)$"),
        (r"^(?:how|in what way)s?\s+(?:is|are|was|were)\s+(?:the\s+)?(.+?)\s+(?:different|similar)\s+"
         r"(?:from|than|to)\s+(?:the\s+)?(.+)$"),
        r"(?:differences?|similarit(?:y|ies))\s+between\s+(?:the\s+)?(.+?)\s+and\s+(?:the\s+)?(.+)$",
        r"^between\s+(?:the\s+)?(.+?)\s+and\s+(?:the\s+)?(.+?),",
        r"^(?:who|which|what)\b[^,:]+[,:]\s*(?:the\s+)?(.+?)\s+or\s+(?:the\s+)?(.+)$",
        (r"^(?:is|are|was|were|did|do|does|has|have|had)\s+(?:there\s+)?(?:more|fewer)\s+(.+?)\s+than\s+(?:the\s+)?"
         r"(?:(?:number|count) of\s+)?(.+)$"),
        (r"^(?:is|are|was|were)\s+(?:the\s+)?(.+?)\s+(?:similar|different|the same)\s+(?:to|from|than|as)\s+"
         r"(?:the\s+)?(.+)$"),
        r"^(?:what)\s+sets\s+(?:the\s+)?(.+?)\s+apart\s+from\s+(?:the\s+)?(.+)$",
        r"^(?:what|how)\b.*?\b(?:did|do|does)\s+(?:the\s+)?(.+?)\s+\w+\s+compared\s+(?:with|to)\s+(?:the\s+)?(.+)$",
        (r"(?:according to|\bper)\s+(?:the\s+)?(.+?)\s+(?:versus|vs\.?|compared (?:with|to)|and (?:according to|by))\s+"
         r"(?:the\s+)?(.+)$"),
        # "what does the authority forecast versus the auditor": the side before its verb
        r"^(?:what|how)\b.*?\b(?:does|do|did)\s+(?:the\s+)?(.+?)\s+\w+\s+(?:versus|vs\.?)\s+(?:the\s+)?(.+)$",
        r"^(?:the\s+)?(.+?)\s+(?:versus|vs\.?)\s+(?:the\s+)?(.+)$",
        (r"according to\s+(?:the\s+)?(.+?),\s*and\s+(?:what|how many|how much)\s+(?:does|do|did)\s+(?:the\s+)?(.+?)"
         r"\s+(?:say|claim|estimate|report|count|put)\b"),
        (r"^(?:what|how many|how much)\b.*?\b(?:does|do|did)\s+(?:the\s+)?(.+?)\s+" + _ACCOUNT_VERB + r"\b.*?,\s*and\s+"
         r"(?:what|how many|how much)(?:\s+\w+){0,2}?\s+(?:does|do|did)\s+(?:the\s+)?(.+?)\s+" + _ACCOUNT_VERB + r"\b"),
        (r"^(?:what|how)\b.*?\b(?:did|do|does)\s+(?:the\s+)?(.+?)\s+" + _ACCOUNT_VERB + r"\b.*?,?\s+compared\s+"
         r"(?:with|to)\s+(?:the\s+)?(.+)$"),
        (r"(?:do|does|did|is|are|was|were|how do|how did)\s+(?:the\s+)?(.+?)\s+and\s+(?:the\s+)?(.+?)\s+"
        r"(?:differ|agree|compare|have in common|disagree|see eye to eye|each)"),
        (r"^(?:what|how)\b.*?\b(?:of|did|do|does|between)\s+(?:the\s+)?(.+?)\s+and\s+(?:the\s+)?(.+?)(?:\s+"
        r"(?:differ|compare|have in common|say|react|respond).*)?$"),
    ]
    for pattern in patterns:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            a, b = (_trim_side(s) for s in match.groups())
            if a and b and tokenize(a) and tokenize(b):
                return (a, b)
    return ()


# Verbs a comparison's shared predicate starts with: "compare what A and B (said about the talks)"
_SIDE_PREDICATE = re.compile(
    r"\s+(?:say|says|said|want|wants|wanted|think|thinks|thought|call|calls|called|describe|describes|described|"
    r"see|sees|saw|view|views|viewed|make|makes|made|demand|demands|demanded|expect|expects|expected|plan|plans|"
    r"planned|mean|means|meant|propose|proposes|proposed|react|reacts|reacted|respond|responds|responded|"
    r"claim|claims|claimed|promise|promises|promised|offer|offers|offered|ask|asks|asked|"
    r"characteri[sz]e[sd]?|believe[sd]?|argue[sd]?|feel|feels|felt|each|both|"
    r"do|does|did|have|has|had|is|are|was|were|will|would|can|could)\b.*$",
    re.IGNORECASE,
)


def _trim_side(side: str) -> str:
    side = re.sub(r"^(?:how|what|whether|why|where|when)\s+", "", side.strip(), flags=re.IGNORECASE)
    side = re.sub(r"^(?:that|those)\s+of\s+(?:the\s+)?", "", side, flags=re.IGNORECASE)  # "differ from that of X"
    cut = _SIDE_PREDICATE.sub("", side)
    side = cut if tokenize(cut) else side  # "what he promised for Iraq": a pronoun alone names no side
    side = re.sub(r"['’]s?\b.*$", "", side.strip()) or side.strip()
    side = re.sub(r"\s+(?:on|about|over|regarding|towards?|in)\s+.*$", "", side)
    return side.strip(" ,")
