"""Interrupts and output: SIGINT/SIGTERM at any moment, ``-o /dev/stdout``, stale temporary files.

The signals are sent by the process to itself at a chosen point (an import, a stage, the
write of the brief), through a small wrapper around the real ``brief`` entry point, so
each test hits the moment it names every time.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brief.render.atomic import atomic_write, remove_stale
from hostile_helpers import GOOD_ARTICLE

WRAPPER = r"""
import builtins, os, signal, sys
import brief.entry

mode, signame = sys.argv[1], sys.argv[2]
sig = getattr(signal, signame)
kill = lambda: os.kill(os.getpid(), sig)
if mode.startswith("import:"):
    target, real = mode[7:], builtins.__import__
    def hook(name, *a, **k):
        if name == target:
            builtins.__import__ = real
            kill()
        return real(name, *a, **k)
    builtins.__import__ = hook
elif mode == "clean":
    import brief.pipeline as p
    real_clean = p.clean_documents
    def clean(*a, **k):
        kill()
        return real_clean(*a, **k)
    p.clean_documents = clean
elif mode == "write":
    real_fsync = os.fsync
    def fsync(fd):
        kill()
        return real_fsync(fd)
    os.fsync = fsync
sys.argv = ["brief"] + sys.argv[3:]
brief.entry.main()
"""


def _inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.md").write_text(GOOD_ARTICLE, encoding="utf-8")
    return src


def _brief(tmp_path: Path, mode: str, signame: str, out: Path) -> subprocess.CompletedProcess:
    wrapper = tmp_path / "wrapper.py"
    wrapper.write_text(WRAPPER)
    args = ["build", str(_inputs(tmp_path)), "-o", str(out), "-q", "--summarizer", "extractive"]
    return subprocess.run([sys.executable, str(wrapper), mode, signame, *args], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path)


@pytest.mark.parametrize(("signame", "status"), [("SIGINT", 130), ("SIGTERM", 143)])
def test_signal_during_import(tmp_path: Path, signame: str, status: int) -> None:
    out = tmp_path / "out" / "brief.json"
    r = _brief(tmp_path, "import:typer", signame, out)
    assert r.returncode == status, r.stderr
    assert r.stderr.strip() == "interrupted"
    assert not out.parent.exists()


def test_sigint_during_a_heavy_import(tmp_path: Path) -> None:
    out = tmp_path / "out" / "brief.json"
    r = _brief(tmp_path, "import:spacy", "SIGINT", out)
    assert r.returncode == 130 and r.stderr.strip() == "interrupted", r.stderr
    assert not out.parent.exists()


def test_sigterm_mid_run(tmp_path: Path) -> None:
    out = tmp_path / "out" / "brief.json"
    r = _brief(tmp_path, "clean", "SIGTERM", out)
    assert r.returncode == 143 and r.stderr.strip() == "interrupted", r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert not out.parent.exists()


def test_sigint_while_writing_keeps_the_old_brief(tmp_path: Path) -> None:
    out = tmp_path / "out" / "brief.json"
    out.parent.mkdir()
    out.write_text("the previous brief\n")
    r = _brief(tmp_path, "write", "SIGINT", out)
    assert r.returncode == 130 and r.stderr.strip() == "interrupted", r.stderr
    assert out.read_text() == "the previous brief\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["brief.json"]  # no temporary file left


def _dev_stdout_is_intact() -> bool:
    return not stat.S_ISREG(os.lstat("/dev/stdout").st_mode)


@pytest.fixture()
def guard_dev_stdout():
    """Put /dev/stdout back if a broken writer replaced the link (it is shared by the whole machine)."""
    was_link = os.path.islink("/dev/stdout")
    yield
    if was_link and not os.path.islink("/dev/stdout"):
        os.unlink("/dev/stdout")
        os.symlink("/proc/self/fd/1", "/dev/stdout")


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="no /dev/stdout")
@pytest.mark.parametrize("to", ["pipe", "file"])
def test_output_to_dev_stdout(tmp_path: Path, to: str, guard_dev_stdout) -> None:
    exe = Path(sys.executable).parent / "brief"
    args = [str(exe), "build", str(_inputs(tmp_path)), "-f", "md", "-o", "/dev/stdout", "-q",
            "--summarizer", "extractive"]
    if to == "pipe":
        r = subprocess.run(args, capture_output=True, timeout=300)
        text = r.stdout.decode()
    else:
        target = tmp_path / "captured.md"
        with open(target, "wb") as f:
            r = subprocess.run(args, stdout=f, stderr=subprocess.PIPE, timeout=300)
        text = target.read_text()
    assert r.returncode == 0, r.stderr
    assert _dev_stdout_is_intact()
    assert text.startswith("**") and "# " in text and "Ferry" in text
    assert "wrote /dev/stdout" not in text and b"wrote /dev/stdout" in r.stderr


def test_stale_temporary_files_of_the_target_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    gone = subprocess.Popen(["true"])
    gone.wait()
    dead = tmp_path / f".brief.pdf.{gone.pid}.k2j4h6g8.tmp"  # left by a killed run
    old = tmp_path / ".brief.pdf.a1b2c3d4.tmp"  # left by an older brief, hours ago
    live = tmp_path / f".brief.pdf.{os.getpid()}.zz99yy88.tmp"  # a write in progress
    other = tmp_path / f".notes.pdf.{gone.pid}.k2j4h6g8.tmp"  # another output's
    for p in (dead, old, live, other):
        p.write_bytes(b"partial")
    hours_ago = time.time() - 3 * 3600
    os.utime(old, (hours_ago, hours_ago))
    atomic_write(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert not dead.exists() and not old.exists()
    assert live.exists() and other.exists()
    assert remove_stale(target) == []
