"""The bundled question set through `citeqa eval`: the report's shape and the regression gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.report import check_thresholds, table
from eval.run import QuestionFileError, articles_of, load_questions, normalise, questions_of
from qa import Settings
from qa.cli import main

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", ["heldout.jsonl", "heldout_b.jsonl"])
def test_the_held_out_set_has_the_promised_mix(name: str) -> None:
    items = load_questions(REPO / "eval" / name)
    kinds = {kind: sum(1 for q in items if q.get("kind") == kind) for kind in
             ("natural", "why_how", "list", "yes_no", "paraphrase", "comparison", "overview", "followup",
              "near_miss", "unanswerable")}
    assert len(items) >= 80
    assert kinds["natural"] >= 12 and kinds["why_how"] >= 10 and kinds["list"] >= 8 and kinds["yes_no"] >= 8
    assert kinds["paraphrase"] >= 8 and kinds["comparison"] >= 8 and kinds["overview"] >= 4
    assert kinds["followup"] >= 6 and kinds["near_miss"] + kinds["unanswerable"] >= 16 and kinds["near_miss"] >= 10


def test_the_bundled_question_set_has_the_promised_mix() -> None:
    items = load_questions(REPO / "eval" / "questions.jsonl")
    counts = {kind: sum(1 for q in items if q["type"] == kind) for kind in
              ("factoid", "multi", "paraphrase", "followup", "unanswerable")}
    assert len(items) >= 60
    assert counts["factoid"] >= 25 and counts["multi"] >= 8 and counts["paraphrase"] >= 8
    assert counts["followup"] >= 6 and counts["unanswerable"] >= 12
    assert all(q["history"] for q in items if q["type"] == "followup")
    assert len({q["id"] for q in items}) == len(items)


@pytest.mark.parametrize("name", ["dev_c", "heldout_c", "dev_e", "dev_f", "heldout_d", "dev_g", "heldout_e", "dev_h",
                                  "heldout_f", "dev_i", "heldout_g", "dev_j", "heldout_h", "dev_k", "heldout_i",
                                  "dev_l", "heldout_j", "heldout_k", "dev_m", "heldout_l", "dev_n"])
def test_a_set_with_its_own_articles_cites_them(name: str) -> None:
    folder = REPO / "eval" / name
    items = load_questions(questions_of(folder))
    articles = {p.name: p.read_text(encoding="utf-8").lower() for p in articles_of(folder).glob("*.txt")}
    assert len(items) >= 80 and len(articles) >= 6
    for item in items:
        assert set(item["sources"]) <= set(articles), item["id"]
        assert all(any(a.lower() in articles[s] for s in item["sources"]) for a in item["answers"]), item["id"]


def test_eval_answers_a_folder_set_from_its_own_articles(tmp_path: Path) -> None:
    folder = tmp_path / "made_up"
    (folder / "corpus").mkdir(parents=True)
    (folder / "corpus" / "fair.txt").write_text(
        "Fair opens in Kellford\n\nThe Kellford spring fair opened on Friday with 40 stalls, organiser Ana Soto "
        "said.\n", encoding="utf-8")
    (folder / "questions.jsonl").write_text(json.dumps(
        {"id": "m1", "question": "how many stalls did the kellford fair open with", "answers": ["40"],
         "sources": ["fair.txt"], "type": "factoid", "history": []}) + "\n", encoding="utf-8")
    out = tmp_path / "report.json"
    assert main(["eval", "--questions", str(folder), "--data-dir", str(tmp_path / "data"), "--json", str(out)]) == 0
    record = json.loads(out.read_text())["sets"]["made_up"]["records"][0]
    assert record["correct"] and record["citations"][0]["source"] == "fair.txt"


def test_matching_ignores_case_and_punctuation() -> None:
    assert normalise("Nasr al-Shammari") in normalise("…said NASR AL SHAMMARI, the spokesman.")
    assert normalise("2,500") in normalise("about 2,500 troops")
    assert normalise("50") not in normalise("2,500 troops")


def test_a_bad_question_file_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"id": "a", "question": "q?", "answers": [], "sources": [], "type": "factoid"}\n{oops\n')
    with pytest.raises(QuestionFileError, match=r"q.jsonl:2 is not JSON"):
        load_questions(bad)


def test_thresholds_report_what_falls_short(tmp_path: Path) -> None:
    bar = tmp_path / "bar.toml"
    bar.write_text("[dev.min.overall]\nanswer_accuracy = 0.9\n[dev.max.overall]\nfalse_abstention = 0.05\n"
                   "[heldout.min.overall]\nanswer_accuracy = 0.5\n")
    failures = check_thresholds({"dev": {"overall": {"answer_accuracy": 0.8, "false_abstention": 0.1}}}, bar)
    assert failures == ["dev.overall.answer_accuracy = 0.8 is under 0.9",
                        "dev.overall.false_abstention = 0.1 is over 0.05"]
    good = {"dev": {"overall": {"answer_accuracy": 0.95, "false_abstention": 0.0}},
            "heldout": {"overall": {"answer_accuracy": 0.6}}}
    assert check_thresholds(good, bar) == []
    assert check_thresholds({"heldout": {"overall": {"answer_accuracy": 0.4}}}, bar) == [
        "heldout.overall.answer_accuracy = 0.4 is under 0.5"]


@pytest.mark.slow
def test_full_question_set_meets_the_bar(seed_settings: Settings, seed_engine, tmp_path: Path, capsys) -> None:
    out, png = tmp_path / "report.json", tmp_path / "report.png"
    code = main(["eval", "--corpus", str(seed_settings.corpus), "--data-dir", str(seed_settings.data_dir),
                 "--json", str(out), "--plot", str(png), "--check", str(REPO / "eval" / "thresholds.toml")])
    printed, errors = capsys.readouterr()
    assert code == 0, errors
    report = json.loads(out.read_text())["sets"]
    names = ("dev", "heldout", "heldout_b", "dev_c", "heldout_c", "dev_e", "dev_f", "heldout_d", "dev_g", "heldout_e",
             "dev_h", "heldout_f", "dev_i", "heldout_g", "dev_j", "heldout_h", "dev_k", "heldout_i",
             "dev_l", "heldout_j", "heldout_k", "dev_m", "heldout_l", "dev_n")
    assert set(report) == set(names)
    for name in names:
        summary = report[name]["summary"]
        assert summary["overall"]["citation_validity"] == 1.0
        assert len(report[name]["records"]) == summary["overall"]["n"] >= 80
        assert {"id", "kind", "question", "answer", "short", "abstained", "citations", "expected", "correct"} \
            <= set(report[name]["records"][0])
        assert table(summary).splitlines()[0] in printed
    assert png.stat().st_size > 10_000
