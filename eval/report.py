"""Print, plot and gate an evaluation summary."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from qa import CiteQAError

COLUMNS = [
    ("n", "n"), ("hit_at_1", "Hit@1"), ("hit_at_3", "Hit@3"), ("hit_at_5", "Hit@5"), ("mrr", "MRR"),
    ("answer_accuracy", "answer acc"), ("citation_precision", "cite prec"),
    ("citation_validity", "cite valid"), ("abstention_recall", "abst recall"),
    ("abstention_precision", "abst prec"), ("false_abstention", "false abst"),
    ("latency_ms_p50", "p50 ms"), ("latency_ms_p95", "p95 ms"),
]
PLOTTED = ["hit_at_3", "answer_accuracy", "citation_precision", "abstention_recall", "false_abstention"]
DEFAULT_THRESHOLDS = Path(__file__).resolve().parent / "thresholds.toml"


def table(summary: dict[str, dict[str, Any]]) -> str:
    """A fixed-width table: one row per question type, one column per metric."""
    header = f"{'type':<13}" + "".join(f"{label:>12}" for _, label in COLUMNS)
    rows = [header, "-" * len(header)]
    for kind, figures in summary.items():
        cells = "".join(f"{_cell(figures.get(key)):>12}" for key, _ in COLUMNS)
        rows.append(f"{kind:<13}{cells}")
    return "\n".join(rows)


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1 else f"{value:.1f}"
    return str(value)


def plot(summaries: dict[str, dict[str, dict[str, Any]]], path: Path) -> None:
    """Grouped bars of the main metrics per kind of question, one panel per question set (no display)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise CiteQAError("--plot needs matplotlib — run `pip install matplotlib`") from None
    fig, axes = plt.subplots(len(summaries), 1, figsize=(13, 4.2 * len(summaries)), squeeze=False)
    width = 0.8 / len(PLOTTED)
    for ax, (name, summary) in zip(axes[:, 0], summaries.items()):
        kinds = list(summary)
        for i, metric in enumerate(PLOTTED):
            values = [summary[k].get(metric) or 0.0 for k in kinds]
            ax.bar([x + i * width for x in range(len(kinds))], values, width, label=metric.replace("_", " "))
        ax.set_xticks([x + width * (len(PLOTTED) - 1) / 2 for x in range(len(kinds))], kinds, fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("share")
        ax.set_title(f"citeqa on the {name} question set, by kind of question")
    axes[-1, 0].legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=8, ncol=len(PLOTTED))
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def check_thresholds(summaries: dict[str, dict[str, Any]], path: Path = DEFAULT_THRESHOLDS) -> list[str]:
    """Every way the sets' summaries fall short of the bar in thresholds.toml ([SET.min.KIND] /
    [SET.max.KIND]); a set the bar names but that was not run is not checked."""
    bar = tomllib.loads(path.read_text(encoding="utf-8"))
    failures = []
    for name, bounds in bar.items():
        if name not in summaries:
            continue
        for bound, sections in bounds.items():
            for kind, metrics in sections.items():
                for metric, limit in metrics.items():
                    value = summaries[name].get(kind, {}).get(metric)
                    low = bound == "min"
                    if value is None or (value < limit if low else value > limit):
                        failures.append(f"{name}.{kind}.{metric} = {value} is {'under' if low else 'over'} {limit}")
    return failures
