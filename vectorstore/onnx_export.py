"""Turn the bundled all-MiniLM-L6-v2 weights into an ONNX graph (optionally int8) once, on this machine.

The graph is derived from the package's own model.safetensors, so nothing is downloaded. It includes
mean pooling and normalisation: one run gives the sentence-transformers embedding. Only this module
imports torch, transformers and onnx; asking never needs them once the file exists.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

from vectorstore.errors import StoreError

INPUTS = ("input_ids", "attention_mask")
OUTPUT = "embedding"


def export_minilm(model_dir: Path, out: Path, quantize: bool) -> None:
    """Write the ONNX graph for model_dir to out (int8 weights when quantize), atomically."""
    try:
        import torch
        from transformers import AutoModel
    except ImportError:
        raise StoreError(
            "building the ONNX embedding model needs torch and transformers — run `make` "
            "(or `pip install -e .`), or set CITEQA_EMBED=torch"
        ) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".export-") as tmp:
        fp32 = Path(tmp) / "model.onnx"
        model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                _pooled(model),
                (torch.ones(2, 8, dtype=torch.long), torch.ones(2, 8, dtype=torch.long)),
                str(fp32),
                input_names=list(INPUTS),
                output_names=[OUTPUT],
                dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                              "attention_mask": {0: "batch", 1: "tokens"}, OUTPUT: {0: "batch"}},
                opset_version=17,
                dynamo=False,
            )
        final = fp32
        if quantize:
            final = Path(tmp) / "model-int8.onnx"
            _quantize(fp32, final)
        os.replace(final, out)  # same folder: readers see the old file or the whole new one


def _quantize(source: Path, target: Path) -> None:
    """Dynamic int8 quantisation of the matrix products, per output channel, 7-bit weights.

    Of the variants tried on the seed texts this kept closest to the float model (cosine >= 0.98).
    """
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser logs "consider pre-processing" to the root logger
    try:
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         reduce_range=True, op_types_to_quantize=["MatMul"])
    finally:
        root.setLevel(level)


def _pooled(model: Any) -> Any:  # the class needs torch, imported only when exporting
    import torch

    class Pooled(torch.nn.Module):
        """BERT, then the mean over real tokens, then unit length: sentence-transformers' pipeline."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1)

    return Pooled()
