"""Question analysis (kind, slot, event terms) and where a sentence holds the asked detail."""

from __future__ import annotations

import pytest

from qa.compose import carries_on
from qa.cues import (
    blames,
    cause_unknown,
    gives_manner,
    gives_no_reason,
    gives_reason,
    hedged,
    in_a_unit,
    is_hedge,
    is_negative,
    left_open,
    looks_like_person,
    name_spans,
    person_core,
    slot_spans,
    withholds_name,
)
from qa.extractive import _done_by, titles
from qa.question import (
    account_speaker,
    analyse,
    asked_deed,
    counted_phrase,
    dated_deed,
    explainer,
    question_entities,
    relative_times,
    years_in,
)
from qa.series import series_spans
from qa.types import Passage
from vectorstore.tokens import tokenize


@pytest.mark.parametrize(
    "question, kind, slot",
    [
        ("Who announced the end of the mission?", "who", "agent"),
        ("Who is the leader of the movement?", "who", "person"),
        ("How many US troops are in Iraq?", "count", "number"),
        ("about how many attacks were there this year", "count", "number"),
        ("When did lawmakers vote?", "when", "date"),
        ("Where did the drones strike?", "where", "place"),
        ("Super Bowl 2021 location", "what", "place"),
        ("What was Tesla's revenue in Q1 2021?", "what", "number"),
        ("Which militia commander was killed?", "who", "person"),
        ("which groups welcomed the pledge", "list", "org"),
        ("Why did the militias object?", "why", None),
        ("how did the council react", "how", None),
        ("Did the council approve the stadium?", "yes_no", None),
        ("compare the mayor's and the police chief's statements", "comparison", None),
        ("summarize the articles", "overview", None),
        ("what are these articles about", "overview", None),
        ("Who is Maria Lopez?", "definition", None),
        ("What is the name of the rebel group's leader?", "who", "person"),
        ("Who was the council's chief spokesman?", "who", "person"),
        ("Which countries sent teams to Veloria?", "list", "place"),
        ("what topics do the talks cover", "list", None),
        ("what does the plan cover", "what", None),
        # a description of a thing, not a place's name, though "site" names a place
        ("What kind of storage site did the drones hit?", "what", None),
        ("by what deadline must the troops be gone", "when", "date"),
        # a role noun of any trade asks for a person, not a number because "total" follows
        ("Which senior army officer told lawmakers he foresaw no total exit?", "who", "person"),
        ("which analyst called the plan a stunt", "who", "person"),
        # a yes/no question measured against another time is no comparison of two sides
        ("did the party gain seats compared with the last election", "yes_no", None),
        ("On how many occasions did the director break the rules?", "count", "number"),
        ("In which other countries did the firm apply?", "list", "place"),
        ("malaria deaths veltria last year", "what", "number"),  # a keyword question's counted noun
        ("What fraction of the imports pass through the port?", "count", "number"),
        # a role owned by a name of several words is still a person's
        ("who is Velo Rail Systems's chief executive", "who", "person"),
    ],
)
def test_question_kind_and_slot(question: str, kind: str, slot: str | None) -> None:
    q = analyse(question)
    assert (q.kind, q.slot) == (kind, slot)


def test_event_terms_leave_out_the_wh_words_and_the_slot_noun() -> None:
    q = analyse("How many rescue teams did Norway send?")
    assert q.focus == ("team",) and "norway" in q.event and "rescu" in q.event
    assert "group" not in analyse("which groups welcomed the plan").event
    assert analyse("How much military aid did Norway send?").focus == ("aid",)  # a phrase ends in its head
    assert analyse("who heads the relief agency").subkind == "leader"


def test_comparison_sides() -> None:
    assert analyse("how did the mayor's take on the deal differ from the police chief's").sides == \
        ("mayor", "police chief")
    assert analyse("Compare Norway and Japan").sides == ("Norway", "Japan")
    # a side stops at the verb both sides share, unless that leaves only a pronoun
    assert analyse("compare what the harbour union and the port authority said about the strike").sides == \
        ("the harbour union", "port authority")
    assert analyse("Compare Lopez's plan with what he promised for Marlow").sides == ("Lopez", "he promised for Marlow")
    # … and at "each" / "both": "compare how A and B each described X"
    assert analyse("compare how the harbour union and the port authority each characterised the strike").sides == \
        ("the harbour union", "port authority")


def test_do_the_articles_agree_sets_the_sources_side_by_side() -> None:
    assert analyse("do all the articles agree on how many ships were delayed").kind == "comparison"
    assert analyse("do the reports agree about who bombed the bridge").kind == "comparison"


def test_slot_spans_skip_what_the_question_already_says() -> None:
    q = analyse("How many troops will stay in Iraq beyond 2021?")
    assert slot_spans(q, "It is not known how many troops will stay beyond 2021.") == []
    sentence = "The U.S. currently has about 2,500 troops in Iraq."
    assert [sentence[a:b] for a, b in slot_spans(q, sentence)] == ["about 2,500"]


def test_names_are_not_sentence_openers_or_calendar_words() -> None:
    sentence = "Since Monday, Maria Lopez and the Kellford Rovers met in March."
    assert [sentence[a:b] for a, b in name_spans(sentence)] == ["Maria Lopez", "Kellford Rovers"]
    sentence = "Additionally, Kelly Connolly met Lopez in Italy. Unusually, he spoke first."
    assert [sentence[a:b] for a, b in name_spans(sentence)] == ["Kelly Connolly", "Lopez", "Italy"]


@pytest.mark.parametrize(("sentence", "names"), [
    ("Medical aid reaches quake zone", []),  # an adjective opening a headline, before its noun
    ("Local officials said the road was shut.", []),
    ("Nepal sent two rescue teams.", ["Nepal"]),  # a country stays a name
    ("Kellford said nothing.", ["Kellford"]),
    # a dateline with its agency in brackets and no date; the sentence proper opens after it
    ("DUNMARSH (Wire) - Rescue teams pulled four climbers out alive, Ana Kovac said.", ["Ana Kovac"]),
    ("Health officials said Ana Kovac had left.", ["Ana Kovac"]),  # a common word before its plural noun
])
def test_an_adjective_opening_a_sentence_is_no_name(sentence: str, names: list[str]) -> None:
    assert [sentence[a:b] for a, b in name_spans(sentence)] == names


