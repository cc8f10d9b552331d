"""Render: PDF/HTML/Markdown/JSON output of a Brief (seeds pipeline + a hand-built brief).

Each brief is rendered once per session; assertions read the real PDF bytes
(pypdf text, fonts, links; pypdfium2 raster of page 1).
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import socket
import sys
from pathlib import Path

import pytest

from brief.render import FORMATS, RenderError, SafeFetcher, render_html, render_markdown, render_pdf, write_brief
from brief.render.fetcher import FetchRefused, TEMPLATES

pypdf = pytest.importorskip("pypdf")

_FIX = Path(__file__).parent / "fixtures" / "render" / "rich_brief.py"
_spec = importlib.util.spec_from_file_location("render_rich_brief", _FIX)
rich = importlib.util.module_from_spec(_spec)
sys.modules["render_rich_brief"] = rich
_spec.loader.exec_module(rich)


def _text(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [p.extract_text() or "" for p in reader.pages]


def _norm(s: str) -> str:
    return " ".join(s.replace("\u00ad", "").split())


class _Rendered:
    def __init__(self, brief):
        self.brief = brief
        self.fetcher = SafeFetcher()
        self.connects: list = []
        real = socket.socket.connect

        def spy(sock, addr):  # records (and refuses) any network connection during rendering
            self.connects.append(addr)
            raise OSError("network disabled during render test")

        socket.socket.connect = spy
        try:
            self.pdf = render_pdf(brief, fetcher=self.fetcher)
        finally:
            socket.socket.connect = real
        self.pages = _text(self.pdf)
        self.text = _norm(" ".join(self.pages))
        self.reader = pypdf.PdfReader(io.BytesIO(self.pdf))


@pytest.fixture(scope="session")
def seeds_pdf(seeds_brief):
    return _Rendered(seeds_brief)


@pytest.fixture(scope="session")
def rich_pdf():
    return _Rendered(rich.rich_brief())


@pytest.fixture(scope="session")
def injection_pdf():
    return _Rendered(rich.injection_brief())


# -- PDF from the seeds -------------------------------------------------------
def test_seeds_pdf_has_every_theme_label_and_sources_annex(seeds_pdf, seeds_brief):
    assert seeds_brief.themes, "the seeds should give at least one theme"
    for t in seeds_brief.themes:
        assert _norm(t.label) in seeds_pdf.text, t.label
    assert "Sources" in seeds_pdf.text
    for d in seeds_brief.documents:
        assert _norm(d.title)[:40] in seeds_pdf.text
    assert "Discrepancies between sources" in seeds_pdf.text
    assert "Method note" in seeds_pdf.text
    assert seeds_pdf.text.upper().count("TIMELINE") >= sum(1 for t in seeds_brief.themes if t.event_ids)


def test_seeds_pdf_pages_are_numbered(seeds_pdf):
    n = len(seeds_pdf.pages)
    for i, page in enumerate(seeds_pdf.pages, start=1):
        assert f"Page {i} of {n}" in _norm(page)


def test_every_citation_number_resolves_to_a_source(seeds_pdf, rich_pdf, seeds_brief):
    for r in (seeds_pdf, rich_pdf):
        n = len(r.brief.documents)
        body = r.text.split("Method note")[0]
        groups = re.findall(r"\[(\d+(?:, \d+)*)\]", body)
        assert groups, "no citation markers found"
        for g in groups:
            for num in g.split(", "):
                assert 1 <= int(num) <= n, g
        # the markers are internal links to named destinations in the annex
        dests = r.reader.named_destinations
        for i in range(1, n + 1):
            assert f"src-{i}" in dests


def test_citation_links_point_inside_the_document(rich_pdf):
    gotos = 0
    for page in rich_pdf.reader.pages:
        for a in page.get("/Annots") or []:
            a = a.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            action = a.get("/A")
            assert action is None or action.get("/S") != "/URI", "citation links must stay inside the PDF"
            gotos += 1
    assert gotos >= 10


def test_fonts_are_embedded_and_shipped(seeds_pdf, rich_pdf):
    for r in (seeds_pdf, rich_pdf):
        fonts = {}
        for page in r.reader.pages:
            for f in (page["/Resources"].get("/Font") or {}).values():
                f = f.get_object()
                desc = f.get("/FontDescriptor")
                if desc is None and "/DescendantFonts" in f:
                    desc = f["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                desc = desc.get_object()
                fonts[str(f["/BaseFont"])] = desc
        assert fonts
        for name, desc in fonts.items():
            assert "/FontFile2" in desc, f"{name} is not embedded"
            assert "Brief-" in name, f"{name} is not one of the shipped fonts (@font-face)"


def test_names_in_other_scripts_have_glyphs(rich_pdf):
    from fontTools.ttLib import TTFont

    cmaps = [TTFont(p).getBestCmap() for p in sorted((TEMPLATES / "fonts").glob("*.ttf"))]
    for script, name in rich.MULTISCRIPT.items():
        for ch in name.replace(" ", ""):
            assert any(ord(ch) in cm for cm in cmaps), (script, ch)
    assert rich.MULTISCRIPT["cyrillic"] in rich_pdf.text
    assert rich.MULTISCRIPT["greek"] in rich_pdf.text


def test_page_one_is_not_blank(seeds_pdf):
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(seeds_pdf.pdf)
    img = doc[0].render(scale=0.5).to_pil().convert("L")
    dark = sum(1 for px in img.getdata() if px < 200)
    assert dark / (img.width * img.height) > 0.01
    doc.close()


def test_only_template_assets_are_fetched(seeds_pdf, rich_pdf):
    for r in (seeds_pdf, rich_pdf):
        assert r.connects == []
        assert r.fetcher.refused == []
        for url in r.fetcher.calls:
            assert url.startswith("data:") or url.startswith(TEMPLATES.as_uri() + "/"), url


# -- hand-built brief: every section -------------------------------------------
def test_rich_brief_sections(rich_pdf):
    t = rich_pdf.text
    b = rich_pdf.brief
    for needle in ["UNCLASSIFIED // OPEN SOURCE", b.title, "2–6 Mar 2031", "KEY POINTS", "CONTENTS",
                   "Actor network", "Figure 1", "Discrepancies between sources", "Valdera Wire",
                   "Method note", "tiny-test-bart", "NEW SINCE LAST BRIEF", "Duplicate of [2]",
                   "/data/inbox/broken.pdf", "undated"]:
        assert needle in t, needle
    for th in b.themes:
        assert th.label in t
    # the timeline shows events chronologically, each as its source sentence, with the source numbers
    assert re.search(r"4 Mar 2031 .*met the northern delegation in Valdera on Tuesday\. ?2, 3", t)
    # the method note reports boilerplate lines, input errors and the faithfulness gate
    assert re.search(r"3 lines", t) and "2 inputs skipped" in t and "1 replaced" in t
    # TOC page numbers resolve to real pages
    m = re.search(r"Method note \.{3,} ?(\d+)", t)
    assert m and int(m.group(1)) == len(rich_pdf.pages), "TOC page number of the method note"


def test_extractive_brief_says_so_plainly(seeds_pdf, rich_pdf):
    assert "made without a seq2seq model" in seeds_pdf.text
    assert "made without a seq2seq model" not in rich_pdf.text


def test_short_brief_has_no_toc(rich_pdf):
    b = rich.rich_brief()
    b.themes = b.themes[:1]
    b.graph_svg = None
    b.discrepancies = []
    pages = _text(render_pdf(b))
    text = _norm(" ".join(pages))
    if len(pages) <= 2:
        assert "CONTENTS" not in text
    assert "Actor network" not in text and "No conflicting figures" in text


# -- security -----------------------------------------------------------------
def test_injection_article_renders_as_text(injection_pdf):
    t = injection_pdf.text
    for s in ("<script>", "<img src=\"http://127.0.0.1:9/beacon.png\">", "<iframe src=\"file:///etc/passwd\">"):
        assert s in t.replace("file:/// etc", "file:///etc"), s
    assert injection_pdf.connects == []
    assert injection_pdf.fetcher.refused == []
    assert all(u.startswith(("data:", TEMPLATES.as_uri() + "/")) for u in injection_pdf.fetcher.calls)
    assert not any("127.0.0.1" in u or "passwd" in u for u in injection_pdf.fetcher.calls)


def test_injection_html_and_markdown_are_inert():
    b = rich.injection_brief()
    html = render_html(b)
    for raw in rich.INJECTION.values():
        assert raw not in html
    assert "&lt;script&gt;" in html
    assert html.count("<script") == 0 and "<iframe" not in html and "<img src=\"http" not in html
    md = render_markdown(b)
    ours = re.sub(r'<a id="src-\d+"></a>', "", md)
    assert re.search(r"(?<!\\)<", ours) is None, "unescaped markup in Markdown"
    assert "\\<script\\>" in md


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x.png", "https://example.com/a.css", "ftp://example.com/f",
    "file:///etc/passwd", "file://localhost/etc/hostname", "gopher://x", "javascript:alert(1)",
])
def test_fetcher_refuses_network_and_outside_files(url):
    f = SafeFetcher()
    with pytest.raises(FetchRefused):
        f.fetch(url)
    assert f.calls == [url] and f.refused == [url]


def test_fetcher_refuses_traversal_and_symlinks_out_of_root(tmp_path):
    root = tmp_path / "assets"
    root.mkdir()
    (root / "ok.css").write_text("p{}")
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cret")
    (root / "link.txt").symlink_to(secret)
    f = SafeFetcher(root)
    assert f.fetch((root / "ok.css").as_uri()).read() == b"p{}"
    for url in [(root / "link.txt").as_uri(), root.as_uri() + "/../secret.txt", secret.as_uri()]:
        with pytest.raises(FetchRefused):
            f.fetch(url)
    assert f.fetch("data:text/plain,hi").read() == b"hi"
    assert SafeFetcher().fetch((TEMPLATES / "brief.css").as_uri()).read().startswith(b"/*")


# -- outputs --------------------------------------------------------------------
def test_markdown_has_the_same_content(rich_pdf):
    b = rich_pdf.brief
    md = render_markdown(b)
    for th in b.themes:
        assert th.label in md
    assert "## Key points" in md and "## Discrepancies between sources" in md and "## Sources" in md
    assert "| Date | What happened | Sources |" in md
    assert re.search(r"\[2\]\(#src-2\)", md)
    assert "Duplicate".lower() in md.lower()
    assert "12 (Valdera Wire)" in md


def test_write_every_format_atomically(tmp_path):
    b = rich.injection_brief()  # short: one layout pass
    for fmt in FORMATS:
        p = write_brief(b, tmp_path / f"x.{fmt}")
        assert p.stat().st_size > 100
    assert json.loads((tmp_path / "x.json").read_text())["title"] == b.title
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(x.name for x in tmp_path.iterdir()) == sorted(f"x.{f}" for f in FORMATS)


def test_failed_write_keeps_the_old_brief(tmp_path, monkeypatch, rich_pdf):
    target = tmp_path / "brief.md"
    target.write_text("old complete brief\n")
    import brief.render.atomic as atomic

    def boom(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", boom)
    with pytest.raises(RenderError, match="No space left"):
        write_brief(rich_pdf.brief, target, "md")
    assert target.read_text() == "old complete brief\n"
    assert [x.name for x in tmp_path.iterdir()] == ["brief.md"]
    with pytest.raises(RenderError, match="unknown format"):
        write_brief(rich_pdf.brief, tmp_path / "brief.docx")
    assert target.read_text() == "old complete brief\n"


def test_cli_repeated_format_with_output(tmp_path, seeds_dir):
    from typer.testing import CliRunner

    from brief.cli import app

    out = tmp_path / "report.pdf"
    res = CliRunner().invoke(app, ["build", str(seeds_dir), "-o", str(out), "--format", "html", "--format", "md",
                                   "--format", "json", "--summarizer", "extractive", "-q"])
    assert res.exit_code == 0, res.output
    assert "&lt;" not in (tmp_path / "report.html").read_text()[:200]
    assert (tmp_path / "report.html").read_text().startswith("<!doctype html>")
    assert "## Sources" in (tmp_path / "report.md").read_text()
    assert json.loads((tmp_path / "report.json").read_text())["documents"]


def test_pdf_annex_lists_the_cited_sources_and_counts_the_rest(examples_brief):
    import copy
    import dataclasses

    brief = copy.deepcopy(examples_brief)
    extra = dataclasses.replace(brief.documents[0], id="d-uncited", title="A report nobody quotes", sentences=[],
                                url="https://uncited.example/report")
    brief.documents.append(extra)
    pdf = _norm(" ".join(_text(render_pdf(brief))))
    assert "A report nobody quotes" not in pdf
    assert re.search(r"\d+ more sources? (were|was) read and not cited", pdf), pdf[-600:]
    html = render_html(brief)
    assert "A report nobody quotes" in html  # the HTML (and the JSON) list every source
    cited = {c.doc_id for s in brief.key_points for c in s.citations}
    for d in brief.documents:
        if d.id in cited:
            assert _norm(d.title)[:30] in pdf, d.title


def test_pdf_stays_bounded_however_many_sources_a_statement_has(examples_brief):
    import copy

    from brief.model import Citation, Discrepancy, DiscrepancyValue
    from brief.render.context import PDF_MAX_CITES, PDF_MAX_DISCREPANCIES

    brief = copy.deepcopy(examples_brief)
    docs = brief.documents
    assert len(docs) > PDF_MAX_CITES
    kp = brief.key_points[0]
    kp.citations = [Citation(d.id, 0) for d in docs if d.sentences]
    brief.discrepancies = [
        Discrepancy(fact=f"figure {i}", values=[DiscrepancyValue(str(i), docs[0].id, 0), DiscrepancyValue(str(i + 1), docs[1].id, 0)])
        for i in range(PDF_MAX_DISCREPANCIES + 5)]
    brief.discrepancies[0].values = [DiscrepancyValue(f"{n} boats", d.id, 0) for n, d in enumerate(docs)]
    brief.discrepancies[0].importance = 99.0
    pdf = _norm(" ".join(_text(render_pdf(brief))))
    assert f"and {len(docs) - 6} more values" in pdf
    more = len(kp.citations) - PDF_MAX_CITES
    assert f"+{more}]" in pdf.replace(" ]", "]"), pdf[:1500]
    assert "5 less important discrepancies not shown here" in pdf
    html = render_html(brief)
    assert "5 less important" not in html and f"figure {PDF_MAX_DISCREPANCIES + 4}" in html
