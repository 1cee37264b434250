"""The one place that reads CITEQA_* environment variables; everything else gets a Settings."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from vectorstore.errors import SettingsError

ENV_PREFIX = "CITEQA_"
EMBED_RUNTIMES = ("onnx-int8", "onnx", "torch")  # of all-MiniLM-L6-v2; see vectorstore/embed.py


@dataclass(frozen=True)
class Settings:
    """Where the corpus and the index live, how the chat is served, and how retrieval behaves."""

    corpus: Path = Path("corpus")
    data_dir: Path = Path(".citeqa")
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str = ""  # "user:password"; required to bind beyond loopback
    top_k: int = 8
    chunk_chars: int = 500
    fusion: str = "relative"  # or "rrf" (reciprocal rank)
    chroma_host: str = ""  # empty: embedded PersistentClient under data_dir; else a `chroma run` server
    chroma_port: int = 8000
    max_question_chars: int = 2000
    mode: str = "extractive"  # or "llm": generative answers, verified sentence by sentence
    llm_base_url: str = ""  # an OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1
    llm_model: str = ""
    llm_api_key: str = ""
    llm_gguf: str = ""  # a local GGUF file run in-process by llama-cpp-python (citeqa[llm])
    llm_timeout: float = 60.0  # seconds per LLM request
    llm_retries: int = 1
    llm_context: int = 4096  # the model's context window in tokens; passages are trimmed to fit
    show_unverified: bool = False  # keep (and mark) sentences the verifier could not support
    embed: str = "onnx-int8"  # the embedding runtime: onnx-int8, onnx (float32) or torch
    model_cache: Path = Path("")  # where the ONNX model is built once; empty: the user's cache folder

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from CITEQA_* variables, then apply non-None overrides (CLI flags win)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for field in fields(cls):
            raw = env.get(ENV_PREFIX + field.name.upper())
            if raw is not None and raw.strip() != "":
                values[field.name] = _convert(field.name, field.type, raw.strip())
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed (tests and the CLI use this)."""
        return replace(self, **changes)

    def __post_init__(self) -> None:
        """Every Settings is checked, however it was built."""
        object.__setattr__(self, "corpus", Path(self.corpus))
        object.__setattr__(self, "data_dir", Path(self.data_dir))
        if str(self.model_cache) in ("", "."):
            cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
            object.__setattr__(self, "model_cache", Path(cache_home) / "citeqa")
        object.__setattr__(self, "model_cache", Path(self.model_cache).expanduser())
        if self.embed not in EMBED_RUNTIMES:
            raise SettingsError(f"embed {self.embed!r} is unknown — set CITEQA_EMBED to onnx-int8, onnx or torch")
        if not 1 <= self.port <= 65535:
            raise SettingsError(f"port {self.port} is out of range — set CITEQA_PORT to 1..65535")
        if not 1 <= self.top_k <= 100:
            raise SettingsError(f"top_k {self.top_k} is out of range — set CITEQA_TOP_K to 1..100")
        if self.chunk_chars < 100:
            raise SettingsError("chunk_chars must be at least 100 — set CITEQA_CHUNK_CHARS=500")
        if self.fusion not in ("relative", "rrf"):
            raise SettingsError(f"fusion {self.fusion!r} is unknown — set CITEQA_FUSION to relative or rrf")
        if not 1 <= self.chroma_port <= 65535:
            raise SettingsError(f"chroma_port {self.chroma_port} is out of range — set CITEQA_CHROMA_PORT")
        if self.auth and ":" not in self.auth:
            raise SettingsError("CITEQA_AUTH must look like user:password")
        if self.mode not in ("extractive", "llm"):
            raise SettingsError(f"mode {self.mode!r} is unknown — set CITEQA_MODE to extractive or llm")
        if self.mode == "llm" and not (self.llm_base_url or self.llm_gguf):
            raise SettingsError(
                "mode llm needs a model — set CITEQA_LLM_BASE_URL (an OpenAI-compatible /v1 endpoint) "
                "and CITEQA_LLM_MODEL, or CITEQA_LLM_GGUF=path/to/model.gguf"
            )
        if self.llm_timeout <= 0 or self.llm_retries < 0 or self.llm_context < 512:
            raise SettingsError(
                "CITEQA_LLM_TIMEOUT must be > 0, CITEQA_LLM_RETRIES >= 0 and CITEQA_LLM_CONTEXT >= 512"
            )


def parse_chroma_url(url: str) -> tuple[str, int]:
    """'http://host:port' (or 'host:port') as (host, port), for --chroma-url."""
    match = re.fullmatch(r"(?:https?://)?([^:/\s]+)(?::(\d+))?/?", url.strip())
    if not match:
        raise SettingsError(f"--chroma-url {url!r} is not like http://127.0.0.1:8000")
    return match.group(1), int(match.group(2) or 8000)


def _convert(name: str, kind: Any, raw: str) -> Any:
    kind_name = kind if isinstance(kind, str) else getattr(kind, "__name__", str(kind))
    if kind_name == "int":
        try:
            return int(raw)
        except ValueError:
            raise SettingsError(
                f"{ENV_PREFIX}{name.upper()}={raw!r} is not a whole number — set it to e.g. 5"
            ) from None
    if kind_name == "float":
        try:
            return float(raw)
        except ValueError:
            raise SettingsError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a number — set it to e.g. 30") from None
    if kind_name == "bool":
        if raw.lower() not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            raise SettingsError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a yes/no value — set it to 1 or 0")
        return raw.lower() in ("1", "true", "yes", "on")
    if kind_name == "Path":
        return Path(raw).expanduser()
    return raw
