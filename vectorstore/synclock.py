"""One sync at a time per data dir: an flock on a lock file, released by the OS if its holder dies."""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vectorstore.errors import StoreError

LOCK_FILE = "sync.lock"
_held: dict[Path, tuple[int, int]] = {}  # data dir → (thread holding its lock, depth): re-entry by that thread
_held_guard = threading.Lock()


@contextmanager
def sync_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data dir's sync lock, or refuse at once naming the process that holds it.

    The thread that holds it may take it again (a rebuild or repair syncs under the lock it already has).
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    key = data_dir.resolve()
    me = threading.get_ident()
    with _held_guard:
        owner, depth = _held.get(key, (0, 0))
        if owner == me:
            _held[key] = (me, depth + 1)
    if owner == me:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] = (me, depth)
        return
    path = data_dir / LOCK_FILE
    handle = open(path, "a+")  # noqa: SIM115 — held for the whole sync, closed in finally
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(
                f"another sync of the index is running ({holder}) — wait for it to finish and run "
                "`citeqa ingest` again; questions are still answered meanwhile"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        with _held_guard:
            _held[key] = (me, 1)
        try:
            yield
        finally:
            with _held_guard:
                _held.pop(key, None)
    finally:
        handle.close()  # closing releases the flock; a killed holder's lock is released by the OS


def sync_running(data_dir: Path) -> bool:
    """True when some process or thread holds the sync lock right now (a snapshot, for skipping checks)."""
    with _held_guard:
        if data_dir.resolve() in _held:
            return True
    path = data_dir / LOCK_FILE
    if not path.exists():
        return False
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False
