"""Where in a sentence the asked kind of detail sits (a person, an organisation, a number, a date, a place),
and the markers that say a sentence gives a reason, a manner, a negation or a hedge.

Everything works on spans of the sentence, so a short lead answer is always an exact substring of the
quote it comes from. The word lists are general English, not taken from any corpus.
"""

from __future__ import annotations

import functools
import re

from qa import gazetteer, inflections
from qa.question import MONTHS, Question
from vectorstore.embed import common_words
from vectorstore.tokens import STOP_WORDS, tokenize

Span = tuple[int, int]

_MONTHS = " ".join(MONTHS)
_DAYS = "monday tuesday wednesday thursday friday saturday sunday"
_MONTH_WORDS = _MONTHS.replace(" ", "|")
_MONTH_SHORT = "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
_DAY_WORDS = _DAYS.replace(" ", "|")
_MONTH_NAME = rf"(?:{_MONTH_WORDS}|{_MONTH_SHORT})\.?"
# "Nov. 12, 2020", "12 November 2020", "12th of November"
_DAY_OF_MONTH = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAME}|{_MONTH_NAME}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?)"
                 r"(?:,?\s+(?:19|20)\d\d)?")
_DATE = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s?[ap]\.m\.|"  # "3:30 p.m.", whole: the outer \b would drop its last dot
    rf"\b(?:(?:early|mid|late)[- ])?(?:{_DAY_OF_MONTH}|"
    rf"(?:on\s+)?(?:{_DAY_WORDS})(?:,?\s+{_DAY_OF_MONTH})?|"  # "on Thursday, Nov. 12": one date
    r"(?:in\s+)?(?:19|20)\d\d(?:s)?|(?:last|this|next|earlier this|later this) (?:year|month|week|spring|summer|"
    r"autumn|fall|winter)|yesterday|today|tomorrow|\d{1,2}(?::\d\d)?\s?[ap]\.?m\b|\d{1,2}:\d\d|"
    r"(?:the )?(?:end|start|beginning|middle) of (?:(?:the|this|next) (?:year|month|week)|\d{4})|"
    r"(?:since|by|until|before|after) (?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_COMING_DATE = re.compile(r"\b(?:will|would|to be|due|expected|scheduled|set (?:for|to)|planned|plans? to|next|coming|"
                          r"later|by|until|from)\b", re.IGNORECASE)
_SAID_WHEN = re.compile(r"\b(?:said|says|announced|confirmed|reported|told (?:\w+ ){0,2}?\w+)\s+$", re.IGNORECASE)
_NUMBER_WORDS = ("two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                 "hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|"
                 "half|third|quarter|single|one|several|dozens")
_NUMBER = re.compile(
    rf"(?:(?:about|around|roughly|nearly|almost|more than|less than|fewer than|over|under|some|up to|at least|"
    rf"approximately|an estimated)\s+)?(?:[$€£]\s?)?"
    rf"(?:\b(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions|billions)\b|"  # "tens of thousands"
    rf"(?<![^\W_])(?<![^\W_]-)\d[\d,.]*+(?![^\W\d_])(?:\s?(?:%|percent|per cent))?|"
    rf"\b(?:{_NUMBER_WORDS})\b)(?:[- ](?:{_NUMBER_WORDS}|million|billion))*",
    re.IGNORECASE,
)
_UNITS = {
    # "52-year-old", "aged 52", "at 52"; "Ana Soto, 52, a former surgeon", "…, said Ana Soto, 52.": an age
    # set off after a name
    "age": re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|\bat (?:the age of )?\d{1,3}\b|"
                      r"(?<=[a-z], )\d{1,3}(?=,|\.?\s*$)", re.IGNORECASE),
    "duration": re.compile(rf"\b(?:\d[\d,.]*|a|an|{_NUMBER_WORDS}|"
                           r"many|a few)\s+(?:more\s+)?(?:years?|months?|weeks?|days?|hours?|decades?|minutes?)\b|"
                           r"\bfor (?:months|years|weeks|days|decades|hours)\b", re.IGNORECASE),
    "distance": re.compile(rf"\b(?:\d[\d,.]*|(?:{_NUMBER_WORDS})(?:[- ](?:{_NUMBER_WORDS}))*)[\s-]*"
                           r"(?:km|kilometres?|kilometers?|miles?|metres?|meters?)\b", re.IGNORECASE),
    # "95 million euros", "a 12-million-euro footbridge"
    "money": re.compile(r"[$€£¥]\s?\d[\d,.]*(?:\s?(?:million|billion|bn|m))?|\b\d[\d,.]*[\s-]?(?:million|billion)?"
                        r"[\s-]?(?:dollars?|euros?|pounds|usd|yen|yuan|crowns?|kronor|kroner|francs?|pesos?|rupees?|"
                        r"roubles?|rubles?|dinars?|dirhams?|riyals?|rand|lira|shekels?|zloty)\b", re.IGNORECASE),
    # … or a rate per head ("1.31 children per woman", "12 deaths per 1,000 people")
    "fraction": re.compile(r"\b(?:\d[\d,.]*\s?(?:%|percent|per cent)|(?:a|one|two) (?:third|quarter|fifth|half)s?|"
                           r"half|two-thirds|three-quarters|majority|minority|"
                           r"\d[\d,.]*\s+(?:[a-z]+\s+){0,2}per\s+(?:\d[\d,]*\s+)?[a-z]+)\b", re.IGNORECASE),
    "mass": re.compile(r"\b\d[\d,.]*\s?(?:kg|kilograms?|kilos?|tonnes?|tons?|grams?|g|lb|pounds)\b", re.IGNORECASE),
    "speed": re.compile(r"\b\d[\d,.]*\s?(?:km/h|kph|mph|knots|kilometres an hour|miles an hour|metres a second)",
                        re.IGNORECASE),
    "temperature": re.compile(r"-?\b\d[\d,.]*\s?(?:°\s?[CF]?|degrees(?: Celsius| Fahrenheit)?)", re.IGNORECASE),
    # a crowd: a number of fans, spectators, people or supporters ("in front of 58,300 fans")
    "crowd": re.compile(r"\b\d[\d,.]*\s+(?:fans|spectators|people|supporters|visitors|attendees)\b", re.IGNORECASE),
    "frequency": re.compile(r"\b(?:once|twice|\w+ times)(?: a (?:day|week|month|year))?\b|\bevery \w+\b", re.IGNORECASE),
}
_UNNAMED_PLACE = re.compile(r"\b((?:outside|inside|in front of|beside|behind|opposite) the (?:[a-z]+ ){0,2}[a-z]+)\b")
_PLACE = re.compile(
    r"\b(?:in|at|to|from|near|outside|across|inside|into|around|toward|towards|throughout|north of|"
    r"south of|east of|west of)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,2})"
)
# hedges that withhold what follows them ("did not say what sanctions …"): in _HEDGE and _HEDGE_THEN_WHAT
_NOT_SAID = (r"did not (?:say|disclose|reveal|specify|give|name|identify|explain)|"
             r"(?:has|have|had) not (?:yet )?(?:said|disclosed|revealed|specified|given|explained|announced|decided)|"
             r"declined to (?:say|comment|give|specify|name|identify|discuss|explain|elaborate)|"
             r"could not (?:be )?(?:confirm|verify)")
