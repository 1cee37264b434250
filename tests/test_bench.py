"""`citeqa bench` end to end on a tiny profile: both systems measured, every figure and ratio present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.bench_corpus import generate
from qa.cli import main


def test_generated_corpus_is_reproducible_and_answerable(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 12)
    second = generate(tmp_path / "b", 12)
    assert first == second
    texts = [p.read_text() for p in sorted((tmp_path / "a").glob("*.txt"))]
    assert len(set(texts)) == 12, "every article is distinct"
    for q in first:
        assert q.answer in (tmp_path / "a" / q.source).read_text()


@pytest.mark.slow
def test_bench_reports_citeqa_and_the_baseline(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    assert main(["bench", "--articles", "12", "--questions", "8", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    for corpus in ("seed", "generated"):
        ours, base = report["corpora"][corpus]["citeqa"], report["corpora"][corpus]["baseline"]
        for key in ("ingest_chunks_per_s", "resync_one_changed_s", "retrieve_ms_p50", "hit_at_5",
                    "peak_rss_mb", "cold_start_s"):
            assert ours[key] > 0 or key == "hit_at_5", key
            assert base[key] is not None, key
        assert ours["resync_nothing_changed_s"] < base["resync_nothing_changed_s"]
        for system in (ours, base):  # the first answer comes before the process has exited
            assert 0 < system["cold_start_s"] <= system["cold_process_s"]
    assert report["corpora"]["generated"]["citeqa"]["hit_at_5"] >= 0.75
    assert "ratio" in capsys.readouterr().out
