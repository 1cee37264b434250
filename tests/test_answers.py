"""The answerer's failure classes, each on real passages: the seed articles and a second, made-up corpus
(tests/corpus_b) so the rules are not fitted to the seeds. Real index, real embedding model."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa import QA, Settings
from qa.compose import MAX_DIGEST_ARTICLES
from qa.cues import slot_spans
from qa.question import analyse

CORPUS_B = Path(__file__).resolve().parent / "corpus_b"


@pytest.fixture(scope="module")
def made_up(tmp_path_factory: pytest.TempPathFactory) -> QA:
    root = tmp_path_factory.mktemp("corpus_b")
    shutil.copytree(CORPUS_B, root / "corpus")
    engine = QA.open(Settings(corpus=root / "corpus", data_dir=root / "data"))
    yield engine
    engine.close()


@contextlib.contextmanager
def _one_article(tmp_path: Path, name: str, text: str) -> Iterator[QA]:
    """A real engine over one made-up article written for the test (and any already in tmp_path/corpus)."""
    (tmp_path / "corpus").mkdir(exist_ok=True)
    (tmp_path / "corpus" / name).write_text(text, encoding="utf-8")
    with QA.open(Settings(corpus=tmp_path / "corpus", data_dir=tmp_path / "data")) as engine:
        yield engine


@contextlib.contextmanager
def _beside_corpus_b(tmp_path: Path, name: str, text: str) -> Iterator[QA]:
    """_one_article, with the made-up corpus (tests/corpus_b/) beside the article, so its statistics are a corpus's."""
    shutil.copytree(CORPUS_B, tmp_path / "corpus")
    with _one_article(tmp_path, name, text) as engine:
        yield engine


@contextlib.contextmanager
def _set_articles(tmp_path: Path, name: str) -> Iterator[QA]:
    """A real engine over a development set's own made-up articles (eval/NAME/corpus), for an effect that
    needs a whole corpus's statistics."""
    shutil.copytree(CORPUS_B.parent.parent / "eval" / name / "corpus", tmp_path / "corpus")
    with QA.open(Settings(corpus=tmp_path / "corpus", data_dir=tmp_path / "data")) as engine:
        yield engine


def _quotes(answer) -> str:
    return " ".join(c.quote for c in answer.citations)


def test_a_restatement_loses_to_the_reason(made_up: QA) -> None:
    answer = made_up.ask("Why did the council delay the vote?")
    assert "budget figures had not been audited" in answer.text


def test_a_cue_from_a_neighbouring_event_is_not_used(made_up: QA) -> None:
    where = made_up.ask("Where was the bridge bombed?")
    assert where.short == "Kellford" and "Marlow" not in (where.short or "")
    when = made_up.ask("When did the finance minister resign?")
    assert when.short == "January"  # not June 2019, when her predecessor resigned


def test_a_near_miss_abstains_and_shows_the_event(made_up: QA) -> None:
    answer = made_up.ask("How much will the new stadium cost?")
    assert answer.abstained and answer.related
    assert any("stadium" in r.quote for r in answer.related)


def test_a_quote_keeps_its_speaker(made_up: QA) -> None:
    answer = made_up.ask("What did the mayor say about the stadium project?")
    assert "We will not back down" in answer.text and "Maria Lopez" in _quotes(answer)


def test_a_list_gathers_items_from_two_articles(made_up: QA) -> None:
    answer = made_up.ask("Which countries sent teams to Veloria?")
    assert {"Norway", "Chile", "Japan"} <= set((answer.short or "").split(", "))
    assert len({c.source for c in answer.citations}) == 2


def test_summarize_gives_a_cited_digest_of_every_article(made_up: QA) -> None:
    answer = made_up.ask("summarize the articles")
    assert not answer.abstained
    articles = len(list(CORPUS_B.glob("*.txt")))
    assert len({c.source for c in answer.citations}) == min(articles, MAX_DIGEST_ARTICLES)


def test_the_lead_is_the_slot_and_an_exact_piece_of_a_quote(made_up: QA) -> None:
    for question, short in [("how many vehicles used the bridge each day", "about 12,000"),
                            ("Who is the mayor of Kellford?", "Maria Lopez"),
                            ("How many homes did the UN say were damaged?", "about 300")]:
        answer = made_up.ask(question)
        assert answer.short == short
        assert any(short in c.quote for c in answer.citations)
        assert answer.text.startswith(short)


def test_an_acronym_meets_the_full_name(made_up: QA) -> None:
    assert "United Nations" in _quotes(made_up.ask("How many homes did the UN say were damaged?"))


def test_a_comparison_answers_each_side(made_up: QA) -> None:
    answer = made_up.ask("compare norway and japan's help")
    assert "Norway" in answer.text and "Japan" in answer.text and len(answer.citations) == 2


def test_a_follow_up_pronoun_becomes_the_previous_answers_lead(made_up: QA) -> None:
    answer = made_up.chat("What did she say about the project?", ["Who is the mayor of Kellford?"])
    assert answer.searched.startswith("What did Maria Lopez say")
    assert "We will not back down" in answer.text


def test_off_topic_and_unknown_names_abstain(made_up: QA) -> None:
    for question in ["Who won the 2022 world cup?", "What did the Pope say about Veloria?"]:
        assert made_up.ask(question).abstained


def test_a_name_typed_in_lower_case_that_no_article_uses_abstains(made_up: QA) -> None:
    assert made_up.ask("what did olaf scholz say about the earthquake").abstained
    # a country or organisation named in lower case, which no article mentions in any form
    assert made_up.ask("what did the french government say about the earthquake").abstained
    assert made_up.ask("did nato send rescuers to veloria").abstained
    # … and ones the articles do mention, in another form ("norwegian" for Norway, "un" for United Nations)
    assert not made_up.ask("how many norwegian rescuers arrived").abstained
    assert not made_up.ask("what did the un say about the damaged homes").abstained
    # a lower-case question about what the articles do say still gets its answer, even in words no
    # article uses ("onlookers characterise")
    assert not made_up.ask("what did the mayor say about the stadium project").abstained
    assert not made_up.ask("how did onlookers characterise the council's postponement").abstained


def test_what_x_said_about_y_needs_x_speaking_about_y(made_up: QA) -> None:
    # the mayor spoke only of the stadium, the police chief only of the bombings
    assert made_up.ask("What did the mayor say about the bridge?").abstained
    assert made_up.ask("what did maria lopez say about the earthquake").abstained
    assert made_up.ask("what did the police chief say about the stadium").abstained
    assert "keep searching" in made_up.ask("what did lars dahl say about the search").text


def test_who_leads_a_group_needs_its_leader_not_a_member(made_up: QA) -> None:
    assert made_up.ask("who heads the Veloria Red Cross").abstained  # only "a senior member" is named
    assert made_up.ask("Who leads the Chilean team?").short == "Ivan Petrov"  # "led by Ivan Petrov"


def test_a_role_of_another_owner_does_not_answer(made_up: QA) -> None:
    # "Lars Dahl, Norway’s team spokesman" is not the Chilean team's spokesman
    assert made_up.ask("Who is the spokesman of the Chilean team?").abstained


def test_a_count_of_people_is_not_a_count_of_something_else(made_up: QA) -> None:
    # the two people were killed by another bomb, in the sentence that opens "Separately, …"
    bridge = made_up.ask("How many people were killed when the bridge was bombed?")
    assert bridge.abstained or "No one was hurt" in bridge.text
    assert "two" not in (bridge.short or "")
    assert made_up.ask("How many people were killed by the car bomb in Marlow?").short == "two"


def test_a_follow_up_pronoun_without_a_lead_becomes_the_name_asked_about(made_up: QA) -> None:
    # "what did X say" has no lead name; "his" is the person the question named
    history = ["What did Kenji Sato say about the field hospitals?"]
    assert made_up._standalone(history, "what is his job").startswith("what is Kenji Sato’s job")
    assert "embassy spokesman" in _quotes(made_up.chat("what is his job", history))


def test_a_follow_up_keeps_its_subject_two_turns_on(made_up: QA) -> None:
    history = ["Who is the mayor of Kellford?", "What did she say about the project?"]
    answer = made_up.chat("When did she speak to reporters?", history)
    assert "Maria Lopez" in answer.searched


# --- the same classes on the seed articles (questions from the development set) -------------------

def test_seed_near_miss_abstains(seed_engine: QA) -> None:
    assert seed_engine.ask("how old is muqtada al-sadr").abstained


def test_seed_list_gathers_across_articles(seed_engine: QA) -> None:
    answer = seed_engine.ask("which us presidents are mentioned in the articles")
    assert "Biden" in answer.text and "Trump" in answer.text
    assert len({c.source for c in answer.citations}) >= 2


def test_seed_summary_is_a_digest(seed_engine: QA) -> None:
    answer = seed_engine.ask("summarize the articles")
    assert not answer.abstained and len({c.source for c in answer.citations}) == 5


def test_seed_quote_keeps_its_speaker(seed_engine: QA) -> None:
    answer = seed_engine.ask("What did the Nujaba spokesman say about confidence in Americans?")
    assert "Nasr al-Shammari" in _quotes(answer)


def test_seed_count_from_the_asked_event(seed_engine: QA) -> None:
    answer = seed_engine.ask("How many US troops are in Iraq?")
    assert answer.short and "2,500" in answer.short


def test_an_acronym_the_articles_define_meets_its_full_name(made_up: QA) -> None:
    # the count is only ever given under the acronym, defined in the other article
    answer = made_up.ask("How many schools did the Veloria Emergency Management Office say would stay closed?")
    assert answer.short == "40"


def test_a_count_of_another_group_is_not_the_asked_count(made_up: QA) -> None:
    assert made_up.ask("How many Norwegian rescuers arrived on the first flight?").short == "45"
    # the articles count Norwegian rescuers, never Chilean ones: a near-miss, not "45"
    assert made_up.ask("How many Chilean rescuers arrived on the first flight?").abstained


def test_a_statement_that_goes_on_in_the_next_sentence_is_shown_whole(made_up: QA) -> None:
    answer = made_up.ask("What does the Japanese embassy spokesman plan for the medical team?")
    assert "two more field hospitals" in answer.text and "as long as the people of Veloria need us" in answer.text


def test_each_side_of_a_comparison_gets_its_own_answer(made_up: QA) -> None:
    answer = made_up.ask("How did the mayor's view of the stadium differ from the council's?")
    assert "mayor: " in answer.text and "council: " in answer.text
    # the mayor's side is what she said, shown once with who said it; the council's is not the headline
    assert answer.text.count("We will not back down") == 1 and "Maria Lopez" in _quotes(answer)
    assert "council delays stadium vote" not in answer.text


def test_a_list_of_a_category_no_rule_knows_keeps_the_names_beside_its_noun(made_up: QA) -> None:
    answer = made_up.ask("name the engineers who inspected the bridge")
    assert set((answer.short or "").split(", ")) == {"Lena Hart", "Tomas Berg"}


def test_what_time_wants_a_clock_time_from_the_asked_event(made_up: QA) -> None:
    bridge = made_up.ask("what time was the bridge bombed")
    assert bridge.short == "3 a.m."
    # the Marlow sentence gives only a weekday; a clock time elsewhere is another event's
    assert made_up.ask("what time did the car bomb explode in marlow").abstained


def test_at_what_times_gathers_each_time_from_the_sentences_that_go_on(made_up: QA) -> None:
    answer = made_up.ask("at what times did the field hospitals open")
    assert answer.short == "7:15 a.m., 4 p.m."


def test_a_year_in_the_question_picks_that_years_event_and_no_other(made_up: QA) -> None:
    # two articles on the same race in different years (regatta_2019.txt, regatta_2021.txt)
    assert made_up.ask("who won the harbour regatta in 2019").short == "Erik Holm"
    assert made_up.ask("who won the harbour regatta in 2021").short == "Sofia Lind"
    assert made_up.ask("who is the harbour regatta winner in 2021").short == "Sofia Lind"
    # no article gives 2017's winner: the other years' winners do not answer it
    assert made_up.ask("who won the harbour regatta in 2017").abstained


def test_a_country_meets_its_other_forms_and_its_own_spokesman(made_up: QA) -> None:
    # "Norwegian" meets "Norway’s team spokesman"; the Japanese embassy's spokesman is another's
    answer = made_up.ask("Who is the spokesman of the Norwegian team?")
    assert answer.short == "Lars Dahl"


def test_a_name_is_there_when_its_rare_last_word_is(made_up: QA) -> None:
    # "Greater Kellford": the articles say "Kellford", a rare word, so the question is about it
    assert made_up.ask("When was Greater Kellford bombed?").short == "early on Monday"
    # but a rare first word does not make "Kellford Grand Regatta" the Harbour Regatta
    assert made_up.ask("Who won the Kellford Grand Regatta?").abstained


def test_a_weekday_in_the_question_keeps_another_days_detail_out(made_up: QA) -> None:
    # the bridge was bombed on Monday; the Sunday car bomb in Marlow is another event
    assert made_up.ask("where was the bridge bombed on monday").short == "Kellford"
    # the 2021 race was on Saturday; and the race's name after "won the 2021" is what was won, not who won
    assert made_up.ask("who won the regatta on saturday").short == "Sofia Lind"


def test_a_quotes_attribution_is_read_on_its_own(made_up: QA) -> None:
    """A long quote drowns the "…,” X told the Coastal Courier" it ends with; the attribution is scored
    apart, and the person the question names in lower case ("lund") is not the answer."""
    assert made_up.ask("what paper did lund speak to").citations
    assert made_up.ask("who did lund talk to").short == "Coastal Courier"


def test_a_hedge_settles_a_yes_no_question_but_answers_no_other(made_up: QA) -> None:
    settled = made_up.ask("did the port authority say how many ships were delayed")
    assert not settled.abstained and "did not say how many ships" in _quotes(settled)
    assert made_up.ask("how long will the strike last").abstained


def test_each_side_of_a_comparison_is_where_that_side_speaks(made_up: QA) -> None:
    """ "The port authority has ignored every offer," Lund told … mentions the port authority; its own view
    is the sentence in which it says something."""
    answer = made_up.ask("how did the port authority and lund differ")
    quotes = [c.quote for c in answer.citations]
    assert quotes[0].startswith("The port authority did not say")
    assert any("Petra Lund told" in q for q in quotes[1:])


def test_a_list_of_things_is_the_series_that_names_them(made_up: QA) -> None:
    """ "what issues …" asks for things, not names: the lead is the sentence's series, each item a slice of
    the cited quote."""
    answer = made_up.ask("what issues do the dock workers' demands cover")
    assert answer.short == "wages, pensions, night-shift safety"
    assert all(item in _quotes(answer) for item in answer.short.split(", "))


def test_a_list_takes_items_named_beside_the_asked_noun_from_any_article(made_up: QA) -> None:
    """Each newspaper is named beside the word "newspaper" in an article on another topic (a bombing, an
    earthquake); a name before "told the … newspaper" is the speaker's body, not a newspaper."""
    answer = made_up.ask("which newspapers did officials speak to")
    assert answer.short == "Arden Gazette, Mountain Herald"
    assert len({c.source for c in answer.citations}) == 2


def test_a_slot_comes_from_a_sentence_sharing_more_than_the_country_and_the_time(made_up: QA) -> None:
    """ "Norway's team spokesman Lars Dahl" shares only the country with "who won the last norwegian
    election", and "The Chilean team, led by Ivan Petrov, reached the last village" only the country and
    "last": neither sentence is about the asked event."""
    assert made_up.ask("who won the last norwegian election").abstained
    assert made_up.ask("who is chile's current president").abstained
    assert made_up.ask("who led the chilean team").short == "Ivan Petrov"  # the event's own words: answered