# "No group has claimed responsibility": who did it is not known
_NO_CLAIM = r"no (?:one|group|(?:[\w-]+ ){1,2}group|organi[sz]ation) (?:has|had|have) (?:yet )?claimed (?:responsibility|credit)"
_NO_CLAIMED = re.compile(_NO_CLAIM, re.IGNORECASE)
_HEDGE = re.compile(
    rf"\b(?:it is not known|it is unclear|is not known|is unclear|not yet (?:known|clear)|remains? unclear|"
    rf"no one knows|{_NOT_SAID}|"
    r"(?:gave|give|gives|offered|provided) no (?:details?|information|figures?|date|names?|reason)|"
    r"(?:did not|does not|would not) (?:want|wish) to be (?:named|identified)|"
    r"(?:which|whom) (?:\w+ ){1,3}did not (?:name|identify)|"
    r"(?:name|identity) (?:was|were|has|had) not (?:been )?(?:released|given|disclosed|made public)|"
    r"(?:did not|would not|declined to) (?:release|publish|give|disclose|reveal) (?:his|her|their|its) names?|"
    r"was not (?:immediately )?(?:clear|known|available)|unknown|"
    # "Whether the skiers set it off has not been established", "the buyer … was not identified"
    r"(?:is|are|was|were|has|have|had) not (?:yet )?(?:been )?(?:established|determined|identified|disclosed|"
    r"made public)|"
    r"(?:has|have|had) (?:never|not) (?:yet )?(?:been able to )?(?:identif(?:y|ied)|(?:been )?identified)|"
    rf"{_NO_CLAIM})\b",
    re.IGNORECASE,
)
_CAUSAL = re.compile(
    r"\b(?:because|since|as a result|due to|owing to|thanks to|in order to|so that|so as to|aimed at|aim(?:s|ed)? "
    r"to|intended to|meant to|in response to|in retaliation|to (?:protest|demand|avoid|prevent|ease|end|"
    r"counter|pressure|ensure|allow|help|stop|secure|force)|reason|why|after|following|amid|blamed|for \w+ing|"
    r"(?:weakened|damaged|hampered|driven|fuell?ed|hit|undermined) by|"
    # "delayed by the discovery of …", not "delayed by two years": a length of time is no cause
    r"(?:delayed|held up|slowed|set back|stalled|halted) by(?!\s+(?:(?:more than|less than|about|nearly|almost|up to|"
    r"over|some|at least|another|a further)\s+)?(?:\d|an? (?:few |further )?(?:year|month|week|day|hour|decade|"
    r"fortnight)|one|two|three|four|five|six|seven|eight|nine|ten|several|months|years|weeks|days|hours))|"
    # a past before the event, which news gives as its cause ("A group had chained themselves to the railings")
    r"had (?:been |already )?(?:\w+ed|found|shown|taken|made|lost|sent|spent|fallen|become|told)|"
    r"accus\w+|attribut\w+\s+(?:[\w’'-]+\s+){1,7}?to|(?:the|a) result of|result(?:s|ed)? from|stem(?:s|med)? from|"
    r"prompt\w*|citing|reflect(?:s|ed)|c(?:a|o)me from|led to|caused|triggered|sparked|fuel\w*|motivat\w+|given (?:the|that)|"
    r"the (?:goal|purpose|aim) (?:is|was)|for fear|fear(?:s|ed)? (?:that|of)|concern(?:s|ed)? (?:that|about|over)|"
    r"therefore|thus|hence|consequently|"
    # what must be done first: "engineers needed to check the cables before trains could return"
    r"(?:need(?:s|ed)?|ha(?:s|d|ve)) to \w+[^.;]{0,60}? before)\b",
    re.IGNORECASE,
)
_MANNER = re.compile(
    r"\b(?:by (?:\w+ing)|through|via|using|in (?:a|an) \w+ (?:way|manner)|described (?:it|them|this|the \w+)? ?as|"
    r"call(?:ed|ing|s)? (?:it|them|this|the \w+)|in a (?:statement|post|tweet|speech|letter|interview)|"
    r"one (?:at a time|by one|after another)|in (?:stages|phases|turn)|gradually|step by step)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:no|not|never|none|nobody|nothing|neither|nor|without|n['’]t|denied|denies|deny|refused|rejected|"
    r"ruled out|cannot|"
    # a proposal undone: "the amendment was defeated", not "Ormston defeated Selby"
    r"(?:was|were|been|being)\s+(?:narrowly\s+|heavily\s+|later\s+)?(?:defeated|voted down|turned down|thrown out|"
    r"struck down|overturned|blocked))\b",
    re.IGNORECASE,
)
# General words that end organisation names; a capitalised run ending in one names a body, not a person.
_ORG_ENDINGS = frozenset(
    ["party", "movement", "alliance", "forces", "force", "brigade", "brigades", "front", "council", "committee", "ministry", "army", "group", "organisation", "organization", "union", "coalition", "network", "agency", "company", "corporation", "corp", "inc", "ltd", "institute", "university", "news", "times", "post", "association", "federation", "bank", "league", "government", "administration", "department", "office", "court", "parliament", "assembly", "police", "guard", "guards", "corps", "command", "militia", "militias", "nations", "state", "states", "republic", "kingdom", "emirates", "authority", "commission", "board", "service", "services", "channel", "tv", "radio", "agency", "bureau", "foundation", "fund", "club", "team", "airlines", "embassy", "consulate", "school", "hospital", "center", "centre", "unit", "units", "division", "battalion", "regiment", "faction", "bloc", "list"]
)
_ORG_STARTS = frozenset(["the", "ministry", "department", "office", "council", "university", "bank", "house"])
_TITLES = re.compile(
    r"\b(?:mr|mrs|ms|dr|prof|gen|maj|lt|col|sgt|capt|adm|president|prime minister|minister|premier|king|queen|"
    r"prince|senator|sen|rep|governor|gov|mayor|judge|general|commander|"
    r"spokesman|spokeswoman|spokesperson|secretary|chairman|chief|leader|envoy|ambassador|adviser|advisor|"
    r"director|official|lawmaker|mp)\.?\s+$",
    re.IGNORECASE,
)
_DATE_UNITS = {
    "day": re.compile(rf"\b(?:{_DAY_WORDS}|today|yesterday|tomorrow)\b|(?<!\d)(?<!\d[.,])\d{{1,2}}(?:st|nd|rd|th)?\b(?![.,]?\d)", re.IGNORECASE),
    "month": re.compile(rf"\b(?:{_MONTH_WORDS}|{_MONTH_SHORT})\b", re.IGNORECASE),
    "year": re.compile(r"\b(?:19|20)\d\d\b|\b(?:last|this|next) year\b", re.IGNORECASE),
    "time": re.compile(r"\d{1,2}:\d\d|\b\d{1,2}\s?[ap]\.?m\b|\b(?:noon|midnight|dawn|dusk)\b", re.IGNORECASE),
}
_MONTH_NAMED = re.compile(rf"\b(?:{_MONTH_WORDS})\b", re.IGNORECASE)
_CALENDAR = frozenset((_MONTHS + " " + _DAYS).split()) | {"jan", "feb", "aug", "sept", "oct", "nov", "dec"}
_NOT_NAMES = STOP_WORDS | frozenset(
    ["i", "a", "the", "he", "she", "it", "they", "we", "you", "this", "that", "these", "those", "his", "her", "their", "its", "but", "and", "so", "if", "in", "on", "at", "as", "for", "after", "before", "while", "when", "where", "what", "who", "why", "how", "photo", "file", "since", "although", "though", "despite", "during", "amid", "among", "under", "however", "meanwhile", "nevertheless", "instead", "today", "yesterday", "tomorrow", "last", "next", "many", "several", "most", "some", "few", "according", "asked", "speaking", "following", "overall", "still", "thus", "indeed", "otherwise", "finally", "later", "earlier"]
)


