"""The evaluation verbs, `citeqa eval` and `citeqa bench`: they live with eval and use qa as a user would.

qa.cli finds this module by name (its EXTERNAL_VERBS) only when one of these verbs is invoked; eval imports
qa, never the other way round.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from qa import QA, Settings
from qa.cli import add_verb, common_parents, new_parser, run


def main(argv: Sequence[str]) -> int:
    """Run `eval …` or `bench …` (argv starts with the verb)."""
    return run(_parser(), argv)


def evaluate(settings: Settings, args: argparse.Namespace) -> int:
    """Run the question sets (development and held-out) and report their figures side by side."""
    from eval.report import check_thresholds, plot, table
    from eval.run import QUESTION_SETS, articles_of, load_questions, questions_of, run_questions, summarise

    sets = {args.questions.stem: args.questions} if args.questions else QUESTION_SETS
    items = {name: load_questions(questions_of(path)) for name, path in sets.items()}
    records = {}
    if any(articles_of(path) is None for path in sets.values()):
        with QA.open(settings) as engine:
            for name, questions in items.items():
                if articles_of(sets[name]) is None:
                    records[name] = run_questions(engine, questions)
    for name, questions in items.items():
        own = articles_of(sets[name])
        if own is not None:  # a set with its own articles: their own index, beside the main one
            with QA.open(replace(settings, corpus=own, data_dir=settings.data_dir / "sets" / name)) as engine:
                records[name] = run_questions(engine, questions)
    records = {name: records[name] for name in sets}
    summaries = {name: summarise(rows) for name, rows in records.items()}
    for name, summary in summaries.items():
        print(f"\n{name}: {questions_of(sets[name]).relative_to(sets[name].parent)}\n{table(summary)}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        report = {name: {"summary": summaries[name], "records": [r.to_dict() for r in rows]}
                  for name, rows in records.items()}
        args.json.write_text(json.dumps({"sets": report}, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.plot:
        plot(summaries, args.plot)
    if args.check:
        failures = check_thresholds(summaries, args.check)
        for failure in failures:
            print(f"below the bar: {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0


def bench(settings: Settings, args: argparse.Namespace) -> int:
    """Benchmark citeqa against the plain llama-index pipeline on the same files (figures and ratios)."""
    from eval.bench import main as bench_main

    argv = ["--profile", args.profile] + (["--json", str(args.json)] if args.json else [])
    argv += ["--articles", str(args.articles)] if args.articles else []
    return bench_main(argv + (["--questions", str(args.questions)] if args.questions else []))


def _parser() -> argparse.ArgumentParser:
    common, llm = common_parents()
    parser, verbs = new_parser()

    p = add_verb(verbs, "eval", evaluate, "citeqa eval --json eval/report.json --plot eval/report.png",
                 [common, llm])
    p.add_argument("--questions", type=Path, help="JSON Lines question file (default eval/questions.jsonl)")
    p.add_argument("--json", type=Path, metavar="OUT", help="write summary and per-question records")
    p.add_argument("--plot", type=Path, metavar="OUT.png", help="write a bar chart per question type")
    p.add_argument("--check", type=Path, metavar="TOML", help="exit 1 when under the bar (eval/thresholds.toml)")

    p = add_verb(verbs, "bench", bench, "citeqa bench --profile small --json artifacts/bench.json", [common])
    p.add_argument("--profile", choices=["small", "full"], default="small",
                   help="small: 150 generated articles (CI); full: 6,000 articles, ~50k chunks")
    p.add_argument("--articles", type=int, help="override the profile's article count")
    p.add_argument("--questions", type=int, help="override the profile's question count")
    p.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    return parser
