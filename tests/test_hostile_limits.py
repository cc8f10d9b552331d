"""Hostile input, resources: line limits, URL deadline and size cap, one-line fetch errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brief.ingest.limits import MAX_LINE_CHARS, MAX_LINES
from hostile_helpers import GOOD_ARTICLE, Listener, problem_for, read, trickle, trickle_headers

GOOD_TITLE = "Ferry service resumes after storm"



def _good(folder: Path) -> Path:
    p = folder / "good.md"
    p.write_text(GOOD_ARTICLE, encoding="utf-8")
    return p


def test_huge_single_line_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "one-line.txt"
    f.write_text("Headline of a sort\n" + "word " * 1_000_000)  # 5 MB, no newline
    docs, problems = read([f, _good(tmp_path)])
    assert [d.title for d in docs] == [GOOD_TITLE]
    msg = problem_for(problems, f).message
    assert msg.startswith("line ") and "too long" in msg and f"{MAX_LINE_CHARS:,}" in msg


def test_long_line_within_the_limit_is_read(tmp_path: Path) -> None:
    f = tmp_path / "long.txt"
    f.write_text("Long paragraph ahead\n" + "The tide rose again. " * 2000)
    docs, problems = read([f])
    assert [d.title for d in docs] == ["Long paragraph ahead"] and problems == []


def test_too_many_lines_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "lines.txt"
    f.write_text("A headline\n" + "short line\n" * 200_000)
    docs, problems = read([f, _good(tmp_path)])
    assert [d.title for d in docs] == [GOOD_TITLE]
    assert f"limit {MAX_LINES:,}" in problem_for(problems, f).message


def test_line_limit_applies_to_one_article_of_many(tmp_path: Path) -> None:
    f = tmp_path / "many.json"
    f.write_text(json.dumps([{"title": "Fine", "text": "A short article about the harbour."},
                             {"title": "Runaway", "text": "x" * (MAX_LINE_CHARS + 1)}]))
    docs, problems = read([f])
    assert [d.title for d in docs] == ["Fine"]
    msg = problem_for(problems, f).message
    assert "'Runaway'" in msg and "too long" in msg and "read the other 1 article" in msg


def test_slow_url_body_hits_the_total_deadline(tmp_path: Path, listener: Listener) -> None:
    listener.routes["/slow"] = trickle  # one byte every 0.2 s: each read is quick, the whole never ends
    url = f"{listener.base}/slow"
    docs, problems = read([url, _good(tmp_path)], fetch_timeout=1.0)
    assert [d.title for d in docs] == [GOOD_TITLE]
    assert problem_for(problems, url).message == "could not fetch: no complete response within 1s"


def test_slow_url_headers_hit_the_total_deadline(listener: Listener) -> None:
    listener.routes["/slow-head"] = trickle_headers
    url = f"{listener.base}/slow-head"
    docs, problems = read([url], fetch_timeout=1.0)
    assert docs == []
    assert problem_for(problems, url).message == "could not fetch: no complete response within 1s"


def test_url_body_over_the_size_cap(listener: Listener) -> None:
    listener.routes["/big"] = (200, {"Content-Type": "text/plain"}, b"word " * 1000)
    url = f"{listener.base}/big"
    docs, problems = read([url], max_file_bytes=1000)
    assert docs == []
    assert "too large" in problem_for(problems, url).message


def test_redirect_loop_is_one_line(listener: Listener) -> None:
    listener.routes["/a"] = (302, {"Location": "/b"}, b"")
    listener.routes["/b"] = (302, {"Location": "/a"}, b"")
    url = f"{listener.base}/a"
    docs, problems = read([url])
    msg = problem_for(problems, url).message
    assert msg == "could not fetch: too many redirects (HTTP 302)"
    assert "\n" not in msg


def test_redirect_to_a_local_file_is_refused(tmp_path: Path, listener: Listener) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Private headline\nPRIVATE-MARKER-5X1 text that must never be read.\n")
    listener.routes["/go"] = (302, {"Location": secret.as_uri()}, b"")
    url = f"{listener.base}/go"
    docs, problems = read([url])
    assert docs == []
    assert "PRIVATE-MARKER" not in json.dumps([str(p) for p in problems])
    problem_for(problems, url)


def test_url_article_is_read(listener: Listener) -> None:
    listener.routes["/story.md"] = (200, {"Content-Type": "text/markdown; charset=utf-8"}, GOOD_ARTICLE.encode())
    docs, problems = read([f"{listener.base}/story.md"])
    assert [d.title for d in docs] == [GOOD_TITLE] and problems == []
    assert listener.requests == ["/story.md"]
