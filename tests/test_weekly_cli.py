"""Done-when of the weekly job: three consecutive weeks (and one again) via the CLI leave exactly three PDFs and JSONs."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from brief.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "weekly"


@pytest.mark.slow
def test_three_weeks_and_one_again(tmp_path):
    shutil.copytree(FIXTURES / "corpus", tmp_path / "corpus")
    cfg = tmp_path / "brief.toml"
    cfg.write_text('title = "Port strike"\nsources = ["corpus"]\noutput_dir = "briefs"\nsummarizer = "extractive"\n')
    runner = CliRunner()
    for as_of in ("2025-03-09", "2025-03-16", "2025-03-23", "2025-03-16"):
        r = runner.invoke(app, ["weekly", "--config", str(cfg), "--as-of", as_of, "--quiet"])
        assert r.exit_code == 0, r.output
        assert "wrote" in r.output and "week 2025-W" in r.output
    out = tmp_path / "briefs"
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == [f"brief-2025-W{w}.{ext}" for w in (10, 11, 12) for ext in ("json", "pdf")]
    for w, end in ((10, "2025-03-09"), (11, "2025-03-16"), (12, "2025-03-23")):
        data = json.loads((out / f"brief-2025-W{w}.json").read_text())
        until = dt.date.fromisoformat(end)
        for d in data["documents"]:
            assert until - dt.timedelta(days=6) <= dt.date.fromisoformat(d["published"]) <= until
        text = "".join(page.extract_text() for page in pypdf.PdfReader(out / f"brief-2025-W{w}.pdf").pages)
        assert data["documents"] and all(d["title"][:25] in " ".join(text.split()) for d in data["documents"])
    r = runner.invoke(app, ["weekly", "--config", str(cfg), "--as-of", "2025-02-30"])
    assert r.exit_code == 1 and "--as-of" in r.output and "Traceback" not in r.output