def _after_asked(q: Question, sentence: str, start: int, end: int) -> Span:
    """ "Velorian Party leader Ana Soto" for "who leads the Velorian Party": the span without the asked
    name and role it opens with (empty when what is left is not a name the role belongs to)."""
    asked = q.own_names | set(q.focus)
    role = False  # the asked part must end in the role: "Velorian Party leader | Ana Soto"
    for m in re.finditer(r"[^\s]+", sentence[start:end]):
        words = tokenize(m.group())
        if words and not set(words) <= asked:
            return (start + m.start(), end) if role else (end, end)
        role = bool(words) and (bool(set(words) & set(q.focus)) or bool(_TITLES.search(m.group() + " ")))
    return end, end


_ASKS = re.compile(r"\?[\W]*$")


def _is_menu(sentence: str) -> bool:
    """A run of short items set apart by "·" or "|": a web page's menu or links, not a sentence."""
    items = [i for i in re.split(r"\s[·|]\s", sentence) if i.strip()]
    return len(items) >= 3 and all(len(i.split()) <= 4 for i in items)


def slot_spans(q: Question, sentence: str, loose: bool = False) -> list[Span]:
    """Spans of the sentence that fill the question's slot and are not already said by the question;
    loose: numbers need not stand with the asked noun."""
    if q.slot is None or _ASKS.search(sentence):
        return []  # a sentence that asks ("What countries won the most medals?") tells no answer
    asked = set(q.terms)
    named = q.own_names if q.slot in ("person", "agent", "org") else frozenset()
    spans = _raw_spans(q, sentence)
    if q.slot in ("person", "agent", "org") and _is_menu(sentence):
        return []  # "Back to Home · Match Centre · Teams": a page's links, whose capitals name nothing
    out = []
    for start, end in spans:
        piece = sentence[start:end]
        terms = set(tokenize(piece))
        if terms and terms <= asked:
            continue  # the question already says it ("2021" in "what happened in 2021")
        if q.slot in ("person", "agent", "org") and len(terms & asked) >= 2 and len(terms - asked) <= 1:
            continue  # "Port Aldric FC" for "who scored port aldric's winner": the asked name in lower case
        if q.slot in ("person", "agent", "org") and not _WHO_IS.match(q.text) and _surname_asked(q, sentence, start, end):
            continue  # "who will replace brennan": "John W. Brennan Jr." is the one asked about
        if terms & named and not _kin(named, sentence, start, end):
            # "Velcorp CEO Ana Soto" for "who is Velcorp's CEO"; "the Velcorp Awards": none
            start, end = _after_asked(q, sentence, start, end)
            if start == end or set(tokenize(sentence[start:end])) & named:
                continue
        people = bool(set(q.focus) & _PEOPLE)
        if q.subkind == "name" and (looks_like_person(sentence, start, end) != people
                                    or not _beside(q, sentence, start, end)):
            # "the name of the cream": a thing's name, no person's; "of the boy": a person's; either beside its
            # noun ("the cream Dermavel", "the boy, Tom Alder,")
            continue
        if q.slot == "agent" and q.focus and _SPEAKING.match(sentence[end:end + 20]):
            continue  # "which journal": "…, Olvar said" names who spoke, not the journal
        if q.slot == "org" and _ROLE_BEFORE.search(sentence[max(0, start - 30):start]):
            continue  # "which company": "Chief executive Ana Soto" is a person with a role, not a firm
        if q.deed and _done_to(q, sentence, start):
            continue  # "who directed X": in "Y directed Avengers: Infinity War", the film is what was directed
        strict = not (loose and q.slot == "number")
        if strict and (q.focus or q.subkind == "leader") and q.slot in ("number", "person") \
                and not _attached(q, sentence, start, end):
            continue  # "how many countries": a number of troops does not answer it
        if q.slot == "place" and set(q.focus) & _SITES and not _beside(q, sentence, start, end):
            continue  # "which base": a base's name stands with the word ("the Velo air base"), not a city
        out.append((start, end))
    return out


_ROLE_BEFORE = re.compile(r"\b(?:executive|officer|founder|chairman|chairwoman|president|minister|director|"
                          r"spokesman|spokeswoman|mayor|manager|secretary),?\s+$", re.IGNORECASE)
_WHO_IS = re.compile(r"\W*who\s+(?:is|was|are|were)\b", re.IGNORECASE)  # "who was X": X's own name answers
_SUFFIX = frozenset(["jr", "sr", "ii", "iii", "iv"])


def _kin(named: frozenset[str], sentence: str, start: int, end: int) -> bool:
    """A person sharing only the surname of the person the question names ("Henri Moreau" for "who coaches
    Livia Moreau"): another person, not the asked one."""
    words = sentence[start:end].split()
    if not 2 <= len(words) <= 3 or not looks_like_person(sentence, start, end) or words[0].isupper():
        return False
    first, last = set(tokenize(words[0])), set(tokenize(words[-1]))
    return bool(last) and last <= named and not first & named and len(named - last) > 0


def _surname_asked(q: Question, sentence: str, start: int, end: int) -> bool:
    """A person's name whose surname the question says, in any case: the person asked about; not one whose
    first name differs from the one the question gives ("Henri Moreau" for "who coaches livia moreau")."""
    asked = set(q.terms)
    words = [w for w in re.findall(r"[\w’'-]+", sentence[start:end]) if w.lower() not in _SUFFIX]
    if len(words) < 2 or not looks_like_person(sentence, start, end):
        return False
    surname = tokenize(words[-1])[-1:]  # "al-Kuraiti": kuraiti
    if not surname or not set(surname) <= asked:
        return False
    # the question's word before the surname is a first name when capitalised, or no common English word
    given = re.search(rf"\b([\w’'-]+)\s+{re.escape(words[-1])}\b", q.text, re.IGNORECASE)
    first = given.group(1) if given else ""
    named = bool(first) and (first[:1].isupper() or first.lower() not in common_words())
    return not (named and first.lower() != words[0].lower())


def _done_to(q: Question, sentence: str, start: int) -> bool:
    """The span stands right after the asked deed's verb ("directed | Avengers"), where what the deed was
    done to stands, not its doer."""
    words = [w for w in re.findall(r"[\w’'-]+", sentence[max(0, start - 40):start]) if w.lower() not in ("the", "a", "an")]
    # "directed Avengers: | Infinity War", "won the 2021 | Harbour Regatta": the asked name's own words or
    # a year stand between
    while words and (words[-1].isdigit() or tokenize(words[-1]) and set(tokenize(words[-1])) <= q.own_names):
        words.pop()
    verb = set(tokenize(words[-1])) if words else set()
    return bool(verb & ({q.deed} | inflections.forms(q.deed)))


# places of a kind whose name is written with the kind's word ("Velo air base", "Arden province"), unlike
# a city or a country
_SITES = frozenset(tokenize("base bases site sites venue border province provinces"))


