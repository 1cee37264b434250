"""One sync at a time per data dir: an flock on a lock file, released by the OS if its holder dies."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vectorstore.errors import StoreError

LOCK_FILE = "sync.lock"


@contextmanager
def sync_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data dir's sync lock, or refuse at once naming the process that holds it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_FILE
    handle = open(path, "a+")  # noqa: SIM115 — held for the whole sync, closed in finally
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(
                f"another sync of {data_dir} is running ({holder}) — wait for it to finish and run "
                "`citeqa ingest` again; questions are still answered meanwhile"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the flock; a killed holder's lock is released by the OS
