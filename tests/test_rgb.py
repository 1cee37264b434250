"""The RGB runner: document sets as the paper builds them, the paper's scoring rule, and a real subset."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from eval.rgb import (
    DEFAULT_DATA,
    RATIOS,
    SEED,
    build_counterfactual,
    build_documents,
    build_pool,
    is_correct,
    main,
)


def record(positives: int = 6, negatives: int = 7) -> dict:
    return {
        "id": 0,
        "query": "Who won?",
        "answer": "Alice",
        "fakeanswer": "Bob",
        "positive": [f"pos {i}: Alice won." for i in range(positives)],
        "positive_wrong": [f"wrong {i}: Bob won." for i in range(positives)],
        "negative": [f"neg {i}: a race was held." for i in range(negatives)],
    }


@pytest.mark.parametrize("ratio", RATIOS)
def test_documents_have_round_5r_negatives_from_the_list_heads(ratio: float) -> None:
    rec = record()
    drawn = build_documents(rec, ratio)
    noise = [d for d in drawn.docs if d.startswith("neg")]
    assert len(drawn.docs) == 5
    assert len(noise) == drawn.negatives == round(5 * ratio)
    assert sorted(noise) == sorted(rec["negative"][: len(noise)])
    assert sorted(set(drawn.docs) - set(noise)) == sorted(rec["positive"][: 5 - len(noise)])


def test_documents_are_deterministic_for_a_seed_and_shuffled_as_the_authors_do() -> None:
    rec = record()
    first, again = build_documents(rec, 0.4), build_documents(rec, 0.4)
    assert first == again
    unshuffled = rec["positive"][:3] + rec["negative"][:2]
    authors = list(unshuffled)
    random.Random(SEED).shuffle(authors)  # evalue.py: random.seed(2333); ...; random.shuffle(docs)
    assert list(first.docs) == authors != unshuffled
    orders = {build_documents(rec, 0.4, seed=s).docs for s in range(20)}
    assert len(orders) > 1


def test_a_short_record_gives_what_exists() -> None:
    rec = record(positives=1, negatives=2)
    assert build_documents(rec, 0.0).docs == (rec["positive"][0],)
    at_one = build_documents(rec, 1.0)
    assert (at_one.positives, at_one.negatives) == (0, 2)


def test_counterfactual_uses_wrong_snippets_padded_with_negatives() -> None:
    rec = record(positives=3, negatives=7)
    drawn = build_counterfactual(rec)
    assert (drawn.positives, drawn.negatives, len(drawn.docs)) == (3, 2, 5)
    assert set(drawn.docs) == set(rec["positive_wrong"]) | set(rec["negative"][:2])
    assert build_counterfactual(record(positives=8)).negatives == 0


def test_pool_keeps_each_snippet_once() -> None:
    a, b = record(2, 2), record(2, 3)
    assert build_pool([a, b]) == a["positive"] + a["negative"] + ["neg 2: a race was held."]


def test_scoring_lower_cases_and_needs_every_required_answer() -> None:
    assert is_correct("It was held in TAMPA, Florida [1]", "Tampa, Florida")
    assert not is_correct("It was held in Tampa [1]", "Tampa, Florida")
    assert is_correct("Both Alice and Bob.", ["alice", "BOB"])
    assert not is_correct("Only Alice.", ["Alice", "Bob"])
    assert not is_correct("Anything at all.", [])


def test_scoring_accepts_any_alternative_of_a_nested_list() -> None:
    dates = [["July 21 2017", "Jul. 21, 2017", "21 July 2017"]]
    assert is_correct("Released on 21 july 2017.", dates)
    assert not is_correct("Released in July 2017.", dates)
    assert is_correct("Alice, on Jul. 21, 2017", ["alice", *dates])


def test_missing_data_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path / "nope.json")]) == 2
    assert "pass --data PATH" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(not DEFAULT_DATA.is_file(), reason=f"no RGB data at {DEFAULT_DATA}")
def test_five_real_questions_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "rgb.json"
    assert main(["--limit", "5", "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) >= {"protocol", "ratios", "rejection_at_1", "false_abstention_below_1",
                           "counterfactual", "pool", "records"}
    assert list(report["ratios"]) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
    assert all(r["n"] == 5 and 0 <= r["accuracy"] <= 1 for r in report["ratios"].values())
    assert report["ratios"]["0.0"]["accuracy"] > 0
    assert 0 <= report["rejection_at_1"] <= 1 and 0 <= report["false_abstention_below_1"] <= 1
    assert report["counterfactual"]["n"] == 5 and report["pool"] is None
    assert len(report["records"]) == 5 * (len(RATIOS) + 1)
    assert {r["id"] for r in report["records"]} == {0, 1, 2, 3, 4}