def test_a_side_is_the_sentence_holding_its_whole_name(made_up: QA) -> None:
    """ "the Veloria Red Falcons … said" shares the side's first words and speaks; the side asked is the
    Veloria Red Cross."""
    answer = made_up.ask("compare what the veloria red cross and vemo said about the mountain villages")
    quotes = [c.quote for c in answer.citations]
    assert "Veloria Red Cross" in quotes[0] and not any("Falcons" in q for q in quotes)


def test_a_coming_event_is_not_answered_from_a_past_one(made_up: QA) -> None:
    """ "when is the next repair": the article gives only the last one, so it abstains; a coming event the
    article does date is answered."""
    assert made_up.ask("when is the next repair of the bridge scheduled").abstained
    assert made_up.ask("when will the council meet next").short == "March"


def test_a_quotation_that_goes_on_keeps_its_speaker(made_up: QA) -> None:
    """ "“…,” Petra Lund told the Coastal Courier." then "“…”": the second quotation is hers, and comes with
    the first."""
    answer = made_up.ask("what did petra lund tell the coastal courier")
    assert "Petra Lund told" in answer.text and "Every family on the docks" in answer.text


def test_a_count_asked_in_other_words_is_answered(made_up: QA) -> None:
    """ "dwellings … harmed" for "homes were damaged": a number in a sentence very close in meaning counts the
    asked thing in other words; of two, the one whose noun is closer ("four sniffer dogs", not "45 rescuers")."""
    assert made_up.ask("how many dwellings did the UN say were harmed").short == "about 300"
    assert made_up.ask("how many canines came on the first plane").short == "four"
    # a number of something else the question names is no answer
    assert made_up.ask("how many trucks crossed the bridge each day").abstained


def test_a_comparison_within_one_article_shows_two_of_its_sentences(made_up: QA) -> None:
    """ "compare the two bomb attacks in the bridge report": one article speaks to it, so the answer is two of
    its sentences, not one."""
    answer = made_up.ask("compare the two bomb attacks in the bridge report")
    assert len(answer.citations) == 2 and {c.source for c in answer.citations} == {"kellford_bridge.txt"}
    assert "car bomb" in answer.text


def test_a_role_the_articles_do_not_use_is_held_by_the_person_the_sentence_names(made_up: QA) -> None:
    # no article says "officer": the police chief is the one who said it
    answer = made_up.ask("which police officer said the two attacks had not been linked")
    assert answer.short == "Anton Weller"


def test_a_deadline_is_a_date_and_the_end_of_the_month_is_one(made_up: QA) -> None:
    answer = made_up.ask("by what deadline will the schools stay closed")
    assert answer.short == "the end of the month"


def test_a_count_in_other_words_may_be_of_the_asked_phrases_own_words(made_up: QA) -> None:
    # "20 ambulances" for "ambulance vehicles": "ambulances" is the counted phrase's own word, not another thing
    answer = made_up.ask("how many ambulance vehicles did the volunteer group send to the villages")
    assert answer.short == "20"


def test_a_sentence_this_close_in_meaning_answers_though_it_shares_no_word(tmp_path: Path) -> None:
    patrol = ("Border patrol reports night flights\n\nARDEN — Thermal cameras in the southern Velo province have "
              "recorded army helicopters moving armed smugglers between remote valleys, a border patrol officer "
              "said on Sunday.\n\nThe patrol said the flights took place over three nights last month.\n")
    with _one_article(tmp_path, "patrol.txt", patrol) as engine:
        answer = engine.ask("in which province did heat-sensing footage catch military choppers ferrying gunmen")
        assert answer.short == "Velo"
        # in other words, and not close enough in meaning: still no answer
        assert engine.ask("where did infrared imaging spot choppers carrying gunmen").abstained


CLUB = """Club faces inquiry after flares halt cup tie

ARDEN — The league said on Sunday it would investigate after flares were thrown onto the pitch from the away end \
in the second half, delaying play for about six minutes. It did not say what sanctions the club might face.

Midfielder Ola Berg was injured in the first half of the match. He was carried off on a stretcher, and the club \
gave no details of the injury afterwards.

The club's new north stand, which opened in March, was paid for with help from a donor who did not want to be \
named, chairman Piet Lund said.

The stand was built by a group of local firms, which the club did not name, and finished two months early.
"""


def test_a_hedge_about_the_asked_thing_beside_the_event_abstains(tmp_path: Path) -> None:
    with _one_article(tmp_path, "club.txt", CLUB) as engine:
        # the sentence after the event says the detail is not known
        assert engine.ask("what sanctions will the club face over the flares").abstained
        assert engine.ask("what injury did Ola Berg suffer").abstained
        # the donor is unnamed: the chairman who said so is not the donor …
        assert engine.ask("who was the donor that paid for the new stand").abstained
        assert engine.ask("which firms built the new stand").abstained  # "firms, which the club did not name"
        # … but he is the chairman, and the hedge about the donor does not hide him, nor the other details
        assert engine.ask("who is the club chairman").short == "Piet Lund"
        assert engine.ask("how long was play delayed").short == "six minutes"
        assert engine.ask("when did the new stand open").short == "March"


SLIDE = """Four climbers rescued after rockslide on Mount Orvel

DUNMARSH (Wire) - Rescue teams pulled four climbers alive from a rockslide on the north face of Mount Orvel on \
Sunday, the regional police said.

The slide came down at about 9 a.m. below the Tarn Ridge, said Ana Kovac, head of the Dunmarsh mountain service.

Whether the climbers set off the rockslide themselves has not been established. How much the rescue cost the \
region was not determined, police said.
"""


def test_who_did_it_abstains_when_the_article_says_it_is_not_known(tmp_path: Path) -> None:
    with _one_article(tmp_path, "slide.txt", SLIDE) as engine:
        # neither the dateline's agency, the word opening the sentence after it, nor the ridge is who did it
        answer = engine.ask("Who set off the rockslide on Mount Orvel?")
        assert answer.abstained, answer.text
        # a hedge about the cost says nothing unknown of the climbers
        assert engine.ask("who leads the Dunmarsh mountain service").short == "Ana Kovac"


BLAST = """Two killed, 14 hurt in blast at Tarnby chemical plant

TARNBY (Wire) - An explosion tore through a storage hall at the Orvane Chemicals plant in Tarnby on Monday, killing \
two workers and injuring 14 others, the company said.

The plant had passed a safety inspection in May, Orvane said.
"""


def test_a_death_toll_is_the_number_beside_the_deaths_told_in_the_body(tmp_path: Path) -> None:
    with _one_article(tmp_path, "blast.txt", BLAST) as engine:
        answer = engine.ask("tarnby plant blast death toll")
        # not the injured, whose number stands nearer the blast; the body's sentence, not the headline
        assert answer.short == "two" and "killing two workers" in _quotes(answer), answer.text
        # "14 others" in a list of the harmed are people too
        assert engine.ask("how many people were injured in the tarnby blast").short == "14"


MILL_FIRE = """Fire shuts Orvane mill for a week

TARNBY - Fire broke out at the Orvane paper mill in Tarnby on Monday during a scheduled restart of its drying line, \
according to the company's chief operating officer, Lena Brask, 47.

She said a bearing on the main roller had overheated and set light to paper dust. Nobody was hurt.
"""


def test_she_in_a_follow_up_is_the_role_holder_the_last_answer_quoted(tmp_path: Path) -> None:
    with _one_article(tmp_path, "mill.txt", MILL_FIRE) as engine:
        asked = "Why did the fire at the Orvane mill start, according to the company's chief operating officer?"
        assert "bearing" in engine.ask(asked).text
        # the answer has no lead name, but quotes the officer by name: "she" is Lena Brask, and an age set
        # off after a name at a sentence's end is her age
        answer = engine.chat("How old is she?", [asked])
        assert answer.short == "47", answer.text


SALE = """Tarn landscape sells for 12 million dollars

ORLA — A landscape by the painter Ines Vell sold for 12 million dollars at the Corran auction house on Tuesday.

The buyer, bidding by telephone through Corran's head of sales, Mika Strand, was not identified.

A boy who was hurt in the crush at the door was taken to Orla General Hospital, said Dr. Ana Reyes. A second \
boy, Tom Alder, 9, was treated at the scene. The painting was first shown at the Tarn Gallery in 1931.
"""


def test_an_unidentified_doer_or_an_unnamed_person_is_not_filled_by_another_name(tmp_path: Path) -> None:
    with _one_article(tmp_path, "sale.txt", SALE) as engine:
        # "The buyer … was not identified": the one who bought is unknown, not the head of sales beside him
        assert engine.ask("who bought the Vell landscape").abstained
        # the name of a person is a person's name standing with its noun: not the hospital, not the doctor
        # who spoke …
        assert engine.ask("what was the name of the boy taken to hospital").abstained
        assert engine.ask("what is the name of the guard standing at the auction house door").abstained
        # … but the boy named beside the word is
        assert engine.ask("what is the name of the second boy").short == "Tom Alder"


BATTERY_PLANT = """Dalmor to build 2 billion dollar battery plant in Kessel Valley

KESSEL (Wire) - Battery maker Dalmor said on Monday it would invest 2 billion dollars in a plant in the Kessel Valley, the largest investment in the region's history.

The Kessel Valley plant would employ 900 people once running, Dalmor said.


"We chose the Kessel Valley because of its rail links and its skilled workforce," chief executive Ana Pell said.

Local officials said they were preparing for more demand for housing in the valley.

The announcement follows a failed attempt to land a battery plant in 2020, when rival Norcell picked a site in a neighbouring region after the Kessel Valley could not guarantee enough land.
"""


def test_a_dated_earlier_event_gives_way_to_the_sentence_saying_because(tmp_path: Path) -> None:
    with _one_article(tmp_path, "battery.txt", BATTERY_PLANT) as engine:
        # the best match is a failed bid in 2020 whose only cause word is "after"; the reason for this choice
        # is a few sentences down
        answer = engine.ask("Why did Dalmor pick the Kessel Valley for its battery plant?")
        assert "rail links" in answer.text, answer.text


DOCKERS = """Tarnby dockers accept pay deal, ending three-week strike

TARNBY - Dockers at the port of Tarnby voted on Friday to accept a pay deal worth 9 percent, ending a three-week \
strike that left 40 ships waiting offshore.

The dockers' union said 81 percent of members who voted backed the deal.

It was the port's first dockers' strike since 2009, when a walkout over pensions lasted four days.
"""


def test_did_it_happen_before_is_settled_by_the_sentence_dating_an_earlier_one(tmp_path: Path) -> None:
    with _one_article(tmp_path, "dockers.txt", DOCKERS) as engine:
        answer = engine.ask("has tarnby had a dockers strike before this one")
        assert "since 2009" in _quotes(answer), answer.text


NURSES_PAY = """Orla nurses accept pay deal

ORLA - Nurses in Orla voted on Monday to accept a two-year pay deal worth 8 percent, ending a month-long strike.

The nurses' union, which paid members strike pay of 40 crowns a day from its fund, did not say how much pay nurses \
had lost. Starting pay for newly qualified nurses increases from 2,100 to 2,400 crowns a month.
"""


def test_a_sum_asked_by_the_month_is_not_one_told_by_the_day(tmp_path: Path) -> None:
    with _one_article(tmp_path, "nurses.txt", NURSES_PAY) as engine:
        answer = engine.ask("How much will newly qualified nurses earn monthly in Orla?")
        # not the strike pay "a day"; the starting pay's word stands far before its sum
        assert answer.short == "2,400 crowns", answer.text


CLIMB = """Guide among those rescued after Orvel rockfall

DUNMARSH - Rescuers pulled six climbers from a rockfall on Mount Orvel on Sunday, said Ana Kovac, 47, head of the \
Dunmarsh mountain service.

Police said they would question the mountain guide, a 36-year-old local man who was himself among those rescued.
"""


def test_he_after_a_question_on_someone_named_by_role_is_that_role(tmp_path: Path) -> None:
    with _one_article(tmp_path, "climb.txt", CLIMB) as engine:
        asked = "did the mountain guide survive the orvel rockfall"
        # "he" is the guide, whose age follows him ("the guide, a 36-year-old"), not the head of service's
        answer = engine.chat("How old is he?", [asked])
        assert answer.short == "36-year-old", answer.text


ACTING = """Orla mayor steps down

ORLA - The mayor of Orla resigned on Monday. Deputy Mayor Ines Vell, 51, will serve as acting mayor until an \
election is held.

"The city needs calm," the outgoing mayor said. Vell, a former midwife, said her first task would be the budget.
"""


def test_what_someone_did_before_is_the_former_work_beside_their_name(tmp_path: Path) -> None:
    with _one_article(tmp_path, "acting.txt", ACTING) as engine:
        answer = engine.chat("what did she do before politics", ["who is acting mayor of orla"])
        assert answer.short == "former midwife", answer.text


HARBOUR = """Council delays vote on harbour plan

KELLFORD — The harbour plan was presented to residents on Monday after a year of delays. The council postponed \
its vote on the plan on Tuesday. Councillors said the cost estimates had not been checked by independent auditors.

The deputy mayor, Ivo Lind, was suspended from the council on Wednesday. The ethics panel found that he had used \
council funds for private travel.
"""


def test_a_reason_follows_its_event_in_the_next_sentence(tmp_path: Path) -> None:
    with _one_article(tmp_path, "harbour.txt", HARBOUR) as engine:
        # the next sentence gives the reason in no causal word; the one before only says "after" a time
        answer = engine.ask("why did the council postpone the vote on the harbour plan")
        assert "cost estimates had not been checked" in answer.text and "a year of delays" not in answer.text
        assert "used council funds for private travel" in engine.ask("why was Ivo Lind suspended").text


VACCINE = """Regulator approves new malaria vaccine

SARNOW — The national medicines agency on Tuesday approved a malaria vaccine made by Velo Biologics, after a trial \
involving 14,000 volunteers.

Chief executive Ana Soto said the company had spent 11 years developing the vaccine. The firm expects to make \
3 million doses by the end of the year.

The inquiry found that the former director had broken the agency's rules on at least seven occasions.
"""


def test_a_count_standing_with_the_asked_noun_answers_a_question_in_other_words(tmp_path: Path) -> None:
    with _one_article(tmp_path, "vaccine.txt", VACCINE) as engine:
        # no event word in common ("drugmaker", "devote", "jab"), but "11 years" in a sentence close in meaning
        assert engine.ask("How many years did the drugmaker devote to creating the jab?").short == "11"
        # a count asked after a preposition is still a count
        assert engine.ask("On how many occasions did the former director break the rules?").short == "at least seven"


AIRLINE = """Pilots strike at national airline

SARNOW — VelAir, which is 51 percent owned by the state, carried 14 million passengers last year. It returned \
to profit in 2023 after three years of losses. The pandemic had grounded much of its fleet.

Police arrested 23 people outside the airport in the afternoon. A group of protesters had chained themselves to \
the terminal doors.

Pilots voted for the strike in a ballot last month. Of those who took part, 87 percent supported industrial action.
"""


