"""The citeqa command line: one function per verb; typed errors print their fix and exit 2."""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Self

from vectorstore.errors import CiteQAError
from vectorstore.settings import Settings

if TYPE_CHECKING:  # the sync (llama-index, Chroma) is imported only by the verbs that run one
    from vectorstore.ingest import SyncProgress

EXAMPLES = """examples:
  citeqa ingest corpus/            index a folder (only what changed since last time)
  citeqa ask "Who announced that the US combat mission in Iraq had ended?"
  citeqa ask --json "How many US troops are in Iraq?"
  citeqa ask --mode llm --llm-base-url http://127.0.0.1:8080/v1 "How many US troops are in Iraq?"
  citeqa serve                     chat in the browser at http://127.0.0.1:7860
  citeqa eval --plot report.png    score the bundled question set
"""


# Verbs that live with another top-level package, found by name only when invoked (as entry points are):
# qa never imports them, so the arrow points one way (eval imports qa). The module's main(argv) runs it.
EXTERNAL_VERBS = {
    "eval": ("eval.cli", "Run the question sets (development and held-out) and report their figures."),
    "bench": ("eval.cli", "Benchmark citeqa against the plain llama-index pipeline on the same files."),
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in EXTERNAL_VERBS:
        return importlib.import_module(EXTERNAL_VERBS[argv[0]][0]).main(argv)
    return run(_parser(), argv)


def console() -> int:
    """The `citeqa` program (and `python -m qa`): main() for a process that exits when it returns."""
    code = main()
    # At exit the collector would walk every object llama-index and Chroma created on import once more
    # (~0.3 s of a 2 s `citeqa ask`); frozen objects are skipped. Files, the store and threads are
    # closed already, and atexit handlers still run.
    gc.freeze()
    return code


def run(parser: argparse.ArgumentParser, argv: Sequence[str]) -> int:
    """Parse argv, build the settings and call the verb; a typed error prints its fix and exits 2."""
    args = parser.parse_args(argv)
    try:
        return args.verb(settings_from(args), args)
    except CiteQAError as exc:
        print(f"citeqa: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("citeqa: interrupted", file=sys.stderr)
        return 130


def settings_from(args: argparse.Namespace) -> Settings:
    """The one Settings for a command: CITEQA_* variables, overridden by the flags given."""
    return Settings.from_env(
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


def ingest(settings: Settings, args: argparse.Namespace) -> int:
    """Index a folder of articles into the local store, embedding only what changed."""
    from vectorstore.index import Index
    from vectorstore.ingest import rebuild, sync_folder

    with _ProgressBar(enabled=not args.json and sys.stderr.isatty()) as bar:
        if args.rebuild:
            report = rebuild(settings, progress=bar.update)
        else:
            with Index.open(settings) as index:
                report = sync_folder(index, progress=bar.update)
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
    with QA.open(settings) as engine:
        answer = engine.ask(question)
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
    from vectorstore.indexed_folder import with_indexed_corpus

    check_bind(settings.host, settings.auth or None)  # refuse before loading anything
    port_free(settings.host, settings.port)
    settings = with_indexed_corpus(settings)  # uploads go into the folder the index was built from
    launch(QA.open(settings), settings, auth=settings.auth or None)
    return 0


def doctor(settings: Settings, args: argparse.Namespace) -> int:
    """Check the catalog's integrity and that it and Chroma agree (exit 1 if not); --repair fixes."""
    from vectorstore import doctor as checkup

    health = checkup.run(settings, fix=args.repair)
    if args.json:
        print(json.dumps(health.to_dict()))
    else:
        verdict = "consistent" if health.consistent else "INCONSISTENT"
        print(f"{verdict}: {health.files} files, {health.chunks_in_chroma} chunks in Chroma, "
              f"{health.chunks_in_catalog} in the catalog" + (" (after repair)" if health.repaired else ""))
        for name, items in health.to_dict().items():
            if isinstance(items, list) and items:
                print(f"  {name.replace('_', ' ')}: {len(items)} — e.g. {items[0]}")
        if health.repair:
            print("  repair: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in health.repair.items()))
        if not health.consistent and not args.repair:
            print("  run `citeqa doctor --repair` to fix it")
    return 0 if health.consistent else 1


def _chroma_flags(url: str | None) -> dict:
    from vectorstore.settings import parse_chroma_url

    if not url:
        return {}
    host, port = parse_chroma_url(url)
    return {"chroma_host": host, "chroma_port": port}


def common_parents() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The flags every verb takes (index and corpus) and the answerer's flags, as argparse parents."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, help="index folder (CITEQA_DATA_DIR, default .citeqa)")
    common.add_argument("--corpus", type=Path, help="articles folder (CITEQA_CORPUS, default corpus)")
    common.add_argument("--chroma-url", help="use a `chroma run` server, e.g. http://127.0.0.1:8000 "
                        "(CITEQA_CHROMA_HOST/PORT; default: embedded store in the data dir)")
    llm = argparse.ArgumentParser(add_help=False)
    llm.add_argument("--mode", choices=["extractive", "llm"], help="answerer (CITEQA_MODE, default extractive)")
    llm.add_argument("--llm-base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1")
    llm.add_argument("--llm-model", help="model name at that endpoint (CITEQA_LLM_MODEL)")
    llm.add_argument("--llm-api-key", help="API key for that endpoint (CITEQA_LLM_API_KEY)")
    llm.add_argument("--llm-gguf", help="a local .gguf model run by llama-cpp-python (CITEQA_LLM_GGUF)")
    llm.add_argument("--llm-timeout", type=float, help="seconds per LLM request (CITEQA_LLM_TIMEOUT, default 60)")
    llm.add_argument("--show-unverified", action="store_true",
                     help="keep LLM sentences the verifier could not support, marked (unverified)")
    return common, llm


def add_verb(verbs: argparse._SubParsersAction, name: str, func: Callable, example: str,
             parents: Sequence[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """A verb's subparser: its help is the function's docstring, its epilog one example."""
    sub = verbs.add_parser(name, parents=list(parents), help=func.__doc__, description=func.__doc__,
                           epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter)
    sub.set_defaults(verb=func)
    return sub


def new_parser() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    """The `citeqa` parser and its verbs (which the caller adds)."""
    parser = argparse.ArgumentParser(
        prog="citeqa",
        description="Ask questions of a folder of news articles; answers cite exact passages.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser, parser.add_subparsers(dest="command", required=True, metavar="VERB")


def _parser() -> argparse.ArgumentParser:
    common, llm = common_parents()
    parser, verbs = new_parser()

    def verb(name: str, func: Callable, example: str) -> argparse.ArgumentParser:
        return add_verb(verbs, name, func, example, [common, llm] if name in ("ask", "serve") else [common])

    p = verb("ingest", ingest, "citeqa ingest corpus/ --json")
    p.add_argument("folder", nargs="?", type=Path, help="articles folder (default: CITEQA_CORPUS)")
    p.add_argument("--json", action="store_true", help="print the sync report as JSON only")
    p.add_argument("--rebuild", action="store_true",
                   help="build a new index beside the old one and switch to it when complete")

    p = verb("ask", ask, 'citeqa ask --json "How many US troops are in Iraq?"')
    p.add_argument("question", nargs="+", help="the question (quote it)")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.add_argument("--top-k", type=int, help="passages to retrieve (CITEQA_TOP_K, default 8)")

    p = verb("doctor", doctor, "citeqa doctor --repair --json")
    p.add_argument("--repair", action="store_true",
                   help="reconcile Chroma and the catalog (rebuilding a damaged catalog from Chroma); "
                        "re-embed only what is missing")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")

    for name, (_, summary) in EXTERNAL_VERBS.items():  # listed in --help; parsed by their own module
        verbs.add_parser(name, help=summary, add_help=False)

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

    def update(self, progress: SyncProgress) -> None:
        if not self._enabled or progress.files_total == 0:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=progress.files_total, unit="file", desc="indexing", file=sys.stderr)
        self._bar.n = progress.files_done
        self._bar.set_postfix(chunks=progress.embedded)
        self._bar.refresh()

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()


if __name__ == "__main__":
    sys.exit(console())
