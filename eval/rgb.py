"""RGB (Chen et al., AAAI 2024) on citeqa: noise robustness, negative rejection, counterfactual robustness.

    python -m eval.rgb [--data PATH] [--json OUT] [--pool] [--limit N]

Each question gets a throw-away corpus of RGB's news snippets, indexed through `QA.open` and asked
through `QA.ask`, exactly as a user would; the paper's figures are printed beside ours.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from qa import QA, Answer, CiteQAError, Settings

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/benchmarks/rgb/en_fact.json"
DATA_SHA256 = "92f4b2330ee407f74fbd923197028ef5140cfbc1f4b4092efec2d4d10ae6c9e5"
RATIOS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
DOCS_PER_QUESTION = 5
SEED = 2333  # the authors' evalue.py calls random.seed(2333) before every instance
TITLE = "Document"  # the same title line for every snippet: a number in it would match "Diablo 3"
# The paper's English rows (its 300-question en.json): accuracy % at r = 0..0.8, then Rej, Rej* at r = 1.
PAPER: dict[str, tuple[tuple[float, ...], float | None, float | None]] = {
    "ChatGPT (gpt-3.5-turbo)": ((96.33, 94.67, 94.00, 90.00, 76.00), 24.67, 45.00),
    "Qwen-7B-Chat": ((94.33, 91.67, 91.00, 87.67, 73.67), 31.00, 35.67),
    "ChatGLM-6B": ((93.67, 90.67, 89.33, 84.67, 70.67), None, None),
    "Vicuna-7B-v1.3": ((87.67, 83.33, 86.00, 82.33, 60.33), 17.00, 33.33),
}
PROTOCOL = {
    "documents": f"{DOCS_PER_QUESTION} per question: the first round(5*r) of `negative` and the first "
    "5-round(5*r) of `positive` (the authors' evalue.py takes list heads too), shuffled",
    "seed": f"random.Random({SEED}).shuffle per instance, the authors' random.seed({SEED}) per instance",
    "shortfall": "a record with too few positives or negatives gets fewer than 5 documents "
    "(take what exists; the authors' code fills up from the other list instead)",
    "counterfactual": "random.Random(2333).sample of min(5, n) `positive_wrong` snippets as the authors "
    "do, padded with the first `negative` snippets up to 5 (the authors do not pad), shuffled",
    "pool": "every record's positive+negative snippets (the whole file, even with --limit), "
    "deduplicated, in one corpus indexed once; the first N questions asked against it",
    "file": f"one .txt per snippet: the title line {TITLE!r}, a blank line, the snippet",
    "scoring": "correct when every required answer (any alternative of a nested list) is a substring "
    "of the lower-cased answer text, as the authors' checkanswer; rejection = Answer.abstained",
    "rates": "fractions in [0, 1]",
}


@dataclass(frozen=True)
class DocumentSet:
    """The snippets one question is asked over, and how many carry an answer (true or fake)."""

    docs: tuple[str, ...]
    positives: int
    negatives: int


@dataclass(frozen=True)
class Trial:
    """One question asked over one document set; `fake` only for the counterfactual setting."""

    id: int
    query: str
    setting: str
    ratio: float | None
    positives: int
    negatives: int
    documents: int
    answer: str
    abstained: bool
    correct: bool
    fake: bool | None
    citations: int
    seconds: float


def load_records(path: Path) -> list[dict[str, Any]]:
    """The JSON Lines records of en_fact.json, in file order."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def build_documents(record: dict[str, Any], ratio: float, seed: int = SEED,
                    size: int = DOCS_PER_QUESTION) -> DocumentSet:
    """round(size*ratio) negatives and the rest positives, shuffled by random.Random(seed)."""
    wanted_negatives = round(size * ratio)
    negatives = record["negative"][:wanted_negatives]
    positives = record["positive"][: size - wanted_negatives]
    docs = positives + negatives
    random.Random(seed).shuffle(docs)
    return DocumentSet(tuple(docs), len(positives), len(negatives))


def build_counterfactual(record: dict[str, Any], seed: int = SEED,
                         size: int = DOCS_PER_QUESTION) -> DocumentSet:
    """Up to size `positive_wrong` snippets (sampled as the authors do), padded with negatives."""
    rng = random.Random(seed)
    wrong = record["positive_wrong"]
    chosen = [wrong[i] for i in rng.sample(range(len(wrong)), min(len(wrong), size))]
    padding = record["negative"][: size - len(chosen)]
    docs = chosen + padding
    rng.shuffle(docs)
    return DocumentSet(tuple(docs), len(chosen), len(padding))


def build_pool(records: Sequence[dict[str, Any]]) -> list[str]:
    """Every record's positive and negative snippets, each once, in order of first appearance."""
    return list(dict.fromkeys(s for r in records for s in r["positive"] + r["negative"]))