def test_a_reason_told_as_what_had_happened_before_is_shown(tmp_path: Path) -> None:
    with _one_article(tmp_path, "airline.txt", AIRLINE) as engine:
        # "after three years of losses" is a time, not the losses' cause: the next sentence is
        assert "pandemic had grounded" in engine.ask("What caused VelAir's three years of losses?").text
        assert "had chained themselves" in engine.ask("Why did police arrest people at the airport?").text
        # the share is in the sentence after the one on the ballot, in none of the question's words
        assert engine.ask("What proportion of balloted pilots backed the walkout?").short == "87 percent"


MINE = """Miners rescued after four days underground

KORDA — Rescuers on Thursday pulled nine miners alive from the Brack coal mine, four days after a roof collapse \
trapped them, officials said.

Rescuers first tried to dig through the blocked tunnel by hand but gave up on Monday afternoon. The rubble was \
shifting and threatened to bring down more of the roof, the rescue chief said.

The rescued miners were taken by ambulance to Korda General Hospital. One of the miners, whose name was not \
released, was treated for a broken leg.
"""


def test_a_reason_in_no_causal_word_follows_an_event_asked_in_other_words(tmp_path: Path) -> None:
    with _one_article(tmp_path, "mine.txt", MINE) as engine:
        answer = engine.ask("Why did rescue crews give up on clearing the tunnel manually?")
        assert "rubble was shifting" in answer.text
        # a withheld name answers no question but one asking the name
        assert engine.ask("what is the name of the miner treated for a broken leg").abstained
        assert "Korda General Hospital" in engine.ask("which hospital were the rescued miners taken to").text


RESIGNATION = """Mayor resigns over contracts

SARNOW — Edvard Lind resigned as mayor of Sarnow on Monday. The minister visited the city hall on Wednesday and \
said the government would review the city's contracts. The by-election will be held on June 3.

Lind's chief of staff, Karl Bremer, also left his post on Monday. City Hall gave no reason for his departure.
"""


def test_a_coming_event_takes_no_past_date_and_no_reason_given_is_none(tmp_path: Path) -> None:
    with _one_article(tmp_path, "mayor.txt", RESIGNATION) as engine:
        # the review is coming; "on Wednesday" is when the minister visited
        assert engine.ask("when will the review of the city's contracts be completed").abstained
        assert engine.ask("when will the by-election take place").short == "June 3"
        assert engine.ask("why did Karl Bremer leave his post").abstained
        assert engine.ask("when did Edvard Lind resign").short == "on Monday"


PROBE = """Launch of weather probe delayed

OSTRA — The national space agency postponed the launch of its Kiro-3 weather probe on Friday. Kiro-3 carries a \
radar that can see through cloud, allowing it to map floods at night.

The probe, which weighs 1,450 kilograms, was built over five years. Its chief engineer, Mara Velt, 52, a former \
pilot, said the delay would last about three weeks.
"""


def test_a_measure_in_its_unit_stands_for_the_asked_measure_noun(tmp_path: Path) -> None:
    with _one_article(tmp_path, "probe.txt", PROBE) as engine:
        # "mass" is in no sentence: "weighs 1,450 kilograms" says it; the radar sentence has no weight
        assert engine.ask("What is the mass of the radar spacecraft?").short == "1,450 kilograms"
        # "age": the number set off after the name
        assert engine.ask("What age is the ex-aviator leading the engineering team?").short == "52"


GALLERY = """Thieves take three paintings from Osten gallery

RENFIELD, May 9 — Thieves broke into the Osten Gallery early on Thursday and took three paintings. The gallery \
was robbed once before, in August 2015, when a bronze figure was taken.

Velmar Holdings, which owns the gallery, reported revenue of 40 million euros last year. Velmar paid for a new \
alarm in March, and a second alarm upgrade followed on June 12.

The most valuable work is a portrait by Ada Kroll. The thieves also took a sketch of a fox, whose artist the \
gallery has never been able to identify. A night guard, 61, was found tied to a chair. The gallery did not \
release his name. The council had cut the gallery's security budget two years ago.
"""


def test_a_near_miss_about_a_detail_the_article_never_gives_abstains(tmp_path: Path) -> None:
    with _one_article(tmp_path, "gallery.txt", GALLERY) as engine:
        # a day is asked; the earlier robbery has only a month and a year
        assert engine.ask("What was the exact date the bronze figure was taken?").abstained
        # a month in the question dates the event: the June upgrade is not the March one
        assert engine.ask("On what date in June was the alarm upgraded?").short == "June 12"
        assert engine.ask("On what date in March was the new alarm bought?").abstained
        # the owner's name alone does not pin the event: its revenue is no settlement
        assert engine.ask("How much did Velmar Holdings pay in its settlement with the insurer?").abstained
        # "has never been able to identify" withholds the sketch's artist
        assert engine.ask("Who drew the sketch of a fox stolen from the gallery?").abstained
        # "the name of the night guard": a name is asked, and none is given
        assert engine.ask("What is the name of the night guard who was tied up?").abstained
        # "two years ago" says when, not by how much
        assert engine.ask("By how much was the gallery's security budget cut?").abstained
        # … and what the article does give is still answered
        assert engine.ask("who painted the most valuable work").short == "Ada Kroll"


BLAZE = """Marsh fire forces hundreds from homes

DUNMORE, April 2 — About 900 people left their homes on Sunday as the Marsh fire spread across the Dunmore \
hills. The blaze had burned through roughly 2,600 hectares of heath by Sunday evening.

The hills suffered a similar fire in 2017, when the Fenwick fire burned 1,200 hectares and destroyed six farms. \
An inquiry after that blaze recommended wider firebreaks.
"""


def test_a_side_is_answered_by_its_own_sentence_on_the_thing_compared(tmp_path: Path) -> None:
    with _one_article(tmp_path, "blaze.txt", BLAZE) as engine:
        # the Marsh fire's side is the area it burned, not the Fenwick fire's sentence (which says "burned")
        answer = engine.ask("How did the area burned by the Marsh fire compare with that of the Fenwick fire?")
        assert "2,600 hectares" in answer.text and "1,200 hectares" in answer.text


COURIERS = """Court rules Parcelo couriers are employees

ARLO — The supreme court ruled on Thursday that couriers working for the delivery app Parcelo are employees.

The riders' union puts the number of active Parcelo couriers at 9,400, saying the firm counts only recent riders. \
Parcelo itself says 6,100 couriers use the app each month.
"""


def test_a_sentence_whose_subject_is_the_other_side_is_not_this_sides(tmp_path: Path) -> None:
    with _one_article(tmp_path, "couriers.txt", COURIERS) as engine:
        # the union's sentence names Parcelo too, but its count is the union's
        answer = engine.ask("How do Parcelo's and the union's counts of couriers differ?")
        parcelo, union = answer.text.split("union:")
        assert "6,100" in parcelo and "9,400" in union, answer.text


BARGE = """Cargo Barge Sinks Off Tarn Point, Two Dead After Storm Crossing

PELLA, May 2 — A cargo barge carrying 46 people sank on Friday off Tarn Point, the harbour authority said. Two \
people died and 44 were rescued.

The sinking is the worst on the coast since 2011, when the tanker Orla ran aground, killing nine crew members. \
In 2016, another barge, the Venn, lost power in the same channel with 30 people aboard.

Storms forced the evacuation of 1,300 residents from Pella last year. The barge had been inspected in March.

Rescue chief Omar Tull said the search had been hard. The water in the channel is colder than 8 degrees, he said. \
He did not say how many divers took part.

The firm said its chief financial officer, Lena Dorn, would step down. Chief executive Dana Koval said the firm \
would pay for the salvage. Together the two firms own 12 barges.

The insurer has made the families three offers. It will pay each family 20,000 euros. It will cover funeral costs. \
It will also fund a memorial.
"""


def test_a_past_event_a_harm_not_given_and_a_list_told_one_item_a_sentence(tmp_path: Path) -> None:
    with _one_article(tmp_path, "barge.txt", BARGE) as engine:
        # "since 2011, when … killing nine crew members" and "In 2016, another barge …" tell past events
        assert engine.ask("How many crew members were aboard the barge?").abstained
        # a count of people aboard, or evacuated, is no count of the injured
        assert engine.ask("How many people were injured in the sinking?").abstained
        # a title-case headline's capitals ("Two Dead", "Storm Crossing") name nothing
        assert engine.ask("What is the name of the storm crossing?").abstained
        # "CEO" meets "Chief executive", not the chief financial officer
        assert engine.ask("who is the ceo of the barge firm").short == "Dana Koval"
        assert engine.ask("who is the cfo of the barge firm").short == "Lena Dorn"
        # the items go on, one a sentence, through the paragraph; the quote holds them all
        offers = engine.ask("What are the insurer's offers to the families?")
        assert all(item in offers.text for item in ("20,000 euros", "funeral costs", "fund a memorial"))
        # the reason is the next sentence of the speaker's paragraph, not a "had been" from the one before
        reason = engine.ask("Why was the search hard, according to the rescue chief?").text
        assert "colder than 8 degrees" in reason and "inspected" not in reason


PARK = """New harbour park opens two years late

VENLO BAY, June 4 (Reuters) - The city of Venlo Bay opened its new harbour park on Saturday, two years late.

Founded in 1990 by Mila Rens and two school friends, the Harbour Trust raised money for the park. Chief executive \
Ivo Brandt said the trust would sell its cafe.

The city is paying 70 percent of the cost, with the remainder coming from the trust and a loan from the Coastal \
Savings Bank.
"""


def test_names_never_given_and_a_share_in_another_clause_abstain(tmp_path: Path) -> None:
    with _one_article(tmp_path, "park.txt", PARK) as engine:
        # "two school friends" are never named; the next sentence's chief executive is not one of them
        assert engine.ask("What are the names of the two school friends who founded the Harbour Trust with "
                          "Mila Rens?").abstained
        # the 70 percent is the city's; the loan is in the clause after, with no figure
        assert engine.ask("What share of the park's cost does the Coastal Savings Bank loan cover?").abstained
        assert engine.ask("What share of the park's cost is the city paying?").short == "70 percent"
        assert engine.ask("Who founded the Harbour Trust?").short == "Mila Rens"


TUG = """Tug runs aground in fog

LORNE — A harbour tug ran aground in thick fog on Monday, the port said. The tug's owner, Brede Marine, said the \
crew of six had been taken ashore.

The captain, Ivar Holt, 61, was rescued by a pilot boat. "For the men on the deck, the extra forty minutes in cold \
water was dangerous," said Dr. Nina Brook, a surgeon at the Lorne Marine Clinic.
"""


def test_a_role_a_time_in_words_and_where_someone_works(tmp_path: Path) -> None:
    with _one_article(tmp_path, "tug.txt", TUG) as engine:
        # "captain" is a role: the name beside it, not the owner's
        assert engine.ask("Who was the captain of the tug?").short == "Ivar Holt"
        # "how much extra time": a length of time, in words
        assert engine.ask("How much extra time in cold water did Nina Brook mention?").short == "forty minutes"
        # "where does X work": her sentence says it with "at", not "work"
        assert engine.ask("Where does Nina Brook work?").short == "Lorne Marine Clinic"


TRAM = """Cyber attack halts city trams

DORNE — Hackers shut down the tram network of Dorne on Tuesday, the city said. Investigators believe the attackers \
got in through an email sent to an employee of an outside cleaning contractor.

Several other systems were taken offline as a precaution. Engineers restored service after 14 hours. Dozens of \
buses were delayed.
"""


def test_an_unnamed_which_thing_and_a_vague_quantity_answer_nothing(tmp_path: Path) -> None:
    with _one_article(tmp_path, "tram.txt", TRAM) as engine:
        # "which cleaning contractor" asks its name; "an outside cleaning contractor" gives none
        assert engine.ask("Which cleaning contractor employed the person who opened the email?").abstained
        # "several" counts nothing
        assert engine.ask("How many other systems were taken offline?").abstained
        assert engine.ask("How many buses were delayed?").abstained  # nor does "dozens"
        assert engine.ask("How long did it take to restore service?").short == "14 hours"


DEAL = """Striker joins rivals for record fee

VARNA — Striker Leo Kask joined Orlen City on Friday for a fee of 40 million euros, the club said.

Kask is expected to make his debut for Orlen City against Dorne on March 14. "He changes games," coach Ivo Sand \
said of Kask.

Last year, defender Tom Reif moved between the clubs for 25 million euros.
"""


def test_a_comparison_of_quantities_shows_each_sides_figure(tmp_path: Path) -> None:
    with _one_article(tmp_path, "deal.txt", DEAL) as engine:
        # a fee is compared: Kask's sentence is the one with a figure, not his debut's date
        text = engine.ask("How did Kask's fee compare with what Orlen City paid for Tom Reif?").text
        assert "40 million euros" in text and "25 million euros" in text and "debut" not in text


PLANT = """Council backs water plant

DUNMERE — The city council approved plans in May for a desalination plant on the coast, Mayor Ada Ross said. \
Ross said it would be finished by 2030 but declined to give a cost.
"""


def test_a_deadline_said_as_would_is_a_coming_date(tmp_path: Path) -> None:
    with _one_article(tmp_path, "plant.txt", PLANT) as engine:
        # "would be finished" asks a coming date; "approved plans in May" is when the plans were approved
        assert engine.ask("By when did Ada Ross say the desalination plant would be finished?").short == "by 2030"


SCHOOLS = """Two Dorne Schools to Merge Next Year

DORNE — Hill Street Academy and Vale Park School, the two oldest schools in Dorne, will merge next year, the \
city said on Monday.
"""


def test_which_things_with_names_are_listed_by_name(tmp_path: Path) -> None:
    with _one_article(tmp_path, "schools.txt", SCHOOLS) as engine:
        # no series of things: the schools have names; a title-case headline's capitals are none of them
        assert engine.ask("Which two schools are merging in Dorne?").short == "Hill Street Academy, Vale Park School"


LAB = """Drug maker opens new plant

TERNO — Drug maker Olvar Pharma opened a plant in Terno on Monday. Chief executive Mina Sorel said the plant would \
make 20 million doses of its flu vaccine a year. She declined to give a price for the vaccine.

In 2015, a statue of the company's founder was stolen from the Terno site. It was recovered two years later in a \
barn near the coast.

Olvar cut 200 jobs in May. At the time the company said no further cuts were planned.

The results of the vaccine's trial have been submitted to a peer-reviewed journal, Olvar said.
"""


def test_a_yes_no_question_is_settled_by_the_sentence_after(tmp_path: Path) -> None:
    with _one_article(tmp_path, "lab.txt", LAB) as engine:
        assert "declined to give a price" in engine.ask("Did Olvar's chief executive say what the vaccine will cost?").text
        assert "recovered two years later" in engine.ask("Was the statue stolen from the Terno site in 2015 ever found?").text
        # a clause before it does not make it a "when" question
        answer = engine.ask("When Olvar cut jobs in May, did it say more cuts were planned?")
        assert "no further cuts" in answer.text
        # "in which journal" asks its name; "a peer-reviewed journal" gives none
        assert engine.ask("In which journal will the results of the vaccine trial be published?").abstained


RULING = """Court orders Denmore Foods to pay over false labels

ARLO — A court in Arlo ruled on Tuesday that Denmore Foods had sold honey with false labels. Judge Ines Marr \
ordered the company to withdraw the jars from every shop. The recall must be finished within a month. Marr also \
ordered Denmore to pay for an independent laboratory to test its products for three years.

Denmore said it would study the judgment.
"""


