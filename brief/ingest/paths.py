"""Which files an input names: a file, a folder (recursive) or a glob pattern.

Every file or folder that cannot be used is reported once (a symbolic link loop, a broken
link, a folder without read permission, an unsupported type); the others are returned.
"""

from __future__ import annotations

import errno
import glob as _glob
import os
from collections.abc import Callable
from pathlib import Path

from brief.model import InputProblem

Reporter = Callable[[InputProblem], None]

# Files that describe a folder rather than report news (README.md beside a corpus).
# Skipped when walking a folder; still read when named explicitly.
_FOLDER_DOCS = ("readme", "license", "licence", "changelog", "contributing", "copying", "notice")


def is_folder_doc(name: str) -> bool:
    return name.lower().split(".")[0] in _FOLDER_DOCS


def unusable(p: Path) -> str | None:
    """Why ``p`` cannot be opened (a link loop, a broken link, ...), or None when it can be stat'ed."""
    try:
        os.stat(p)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop"
        if os.path.islink(p):
            return "broken symbolic link (its target does not exist)"
        return f"cannot read ({e.strerror or e})"
    except ValueError as e:  # an embedded NUL byte
        return f"cannot read ({e})"
    return None


def _walk(p: Path, item: str, supported: set[str], on_problem: Reporter) -> list[Path] | None:
    found: list[Path] = []
    top_unreadable = False

    def onerror(e: OSError) -> None:
        nonlocal top_unreadable
        where = e.filename or item
        if Path(where) == p:
            top_unreadable = True
        on_problem(InputProblem(str(where), f"cannot read folder ({e.strerror or e})"))

    for root, dirs, files in os.walk(p, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.startswith(".") or is_folder_doc(f):
                continue
            fp = Path(root) / f
            if fp.suffix.lower() not in supported:
                on_problem(InputProblem(str(fp), f"unsupported file type ({fp.suffix or 'no extension'})"))
                continue
            why = unusable(fp) if fp.is_symlink() else None
            if why:
                on_problem(InputProblem(str(fp), why))
                continue
            found.append(fp)
    if not found:
        if not top_unreadable:
            on_problem(InputProblem(item, "folder has no readable articles"))
        return None
    return found


def glob_paths(pattern: str) -> list[Path]:
    """The paths a glob pattern matches, in sorted order.

    Like ``glob.glob(recursive=True)`` (``*`` does not match a leading dot), except that ``**``
    does not descend into symbolic links to folders: two links back to their own folder would
    otherwise make the walk grow without end.
    """
    parts = Path(os.path.expanduser(pattern)).parts
    split = next((i for i, part in enumerate(parts) if _glob.has_magic(part)), len(parts))
    base = Path(*parts[:split]) if split else Path(".")
    rest = parts[split:]
    if not rest:
        return [base] if os.path.lexists(base) else []
    hidden_ok = any(part.startswith(".") for part in rest)
    found: list[Path] = []
    try:
        for m in base.glob(str(Path(*rest))):
            if hidden_ok or not any(part.startswith(".") for part in m.relative_to(base).parts):
                found.append(m)
    except (OSError, ValueError):
        pass
    return sorted(found)


def _glob_files(item: str, supported: set[str], on_problem: Reporter) -> list[Path] | None:
    matches = glob_paths(item)
    files: list[Path] = []
    reported = False
    for m in matches:
        if m.is_dir():
            files.extend(_walk(m, str(m), supported, on_problem) or [])
        elif m.is_file():
            files.append(m)
        else:
            why = unusable(m)
            if why:
                on_problem(InputProblem(str(m), why))
                reported = True
    if not files:
        if not reported:
            on_problem(InputProblem(item, "no files match the pattern"))
        return None
    return files


def expand(item: str, supported: set[str], on_problem: Reporter) -> list[Path] | None:
    """Files named by a path, folder or glob; None when nothing usable (each problem reported)."""
    p = Path(item).expanduser()
    if p.is_dir():
        return _walk(p, item, supported, on_problem)
    if p.is_file():
        return [p]
    if any(ch in item for ch in "*?["):
        return _glob_files(item, supported, on_problem)
    why = unusable(p) if os.path.lexists(p) else None
    on_problem(InputProblem(item, why or "no such file or folder"))
    return None


def identity(f: Path) -> Path | str:
    """What makes two names the same file (the resolved path); a string for an unresolvable one."""
    try:
        return f.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return str(f)
