"""Ingest: every input kind, metadata with provenance, and one clear problem per bad file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from brief.config import BriefConfig
from brief.errors import InputError
from brief.ingest import document_from_dict, load_inputs
from brief.model import Document, InputProblem

FIX = Path(__file__).parent / "fixtures" / "ingest"


def load(inputs, **cfg):
    problems: list[InputProblem] = []
    docs = load_inputs([str(i) if isinstance(i, Path) else i for i in inputs], config=BriefConfig(**cfg),
                       on_problem=problems.append, progress=lambda *a: None)
    return docs, problems


def by_title(docs: list[Document], start: str) -> Document:
    return next(d for d in docs if d.title.startswith(start))


def test_seed_headlines_skip_site_chrome(seeds_dir):
    docs, problems = load([seeds_dir])
    assert not problems and len(docs) == 5
    titles = {Path(d.path).name[:3]: d.title for d in docs}
    assert titles["002"].startswith("Breakthrough?")  # not the section label above it
    assert titles["003"].startswith("Netanyahu holds talks")  # not the lone "search"
    assert titles["000"].startswith("Israel asks Russia")
    for d in docs:
        assert d.title not in d.text.splitlines()  # headline removed from text
        assert d.id.startswith("d-") and d.format == "txt"
    assert len({d.id for d in docs}) == 5


def test_ids_are_stable(seeds_dir):
    a, _ = load([seeds_dir])
    b, _ = load([seeds_dir])
    assert [d.id for d in a] == [d.id for d in b]


def test_html_text_and_metadata():
    docs, problems = load([FIX / "mixed" / "ledger.html"])
    assert not problems
    (d,) = docs
    assert d.title == "Norland and Estavia open grain corridor talks"
    assert d.outlet == "The Daily Ledger" and d.byline == "Carla Costa"
    assert d.published == dt.date(2024, 3, 5) and d.provenance["published"] == "html-meta"
    assert d.url == "https://ledger.example.org/world/grain-talks"
    assert "Port Selva on Monday" in d.text and '"We are close,"' in d.text
    assert "Log in" not in d.text and "Subscribe to our newsletter" not in d.text
    assert d.format == "html"


def test_jsonl_key_aliases():
    docs, problems = load([FIX / "mixed" / "wire.jsonl"])
    assert not problems and len(docs) == 2
    a = by_title(docs, "Estavia reports")
    assert (a.outlet, a.byline, a.published) == ("Global Wire", "Petra Novak", dt.date(2024, 3, 6))
    assert a.provenance["published"] == "jsonl" and "300 displaced families" in a.text
    b = by_title(docs, "Karvik port")
    assert (b.outlet, b.byline, b.published) == ("Global Wire", "Tomas Rossi", dt.date(2024, 3, 7))
    assert a.id != b.id


def test_json_list_and_single_object():
    docs, problems = load([FIX / "articles.json", FIX / "single.json"])
    assert not problems and len(docs) == 3
    second = by_title(docs, "Second article")
    assert second.outlet == "Evening Herald" and second.byline == "Sofia Tanaka"
    assert second.published == dt.date(2024, 5, 3)
    single = by_title(docs, "One article")
    assert single.outlet == "Metro Post" and single.published is None
    assert len({d.id for d in docs}) == 3


def test_rss_entries():
    docs, problems = load([FIX / "mixed" / "feed.rss"])
    assert not problems and len(docs) == 2
    p = by_title(docs, "Power restored")
    assert p.outlet == "Northern Times" and p.byline == "Lena Moreau"
    assert p.published == dt.date(2024, 3, 8) and p.provenance["published"] == "feed"
    assert p.url == "https://northern.example.net/power-restored"
    assert "two damaged substations" in p.text and "<p>" not in p.text
    q = by_title(docs, "Prisoner exchange")
    assert "final exchange list" in q.text and q.format == "rss"


def test_atom_entry():
    docs, problems = load([FIX / "feed.atom"])
    assert not problems
    (d,) = docs
    assert d.format == "atom" and d.outlet == "Metro Post" and d.byline == "Greta Fischer"
    assert d.published == dt.date(2024, 4, 1)  # published, not updated
    assert "observers from next month" in d.text


def test_front_matter_provenance():
    docs, _ = load([FIX / "broken" / "good.md"])
    (d,) = docs
    assert d.title == "Grid operator warns of new outages" and d.format == "md"
    assert d.outlet == "Northern Times" and d.published == dt.date(2024, 3, 10)
    assert d.provenance == {"title": "front-matter", "outlet": "front-matter", "published": "front-matter"}


def test_glob_and_folder_recursion():
    docs, problems = load([str(FIX / "mixed" / "*.rss"), str(FIX / "mixed" / "*.jsonl")])
    assert not problems and len(docs) == 4
    docs, problems = load([FIX / "mixed"])
    assert not problems and {d.format for d in docs} == {"html", "jsonl", "rss"}


def test_bad_inputs_one_line_each_and_the_rest_goes_on():
    docs, problems = load([FIX / "broken", FIX / "nothing-here.txt", str(FIX / "*.nomatch")])
    msgs = {Path(p.path).name: p.message for p in problems}
    assert msgs["empty.txt"] == "empty file"
    assert msgs["picture.txt"] == "binary file (not text)"
    assert msgs["bad.json"].startswith("malformed JSON at line 2")
    assert msgs["half.jsonl"].startswith("malformed JSON at line 2")
    assert msgs["bad.rss"].startswith("malformed XML")
    assert msgs["nothing-here.txt"] == "no such file or folder"
    assert msgs["*.nomatch"] == "no files match the pattern"
    assert len(problems) == 7  # one per bad input, nothing for the good ones
    titles = sorted(d.title for d in docs)
    # the good file, the good line of the half-broken JSONL, the Latin-1 file (decoded by detection)
    assert titles == ["Café talks resume in the capital", "Good line", "Grid operator warns of new outages"]


def test_undecodable_bytes(tmp_path):
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 8 + b"\x01\x02\x03" * 300)
    docs, problems = load([tmp_path / "noise.txt"])
    assert not docs and len(problems) == 1
    assert problems[0].message.startswith(("binary file", "undecodable"))


def test_size_cap(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("Headline\n\n" + "Officials said talks would resume next week. " * 100)
    docs, problems = load([f], max_file_bytes=1000)
    assert not docs and problems[0].message.startswith("too large")


def test_strict_reporter_exception_propagates():
    def on_problem(p: InputProblem) -> None:
        raise InputError(p.path, p.message)

    with pytest.raises(InputError, match="empty file"):
        load_inputs([str(FIX / "broken" / "empty.txt")], config=BriefConfig(strict=True), on_problem=on_problem,
                    progress=lambda *a: None)


def test_url_without_network_is_one_clear_line():
    docs, problems = load(["http://unreachable.invalid/story.html"], fetch_timeout=2)
    assert not docs and len(problems) == 1
    assert problems[0].path == "http://unreachable.invalid/story.html"
    assert problems[0].message.startswith("could not fetch")


def test_document_from_dict_aliases():
    d = document_from_dict({"title": "T", "body": "Some text here.", "source": "Wire", "date": "2024-02-01",
                            "author": "A B", "url": "https://x.example/1"})
    assert (d.outlet, d.byline, d.published, d.url) == ("Wire", "A B", dt.date(2024, 2, 1), "https://x.example/1")
    assert d.id == document_from_dict({"url": "https://x.example/1", "text": "other"}).id  # url is the identity