def test_a_sentence_that_also_does_the_asked_thing_joins_the_answer(tmp_path: Path) -> None:
    with _one_article(tmp_path, "ruling.txt", RULING) as engine:
        answer = engine.ask("What did the judge order Denmore to do?")
        assert "withdraw the jars" in answer.text and "independent laboratory" in answer.text


STADIUM = """Orsa opens new stadium a year late

ORSA — The town of Orsa opened its new football stadium on Saturday, more than a year late and over budget, with \
thousands of fans queuing at the gates for the first match.

The stadium cost 95 million euros, against the 70 million budgeted when work began in 2019. A 12-million-euro \
footbridge to the stadium will open in May.
"""


def test_a_keyword_question_on_a_cost_is_answered_with_a_sum_of_money(tmp_path: Path) -> None:
    with _one_article(tmp_path, "stadium.txt", STADIUM) as engine:
        # "cost" asks a sum of money, written with hyphens or not, not the first number near the event
        assert engine.ask("orsa stadium cost").short == "95 million euros"
        assert engine.ask("orsa footbridge price").short == "12-million-euro"


CROSSING = """Sella bridge opening delayed again

SELLA — The opening of the Sella river bridge, a 2-kilometre crossing south of the city, has been pushed back \
to 2028 and its cost has risen to 1.4 billion euros, the regional transport office said on Monday.
"""


def test_a_count_of_people_is_never_a_sum_of_money_or_a_length(tmp_path: Path) -> None:
    with _one_article(tmp_path, "crossing.txt", CROSSING) as engine:
        # no number here counts workers: the sentence close in meaning gives a sum and a length
        assert engine.ask("How many workers are employed building the Sella bridge?").abstained
        assert engine.ask("How many kilometres long is the Sella bridge?").short == "2"  # the unit is what is counted


LANDSLIDE = """Landslide buries homes in Vessa

VESSA — A landslide buried a row of homes in the hill town of Vessa on Sunday, killing 12 people and injuring 40, \
the regional governor said.

Three rescue teams are working at the site, and a fourth is due to arrive on Tuesday.
"""


def test_a_count_word_is_no_name_and_missing_is_a_harm_of_its_own(tmp_path: Path) -> None:
    with _one_article(tmp_path, "landslide.txt", LANDSLIDE) as engine:
        assert engine.ask("How many people are still missing after the Vessa landslide?").abstained
        assert engine.ask("What is the name of the fourth rescue team due on Tuesday?").abstained


SACKED = """Orlen United sack coach after heavy defeat

ORLEN — Orlen United sacked coach Pavel Marek on Sunday, a day after a 4-0 defeat at Dunmore left the club \
bottom of the league.
"""


def test_how_much_compensation_asks_a_sum_not_a_score(tmp_path: Path) -> None:
    with _one_article(tmp_path, "sacked.txt", SACKED) as engine:
        assert engine.ask("How much compensation is Pavel Marek getting for being sacked?").abstained


FIRE = """Fire at Orel paint works

TESSA — The fire broke out at about 2 a.m. at the company's Orel Works, when a pump feeding a solvent tank \
failed during a night shift, according to the plant's operations director, Ana Ruiz.
"""


def test_a_role_before_a_comma_and_a_worker_asked_by_name(tmp_path: Path) -> None:
    with _one_article(tmp_path, "fire.txt", FIRE) as engine:
        # "the operations director, Ana Ruiz" is a person, not the company asked for
        assert engine.ask("Which company made the pump that failed at Orel Works?").abstained
        # a worker's name is a person's: "Orel Works" is no answer
        assert engine.ask("What was the name of the worker who first spotted the fire?").abstained


FAIR = """Kellen book fair opens

KELLEN — The Kellen book fair opened on Friday in the old market hall. Organisers expect the fair to draw \
20,000 visitors a day by next year.
"""


def test_a_forecast_does_not_count_what_happened(tmp_path: Path) -> None:
    with _one_article(tmp_path, "fair.txt", FAIR) as engine:
        assert engine.ask("How many visitors came to the Kellen book fair on its first day?").abstained
        assert engine.ask("How many visitors a day do the Kellen fair's organisers expect?").short == "20,000"


RING_ROAD = """Orel ring road delayed to 2029

OREL, May 3 (Reuters) - The opening of the Orel ring road has been pushed back by two years to 2029, the city \
said on Monday.
"""


def test_which_month_a_road_is_expected_to_open_is_no_dateline_date(tmp_path: Path) -> None:
    with _one_article(tmp_path, "road.txt", RING_ROAD) as engine:
        # "May 3" dates the report and "on Monday" the saying, not the opening
        assert engine.ask("In which month of 2029 is the Orel ring road expected to open?").abstained


STORM = """Storm floods Kessa valley

KESSA — A storm flooded the Kessa valley on Sunday. "The death toll will rise," the interior minister told \
reporters in Dorn.

Rescue teams reached the upper valley by boat on Monday. Roads north of the river remain closed.

Dorn, a river town of about 20,000 people, suffered the worst flooding, with at least 9 deaths.
"""


def test_a_death_toll_is_a_count_of_deaths_not_a_sentence_saying_toll(tmp_path: Path) -> None:
    with _one_article(tmp_path, "storm.txt", STORM) as engine:
        assert engine.ask("dorn death toll").short == "at least 9"


TUNNEL = """Merrin rail tunnel delayed to 2030

VARO, March 2 (Reuters) - The opening of the Merrin rail tunnel has been pushed back by two years to 2030, \
the project's operator said on Monday.

Norvia Rail, the state company building the tunnel, blamed flooding in one of its shafts and hard rock.

A haulage group said it had hoped the Merrin tunnel would take lorries off the mountain road.

The Merrin tunnel is the second rail tunnel in the country to run into trouble.
"""


def test_a_ledes_reason_in_the_next_paragraph_beats_a_past_hope(tmp_path: Path) -> None:
    with _one_article(tmp_path, "tunnel.txt", TUNNEL) as engine:
        answer = engine.ask("Why has the Merrin tunnel been delayed according to the people building it?")
        assert "blamed flooding" in answer.text


BRIDGE_TRAFFIC = """Pellan opens new river bridge

PELLAN — The city of Pellan opened its new river bridge on Saturday, two months late.

The city expects the bridge to carry 9,000 cars a day by next year.

The opposition Green List says that estimate is far too high. Its own study puts the figure at 5,000 cars a day.
"""


def test_what_one_side_forecasts_and_what_another_says_are_shown_together(tmp_path: Path) -> None:
    with _one_article(tmp_path, "bridge.txt", BRIDGE_TRAFFIC) as engine:
        answer = engine.ask("What daily traffic does the city forecast for the bridge, and what does the opposition's "
                            "study say?")
        assert "9,000" in answer.text and "5,000" in answer.text


BARN_FIRE = """Fire destroys Tarlow grain store

TARLOW — A fire destroyed a grain store on the edge of Tarlow on Sunday night, the fire service said. Crews from \
three towns fought the blaze for six hours.

The store held about 900 tonnes of wheat. Its owner said the building was insured.

No deaths were reported. Two firefighters were treated for smoke inhalation.
"""


def test_a_harm_asked_in_one_word_meets_the_sentence_in_another(tmp_path: Path) -> None:
    with _one_article(tmp_path, "barn.txt", BARN_FIRE) as engine:
        assert "No deaths were reported" in engine.ask("Did anyone die in the Tarlow grain store fire?").text


WALKOUT = """Dorne council staff walk out over pay

DORNE — Council staff in Dorne began a three-day strike on Monday over pay and pensions.

The Public Workers Union said about 900 of its members had joined the strike. The council put the number far \
lower, saying 400 staff had reported absent by midday.

The union says the pension change would cut retirement income by 15 percent. The council disputes that figure \
and says the loss would be closer to 5 percent.
"""


def test_a_side_saying_its_figure_is_that_sides_view(tmp_path: Path) -> None:
    with _one_article(tmp_path, "walkout.txt", WALKOUT) as engine:
        answer = engine.ask("How did the union's and the council's counts of striking staff differ?")
        assert "900" in answer.text and "400" in answer.text


SOFTWARE = """Tessa Systems to cut 400 jobs

TESSA — Tessa Systems will cut 400 jobs, it said on Monday.

Tessa also said its chief financial officer, Piet Rook, would step down at the end of the year for personal \
reasons. Tessa's chief executive, Ilse Varga, will take on his duties until a successor is found.
"""


def test_a_keyword_question_naming_a_role_takes_the_person_in_that_role(tmp_path: Path) -> None:
    with _one_article(tmp_path, "software.txt", SOFTWARE) as engine:
        assert engine.ask("tessa systems ceo").short == "Ilse Varga"


RALLY = """Dock workers rally in Orsa

ORSA — Dock workers held a rally in Orsa on Friday. "We will not give up until the port listens," said Mara Lind, \
the dockers' union leader, speaking outside the harbour office.
"""


def test_where_someone_spoke_may_be_a_place_with_no_name(tmp_path: Path) -> None:
    with _one_article(tmp_path, "rally.txt", RALLY) as engine:
        assert engine.ask("Where was Mara Lind speaking when she said that?").short == "outside the harbour office"


APPEAL = """Appeal court cuts Denmore fine

ARLO — Denmore Foods said in a statement that it was disappointed and was considering an appeal to the supreme \
court against the ruling.

The appeal court reduced the fine against Denmore to 2 million crowns from 5 million, but rejected Denmore's \
argument that buyers had agreed to the labels.

The court cut the fine because, it said, the regulator had wrongly counted sales made after March, when the \
labels were changed.
"""


def test_a_reason_said_with_because_beats_a_past_told_with_had(tmp_path: Path) -> None:
    with _one_article(tmp_path, "appeal.txt", APPEAL) as engine:
        assert "wrongly counted" in engine.ask("Why did the appeal court lower the fine against Denmore?").text


HARBOUR_WORKS = """Pellow harbour halts wall repairs in pay row

PELLOW, May 4 (Reuters) - The Pellow Harbour Board has halted repairs to the harbour's sea wall, accusing its \
builder of falling behind, while the builder says the board owes it for extra work.

Harbour board chairwoman Ana Rusk said only about 35 percent of the wall had been repaired.

The board's meeting on Tuesday lasted four hours and ended in a vote.

The builder, Corra Stoneworks, said it had repaired 62 percent of the wall and that storms had slowed the work.

The ferry union said 700 sailings had been cancelled since the work began. The board counted 410 cancelled sailings.

Anglers' club Pellow Rods said the works would close about 20 percent of the quay to fishing. Corra Stoneworks \
said only 5 percent of the quay would be closed.
"""


@pytest.mark.parametrize(("question", "figures"), [
    # "each side" names no side: the other side's account holding a figure is shown beside the first
    ("What share of the wall does each side say has been repaired?", ("35 percent", "62 percent")),
    # a count question set side by side with "versus" is a comparison, not one count
    ("How many sailings were cancelled according to the ferry union versus the board?", ("700", "410")),
    # … and so is one where two sides "each say"
    ("How much of the quay do the anglers' club and Corra Stoneworks each say will be closed?",
     ("20 percent", "5 percent")),
])
def test_two_accounts_of_a_figure_are_shown_together(tmp_path: Path, question: str, figures: tuple[str, str]) -> None:
    with _one_article(tmp_path, "harbour.txt", HARBOUR_WORKS) as engine:
        answer = engine.ask(question)
        assert all(f in answer.text for f in figures), answer.text


@pytest.mark.parametrize(("question", "sides"), [
    ("How much does the builder say it is owed, and how much does the board say is due?", ("builder", "board")),
    ("What profit figure did Clarn Audit cite for the bank, and what figure did the bank give?",
     ("Clarn Audit", "bank")),
    ("How many sailings were cancelled according to the ferry union versus the board?", ("ferry union", "board")),
    ("What does the union say the real total is, compared with the official figure?", ("union", "official figure")),
    # the question before a colon, its two sides after it
    ("Which costs more: the Arden bridge repairs or the Tolby tunnel upgrade?",
     ("Arden bridge repairs", "Tolby tunnel upgrade")),
])
def test_each_sides_own_clause_names_the_sides(question: str, sides: tuple[str, str]) -> None:
    q = analyse(question)
    assert q.kind == "comparison" and q.sides == sides


SCHOOL_BUS = """Six pupils hurt as school bus leaves road near Farrow

FARROW, March 9 (Reuters) - A school bus taking children aged 5 to 11 to Farrow Primary left the road at \
about 8:40 a.m. on Monday, police said.

Six children were taken to hospital with minor injuries, police said.

The bus company, Tarn Coaches, said the driver had driven the route for years.
"""


def test_an_age_or_a_clock_time_counts_nobody(tmp_path: Path) -> None:
    with _one_article(tmp_path, "bus.txt", SCHOOL_BUS) as engine:
        # the article never says how many rode the bus: "aged 5 to 11" and "8:40" count no one
        answer = engine.ask("How many children were on the Farrow school bus?")
        assert answer.abstained, answer.text


def test_a_count_meets_the_articles_other_word_for_the_counted_thing(tmp_path: Path) -> None:
    with _one_article(tmp_path, "bus.txt", SCHOOL_BUS) as engine:
        answer = engine.ask("how many kids were hurt in the farrow bus crash")
        assert answer.short == "Six", answer.text


CENSUS = """Orlan census shows population fall

ORLAN, June 2 - The population of Orlan has fallen to 2.4 million, the statistics office said on Tuesday.
"""
CANAL = """Brisk harbour canal reopens

BRISK, June 3 - The canal at Brisk reopened on Wednesday after a month of repairs, the harbour office said.
"""


def test_a_figure_from_an_article_that_never_names_the_asked_place_is_not_its_figure(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "census.txt").write_text(CENSUS, encoding="utf-8")
    (tmp_path / "corpus" / "canal.txt").write_text(CANAL, encoding="utf-8")
    with QA.open(Settings(corpus=tmp_path / "corpus", data_dir=tmp_path / "data")) as engine:
        assert engine.ask("What is the population of Brisk?").abstained
        assert engine.ask("What is the population of Orlan?").short == "2.4 million"


WATER_BOARD = """Kell Water signs pipe contract

KELL, July 8 - Kell Water has signed a 40 million crown contract to replace old pipes, the company said, and \
says the city still owes it for work it was never paid for.

Kell Water's shares rose 3 percent after the announcement.

Its chairman, Ola Brand, earns 180,000 crowns a year, the annual report shows.
"""


def test_a_pay_or_share_price_is_not_any_sum_or_share_near_it(tmp_path: Path) -> None:
    with _one_article(tmp_path, "water.txt", WATER_BOARD) as engine:
        # a share price is a sum of money, not the percent the shares rose
        assert engine.ask("What was Kell Water's share price before the contract?").abstained
        # a pay is told beside its sum: the contract's sum, in a sentence that says "paid", is no one's salary
        assert engine.ask("What is the annual salary of the Kell Water chairman?").short == "180,000 crowns"
    WATER_BOARD_NO_PAY = WATER_BOARD.rsplit("\n\n", 1)[0] + "\n"
    (tmp_path / "corpus" / "water.txt").write_text(WATER_BOARD_NO_PAY, encoding="utf-8")
    with QA.open(Settings(corpus=tmp_path / "corpus", data_dir=tmp_path / "data2")) as engine:
        assert engine.ask("What is the annual salary of the Kell Water chairman?").abstained


TOWN_CENSUS = """Census shows Harrow Vale shrinking

HARROW VALE, May 2 (Reuters) - The population of Harrow Vale has fallen to 41,000, the lowest since records \
began in 1901, the town's statistics office said on Tuesday.

The office said the town had 46,500 residents at the last count in 2014.

Officials attributed most of the fall to young people moving to the capital for work.
"""


