"""`citeqa bench`: citeqa beside the plain llama-index pipeline on the same files; figures and ratios.

Each system runs in its own worker process (`python -m eval.bench --worker NAME ...`), so peak RSS and
cold start are its own. The baseline is what a llama-index user would write: VectorStoreIndex.from_documents
over the same files, the same embedding model, the default splitter, into Chroma, queried with as_retriever.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eval.bench_corpus import BenchQuestion, generate

PROFILES = {"small": {"articles": 150, "questions": 200}, "full": {"articles": 6000, "questions": 300}}
SEED_QUESTIONS = Path(__file__).resolve().parent / "questions.jsonl"
COLD_RUNS = 3


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = call()
    return result, (time.perf_counter() - started) * 1000


def run_citeqa(corpus: Path, data: Path, questions: list[BenchQuestion]) -> dict[str, Any]:
    """Ingest, re-sync, retrieve and ask through the public API."""
    from qa import QA, Settings
    from vectorstore.embed import MiniLMEmbedding

    settings = Settings(corpus=corpus, data_dir=data)
    MiniLMEmbedding(settings.embed, settings.model_cache)  # load the model first: ingest time is embedding, not start-up (cold start is measured apart)
    engine, ingest_ms = timed(lambda: QA.open(settings))
    chunks = sum(a["chunks"] for a in engine.articles())
    _, nothing_ms = timed(engine.sync)
    changed = corpus / questions[-1].source
    changed.write_text(changed.read_text(encoding="utf-8").replace("\n\n", "\n\nA new paragraph.\n\n", 1),
                       encoding="utf-8")
    _, one_ms = timed(engine.sync)
    retrieve_ms, ask_ms, hits, correct = [], [], 0, 0
    for q in questions:
        passages, ms = timed(lambda q=q: engine.retrieve(q.question))
        retrieve_ms.append(ms)
        hits += q.source in [p.source for p in passages[:5]]
        answer, ms = timed(lambda q=q: engine.ask(q.question))
        ask_ms.append(ms)
        correct += q.answer in answer.text
    return {
        "chunks": chunks, "ingest_s": round(ingest_ms / 1000, 2),
        "ingest_chunks_per_s": round(chunks / (ingest_ms / 1000), 1),
        "resync_one_changed_s": round(one_ms / 1000, 3), "resync_nothing_changed_s": round(nothing_ms / 1000, 3),
        "retrieve_ms_p50": percentile(retrieve_ms, 0.5), "retrieve_ms_p95": percentile(retrieve_ms, 0.95),
        "ask_ms_p50": percentile(ask_ms, 0.5), "ask_ms_p95": percentile(ask_ms, 0.95),
        "hit_at_5": round(hits / len(questions), 4), "answer_accuracy": round(correct / len(questions), 4),
    }


def run_baseline(corpus: Path, data: Path, questions: list[BenchQuestion]) -> dict[str, Any]:
    """The plain pipeline; it has no incremental sync, so a re-sync is a full re-ingest."""
    from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex

    from vectorstore.embed import MiniLMEmbedding
    from vectorstore.store import ChromaStore

    embed = MiniLMEmbedding("torch")  # sentence-transformers, as HuggingFaceEmbedding would run it

    def ingest() -> VectorStoreIndex:
        docs = SimpleDirectoryReader(str(corpus), required_exts=[".txt"]).load_data()
        store = ChromaStore(data / "chroma")
        context = StorageContext.from_defaults(vector_store=store.llama_vector_store())
        return VectorStoreIndex.from_documents(docs, storage_context=context, embed_model=embed)

    index, ingest_ms = timed(ingest)
    chunks = len(index.vector_store._collection.get(include=[])["ids"])  # type: ignore[attr-defined]
    retriever = index.as_retriever(similarity_top_k=5)
    retrieve_ms, hits = [], 0
    for q in questions:
        nodes, ms = timed(lambda q=q: retriever.retrieve(q.question))
        retrieve_ms.append(ms)
        hits += q.source in [n.node.metadata.get("file_name") for n in nodes]
    return {
        "chunks": chunks, "ingest_s": round(ingest_ms / 1000, 2),
        "ingest_chunks_per_s": round(chunks / (ingest_ms / 1000), 1),
        "resync_one_changed_s": round(ingest_ms / 1000, 3), "resync_nothing_changed_s": round(ingest_ms / 1000, 3),
        "retrieve_ms_p50": percentile(retrieve_ms, 0.5), "retrieve_ms_p95": percentile(retrieve_ms, 0.95),
        "ask_ms_p50": None, "ask_ms_p95": None, "hit_at_5": round(hits / len(questions), 4), "answer_accuracy": None,
    }


def cold_query(system: str, corpus: Path, data: Path, question: str) -> None:
    """Process start to first result, over an index already on disk: prints the wall-clock time it was
    ready (the process's exit is not part of it)."""
    if system == "citeqa":
        from qa import QA, Settings

        QA.open(Settings(corpus=corpus, data_dir=data)).ask(question)
    else:
        from llama_index.core import VectorStoreIndex

        from vectorstore.embed import MiniLMEmbedding
        from vectorstore.store import ChromaStore

        index = VectorStoreIndex.from_vector_store(ChromaStore(data / "chroma").llama_vector_store(),
                                                   embed_model=MiniLMEmbedding("torch"))
        index.as_retriever(similarity_top_k=5).retrieve(question)
    print(json.dumps({"ready_at": time.time()}), flush=True)


def worker(system: str, corpus: Path, data: Path, questions_file: Path, out: Path) -> None:
    questions = [BenchQuestion(**q) for q in json.loads(questions_file.read_text(encoding="utf-8"))]
    figures = (run_citeqa if system == "citeqa" else run_baseline)(corpus, data, questions)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    out.write_text(json.dumps(figures), encoding="utf-8")


def measure(system: str, corpus: Path, data: Path, questions_file: Path, scratch: Path) -> dict[str, Any]:
    out = scratch / f"{corpus.parent.name}.json"
    base = [sys.executable, "-m", "eval.bench"]
    subprocess.run([*base, "--worker", system, "--corpus", str(corpus), "--data", str(data),
                    "--questions-file", str(questions_file), "--out", str(out)], check=True)
    figures = json.loads(out.read_text(encoding="utf-8"))
    question = json.loads(questions_file.read_text(encoding="utf-8"))[0]["question"]
    ready, whole = [], []
    for _ in range(COLD_RUNS):
        started = time.time()  # wall clock: the child reports when its first result was ready
        run = subprocess.run([*base, "--cold", system, "--corpus", str(corpus), "--data", str(data),
                              "--question", question], check=True, stdout=subprocess.PIPE, text=True)
        whole.append(time.time() - started)
        ready.append(json.loads(run.stdout.splitlines()[-1])["ready_at"] - started)
    figures["cold_start_s"] = round(statistics.median(ready), 2)
    figures["cold_process_s"] = round(statistics.median(whole), 2)  # start to exit, as measured before
    return figures


def seed_questions(corpus: Path) -> list[BenchQuestion]:
    items = [json.loads(line) for line in SEED_QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [BenchQuestion(q["question"], (q["answers"] or [""])[0], q["sources"][0])
            for q in items if q["type"] not in ("unanswerable", "followup")]


def run(profile: str, articles: int | None, count: int | None) -> dict[str, Any]:
    spec = {**PROFILES[profile], **({"articles": articles} if articles else {}),
            **({"questions": count} if count else {})}
    report: dict[str, Any] = {"profile": profile, **spec, "corpora": {}}
    with tempfile.TemporaryDirectory(prefix="citeqa-bench-") as tmp:
        scratch = Path(tmp)
        import shutil

        shutil.copytree(SEED_QUESTIONS.parents[1] / "corpus", scratch / "seed")
        seed_q = seed_questions(scratch / "seed")
        (scratch / "seed-questions.json").write_text(json.dumps([q.__dict__ for q in seed_q]))
        generated = generate(scratch / "generated", spec["articles"])
        sample = generated[:: max(1, len(generated) // spec["questions"])][: spec["questions"]]
        (scratch / "generated-questions.json").write_text(json.dumps([q.__dict__ for q in sample]))
        for name in ("seed", "generated"):
            corpus, questions_file = scratch / name, scratch / f"{name}-questions.json"
            for system in ("citeqa", "baseline"):
                copy = scratch / f"{system}-{name}"
                shutil.copytree(corpus, copy / "corpus")
                report["corpora"].setdefault(name, {})[system] = measure(
                    system, copy / "corpus", copy / "data", questions_file, scratch)
    return report


def table(report: dict[str, Any]) -> str:
    lines = []
    for name, systems in report["corpora"].items():
        ours, base = systems["citeqa"], systems["baseline"]
        lines.append(f"\n{name} corpus ({ours['chunks']} citeqa chunks, {base['chunks']} baseline chunks)")
        lines.append(f"{'figure':<28}{'citeqa':>12}{'baseline':>12}{'ratio':>10}")
        for key in ours:
            a, b = ours[key], base.get(key)
            ratio = f"{a / b:.2f}" if isinstance(a, int | float) and isinstance(b, int | float) and b else "–"
            lines.append(f"{key:<28}{_fmt(a):>12}{_fmt(b):>12}{ratio:>10}")
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    return "–" if value is None else str(value)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="citeqa bench", description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=sorted(PROFILES), default="small")
    parser.add_argument("--articles", type=int, help="override the profile's generated article count")
    parser.add_argument("--questions", type=int, help="override the profile's question count")
    parser.add_argument("--json", type=Path, metavar="OUT")
    parser.add_argument("--worker", choices=["citeqa", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--cold", choices=["citeqa", "baseline"], help=argparse.SUPPRESS)
    for hidden in ("--corpus", "--data", "--questions-file", "--out"):
        parser.add_argument(hidden, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--question", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.corpus, args.data, args.questions_file, args.out)
        return 0
    if args.cold:
        cold_query(args.cold, args.corpus, args.data, args.question)
        return 0
    report = run(args.profile, args.articles, args.questions)
    print(table(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