def test_hedges_and_entities() -> None:
    assert is_hedge("It is not known how many troops will stay in the country beyond 2021.")
    assert question_entities("How many US troops are in Syria in 2021?") == ["usa", "syria", "2021"]
    assert question_entities("what did he say?") == []


@pytest.mark.parametrize(
    "text, terms",
    [
        ("told us the plan", ["plan"]),
        ("how many us troops stay", ["usa", "troop", "stay"]),
        ("The U.S., the United States and America", ["usa", "usa", "usa"]),
        ("the UN and the united nations", ["un", "un"]),
    ],
)
def test_the_pronoun_us_is_not_the_country_and_aliases_meet(text: str, terms: list[str]) -> None:
    assert tokenize(text) == terms


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Veloran Deputy Minister Anna Kovic said the roads were open.", "Anna Kovic"),
        ("The plan drew on Paul Krenz’s report.", "Paul Krenz"),
        ("Velorian Lieutenant-General Tomas Ardo visited the camp.", "Tomas Ardo"),
        ("It was led by Velorian Secretary of State Ana Ruiz and two aides.", "Ana Ruiz"),  # the title's domain
    ],
)
def test_a_persons_name_is_trimmed_of_titles_demonyms_and_possessives(sentence: str, name: str) -> None:
    cores = [person_core(sentence, *span) for span in name_spans(sentence)]
    assert name in [sentence[a:b] for a, b in cores if looks_like_person(sentence, a, b)]


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("Velorian troops said they had reached the villages.", "Velorian troops"),
        ("Powerful Velorian clans said they would help.", "Powerful Velorian"),
        ("Veloria’s Rescue Service said it had found survivors.", "Rescue Service"),
    ],
)
def test_groups_and_descriptions_are_not_people(sentence: str, words: str) -> None:
    start = sentence.index(words)
    core = person_core(sentence, start, start + len(words))
    assert not looks_like_person(sentence, *core)


def test_a_count_of_people_is_a_count_of_people() -> None:
    q = analyse("How many people were killed in the blast?")
    assert slot_spans(q, "Two drones hit the depot in the blast.") == []
    sentence = "The blast killed 13 soldiers and civilians."
    assert [sentence[a:b] for a, b in slot_spans(q, sentence)] == ["13"]


def test_a_partitive_count_counts_the_noun_after_of() -> None:
    # "how many of the advisers": the advisers are counted, so a number of personnel does not answer
    q = analyse("how many of the coalition advisers are danish")
    assert q.focus == ("advis",)
    assert slot_spans(q, "Many of the roughly 900 coalition personnel still based in Veloria serve as advisers.") == []
    # "how much of the country": a share of a whole, however the sentence names the whole
    share = analyse("how much of veloria had the floods covered by 2019")
    assert share.subkind == "fraction" and share.focus == ()
    sentence = "By 2019 the floods had covered a third of the province."
    assert [sentence[a:b] for a, b in slot_spans(share, sentence)] == ["a third"]


def test_the_man_who_led_x_asks_for_xs_leader() -> None:
    q = analyse("what is the name of the man who led the chilean team")
    assert q.slot == "person" and q.subkind == "leader"
    # a leader of another group, though "led by" stands beside him, does not answer
    sentence = "The Danish coalition, led by Ivan Petrov, praised the rescuers."
    assert slot_spans(q, sentence) == []
    sentence = "The Chilean team, led by Ivan Petrov, reached the village."
    assert [sentence[a:b] for a, b in slot_spans(q, sentence)] == ["Ivan Petrov"]


def test_countries_and_organisations_are_known_in_any_case() -> None:
    assert analyse("what did the french government say").known == (frozenset({"franc", "french"}),)
    assert analyse("did nato send troops").known == (frozenset({"nato"}),)
    assert analyse("how many troops are in papua new guinea").known == (frozenset({"papua", "guinea"}),)
    assert analyse("what did they polish").known == ()  # a common word, not listed
    assert analyse("an un-american remark").known == ()  # a word part, not the UN


def test_what_time_asks_a_clock_time_and_time_is_not_an_event_word() -> None:
    q = analyse("what time did the car bomb explode")
    assert (q.kind, q.slot, q.subkind) == ("when", "date", "time") and "time" not in q.event
    assert analyse("at what times did the hospitals open").kind == "list"
    sentence = "It exploded at 5:30 pm local time on Sunday."
    assert [sentence[a:b] for a, b in slot_spans(q, sentence)] == ["5:30 pm"]


def test_a_hyphen_after_a_bound_prefix_also_gives_the_joined_word() -> None:
    assert "coordin" in tokenize("the Co-ordination Committee") and "coordin" in tokenize("coordination")
    assert tokenize("anti-war") == ["anti", "war"]


def test_a_list_of_places_leaves_out_words_that_describe() -> None:
    q = analyse("list the places mentioned in the report")
    sentence = "Iraqi and Kurdish officials met American and Iran-backed envoys in Marlow."
    assert [sentence[a:b] for a, b in slot_spans(q, sentence)] == ["Marlow"]


def test_the_roles_articles_give_people_stand_for_their_surnames() -> None:
    text = ("The plan was posted by Velorian interior minister Anna Kovic on Friday. "
            "“We finished the review,” Kovic wrote. Lars Dahl, Norway’s team spokesman, agreed.")
    roles = titles([Passage("c", "a.txt", "", text, 0, len(text), 0.0)])
    assert roles["kovic"] >= {"interior", "minist"} and roles["dahl"] >= {"team", "spokesman"}


def test_the_years_a_question_names() -> None:
    assert analyse("Who won the Harbour Cup in 2019?").years == ("2019",)
    assert analyse("who won the 2018 final and the 2019 one").years == ("2018", "2019")
    assert analyse("how many of the 2,019 sailors finished").years == ()
    assert analyse("what did the $2019 ticket buy").years == ()
    assert years_in("the first modern games, in Athens 1896") == ["1896"]


