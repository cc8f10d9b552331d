"""Hostile input, security: inputs are only ever the bytes of the file named or the URL given.

Every test puts a secret (an RSS feed that would be read as one) in a file and runs a
local listener on 127.0.0.1: content that names the secret or the listener must make
brief read nothing and request nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.config import BriefConfig
from brief.pipeline import run
from brief.render import render_bytes
from hostile_helpers import GOOD_ARTICLE, Listener, problem_for, read

SECRET = "PRIVATE-MARKER-7Q3"
SECRET_FEED = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>{SECRET} outlet</title>
<item><title>{SECRET} headline</title><link>http://private.example/1</link>
<description>{SECRET} appears in this private paragraph of text about nothing at all.</description></item>
</channel></rss>
"""



@pytest.fixture()
def secret(tmp_path: Path) -> Path:
    # a file name holding "<rss>": a path that also looks like a feed to a content sniffer
    d = tmp_path / "private"
    d.mkdir()
    p = d / "notes<rss>.xml"
    p.write_text(SECRET_FEED, encoding="utf-8")
    return p


def _good(tmp_path: Path) -> Path:
    p = tmp_path / "good.md"
    p.write_text(GOOD_ARTICLE, encoding="utf-8")
    return p


def _no_secret(docs) -> None:
    for d in docs:
        assert SECRET not in f"{d.title} {d.text} {d.outlet}"


def test_feed_whose_content_is_a_file_url_reads_nothing(tmp_path: Path, secret: Path) -> None:
    evil = tmp_path / "evil.xml"
    evil.write_text(f"{secret.as_uri()}#<rss>", encoding="utf-8")
    docs, problems = read([evil, _good(tmp_path)])
    _no_secret(docs)
    assert [d.title for d in docs] == ["Ferry service resumes after storm"]
    assert "malformed XML" in problem_for(problems, evil).message


def test_feed_whose_content_is_a_path_reads_nothing(tmp_path: Path, secret: Path) -> None:
    evil = tmp_path / "evil.rss"
    evil.write_text(str(secret), encoding="utf-8")  # the content is exactly the secret's path
    docs, problems = read([evil, _good(tmp_path)])
    _no_secret(docs)
    assert len(docs) == 1
    problem_for(problems, evil)


def test_feed_whose_content_is_an_http_url_fetches_nothing(tmp_path: Path, listener: Listener) -> None:
    listener.routes["/x"] = (200, {"Content-Type": "application/rss+xml"}, SECRET_FEED.encode())
    evil = tmp_path / "evil.atom"
    evil.write_text(f"{listener.base}/x?<rss>", encoding="utf-8")
    docs, problems = read([evil, _good(tmp_path)])
    assert listener.requests == []
    _no_secret(docs)
    problem_for(problems, evil)


@pytest.mark.parametrize("body", ["file", "http"])
def test_fetched_body_naming_another_address_is_not_followed(body: str, listener: Listener, secret: Path) -> None:
    other = secret.as_uri() if body == "file" else f"{listener.base}/second"
    listener.routes["/second"] = (200, {"Content-Type": "application/rss+xml"}, SECRET_FEED.encode())
    tail = "#<rss>" if body == "file" else "?<rss>"
    listener.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, f"{other}{tail}".encode())
    docs, problems = read([f"{listener.base}/feed"])
    assert listener.requests == ["/feed"]  # only the URL the user gave
    assert docs == []
    _no_secret(docs)
    problem_for(problems, f"{listener.base}/feed")


def test_feed_entities_and_dtds_are_not_loaded(tmp_path: Path, secret: Path, listener: Listener) -> None:
    listener.routes["/dtd"] = (200, {"Content-Type": "application/xml-dtd"}, b'<!ENTITY ext "' + SECRET.encode() + b'">')
    feed = tmp_path / "entities.xml"
    feed.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "{listener.base}/dtd" [
  <!ENTITY file SYSTEM "{secret.as_uri()}">
  <!ENTITY net SYSTEM "{listener.base}/entity">
]>
<rss version="2.0"><channel><title>Harbour news</title>
<item><title>Pier reopens</title><description>The pier reopened on Friday. &file; &net;</description></item>
</channel></rss>
""", encoding="utf-8")
    docs, _ = read([feed, _good(tmp_path)])
    assert listener.requests == []
    _no_secret(docs)
    assert "Ferry service resumes after storm" in [d.title for d in docs]


def test_html_xinclude_and_resources_are_not_loaded(tmp_path: Path, secret: Path, listener: Listener) -> None:
    page = tmp_path / "page.html"
    page.write_text(f"""<!doctype html><html xmlns:xi="http://www.w3.org/2001/XInclude"><head>
<title>Pier reopens after repairs</title><link rel="stylesheet" href="{listener.base}/style.css">
<base href="{listener.base}/"></head><body><article><h1>Pier reopens after repairs</h1>
<p>The pier reopened on Friday after six weeks of repairs, the harbour board said in a statement.</p>
<xi:include href="{secret.as_uri()}" parse="text"/>
<p>Engineers replaced 40 timber piles and the lighting along the walkway, the board said.</p>
<img src="{listener.base}/photo.jpg"><iframe src="{secret.as_uri()}"></iframe>
</article></body></html>""", encoding="utf-8")
    docs, problems = read([page])
    assert listener.requests == []
    _no_secret(docs)
    assert [d.title for d in docs] == ["Pier reopens after repairs"], problems


def test_yaml_front_matter_cannot_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    art = tmp_path / "tagged.md"
    art.write_text(f"---\ntitle: !!python/object/apply:os.system [\"touch {marker}\"]\n---\nBody text of the article.\n",
                   encoding="utf-8")
    docs, problems = read([art, _good(tmp_path)])
    assert not marker.exists()
    assert "front matter" in problem_for(problems, art).message
    assert len(docs) == 1


def test_render_fetches_nothing_named_in_article_text(tmp_path: Path, secret: Path, listener: Listener) -> None:
    art = tmp_path / "links.md"
    art.write_text(f"""---
title: Harbour board publishes repair plan
outlet: Coastal Gazette
date: 2024-05-15
url: {listener.base}/article
---
The harbour board published its repair plan on Wednesday ![plan]({listener.base}/plan.png) for the damaged pier.
The plan <img src="{listener.base}/img.png"> lists <link rel="stylesheet" href="{listener.base}/x.css"> twelve tasks.
Board chair Tomas Reyes said <iframe src="{secret.as_uri()}"></iframe> the work would cost 1.2 million dollars.
""", encoding="utf-8")
    brief = run([str(art), str(_good(tmp_path))], BriefConfig(summarizer="extractive"))
    outputs = {fmt: render_bytes(brief, fmt) for fmt in ("json", "md", "html", "pdf")}
    assert listener.requests == []
    for fmt, data in outputs.items():
        assert SECRET.encode() not in data, fmt
    assert b"<iframe" not in outputs["html"] and b"<img src=\"http" not in outputs["html"]