def _beside(q: Question, sentence: str, start: int, end: int) -> bool:
    before = tokenize(sentence[max(0, start - 30):start])[-3:]
    after = tokenize(sentence[end:end + 30])[:3]
    return bool(set(q.focus) & set(before + after + tokenize(sentence[start:end])))


_PHRASE_END = re.compile(r"[;()\[\]|·]")


_ITS_LEADER = re.compile(r"\b(?:its|their)\s+(?:\w+\s+)?(?:leader|head|chief|chairman|chairwoman|founder)\b",
                         re.IGNORECASE)


def _attached(q: Question, sentence: str, start: int, end: int) -> bool:
    """The span sits beside the asked noun: "2,500 troops" for a count of troops, "Foreign Minister X"
    for a minister; within a few words either side."""
    # a role beyond a "(" or ";" belongs to another phrase ("HQ: San Francisco; CEO: …")
    before = tokenize(_PHRASE_END.split(sentence[max(0, start - 45):start])[-1])
    after = tokenize(_PHRASE_END.split(sentence[end:end + 45])[0])
    if q.subkind == "leader":  # "who heads X": "X's leader Y", "led by Y", "Y, who heads X"
        # … and the group led is the asked one: "the coalition, led by Y" does not say who led the team
        led = (set(q.event) - _LEADERSHIP) & set(before[-8:] + after[:8])
        if not led and _ITS_LEADER.search(sentence[max(0, start - 45):start]):
            # "The X Party won …, forcing its leader, Y, into talks": "its" is the group the sentence names
            led = (set(q.event) - _LEADERSHIP) & set(tokenize(sentence[:start]))
        return bool(_LEADERSHIP & set(before[-4:] + after[:4])) and bool(led)
    if q.slot == "person":  # "Foreign Minister X", "X, the city's mayor": the whole role, right beside
        beside = set(before[-3:] + after[:3] + tokenize(sentence[start:end]))
        beside = beside.union(*map(inflections.abbreviated, beside))  # "Gen X" for "which general"
        # … or, for a doer ("the winner", "the founder"), the deed right after the name ("X won", "X founded")
        # or written before it ("directed by X", "won by X")
        # "Chief executive X" for "who is the CEO"
        done = all(t in beside or inflections.written_in(t, frozenset(beside)) or deeds(t) & set(after[:2] + before[-2:])
                   for t in q.focus)
        return done and not _role_of_another(q, sentence[max(0, start - 45):end + 45])
    # the noun before the number counts it ("troops numbering 2,500") unless a list goes on between them
    # ("45 rescuers and four dogs")
    joined = re.search(r"(?:,|\band|\bor|\bwith)\s*$", sentence[max(0, start - 8):start])
    near = set(after[:4]) | (set() if joined else set(before[-1:]))
    if any(t in near for t in q.focus):
        return not _other_group(q, sentence, end) and not _counts_another(q, sentence, end)
    # "how many people": soldiers, civilians or residents are people too, unless the question names its
    # group ("how many Velorian soldiers") and the sentence does not
    if not (set(q.focus) & _PEOPLE and _people_near(sentence, start, end, joined)):
        return False
    return not q.group or bool(set(q.group) & (set(before[-4:]) | set(after[:6])))


@functools.lru_cache(maxsize=4096)
def deeds(noun: str) -> frozenset[str]:
    """The verb terms a doer noun's deed is written with: "winner" → win, won; "founder" → found."""
    if not re.search(r"(?:er|or)$", noun) or len(noun) < 5:
        return frozenset()
    verb = noun[:-2]
    if len(verb) > 2 and verb[-1] == verb[-2]:
        verbs = [verb[:-1], verb]  # "winner" → "win"; "seller" → "sell"
    else:
        verbs = [verb, verb + "e"]  # "writer" → "write"; the stemmer folds "founde" back to "found"
    terms = {t for v in verbs for t in tokenize(v) if len(t) > 2}
    return frozenset(terms.union(*(inflections.forms(t) for t in terms)))


def _role_of_another(q: Question, window: str) -> bool:
    """ "the spokesman of the Velorian Committee" answered by "Y, the Danish Party's spokesman": the role
    belongs to a named owner the question does not name."""
    for m in re.finditer(r"\b([A-Z][\w-]*)[’']s\s+(?:\w+\s+)?([a-z]+)\b", window):
        if set(tokenize(m.group(2))) & set(q.focus):  # "Norway’s (team) spokesman"
            return not set(tokenize(m.group(1))) & (set(q.terms) | q.known_terms)  # "Norway’s" for "Norwegian"
    return False


def _counts_another(q: Question, sentence: str, end: int) -> bool:
    """ "how much ammunition" answered by "Two drones targeted an ammunition warehouse": a plural noun
    between the number and the asked one is what the number counts ("three rounds of talks" aside)."""
    words = re.findall(r"[\w’'-]+", sentence[end:end + 45])
    for word, following in zip(words, words[1:] + [""]):
        if set(tokenize(word)) & set(q.focus):
            return False
        plural = word.islower() and len(word) > 3 and word.endswith("s") and not word.endswith("ss")
        if plural and following != "of" and word.lower() not in _PEOPLE_WORDS:
            return True
    return False


def _other_group(q: Question, sentence: str, end: int) -> bool:
    """ "how many Velorian sailors" answered by "thousands of Danish sailors": the question names its group
    by a proper modifier and the sentence counts another group, named by a different one."""
    if not q.group:
        return False
    between = re.findall(r"[\w’'.-]+", sentence[end:end + 45])
    said = []
    for word in between:
        if any(t in q.focus for t in tokenize(word)):
            break
        if word[:1].isupper() and tokenize(word):
            said.extend(tokenize(word))
    return bool(said) and not set(q.group) & set(said)


_SENTENCED = re.compile(r"\b(?:sentenced|jailed|imprisoned|sentence|term)\b(?:\s+[\w-]+){0,3}\s*$", re.IGNORECASE)
_HOW_MANY = re.compile(r"\bhow many\s+([\w-]+)", re.IGNORECASE)
# the dimensions a length is told in, each by its words ("tall", "high"), first of all in a text
_DIMENSIONS = {"height": r"tall|high|height", "depth": r"deep|depth", "width": r"wide|width|across|diameter",
               "distance": r"far|away|offshore|inland|downstream|upstream|distance"}
_DIMENSION = re.compile("|".join(rf"\b(?P<{name}>{words})\b" for name, words in _DIMENSIONS.items()), re.IGNORECASE)
DIMENSION_REACH = 12  # characters after a length in which its dimension's word stands ("12 metres wide")


def _dimension(text: str) -> str:
    """The dimension the text's first dimension word tells ("how tall" → height); "" for none."""
    match = _DIMENSION.search(text)
    return match.lastgroup or "" if match else ""


# "Several other systems were taken offline": a quantity that counts nothing
_VAGUE = re.compile(r"(?:several|many|some|few|a few|numerous|multiple|dozens)", re.IGNORECASE)