def test_who_is_the_role_of_x_asks_for_the_person_not_a_definition() -> None:
    q = analyse("Who is the CEO of Velcorp?")
    assert (q.kind, q.slot, q.focus) == ("who", "person", ("ceo",))
    assert analyse("Who is Ana Soto?").kind == "definition"


@pytest.mark.parametrize(("question", "sentence", "spans"), [
    # the asked name and role a span opens with are not the answer; the person after them is
    ("Who is the CEO of Velcorp?", "Velcorp CEO Ana Soto said sales rose.", ["Ana Soto"]),
    # a span that names the asked thing again is no answer at all
    ("Who won the Harbour Cup?", "The Harbour Cup Trophy was handed over on Sunday.", []),
    # a doer noun is met by the deed right after the name
    ("Who is the Harbour Cup winner?", "Ana Soto won the Harbour Cup on Sunday.", ["Ana Soto"]),
    ("Who is the founder of Velcorp?", "Ana Soto founded Velcorp in 1999.", ["Ana Soto"]),
    ("Who is the founder of Velcorp?", "Ana Soto visited Velcorp in 1999.", []),
    ("Who is the director of Harbour Nights?", "Harbour Nights: Directed by Ana Soto.", ["Ana Soto"]),
])
def test_a_persons_slot_is_not_the_asked_name_and_a_doer_is_met_by_the_deed(
        question: str, sentence: str, spans: list[str]) -> None:
    assert [sentence[a:b] for a, b in slot_spans(analyse(question), sentence)] == spans


def test_a_who_question_meets_its_doer_in_the_deeds_words_and_the_other_way_round() -> None:
    assert _done_by(["director", "harbour"], frozenset(["direct", "harbour"])) == {"director"}
    assert _done_by(["direct"], frozenset(["director"])) == {"direct"}
    assert _done_by(tokenize("minister"), frozenset(tokenize("ministry"))) == set()


def test_a_sentence_opening_adverb_is_no_name() -> None:
    sentence = "Overall, Velcorp paid out $40 million."
    assert [sentence[a:b] for a, b in name_spans(sentence)] == ["Velcorp"]


@pytest.mark.parametrize(("question", "sentence", "spans"), [
    # a digit inside a code or a product name counts nothing
    ("How many phones did Velcorp sell?", "Velcorp sold 40,000 phones in Q2, most of them the Pixo 5G.", ["40,000"]),
    ("How many people fell ill?", "COVID-19 left 30 people ill in Kellford.", ["30"]),
    # "a quarter" is a share, not a count
    ("How many boats sank?", "In the first quarter, 12 boats sank.", ["12"]),
    # a weekday and the date after it are one date; a day may stand before its month
    ("When will the season premiere?", "It will premiere on Thursday, Nov. 12 at nine.", ["on Thursday, Nov. 12"]),
    ("When was the bridge opened?", "The bridge was opened on 21 July 2017 by the mayor.", ["21 July 2017"]),
    # a sentence that asks tells no answer
    ("Which country won the most medals?", "Where is Kellford? · What countries won the most medals?", []),
    # a role beyond a ";" or ":" belongs to another name
    ("Who is the CEO of Velcorp?", "Velcorp (HQ: Kellford Bay; CEO: Ana Soto) grew.", ["Ana Soto"]),
    # "who directed X": the film right after "directed" is what was directed, not who directed it
    ("Who directed Harbour Nights?", "Ana Soto, who directed Harbour Nights: Part Two, spoke.", ["Ana Soto"]),
    # a dash set without spaces does not glue a word onto the name
    ("Who led the rebellion?", "The rebellion was led by Erik Holm-a sailor from Kellford.", ["Erik Holm"]),
    # the start or end of a month is a date, whole
    ("When will the schools reopen?", "The schools stay shut until the end of the month.", ["the end of the month"]),
    # a measure, not a count of a noun: an age set off after a name, a sum in any currency, a distance in words
    ("What age is the mayor?", "Ana Soto, 52, a former surgeon, won.", ["52"]),
    ("How much money went into the bridge?", "It cost 310 million crowns over five years.", ["310 million crowns"]),
    ("How far away is the camp from the river?", "The camp lies six kilometres from the river.", ["six kilometres"]),
    # a measure asked by its noun is given in its unit, not by a year or another count
    ("cup final attendance", "They won 2-1 in front of 58,300 fans, their first win since 1983.", ["58,300 fans"]),
    ("What is the mass of the satellite?", "The satellite, which weighs 1,450 kilograms, maps floods every 36 hours.",
     ["1,450 kilograms"]),
    ("what was the turnout", "Turnout was 61.4 percent, the lowest since 1994.", ["61.4 percent"]),
    ("For how long had no troops been deployed?", "No troops had been deployed for months.", ["for months"]),
    ("How deep below ground were the miners trapped?", "A collapse trapped them about 340 metres underground in 2019.",
     ["340 metres"]),
])
def test_spans_are_whole_dates_real_counts_and_the_doer(question: str, sentence: str, spans: list[str]) -> None:
    assert [sentence[a:b] for a, b in slot_spans(analyse(question), sentence)] == spans


def test_an_irregular_verbs_forms_meet() -> None:
    from qa.inflections import forms
    assert {"win", "won"} <= forms("won") and forms("won") == forms("win")
    assert forms("lead") == forms("led")
    assert forms("found") == frozenset()  # "found" is more often "set up" than the past of "find"
    assert forms("took") == frozenset()  # light verbs sit in idioms: "took place"
    assert analyse("Who directed Harbour Nights?").deed == "direct"
    assert analyse("Who is the director?").deed == ""


def test_a_number_counts_the_plural_noun_right_after_it() -> None:
    q = analyse("how much ammunition was stored in the warehouse")
    sentence = "Two drones targeted an ammunition warehouse near Kellford."
    assert slot_spans(q, sentence) == []
    sentence = "Three rounds of ammunition were stored there."
    assert [sentence[a:b] for a, b in slot_spans(analyse("how many rounds were stored"), sentence)] == ["Three"]