def test_according_to_whom_or_besides_what_does_not_hide_the_kind_of_question() -> None:
    assert analyse("According to the seismologist, why was the damage so bad?").kind == "why"
    assert analyse("According to analysts, how have rivals squeezed the firm?").kind == "how"
    assert analyse("According to the union, how many nurses left the hospital last year?").kind == "count"
    assert analyse("Besides the Harlow line, which other ferry line stopped sailing?").slot in ("org", "agent")


def test_a_reason_attributed_a_little_after_the_lede_answers_what_caused_it(tmp_path: Path) -> None:
    with _one_article(tmp_path, "census.txt", TOWN_CENSUS) as engine:
        # the lede's only cause word is a time ("since records began"); the reason comes two sentences on
        answer = engine.ask("According to officials, what caused the fall in Harrow Vale's population?")
        assert "young people moving to the capital" in answer.text, answer.text


CLINIC_HACK = """Hackers lock Dunmere clinic's computers

DUNMERE, April 9 (Reuters) - A cyberattack on the Dunmere Medical Centre forced doctors to cancel 120 planned \
operations over three days, clinic officials said on Monday.

The attack began on Friday night, when staff found that the clinic's records system, its x-ray archive and its \
drug ordering software had all been locked.

Officials said paper forms were used in the meantime.

Among the cancelled operations were 40 knee replacements, 25 eye operations and 9 heart procedures, the clinic said.
"""


def test_a_series_of_things_is_listed_when_its_head_noun_is_the_asked_one(tmp_path: Path) -> None:
    with _one_article(tmp_path, "clinic.txt", CLINIC_HACK) as engine:
        # "which three … systems": a count of things asked, and "records system" ends with the asked noun
        answer = engine.ask("Which three clinic systems were locked in the cyberattack?")
        assert answer.short == "records system, x-ray archive, drug ordering software", answer.text


def test_a_series_of_things_a_few_sentences_after_the_lede_is_listed(tmp_path: Path) -> None:
    with _one_article(tmp_path, "clinic.txt", CLINIC_HACK) as engine:
        answer = engine.ask("Which kinds of planned operations were cancelled at the Dunmere clinic?")
        assert all(item in (answer.short or "") for item in ("knee replacements", "eye operations", "heart procedures"))
        assert "clinic" not in answer.short  # "…, the clinic said": who said it is no item


ORRIN_BANK = """Regulator fines Orrin Bank 12 million crowns

TALLIS, May 5 - The regulator fined Orrin Bank 12 million crowns on Monday for weak checks on money transfers.

The bank had 2.3 million customers at the previous count in 2019.

Orrin Bank, the country's sixth-largest lender, said it would not appeal. It has signed a 4 million crown \
contract for new checking software.

Orrin Bank's shares fell 2 percent after the fine. Orrin Bank said the weak checks were found by its own staff.

Chief executive Mara Hollis, 49, said the bank had since doubled its checking staff.

The bank now has 2.1 million customers.
"""


@pytest.mark.parametrize(("query", "short"), [
    ("orrin bank ceo", "Mara Hollis"),  # a CEO is the chief executive written out, beside the name
    ("orrin bank customers total", "2.1 million"),  # not the figure "at the previous count"
    ("orrin bank software contract value", "4 million crown"),  # a value is a sum of money
])
def test_a_search_box_query_gets_the_asked_detail(tmp_path: Path, query: str, short: str) -> None:
    with _one_article(tmp_path, "bank.txt", ORRIN_BANK) as engine:
        answer = engine.ask(query)
        assert answer.short == short, answer.text


def test_chief_executives_of_two_firms_are_no_one_ceo() -> None:
    from qa import inflections
    assert inflections.spelled_out("ceo", "Chief executive Mara Hollis, 49, said")
    assert not inflections.spelled_out("ceo", "The chief executives of the two banks met")
    assert not inflections.spelled_out("ceo", "The chief said the executive board met")


HOSPITAL_HACK = """Hackers force Brenvale hospital to cancel operations

BRENVALE, March 3 (Reuters) - A ransomware attack on Brenvale Royal Infirmary in Brenvale forced surgeons to \
postpone 140 planned operations over four days, hospital officials said on Tuesday.

The attack began early on Friday, when staff found that the hospital's booking software had been locked.

"We will not hand money to criminals," chief executive Lena Morrow, 52, told reporters outside the hospital \
on Tuesday.

The national cyber agency said it was helping the hospital.

Brenvale Royal Infirmary, the region's largest hospital, said its systems were restored gradually.

Brenvale Royal Infirmary said patients whose operations were postponed would be contacted by letter.
"""


FERRY_BOSS = """Tarrow ferry firm names new boss

TARROW, March 4 - Tarrow Ferries named Piet Olsen as its chief executive on Wednesday.

The chief executive of the port, Ana Weller, welcomed the choice. Olsen was chief executive of a bus company.
"""


def test_a_roles_holder_is_found_in_a_sentence_on_something_else(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "ferry.txt").write_text(FERRY_BOSS, encoding="utf-8")
    # the hospital's article names its chief executive only in a quote on the ransom; the other article,
    # full of chief executives, makes the role's words common and the hospital's name rare
    with _one_article(tmp_path, "hospital.txt", HOSPITAL_HACK) as engine:
        answer = engine.ask("Who is the chief executive of Brenvale Royal Infirmary?")
        assert answer.short == "Lena Morrow", answer.text
        assert engine.chat("How old is she?", ["Who is the chief executive of Brenvale Royal Infirmary?"]).short == "52"
        # a role no sentence gives is still not answered
        assert engine.ask("Who is the finance director of Brenvale Royal Infirmary?").abstained


QUAKE_AID = """Quake leaves thousands homeless in Orvan valley

ORVAN, April 2 (Reuters) - An earthquake struck the Orvan valley on Tuesday, damaging about 1,200 homes, the \
government said.

The Orvan Relief Society gave a much higher estimate, saying its volunteers had counted more than 3,000 damaged \
homes.

"The damage in the hill villages is much worse than the figures say," said the society's director, Mara Quist.

The government said it would send tents.
"""


def test_who_runs_a_group_is_named_beside_the_groups_name_in_a_sentence_on_something_else(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "ferry.txt").write_text(FERRY_BOSS, encoding="utf-8")
    with _one_article(tmp_path, "quake.txt", QUAKE_AID) as engine:
        assert engine.ask("Who runs the Orvan Relief Society?").short == "Mara Quist"


CLASS_SIZES = """Teachers accept pay deal in Harlin

HARLIN, Feb. 2 - Teachers in Harlin have voted to accept a two-year pay deal, the education ministry said.

The smaller Harlin Teachers' Federation said it would go ahead with a ballot on further action because the deal \
did nothing to reduce class sizes. Its president, Ola Brandt, said 38 percent of primary classes had more than 30 \
pupils.

The ministry disputes that figure, saying its own data show 22 percent of primary classes exceed 30 pupils.
"""


def test_a_side_named_by_its_head_noun_is_found(tmp_path: Path) -> None:
    with _one_article(tmp_path, "classes.txt", CLASS_SIZES) as engine:
        # "the union federation" is the "Teachers' Federation": its head noun names it; its figure follows
        answer = engine.ask("How do the union federation's and the ministry's figures for crowded primary classes "
                            "differ?")
        assert "38 percent" in answer.text and "22 percent" in answer.text, answer.text


@pytest.mark.parametrize(("text", "question"), [
    # a pay's own word stands in its sum's clause: "spent 3 million crowns …, so the mayor's salary" is no salary
    (("Kell council freezes pay\n\nKELL, July 9 - The council spent 3 million crowns on a new depot, so the mayor's "
     "salary was frozen, the council said.\n"), "What is the Kell mayor's salary?"),
    # the names of those a harm befell, withheld
    (("Police arrest five in Darrow fraud inquiry\n\nDARROW, June 3 - Prosecutors in Darrow said an inquiry into a "
     "network of shell companies was continuing.\n\nSpokeswoman Ina Falk said five people had been arrested so "
     "far, but declined to give their names.\n"), "Who are the five people arrested in the shell company inquiry?"),
    # "did not identify it": "it" is the group named before, so which group did it is not known
    (("Hackers hit Orrel clinic\n\nORREL, May 2 (Reuters) - A ransomware attack on the Orrel Clinic in Kessbury "
     "forced doctors to cancel 40 operations, officials said.\n\nA spokesman for the police, Ivo Marek, said the "
     "group behind the attack was \"a known criminal operation\" but did not identify it.\n"),
     "Which criminal group carried out the ransomware attack on the Orrel Clinic?"),
    # "how much will it cost": a yearly saving and a monthly payment per child are rates, not the cost
    (("Orrin plans baby bonus\n\nORRIN, May 2 - The government will present a family plan by the summer, with a "
      "monthly payment of 200 crowns for every child.\n\nOfficials said the plan would save about 30 million crowns "
      "a year in other benefits.\n"), "How much will the government's family plan cost?"),
    # "besides X, which other …": X is the only one named
    (("Ferries avoid Brisk\n\nBRISK, May 2 - The port of Brisk has halted dredging in a row over unpaid bills.\n\n"
      "Two ferry lines, including the Harlow line, have said they will not sail to Brisk until the harbour is "
      "dredged.\n"), "Besides the Harlow line, which other ferry line is avoiding Brisk?"),
])
def test_a_detail_the_article_does_not_give_is_not_guessed(tmp_path: Path, text: str, question: str) -> None:
    with _one_article(tmp_path, "story.txt", text) as engine:
        assert engine.ask(question).abstained


QUAY_DELAY = """Harbour board delays new ferry terminal

DELMORE, March 4 - The opening of the high-speed ferry terminal in Delmore has been pushed back to 2029, the \
Delmore Harbour Board said on Monday.

The board now expects the terminal to cost 410 million crowns, up from 260 million crowns.

Ansel Brecht, the board's chairman, said most of the delay came from soft ground under the quay.

Dock workers' leaders in the city, among them Piet Raal, called the delay a scandal.

The board said on Monday that it would cut 85 jobs at its old terminal over the next year.
"""


def test_a_plan_a_compound_and_an_unnamed_groups_head(tmp_path: Path) -> None:
    with _one_article(tmp_path, "quay.txt", QUAY_DELAY) as engine:
        # "said it would cut 85 jobs" is the plan announced, not a forecast
        assert engine.ask("How many jobs is the board cutting?").short == "85"
        # "high-speed" measures no speed: the asked thing is the price
        assert engine.ask("What's the projected price of the high-speed terminal?").short == "410 million crowns"
        # the board's head is its chairman, named in a sentence on the delay; "leaders in the city" lead no board
        assert engine.ask("who leads the harbour board").short == "Ansel Brecht"


KEPT_BACK = """Mould found in Tarrow schools

TARROW, Oct. 3 - Inspectors found black mould in classrooms at four schools in Tarrow, the education office said \
on Friday.

The office declined to name the four schools. Its director, Hanne Solberg, said identifying them could cause panic \
among parents before the rooms were tested.

The office also would not say what the clean-up would cost, citing an open tender.

It did not say when the inspections began.
"""


def test_why_a_detail_is_kept_back_is_answered_by_the_reason_given(tmp_path: Path) -> None:
    with _one_article(tmp_path, "mould.txt", KEPT_BACK) as engine:
        # the reason follows the refusal, in what telling would do
        named = engine.ask("Why won't the education office name the schools?")
        assert "cause panic" in named.text and not named.abstained, named.text
        # … or stands in the refusal itself
        cost = engine.ask("Why is the office not saying what the clean-up costs?")
        assert "open tender" in cost.text and not cost.abstained, cost.text
        # no reason given: nothing to answer
        assert engine.ask("Why didn't the office say when the inspections began?").abstained


TWO_COUNTS = """Ferry sailings cancelled on Orm crossing

ORM, Jan. 12 - The Orm ferry company said it had cancelled 40 sailings this month, the most in a decade.

The port authority gave a higher count, saying 52 of the sailings it had scheduled did not leave.

Rolf Vinter, the authority's harbour master, said the gap reflected "sailings cancelled a day ahead, which the \
company does not count."

The crossing is the only link to the mainland for 3,000 islanders.

Vinter said most of the cancellations came from a broken ramp at the island pier.
"""


def test_a_reason_further_on_in_the_article_is_found(tmp_path: Path) -> None:
    with _one_article(tmp_path, "ferry.txt", TWO_COUNTS) as engine:
        # "why do the counts differ" asks the reason, not the two counts; "it had scheduled" tells no cause
        gap = engine.ask("why does the port authority's count of cancelled sailings differ from the company's")
        assert "a day ahead" in gap.text, gap.text
        assert analyse("why do the two counts differ").kind == "why"
        # "most of the cancellations came from …" says what caused them, two sentences on
        cause = engine.ask("What caused most of the Orm ferry cancellations?")
        assert "broken ramp" in cause.text, cause.text


TAINTED_TAPS = """Boil-water order for Arlo after bacteria found

ARLO, May 6 - The Arlo water board told about 12,000 homes in Arlo and three nearby villages on Sunday to boil \
their tap water, after tests found bacteria at its main reservoir.

The board said a cracked pipe had let in surface water after heavy rain.

Bottled water is being handed out at the town hall.

Health officials did not say how many people had fallen ill since the weekend.
"""


def test_a_count_the_article_says_is_not_known_is_not_guessed(tmp_path: Path) -> None:
    with _one_article(tmp_path, "taps.txt", TAINTED_TAPS) as engine:
        # "three nearby villages" counts no people, and no other number in the lede stands for the sick: the
        # article says their number was not given
        answer = engine.ask("How many people in Arlo got sick from the tainted water?")
        assert answer.abstained, answer.text
    q = analyse("how many people were hurt")
    assert slot_spans(q, "The storm hit two villages and injured 40 people.") == [(39, 41)]
    assert slot_spans(q, "Two villagers were hurt.")  # a word for people counts, whatever its stem shares


def test_two_accounts_each_introduced_by_according_to_are_a_comparison() -> None:
    q = analyse("How much have rents risen according to the tenants union and according to the landlords?")
    assert q.kind == "comparison" and q.sides == ("tenants union", "landlords")


DATELINE_ONLY = """Orvik council approves new library

ORVIK, June 2 - The Orvik town council approved plans for a new public library on Tuesday, with building work \
due to start in the autumn.

The library will cost 14 million crowns and hold 90,000 books, the council's planning chief, Greta Lund, said.
"""


def test_a_question_that_meets_only_a_datelines_name_is_not_answered(tmp_path: Path) -> None:
    with _one_article(tmp_path, "library.txt", DATELINE_ONLY) as engine:
        # "Orvik" is the only word of the question any article has
        assert engine.ask("who coaches the orvik football club").abstained
        assert engine.ask("orvik ferry timetable").abstained
        # words the article has are still asked of it
        assert engine.ask("who is the planning chief of the orvik council").short == "Greta Lund"


TAINTED_CREAM = """Sprinter Vela suspended after failed test

LORRO, April 4 - Sprinter Ines Vela has been suspended after a banned steroid was found in her sample, the \
athletics federation said.

In a statement released through her lawyer, Tomas Brisk, she said a skin cream she had bought abroad might have \
been tainted.

Her coach, the former champion Ruth Okafor, said Vela would fight the ban.
"""


