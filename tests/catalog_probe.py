"""Reading a catalog from outside, the way another process sees a sync that is running."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def file_records(catalog: Path) -> tuple[int, int]:
    """(pending, complete) file records; (0, 0) while the catalog does not exist or cannot be read yet."""
    if not catalog.exists():
        return 0, 0
    try:
        with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True, timeout=1) as db:
            rows = db.execute("SELECT sha256 = '' FROM files").fetchall()
    except sqlite3.Error:
        return 0, 0
    return sum(1 for (p,) in rows if p), sum(1 for (p,) in rows if not p)