def test_menus_hold_no_names_and_weekdays_are_read() -> None:
    from qa.question import weekdays_in
    sentence = "Back to Home · Match Centre · Teams · Players"
    assert slot_spans(analyse("Who won the final?"), sentence) == []
    assert analyse("where did last friday's ambush happen").weekdays == ("friday",)
    assert weekdays_in("on Tuesday and Sunday") == ["tuesday", "sunday"]


@pytest.mark.parametrize(("question", "sentence", "spans"), [
    # an initial's or a title's full stop does not cut a name, and "US" is the country
    ("who commands the harbour guard", "The harbour guard commander, Rear Adm. Ana B. Soto Jr., spoke.",
     ["Ana B. Soto Jr"]),
    # a person whose surname the question says, in any case, is the one asked about
    ("who will replace soto as harbour guard commander", "The commander, Ana B. Soto, said the guard would stay.", []),
    ("who was soto", "The guard's commander, Ana Soto, said the guard would stay.", ["Ana Soto"]),
    # a country the question names in any form is no answer: "norwegian" is said, "Norway" is not new
    # a base's or a province's name is written with the word; a city's is not
    ("which base was attacked", "Rockets hit a depot in Kellford, near the Arden air base.", ["Arden"]),
    ("which city was attacked", "Rockets hit a depot in Kellford, near the Arden air base.", ["Kellford", "Arden"]),
])
def test_names_keep_their_initials_and_the_asked_person_is_no_answer(
        question: str, sentence: str, spans: list[str]) -> None:
    assert [sentence[a:b] for a, b in slot_spans(analyse(question), sentence)] == spans


def test_a_time_that_dates_the_event_is_not_the_asked_detail() -> None:
    assert analyse("what are the dockers accused of this year").slot is None
    assert analyse("what are pro-union groups accused of this year").slot is None
    assert analyse("what did the dockers do last year").slot is None
    assert name_spans("The US Embassy said so.") == [(4, 14)]  # "US": the country, not the pronoun
    assert analyse("Super Bowl 2021 release date").slot == "date"


def test_an_abbreviation_meets_its_word() -> None:
    from qa.inflections import abbreviated
    assert abbreviated("tv") == abbreviated(tokenize("television")[0]) == frozenset(tokenize("tv television"))
    assert abbreviated("harbour") == frozenset()
    sentence = "The fleet's commander, Gen Ana Soto, spoke."
    assert [sentence[a:b] for a, b in slot_spans(analyse("which general commands the fleet"), sentence)] == ["Ana Soto"]


def test_a_list_item_may_follow_its_noun_phrase() -> None:
    """ "the militia group Vela Front" names a militia for "which militias …", as "Vela Front militia" does."""
    from qa.compose import _names_focus
    from qa.extractive import Candidate
    text = "Ana Soto, a member of the militia group Vela Front, said the fight would go on."
    c = Candidate(Passage("c", "a.txt", "", text, 0, len(text), 0.0), 0, len(text), text, frozenset(), 0)
    start = text.index("Vela Front")
    assert _names_focus(analyse("Which militias said the fight would go on?"), c, (start, start + len("Vela Front")))


@pytest.mark.parametrize(
    "sentence, items",
    [
        ("The talks also cover security, counterterrorism, economics and energy.",
         ["security", "counterterrorism", "economics", "energy"]),
        ("They back the armed forces, including the army and the police, so they can act.", ["army", "police"]),
        ("Teams came from Norway, Chile, and Japan.", ["Norway", "Chile", "Japan"]),
        ("For more than a year, Kellford and Marlow have held talks.", []),  # an opening phrase, not a series
        ("Rebels attacked bases housing troops, using drones and rockets.", []),  # a participle's clause
        # … but a series of doings, each opening with its -ing, is one
        ("Fines for feeding pigeons, lighting fires or riding bikes on the lawn were doubled.",
         ["feeding pigeons", "lighting fires", "riding bikes"]),
        ("The mayor spoke and the council listened.", []),
    ],
)
def test_a_series_is_its_items(sentence: str, items: list[str]) -> None:
    assert [sentence[a:b] for a, b in series_spans(sentence, frozenset(tokenize("talks cover")))] == items


def test_the_kind_of_place_asked_is_not_the_event() -> None:
    assert "citi" not in analyse("which city did the storm hit").event  # "Sadr City" is not the storm
    assert "storm" in analyse("which city did the storm hit").event


def test_a_weekday_owning_a_noun_is_no_name() -> None:
    sentence = "The council delayed Tuesday's vote on a stadium for the Kellford Rovers."
    assert [sentence[a:b] for a, b in name_spans(sentence)] == ["Kellford Rovers"]


def test_tens_of_thousands_is_one_number() -> None:
    q = analyse("how many people marched")
    sentence = "The march drew tens of thousands to the square."
    assert [sentence[a:b] for a, b in slot_spans(q, sentence, loose=True)] == ["tens of thousands"]


@pytest.mark.parametrize(("question", "sides"), [
    ("did the union and the port authority agree on pay", ("union", "port authority")),
    ("who sent more rescuers, norway or chile", ("norway", "chile")),
    ("how do the mayor and the council see the stadium differently", ("mayor", "council")),
    ("what do the mayor and the council each say about the stadium", ("mayor", "council")),
    ("how did the mayor's reaction differ from that of the supporters club", ("mayor", "supporters club")),
    ("what sets the 2021 regatta apart from the 2019 regatta", ("2021 regatta", "2019 regatta")),
    ("between the mayor and the council, who wants the stadium more", ("mayor", "council")),
    ("what did the union say compared with the port authority", ("union", "port authority")),
    ("is the mayor's stance similar to the council's", ("mayor", "council")),
    # the sides beside a topic set off by a colon, before the verb, or after "per"
    ("Harbour works cost: what does the port board forecast versus the auditor?", ("port board", "auditor")),
    ("orlen vs the bakers union: how many people are losing their jobs", ("orlen", "bakers union")),
    ("How many times was she tested, per her lawyer versus the agency?", ("her lawyer", "agency")),
])
def test_a_comparison_asked_in_everyday_words_has_its_two_sides(question: str, sides: tuple[str, str]) -> None:
    q = analyse(question)
    assert q.kind == "comparison" and q.sides == sides


