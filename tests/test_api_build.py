"""The Python API: build_brief from in-memory documents, no files."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from brief import BriefConfig, Document, build_brief
from brief.errors import NoDocumentsError

DOCS = [
    {
        "title": "Ferry operators halt crossings after storm damage",
        "text": "Ferry operator Bluewave Lines halted all crossings to Marrow Island on Monday after a storm damaged the main pier. "
        "Harbour master Petra Lind said repairs would take at least a week. "
        "Islanders said food deliveries had already slowed.",
        "url": "https://island-news.example/ferries-halted",
        "outlet": "Island News",
        "published": "2025-05-05",
        "byline": "Jo Marsh",
    },
    {
        "title": "Army engineers sent to Marrow Island pier",
        "content": "The defence ministry sent army engineers to Marrow Island on Wednesday to repair the damaged pier. "
        "Petra Lind said the engineers would build a temporary landing stage. "
        "Bluewave Lines said it hoped to resume a limited service by the weekend.",
        "source": "Coastal Times",
        "date": dt.date(2025, 5, 7),
        "author": "Sam Ode",
    },
]
CFG = BriefConfig(summarizer="extractive")


def test_build_from_dicts_and_write(tmp_path):
    given = copy.deepcopy(DOCS)
    b = build_brief(DOCS, config=CFG)
    assert DOCS == given  # the caller's dicts are not changed
    assert [d.title for d in b.documents] == [d["title"] for d in DOCS]
    second = b.documents[1]
    assert (second.outlet, second.byline, second.published) == ("Coastal Times", "Sam Ode", dt.date(2025, 5, 7))
    assert b.documents[0].url == DOCS[0]["url"] and b.documents[0].published == dt.date(2025, 5, 5)
    assert all(d.sentences for d in b.documents)
    data = b.to_dict()
    assert data["period"] == {"start": "2025-05-05", "end": "2025-05-07"}
    assert {d["outlet"] for d in data["documents"]} == {"Island News", "Coastal Times"}
    for s in data["key_points"] + [x for t in data["themes"] for x in t["summary"]]:
        for c in s["citations"]:
            assert c["doc_id"] in {d.id for d in b.documents}
    path = b.write(tmp_path / "brief.json", "json")
    assert json.loads(path.read_text())["documents"][1]["title"] == DOCS[1]["title"]
    md = b.write(tmp_path / "brief.md")
    assert "Marrow Island" in md.read_text()


def test_repeated_calls_and_document_objects_are_not_mutated():
    doc = Document(id="d-ferry", title=DOCS[0]["title"], text=DOCS[0]["text"], published=dt.date(2025, 5, 5))
    first = build_brief([doc, DOCS[1]], config=CFG)
    assert doc.body == "" and doc.sentences == []  # the pipeline worked on a copy
    second = build_brief([doc, DOCS[1]], config=CFG)
    assert [d.id for d in first.documents] == [d.id for d in second.documents]
    assert [len(d.sentences) for d in first.documents] == [len(d.sentences) for d in second.documents]
    assert [e.to_dict() for e in first.events] == [e.to_dict() for e in second.events]
    assert CFG == BriefConfig(summarizer="extractive")


def test_since_until_and_single_item():
    b = build_brief(DOCS, config=CFG, since="2025-05-06", until=dt.date(2025, 5, 31))
    assert [d.title for d in b.documents] == [DOCS[1]["title"]]
    assert len(build_brief(DOCS[0], config=CFG).documents) == 1
    with pytest.raises(NoDocumentsError):
        build_brief(DOCS, config=CFG, since="2026-01-01")


def test_bad_arguments():
    with pytest.raises(TypeError, match="input 1"):
        build_brief([DOCS[0], 42], config=CFG)
    with pytest.raises(ValueError, match="since"):
        build_brief(DOCS, config=CFG, since="last week")
    with pytest.raises(ValueError, match="after until"):
        build_brief(DOCS, config=CFG, since="2025-06-01", until="2025-05-01")


def test_config_may_be_a_toml_path(tmp_path):
    p = tmp_path / "brief.toml"
    p.write_text('title = "Island ferries"\nsummarizer = "extractive"\n')
    b = build_brief(DOCS, config=p)
    assert b.title == "Island ferries"


def test_the_brief_records_its_settings_and_stage_timings(tmp_path):
    b = build_brief(DOCS, config=BriefConfig(summarizer="extractive", max_themes=3))
    b.write(tmp_path / "b.pdf")
    b.write(tmp_path / "b.json")
    meta = json.loads((tmp_path / "b.json").read_text())["meta"]
    assert meta["settings"]["config"]["max_themes"] == 3
    assert meta["settings"]["config"]["summarizer"] == "extractive"
    for stage in ("ingest", "clean", "extract", "group", "summarize", "total", "render_pdf"):
        row = meta["timings"][stage]
        assert row["seconds"] >= 0 and row["peak_rss_mb"] > 0, (stage, row)
    assert meta["timings"]["ingest"]["documents"] == 2
    assert meta["timings"]["total"]["seconds"] >= meta["timings"]["extract"]["seconds"]
