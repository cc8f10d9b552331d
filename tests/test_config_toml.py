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
    s = load_config(p)
    c, w = s.pipeline, s.weekly
    assert c.title == "Harbour watch"
    assert w.sources == [str(tmp_path / "articles"), str(tmp_path / "feeds/*.xml"), "https://news.example/feed.rss"]
    assert w.output_dir == tmp_path / "briefs"
    assert (w.window_days, w.timezone, c.summarizer, c.max_themes, c.handling) == (14, "Europe/Paris", "extractive", 5, "TLP:CLEAR")
    assert w.formats == ["pdf", "json"]  # json is always kept: next week compares against it
    assert s.config_path == p.resolve()


def test_defaults(tmp_path):
    w = load_config(_write(tmp_path, 'sources = "a"\n')).weekly
    assert w.window_days == 7 and w.timezone == "UTC" and w.output_dir == tmp_path / "out" and w.sources == [str(tmp_path / "a")]


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
        ('title = "x"\n\nwindow = 400\n', r"brief.toml:3: window: window of 400 days is longer than a year"),
        ('title = "x"\nfetch_timeout = "soon"\n', r"brief.toml:2: fetch_timeout: expected a positive number of seconds, got 'soon'"),
        ('strict = "yes"\n', r"brief.toml:1: strict: expected true or false, got a string"),
        ('title = "  "\n', r"brief.toml:1: title: must not be empty"),
        ('dask = "tcp://h:8786"\n', r"brief.toml:1: dask: unknown key"),
    ],
)
def test_bad_config_names_key_and_line(tmp_path, text, needle):
    with pytest.raises(ConfigError, match=needle):
        load_config(_write(tmp_path, text))


def test_settings_are_validated_in_python_too():
    from pydantic import ValidationError

    from brief.config import BriefConfig, PipelineSettings, WeeklySettings

    assert BriefConfig is PipelineSettings
    with pytest.raises(ValidationError):
        BriefConfig(max_themes=0)
    with pytest.raises(ValidationError):
        BriefConfig(sources=["a"])  # a weekly setting: the pipeline's settings do not take it
    assert WeeklySettings(formats=["PDF"]).formats == ["pdf", "json"]


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")


def test_cli_reports_bad_config_in_one_line(tmp_path):
    p = _write(tmp_path, "window = -3\n")
    r = CliRunner().invoke(app, ["weekly", "--config", str(p)])
    assert r.exit_code == 1
    assert "window: must be at least 1" in r.output and "Traceback" not in r.output
