"""The discrepancy table: fact, kind, each source's value with its quoted words, outlet and citation,
most important first; each discrepancy also listed under its theme."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from brief.model import Discrepancy, DiscrepancyValue
from brief.render.context import View
from brief.render.html import render_html
from brief.render.markdown import render_markdown

_FIX = Path(__file__).parent / "fixtures" / "render" / "rich_brief.py"
_spec = importlib.util.spec_from_file_location("render_rich_brief_disc", _FIX)
rich = importlib.util.module_from_spec(_spec)
sys.modules["render_rich_brief_disc"] = rich
_spec.loader.exec_module(rich)  # type: ignore[union-attr]


def _brief():
    b = rich.rich_brief()
    d0, d1 = b.documents[0], b.documents[1]
    theme = b.themes[0]
    ev = next(e for e in b.events if e.id in theme.event_ids)
    c = ev.mentions[0]
    minor = Discrepancy("tonnes of barley", [DiscrepancyValue("8,000 tonnes", d0.id, 0, None, "carrying 8,000 tonnes"),
                                            DiscrepancyValue("more than 8,400 tons", d1.id, 0, "more than",
                                                             "with more than 8,400 tons aboard")],
                        [], "amount", False, 1.0)
    major = Discrepancy("number of people (kill)", [DiscrepancyValue("12 people", c.doc_id, c.sentence, None,
                                                                     "at least 12 people <b>died</b>"),
                                                    DiscrepancyValue("19 people", d1.id, 1, None, "19 people")],
                        [ev.id], "count", False, 3.0)
    b.discrepancies = [minor, major]
    return b, theme


def test_rows_most_important_first_with_quotes_outlets_and_citations():
    b, _ = _brief()
    v = View(b)
    assert [d["fact"] for d in v.discrepancies] == ["number of people (kill)", "tonnes of barley"]
    row = v.discrepancies[1]
    assert row["kind"] == "amount"
    assert [x["qualifier"] for x in row["values"]] == [None, "more than"]
    assert row["values"][1]["quote"] == "with more than 8,400 tons aboard"
    assert all(x["outlet"] and x["cites"] for x in row["values"])


def test_discrepancy_is_listed_under_its_theme_and_quotes_are_escaped():
    b, theme = _brief()
    v = View(b)
    tv = next(t for t in v.themes if t.label == theme.label)
    assert "number of people (kill)" in [d["fact"] for d in tv.discrepancies]
    listed = [d["fact"] for t in v.themes for d in t.discrepancies]
    assert len(listed) == len(set(listed))  # under one theme each
    html = render_html(b)
    assert "at least 12 people &lt;b&gt;died&lt;/b&gt;" in html
    assert html.index("Sources disagree") < html.index('id="discrepancies"')
    assert "with more than 8,400 tons aboard" in render_markdown(b)