def test_the_counted_phrase_runs_to_the_verb() -> None:
    assert counted_phrase("Roughly how many strikes with rockets are the rebels blamed for?") == "strikes with rockets"
    assert counted_phrase("how many lawmakers voted to expel the troops") == ""  # no auxiliary: no phrase
    assert counted_phrase("what did the council decide") == ""
    assert analyse("how many strikes with rockets are the rebels blamed for").counted == ("strike", "rocket")


def test_a_counted_phrase_ends_at_its_verb() -> None:
    money = analyse("How much money went into the bridge?")
    assert (money.subkind, money.focus) == ("money", ())  # not a count of "went"
    assert analyse("how many armed men were seen").focus == ("men",)  # "armed" before its noun: no verb


def test_a_verb_in_the_present_ends_the_asked_noun() -> None:
    # "flies" is no plural noun here: an article or a preposition of motion follows it
    assert analyse("Which airline flies between Grenlow and Talven?").focus == ("airlin",)
    assert analyse("which firm builds the trains").focus == ("firm",)
    assert analyse("which rescue teams arrived first").focus == ("team",)  # a plural head still counts


def test_a_number_qualified_before_its_unit_is_a_measure() -> None:
    sentence = "The satellite was left in a lower orbit of about 310 kilometres."
    at = sentence.index("about 310")
    assert in_a_unit(sentence, at, at + len("about 310"))  # "about" qualifies it; the unit follows the number
    crowd = "An estimated 61,000 rental units are covered."
    assert not in_a_unit(crowd, 0, crowd.index(" rental"))


def test_a_time_named_from_now() -> None:
    assert relative_times("Who won this year's Halvard regatta?") == {"year"}
    assert relative_times("how many attacks were there last season") == {"season"}
    assert relative_times("How many years did it take?") == frozenset()  # a count of years, no time from now


def test_what_a_hedge_says_is_not_known() -> None:
    assert hedged("It did not say what sanctions the club might face.") >= {"sanction"}
    donor = "It was paid for by a donor who did not want to be named, chairman Piet Lund said."
    assert "donor" in hedged(donor) and "chairman" not in hedged(donor)
    assert hedged("The cause of the fire was not immediately known.") == {"caus", "fire"}
    assert hedged("The fire destroyed the mill.") == frozenset()
    withheld = "One of the miners, whose name was not released, broke a leg."
    assert "miner" in hedged(withheld) and hedged(withheld, names=False) == frozenset()
    assert "problem" in hedged("She declined to discuss the problem afterwards.")
    # an open question opening the sentence: the asked noun, or the whole "whether" clause, is what is unknown
    assert hedged("How much back pay the drivers could get was not determined.") == {"back", "pay"}
    assert hedged("Whether the hikers set off the slide has not been established.") >= {"hiker", "slide"}
    assert "penalti" in hedged("Parts of the deal, including penalties, have not been made public.")
    # "has not announced / said / given" withholds what follows; "No group has claimed responsibility", the doer
    assert "happen" in hedged("The club has not announced what will happen to the old ground.")
    assert "count" in hedged("Officials said hundreds of roofs were damaged but have not yet given an exact count.")
    assert "group" in hedged("No group has claimed responsibility for the attack.")
    assert cause_unknown("The cause has not been determined.") and not cause_unknown("The cause was a leak.")


@pytest.mark.parametrize(("question", "lengths"), [
    ("How deep was the pit?", ["4 metres"]),
    ("how wide is the pit", ["9 metres"]),
    ("How tall is the mast?", []),  # a distance offshore is no height
    ("How far offshore is the mast?", ["6 km"]),
])
def test_a_length_is_of_the_dimension_asked(question: str, lengths: list[str]) -> None:
    sentence = "The pit, 9 metres wide and 4 metres deep, lies beside a mast 6 km offshore."
    assert [sentence[a:b] for a, b in slot_spans(analyse(question), sentence)] == lengths


def test_a_claim_after_whether_is_left_open() -> None:
    assert left_open("His team said it did not yet know whether he would need surgery.") == {"need", "surgeri"}
    # the claim ends at a comma: what follows is another clause
    assert left_open("The agency would not say whether the sample was tested, and it named no laboratory.") == {
        "sampl", "test"}
    assert left_open("She declined to say whether the club would appeal.") == {"club", "appeal"}
    assert left_open("Voters will decide whether the plan goes ahead.") == frozenset()  # no hedge before it
    assert left_open("He did not say when the work would start.") == frozenset()


def test_a_reason_beside_the_event_is_said_by_a_word_that_gives_one() -> None:
    assert gives_reason("He was shown a second yellow card for pulling back a defender.", beside=True)
    assert gives_reason("The wall had been weakened by nine days of rain.", beside=True)
    assert gives_reason("The plan was presented after a year of delays.")  # in the event's own sentence
    assert not gives_reason("The plan was presented after a year of delays.", beside=True)  # a time, beside it
    assert gives_reason("A group of protesters had chained themselves to the railings.", beside=True)


def test_a_proposal_voted_down_is_a_no_but_a_side_that_defeated_another_is_not() -> None:
    assert is_negative("It was defeated by 15 votes to 10.")
    assert is_negative("The motion was narrowly voted down on Tuesday.")
    assert not is_negative("Ormston defeated Selby 2-1 in the final.")
    assert not is_negative("The bill was passed by 40 votes to 12.")


def test_a_name_not_released_is_withheld_and_hedges_the_role_before_it() -> None:
    sentence = "Police questioned the ferry's captain on Saturday but did not release his name."
    assert withholds_name(sentence) and "captain" in hedged(sentence)


def test_what_held_a_thing_up_is_its_cause_but_how_long_it_was_held_up_is_not() -> None:
    assert gives_reason("The bridge works were held up by a shortage of steel.", beside=True)
    assert gives_reason("The opening was delayed by flooding in the basement.", beside=True)
    assert not gives_reason("The opening was delayed by more than two years.", beside=True)
    assert not gives_reason("The ferry service was delayed by an hour.", beside=True)