def test_the_name_of_a_thing_is_no_persons_name(tmp_path: Path) -> None:
    with _one_article(tmp_path, "vela.txt", TAINTED_CREAM) as engine:
        # the lawyer's name stands in the sentence on the cream; the cream's name is not given
        answer = engine.ask("What was the name of the cream Vela says was tainted?")
        assert answer.abstained, answer.text
        assert analyse("What was the name of the cream Vela says was tainted?").focus == ("cream",)
        # a person asked by a name of their role is still named
        assert engine.ask("What is the name of Vela's coach?").short == "Ruth Okafor"


def test_a_longer_search_box_query_asking_a_name_names_the_role(tmp_path: Path) -> None:
    with _one_article(tmp_path, "vela.txt", TAINTED_CREAM) as engine:
        assert engine.ask("sprinter coach name lorro steroid case").short == "Ruth Okafor"


JAIL_TERM = """Court frees Brannock after arson verdict quashed

BRANNOCK, Nov. 2 - An appeals court on Friday quashed the arson conviction of a man who has spent more than two \
years in prison for a barn fire.

Piet Laros, 41, was convicted in 2022 of setting the fire and was sentenced to seven years.
"""


def test_a_prison_term_is_the_sentence_handed_not_the_time_served(tmp_path: Path) -> None:
    with _one_article(tmp_path, "barn.txt", JAIL_TERM) as engine:
        assert engine.ask("What prison term was the man in the barn arson case originally handed?").short \
            == "seven years"


PLANT_CLOSING = """Kessel brewer to close Arnby plant

ARNBY, Feb. 9 - The Kessel brewing group said on Monday it would close its Arnby plant, cutting 140 jobs, in its \
second round of closures in four years.

Its chief executive, Mara Holt, told staff the decision had been "the hardest of my career."

The town council said it would set up a fund to help the workers find new jobs.

The group blamed falling beer sales and a sharp rise in the cost of barley.
"""


def test_a_cause_named_a_few_paragraphs_after_the_lede_is_the_reason(tmp_path: Path) -> None:
    with _one_article(tmp_path, "brewer.txt", PLANT_CLOSING) as engine:
        answer = engine.ask("Why is Kessel closing the Arnby plant?")
        # the blame three sentences on, not the council's purpose ("to help the workers") nor the quote
        assert "falling beer sales" in answer.text and "to help" not in answer.text, answer.text


APPEAL_GROUNDS = """Court quashes Holm theft conviction

HOLM, March 3 - An appeals court on Friday quashed the theft conviction of Ivo Sand, a warehouse clerk from Holm.

Sand, 29, was convicted in 2021 of stealing machine parts and was sentenced to four years.

The court found that prosecutors had failed to share camera footage showing Sand at home that night.

Sand, who was freed on Friday, thanked his family outside the court.

His lawyer, Petra Moen, said he would seek damages.

The judges said the trial had been "deeply flawed."

The appeal was brought on three grounds: the missing camera footage, the unreliable stock count, and the judge's \
remarks to the jury.
"""


def test_what_were_the_three_things_is_a_series_found_by_its_noun(tmp_path: Path) -> None:
    with _one_article(tmp_path, "holm.txt", APPEAL_GROUNDS) as engine:
        answer = engine.ask("what were the three grounds of appeal in the sand case")
        assert "unreliable stock count" in (answer.short or ""), answer.text
    assert analyse("what were the three grounds of appeal").subkind == "things"


BRIDGE_STRUCK = """Ship hits Varn bridge

VARN, May 4 - A cargo ship struck the Varn bridge on Monday night, forcing the city to close it to traffic, the port \
authority said.

Engineers were inspecting the bridge's main pier on Tuesday.

In 2016, a barge struck the same bridge, injuring four people.
"""

TWO_JOB_COUNTS = """Orlen Foods to cut jobs

ORLEN, Sept. 2 - Orlen Foods, the bread maker, said on Tuesday it would lay off 220 workers at its two bakeries.

In March 2021, Orlen cut 60 jobs after a merger fell through.

The bakers' union said about 300 people would lose their jobs once agency staff were counted.
"""


def test_a_past_event_told_in_its_own_sentence_gives_no_detail_of_the_asked_one(tmp_path: Path) -> None:
    with _one_article(tmp_path, "varn.txt", BRIDGE_STRUCK) as engine:
        # "In 2016, a barge struck the same bridge, injuring four people" is another strike
        assert engine.ask("How many people were injured when the ship struck the Varn bridge?").abstained
    (tmp_path / "jobs").mkdir()
    with _one_article(tmp_path / "jobs", "orlen.txt", TWO_JOB_COUNTS) as engine:
        answer = engine.ask("orlen vs the bakers union: how many people are losing their jobs")
        assert "220" in answer.text and "300" in answer.text and "60 jobs" not in answer.text, answer.text


SIREN_TEST = """Flood sirens sound in Marl

MARL, Oct. 8 - Flood sirens sounded across Marl on Sunday as the river rose above its banks.

After the 2019 floods, an inquiry found that the old alarms had reached fewer than half of homes, and the town \
spent 2 million crowns on a new flood siren network.

That network worked this time, the mayor said, and was heard in 94 percent of homes.
"""


def test_a_yes_no_question_is_settled_by_the_next_paragraph_that_carries_on(tmp_path: Path) -> None:
    with _one_article(tmp_path, "sirens.txt", SIREN_TEST) as engine:
        answer = engine.ask("Did the town's new flood siren network work this time?")
        assert "94 percent" in answer.text, answer.text


GUILD_COUNT = """Orlen Foods to lay off bakery staff

ORLEN, Sept. 2 - Orlen Foods, the bread maker, said on Tuesday it would lay off 220 workers at its two bakeries.

The Orlen Bakers Guild, which represents most of the bakery staff, disputed the company's figure.

Ida Brun, the guild's organiser, said about 300 jobs would go once agency staff were counted.
"""


def test_a_comparison_side_whose_figure_is_told_under_its_head_noun(tmp_path: Path) -> None:
    with _one_article(tmp_path, "guild.txt", GUILD_COUNT) as engine:
        answer = engine.ask("how many jobs are going according to orlen foods versus the bakers guild")
        assert "220" in answer.text and "300" in answer.text, answer.text


RACE_BAN = """Jockey Dale Hurst charged over race-fixing

KELSO, June 9 - Jockey Dale Hurst has been charged with passing inside information to gamblers, the racing \
authority said on Monday.

The 31-year-old rider faces a racing ban of up to three years if the charge is proven.

Hurst, who rode two winners at the spring festival, denied the charge through his agent.
"""


def test_a_length_of_time_asked_in_other_words(tmp_path: Path) -> None:
    with _one_article(tmp_path, "jockey.txt", RACE_BAN) as engine:
        # "barred from competing" for "a racing ban": no word in common, one length of time, close in meaning
        assert engine.ask("How long could the horseman be barred from competing?").short == "three years"


WAREHOUSE_FIRE = """Fire guts Dunmore furniture warehouse

DUNMORE, May 4 - A fire destroyed a furniture warehouse on the Dunmore ring road on Sunday night, and three \
firefighters were treated for smoke inhalation, the fire service said.

About 70 firefighters fought the blaze for six hours. The cause has not been determined.

Officials said hundreds of nearby homes were covered in soot but have not yet given an exact count.

The owner, Kessel Living, has not announced what will happen to its 80 staff.

Shops in the town were hit by a string of arson attacks last year. No group has claimed responsibility for \
the attacks. Analyst Mira Holt of the consultancy Brannock Risk said such attacks were often carried out by \
local gangs.
"""


def test_a_detail_said_to_be_not_given_yet_abstains(tmp_path: Path) -> None:
    with _one_article(tmp_path, "fire.txt", WAREHOUSE_FIRE) as engine:
        # "has not announced what will happen to …", "have not yet given an exact count" (beside a vague
        # "hundreds"), "The cause has not been determined"
        assert engine.ask("What will happen to the Kessel Living staff after the fire?").abstained
        assert engine.ask("How many homes were covered in soot by the Dunmore warehouse fire?").abstained
        assert engine.ask("What caused the fire at the Dunmore furniture warehouse?").abstained
        # … and the details it does give are still answered
        assert engine.ask("How many firefighters were treated for smoke inhalation?").short == "three"
        assert "six hours" in engine.ask("How long did firefighters fight the Dunmore warehouse blaze?").text


BREWERY_DEAL = """Halden and Tarn brewers agree deal, face review

HALDEN, Oct. 2 - Halden Brewing has agreed to buy rival Tarn Ales in a cash deal that values Tarn at 410 million \
crowns, the companies said on Thursday. The combined group will have 1,200 staff and eleven breweries.

Police said on Friday they had arrested two men over a break-in at Tarn's depot last month, but did not name \
the suspects. The men were caught with 300 stolen kegs, police said.

The buyer expects yearly savings of 30 million crowns by 2028. They did not disclose the fees being paid to \
their bankers.
"""


def test_names_or_a_sum_kept_back_in_the_event_s_sentence_abstain(tmp_path: Path) -> None:
    with _one_article(tmp_path, "tarn.txt", BREWERY_DEAL) as engine:
        # "did not disclose the fees being paid to their bankers" covers more of the asked than the deal's value
        assert engine.ask("How much are Halden Brewing and Tarn Ales paying their bankers?").abstained
        # "arrested two men … but did not name the suspects": a name hedge, not "the suspects" alone
        assert engine.ask("What are the names of the two men arrested over the Tarn depot break-in?").abstained
        assert engine.ask("How much is the Tarn deal worth?").short == "410 million crowns"


HOSTAGE_FREED = """Kidnapped hiker freed in Osk hills

TALVEN, May 2 - A hiker who was abducted in the Osk hills last week has been freed, police said on Monday.

Mira Lund, a teacher from Grenlow, was seized on April 24 while walking alone on a forest trail.

She was found on Sunday near the village of Brask, where a farmer took her to the police post.

Interior Minister Osric Banel told reporters the release followed talks conducted through village elders.
"""


def test_how_according_to_a_speaker_is_explained_from_the_sentence_where_that_speaker_speaks(tmp_path: Path) -> None:
    with _one_article(tmp_path, "hiker.txt", HOSTAGE_FREED) as engine:
        answer = engine.ask("How was Mira Lund's release achieved, according to the interior minister?")
        # the minister's sentence leads, not the one on the kidnapping that ranks above it
        assert answer.text.startswith("Interior Minister Osric Banel told reporters"), answer.text


SCHOOLS_SHUT = """Marl board votes to close three schools

MARL, Jan. 9 - The Marl school board voted 6-1 on Wednesday to close three primary schools in June.

Superintendent Hanna Boel, 51, blamed a falling birth rate and rising rents that push families out of town. \
"We are heating buildings for children who are no longer here," she said. "Every empty classroom takes money \
from teaching."

Parents at one of the schools said they would appeal.
"""


def test_what_a_speaker_said_about_a_topic_is_found_in_the_quote_they_go_on_with(tmp_path: Path) -> None:
    with _one_article(tmp_path, "marl.txt", SCHOOLS_SHUT) as engine:
        answer = engine.ask("What did Superintendent Hanna Boel say about empty classrooms?")
        # the quote two sentences on, after the sentence naming her
        assert "takes money from teaching" in answer.text and "Hanna Boel" in answer.text, answer.text


LISK_ESTATE = """Quake shakes Dorvan province

DORVAN, May 2 - A strong quake struck Dorvan province early on Sunday, damaging about 300 homes in the hill \
villages east of the capital.

The tremor was felt as far away as the coast.

Tenants at the Lisk housing estate said the magnate who owns it, Arvid Holm, had refused to pay for repairs.
"""


def test_a_word_the_articles_write_otherwise_is_met_by_its_synonym(tmp_path: Path) -> None:
    with _one_article(tmp_path, "dorvan.txt", LISK_ESTATE) as engine:
        answer = engine.ask("what did the tycoon refuse")
        # WordNet: a "tycoon" is a "magnate"; without it the question's one event word is met nowhere
        assert not answer.abstained and "refused to pay for repairs" in answer.text, answer.text


def test_an_age_asked_of_someone_comes_from_their_article_not_a_bystander_s_in_another(tmp_path: Path) -> None:
    # development L's seven made-up articles: the owner's age is in the stadium article, a parent's in another
    with _set_articles(tmp_path, "dev_l") as engine:
        answer = engine.ask("What age is the tycoon who owns the football team getting a new arena?")
        # not "Luis Carvalho, 38,": a sentence giving an age meets "age" by that alone, so it must be the best's article's
        assert answer.short == "67", answer.text


TARNOW_ROOF = """Sports hall roof caves in at Tarnow school

TARNOW, Jan. 12 (Valley Wire) - The roof of the sports hall at Tarnow Grammar School caved in early on \
Sunday, crushing two rows of seating and forcing the closure of the school for the week, the district \
council said.

The roof fell in at about 5:15 a.m., when a caretaker heard what he called "a crack like a rifle shot."

No one was in the building at the time. Police have closed Mill Road outside the school and diverted the \
number 4 bus.

The hall was built in 1974 and was last inspected in 2019, the council said.

Parents were told by text message on Sunday morning that classes would move to the town library on \
Monday.

Council engineers said the most likely cause was meltwater that had been pooling on the flat roof for \
days, slowly soaking the timber beams beneath it.

Head teacher Agnes Morrow said pupils would return "as soon as it is safe."
"""


def test_a_lede_s_cause_named_as_such_paragraphs_further_down_is_the_reason(tmp_path: Path) -> None:
    with _one_article(tmp_path, "roof.txt", TARNOW_ROOF) as engine:
        answer = engine.ask("why did the tarnow sports hall roof collapse")
        # not the sentence after the lede (when it fell), but "the most likely cause was …", five on
        assert "most likely cause was meltwater" in answer.text, answer.text


ELM_STREET_LIBRARY = """Council to shut three libraries

MARLOW, Feb. 6 - Marlow council voted on Wednesday to close three of its nine libraries to save 2 million \
crowns a year.

The Elm Street library, a Victorian building opened in 1890, is a listed building, and the council has not \
said what will happen to it.

Campaigners said they would keep fighting the closures.
"""

KELL_PLANT = """Kell power station to close in 2028

KELL, May 8 - The Kell power station, the region's last coal plant, will close by 2028, its owner said on Thursday.

The plant, which opened in 1975, employs 400 people.
"""


def test_a_comparison_is_not_refused_for_a_detail_one_side_s_sentence_holds_back(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "plant.txt").write_text(KELL_PLANT, encoding="utf-8")
    with _one_article(tmp_path, "library.txt", ELM_STREET_LIBRARY) as engine:
        answer = engine.ask("Which is older, the Kell power station or the Elm Street library?")
        # "has not said what will happen to it" keeps back the library's future, not its age
        assert not answer.abstained and "opened in 1890" in answer.text, answer.text


def test_a_time_asked_in_other_words_comes_from_the_sentence_after_the_lede(tmp_path: Path) -> None:
    # development M's seven made-up articles: "A sinkhole … opened on Marlow Street early on Tuesday …", then
    # "The ground gave way at about 4:40 a.m."; a later sentence on "the collapse" ranks first
    with _set_articles(tmp_path, "dev_m") as engine:
        answer = engine.ask("At what hour did the road collapse in Brackenford?")
        assert answer.short == "4:40 a.m.", answer.text


