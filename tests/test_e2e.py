"""End-to-end: the real pipeline on real text, checked against the JSON contract.

No stage is mocked here.  The seeds are read from ../shared at test time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT

BOILERPLATE = re.compile(
    r"(photo credit|recent posts|subscribe|newsletter|register(ed)? (for free|to continue)|sign in|log in|"
    r"\b\d+ hours? ago\b|read more|share this|follow us)",
    re.I,
)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("brief")
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "200"})


def _all_statements(data: dict) -> list[dict]:
    return [s for t in data["themes"] for s in t["summary"]] + list(data["key_points"])


def check_contract(data: dict, schema: dict) -> None:
    """Schema-valid, and every citation resolves to an existing cleaned sentence."""
    jsonschema.validate(data, schema)
    sentences = {d["id"]: d["sentences"] for d in data["documents"]}
    assert len(sentences) == len(data["documents"]), "document ids are unique"

    def resolves(c: dict) -> bool:
        return c["doc_id"] in sentences and 0 <= c["sentence"] < len(sentences[c["doc_id"]])

    statements = _all_statements(data)
    assert data["themes"], "a brief has at least one theme"
    assert all(t["summary"] for t in data["themes"]), "every theme has a summary"
    for s in statements:
        assert s["citations"], f"uncited statement: {s['text']!r}"
        assert all(resolves(c) for c in s["citations"]), s
    for e in data["events"]:
        assert all(resolves(c) for c in e["mentions"]), e
    event_ids = {e["id"] for e in data["events"]}
    for t in data["themes"]:
        assert set(t["event_ids"]) <= event_ids
    for d in data["discrepancies"]:
        for v in d["values"]:
            assert resolves({"doc_id": v["doc_id"], "sentence": v["sentence"]}), d


def check_no_boilerplate_themes(data: dict) -> None:
    for t in data["themes"]:
        assert not BOILERPLATE.search(t["label"]), t["label"]
        for s in t["summary"]:
            assert not BOILERPLATE.search(s["text"]), s["text"]
    for d in data["documents"]:
        for s in d["sentences"]:
            assert not BOILERPLATE.search(s), (d["path"], s)


def test_seeds_brief_meets_the_contract(seeds_brief, brief_schema):
    data = json.loads(json.dumps(seeds_brief.to_dict()))
    check_contract(data, brief_schema)
    check_no_boilerplate_themes(data)
    assert len(data["documents"]) == 5
    assert data["summarizer"]["kind"] == "extractive"


def test_examples_brief_meets_the_contract(examples_brief, brief_schema):
    data = json.loads(json.dumps(examples_brief.to_dict()))
    check_contract(data, brief_schema)
    check_no_boilerplate_themes(data)
    assert len(data["themes"]) >= 3
    assert len({d["outlet"] for d in data["documents"] if d["outlet"]}) >= 3


def test_cli_builds_seeds_json_and_markdown(seeds_dir, brief_schema, tmp_path):
    out = tmp_path / "seeds.json"
    r = _cli("build", str(seeds_dir), "--format", "json", "--format", "md", "-o", str(out), "-q", cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    data = json.loads(out.read_text())
    check_contract(data, brief_schema)
    md = out.with_suffix(".md").read_text()
    assert data["themes"][0]["label"] in md


def test_bad_inputs_are_reported_and_the_rest_still_builds(seeds_dir, brief_schema, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for f in sorted(seeds_dir.glob("*.txt"))[:3]:
        shutil.copy(f, corpus / f.name)
    (corpus / "empty.txt").write_text("")
    (corpus / "blob.txt").write_bytes(bytes(range(256)) * 40)
    missing = tmp_path / "nope.txt"
    out = tmp_path / "b.json"
    r = _cli("build", str(corpus), str(missing), "-f", "json", "-o", str(out), "-q", cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    for name in ("empty.txt", "blob.txt", "nope.txt"):
        hits = [line for line in lines if name in line]
        assert len(hits) == 1, (name, r.stderr)
    data = json.loads(out.read_text())
    check_contract(data, brief_schema)
    assert len(data["documents"]) == 3

    # --strict: any bad input fails the run and nothing is written
    strict_out = tmp_path / "strict.json"
    r = _cli("build", str(corpus), "--strict", "-f", "json", "-o", str(strict_out), "-q", cwd=ROOT)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert not strict_out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".strict")], "no temp file left behind"


def test_nothing_usable_is_one_clear_error(tmp_path):
    (tmp_path / "empty.md").write_text("   \n")
    out = tmp_path / "x.pdf"
    r = _cli("build", str(tmp_path), "-o", str(out), "-q", cwd=ROOT)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert "no usable documents" in r.stderr
    assert not out.exists()


def test_python_api_from_in_memory_documents(brief_schema, tmp_path):
    from brief import BriefConfig, build_brief

    docs = [
        {"title": "Port workers strike over unpaid wages", "outlet": "Harbour Times", "published": "2025-03-04",
         "text": "Dock workers in Port Selva walked off the job on Monday, halting grain shipments. "
                 "The port authority said 40 ships were waiting to load. "
                 "Union leader Marta Kessler said the strike would continue until wages were paid."},
        {"title": "Grain ships wait as port strike enters second day", "source": "Coastal Wire", "date": "2025-03-05",
         "content": "The strike at Port Selva entered its second day on Tuesday. "
                    "The port authority said 45 ships were now waiting to load grain. "
                    "Transport Minister Ilias Varga called on the union to return to talks."},
    ]
    b = build_brief(docs, config=BriefConfig(summarizer="extractive", title="Port strike"))
    data = b.to_dict()
    check_contract(data, brief_schema)
    assert data["title"] == "Port strike"
    assert {d["outlet"] for d in data["documents"]} == {"Harbour Times", "Coastal Wire"}
    assert data["period"] == {"start": "2025-03-04", "end": "2025-03-05"}
    path = b.write(tmp_path / "port.pdf")
    assert path.read_bytes()[:5] == b"%PDF-"
