"""brief schedule: cron and systemd backends against a temp HOME and fake commands (never the real machine)."""

from __future__ import annotations

import stat
import sys
import textwrap
from pathlib import Path

import pytest

from brief.schedule import Host, ScheduleError, install, parse_at, remove, show


def _fake(tmp_path: Path, name: str, body: str) -> str:
    p = tmp_path / name
    p.write_text(f"#!{sys.executable}\nimport sys, pathlib\n" + textwrap.dedent(body))
    p.chmod(p.stat().st_mode | stat.S_IEXEC)
    return str(p)


@pytest.fixture()
def config(tmp_path):
    (tmp_path / "articles").mkdir()
    p = tmp_path / "my brief" / "brief.toml"
    p.parent.mkdir()
    p.write_text('sources = ["../articles"]\noutput_dir = "out"\n')
    return p


def _cron_host(tmp_path: Path) -> tuple[Host, Path]:
    table = tmp_path / "crontab.txt"
    cmd = _fake(tmp_path, "crontab", f"""
        table = pathlib.Path({str(table)!r})
        if sys.argv[1:] == ["-l"]:
            if not table.exists():
                sys.stderr.write("no crontab for tester\\n"); sys.exit(1)
            sys.stdout.write(table.read_text())
        elif sys.argv[1:] == ["-"]:
            table.write_text(sys.stdin.read())
        else:
            sys.exit(2)
        """)
    return Host(home=tmp_path / "home", crontab=[cmd], has_cron=True, has_systemd=False, python="/opt/py/bin/python"), table


def test_parse_at():
    assert str(parse_at("Monday 7:05")) == "mon 07:05"
    assert parse_at("fri 18").cron() == "0 18 * * 5"
    assert parse_at("sun 23:59").cron() == "59 23 * * 0"
    assert parse_at("sat 06:30").on_calendar() == "Sat *-*-* 06:30:00"
    for bad in ("someday 07:00", "mon 25:00", "07:00", ""):
        with pytest.raises(ScheduleError):
            parse_at(bad)


def test_cron_install_show_replace_remove(tmp_path, config):
    host, table = _cron_host(tmp_path)
    table.write_text("MAILTO=me@example.org\n30 2 * * * backup.sh\n")
    done = install(config, "mon 07:00", host=host)
    assert done.backend == "cron"
    lines = table.read_text().splitlines()
    assert lines[:2] == ["MAILTO=me@example.org", "30 2 * * * backup.sh"]  # the user's own lines survive
    job = lines[2]
    assert job.startswith("0 7 * * 1 cd '") and f"&& {host.python} -m brief weekly --config" in job  # not a `brief` on PATH
    assert f"--config '{config.resolve()}'" in job and "--as-of yesterday" in job
    assert job.split(" >> ")[1].startswith(f"'{config.parent.resolve() / 'out' / 'brief-weekly.log'}' 2>&1")
    [shown] = show(host=host)
    assert (shown.backend, shown.at) == ("cron", "mon 07:00") and "--as-of yesterday" in shown.command
    install(config, "fri 18:30", host=host)  # replaces, never duplicates
    jobs = [ln for ln in table.read_text().splitlines() if "brief-weekly" in ln]
    assert len(jobs) == 1 and jobs[0].startswith("30 18 * * 5 ")
    assert remove(host=host) == ["cron"]
    assert table.read_text().splitlines() == ["MAILTO=me@example.org", "30 2 * * * backup.sh"]
    assert show(host=host) == [] and remove(host=host) == []


def test_cron_reads_its_time_from_the_fields_and_knows_older_lines(tmp_path, config):
    host, table = _cron_host(tmp_path)
    table.write_text("15 6 * * 3 cd /x && /py -m brief.cli weekly --config /x/brief.toml >> /x/log 2>&1 # brief-weekly at=mon-07:00\n"
                     "0 1 * * * echo 100\\% done\n")
    [shown] = show(host=host)
    assert shown.at == "wed 06:15" and shown.command == "/py -m brief.cli weekly --config /x/brief.toml"
    install(config, "mon 07:00", host=host)  # the older line is replaced, the user's line kept as written
    lines = table.read_text().splitlines()
    assert lines[0] == "0 1 * * * echo 100\\% done" and len(lines) == 2 and lines[1].endswith("# brief-weekly")


def test_cron_with_empty_crontab(tmp_path, config):
    host, table = _cron_host(tmp_path)
    install(config, host=host)
    assert len(table.read_text().splitlines()) == 1


def test_systemd_user_timer(tmp_path, config):
    calls = tmp_path / "calls.txt"
    cmd = _fake(tmp_path, "systemctl", f"""
        with open({str(calls)!r}, "a") as f:
            f.write(" ".join(sys.argv[1:]) + "\\n")
        """)
    host = Host(home=tmp_path / "home", systemctl=[cmd, "--user"], has_systemd=True, has_cron=False, python="/opt/py/bin/python")
    done = install(config, "tue 06:15", host=host)
    unit_dir = tmp_path / "home" / ".config" / "systemd" / "user"
    timer, service = (unit_dir / "brief-weekly.timer").read_text(), (unit_dir / "brief-weekly.service").read_text()
    assert done.backend == "systemd" and str(unit_dir / "brief-weekly.timer") in done.where and done.note is None
    assert "OnCalendar=Tue *-*-* 06:15:00" in timer and "Persistent=true" in timer
    assert f'"--config" "{config.resolve()}"' in service and '"--as-of" "yesterday"' in service
    assert f"WorkingDirectory={config.parent.resolve()}" in service
    assert calls.read_text().splitlines() == ["--user daemon-reload", "--user enable --now brief-weekly.timer"]
    [shown] = show(host=host)
    assert (shown.backend, shown.at) == ("systemd", "tue 06:15")
    assert remove(host=host) == ["systemd"]
    assert not any(unit_dir.iterdir())
    assert "--user disable --now brief-weekly.timer" in calls.read_text()


def test_no_scheduler_and_bad_config(tmp_path, config):
    host = Host(home=tmp_path / "home", has_cron=False, has_systemd=False)
    with pytest.raises(ScheduleError, match="neither"):
        install(config, host=host)
    bad = tmp_path / "bad.toml"
    bad.write_text("windw = 3\n")
    from brief.errors import ConfigError

    with pytest.raises(ConfigError, match="windw"):
        install(bad, host=_cron_host(tmp_path)[0])