def _raw_spans(q: Question, sentence: str) -> list[Span]:
    if q.slot == "number":
        if q.subkind == "sentence":  # "sentenced to seven years", not "spent two years in prison"
            return [m.span() for m in _UNITS["duration"].finditer(sentence)
                    if _SENTENCED.search(sentence[max(0, m.start() - 30):m.start()])]
        if q.subkind == "distance":
            # "how deep": not "12 metres wide" nor "14 km offshore", a length of another dimension
            asked = _dimension(q.text)
            return [m.span() for m in _UNITS["distance"].finditer(sentence)
                    if not asked or _dimension(sentence[m.end():m.end() + DIMENSION_REACH]) in ("", asked)]
        if q.subkind in _UNITS:
            return [m.span() for m in _UNITS[q.subkind].finditer(sentence)]
        # "two years ago" says when, not how much, unless the question asks how long ago
        ago_asked = " ago" in q.text.lower()
        # "how many workers": "1.4 billion euros" counts no one ("how much deeper": "120 metres" does)
        units = unit_spans(sentence) if _counts_things(q.text) else []
        return [m.span() for m in _NUMBER.finditer(sentence) if _is_quantity(sentence, *m.span())
                and (ago_asked or not _AGO.match(sentence, m.end())) and not _VAGUE.fullmatch(m.group().strip())
                and not (units and in_a_unit(sentence, *m.span(), units))]
    if q.slot == "date":
        spans = [m.span() for m in _DATE.finditer(sentence)]
        if q.future:
            # "when will the review be completed": a date the sentence gives a coming event, not the day
            # something was said or done ("visited the site on Wednesday and said it would review …")
            # … and not the day it was said ("pushed back by two years, the city said on Monday")
            spans = [(a, b) for a, b in spans if _COMING_DATE.search(sentence[max(0, a - 45):b])
                     and not _SAID_WHEN.search(sentence[max(0, a - 30):a])]
        if q.months:  # "on what date in March": not June 12
            spans = [(a, b) for a, b in spans if not (named := _MONTH_NAMED.findall(sentence[a:b]))
                     or {m.lower() for m in named} & set(q.months)]
        if q.subkind in _DATE_UNITS:  # "on what day": a weekday or a day of a month, not "last year"
            spans = [s for s in spans if _DATE_UNITS[q.subkind].search(sentence[s[0]:s[1]])]
        return spans
    if q.slot == "place":
        spans = [m.span(1) for m in _PLACE.finditer(sentence) if m.group(1).lower() not in _CALENDAR]
        if re.match(r"\W*where\b", q.text, re.IGNORECASE):
            # "speaking outside the harbour office": a place with no name, where only a place can stand
            spans += [m.span(1) for m in _UNNAMED_PLACE.finditer(sentence)]
        else:  # "which city hosted …": maybe the subject
            spans += [s for s in name_spans(sentence) if s not in spans and not is_org(sentence[s[0]:s[1]])
                      and not looks_like_person(sentence, *s) and not _adjective(sentence[s[0]:s[1]])]
        return spans
    names = name_spans(sentence)
    if q.slot in ("org", "agent"):
        # a place ("in Veloria") is not who did something; "which hospital": it may be where it was done
        thing = q.slot == "agent" and bool(q.focus)
        names = [_body_core(sentence, a, b) for a, b in names
                 if thing or not _PLACE_BEFORE.search(sentence[max(0, a - 25):a])]
        # "Velorian lawmakers", "Marlovian fishermen": a described group, named with its noun
        return [(a, _noun_after(sentence, b) if _demonym(sentence, a, b) else b) for a, b in names if a < b]
    if q.slot == "person":
        return [s for s in (person_core(sentence, *n) for n in names) if looks_like_person(sentence, *s)]
    return []


_RANK_WORD = re.compile(
    r"(?:mr|mrs|ms|dr|prof|gen|maj|lt|col|sgt|capt|adm|president|prime|minister|premier|king|queen|prince|"
    r"senator|sen|rep|governor|gov|mayor|judge|general|commander|spokesman|spokeswoman|secretary|chairman|"
    r"chief|leader|envoy|ambassador|adviser|advisor|director|official|foreign|defence|defense|interior|vice|"
    r"deputy|former|acting|major|lieutenant|brigadier|colonel|sergeant|captain|admiral|sheikh|imam|"
    r"ayatollah|pope|sir|lord|lady|dame|chancellor|speaker|justice)(?:-\w+)?\.?",
    re.IGNORECASE,
)
# words shaped like adjectives ("State-backed", "Powerful"), never a name's; with demonyms ("Velorian",
# "Danish"), words that may open a name but not stand before a longer one
_ADJECTIVE_ENDINGS = "ful|ous|ive|-backed|-led|-based|-allied|-aligned|-linked"
_NOT_A_NAME_WORD = re.compile(rf"[\w-]*(?:{_ADJECTIVE_ENDINGS})", re.IGNORECASE)
_ADJECTIVE_WORD = re.compile(rf"[\w-]*(?:ian|ish|ese|{_ADJECTIVE_ENDINGS})", re.IGNORECASE)
_OPENING_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:al|ic|ary)")
_OWNER = re.compile(r"['’]s$")  # "Veloria’s": the word owns what follows
# "Additionally", "Unusually": an adverb capitalised at a sentence's start, never a name's word
_ADVERB = re.compile(r"[a-z]{3,}(?:ally|ately|ously|ively|edly|ingly|ently|antly|ually)")


_SPEAKING = re.compile(r"[,’'s]*\s*(?:said|says|told|added|wrote|tweeted|stated|announced|noted|claimed|warned|"
                       r"called|urged|denied|insisted|argued|posted)\b", re.IGNORECASE)


def _adjective(name: str) -> bool:
    """ "Kurdish", "Iraqi", "Iran-backed": one word that describes, not a place's name."""
    return " " not in name and (bool(_ADJECTIVE_WORD.fullmatch(name)) or gazetteer.is_demonym(name))


def _demonym(sentence: str, start: int, end: int) -> bool:
    """One adjective-shaped word before a common noun ("Velorian militias", "Danish sailors"): a description."""
    word = sentence[start:end]
    shaped = bool(re.fullmatch(r"[\w-]*(?:i|ian|ican|ite|ish|ese)|(?:[A-Z]\.)+[A-Z]\.?", word))
    return (" " not in word and shaped and bool(re.match(r"\.?\s+[a-z]", sentence[end:end + 4]))
            and not _SPEAKING.match(sentence[end:end + 20]))


def _noun_after(sentence: str, end: int) -> int:
    match = re.match(r"\.?\s+([a-z][\w-]*)", sentence[end:])
    return end + match.end() if match and match.group(1) not in _NOT_NAMES else end


