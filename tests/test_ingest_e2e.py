"""End to end through the real pipeline: mixed formats build a brief; broken files are skipped with one line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief import BriefConfig, build_brief
from brief.errors import InputError
from brief.model import InputProblem

FIX = Path(__file__).parent / "fixtures" / "ingest"


def test_mixed_html_jsonl_rss_folder_builds_a_brief():
    b = build_brief([FIX / "mixed"], config=BriefConfig(summarizer="extractive"))
    assert {d.format for d in b.documents} == {"html", "jsonl", "rss"}
    assert len(b.documents) == 5 and not b.problems
    assert all(d.sentences for d in b.documents)
    out = b.to_dict()
    assert all("Share this article" not in s for d in out["documents"] for s in d["sentences"])
    assert any(x["kind"] == "share" for x in out["dropped"])


def test_broken_files_next_to_good_ones():
    seen: list[InputProblem] = []
    from brief.pipeline import run

    b = run([FIX / "broken"], BriefConfig(summarizer="extractive"), report=seen.append)
    assert sorted(d.title for d in b.documents) == ["Café talks resume in the capital", "Good line",
                                                    "Grid operator warns of new outages"]
    names = sorted(Path(p.path).name for p in seen)
    assert names == ["bad.json", "bad.rss", "empty.txt", "half.jsonl", "picture.txt"]
    assert all("\n" not in str(p) for p in seen)
    assert b.to_dict()["input_errors"] == [p.to_dict() for p in b.problems]


def test_strict_fails_on_broken_file():
    with pytest.raises(InputError):
        build_brief([FIX / "broken"], config=BriefConfig(summarizer="extractive", strict=True))


def test_inspect_command_tables(seeds_dir):
    from typer.testing import CliRunner

    from brief.cli import app

    r = CliRunner().invoke(app, ["inspect", str(seeds_dir), "--dropped"], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    assert "5 documents" in r.output and "World Israel News" in r.output and "text:byline" in r.output
    assert "undated" in r.output and "login-wall" in r.output and "Register to continue" in r.output


def test_inspect_missing_input_is_one_line():
    from typer.testing import CliRunner

    from brief.cli import app

    r = CliRunner().invoke(app, ["inspect", "no/such/dir"])
    assert r.exit_code == 1 and "Traceback" not in r.output
