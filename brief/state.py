"""Crash-safe files of the weekly job: the state file, the run lock, atomic JSON writes.

The state file (``<output_dir>/.brief-weekly-state.json`` unless the config
names another) records every document the job has seen (with when it was
first seen, which dates undated documents) and every brief it has made::

    {"version": 1,
     "documents": {"d-...": {"first_seen": "2024-01-07T23:59:59+00:00", "title": ..., "published": ..., "source": ...}},
     "briefs": {"2024-W02": {"as_of": ..., "since": ..., "until": ..., "files": [...], "documents": [...],
                             "previous": "2024-W01", "new_themes": [...], "new_events": [...],
                             "generated_at": ..., "run_id": ...}}}

It is only ever replaced whole (temp file + fsync + ``os.replace``), so a crash
leaves either the old or the new state, never a mix.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from brief.errors import BriefError
from brief.render.atomic import atomic_write

STATE_VERSION = 1
LOCK_NAME = ".brief-weekly.lock"


class StateError(BriefError):
    """The state file cannot be read or is not a brief state file."""


class BusyError(BriefError):
    """Another weekly run holds the lock."""


def empty_state() -> dict[str, Any]:
    return {"version": STATE_VERSION, "documents": {}, "briefs": {}}


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never a part."""
    atomic_write(path, data)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_json(path: Path, data: Any) -> None:
    atomic_write_bytes(path, (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))


def load_state(path: Path) -> dict[str, Any]:
    """The state at ``path`` (an empty state when the file does not exist yet)."""
    if not path.exists():
        return empty_state()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise StateError(
            f"{path}: state file is unreadable ({e}); it is only ever replaced whole, so something else changed it"
            " -- move it away to start a fresh history"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict) or not isinstance(data.get("briefs"), dict):
        raise StateError(f"{path}: not a brief weekly state file (expected 'documents' and 'briefs' tables)")
    if data.get("version", STATE_VERSION) > STATE_VERSION:
        raise StateError(f"{path}: state file version {data.get('version')} is newer than this brief understands")
    return data


def save_state(path: Path, state: dict[str, Any]) -> None:
    atomic_write_json(path, state)


@contextlib.contextmanager
def run_lock(folder: Path) -> Iterator[Path]:
    """Hold the exclusive lock ``folder/.brief-weekly.lock`` (raise :class:`BusyError` if taken).

    ``filelock`` works on every platform; the holder's pid sits beside the lock, for the message.
    """
    from filelock import FileLock, Timeout

    folder.mkdir(parents=True, exist_ok=True)
    lock_path = folder / LOCK_NAME
    pid_path = folder / (LOCK_NAME + ".pid")
    lock = FileLock(lock_path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        try:
            holder = pid_path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            holder = ""
        who = f" (pid {holder})" if holder.isdigit() else ""
        raise BusyError(f"another `brief weekly` run is in progress{who}: {lock_path} is locked; "
                        "try again when it has finished") from None
    try:
        with contextlib.suppress(OSError):
            pid_path.write_text(str(os.getpid()), encoding="ascii")
        yield lock_path
    finally:
        with contextlib.suppress(OSError):
            pid_path.unlink()
        lock.release()