def _words(sentence: str, start: int, end: int) -> list[Span]:
    """The white-space separated words of sentence[start:end], as spans of the sentence."""
    return [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", sentence[start:end])]


def _body_core(sentence: str, start: int, end: int) -> Span:
    """An organisation's name without the descriptions and owner before it ("State-backed Arden
    Trust" → "Arden Trust", "Veloria’s al-Noor Front" → "al-Noor Front")."""
    words = _words(sentence, start, end)
    while words and (_NOT_A_NAME_WORD.fullmatch(sentence[words[0][0]:words[0][1]])
                     or (len(words) > 1 and _OWNER.search(sentence[words[0][0]:words[0][1]]))):
        words.pop(0)
    return (words[0][0], words[-1][1]) if words else (start, start)


def person_core(sentence: str, start: int, end: int) -> Span:
    """The name inside a capitalised run: without the titles, demonyms and owners before it ("Velorian
    Major-General Tomas Ardo" → "Tomas Ardo", "Veloria’s al-Noor" → "al-Noor") and
    without a trailing possessive ("Paul Krenz’s" → "Paul Krenz")."""
    words = _words(sentence, start, end)
    ranks = [i for i, (a, b) in enumerate(words[:-1]) if _RANK_WORD.fullmatch(sentence[a:b])]
    if ranks:  # whatever stands before a title qualifies the title ("Velorian Prime Minister X")
        words = words[ranks[-1] + 1:]
        # the title's domain ("Secretary of State X", "Minister of Fisheries X") is part of the title
        if len(words) > 3 and sentence[words[0][0]:words[0][1]] == "of":
            words = words[2:]
    while len(words) > 1:
        word = sentence[words[0][0]:words[0][1]]
        rank = bool(_RANK_WORD.fullmatch(word))
        owner = bool(_OWNER.search(word))
        shaped = bool(_ADJECTIVE_WORD.fullmatch(word)) or (word.isupper() and len(word) <= 4)
        if rank or owner or (shaped and len(words) > 2):
            words.pop(0)
        else:
            break
    if not words:
        return start, end
    first, last = words[0][0], words[-1][1]
    if _OWNER.search(sentence[first:last]) and last - first > 2:
        last -= 2
    return first, last


_AGO = re.compile(r"\s+(?:years?|months?|weeks?|days?|decades?|hours?)\s+ago\b", re.IGNORECASE)


def holds_quantity(sentence: str) -> bool:
    """The sentence gives a figure that counts or measures something (not a year, a date or a time)."""
    return any(re.search(r"\d", m.group()) and _is_quantity(sentence, *m.span()) for m in _NUMBER.finditer(sentence))


_MEASURED = ("money", "fraction", "mass", "distance", "speed", "temperature")
_RANGE_ON = re.compile(r"\s*(?:-|–|to|and|or)\s*(?=\d)")


def in_a_unit(sentence: str, start: int, end: int, units: list[Span] | None = None) -> bool:
    """The number is a sum of money, a share, a measure or an age ("1.4 billion euros", "40 percent", "between
    2 and 3 tonnes", "children aged 5 to 11"): it counts no thing. units: the sentence's unit_spans, when the
    caller has them."""
    ranged = _RANGE_ON.match(sentence, end)
    digit = re.search(r"\d", sentence[start:end])
    # "about 310 kilometres": the unit follows the number, not the word that qualifies it
    starts = [start + digit.start() if digit else start] + ([ranged.end()] if ranged else [])
    opened = _RANGE_OPENED.search(sentence, 0, start)
    if opened:
        starts.append(opened.start())  # "aged 5 to 11": the range's first number holds the unit
    return any(a <= at < b for a, b in (unit_spans(sentence) if units is None else units) for at in starts)


_RANGE_OPENED = re.compile(r"\d[\d,.]*\s*(?:-|–|to|and|or)\s*$")
# "children aged 5 to 11", "a 33-year-old driver": an age, which counts no children and no drivers
_AGED = re.compile(r"\b(?:aged|ages)\s+(?:between\s+)?\d{1,3}\b|\b\d{1,3}[- ]years?[- ]old\b", re.IGNORECASE)


def unit_spans(sentence: str) -> list[Span]:
    """The sentence's sums of money, shares, measures and ages."""
    return [m.span() for unit in _MEASURED for m in _UNITS[unit].finditer(sentence)] + \
        [m.span() for m in _AGED.finditer(sentence)]


@functools.lru_cache(maxsize=256)
def _counts_things(question: str) -> bool:
    """ "How many workers": a count of things, so a sum or a measure is no answer; "how many tonnes" counts
    the unit itself."""
    counted = _HOW_MANY.search(question)
    return bool(counted) and not in_a_unit(f"2 {counted.group(1)}", 0, 1)


# capitalised, so "3 may" (the verb) is no date
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:"
                          + "|".join(m.capitalize() for m in f"{_MONTH_WORDS}|{_MONTH_SHORT}".split("|")) + r")\b\.?")


def _is_quantity(sentence: str, start: int, end: int) -> bool:
    """A number that counts something, not a year, a date's day or a clock time."""
    piece = sentence[start:end].strip().rstrip(".,")  # "… at the last count in 2019.": still a year
    if re.fullmatch(r"(?:19|20)\d\d", piece):
        return False
    if re.search(r"\d[:.]$", sentence[max(0, start - 2):start]) or re.match(r"[:.]\d\d\b", sentence[end:end + 3]):
        return False  # "at about 8:40 a.m.": a clock time, neither its hour nor its minutes a count
    before = sentence[max(0, start - 12):start].lower()
    if re.search(rf"{_MONTH_NAME}\s*$", before) or _MONTH_AFTER.match(sentence, end):
        return False  # "October 14", "14 October": a date's day
    return piece.lower() not in ("one", "single", "half", "third", "quarter")


# words that make the person beside them a group's leader, stemmed: what answers "who heads X"
_LEADERSHIP = frozenset(tokenize(
    "head heads headed leader leaders leads led chief chairman chairs chaired commander commands commanded "
    "founder founded director president"))
# general nouns for groups of people: what a count of "people" may be a count of; whole words, as their stems
# are also things' ("villagers" and "villages", "residents" and "residences" stem alike)
_PEOPLE_PLURALS = re.findall(r"\w+", (
    "people persons men women children civilians residents soldiers troops fighters militants members workers "
    "officers police policemen protesters demonstrators victims passengers staff employees students voters "
    "citizens refugees migrants prisoners hostages patients doctors journalists personnel casualties individuals "
    "inhabitants villagers families adults boys girls teenagers guards others"))
_PEOPLE_WORDS = frozenset(_PEOPLE_PLURALS + ["person", "man", "woman", "child", "family"]
                          + [w[:-1] for w in _PEOPLE_PLURALS if w.endswith("s") and not w.endswith("ies")])
_PEOPLE = frozenset(tokenize(" ".join(_PEOPLE_WORDS)))  # the question's words, stemmed


def _people_near(sentence: str, start: int, end: int, joined: bool) -> bool:
    """A word for people right after the number, or right before it unless a list joins them ("two villages"
    counts no one, "two villagers" do)."""
    after = re.findall(r"[a-z]+", _PHRASE_END.split(sentence[end:end + 45])[0].lower())[:4]
    before = [] if joined else re.findall(r"[a-z]+", _PHRASE_END.split(sentence[max(0, start - 45):start])[-1].lower())[-1:]
    return any(w in _PEOPLE_WORDS for w in after + before)


_TOKEN = re.compile(r"[\w’'.-]*\w")
_CONNECTORS = frozenset(["al", "bin", "ibn", "de", "van", "von", "der", "la", "le", "of"])


_ABBREVIATED = re.compile(r"[A-Z]|Mr|Mrs|Ms|Dr|Prof|Gen|Maj|Lt|Col|Sgt|Capt|Adm|Rep|Sen|Gov|St")


