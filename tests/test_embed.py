"""The three runtimes of all-MiniLM-L6-v2: ONNX files built from the bundled weights, checked against torch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from qa import QA, Settings
from vectorstore.embed import MiniLMEmbedding, model_dir
from vectorstore.errors import StoreError

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    """Every 500-character window (step 250) of the seed articles: the size of real chunks."""
    texts = []
    for path in sorted((REPO / "corpus").glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        texts += [body[i : i + 500] for i in range(0, len(body) - 500, 250)]
    return texts + ["How many US troops remain in Iraq?", "Nujaba"]


@pytest.fixture(scope="module")
def reference(seed_texts: list[str]) -> np.ndarray:
    return MiniLMEmbedding("torch").encode(seed_texts)


def test_onnx_float_gives_the_sentence_transformers_vectors(seed_texts: list[str], reference: np.ndarray) -> None:
    vectors = MiniLMEmbedding("onnx").encode(seed_texts)
    assert vectors.shape == reference.shape
    assert np.abs(vectors - reference).max() < 1e-4
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_onnx_int8_stays_close_and_keeps_the_ranking(seed_texts: list[str], reference: np.ndarray) -> None:
    vectors = MiniLMEmbedding("onnx-int8").encode(seed_texts)
    assert (vectors * reference).sum(axis=1).min() > 0.97
    # the order in which chunks answer a question is what retrieval needs from the vectors
    chunks = slice(0, len(seed_texts) - 2)
    question_int8, question_ref = vectors[-2], reference[-2]
    top_int8 = np.argsort(-(vectors[chunks] @ question_int8))[:5]
    top_ref = np.argsort(-(reference[chunks] @ question_ref))[:5]
    assert top_int8[0] == top_ref[0] and len(set(top_int8) & set(top_ref)) >= 4


def test_order_and_batching_do_not_change_a_vector(seed_texts: list[str]) -> None:
    model = MiniLMEmbedding("onnx-int8")
    alone = model.encode(seed_texts[3:4])[0]
    together = model.encode(list(reversed(seed_texts)))[len(seed_texts) - 4]  # padded beside longer texts
    assert np.abs(alone - together).max() < 1e-3


def test_asking_needs_no_torch(seed_engine: QA) -> None:
    """Cold start: once the ONNX file exists, a question is answered without importing torch."""
    code = (
        "import sys; from qa import QA, Settings; "
        f"qa = QA.open(Settings(corpus={str(seed_engine.settings.corpus)!r}, "
        f"data_dir={str(seed_engine.settings.data_dir)!r})); "
        "print(qa.ask('How many US troops remain in Iraq?').citations[0].source); "
        "print('torch' in sys.modules, 'transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    source, imported = out.stdout.split("\n")[:2]
    assert source.endswith(".txt")
    assert imported == "False False"


def test_the_onnx_file_is_built_once_into_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "models"
    code = (
        "from vectorstore.embed import MiniLMEmbedding; from pathlib import Path; "
        f"print(MiniLMEmbedding('onnx', Path({str(cache)!r})).encode(['x']).shape)"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert first.stdout.strip() == "(1, 384)"
    built = list(cache.glob("*.onnx"))
    assert len(built) == 1 and built[0].stat().st_size > 50_000_000
    stamp = built[0].stat().st_mtime_ns
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert built[0].stat().st_mtime_ns == stamp  # not built again
    assert not list(cache.glob(".export-*"))  # no half-written leftovers


def test_a_corrupt_onnx_file_is_a_clear_error_and_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "models"
    code = (
        "from vectorstore.embed import MiniLMEmbedding; from pathlib import Path; "
        f"MiniLMEmbedding('onnx', Path({str(cache)!r})).encode(['x'])"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, capture_output=True)
    built = next(cache.glob("*.onnx"))
    built.write_bytes(b"not a model")
    broken = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=REPO)
    assert broken.returncode != 0 and "is unreadable" in broken.stderr and "try again" in broken.stderr
    assert not built.exists()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, capture_output=True)
    assert built.stat().st_size > 50_000_000


def test_an_unwritable_cache_says_which_setting_fixes_it(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    from vectorstore.embed import _onnx_file

    with pytest.raises(StoreError, match="CITEQA_MODEL_CACHE"):
        _onnx_file(model_dir(), blocker / "models", quantized=True)


def test_a_store_built_by_another_runtime_names_the_setting(corpus_settings: Settings) -> None:
    QA.open(corpus_settings.with_(embed="onnx")).close()
    QA.open(corpus_settings.with_(embed="torch")).close()  # float runtimes share a store
    with pytest.raises(StoreError, match="CITEQA_EMBED"):
        QA.open(corpus_settings.with_(embed="onnx-int8"))


def test_a_failed_export_says_how_to_go_on(tmp_path: Path) -> None:
    """Damaged weights (or an exporter that breaks) give a StoreError naming the torch runtime."""
    import shutil

    from vectorstore.embed import _onnx_file

    damaged = tmp_path / "model"
    shutil.copytree(model_dir(), damaged)
    (damaged / "model.safetensors").write_bytes(b"\x00" * 1000)
    with pytest.raises(StoreError, match="CITEQA_EMBED=torch"):
        _onnx_file(damaged, tmp_path / "cache", quantized=False)
    assert not list((tmp_path / "cache").glob("*.onnx"))
