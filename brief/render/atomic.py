"""Atomic file writes: a crash never leaves a half-written brief behind.

A brief goes to ``.<name>.<pid>.<random>.tmp`` beside the target and is renamed over it
when complete.  A run killed outright (SIGKILL, power loss) cannot remove its temporary
file, so every write first removes the stale ones of its own target: those whose process
is gone.  Pipes, terminals and devices (``-o /dev/stdout``) are written directly: they
cannot be renamed over, and a reader sees the bytes as they come anyway.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

# a temporary file without a process id (an older brief's) is stale after this long
_STALE_SECONDS = 3600


def atomic_write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then ``os.replace``.

    The temporary file lives next to the target (same file system), is flushed and
    fsync'ed before the rename, and is removed if anything fails (also on an interrupt),
    so readers only ever see the old file or the complete new one.
    """
    path = Path(path)
    if is_special(path):
        _write_direct(path, data)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


_FD_NAMES = {"/dev/stdout": 1, "/dev/stderr": 2}
_FD_RX = re.compile(r"/(?:dev/fd|proc/self/fd)/(\d+)")


def _write_direct(path: Path, data: bytes) -> None:
    """Write to a pipe or device; the process's own descriptors are written through, sharing their offset."""
    name = os.path.abspath(path)
    m = _FD_RX.fullmatch(name)
    fd = _FD_NAMES.get(name, int(m.group(1)) if m else None)
    if fd is None:
        with open(path, "wb") as f:
            f.write(data)
        return
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def is_special(path: Path) -> bool:
    """True for a pipe, socket, terminal or device, and for any name under /dev or /proc.

    ``/dev/stdout`` is a link to the process's descriptor; when stdout is redirected to a
    regular file it resolves to that file, and a rename would replace the link itself.
    """
    if os.path.abspath(path).startswith(("/dev/", "/proc/")):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def remove_stale(path: Path) -> list[Path]:
    """Remove the temporary files an earlier, killed write of ``path`` left; the ones removed."""
    rx = re.compile(r"\." + re.escape(path.name) + r"\.(?:(\d+)\.)?[A-Za-z0-9_]+\.tmp")
    removed: list[Path] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = rx.fullmatch(entry.name)
        if not m or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(m.group(1)) if m.group(1) else None
        try:
            stale = not _alive(pid) if pid is not None else now - entry.stat().st_mtime > _STALE_SECONDS
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # this process's own write in progress (another thread)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process: leave its file alone
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