def name_spans(sentence: str) -> list[Span]:
    """Runs of capitalised words (with al-/bin/of inside): names. Not calendar words, not a lone
    capitalised word that only opens the sentence."""
    spans: list[Span] = []
    run: list[tuple[int, int]] = []
    dateline = _DATELINE.match(sentence)
    begins = dateline.end() if dateline else 0  # the sentence proper opens after its dateline

    def flush() -> None:
        while run and sentence[run[-1][0]:run[-1][1]].lower() in _CONNECTORS:
            run.pop()
        if run:
            start, end = run[0][0], run[-1][1]
            opening = not sentence[begins:start].strip(" “\"'‘(")
            if opening and sentence[start:end].isupper() and re.match(r"\s*(?:—|–|-|:|\()", sentence[end:end + 3]):
                run.clear()  # a dateline ("KELLFORD — …"), not a name
                return
            word = sentence[start:end]
            # one capitalised word opening a sentence is a name only if it does not look like a common
            # word capitalised there ("Police said", "Doctors say", "Several …"): not plural, not a function word
            common = len(run) == 1 and opening and not word.isupper() and (
                word.lower() in _NOT_NAMES or (word.endswith("s") and not word.endswith("ss"))
                # "Medical aid …", "Local officials …": an adjective before its noun (not "Nepal said")
                or bool(_OPENING_ADJECTIVE.fullmatch(word) and re.match(r"\s+[a-z]", sentence[end:end + 2])
                        and not gazetteer.named(word))
                # "Rescue teams …", "Health officials …": a common word before the plural noun it qualifies
                or bool(word.lower() in common_words() and _PLURAL_NEXT.match(sentence[end:end + 30])
                        and not gazetteer.named(word))
                # "Together the two firms …": a name is not followed by an article; "Chief executive X": a title
                or bool(re.match(r"\s+(?:the|a|an)\s", sentence[end:end + 5]))
                # "Founded in 1990 by …", "Based on …": a participle before its preposition
                or word.endswith("ed") and bool(re.match(r"\s+(?:in|on|at|by|from|after|for|with|to|into|over|"
                                                         r"under|near)\s", sentence[end:end + 7]))
                or bool(_TITLES.fullmatch(word + " ") and re.match(r"\s+[a-z]", sentence[end:end + 2]))
                or is_number_word(word))  # "Three rescue teams are working": a count, not a name
            if not common:
                spans.append((start, end))
        run.clear()

    for match in _TOKEN.finditer(sentence):
        word = match.group()
        gap = sentence[run[-1][1]:match.start()] if run else " "
        # "Maj. Gen. John W. Brennan": an initial's or a title's full stop does not end the name
        abbreviated = gap.strip() == "." and bool(_ABBREVIATED.fullmatch(sentence[run[-1][0]:run[-1][1]])) if run else False
        if run and gap.strip() and not abbreviated:
            flush()
        lower = re.sub(r"['’]s$", "", word.lower().rstrip("."))  # "Tuesday's" is a calendar word too
        capital = word[0].isupper() or bool(re.match(r"(?:al|el|ad|as|an|ash)-[A-Z]", word))
        if word == "US":  # the country, not the pronoun
            lower = "u.s"
        glued = re.search(r"-([a-z]+)$", word)  # "Saddam Hussein-a government": a dash set without spaces
        if capital and glued and glued.group(1) in STOP_WORDS:
            run.append((match.start(), match.end() - len(glued.group())))
            flush()
        elif capital and lower not in _NOT_NAMES and lower not in _CALENDAR and not _ADVERB.fullmatch(lower) \
                or run and lower in _CONNECTORS:
            run.append(match.span())
        else:
            flush()
    flush()
    return [span for span in spans if span[0] >= begins]


# a news dateline: "PORT ELLA, May 16 (Reuters) - …", "KELLFORD (Wire) - …" — its place and agency name
# nothing the sentence tells
_DATELINE = re.compile(r"^\W*[A-Z][A-Z'. -]+(?:,[^\n—–]{0,40}?|\s*\([^()\n]{1,30}\))?\s[-—–]\s")  # "KELLFORD — " too
_PLURAL_NEXT = re.compile(r"\s+[a-z]+[^s\W]s\b")


