"""Remember sentence embeddings: questions about one story keep scoring the same sentences."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

Encoder = Callable[[list[str]], np.ndarray]


class CachedEncoder:
    """Wraps an encoder with a bounded least-recently-used cache keyed by the exact text."""

    def __init__(self, encode: Encoder, max_items: int = 20_000) -> None:
        self._encode = encode
        self._max = max_items
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            fresh = self._encode(missing)
            with self._lock:
                for text, vector in zip(missing, fresh):
                    self._cache[text] = vector
                    self._cache.move_to_end(text)
                while len(self._cache) > self._max:
                    self._cache.popitem(last=False)
                found = {t: self._cache.get(t) for t in texts}
            # a text evicted between the two locks (a flood of other questions) is encoded again
            found.update({t: v for t, v in zip(missing, fresh)})
        else:
            with self._lock:
                found = {t: self._cache[t] for t in texts}
                for t in texts:
                    self._cache.move_to_end(t)
        return np.stack([found[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)
