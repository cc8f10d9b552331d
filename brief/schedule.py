"""``brief schedule install|show|remove``: run the weekly job from cron or a systemd user timer.

The job runs ``<this python> -m brief weekly --config <abs path> --as-of yesterday --quiet``
so each run covers complete days up to the day before it runs, and the week in
the file name is the week those days belong to.

Backends (the first the machine has, unless one is named):

* ``systemd`` -- ``~/.config/systemd/user/brief-weekly.{service,timer}``
  (``Persistent=true``: a run missed while the machine was off happens at the
  next boot), enabled with ``systemctl --user enable --now``;
* ``cron`` -- one line in the user's crontab (``crontab -l`` / ``crontab -``), read and
  written with python-crontab, tagged ``# brief-weekly``; output is appended to
  ``<output_dir>/brief-weekly.log``.

Everything that touches the machine goes through :class:`Host`, so tests run
against a temporary HOME and a fake ``crontab`` command.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from brief.errors import BriefError
from brief.lexicon import data as lexicon_data

if TYPE_CHECKING:
    from crontab import CronItem, CronTab

UNIT = "brief-weekly"
_WEEKDAYS = lexicon_data("calendar")["weekdays"]  # Monday first: [full name, abbreviation]
DAYS = tuple(names[1] for names in _WEEKDAYS)  # "mon" .. "sun"
DEFAULT_AT = "mon 07:00"


class ScheduleError(BriefError):
    """The schedule cannot be installed, shown or removed."""


@dataclass(frozen=True)
class At:
    weekday: int  # 0 = Monday
    hour: int
    minute: int

    def __str__(self) -> str:
        return f"{DAYS[self.weekday]} {self.hour:02d}:{self.minute:02d}"

    def cron(self) -> str:
        return f"{self.minute} {self.hour} * * {(self.weekday + 1) % 7}"

    def on_calendar(self) -> str:
        return f"{DAYS[self.weekday].capitalize()} *-*-* {self.hour:02d}:{self.minute:02d}:00"


def parse_at(text: str) -> At:
    """``"mon 07:00"``, ``"Monday 7:30"``, ``"fri 18"`` -> :class:`At` (local time of the machine)."""
    m = re.fullmatch(r"\s*([a-zA-Z]+)\s+(\d{1,2})(?::(\d{2}))?\s*", text or "")
    if m:
        day = m.group(1).lower()
        hour, minute = int(m.group(2)), int(m.group(3) or 0)
        for i, names in enumerate(_WEEKDAYS):
            if day in names and hour < 24 and minute < 60:
                return At(i, hour, minute)
    raise ScheduleError(f"--at: {text!r} is not a weekday and time such as 'mon 07:00'")


@dataclass
class Host:
    """The machine's scheduling facilities; replace any part in tests."""

    home: Path = field(default_factory=Path.home)
    crontab: Sequence[str] = ("crontab",)
    systemctl: Sequence[str] = ("systemctl", "--user")
    python: str = sys.executable
    has_cron: bool | None = None  # None: detect
    has_systemd: bool | None = None  # None: detect

    def unit_dir(self) -> Path:
        return self.home / ".config" / "systemd" / "user"

    def cron_available(self) -> bool:
        if self.has_cron is not None:
            return self.has_cron
        return shutil.which(self.crontab[0]) is not None

    def systemd_available(self) -> bool:
        if self.has_systemd is not None:
            return self.has_systemd
        return shutil.which(self.systemctl[0]) is not None and Path("/run/systemd/system").is_dir()

    def run(self, argv: Sequence[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(list(argv), input=stdin, capture_output=True, text=True, timeout=30, env=None)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ScheduleError(f"could not run {' '.join(argv)}: {e}") from None


@dataclass
class Installed:
    backend: str  # "cron" or "systemd"
    where: str  # crontab of the user, or the unit files
    at: str | None
    command: str
    note: str | None = None

    def describe(self) -> str:
        text = f"{self.backend}: {self.where}\n  when: {self.at or '?'} (machine local time)\n  runs: {self.command}"
        return text + (f"\n  note: {self.note}" if self.note else "")


def job_command(config_path: Path, host: Host) -> list[str]:
    return [host.python, "-m", "brief", "weekly", "--config", str(config_path), "--as-of", "yesterday", "--quiet"]


def choose_backend(host: Host, backend: str | None = None) -> str:
    if backend:
        if backend not in ("cron", "systemd"):
            raise ScheduleError(f"--backend: {backend!r} is not 'cron' or 'systemd'")
        return backend
    if host.systemd_available():
        return "systemd"
    if host.cron_available():
        return "cron"
    raise ScheduleError(
        "this machine has neither a running systemd user manager nor a crontab command;"
        " use --backend systemd to write the unit files anyway, or run `brief weekly` from your own scheduler"
    )


# -- cron ------------------------------------------------------------------------------
# The crontab's format (fields, comments, escaping "%") is python-crontab's; reading and
# writing the user's table goes through Host (``crontab -l`` / ``crontab -``), so tests use a fake.

_OURS = re.compile(r"^brief-weekly\b")  # our job's comment (older versions added " at=mon-07:00")


def _read_crontab(host: Host) -> CronTab:
    from crontab import CronTab

    r = host.run([*host.crontab, "-l"])
    if r.returncode != 0:
        if "no crontab" in (r.stderr + r.stdout).lower():
            return CronTab(tab="")
        raise ScheduleError(f"`{' '.join(host.crontab)} -l` failed: {(r.stderr or r.stdout).strip() or r.returncode}")
    return CronTab(tab=r.stdout.strip("\n"))


def _write_crontab(host: Host, tab: CronTab) -> None:
    text = tab.render().strip("\n")
    r = host.run([*host.crontab, "-"], stdin=text + "\n" if text else "")
    if r.returncode != 0:
        raise ScheduleError(f"`{' '.join(host.crontab)} -` failed: {(r.stderr or r.stdout).strip() or r.returncode}")


def _drop_ours(tab: CronTab) -> bool:
    ours = list(tab.find_comment(_OURS))
    for job in ours:
        tab.remove(job)
    return bool(ours)


def _install_cron(host: Host, at: At, config_path: Path, log: Path) -> Installed:
    cmd = " ".join(shlex.quote(a) for a in job_command(config_path, host))
    tab = _read_crontab(host)
    _drop_ours(tab)
    job = tab.new(command=f"cd {shlex.quote(str(config_path.parent))} && {cmd} >> {shlex.quote(str(log))} 2>&1", comment=UNIT)
    job.setall(at.cron())
    _write_crontab(host, tab)
    return Installed("cron", "the user's crontab (crontab -l)", str(at), cmd, f"output is appended to {log}")


def _when(job: CronItem) -> str | None:
    try:
        minute, hour, dow = (int(str(x)) for x in (job.minute, job.hour, job.dow))
    except ValueError:
        return None
    return str(At((dow - 1) % 7, hour, minute))


def _show_cron(host: Host) -> Installed | None:
    if not host.cron_available():
        return None
    for job in _read_crontab(host).find_comment(_OURS):
        cmd = job.command.split(" && ", 1)[-1].split(" >> ", 1)[0]
        return Installed("cron", "the user's crontab (crontab -l)", _when(job), cmd)
    return None


def _remove_cron(host: Host) -> bool:
    if not host.cron_available():
        return False
    tab = _read_crontab(host)
    if not _drop_ours(tab):
        return False
    _write_crontab(host, tab)
    return True


# -- systemd ---------------------------------------------------------------------------


def _systemd_quote(arg: str) -> str:
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%") + '"'


def _install_systemd(host: Host, at: At, config_path: Path) -> Installed:
    folder = host.unit_dir()
    folder.mkdir(parents=True, exist_ok=True)
    argv = job_command(config_path, host)
    service = folder / f"{UNIT}.service"
    timer = folder / f"{UNIT}.timer"
    service.write_text(
        "[Unit]\n"
        f"Description=brief: weekly situation brief ({config_path})\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"WorkingDirectory={config_path.parent}\n"
        f"ExecStart={' '.join(_systemd_quote(a) for a in argv)}\n"
    )
    timer.write_text(
        "[Unit]\n"
        f"Description=brief: weekly situation brief, {at}\n\n"
        "[Timer]\n"
        f"OnCalendar={at.on_calendar()}\n"
        "Persistent=true\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    note = None
    for args in (["daemon-reload"], ["enable", "--now", f"{UNIT}.timer"]):
        r = host.run([*host.systemctl, *args])
        if r.returncode != 0:
            note = (
                f"unit files written, but `{' '.join([*host.systemctl, *args])}` failed"
                f" ({(r.stderr or r.stdout).strip() or r.returncode}); run `systemctl --user enable --now {UNIT}.timer` where systemd runs"
            )
            break
    return Installed("systemd", f"{service} and {timer}", str(at), " ".join(shlex.quote(a) for a in argv), note)


def _show_systemd(host: Host) -> Installed | None:
    service = host.unit_dir() / f"{UNIT}.service"
    timer = host.unit_dir() / f"{UNIT}.timer"
    if not timer.exists() and not service.exists():
        return None
    at = None
    cmd = ""
    if timer.exists():
        m = re.search(r"^OnCalendar=(\w+) \*-\*-\* (\d\d:\d\d)", timer.read_text(), re.M)
        at = f"{m.group(1).lower()} {m.group(2)}" if m else None
    if service.exists():
        m = re.search(r"^ExecStart=(.*)$", service.read_text(), re.M)
        cmd = m.group(1) if m else ""
    return Installed("systemd", f"{service} and {timer}", at, cmd)


def _remove_systemd(host: Host) -> bool:
    service = host.unit_dir() / f"{UNIT}.service"
    timer = host.unit_dir() / f"{UNIT}.timer"
    if not timer.exists() and not service.exists():
        return False
    if host.systemd_available():
        host.run([*host.systemctl, "disable", "--now", f"{UNIT}.timer"])
    timer.unlink(missing_ok=True)
    service.unlink(missing_ok=True)
    if host.systemd_available():
        host.run([*host.systemctl, "daemon-reload"])
    return True


# -- public ---------------------------------------------------------------------------


def install(config_path: str | Path, at: str = DEFAULT_AT, *, backend: str | None = None, host: Host | None = None) -> Installed:
    """Schedule ``brief weekly`` for ``config_path`` (validated first); replaces an earlier schedule."""
    from brief.config import load_config

    host = host or Host()
    when = parse_at(at)
    path = Path(config_path).expanduser().resolve()
    weekly = load_config(path).weekly
    if not weekly.sources:
        raise ScheduleError(f"{path}: sources: no sources configured; the weekly job would have nothing to read")
    chosen = choose_backend(host, backend)
    # one schedule at a time: drop one installed with the other backend
    if chosen == "cron":
        _remove_systemd(host)
        return _install_cron(host, when, path, weekly.output_dir / "brief-weekly.log")
    if host.cron_available():
        _remove_cron(host)
    return _install_systemd(host, when, path)


def show(*, host: Host | None = None) -> list[Installed]:
    """The installed schedules (normally zero or one)."""
    host = host or Host()
    return [x for x in (_show_systemd(host), _show_cron(host)) if x is not None]


def remove(*, host: Host | None = None) -> list[str]:
    """Remove the schedule; return the backends it was removed from."""
    host = host or Host()
    return [name for name, fn in (("systemd", _remove_systemd), ("cron", _remove_cron)) if fn(host)]


__all__ = ["At", "Host", "Installed", "ScheduleError", "parse_at", "install", "show", "remove", "job_command", "choose_backend"]