def title_cased(text: str) -> bool:
    """Every word longer than three letters is capitalised, verbs too: a headline in title case, whose
    capitals name nothing."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) > 3]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


def is_number_word(text: str) -> bool:
    """ "Two", "Thousands": a count written in words, not a name."""
    return bool(re.fullmatch(rf"(?:{_NUMBER_WORDS})", text.strip(), re.IGNORECASE))


def is_org(name: str) -> bool:
    words = name.replace("’s", "").split()
    last = words[-1].lower().strip(".,") if words else ""
    return (last in _ORG_ENDINGS or (words and words[0].lower() in _ORG_STARTS)
            or (name.isupper() and 2 <= len(name) <= 6))


def looks_like_person(sentence: str, start: int, end: int) -> bool:
    """A name that is a person's: not an organisation or an acronym, and either two or more words or
    one word after a title ("President Lopez") or before a speech verb ("Lopez said")."""
    name = sentence[start:end]
    if is_org(name) or name.isupper():
        return False
    words = name.split()
    if words and _NOT_A_NAME_WORD.fullmatch(words[0]):
        return False  # "State-backed Velorian", "Powerful Danish": a description, not a name
    if any(w[:1].islower() and w.lower() not in _CONNECTORS and not re.match(r"(?:al|el|ad|as|an|ash)-", w)
           for w in words):
        return False  # "American troops": a group described, not a person named
    before = sentence[max(0, start - 25):start]
    after = sentence[end:end + 20].lower()
    titled = bool(_TITLES.search(before))
    speaking = bool(_SPEAKING.match(after))
    if len(words) >= 2:
        return titled or speaking or not _PLACE_BEFORE.search(before)
    return titled or speaking


_PLACE_BEFORE = re.compile(r"\b(?:in|at|to|from|near|across|into)\s+(?:the\s+)?$")


_NO_REASON = re.compile(r"\b(?:(?:gave|give|gives|offered|provided) no (?:reason|explanation)|(?:did not|would not|"
                        r"declined to) (?:say|explain) why|no reason was given|did not (?:give|offer) a reason)\b",
                        re.IGNORECASE)
# "The cause has not been determined", "the motive remains unclear"
_CAUSE_UNKNOWN = re.compile(r"\b(?:cause|motive)s? (?:(?:is|was|has|had|have) not (?:yet )?(?:been )?(?:known|determined|"
                            r"established|identified)|(?:is|was|remains?) (?:still )?(?:unknown|unclear|not known))\b",
                            re.IGNORECASE)


def cause_unknown(sentence: str) -> bool:
    """The sentence says what caused the event is not known ("The cause has not been determined")."""
    return bool(_CAUSE_UNKNOWN.search(sentence))


def gives_no_reason(sentence: str) -> bool:
    """The sentence says the reason was not given ("City Hall gave no reason for his departure")."""
    return bool(_NO_REASON.search(sentence))


# "did not yet know whether he would need surgery", "would not say whether she would play": the claim after
# "whether" is left open
_OPEN_WHETHER = re.compile(r"\b(?:not|never|declined|refused|unclear|unknown|uncertain)\b(?:\s+[\w’']+){0,3}?\s+"
                           r"whether\s+([^.;:,]+)", re.IGNORECASE)


def left_open(sentence: str) -> frozenset[str]:
    """The terms of the claims the sentence says are not known either way ("it did not say whether X": X's)."""
    return frozenset(t for m in _OPEN_WHETHER.finditer(sentence) for t in tokenize(m.group(1)))


def is_hedge(sentence: str) -> bool:
    """The sentence says the fact is not known."""
    return bool(_HEDGE.search(sentence))


# a hedge whose unknown thing follows it ("did not say what sanctions …", "it is unclear who …"); the others
# follow their unknown thing ("a donor who did not want to be named", "the cause was not known")
_HEDGE_THEN_WHAT = re.compile(
    r"\b(?:it is not known|it is unclear|it remains unclear|not yet (?:known|clear)|no one knows|"
    rf"{_NOT_SAID}|(?:gave|give|gives|offered|provided) no)\b", re.IGNORECASE)


WITHHELD_REACH = 80  # characters before "did not identify it" in which "it" is named
_WITHHELD_PRONOUN = re.compile(r"\s+(?:it|them|him|her)\b", re.IGNORECASE)
# "have not identified the driver" (what follows), "whose artist it has never been able to identify" (before)
_UNIDENTIFIED = re.compile(r"(?:has|have|had) (?:never|not)\b", re.IGNORECASE)


# a sentence opening on the question it says is open: its unknown is the asked noun ("How much back pay …")
# … or the whole open question ("Whether the skiers set it off …")
_ASKED_BEFORE = re.compile(r"\W*(?:(?:how (?:much|many)|what|which)\s+((?:[\w’'-]+\s+){0,1}[\w’'-]+)\s+(?:the|a|an|his|her|"
                           r"its|their|[\w’'-]+(?:ed|s))\b|whether\s+(.+))", re.IGNORECASE)


# a sentence's subject set apart by a comma ("The buyer, bidding by telephone, …")
_SUBJECT_APART = re.compile(r"\W*(?:the|a|an)\s+((?:[\w’'-]+\s+)?[\w’'-]+),", re.IGNORECASE)


# a hedge that withholds only a name ("whose name was not released"), which answers nothing but "who"
_NAME_HEDGE = re.compile(r"\b(?:nam|identif|identit)", re.IGNORECASE)


def hedged(sentence: str, names: bool = True) -> frozenset[str]:
    """The terms of what a hedge says is not known: the words after "did not say" ("did not say what
    sanctions …"), or before "was not known" ("a donor who did not want to be named"); empty when the
    sentence hedges nothing. names: whether a withheld name counts (for a question asking one)."""
    out: set[str] = set()
    for match in _HEDGE.finditer(sentence):
        if not names and _NAME_HEDGE.search(match.group()):
            continue
        if _NO_CLAIMED.fullmatch(match.group()):
            out.update(tokenize(match.group()))  # the doer: "No group has claimed responsibility"
            continue
        then_what = bool(_HEDGE_THEN_WHAT.match(sentence, match.start()))
        if then_what or _UNIDENTIFIED.match(sentence, match.start()):
            out.update(tokenize(sentence[match.end():match.end() + 40]))
            if _WITHHELD_PRONOUN.match(sentence, match.end()):
                # "said the gang behind the theft was well known but did not name it"
                out.update(tokenize(re.sub(r"^\S*\s", "", sentence[max(0, match.start() - WITHHELD_REACH):match.start()])))
        subject = _SUBJECT_APART.match(sentence)
        if not then_what and subject and subject.end() <= match.start():
            out.update(tokenize(subject.group(1)))  # "The buyer, bidding through X, was not identified"
        asked = _ASKED_BEFORE.match(sentence[:match.start()])
        if asked:  # "How much back pay the drivers could get was not determined": the pay, not the drivers
            out.update(tokenize(asked.group(1) or asked.group(2)))
        elif not then_what:  # whole words only: "horse", not "orse"
            out.update(tokenize(re.sub(r"^\S*\s", "", sentence[max(0, match.start() - 30):match.start()])))
    return frozenset(out)


def withholds_name(sentence: str) -> bool:
    """The sentence says a name is kept back ("did not name the suspects", "whose name was not released")."""
    return any(_NAME_HEDGE.search(m.group()) for m in _HEDGE.finditer(sentence))


# words that give a reason only sometimes, and more often a time ("after the match", "since 2019")
_WEAK_CAUSES = frozenset(["after", "following", "amid", "since"])


def gives_reason(sentence: str, beside: bool = False) -> bool:
    """The sentence gives a cause; beside another (a neighbour of the event's sentence), only by a word
    that says so, not by one that is more often a time ("after")."""
    return any(not (beside and m.group().lower() in _WEAK_CAUSES)
               and not (m.group().lower().startswith("had ") and (_RELATIVE.search(sentence, 0, m.start())
                                                                  or _CLAIMED.search(sentence, 0, m.start())))
               for m in _CAUSAL.finditer(sentence))


# "the sailings it had scheduled", "a plan that had been agreed": a past in a clause describing a thing, no cause
_RELATIVE = re.compile(r"\s(?:it|that|which|who)\s+$")
# "rejected the argument that users had agreed": a past someone claims, no cause
_CLAIMED = re.compile(r"\b(?:argument|claim|contention|assertion|insistence)s?\s+that\s+(?:[\w’'-]+\s+){1,3}$",
                      re.IGNORECASE)


def states_reason(sentence: str) -> bool:
    """The sentence gives a cause by a word that says so: not a time ("after"), not a past told before the
    event ("had hoped"), which gives_reason also counts."""
    return any(m.group().lower() not in _WEAK_CAUSES and not m.group().lower().startswith("had ")
               for m in _CAUSAL.finditer(sentence))


# a cause named as such, wherever the sentence stands: not a purpose ("to help"), a time or a past; "gave three
# reasons for the decision", "the most likely cause was a leaking water main"
_BLAME = re.compile(r"\b(?:because|due to|owing to|blam(?:e|es|ed|ing)|citing|attribut\w+\s+(?:[\w’'-]+\s+){1,7}?to|"
                    r"(?:the|a) result of|result(?:s|ed)? from|stem(?:s|med)? from|caused by|the reason|"
                    r"(?<!\bno )(?<!\bany )reasons? (?:for|behind)|(?:likely|probable|main|chief|suspected) cause|"
                    r"cause (?:was|is)(?! (?:not|unknown|unclear|still|being|under|yet)\b)|"
                    r"(?:inquiry|investigation|audit|probe)\b[^.;]{0,40}?\b(?:found|concluded) that)\b", re.IGNORECASE)


def blames(sentence: str) -> bool:
    """The sentence names a cause as such ("the group blamed falling sales", "because of …")."""
    return bool(_BLAME.search(sentence))


# "identifying them could cause panic", "disclosing the figure would breach …": why a detail is kept back
_ON_DISCLOSING = re.compile(r"\b(?:naming|identifying|disclosing|revealing|releasing|publishing)\b", re.IGNORECASE)


def explains_withholding(sentence: str) -> bool:
    """The sentence gives a reason for keeping a detail back: a cause word ("citing an open tender") or what
    telling it would do ("said identifying them could …")."""
    return states_reason(sentence) or bool(_ON_DISCLOSING.search(sentence))


def gives_manner(sentence: str, beside: bool = False) -> bool:
    """The sentence gives a manner ("by …", "through …"); beside: as for gives_reason, where a manner word
    says so wherever it stands."""
    return bool(_MANNER.search(sentence))


def is_negative(sentence: str) -> bool:
    return bool(_NEGATION.search(sentence))


_PAST_FRAME = re.compile(r"^\W*(?:[Bb]ack )?[Ii]n (?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+ )?(?:19|20)\d\d\b")
_PAST_WHEN = re.compile(r"\b(?:19|20)\d\d,? when\b")


def past_from(sentence: str) -> int | None:
    """Where the sentence starts telling a past event: its start when it opens "In 2016, …", or the "when"
    after a year ("the worst since 2011, when …"); None when it tells none."""
    if _PAST_FRAME.match(sentence):
        return 0
    when = _PAST_WHEN.search(sentence)
    return when.start() if when else None
