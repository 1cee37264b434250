"""The citeqa command line: one function per verb; typed errors print their fix and exit 2."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Self

from vectorstore.errors import CiteQAError
from vectorstore.settings import Settings

EXAMPLES = """examples:
  citeqa ingest corpus/            index a folder (only what changed since last time)
  citeqa ask "Who announced that the US combat mission in Iraq had ended?"
  citeqa ask --json "How many US troops are in Iraq?"
  citeqa ask --mode llm --llm-base-url http://127.0.0.1:8080/v1 "How many US troops are in Iraq?"
  citeqa serve                     chat in the browser at http://127.0.0.1:7860
  citeqa eval --plot report.png    score the bundled question set
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env(
            corpus=getattr(args, "folder", None) or args.corpus,
            data_dir=args.data_dir,
            top_k=getattr(args, "top_k", None),
            host=getattr(args, "host", None),
            port=getattr(args, "port", None),
            **_chroma_flags(args.chroma_url),
            mode=getattr(args, "mode", None),
            llm_base_url=getattr(args, "llm_base_url", None),
            llm_model=getattr(args, "llm_model", None),
            llm_api_key=getattr(args, "llm_api_key", None),
            llm_gguf=getattr(args, "llm_gguf", None),
            llm_timeout=getattr(args, "llm_timeout", None),
            show_unverified=getattr(args, "show_unverified", None) or None,
        )
        return args.verb(settings, args)
    except CiteQAError as exc:
        print(f"citeqa: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("citeqa: interrupted", file=sys.stderr)
        return 130


def ingest(settings: Settings, args: argparse.Namespace) -> int:
    """Index a folder of articles into the local store, embedding only what changed."""
    from vectorstore.index import Index
    from vectorstore.ingest import sync_folder

    if args.rebuild:
        Index.remove(settings)
    index = Index.open(settings)
    try:
        with _ProgressBar(enabled=not args.json and sys.stderr.isatty()) as bar:
            report = sync_folder(index, progress=bar.update)
    finally:
        index.close()
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
        return 0
    print(
        f"indexed {settings.corpus}: {report.added} added, {report.updated} updated, "
        f"{report.renamed} renamed, {report.removed} removed, {report.unchanged} unchanged; "
        f"{report.embedded} chunks embedded, {report.chunks} in the index"
    )
    for skipped in report.skipped:
        print(f"  skipped {skipped['path']}: {skipped['reason']}")
    return 0


def ask(settings: Settings, args: argparse.Namespace) -> int:
    """Answer a question from the indexed articles, citing the passages it comes from."""
    from qa.engine import QA, validate_question

    question = validate_question(" ".join(args.question), settings)
    engine = QA.open(settings)
    try:
        answer = engine.ask(question)
    finally:
        engine.close()
    for warning in answer.warnings:
        print(f"citeqa: warning: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(answer.text)
    shown = answer.citations or answer.related
    if shown:
        print("\nSources:" if answer.citations else "\nClosest passages (not an answer):")
    for citation in shown:
        print(f"[{citation.id}] {citation.title} — {citation.source} [{citation.start}:{citation.end}]")
        print(f"    “{citation.quote}”")
    return 0


def serve(settings: Settings, args: argparse.Namespace) -> int:
    """Serve the chat in the browser (indexes the corpus first when there is no index)."""
    from qa.engine import QA
    from qa.port import port_free
    from qa.ui import check_bind, launch

    check_bind(settings.host, settings.auth or None)  # refuse before loading anything
    port_free(settings.host, settings.port)
    launch(QA.open(settings), settings, auth=settings.auth or None)
    return 0


def evaluate(settings: Settings, args: argparse.Namespace) -> int:
    """Run the question sets (development and held-out) and report their figures side by side."""
    from eval.report import check_thresholds, plot, table
    from eval.run import QUESTION_SETS, load_questions, run_questions, summarise
    from qa.engine import QA

    sets = {args.questions.stem: args.questions} if args.questions else QUESTION_SETS
    items = {name: load_questions(path) for name, path in sets.items()}
    engine = QA.open(settings)
    try:
        records = {name: run_questions(engine, questions) for name, questions in items.items()}
    finally:
        engine.close()
    summaries = {name: summarise(rows) for name, rows in records.items()}
    for name, summary in summaries.items():
        print(f"\n{name}: {sets[name].name}\n{table(summary)}")
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


def doctor(settings: Settings, args: argparse.Namespace) -> int:
    """Check that Chroma, the docstore, BM25 and the sync manifest agree (exit 1 if not); --repair fixes."""
    from vectorstore import doctor as checkup
    from vectorstore.index import Index

    index = Index.open(settings)
    try:
        health = checkup.repair(index) if args.repair else checkup.check(index)
    finally:
        index.close()
    if args.json:
        print(json.dumps(health.to_dict()))
    else:
        verdict = "consistent" if health.consistent else "INCONSISTENT"
        print(f"{verdict}: {health.files} files, {health.chunks_in_chroma} chunks in Chroma, "
              f"{health.chunks_in_catalog} in the BM25 catalog" + (" (after repair)" if health.repaired else ""))
        for name, items in health.to_dict().items():
            if isinstance(items, list) and items:
                print(f"  {name.replace('_', ' ')}: {len(items)} — e.g. {items[0]}")
        if not health.consistent and not args.repair:
            print("  run `citeqa doctor --repair` to fix it")
    return 0 if health.consistent else 1


def _chroma_flags(url: str | None) -> dict:
    from vectorstore.settings import parse_chroma_url

    if not url:
        return {}
    host, port = parse_chroma_url(url)
    return {"chroma_host": host, "chroma_port": port}


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, help="index folder (CITEQA_DATA_DIR, default .citeqa)")
    common.add_argument("--corpus", type=Path, help="articles folder (CITEQA_CORPUS, default corpus)")
    llm = argparse.ArgumentParser(add_help=False)
    llm.add_argument("--mode", choices=["extractive", "llm"], help="answerer (CITEQA_MODE, default extractive)")
    llm.add_argument("--llm-base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1")
    llm.add_argument("--llm-model", help="model name at that endpoint (CITEQA_LLM_MODEL)")
    llm.add_argument("--llm-api-key", help="API key for that endpoint (CITEQA_LLM_API_KEY)")
    llm.add_argument("--llm-gguf", help="a local .gguf model run by llama-cpp-python (CITEQA_LLM_GGUF)")
    llm.add_argument("--llm-timeout", type=float, help="seconds per LLM request (CITEQA_LLM_TIMEOUT, default 60)")
    llm.add_argument("--show-unverified", action="store_true",
                     help="keep LLM sentences the verifier could not support, marked (unverified)")
    common.add_argument("--chroma-url", help="use a `chroma run` server, e.g. http://127.0.0.1:8000 "
                        "(CITEQA_CHROMA_HOST/PORT; default: embedded store in the data dir)")
    parser = argparse.ArgumentParser(
        prog="citeqa",
        description="Ask questions of a folder of news articles; answers cite exact passages.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    verbs = parser.add_subparsers(dest="command", required=True, metavar="VERB")

    def verb(name: str, func: Callable, example: str) -> argparse.ArgumentParser:
        parents = [common, llm] if name in ("ask", "eval", "serve") else [common]
        sub = verbs.add_parser(name, parents=parents, help=func.__doc__, description=func.__doc__,
                               epilog=f"example:\n  {example}",
                               formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.set_defaults(verb=func)
        return sub

    p = verb("ingest", ingest, "citeqa ingest corpus/ --json")
    p.add_argument("folder", nargs="?", type=Path, help="articles folder (default: CITEQA_CORPUS)")
    p.add_argument("--json", action="store_true", help="print the sync report as JSON only")
    p.add_argument("--rebuild", action="store_true", help="drop the index and build it again")

    p = verb("ask", ask, 'citeqa ask --json "How many US troops are in Iraq?"')
    p.add_argument("question", nargs="+", help="the question (quote it)")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.add_argument("--top-k", type=int, help="passages to retrieve (CITEQA_TOP_K, default 8)")

    p = verb("eval", evaluate, "citeqa eval --json eval/report.json --plot eval/report.png")
    p.add_argument("--questions", type=Path, help="JSON Lines question file (default eval/questions.jsonl)")
    p.add_argument("--json", type=Path, metavar="OUT", help="write summary and per-question records")
    p.add_argument("--plot", type=Path, metavar="OUT.png", help="write a bar chart per question type")
    p.add_argument("--check", type=Path, metavar="TOML", help="exit 1 when under the bar (eval/thresholds.toml)")

    p = verb("doctor", doctor, "citeqa doctor --repair --json")
    p.add_argument("--repair", action="store_true", help="remove orphans and re-embed damaged files")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")

    p = verb("bench", bench, "citeqa bench --profile small --json artifacts/bench.json")
    p.add_argument("--profile", choices=["small", "full"], default="small",
                   help="small: 150 generated articles (CI); full: 6,000 articles, ~50k chunks")
    p.add_argument("--articles", type=int, help="override the profile's article count")
    p.add_argument("--questions", type=int, help="override the profile's question count")
    p.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")

    p = verb("serve", serve, "citeqa serve --port 7861")
    p.add_argument("--host", help="address to bind (CITEQA_HOST, default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (CITEQA_PORT, default 7860)")
    return parser


class _ProgressBar:
    """A files/chunks progress bar on a terminal; silent otherwise."""

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled
        self._bar = None

    def __enter__(self) -> Self:
        return self

    def update(self, files_done: int, files_total: int, chunks: int) -> None:
        if not self._enabled or files_total == 0:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=files_total, unit="file", desc="indexing", file=sys.stderr)
        self._bar.n = files_done
        self._bar.set_postfix(chunks=chunks)
        self._bar.refresh()

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()


if __name__ == "__main__":
    sys.exit(main())
