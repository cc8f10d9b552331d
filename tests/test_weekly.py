"""The weekly job on a three-week fixture corpus (tests/fixtures/weekly, our own writing)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from brief.config import WeeklySettings, load_config
from brief.errors import NoDocumentsError
from brief.model import Citation, Document, Event, Sentence, Theme
from brief.report import Brief
from brief.state import BusyError, load_state, run_lock
from brief.weekly import JOURNAL_NAME, STAGING_NAME, STATE_NAME, iso_week, mark_new, parse_as_of, run_weekly, window

FIXTURES = Path(__file__).parent / "fixtures" / "weekly"
ROOT = Path(__file__).resolve().parents[1]
WEEKS = {"2025-W10": "2025-03-09", "2025-W11": "2025-03-16", "2025-W12": "2025-03-23"}


def _published() -> dict[str, dt.date]:
    out = {}
    for f in sorted((FIXTURES / "corpus").glob("*.md")):
        meta = yaml.safe_load(f.read_text().split("\n---", 1)[0][3:])
        out[meta["title"]] = meta["published"]
    return out


def _setup(root: Path, formats: str = '["json"]') -> Path:
    shutil.copytree(FIXTURES / "corpus", root / "corpus")
    (root / "brief.toml").write_text(
        textwrap.dedent(
            f"""\
            title = "Port strike"
            sources = ["corpus"]
            output_dir = "out"
            summarizer = "extractive"
            formats = {formats}
            """
        )
    )
    return root / "brief.toml"


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


@pytest.fixture(scope="module")
def three_weeks(tmp_path_factory):
    root = tmp_path_factory.mktemp("weekly")
    cfg = load_config(_setup(root))
    results = {week: run_weekly(cfg, as_of) for week, as_of in WEEKS.items()}
    return root, cfg, results


def _json(root: Path, week: str) -> dict:
    return json.loads((root / "out" / f"brief-{week}.json").read_text())


def test_window_and_week_naming():
    assert window(dt.date(2025, 3, 16), 7) == (dt.date(2025, 3, 10), dt.date(2025, 3, 16))
    assert iso_week(dt.date(2025, 3, 16)) == "2025-W11"
    assert iso_week(dt.date(2021, 1, 3)) == "2020-W53"  # ISO year, not calendar year
    now = dt.datetime(2025, 3, 17, 7, 0, tzinfo=dt.timezone.utc)
    assert parse_as_of("yesterday", WeeklySettings(), now) == dt.date(2025, 3, 16)
    assert parse_as_of(None, WeeklySettings(), now) == dt.date(2025, 3, 17)


def test_each_week_holds_exactly_its_documents(three_weeks):
    root, _, results = three_weeks
    published = _published()
    assert _visible(root / "out") == [f"brief-{w}.json" for w in WEEKS]
    for week, as_of in WEEKS.items():
        data = _json(root, week)
        since, until = window(dt.date.fromisoformat(as_of), 7)
        expected = {t for t, d in published.items() if since <= d <= until}
        assert len(expected) in (2, 3)
        assert {d["title"] for d in data["documents"]} == expected
        assert data["period"] == {"start": since.isoformat(), "end": until.isoformat()}
        assert data["meta"]["weekly"]["week"] == week
        # the settings in force: the pipeline's and the weekly job's
        assert data["meta"]["settings"]["weekly"]["window_days"] == 7 and "sources" not in data["meta"]["settings"]["config"]
        # every citation points into this week's documents only
        ids = {d["id"] for d in data["documents"]}
        assert {m["doc_id"] for e in data["events"] for m in e["mentions"]} <= ids


def test_new_since_last_brief(three_weeks):
    root, cfg, results = three_weeks
    w10, w11, w12 = (results[w] for w in WEEKS)
    # first brief: nothing to be new against
    assert w10.previous is None and not w10.new_themes and not w10.new_events
    assert not any(t.new for t in w10.brief.themes) and not any(e.new for e in w10.brief.events)
    assert w11.previous == "2025-W10" and w12.previous == "2025-W11"
    carried, fresh = 0, 0
    for res in (w11, w12):
        data = _json(root, res.week)
        assert data["meta"]["weekly"]["new_themes"] == [t["id"] for t in data["themes"] if t["new"]]
        assert data["meta"]["weekly"]["new_events"] == [e["id"] for e in data["events"] if e["new"]]
        prev = _json(root, res.previous)
        prev_feats = [{x.lower() for x in t["entities"] + t["keyphrases"]} for t in prev["themes"]]
        by_id = {e.id: e for e in res.brief.events}
        for t in res.brief.themes:
            feats = {x.lower() for x in t.entities + t.keyphrases}
            best = max((len(feats & f) / max(1, min(len(feats), len(f))) for f in prev_feats), default=0)
            shared = max((len(feats & f) for f in prev_feats), default=0)
            if shared == 0 and any(by_id[i].new for i in t.event_ids if i in by_id):
                assert t.new, (res.week, t.label, t.entities)  # nothing in common with last week
            if shared >= 2 and best >= 0.5:
                assert not t.new, (res.week, t.label, t.entities)  # clearly last week's story
            carried += not t.new
            fresh += t.new
        # the very same sentence reported last week is never a new event
        prev_sents = {s.lower() for d in prev["documents"] for s in d["sentences"]}
        for e in res.brief.events:
            if any(res.brief.sentence_text(c).lower() in prev_sents for c in e.mentions):
                assert not e.new
        assert len(res.new_events) <= len(res.brief.events)
    # the continuing strike story carries over, and fresh developments (fuel shortage, oil spill) are new
    assert carried and fresh


def _ev(id, action, actors, targets=(), date=None, kp=(), doc="d-1", sent=0):
    return Event(id=id, action=action, actors=list(actors), targets=list(targets), date=date, keyphrases=list(kp), mentions=[Citation(doc, sent)])


def test_mark_new_rules():
    prev_docs = [Document(id="d-old", title="x", text="", sentences=[Sentence("d-old", 0, "The envoy met the mayor in the old town."), Sentence("d-old", 1, "Talks resumed.")])]
    prev = Brief(title="p", generated_at=dt.datetime(2025, 1, 1), documents=prev_docs,
                 events=[_ev("e1", "meet", ["Anna Kovacs"], ["Mayor Ruiz"], dt.date(2025, 1, 2), ["the old town"], "d-old", 0),
                         _ev("e2", "resume", [], [], None, [], "d-old", 1)],
                 themes=[Theme(id="t1", label="Envoy talks", entities=["Anna Kovacs", "Mayor Ruiz"], keyphrases=["the old town", "talks"])]).to_dict()
    docs = [Document(id="d-new", title="y", text="", sentences=[Sentence("d-new", i, s) for i, s in enumerate(
        ["Kovacs met Mayor Ruiz again.", "Talks resumed.", "A flood hit the harbour.", "Kovacs met Mayor Ruiz on a new date."])])]
    cur = Brief(title="c", generated_at=dt.datetime(2025, 1, 8), documents=docs, events=[
        _ev("e1", "meet", ["Kovacs"], ["Mayor Ruiz"], None, [], "d-new", 0),  # same people, name variant -> known
        _ev("e2", "resume", [], [], None, [], "d-new", 1),  # the very same sentence -> known
        _ev("e3", "hit", ["A flood"], ["the harbour"], None, ["the harbour"], "d-new", 2),  # new
        _ev("e4", "meet", ["Anna Kovacs"], ["Mayor Ruiz"], dt.date(2025, 1, 9), [], "d-new", 3),  # another day -> new
    ], themes=[Theme(id="t1", label="Kovacs and Ruiz", entities=["Anna Kovacs", "Mayor Ruiz"], keyphrases=["talks"], event_ids=["e1", "e4"]),
               Theme(id="t2", label="Flood", entities=["the harbour"], keyphrases=["a flood"], event_ids=["e3"])])
    themes, events = mark_new(cur, prev)
    assert events == ["e3", "e4"]
    assert themes == ["t2"]
    assert mark_new(cur, None) == ([], []) and not any(e.new for e in cur.events)


def test_rerun_is_idempotent_and_touches_nothing_else(three_weeks, tmp_path):
    root, _, results = three_weeks
    work = tmp_path / "w"
    shutil.copytree(root, work)
    cfg = load_config(work / "brief.toml")
    out = work / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    state_before = load_state(out / STATE_NAME)
    again = run_weekly(cfg, "2025-03-16")
    assert _visible(out) == [f"brief-{w}.json" for w in WEEKS]
    for w in ("2025-W10", "2025-W12"):
        assert (out / f"brief-{w}.json").read_bytes() == before[f"brief-{w}.json"]
    first, second = json.loads(before["brief-2025-W11.json"]), json.loads((out / "brief-2025-W11.json").read_text())
    for d in first["documents"] + second["documents"]:
        d.pop("path")  # the copy lives in another folder
    for key in ("documents", "themes", "events", "key_points", "period"):
        assert first[key] == second[key], key
    assert again.new_themes == results["2025-W11"].new_themes and again.new_events == results["2025-W11"].new_events
    state = load_state(out / STATE_NAME)
    strip = lambda docs: {k: {f: v for f, v in d.items() if f != "source"} for k, d in docs.items()}  # noqa: E731
    assert strip(state["documents"]) == strip(state_before["documents"])  # first sightings never move
    assert sorted(state["briefs"]) == list(WEEKS)
    assert state["briefs"]["2025-W11"]["documents"] == [d["id"] for d in second["documents"]]


def test_undated_document_counts_when_first_seen(tmp_path):
    cfg = load_config(_setup(tmp_path))
    run_weekly(cfg, "2025-03-09")
    shutil.copy(FIXTURES / "late" / "undated-port-backlog.md", tmp_path / "corpus")
    late_title = "Backlog of containers clogs Kestrel Bay yards"
    r11 = run_weekly(cfg, "2025-03-16")
    assert late_title in {d.title for d in r11.brief.documents}
    doc = next(d for d in r11.brief.documents if d.title == late_title)
    assert doc.published is None and doc.first_seen is not None and doc.first_seen.date() == dt.date(2025, 3, 16)
    seen = load_state(cfg.weekly.output_dir / STATE_NAME)["documents"][doc.id]
    assert seen["first_seen"].startswith("2025-03-16")
    # re-running either week gives the same answer: the first sighting is remembered
    assert late_title not in {d.title for d in run_weekly(cfg, "2025-03-09").brief.documents}
    assert late_title in {d.title for d in run_weekly(cfg, "2025-03-16").brief.documents}


def test_crash_before_commit_leaves_everything_intact(three_weeks, tmp_path, monkeypatch):
    root, _, _ = three_weeks
    work = tmp_path / "w"
    shutil.copytree(root, work)
    # html and json: the crash comes after the first output was rendered
    (work / "brief.toml").write_text((work / "brief.toml").read_text().replace('formats = ["json"]', 'formats = ["md", "json"]'))
    cfg = load_config(work / "brief.toml")
    out = work / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".brief-weekly.lock"}
    real_write = Brief.write

    def write_then_die(self, path, format=None):
        if format == "json":
            assert any(p.name.endswith(".partial") for p in (out / STAGING_NAME).iterdir())  # md is staged
            raise OSError("disk full")
        return real_write(self, path, format)

    monkeypatch.setattr(Brief, "write", write_then_die)
    with pytest.raises(OSError):
        run_weekly(cfg, "2025-03-23")
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".brief-weekly.lock"}
    assert after == before
    assert not (out / STAGING_NAME).exists() and not (out / JOURNAL_NAME).exists()


def test_crash_at_state_save_rolls_back(three_weeks, tmp_path, monkeypatch):
    root, _, _ = three_weeks
    work = tmp_path / "w"
    shutil.copytree(root, work)
    out = work / "out"
    (out / "brief-2025-W12.json").unlink()  # week 12 now a first-time week, week 11 a rewrite
    cfg = load_config(work / "brief.toml")
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    import brief.weekly as weekly

    def die(path, state):
        raise RuntimeError("killed while saving state")

    monkeypatch.setattr(weekly, "save_state", die)
    for as_of in ("2025-03-23", "2025-03-16"):
        with pytest.raises(RuntimeError):
            run_weekly(cfg, as_of)
        after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
        assert after == before  # no new week-12 file, week 11 restored, state untouched
        assert not (out / STAGING_NAME).exists() and not (out / JOURNAL_NAME).exists()


def test_hard_kill_mid_commit_is_recovered_by_next_run(three_weeks, tmp_path):
    root, _, _ = three_weeks
    work = tmp_path / "w"
    shutil.copytree(root, work)
    out = work / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".brief-weekly.lock"}
    script = textwrap.dedent(
        f"""
        import os, brief.weekly as w
        from brief.config import load_config
        w.save_state = lambda path, state: os._exit(9)  # dies like kill -9: no cleanup at all
        w.run_weekly(load_config({str(work / "brief.toml")!r}), "2025-03-16")
        """
    )
    r = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 9, r.stderr[-2000:]
    assert (out / JOURNAL_NAME).exists()  # the commit was interrupted half-way
    # the next run (any week) finishes the recovery first: week 11 is back as it was
    with pytest.raises(NoDocumentsError):
        run_weekly(load_config(work / "brief.toml"), "2025-04-20")
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != ".brief-weekly.lock"}
    assert after == before
    assert not (out / STAGING_NAME).exists()


def test_second_run_is_refused_while_one_holds_the_lock(tmp_path):
    cfg = load_config(_setup(tmp_path))
    with run_lock(cfg.weekly.output_dir):
        with pytest.raises(BusyError, match="in progress"):
            run_weekly(cfg, "2025-03-09")
    assert not list(cfg.weekly.output_dir.glob("brief-*"))


def test_empty_week_writes_nothing(tmp_path):
    cfg = load_config(_setup(tmp_path))
    with pytest.raises(NoDocumentsError, match="2025-01-06"):
        run_weekly(cfg, "2025-01-12")
    assert not list(cfg.weekly.output_dir.glob("brief-*"))