def test_its_leader_is_the_leader_of_the_group_the_sentence_names() -> None:
    sentence = ("The Harbour Party won the most seats on Sunday but fell short of a majority, forcing its leader, "
                "regional Health Minister Tomas Brekke, into coalition talks.")
    assert [sentence[a:b] for a, b in slot_spans(analyse("who leads the harbour party"), sentence)] == ["Tomas Brekke"]


def test_the_asked_name_typed_in_lower_case_is_no_answer() -> None:
    sentence = "Port Aldric FC beat Kessing Rovers 2-1 after Emil Norberg headed the winner."
    spans = slot_spans(analyse("who scored port aldric's winner in the cup final"), sentence)
    assert "Port Aldric FC" not in [sentence[a:b] for a, b in spans]


def test_things_asked_by_a_noun_of_no_known_category_are_a_series_of_that_noun() -> None:
    kinds = analyse("What kinds of equipment does the firm make?")
    assert (kinds.kind, kinds.subkind, kinds.focus) == ("list", "things", ("equip",))  # not "kinds"
    services = analyse("which hospital services kept working during the strike")
    assert (services.kind, services.subkind, services.focus) == ("list", "things", ("servic",))
    assert analyse("what happens next").kind == "what"
    # a word that stands before a verb ("now") makes the plural before it the thing asked
    activities = analyse("Which activities now carry a fine in the park?")
    assert (activities.kind, activities.subkind, activities.focus) == ("list", "things", ("activ",))


def test_a_coming_event_is_dated_by_a_date_given_as_coming() -> None:
    q = analyse("when will the review be completed")
    assert q.future and not analyse("when was the review completed").future
    said = "The minister visited on Wednesday and said the government would review the rules."
    assert slot_spans(q, said) == []
    coming = "The review will be completed by the end of the year."
    assert [coming[a:b] for a, b in slot_spans(q, coming)] == ["the end of the year"]
    assert gives_no_reason("City Hall gave no reason for his departure.")


def test_the_whole_role_asked_must_stand_with_the_name() -> None:
    q = analyse("Who is the prime minister of Veltria?")
    assert q.focus == ("prime", "minist")
    other = "Tomas Ravel, the minister of mines and energy, defended the project."
    assert slot_spans(q, other) == []
    asked = "Prime Minister Ana Soto defended the project."
    assert [asked[a:b] for a, b in slot_spans(q, asked)] == ["Ana Soto"]
    assert analyse("who is the current mayor of kellford").focus == ("mayor",)
    assert analyse("Who is the Heisman Trophy winner in 2012?").focus == ("winner",)  # a name, not the role


@pytest.mark.parametrize("question", ["who coaches livia moreau", "who coaches Livia Moreau"])
def test_a_person_sharing_only_the_asked_persons_surname_is_another_person(question: str) -> None:
    sentence = "Moreau is coached by her father, Henri Moreau, a former club player, in Vassel."
    assert [sentence[a:b] for a, b in slot_spans(analyse(question), sentence)] == ["Henri Moreau"]
    cup = "France beat Croatia, the FIFA Men's World Cup organisers said."
    spans = slot_spans(analyse("Who won the World Cup Final in 2018?"), cup)
    assert "FIFA Men's World Cup" not in [cup[a:b] for a, b in spans]
    brennan = "The coalition commander, Maj. Gen. John W. Brennan Jr., said the coalition would stay."
    assert slot_spans(analyse("who will replace brennan as coalition commander"), brennan) == []


def test_an_opening_word_before_an_article_or_a_lone_title_is_no_name() -> None:
    sentence = "Together the two firms own 12 barges."
    assert name_spans(sentence) == []
    sentence = "Chief executive Dana Koval said the firm would pay."
    assert [sentence[a:b] for a, b in name_spans(sentence)] == ["Dana Koval"]
    sentence = "Dana Koval said the firm would pay."
    assert [sentence[a:b] for a, b in name_spans(sentence)] == ["Dana Koval"]


def test_a_count_of_a_harm_asks_for_that_harm() -> None:
    assert analyse("How many people died in the flood?").harm >= set(tokenize("killed deaths"))
    assert analyse("how many were injured").harm >= set(tokenize("wounded"))
    assert analyse("how many troops are there").harm == frozenset()
    assert analyse("who died in the flood").harm == frozenset()  # only a count is held to it


def test_a_dateline_and_an_opening_participle_name_nothing() -> None:
    sentence = "VENLO BAY, June 4 (Reuters) - The city of Venlo Bay opened its park."
    assert [sentence[a:b] for a, b in name_spans(sentence)] == ["Venlo Bay"]
    sentence = "Founded in 1990 by Mila Rens, the trust raised money."
    assert [sentence[a:b] for a, b in name_spans(sentence)] == ["Mila Rens"]
    sentence = "KELLFORD — A bomb hit the Kellford bridge."
    assert [sentence[a:b] for a, b in name_spans(sentence)] == ["Kellford"]
    # the word opening the sentence after a bare dateline opens the sentence: a common plural, no name
    sentence = "MERRICK — Residents of the villages of Arnholt and Besk protested."
    assert [sentence[a:b] for a, b in name_spans(sentence)] == ["Arnholt", "Besk"]


def test_a_quantity_is_a_figure_not_a_date_or_a_year() -> None:
    from qa.cues import holds_quantity
    assert not holds_quantity("The ferry left on 14 October.")  # a day written before its month
    assert not holds_quantity("The trial began on the 9th of March.")
    assert holds_quantity("The fee was 62 million euros.")
    assert not holds_quantity("He will make his debut on September 14.")
    assert not holds_quantity("In 2019 the club was sold.")


def test_a_keyword_question_for_a_site_asks_a_place() -> None:
    assert analyse("vesna rocket launch site").slot == "place"
    assert analyse("0").kind == "what" and analyse("in which journal").slot == "agent"  # no words, or few


def test_a_clause_before_a_yes_no_question_keeps_it_yes_no() -> None:
    assert analyse("When Velcorp cut jobs in March, did it say more cuts were planned?").kind == "yes_no"
    assert analyse("When did Velcorp cut jobs?").kind == "when"


