"""The arrows between the packages point one way, and a verb imports only what it uses (issue 15)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from qa import Settings

REPO = Path(__file__).resolve().parents[1]
# what `citeqa ask` in extractive mode has no use for
NOT_FOR_ASK = ["gradio", "matplotlib", "torch", "sentence_transformers", "llama_index.llms.openai_like",
               "llama_index.llms.openai", "openai", "llama_cpp", "qa.llm", "qa.generative", "qa.ui", "eval"]


def imported_packages(package: str) -> set[str]:
    """Top-level names of every module imported anywhere in a package's source (lazy imports included)."""
    names = set()
    for path in (REPO / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_qa_never_imports_eval_and_vectorstore_never_imports_qa() -> None:
    assert "eval" not in imported_packages("qa")
    assert not {"qa", "eval"} & imported_packages("vectorstore")


def modules_after(code: str) -> list[str]:
    run = subprocess.run([sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, timeout=600, check=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    return json.loads(run.stdout.splitlines()[-1])


def test_the_cli_module_and_help_load_neither_llama_index_nor_chroma() -> None:
    loaded = modules_after("from qa.cli import main\nimport qa\ntry:\n    main(['--help'])\nexcept SystemExit:\n"
                           "    pass")
    assert not [m for m in loaded if m.split(".")[0] in ("llama_index", "chromadb", "gradio", "onnxruntime")]


def test_ask_loads_nothing_it_does_not_use(seed_engine: object, seed_settings: Settings) -> None:
    loaded = modules_after(f"from qa.cli import main\nmain(['ask', '--data-dir', {str(seed_settings.data_dir)!r}, "
                           f"'--corpus', {str(seed_settings.corpus)!r}, 'How many US troops are in Iraq?'])")
    assert "qa.engine" in loaded  # it did answer
    assert not [m for m in loaded if any(m == h or m.startswith(h + ".") for h in NOT_FOR_ASK)]
