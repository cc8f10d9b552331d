"""Cheap sanity checks of the hand-written demo corpus in examples/ (no NLP pipeline here).

examples/README.md is the ground truth the other tests rely on; these tests keep the
corpus and its README honest: file count, metadata styles, noise present in the raw
files, and the one happening reported by two outlets with a differing figure.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

ARTICLE_SUFFIXES = {".md", ".txt"}


def _articles(examples_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in examples_dir.iterdir()
        if p.is_file() and p.suffix in ARTICLE_SUFFIXES and p.stem.lower() != "readme"
    )


def _front_matter(path: Path) -> dict | None:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return None
    head, sep, _ = text[4:].partition("\n---\n")
    assert sep, f"{path.name}: front matter is not closed"
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict), f"{path.name}: front matter is not a mapping"
    return meta


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text[4:].partition("\n---\n")[2]
    return text


@pytest.fixture(scope="module")
def articles(examples_dir) -> list[Path]:
    return _articles(examples_dir)


@pytest.fixture(scope="module")
def readme(examples_dir) -> str:
    return (examples_dir / "README.md").read_text(encoding="utf-8")


def test_corpus_size_and_formats(articles):
    assert 6 <= len(articles) <= 10
    assert {p.suffix for p in articles} == {".md", ".txt"}


def test_every_article_is_listed_in_readme(articles, readme):
    for p in articles:
        assert p.name in readme, f"{p.name} is missing from examples/README.md"
    listed = set(re.findall(r"\b(\d\d_[a-z0-9_]+\.(?:md|txt))\b", readme))
    assert listed == {p.name for p in articles}, "README lists files that do not exist"


def test_articles_are_short_news_pieces(articles):
    for p in articles:
        words = len(_body(p).split())
        assert 250 <= words <= 480, f"{p.name}: {words} words"


def test_mix_of_front_matter_and_plain(articles):
    metas = {p.name: _front_matter(p) for p in articles}
    with_fm = [n for n, m in metas.items() if m is not None]
    plain = [n for n, m in metas.items() if m is None]
    assert len(with_fm) >= 2 and len(plain) >= 2
    for name in with_fm:
        m = metas[name]
        for key in ("title", "outlet", "published", "url", "byline"):
            assert m.get(key), f"{name}: front matter lacks {key}"
        assert isinstance(m["published"], dt.date), f"{name}: published is not YYYY-MM-DD"
    for name in plain:
        lines = [ln.strip() for ln in (Path(articles[0].parent) / name).read_text().splitlines() if ln.strip()]
        # headline first, then a "By Name, Outlet" byline
        assert not lines[0].startswith(("By ", "---", "#"))
        assert lines[1].startswith("By ") and "," in lines[1]


def _dates_and_outlets(articles) -> tuple[list[dt.date], set[str]]:
    dates, outlets = [], set()
    month = "January|February|March|April|May|June|July|August|September|October|November|December"
    for p in articles:
        m = _front_matter(p)
        if m:
            dates.append(m["published"])
            outlets.add(m["outlet"])
            continue
        head = "\n".join(p.read_text().splitlines()[:6])
        byline = re.search(r"^By [^,\n]+, (.+)$", head, re.M)
        assert byline, f"{p.name}: no byline line"
        outlets.add(byline.group(1).strip())
        d = re.search(rf"\b({month}) (\d{{1,2}}), (\d{{4}})\b", head)
        assert d, f"{p.name}: no absolute date near the top"
        dates.append(dt.datetime.strptime(" ".join(d.groups()), "%B %d %Y").date())
    return dates, outlets


def test_span_and_outlets(articles):
    dates, outlets = _dates_and_outlets(articles)
    assert len(outlets) >= 4, outlets
    span = (max(dates) - min(dates)).days
    assert 12 <= span <= 25, span


def test_relative_weekdays_are_consistent_with_publication_dates(articles):
    # the first article says the filling began "on Monday": its publication date must be a Monday
    dates, _ = _dates_and_outlets(articles)
    by_name = dict(zip([p.name for p in articles], dates))
    first = min(by_name, key=by_name.get)
    assert "on Monday" in _body(articles[0].parent / first)
    assert by_name[first].strftime("%A") == "Monday"


NOISE = {
    "photo caption + credit": re.compile(r"^\(photo credit: [A-Z ]+/[A-Z ]+\)$", re.M),
    "related/recent posts": re.compile(r"^(Related posts|Recent Posts)$", re.M),
    "relative timestamp": re.compile(r"^(\d+ (hours?|minutes?|days?) ago|Yesterday)$", re.M),
    "newsletter": re.compile(r"^Subscribe to the .+ Newsletter$", re.M),
    "registration wall": re.compile(r"^Register for free to continue reading$", re.M),
    "sign in": re.compile(r"^Already (registered|a subscriber)\? (Sign|Log) in$", re.M),
    "share/follow": re.compile(r"^(Share on|Follow) .+$", re.M),
    "author blurb": re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+ is (The |the )?[A-Z].+ correspondent", re.M),
}


@pytest.mark.parametrize("kind", sorted(NOISE))
def test_noise_is_present_in_raw_files(articles, kind):
    hits = [p.name for p in articles if NOISE[kind].search(p.read_text())]
    assert hits, f"no file contains {kind} noise"


def test_photo_captions_are_duplicated(articles):
    """Where a caption carries a photo credit, the caption line also appears a second time."""
    n = 0
    for p in articles:
        lines = [ln.strip() for ln in p.read_text().splitlines() if ln.strip()]
        for i, ln in enumerate(lines):
            if ln.startswith("(photo credit:"):
                caption = lines[i - 1]
                assert any(o != caption and o.startswith(caption) for o in lines), p.name
                n += 1
    assert n >= 2


def test_every_file_has_some_noise(articles):
    for p in articles:
        text = p.read_text()
        assert any(rx.search(text) for rx in NOISE.values()), f"{p.name} has no noise"


def test_two_outlet_figure_pair(examples_dir, readme):
    a = (examples_dir / "03_regional_herald_border_clash.md").read_text()
    b = (examples_dir / "04_verest_tribune_border_toll.txt").read_text()
    assert _front_matter(examples_dir / "03_regional_herald_border_clash.md")["outlet"] == "Regional Herald"
    assert "Verest Tribune" in b.splitlines()[2]
    # same happening (the Saturday clash at the Tell Marun crossing), different words and figure
    for text in (a, b):
        assert "Tell Marun" in text and "Saturday" in text
    assert re.search(r"\b12 people were killed\b", a)
    assert not re.search(r"\bfourteen\b", a, re.I)
    assert re.search(r"\bhas risen to fourteen\b", b)
    assert not re.search(r"\b12\b", b)
    assert "**12**" in readme and "**fourteen**" in readme
