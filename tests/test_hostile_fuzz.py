"""Fuzz: ingest (and a few whole runs) over mutated articles never crash and never lose a good one.

The articles are written here in every input format, plus the seed corpus read from
../shared at test time when it is there.  Mutations: byte flips, truncation, inserted
markup and control characters.  The number of examples is bounded (derandomized, so
every run tries the same inputs) to keep the test well under a minute.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief.clean import clean_documents
from brief.config import BriefConfig
from brief.ingest import load_inputs
from brief.isolation import per_document
from brief.model import InputProblem
from conftest import SEEDS
from hostile_helpers import GOOD_ARTICLE, SECOND_ARTICLE

GOOD_TITLE = "Ferry service resumes after storm"

_BODY = ("Lock keepers on the northern canal returned to work on Wednesday after a two-day strike over shift "
         "patterns, the waterways agency said. About 40 barges had queued at the upper gates.")
_ARTICLES: list[tuple[str, bytes]] = [
    (".md", SECOND_ARTICLE.encode()),
    (".txt", ("Canal strike ends\n\n" + _BODY + "\n").encode()),
    (".json", json.dumps({"title": "Canal strike ends", "text": _BODY, "published": "2024-05-15",
                          "outlet": "Waterways Weekly"}).encode()),
    (".jsonl", (json.dumps({"title": "Canal strike ends", "text": _BODY}) + "\n"
                + json.dumps({"title": "Gates reopen", "text": "The upper gates reopened at noon."}) + "\n").encode()),
    (".html", ("<!doctype html><html><head><title>Canal strike ends</title><meta name='author' content='R. Ames'>"
               f"</head><body><article><h1>Canal strike ends</h1><p>{_BODY}</p><p>Traffic resumed by the "
               "evening, the agency said.</p></article></body></html>").encode()),
    (".xml", ("<?xml version='1.0'?><rss version='2.0'><channel><title>Waterways Weekly</title><item>"
              f"<title>Canal strike ends</title><pubDate>Wed, 15 May 2024 09:00:00 GMT</pubDate>"
              f"<description>&lt;p&gt;{_BODY}&lt;/p&gt;</description></item></channel></rss>").encode()),
]
# real articles, read at test time
_SEED_ARTICLES = [(p.suffix, p.read_bytes()) for p in sorted(SEEDS.iterdir())[:6] if p.is_file()] if SEEDS.is_dir() else []
# each written format as likely as the seeds together
articles = st.one_of(*[st.just(a) for a in _ARTICLES], *([st.sampled_from(_SEED_ARTICLES)] if _SEED_ARTICLES else []))

_MARKUP = ["<", ">", "</p>", "<p>", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "&a;", "&#0;", "&#xD800;",
           "<script>", "{", "}", "[", "]", '"', "\\u", "\\ud800", "\n---\n", "\n---\ntitle: [\n", "date: 9999-99-99\n",
           "*a", "&b [*b]", "\r", "\u2028", "<rss>", "<html>", "file:///etc/hostname#"]
# whole lines put at a line start (front matter keys, JSON Lines records, deep nesting)
_LINES = ["date: 2021-02-30", "date: 0000-00-00", "date: 9999-12-31", "published: 2021-06-01 25:61:00",
          "key: " + "[" * 3000 + "]" * 3000, '{"text": "' + "\\ud800" * 3 + ' x"}', "[" * 5000, "a: &a [x, x, x]",
          '{"title": "t", "text": ' + '{"text": ' * 2000 + '"x"' + "}" * 2000 + "}", "<!-- " + "<b>" * 3000]
# text put just inside a string or an element (where a parser keeps it)
_INSIDE = ["\\ud800", "\\udfff tail", "\\u0000", "&#x1;", "\x07", "\u2029", "\ufeff", "&#xD7FF;"]
_CONTROL = [bytes([b]) for b in (*range(0, 32), 0x7F, 0x80, 0xC3, 0xFE, 0xFF)] + [b"\xed\xa0\x80", b"\xef\xbb\xbf"]

mutation = st.one_of(
    st.tuples(st.just("line"), st.integers(0, 8), st.sampled_from(range(len(_LINES)))),
    st.tuples(st.just("inside"), st.floats(0, 1), st.sampled_from(range(len(_INSIDE)))),
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(0, 255)),
    st.tuples(st.just("truncate"), st.floats(0, 1), st.just(0)),
    st.tuples(st.just("markup"), st.floats(0, 1), st.sampled_from(range(len(_MARKUP)))),
    st.tuples(st.just("control"), st.floats(0, 1), st.sampled_from(range(len(_CONTROL)))),
)


def mutate(data: bytes, ops: list[tuple[str, float, int]]) -> bytes:
    b = bytearray(data)
    for kind, where, arg in ops:
        i = min(int(where * len(b)), max(len(b) - 1, 0)) if kind != "line" else 0
        if kind == "flip" and b:
            b[i] = arg
        elif kind == "truncate":
            del b[i:]
        elif kind == "markup":
            b[i:i] = _MARKUP[arg].encode()
        elif kind == "control":
            b[i:i] = _CONTROL[arg]
        elif kind == "line":  # ``where`` is a line number here
            start = 0
            for _ in range(int(where)):
                nl = b.find(b"\n", start)
                if nl < 0:
                    break
                start = nl + 1
            b[start:start] = _LINES[arg].encode() + b"\n"
        elif kind == "inside":  # just inside the next JSON string value or element text
            marks = [j + len(m) for m in (b': "', b">") if (j := b.find(m, i)) >= 0]
            at = min(marks) if marks else i
            b[at:at] = _INSIDE[arg].encode()
    return bytes(b)


def _ingest_and_clean(folder: Path) -> tuple[list, list[InputProblem]]:
    problems: list[InputProblem] = []
    config = BriefConfig()
    docs = load_inputs([str(folder)], config=config, on_problem=problems.append, progress=lambda *a: None)
    docs, _ = per_document("clean", lambda ds: clean_documents(ds, config=config, progress=lambda *a: None), docs,
                           problems.append)
    return docs, problems


def _folder(tmp: str, article: tuple[str, bytes], ops: list) -> Path:
    folder = Path(tmp)
    (folder / "good.md").write_text(GOOD_ARTICLE, encoding="utf-8")
    suffix, data = article
    (folder / f"mutated{suffix}").write_bytes(mutate(data, ops))
    return folder


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles, ops=st.lists(mutation, min_size=1, max_size=4))
def test_ingest_survives_mutated_articles(article: tuple[str, bytes], ops: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs, problems = _ingest_and_clean(_folder(tmp, article, ops))
    good = [d for d in docs if d.title == GOOD_TITLE]
    assert len(good) == 1 and "breakwater was inspected" in good[0].body
    for p in problems:
        assert "\n" not in p.message and p.message
        (p.path + p.message).encode("utf-8")
    for d in docs:
        (d.title + d.text + (d.outlet or "") + (d.byline or "")).encode("utf-8")


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles, ops=st.lists(mutation, min_size=1, max_size=3))
def test_whole_run_survives_mutated_articles(article: tuple[str, bytes], ops: list) -> None:
    from brief.pipeline import run
    from brief.render import render_bytes

    with tempfile.TemporaryDirectory() as tmp:
        brief = run([str(_folder(tmp, article, ops))], BriefConfig(summarizer="extractive"))
    assert GOOD_TITLE in [d.title for d in brief.documents]
    for fmt in ("json", "md", "html"):
        assert render_bytes(brief, fmt)