def answer_labels(text: str, answer: str | list) -> list[bool]:
    """The authors' checkanswer: one label per required answer; a nested list is alternatives."""
    text = text.lower()
    required = answer if isinstance(answer, list) else [answer]
    return [
        any(alt.lower() in text for alt in item) if isinstance(item, list) else item.lower() in text
        for item in required
    ]


def is_correct(text: str, answer: str | list) -> bool:
    """True when every required answer string appears in the text (case-insensitive)."""
    labels = answer_labels(text, answer)
    return bool(labels) and all(labels)


def write_corpus(folder: Path, docs: Sequence[str]) -> Path:
    """One .txt article per snippet, named by position so the shuffled order is the file order."""
    folder.mkdir(parents=True)
    width = len(str(len(docs)))
    for number, snippet in enumerate(docs, 1):
        (folder / f"doc_{number:0{width}d}.txt").write_text(f"{TITLE}\n\n{snippet}\n", encoding="utf-8")
    return folder


def open_engine(docs: Sequence[str], root: Path) -> QA:
    """A fresh store under root, indexed from the snippets."""
    corpus = write_corpus(root / "corpus", docs)
    return QA.open(Settings(corpus=corpus, data_dir=root / "data"))


def ask_over(docs: Sequence[str], query: str, scratch: Path) -> Answer:
    """Index the snippets into a throw-away store, ask once, and delete the store."""
    root = Path(tempfile.mkdtemp(dir=scratch))
    try:
        with open_engine(docs, root) as engine:
            return engine.ask(query)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def make_trial(record: dict[str, Any], setting: str, ratio: float | None, docs: DocumentSet,
               answer: Answer, seconds: float) -> Trial:
    fake = is_correct(answer.text, record["fakeanswer"]) if setting == "counterfactual" else None
    return Trial(
        id=record["id"], query=record["query"], setting=setting, ratio=ratio,
        positives=docs.positives, negatives=docs.negatives, documents=len(docs.docs),
        answer=answer.text, abstained=answer.abstained, correct=is_correct(answer.text, record["answer"]),
        fake=fake, citations=len(answer.citations), seconds=round(seconds, 3),
    )


def run_small_stores(records: Sequence[dict[str, Any]], scratch: Path,
                     log: Callable[[str], None]) -> list[Trial]:
    """Every question at every noise ratio, then over its counterfactual documents."""
    trials: list[Trial] = []
    started = time.perf_counter()
    for number, record in enumerate(records, 1):
        plans = [("noise", r, build_documents(record, r)) for r in RATIOS]
        plans.append(("counterfactual", None, build_counterfactual(record)))
        for setting, ratio, docs in plans:
            asked = time.perf_counter()
            answer = ask_over(docs.docs, record["query"], scratch)
            trials.append(make_trial(record, setting, ratio, docs, answer, time.perf_counter() - asked))
        if number % 10 == 0 or number == len(records):
            log(f"rgb: {number}/{len(records)} questions ({time.perf_counter() - started:.0f} s)")
    return trials


def run_pool(records: Sequence[dict[str, Any]], questions: Sequence[dict[str, Any]], scratch: Path,
             log: Callable[[str], None]) -> tuple[list[Trial], int]:
    """Every question asked against one store holding all records' snippets."""
    pool = tuple(build_pool(records))
    log(f"rgb: indexing the pool of {len(pool)} snippets")
    trials = []
    with open_engine(pool, Path(tempfile.mkdtemp(dir=scratch))) as engine:
        for record in questions:
            asked = time.perf_counter()
            answer = engine.ask(record["query"])
            positives = len(set(record["positive"]))
            docs = DocumentSet(pool, positives, len(pool) - positives)
            trials.append(make_trial(record, "pool", None, docs, answer, time.perf_counter() - asked))
    return trials, len(pool)


def share(trials: Sequence[Trial], test: Callable[[Trial], bool | None]) -> float | None:
    return round(sum(bool(test(t)) for t in trials) / len(trials), 4) if trials else None


def summarise(trials: Sequence[Trial], pool_size: int | None) -> dict[str, Any]:
    """The figures of the JSON report (everything but protocol and records)."""
    noise = [t for t in trials if t.setting == "noise"]
    by_ratio = {r: [t for t in noise if t.ratio == r] for r in RATIOS}
    counterfactual = [t for t in trials if t.setting == "counterfactual"]
    pool = [t for t in trials if t.setting == "pool"]
    return {
        "ratios": {
            str(r): {
                "accuracy": share(ts, lambda t: t.correct),
                "abstained": share(ts, lambda t: t.abstained),
                "n": len(ts),
                "mean_documents": round(sum(t.documents for t in ts) / len(ts), 2) if ts else None,
            }
            for r, ts in by_ratio.items()
        },
        "rejection_at_1": share(by_ratio[1.0], lambda t: t.abstained),
        "false_abstention_below_1": share([t for t in noise if t.ratio != 1.0], lambda t: t.abstained),
        "counterfactual": {
            "fake_answer": share(counterfactual, lambda t: t.fake),
            "true_answer": share(counterfactual, lambda t: t.correct),
            "abstained": share(counterfactual, lambda t: t.abstained),
            "n": len(counterfactual),
        },
        "pool": {
            "accuracy": share(pool, lambda t: t.correct),
            "abstained": share(pool, lambda t: t.abstained),
            "n": len(pool),
            "documents": pool_size,
        } if pool else None,
    }


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.2f}"