TIDE_MILL = """Harwell tide mill to close for repairs

HARWELL — The Harwell tide mill, the town's best-known landmark, will close to visitors next month and reopen \
by 2031 after repairs to its sluice gates, its trustees said on Friday.

The mill, which was built in 1742, ground flour for the surrounding farms until 1950. Trustees said the repairs \
would cost about 2 million pounds.
"""

LIGHTHOUSE = """Corran lighthouse gets new keepers' museum

CORRAN — The Corran lighthouse will house a small museum on the lives of its keepers from the spring, the \
maritime trust that owns it said on Tuesday, after a grant of 300,000 pounds.

The tower was opened in 1811 and was run by resident keepers until it was automated in 1988.
"""


COUNCIL_SESSION = """Ardley council adopts new parking plan

ARDLEY — The council of Ardley adopted a new parking plan on Wednesday night, ending three years of argument \
over charges in the town centre.

Councillors voted 9 to 8 after a meeting that lasted nearly seven hours. The plan doubles the number of \
residents' permits.
"""

CUP_TIE = """Selby Town knocked out of the county cup on penalties

SELBY — Selby Town lost to Ormston United on penalties on Saturday in the county cup's third round.

The tie went on for almost four hours, counting a long stoppage for a floodlight failure, before Ormston \
scored their fifth penalty.
"""


STATION_FIRE = """Smoke clears Harbour Road station

PORTLOW — A fire in a cable duct filled Harbour Road station with smoke on Monday morning, forcing about 900 \
passengers to leave the platforms, the transit authority said.
"""

SCHOOL_MOVE = """Pupils moved after roof fault at Elmstead school

ELMSTEAD — About 420 pupils at Elmstead Primary will be taught in the town library for a month after engineers \
found a fault in the school's roof, the education board said on Wednesday.
"""


@pytest.mark.parametrize(
    ("first", "second", "question", "shown"),
    [
        # "which is older": each side's sentence giving when it was built, not its lede's coming date (2031)
        (("mill.txt", TIDE_MILL), ("lighthouse.txt", LIGHTHOUSE),
         "Which is older, the Harwell tide mill or the Corran lighthouse?", ["built in 1742", "opened in 1811"]),
        # each side's own duration; "ending three years of argument" is a period before the vote, not its length
        (("parking.txt", COUNCIL_SESSION), ("cup.txt", CUP_TIE),
         "Which lasted longer, the Ardley council meeting or the Selby Town cup tie?",
         ["nearly seven hours", "almost four hours"]),
        # "were more A than B": a comparison of two counts, each from its own article
        (("station.txt", STATION_FIRE), ("school.txt", SCHOOL_MOVE),
         "Were more passengers evacuated from Harbour Road station than pupils moved in Elmstead?",
         ["about 900", "About 420 pupils"]),
    ],
    ids=["older", "lasted-longer", "were-more-than"],
)
def test_a_comparison_shows_each_sides_measure_of_the_thing_compared(
        tmp_path: Path, first: tuple[str, str], second: tuple[str, str], question: str, shown: list[str]) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / first[0]).write_text(first[1], encoding="utf-8")
    with _one_article(tmp_path, *second) as engine:
        text = engine.ask(question).text
        assert all(phrase in text for phrase in shown), text


ORRIN_FIRE = """Fire guts Orrin Street warehouse

ORRINGTON — A fire gutted a furniture warehouse on Orrin Street in Orrington early on Sunday, sending a column of \
smoke over the town centre and closing the ring road for most of the morning, the fire service said.

Nine people were treated at the scene, and two were taken to hospital with burns. The cause is being investigated.
"""


def test_a_yes_no_question_is_settled_by_the_sentence_holding_what_is_asked_not_the_lede(tmp_path: Path) -> None:
    with _one_article(tmp_path, "warehouse.txt", ORRIN_FIRE) as engine:
        # the lede tells the fire; "two were taken to hospital" tells what is asked of it
        answer = engine.ask("Was anyone taken to hospital after the Orrin Street warehouse fire?")
        assert "two were taken to hospital" in answer.text, answer.text


def test_was_it_passed_is_not_led_yes_when_the_next_sentence_says_it_was_voted_down(tmp_path: Path) -> None:
    with _set_articles(tmp_path, "dev_n") as engine:
        # "had proposed an amendment …" restates the question; "It was defeated by 15 votes to 10" settles it
        answer = engine.ask("Was Paulo Venn's amendment to raise the affordable share to 40 per cent passed?")
        assert "defeated by 15 votes to 10" in answer.text and answer.short != "Yes", answer.text


def test_a_role_whose_holder_is_kept_back_is_a_near_miss_not_another_name(tmp_path: Path) -> None:
    with _set_articles(tmp_path, "dev_n") as engine:
        # "Police detained the ferry's captain … but did not release his name": not the operator, nor the
        # captain leading the search
        answer = engine.ask("What is the name of the captain of the MV Saint Alder?")
        assert answer.abstained, answer.text


QUARRY = """Quarry plan draws protest

MERRICK — Residents of the villages of Arnholt, Besk and Cold Harbour, who rely on wells near the planned \
Merrick quarry for their drinking water, protested outside the county offices on Monday.

The county will decide on the quarry in June.
"""


def test_a_counted_plural_asks_a_list_whatever_word_follows_it(tmp_path: Path) -> None:
    with _one_article(tmp_path, "quarry.txt", QUARRY) as engine:
        # "which three villages near …": each village, not the first one alone
        answer = engine.ask("Which three villages near the planned Merrick quarry rely on wells?")
        assert all(village in (answer.short or "") for village in ("Arnholt", "Besk", "Cold Harbour")), answer.text


def test_a_share_asked_in_other_words_comes_from_the_one_sentence_giving_a_share(tmp_path: Path) -> None:
    with _set_articles(tmp_path, "dev_g") as engine:
        # "central government funding" for "The national government is paying 60 percent of the cost": the one
        # sentence near the event giving a share, though it holds little of the event's words
        answer = engine.ask("What proportion of the Bellhaven flood project is the central government funding?")
        assert answer.short == "60 percent", answer.text


@pytest.mark.parametrize(("name", "question", "shown"), [
    # every sentence of the museum's story holds "Gradara" and "museum"; "flooding" is what picks the one answering
    ("dev_g", "How was the Gradara museum building protected against future flooding?", "raised the ground floor"),
    # "Brightwell" and "breach" run through the whole story; "waited" and "delay" pin the reason
    ("dev_l", "Why did Brightwell wait before telling customers about the breach?", "understand the scope of the breach"),
    ("dev_g", "What redundancy package will departing Velta employees receive?", "16 weeks of pay"),
])
def test_a_word_every_sentence_of_the_article_holds_does_not_choose_among_them(
        tmp_path: Path, name: str, question: str, shown: str) -> None:
    with _set_articles(tmp_path, name) as engine:
        answer = engine.ask(question)
        assert shown in answer.text, answer.text


def test_a_place_from_a_sentence_on_the_articles_other_matters_is_not_the_asked_events(tmp_path: Path) -> None:
    with _set_articles(tmp_path, "dev_m") as engine:
        # "a lone wolf that was shot illegally near Strell": the wolves run through the story, the den is never told
        answer = engine.ask("Where exactly is the Vellmoor wolf pack's den?")
        assert answer.abstained, answer.text


PORTMERE_FARES = """Portmere ferry fares rise to 4 euros

PORTMERE — Commuters crossing the harbour will pay 4 euros a trip from June 1, up from 3.20 euros, after \
Tidewater Lines said on Monday that fuel and crew costs had risen for a third year.

Season tickets will cost 90 euros a month. Passengers' groups said the rise would hit commuters hardest.
"""


def test_a_search_box_question_is_answered_by_the_body_not_by_the_headline_alone(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "ferry.txt", PORTMERE_FARES) as engine:
        # the headline is closest to "portmere ferry fares"; the body says from when, from what, and why
        answer = engine.ask("portmere ferry fares")
        assert answer.citations[0].quote.startswith("PORTMERE — Commuters"), answer.text
        assert "up from 3.20 euros" in answer.text, answer.text


def test_which_things_now_do_something_is_a_list_of_the_doings_the_article_names(tmp_path: Path) -> None:
    with _set_articles(tmp_path, "dev_n") as engine:
        # "Fines for watering gardens, filling swimming pools or washing cars with a hose were raised to 600 euros"
        answer = engine.ask("Which activities now carry a 600-euro fine in Valdera?")
        assert answer.short == "watering gardens, filling swimming pools, washing cars", answer.text


PORTMERE_OPERATOR = PORTMERE_FARES.replace(
    "Season tickets", "Tidewater Lines chief executive Mara Quill said the company had held fares for three years. "
    "Season tickets")


def test_an_abbreviation_no_article_uses_is_there_when_its_words_are(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "ferry.txt", PORTMERE_OPERATOR) as engine:
        # no article writes "CEO": "chief executive" is it, so the question is not off the articles' topics
        answer = engine.ask("Who is the CEO of Tidewater Lines?")
        assert answer.short == "Mara Quill", answer.text


DELBY_CRANE = """Crane topples onto Delby Road

DELBY — A construction crane toppled onto Delby Road in the town centre early on Friday, crushing a delivery van \
and closing the road to traffic for the whole day, the borough council said.

No one was hurt. The crane came down at about 5:15 a.m., when the site was still empty, a council spokesman said.

Engineers are checking the crane's foundations.
"""


def test_a_short_sentence_of_common_words_is_evidence_and_an_aside_in_the_telling(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "crane.txt", DELBY_CRANE) as engine:
        # "No one was hurt." holds one content word, yet it settles the question
        hurt = engine.ask("Was anyone injured when the crane toppled onto Delby Road?")
        assert hurt.citations[0].quote == "No one was hurt.", hurt.text
        # … and, standing after the lede, it does not hide the detail told after it
        when = engine.ask("At what time did the crane topple onto Delby Road?")
        assert when.short == "5:15 a.m.", when.text


def test_a_side_is_met_by_the_company_its_paragraph_names(tmp_path: Path) -> None:
    with _set_articles(tmp_path, "dev_i") as engine:
        # "Brantwell disputes the figure. … The company says it is owed 14.2 million crowns …": "the company" is
        # Brantwell, named at the paragraph's head
        answer = engine.ask("How much does Brantwell say it is owed for the extra work, and how much does the port "
                            "authority say is due at most?")
        assert answer.text.startswith("Brantwell: The company says it is owed 14.2 million crowns"), answer.text


HARBOUR_CHAIR = """Harbour board chair resigns

PORTMERE — Nadia Stellan resigned as chair of the Portmere harbour board on Monday, ending six years in the post.

Stellan, 61, announced her decision at a short meeting of the board and left without taking questions. An \
independent audit published last week had found that she steered dredging work worth 9 million euros to a firm \
owned by her cousin.

The board will choose a new chair in March.
"""


def test_why_someone_resigned_is_what_an_inquiry_had_found(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "harbour.txt", HARBOUR_CHAIR) as engine:
        # the lede restates the resignation; the audit's finding, two sentences on, is why
        answer = engine.ask("Why did Nadia Stellan resign as chair of the harbour board?")
        assert "had found that she steered dredging work" in answer.text, answer.text


TIDEWATER_BID = """Tidewater Lines rejects takeover bid

PORTMERE — Tidewater Lines rejected a takeover bid from the rival ferry operator Harrow Sea on Monday, saying \
the offer of 3.10 euros a share undervalued the company.

Tidewater's second-largest shareholder, the pension fund Merrow Capital, said it would support the board.
"""


def test_who_is_the_largest_is_not_answered_by_the_second_largest(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "bid.txt", TIDEWATER_BID) as engine:
        # the article names only the second-largest shareholder: the largest is a detail it never gives
        answer = engine.ask("Who is Tidewater Lines' largest shareholder?")
        assert answer.abstained, answer.text


HARROW_OFFER = """Harrow Sea bids for Tidewater Lines

PORTMERE — The ferry operator Harrow Sea on Monday offered 3.10 euros a share for its rival Tidewater Lines, \
valuing the company at 410 million euros.

Tidewater's board rejected the approach within hours, saying the offer undervalued its routes.

Harrow Sea has 28 days to make a firm offer or walk away.
"""


def test_did_they_accept_is_settled_by_they_rejected_and_not_led_yes(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "bid.txt", HARROW_OFFER) as engine:
        # "rejected" is the asked "accept" the other way round: it settles the question, and no "Yes" leads it
        answer = engine.ask("Did the Tidewater board accept the Harrow Sea offer?")
        assert "rejected the approach" in answer.citations[0].quote and answer.short != "Yes", answer.text


@pytest.mark.parametrize(("name", "question", "shown"), [
    # the series the asked doing leads into ("The union is demanding …"), not a series in a sentence on other things;
    # its second item goes on through "from age 58"
    ("dev_m", "What three things is the Energy and Mining Workers' Union demanding for Dornach workers?",
     "early retirement from age 58"),
    # "dwellings" is the articles' "homes": a sentence counting homes tells of the asked event
    ("dev_i", "How many dwellings could the sea-based generating scheme keep lit?", "about 600,000"),
    # "flee" is "evacuated" here: the sentence nearest the best that is closest in meaning holds the count
    ("dev_h", "How many people had to flee because of the toxic gas release?", "6,200"),
    # "stock price fall" is the article's "Shares dropped": not the earlier round of job cuts beside the announcement
    ("dev_g", "By how much did Velta's stock price fall after the announcement?", "17 percent"),
    # "amount" names the asked figure, not the event: "the penalty amounted to …" is no better a sentence for it
    ("dev_i", "bank fine amount", "67 million crowns"),
    # a search box naming the sum only by what it is: the fine the appeal left, not a sentence on a further appeal
    ("dev_h", "lumora fine after appeal", "310 million kronor"),
])
def test_a_list_or_count_asked_in_other_words_is_answered(tmp_path: Path, name: str, question: str,
                                                          shown: str) -> None:
    with _set_articles(tmp_path, name) as engine:
        answer = engine.ask(question)
        assert answer.short is not None and shown in answer.short, answer.text



LISVIK_FARES = """Lisvik bus fares go up in May

LISVIK — Bus passengers in Lisvik face the first fare increase in four years. The adult single fare will rise to \
2.40 euros from 2.10 euros on May 1.

Monthly passes will stay at 55 euros.
"""


def test_a_new_price_is_the_one_a_change_will_bring(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "fares.txt", LISVIK_FARES) as engine:
        # "will rise to 2.40 euros" is no forecast the question did not ask: "new" asks the price to come
        answer = engine.ask("lisvik adult bus fare new price")
        assert answer.short == "2.40 euros", answer.text


TIDEWATER_PROFIT = """Tidewater Lines warns on profit

PORTMERE — Tidewater Lines said on Tuesday that its profit this year would be about half of last year's, after \
fuel costs rose and fewer tourists crossed to the islands.

Shares dropped 9 percent in early trading. The warning follows 120 job cuts at Tidewater in March, when the \
company closed its booking office in Lisvik.
"""


@pytest.mark.parametrize("question", ["what percent did tidewater stock fall", "tidewater stock fall percent"])
def test_a_stock_that_fell_is_met_by_shares_that_dropped(tmp_path: Path, question: str) -> None:
    with _beside_corpus_b(tmp_path, "profit.txt", TIDEWATER_PROFIT) as engine:
        # "stock" and "fall" are the article's "Shares" and "dropped", and "percent" asks a percentage: the
        # sentence giving the move gives the figure, not the lede on the warning
        answer = engine.ask(question)
        assert answer.short == "9 percent", answer.text