def test_a_yes_no_question_is_settled_by_a_sentence_holding_more_of_the_asked_event() -> None:
    """ "were passwords accessed in the breach": "… passwords … were not accessed" settles it, not the lede on the
    breach that ranks above it; a lede holding more of the event is no settling sentence by that alone."""
    from qa.compose import _settle
    from qa.extractive import Candidate
    lede = "OSTBY, March 3 - Mendel Clinics said hackers had stolen the records of 90,000 patients."
    body = "Medical notes, which are kept on a separate server, were not accessed, it added."
    text = lede + " " + body
    passage = Passage("c", "a.txt", "", text, 0, len(text), 0.0)

    def candidate(sentence: str, order: int, event: float, relevance: float) -> Candidate:
        start = text.index(sentence)
        return Candidate(passage, start, start + len(sentence), sentence, frozenset(), order, event=event,
                         relevance=relevance)

    q = analyse("Were Mendel patients' medical notes accessed in the breach?")
    first, settling = candidate(lede, 1, 0.48, 0.60), candidate(body, 3, 0.64, 0.58)
    assert _settle(q, [first, settling], [first, settling]).parts[0] is settling
    first, settling = candidate(body, 3, 0.48, 0.60), candidate(lede, 1, 0.64, 0.58)
    assert _settle(q, [first, settling], [first, settling]).parts[0] is first


def test_a_search_box_query_asks_from_its_question_words_on() -> None:
    """ "brightwell breach how many customers affected": a count of customers, the words before it the event."""
    q = analyse("brightwell breach how many customers affected")
    assert (q.kind, q.slot, q.focus) == ("count", "number", ("custom",)) and "breach" in q.event
    assert analyse("green line closed until when after fire").slot == "date"
    assert analyse("solvane vs the guild: how many jobs are going").kind == "comparison"  # a colon: not midway


def test_how_many_with_a_deed_and_no_noun_counts_whoever_it_befell() -> None:
    sentence = "Rescue teams pulled five skiers alive from an avalanche on Saturday."
    spans = slot_spans(analyse("skarven avalanche how many rescued alive"), sentence)
    assert [sentence[a:b] for a, b in spans] == ["five"]
    assert analyse("how many injured workers").focus == ("worker",)


def test_who_will_run_x_asks_its_leader() -> None:
    assert analyse("who will run kestrel morrow bank").subkind == "leader"
    assert analyse("Who is going to head the new company?").subkind == "leader"
    sentence = "Kestrel chief executive Oliver Brandt, 55, will lead the merged Kestrel Morrow bank."
    spans = slot_spans(analyse("who will run the kestrel morrow bank"), sentence)
    assert [sentence[a:b] for a, b in spans] == ["Oliver Brandt"]


@pytest.mark.parametrize(("question", "deed"), [
    ("Who directed the film?", "direct"),
    ("Which company is building the new bridge?", "build"),
    ("Which stadium will host the final?", "host"),
    ("Which fire service officer was quoted about the blaze?", "quot"),
    ("On which date do investigators think the fire began?", ""),  # after "do": the sentence's subject
    ("Who is the mayor?", ""),
])
def test_what_the_asked_one_did(question: str, deed: str) -> None:
    assert asked_deed(analyse(question)) == deed


@pytest.mark.parametrize(("question", "deed"), [
    ("On what day did the envoy arrive in Torvik?", "arriv"),
    ("At what time did the lifeboat reach the trawler?", "reach"),
    ("when did the strike finish", "finish"),  # "the strike": a noun after its determiner
    ("On which date do investigators think the fire began?", ""),  # think: said of it; began: only that it happened
    ("When does the festival take place?", ""),
    ("Who opened the bridge?", ""),  # no date asked
])
def test_the_deed_whose_time_is_asked(question: str, deed: str) -> None:
    assert dated_deed(analyse(question)) == deed


@pytest.mark.parametrize("question", ["what did she say about where people were sleeping?",
                                      "What did the mayor say about when the bridge reopens?"])
def test_what_someone_said_about_a_place_or_time_asks_what_was_said(question: str) -> None:
    assert analyse(question).slot is None


def test_a_search_box_query_naming_a_sum_asks_it() -> None:
    q = analyse("harbour board fine after appeal")
    assert (q.slot, q.subkind) == ("number", "money")
    # a question asking two sums is shown whole, not led by one of them
    assert analyse("What was the board's fine originally and what is it now?").slot is None
    # the prize money, though the box names its winner too; the winner alone is still a person
    assert (analyse("tennis open prize money winner").slot, analyse("tennis open prize money winner").subkind) == \
        ("number", "money")
    assert analyse("tennis open winner").slot == "person"


@pytest.mark.parametrize("question", ["What percent did the stock fall?", "reef bleaching percent",
                                      "rent cap percentage lowmere"])
def test_percent_asks_a_percentage(question: str) -> None:
    q = analyse(question)
    assert (q.slot, q.subkind, q.focus) == ("number", "fraction", ())


def test_a_rate_asks_a_percentage_or_a_rate_per_head() -> None:
    q = analyse("What is the unemployment rate in Lisvik?")
    assert (q.slot, q.subkind) == ("number", "fraction") and "rate" not in q.event  # "rate" names the figure
    sentence = "The birth rate fell to 9.8 births per 1,000 people, the lowest on record."
    assert [sentence[a:b] for a, b in slot_spans(analyse("lisvik birth rate"), sentence)] == ["9.8 births per 1,000 people"]


def test_what_rate_asks_a_percentage() -> None:
    q = analyse("What interest rate did the central bank set?")
    assert (q.kind, q.slot, q.subkind, q.focus) == ("count", "number", "fraction", ())
    sentence = "The central bank raised its main interest rate to 4.5 percent on Thursday."
    assert [sentence[a:b] for a, b in slot_spans(q, sentence)] == ["4.5 percent"]


def test_a_series_keeps_numbers_whole_and_may_follow_includes() -> None:
    sentence = "The government sent 3,500 tents, 20,000 blankets and 40 tonnes of food."
    assert [sentence[a:b] for a, b in series_spans(sentence)][-2:] == ["20,000 blankets", "40 tonnes"]
    sentence = "The package includes 1,200 tents and 300 field kitchens, officials said."
    assert [sentence[a:b] for a, b in series_spans(sentence)] == ["1,200 tents", "300 field kitchens"]