def format_table(summary: dict[str, Any], questions: int) -> str:
    """Our figures beside the paper's rows, then rejection, counterfactual and pool lines."""
    ratios = summary["ratios"]
    head = ["model"] + [str(r) for r in RATIOS[:-1]] + ["Rej", "Rej*"]
    ours = [percent(ratios[str(r)]["accuracy"]) for r in RATIOS[:-1]]
    rows = [[f"citeqa ({questions} q, en_fact)"] + ours + [percent(summary["rejection_at_1"]), "—"]]
    for model, (accuracy, rej, rej_star) in PAPER.items():
        rows.append([model] + [f"{a:.2f}" for a in accuracy]
                    + [percent(None if x is None else x / 100) for x in (rej, rej_star)])
    widths = [max(len(row[i]) for row in [head] + rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w)
                       in enumerate(zip(row, widths))) for row in [head] + rows]
    cf, pool = summary["counterfactual"], summary["pool"]
    lines += [
        "accuracy % by noise ratio; Rej = % declining at r = 1 (ours: Answer.abstained); "
        + "paper rows: its 300-question en.json, so compare shapes, not decimals",
        "mean documents per question: " + ", ".join(
            f"{r}: {ratios[str(r)]['mean_documents']}" for r in RATIOS),
        f"accuracy at r = 1 (answer found among noise only): {percent(ratios['1.0']['accuracy'])}",
        f"false abstention below r = 1: {percent(summary['false_abstention_below_1'])}",
        f"counterfactual (n={cf['n']}): fake answer {percent(cf['fake_answer'])}, true answer "
        + f"{percent(cf['true_answer'])}, abstained {percent(cf['abstained'])} "
        + "(paper, ChatGPT: true answer 9, error detection 8)",
    ]
    if pool:
        lines.append(f"pool ({pool['n']} q over {pool['documents']} snippets): accuracy "
                     f"{percent(pool['accuracy'])}, abstained {percent(pool['abstained'])}")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m eval.rgb",
        description="Run RGB's English counterfactual set (en_fact.json) through citeqa.",
        epilog="example: python -m eval.rgb --limit 10 --json /tmp/rgb.json",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="en_fact.json (JSON Lines)")
    parser.add_argument("--json", type=Path, dest="json_out", help="write the full report here")
    parser.add_argument("--pool", action="store_true", help="also ask every question against one pool")
    parser.add_argument("--limit", type=_positive, help="only the first N questions")
    return parser.parse_args(argv)


def _positive(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise argparse.ArgumentTypeError("--limit must be at least 1")
    return value


def log_progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table, optionally write the JSON report; 2 on a usage error."""
    args = parse_args(argv)
    if not args.data.is_file():
        print(f"no RGB data at {args.data} — pass --data PATH to RGB's data/en_fact.json "
              "(github.com/chen700564/RGB)", file=sys.stderr)
        return 2
    digest = hashlib.sha256(args.data.read_bytes()).hexdigest()
    if digest != DATA_SHA256:
        print(f"rgb: note: {args.data} is not the README's en_fact.json (sha256 {digest})", file=sys.stderr)
    records = load_records(args.data)
    questions = records[: args.limit] if args.limit else records
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="citeqa-rgb-") as scratch:
            trials = run_small_stores(questions, Path(scratch), log_progress)
            small_seconds = time.perf_counter() - started
            pool_trials, pool_size = (
                run_pool(records, questions, Path(scratch), log_progress) if args.pool else ([], None)
            )
    except CiteQAError as exc:
        print(f"rgb: {exc}", file=sys.stderr)
        return 2
    summary = summarise(trials + pool_trials, pool_size)
    print(format_table(summary, len(questions)))
    total = time.perf_counter() - started
    print(f"time: {total:.0f} s ({small_seconds:.0f} s for {len(trials)} small stores)")
    if args.json_out:
        report = {
            "protocol": {**PROTOCOL, "data": str(args.data), "sha256": digest, "questions": len(questions)},
            **summary,
            "timings": {"total_s": round(total, 1), "small_stores_s": round(small_seconds, 1),
                        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024},
            "records": [asdict(t) for t in trials + pool_trials],
        }
        args.json_out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