PORTMERE_SWIM = """Lind wins Portmere harbour swim

PORTMERE — Anna Lind won the Portmere harbour swim on Sunday, finishing the 3-kilometre course in 41 minutes, \
a minute ahead of last year's winner, Petra Holm.

About 400 swimmers took part. The race raised 12,000 euros for the town's lifeboat station.
"""


def test_who_won_is_not_answered_by_whoever_won_something_else(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "swim.txt", PORTMERE_SWIM) as engine:
        # the sentence shares only the asked deed ("won") and the town's name: the election is in no article
        assert engine.ask("Who won the Portmere mayoral election?").abstained
        assert engine.ask("Who won the Portmere harbour swim?").short == "Anna Lind"


@pytest.mark.parametrize(("name", "question"), [
    ("dev_j", "Who won the women's edition of the Tour of the Vessary Coast?"),
    ("dev_m", "Who won the mayoral election in Port Ellery?"),
    # "which company is building …": "a Victorian building" shares only the deed's word
    ("dev_m", "Which company is building the new tram line in Marrington?"),
    ("dev_h", "Which airline is launching direct flights between Castelmar and Korvan?"),
])
def test_who_won_an_event_no_article_tells_abstains(tmp_path: Path, name: str, question: str) -> None:
    with _set_articles(tmp_path, name) as engine:
        answer = engine.ask(question)
        assert answer.abstained, answer.text


LISVIK_CENSUS = """Census shows Lisvik shrinking

LISVIK — Lisvik's population has fallen to 412,000, down 3.2 percent in a decade, according to census results \
published on Monday.

The fertility rate fell to 1.4 children per woman, from 1.6 in 2014. Housing prices rose 11 percent over the same \
period.
"""


def test_a_rate_is_a_percentage_or_a_rate_per_head_of_the_asked_kind(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "census.txt", LISVIK_CENSUS) as engine:
        # "rate" names the figure asked, not the event: the fertility rate is no answer to the unemployment rate
        assert engine.ask("What is Lisvik's unemployment rate?").abstained
        assert engine.ask("What is Lisvik's fertility rate?").short == "1.4 children per woman"


def test_what_she_said_about_where_people_sleep_is_her_quote(tmp_path: Path) -> None:
    with _set_articles(tmp_path, "dev_h") as engine:
        # the follow-up asks what the director said, not a place: her quote goes on in the next sentence
        answer = engine.chat("what did she say about where people were sleeping?",
                             ["Who runs the Tarsk Red Crescent Society?"])
        assert "sleeping in their cars" in answer.text, answer.text


PORTMERE_LIFT = """Twelve trapped in Portmere tower lift

PORTMERE — Twelve office workers were trapped for two hours on Monday when a lift stopped between floors of the \
Harbour Tower, the building's managers said.

The lift had been serviced in March. Building managers said engineers would inspect all six lifts in the tower.

Firefighters freed the workers by cutting through a service panel on the seventh floor, a fire service spokesman \
said. None of the workers was hurt.
"""


def test_how_a_ledes_event_happened_is_told_further_down(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "lift.txt", PORTMERE_LIFT) as engine:
        # the lede tells the event; how the workers got out is in a later paragraph, not the sentence after it
        answer = engine.ask("How did the workers get out of the stuck Harbour Tower lift?")
        assert "cutting through a service panel" in answer.text, answer.text


DELBY_FARES = """Delby fares row: passengers and operator at odds

DELBY — Bus fares in Delby have risen 31 percent since 2022, the Delby Passengers' Council says.

The Harrow Bus Company puts the increase at 12 percent.

The operator will review its timetable in the spring. In 2019, the operator cut student fares by 5 percent.

Councillors will debate the fares next month.
"""


def test_a_side_named_otherwise_gives_its_figure(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "fares.txt", DELBY_FARES) as engine:
        # "the operator" is the article's "Harrow Bus Company" where its figure is given; the sentences naming
        # the operator give no figure of the rise (a timetable, a past cut)
        answer = engine.ask("How much have Delby bus fares risen according to the passengers' council and "
                            "according to the operator?")
        assert "31 percent" in answer.text and "12 percent" in answer.text, answer.text
        assert "5 percent" not in answer.text, answer.text


KESTREL_RIDER = """Kestrel rider crashes out of Delmar Tour

DELMAR — Anton Rask of Team Kestrel abandoned the Delmar Tour on Friday after crashing on a wet descent, and was taken to hospital with a suspected broken wrist.

His team said it did not yet know whether he would need an operation.

The stage was won by Lukas Berg, who now leads the race by 14 seconds.
"""


@pytest.mark.parametrize(("question", "abstains"), [
    ("Will Anton Rask need an operation on his wrist?", True),
    # a question on what was said is answered by what was not said
    ("Did his team say whether Anton Rask will need an operation?", False),
    ("Did Anton Rask abandon the Delmar Tour?", False),
])
def test_a_yes_no_claim_the_article_leaves_open_is_not_answered(tmp_path: Path, question: str,
                                                                 abstains: bool) -> None:
    with _beside_corpus_b(tmp_path, "rider.txt", KESTREL_RIDER) as engine:
        answer = engine.ask(question)
        assert answer.abstained == abstains, answer.text


ARNBY_LEAK = """Gas leak forces three villages out

ARNBY, May 2 - About 900 people were evacuated from three villages in the Tarn Valley on Friday after an ammonia leak at a fertiliser plant, officials said.

The county fire service ordered the evacuation of Arnby, Low Fell and Cotterside shortly after dawn.

Engineers sealed the leaking pipe by noon, and residents were allowed home in the evening.
"""


def test_a_list_the_lede_counts_is_named_in_a_run_further_down(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "leak.txt", ARNBY_LEAK) as engine:
        # the lede counts the villages ("three villages in the Tarn Valley"); their names are a run of three
        # in a sentence further down on the evacuation
        answer = engine.ask("Which villages were evacuated after the ammonia leak?")
        assert answer.short == "Arnby, Low Fell, Cotterside", answer.text


SKERRY_RESCUE = """Trawler crew rescued off Skerry Head

SKERRY, March 3 - The lifeboat Ellen Ward left Skerry harbour at 9:10 p.m. on Tuesday after the trawler Morven sent a distress call, the coastguard said.

All six crew were taken off the trawler before midnight.

A rocket attack on the Skerry fuel depot took place at about 5:30 a.m. on Sunday, the port police said.

There have been about 40 rocket attacks on the depot this year.
"""


@pytest.mark.parametrize(("question", "short"), [
    ("At what time did the lifeboat leave Skerry harbour?", "9:10 p.m."),
    # the time the lifeboat left is not when it reached the trawler, which no sentence tells
    ("At what time did the lifeboat reach the trawler?", None),
    # "hit" is the article's "attack": the time is the asked deed's
    ("What time did the rocket hit the depot?", "5:30 a.m."),
    # a whole year's count is not June's
    ("How many rockets hit the depot in June?", None),
])
def test_a_time_is_the_asked_deeds(tmp_path: Path, question: str, short: str | None) -> None:
    with _beside_corpus_b(tmp_path, "rescue.txt", SKERRY_RESCUE) as engine:
        answer = engine.ask(question)
        assert answer.short == short and answer.abstained == (short is None), answer.text


NORVEL_LICENCE = """Veltria clears new oat drink for sale

ARLOW - Veltria's food agency said on Monday it had cleared a new oat drink for sale in shops.

The drink is made by Norvel Foods Group, a company based in the town of Arlow.

"This is a proud day for our workers," said Petra Lind, the firm's director.

She said it had also applied for approval in two other countries, which she did not name.
"""


@pytest.mark.parametrize(("question", "short"), [
    # the sentence on the asked event withholds the countries; the best sentence's town is no answer
    ("In which other countries has Norvel Foods Group applied for approval?", None),
    ("Where is Norvel Foods Group based?", "Arlow"),
])
def test_a_list_its_event_withholds_is_not_answered(tmp_path: Path, question: str, short: str | None) -> None:
    with _beside_corpus_b(tmp_path, "licence.txt", NORVEL_LICENCE) as engine:
        answer = engine.ask(question)
        assert answer.short == short and answer.abstained == (short is None), answer.text


TORVE_FERRY = """Ferry Aldra Star sinks off Torve

TORVE, May 4 - The ferry Aldra Star sank off the island of Torve early on Sunday with 140 people on board, the coastguard said.

The Aldra Star was 28 years old and had passed its last inspection in March, its operator said.

The captain, Jonas Ekdal, 51, was among those rescued and was being questioned by police.

Nine people were still missing on Sunday evening.
"""


def test_a_yes_no_question_is_settled_by_the_sentence_on_its_subject(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "ferry.txt", TORVE_FERRY) as engine:
        # "captain" is a word its article uses once: that sentence settles it, not the one on the ferry's age
        answer = engine.ask("Did the captain of the Aldra Star survive?")
        assert "among those rescued" in answer.text, answer.text


ORTON_DEPOT = """Residents object to Orton bus depot

ORTON - More than 400 residents have objected to a planned bus depot on Mill Lane, the Orton council said on Monday.

The most common complaints were noise, dust and traffic, according to a council summary seen by the Orton Gazette.

The council will decide on the plan in June.
"""


def test_a_list_of_things_no_category_names_is_a_series(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "depot.txt", ORTON_DEPOT) as engine:
        # "complaints" names no kind of name (a person, a place, a firm): the answer is the series of things,
        # not the names the sentences hold ("Orton Gazette")
        answer = engine.ask("What are the most common complaints about the Orton bus depot?")
        assert answer.short == "noise, dust, traffic", answer.text



@pytest.mark.parametrize(("name", "question", "short"), [
    # "this year" is when the asked event happened, not what it is: a minister's "ferries older than 25 years"
    # tells no regatta
    ("dev_g", "Who won this year's Halvard Island sailing regatta?", None),
    # … and a sentence naming the time so too still tells the asked event ("Last year the plant ran at …")
    ("dev_m", "What fraction of its potential output did Dornach generate last year?", "38 percent"),
    # "which airline flies between": an airline's name, which no article gives (not the brother who flew there)
    ("dev_l", "Which airline flies between Grenlow and Talven?", None),
])
def test_a_time_from_now_and_a_verb_after_the_asked_noun(tmp_path: Path, name: str, question: str,
                                                         short: str | None) -> None:
    with _set_articles(tmp_path, name) as engine:
        answer = engine.ask(question)
        assert answer.short == short and answer.abstained == (short is None), answer.text


ORLA_FLOOD = """Flood leaves hundreds homeless in Orla

ORLA, March 9 - Floodwater swept through the lower town of Orla on Sunday night after the Renn river burst its banks, forcing about 900 residents from their homes, the regional government said.

A field hospital with 60 beds was set up at the town's football stadium.

Three people were taken to hospital with hypothermia, and one man was still missing on Monday.

The river peaked at 6.1 metres shortly after midnight.
"""


def test_a_count_in_other_words_in_the_closest_sentence(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "flood.txt", ORLA_FLOOD) as engine:
        # no word of the question is in the sentence that answers it ("patients" / "beds", "makeshift clinic" /
        # "field hospital", "sports ground" / "football stadium"); it is the closest in meaning, and its number
        # counts the nearest thing to the asked one
        answer = engine.ask("How many patients can the makeshift clinic at the sports ground hold?")
        assert answer.short == "60", answer.text


BRISCA_RENTS = """Brisca caps rents for older flats

BRISCA - Brisca's city council voted 9-2 on Wednesday to limit yearly rent increases to 3 percent for most apartments in the city.

The cap will take effect on March 1 and apply to buildings more than 20 years old, covering an estimated 48,000 rental units, city planners said.

Landlords said the cap would discourage repairs.
"""


def test_a_count_in_other_words_after_the_lede(tmp_path: Path) -> None:
    with _beside_corpus_b(tmp_path, "rents.txt", BRISCA_RENTS) as engine:
        # the lede names the apartments but counts none; the sentence after it counts them as "rental units"
        answer = engine.ask("How many apartments will fall under Brisca's new limit on rent hikes?")
        assert answer.short == "an estimated 48,000", answer.text


def test_how_it_was_found_is_the_sentence_closer_in_meaning_and_words(tmp_path: Path) -> None:
    with _set_articles(tmp_path, "dev_c") as engine:
        # the schedule's sentence, lifted by its neighbours, is about as relevant as the one telling the finding;
        # that one is closer to the question both in meaning and in asked words, and leads
        answer = engine.ask("How was the problem with the Kestrel-4 rocket discovered?")
        assert "routine pressure test" in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(("name", "question", "told"), [
    # the fans' "not just one bad season" holds more of the question; the manager gives his reason elsewhere
    ("dev_h", "How did Kessler explain Rovers' bad season?", "Kessler blamed injuries"),
    # … and a rider named with a clause on him before his admission
    ("dev_m", "Why did Jonas Brekke say he lost out on the Harne Pass?", "admitted he had misjudged the climb"),
])
def test_how_someone_explained_is_the_sentence_they_give_it_in(tmp_path: Path, name: str, question: str,
                                                               told: str) -> None:
    with _set_articles(tmp_path, name) as engine:
        answer = engine.ask(question)
        assert told in answer.citations[0].quote, answer.text


@pytest.mark.parametrize(("name", "question", "history", "told"), [
    ("dev_k", "How does Professor Camille Duret explain Hallstrom being overlooked for decades?", [],
     "dismissed as a regional painter"),
    ("dev_g", "What did she decline to say?", ["Who is the chief executive of Northline Sea Transport?"],
     "stern door"),
])
def test_a_sentence_grown_back_to_its_subject_starts_at_a_sentence(tmp_path: Path, name: str, question: str,
                                                                   history: list[str], told: str) -> None:
    # a sentence opening "Her"/"She" grows back to the one before it; the split that finds it must not begin
    # inside an earlier quotation, which ran that quotation on to the sentence, from the middle of a word
    with _set_articles(tmp_path, name) as engine:
        answer = engine.chat(question, history)
        assert told in answer.text, answer.text
        for citation in answer.citations:
            assert citation.quote[:1].isupper() or citation.quote[:1] in "\"“", citation.quote
            assert "\n\n" not in citation.quote, citation.quote


@pytest.mark.parametrize(("name", "question", "told"), [
    # the sentence restating the rejection tells a claim ("argument that users had agreed"), no cause; the
    # judge's words after it give the reason
    ("dev_h", "Why didn't the judges accept Lumora's claim that users had consented?", "page 38"),
    # what had to be done first ("needed to check … before trains could return") is why they could not
    ("dev_l", "Why could Green Line trains not return to service right away after the fire?", "power cables"),
    # "according to the regional government": the sentence in which that body speaks
    ("dev_n", ("How will the new golf resort near Brisca limit its use of drinking water, according to the regional "
               "government?"), "required to use recycled water"),
])
def test_a_reason_after_a_claim_a_precondition_and_a_bodys_account(tmp_path: Path, name: str, question: str,
                                                                   told: str) -> None:
    with _set_articles(tmp_path, name) as engine:
        answer = engine.ask(question)
        assert told in answer.text, answer.text


def test_a_short_sentence_carrying_on_the_one_before_settles_a_yes_no(tmp_path: Path) -> None:
    with _set_articles(tmp_path, "dev_m") as engine:
        # "… where 64 employees were working the night shift. All were evacuated.": three words, one of them a
        # content word, kept as evidence because it carries on the sentence before
        answer = engine.ask("were all the night shift workers at lustrane evacuated")
        assert "All were evacuated." in answer.citations[0].quote, answer.text
