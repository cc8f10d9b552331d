"""brief.toml loading and validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.cli import app
from brief.config import load_config
from brief.errors import ConfigError


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "brief.toml"
    p.write_text(text)
    return p


def test_full_config_and_relative_paths(tmp_path):
    p = _write(tmp_path, '''title = "Harbour watch"
sources = ["articles/", "feeds/*.xml", "https://news.example/feed.rss"]
output_dir = "briefs"
window = 14
timezone = "Europe/Paris"
summarizer = "extractive"
max_themes = 5
handling = "TLP:CLEAR"
formats = ["pdf"]
''')
    c = load_config(p)
    assert c.title == "Harbour watch"
    assert c.sources == [str(tmp_path / "articles"), str(tmp_path / "feeds/*.xml"), "https://news.example/feed.rss"]
    assert c.output_dir == tmp_path / "briefs"
    assert (c.window_days, c.timezone, c.summarizer, c.max_themes, c.handling) == (14, "Europe/Paris", "extractive", 5, "TLP:CLEAR")
    assert c.formats == ["pdf", "json"]  # json is always kept: next week compares against it
    assert c.config_path == p.resolve()


def test_defaults(tmp_path):
    c = load_config(_write(tmp_path, 'sources = "a"\n'))
    assert c.window_days == 7 and c.timezone == "UTC" and c.output_dir == tmp_path / "out" and c.sources == [str(tmp_path / "a")]


@pytest.mark.parametrize(
    "text, needle",
    [
        ('title = "x"\nwindw = 7\n', r"brief.toml:2: windw: unknown key \(did you mean 'window'\?\)"),
        ("window = \"seven\"\n", r"brief.toml:1: window: expected a whole number, got a string"),
        ("window = 0\n", r"window: must be at least 1"),
        ("max_themes = true\n", r"max_themes: expected a whole number, got a boolean"),
        ('summarizer = "fast"\n', r"summarizer: 'fast' is not one of auto, seq2seq, extractive"),
        ('timezone = "Mars/Olympus"\n', r"timezone: unknown time zone 'Mars/Olympus'"),
        ("sources = [1, 2]\n", r"sources: expected a string or an array of strings, got an array"),
        ("sources = []\n", r"sources: needs at least one"),
        ('formats = ["docx"]\n', r"formats: unknown format 'docx'"),
        ('title = "x"\n\noutput_dir = \n', r"brief.toml: invalid TOML: .*line 3"),
        ('[weekly]\nwindow = 7\n', r"brief.toml:1: weekly: unknown key"),
    ],
)
def test_bad_config_names_key_and_line(tmp_path, text, needle):
    with pytest.raises(ConfigError, match=needle):
        load_config(_write(tmp_path, text))


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")


def test_cli_reports_bad_config_in_one_line(tmp_path):
    p = _write(tmp_path, "window = -3\n")
    r = CliRunner().invoke(app, ["weekly", "--config", str(p)])
    assert r.exit_code == 1
    assert "window: must be at least 1" in r.output and "Traceback" not in r.output