def test_a_series_item_may_open_with_a_common_adjective_and_stops_at_a_clause() -> None:
    sentence = "The plan includes 1,800 parking spaces and a new tram stop, although the city has not said who pays."
    assert [sentence[a:b] for a, b in series_spans(sentence)] == ["1,800 parking spaces", "new tram stop"]
    assert series_spans("They sent tents, blankets and the") == []  # a text cut after its determiner


def test_a_series_item_goes_on_through_a_short_phrase_after_a_preposition() -> None:
    # "from age 60" belongs to its item; the last item's phrase ("for staff moved to …") is a clause of its own
    sentence = ("The nurses want paid study leave, overtime from hour 40, and a housing allowance for staff moved to "
                "rural clinics.")
    asked = frozenset(tokenize("what do the nurses want"))
    assert [sentence[a:b] for a, b in series_spans(sentence, asked)] == [
        "paid study leave", "overtime from hour 40", "housing allowance"]
    # a longer phrase is no tail: the items are not told apart from what qualifies them
    sentence = "Checks covered bank accounts, accounts of foreign-registered shell firms, and cash deposits."
    assert [sentence[a:b] for a, b in series_spans(sentence)] == []


def test_a_series_set_apart_beside_a_counted_noun_has_as_many_items_as_it_counts() -> None:
    sentence = "The two boats, a green fishing trawler and a small yacht, will be towed to Aldby."
    assert [sentence[a:b] for a, b in series_spans(sentence)] == ["green fishing trawler", "small yacht"]
    # the series ends where the count does, not at the verb after the closing comma
    sentence = "The three finalists, Berg, Lund and Moss, arrived on Friday."
    assert [sentence[a:b] for a, b in series_spans(sentence)] == ["Berg", "Lund", "Moss"]
    # a plain pair with no counted noun beside it is no series
    sentence = "The ferry carried a van and a small yacht."
    assert series_spans(sentence) == []



def test_a_series_ends_before_what_is_told_along_with_it_or_who_told_it() -> None:
    sentence = "The depot held solvents including acetone and xylene, along with 30 tonnes of resin."
    assert [sentence[a:b] for a, b in series_spans(sentence)] == ["acetone", "xylene"]
    sentence = "Residents cited noise, dust and traffic, according to a council summary."
    assert [sentence[a:b] for a, b in series_spans(sentence)] == ["noise", "dust", "traffic"]


def test_whose_account_a_question_asks() -> None:
    from qa.question import account_speaker
    assert account_speaker("Why are the banks merging, according to Oliver Brandt?") == {"brandt"}
    assert account_speaker("How was she freed, according to the interior minister?") == {"minist"}
    assert account_speaker("Why is measles spreading, according to health officials?") == frozenset()  # a group
    assert account_speaker("How does X see Y, according to the coverage of Z's reaction?") == frozenset()  # a text


def test_a_yes_no_question_about_all_of_a_group_is_yes_no_not_a_list() -> None:
    assert analyse("were all the night shift workers at the plant evacuated").kind == "yes_no"
    assert analyse("Did every school in the district close?").kind == "yes_no"
    assert analyse("who were all the people arrested").kind == "list"  # a list still when it asks who


def test_a_cause_named_as_such_is_blamed_and_a_denied_one_is_not() -> None:
    assert blames("Chief executive Mia Lode gave three reasons for the decision: rising costs, old boilers and weak demand.")
    assert blames("Engineers said the most likely cause was a water main that had been leaking for weeks.")
    assert blames("The cause was a faulty valve, the inspectors said.")
    assert not blames("City Hall gave no reason for his departure.")
    assert not blames("The cause is not yet known.")
    # what an inquiry found is why it mattered ("… resigned on Monday." / "An inquiry had found that he …")
    assert blames("An independent audit published in May had found that she hid the club's debts.")
    assert not blames("A study found that 43 percent of the coral was bleached.")


def test_a_manner_in_stages_is_a_manner() -> None:
    assert gives_manner("The reactors will close one at a time.")
    assert gives_manner("The tolls will rise in stages over three years.")
    assert not gives_manner("The reactors will close in 2028.")


def test_a_search_box_count_counts_the_noun_after_number_of() -> None:
    assert analyse("paint factory fire number of firefighters").focus == ("firefight",)
    assert analyse("station fire number of people injured").focus == ()  # "injures 23" counts people unnamed


def test_at_what_hour_asks_a_time() -> None:
    q = analyse("At what hour did the road collapse?")
    assert (q.kind, q.slot, q.subkind) == ("when", "date", "time") and "hour" not in q.event


def test_whose_explanation_a_question_asks() -> None:
    assert explainer("How did Anton Kessler explain the bad season?") == "Kessler"
    assert explainer("Why did Mayor Lind say the bridge was closed?") == "Lind"
    assert explainer("Why did the mayor say the bridge was closed?") == ""  # no name: the usual why
    assert explainer("How did the storm damage the bridge?") == ""


def test_what_must_be_done_first_is_a_reason_and_a_claimed_past_is_not() -> None:
    assert gives_reason("Engineers needed to check the tunnel's cables before trains could return.", beside=True)
    assert not gives_reason("Trains returned before noon.", beside=True)
    # what someone argues had happened is their claim, not the cause; a past told plainly still is
    assert not gives_reason("The court rejected the company's argument that users had agreed to it.")
    assert gives_reason("The court found that users had agreed to it.")


def test_a_body_speaks_as_one_in_an_account() -> None:
    assert account_speaker("How will it be paid for, according to the regional government?") == {"govern"}
    assert account_speaker("What happened, according to the union?") == {"union"}
    assert account_speaker("What happened, according to officials?") == frozenset()
    assert account_speaker("What happened, according to the unions?") == frozenset()


def test_a_quantifier_standing_for_those_just_named_carries_on() -> None:
    assert carries_on("All were evacuated.") and carries_on("Most of them were released.")
    assert carries_on("They fled.")
    assert not carries_on("All 64 workers were evacuated.") and not carries_on("Allen was evacuated.")
