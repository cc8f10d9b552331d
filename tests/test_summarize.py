"""Summaries: extractive quality, citation alignment, the faithfulness gate, key points.

Seed-based tests read ../shared/corpus/seeds at test time (fixture ``seeds_brief``);
the synthetic documents below are our own writing.
"""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest

from brief.config import BriefConfig
from brief.model import Citation, Document, Event, Sentence, Theme
from brief.summarize import ExtractiveSummarizer, get_summarizer, summarize
from brief.summarize import gate
from brief.summarize.align import SourceIndex, features, missing_facts
from brief.summarize.extractive import compress, quality

# --------------------------------------------------------------------------- helpers


def _doc(doc_id: str, sentences: list[str], *, outlet: str | None = None, published: dt.date | None = None) -> Document:
    body = " ".join(sentences)
    d = Document(doc_id, f"title {doc_id}", body, outlet=outlet, published=published, body=body)
    pos = 0
    for i, s in enumerate(sentences):
        d.sentences.append(Sentence(doc_id, i, s, pos, pos + len(s)))
        pos += len(s) + 1
    return d


def _noop(*a):
    pass


def _names(text: str) -> list[str]:
    """Independent of the code under test: spaCy's named entities of the statement, word by word."""
    from brief.nlp import get_nlp

    doc = get_nlp()(text)
    words = []
    for ent in doc.ents:
        if ent.label_ in {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}:
            words += [t.text for t in ent if t.text[:1].isupper() and t.is_alpha and len(t.text) > 1]
    return words


def _numbers(text: str) -> list[str]:
    return [n.replace(",", "") for n in re.findall(r"\d[\d,]*", text)]


def _all_statements(brief):
    for t in brief.themes:
        yield from t.summary
    yield from brief.key_points


# --------------------------------------------------------------------------- units


def test_features_sort_names_numbers_dates():
    f = features("However, the Harbor Authority said on Tuesday that 1,200 workers in Northport went on strike in March.")
    assert {"harbor", "authority", "northport"} <= f.names
    assert "however" not in f.names
    assert "1200" in f.numbers
    assert {"tuesday", "m3"} <= f.dates
    assert missing_facts(f, [features("The Harbor Authority said 1,200 workers in Northport struck on Tuesday in March.")]) == []
    assert "1200" in missing_facts(f, [features("The Harbor Authority said 1,300 workers in Northport struck on Tuesday in March.")])


def test_compress_trims_connectives_datelines_credits_keeps_attribution():
    assert compress("However, the council approved the new budget on Monday, the mayor said.") == \
        "The council approved the new budget on Monday, the mayor said."
    assert compress("In addition, rescue teams reached the flooded valley before dawn.") == \
        "Rescue teams reached the flooded valley before dawn."
    assert compress("NORTHPORT (Wire) - The harbor reopened to cargo ships after a week of strikes.") == \
        "The harbor reopened to cargo ships after a week of strikes."
    out = compress("The governor inspected the dam (photo credit: staff photographer) on Friday, according to officials.")
    assert "photo" not in out and out.endswith("according to officials.")
    # "according to" at the start is an attribution, not a connective: it stays
    assert compress("According to the ministry, 40 families were evacuated.").startswith("According to the ministry")


@pytest.mark.parametrize("raw", [
    "Will the harbor reopen before the holidays?",
    "The governor visits the dam in Northport on Friday. (Photo credit: Staff/Wire)",
    "Sign up for our newsletter to get the latest updates on the harbor strike every morning.",
    "Harbor Workers Strike Over New Contract Terms In Northport",
    "and the ministry had warned about the dam for years.",
    "“We will not accept this contract, and the strike goes on,",
])
def test_quality_rejects_questions_captions_boilerplate_headlines_fragments(raw):
    assert quality(raw, compress(raw)) == 0.0


def test_quality_accepts_plain_reporting_and_prefers_it_to_pronoun_openers():
    good = "The harbor authority said 1,200 workers walked out on Tuesday over the new contract."
    weak = "It said 1,200 workers walked out on Tuesday over the new contract terms."
    assert quality(good, compress(good)) == 1.0
    assert 0 < quality(weak, compress(weak)) < 1.0


# --------------------------------------------------------------------------- synthetic corpus


@pytest.fixture()
def harbor():
    a = _doc("d-a", [
        "The Northport harbor authority said on Tuesday that 1,200 dock workers had walked off the job.",
        "Subscribe to our newsletter for daily updates.",
        "However, the strike halted loading at the container terminal, the authority said.",
        "The union asked for a 9 percent raise in March.",
    ], outlet="Coast Daily", published=dt.date(2031, 5, 6))
    b = _doc("d-b", [
        "About 1,200 dock workers walked off the job in Northport on Tuesday, the harbor authority said.",
        "Ships waited outside the port as loading at the container terminal stopped.",
    ], outlet="Wire One", published=dt.date(2031, 5, 6))
    c = _doc("d-c", [
        "The union first asked for a 9 percent raise in March, months before the walkout.",
        "The harbor authority said on Tuesday that 1,200 dock workers in Northport had walked off the job.",
    ], outlet="Port Weekly", published=dt.date(2031, 5, 8))
    events = [
        Event("e1", "walk", actors=["dock workers"], date=dt.date(2031, 5, 6), salience=1.0,
              mentions=[Citation("d-a", 0), Citation("d-b", 0)], entities=["Northport"]),
        Event("e2", "halt", date=dt.date(2031, 5, 6), salience=0.6, mentions=[Citation("d-a", 2), Citation("d-b", 1)]),
        Event("e3", "ask", actors=["union"], date=dt.date(2031, 3, 1), salience=0.5,
              mentions=[Citation("d-a", 3), Citation("d-c", 0)]),
        Event("e4", "say", mentions=[Citation("d-a", 1)], salience=0.1),  # boilerplate mention
    ]
    theme = Theme("t1", "harbor strike", keyphrases=["dock workers", "harbor authority"], entities=["Northport"],
                  event_ids=["e1", "e2", "e3", "e4"], salience=1.0)
    return [a, b, c], events, theme


def test_extractive_cites_every_outlet_that_reports_the_event(harbor):
    docs, events, theme = harbor
    cfg = BriefConfig(summarizer="extractive", summary_sentences=3)
    [summary] = ExtractiveSummarizer().summarize_themes([theme], {e.id: e for e in events}, {d.id: d for d in docs}, cfg)
    texts = [s.text for s in summary]
    assert texts, "no summary"
    walkout = next(s for s in summary if "walked off" in s.text)
    # the event's two mentions (d-a, d-b) and the third outlet that tells the same fact (d-c)
    assert {c.doc_id for c in walkout.citations} == {"d-a", "d-b", "d-c"}
    assert not any("newsletter" in t.lower() for t in texts)
    assert not any(t.startswith("However") for t in texts)
    # date order: the March demand comes before the May walkout
    raise_i = next(i for i, t in enumerate(texts) if "raise" in t)
    assert raise_i < texts.index(walkout.text)
    # the two walk-out sentences say the same thing: only one of them is used
    assert sum("walked off" in t for t in texts) == 1


def test_a_key_point_is_not_repeated_in_its_theme_summary(harbor):
    docs, events, theme = harbor
    cfg = BriefConfig(summarizer="extractive", summary_sentences=3)
    out = summarize([theme], events, docs, ExtractiveSummarizer(), config=cfg, progress=_noop)
    assert out.key_points and theme.summary
    said = {tuple(s.citations[:1]) for s in out.key_points}
    assert not any(tuple(s.citations[:1]) in said for s in theme.summary)
    assert len(theme.summary) <= 3


def test_gate_keeps_a_faithful_sentence_and_rejects_changed_facts(harbor):
    docs, _, _ = harbor
    idx = SourceIndex.build(docs)
    ok = gate.check("The Northport harbor authority said 1,200 dock workers walked off the job on Tuesday.", idx)
    assert ok.ok, ok.reason
    assert {c.doc_id for c in ok.citations} >= {"d-a", "d-b"}
    for bad, why in [
        ("The Northport harbor authority said 3,400 dock workers walked off the job on Tuesday.", "3400"),
        ("The Eastbay harbor authority said 1,200 dock workers walked off the job on Tuesday.", "eastbay"),
        ("The Northport harbor authority said 1,200 dock workers walked off the job on Friday.", "friday"),
        ("Negotiators approved emergency funding for flood relief after the election results.", "supports"),
        ("The Northport harbor authority said 1,200 dock workers did not walk off the job on Tuesday.", "negation"),
    ]:
        v = gate.check(bad, idx)
        assert not v.ok and why in v.reason, (bad, v.reason)


def test_summarize_survives_weak_themes(harbor):
    docs, events, theme = harbor
    empty = Theme("t2", "nothing", event_ids=["e404"])
    broken = Theme("t3", "broken", event_ids=["e9"])
    events = events + [Event("e9", "x", mentions=[Citation("d-a", 99), Citation("d-zz", 0)])]
    res = summarize([theme, empty, broken], events, docs, ExtractiveSummarizer(),
                    config=BriefConfig(summarizer="extractive"), progress=_noop)
    assert empty.summary == [] and broken.summary == []
    assert theme.summary and all(s.citations for s in theme.summary)
    assert 1 <= len(res.key_points) <= 5


# --------------------------------------------------------------------------- seeds (extractive brief)


@pytest.fixture(params=["seeds_brief", "examples_brief"])
def any_brief(request):
    return request.getfixturevalue(request.param)


def test_every_statement_cited_and_citations_resolve(any_brief):
    seeds_brief = any_brief
    stmts = list(_all_statements(seeds_brief))
    assert any(t.summary for t in seeds_brief.themes)
    for s in stmts:
        assert s.text.strip() and s.citations, s.text
        for c in s.citations:
            assert seeds_brief.sentence_text(c)  # resolves (raises KeyError/IndexError otherwise)


def test_cited_sentences_carry_the_statements_names_and_numbers(any_brief):
    seeds_brief = any_brief
    for s in _all_statements(seeds_brief):
        names, numbers = _names(s.text), _numbers(s.text)
        for c in s.citations:
            src = seeds_brief.sentence_text(c)
            low = src.lower()
            for n in names:
                assert re.search(r"\b" + re.escape(n.lower()), low), (n, s.text, src)
            for n in numbers:
                assert n in src.replace(",", ""), (n, s.text, src)


def test_no_statement_from_boilerplate_or_fragments(any_brief):
    seeds_brief = any_brief
    dropped = {x.text.strip() for x in seeds_brief.dropped}
    for s in _all_statements(seeds_brief):
        src = seeds_brief.sentence_text(s.citations[0])
        assert src.strip() not in dropped
        assert "?" not in s.text
        assert not re.search(r"photo|credit|subscribe|newsletter|getty|reuters/", s.text, re.I), s.text
        assert s.text.lstrip("\"“")[0].isupper() and s.text[-1] in ".!\"”’'", s.text  # a capital (or a quotation opening with one)
        assert s.text.count("“") == s.text.count("”"), s.text
        assert len(s.text.split()) >= 6


def test_summaries_read_well(any_brief):
    seeds_brief = any_brief
    from brief.summarize.align import similarity

    order = {d.id: i for i, d in enumerate(seeds_brief.documents)}
    seen = set()
    for t in seeds_brief.themes:
        assert len(t.summary) <= BriefConfig().summary_sentences
        fs = [features(s.text) for s in t.summary]
        for i in range(len(fs)):
            for j in range(i + 1, len(fs)):
                assert similarity(fs[i], fs[j]) <= 0.5, (t.summary[i].text, t.summary[j].text)
        keys = []
        for s in t.summary:  # date order: event date (else the source's date), then document order
            c = s.citations[0]
            dates = [seeds_brief.event(e).date for e in s.event_ids if seeds_brief.event(e).date]
            day = min(dates) if dates else seeds_brief.document(c.doc_id).published
            keys.append((day is None, day or dt.date.max, order[c.doc_id], c.sentence))
        assert keys == sorted(keys), [s.text[:40] for s in t.summary]
        for s in t.summary:  # no sentence repeated under two themes
            assert s.text not in seen
            seen.add(s.text)
            assert not re.match(r"(However|Moreover|Meanwhile|In addition|Furthermore)\b", s.text)


def test_key_points(any_brief):
    seeds_brief = any_brief
    kps = seeds_brief.key_points
    assert 3 <= len(kps) <= 5
    assert len({k.text for k in kps}) == len(kps)
    assert len({k.theme_id for k in kps}) >= min(3, len([t for t in seeds_brief.themes if t.summary]))
    for k in kps:
        assert k.citations and len(k.text.split()) <= 45
    assert seeds_brief.summarizer.kind == "extractive"
    d = seeds_brief.to_dict()
    assert d["summarizer"]["kind"] == "extractive" and "gate_replaced" in d["summarizer"]


# --------------------------------------------------------------------------- choosing a summarizer


def test_auto_without_a_model_falls_back_with_one_notice(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    s = get_summarizer(BriefConfig(summarizer="auto", model=str(tmp_path / "no-model")))
    assert s.kind == "extractive"
    assert "brief models pull" in s.notice and "--model PATH" in s.notice and "\n" not in s.notice


def test_seq2seq_without_a_model_is_a_one_line_model_error(tmp_path):
    from brief.errors import ModelError

    with pytest.raises(ModelError) as e:
        get_summarizer(BriefConfig(summarizer="seq2seq", model=str(tmp_path / "missing")))
    assert "\n" not in str(e.value) and "missing" in str(e.value)
    with pytest.raises(ModelError) as e:
        get_summarizer(BriefConfig(summarizer="seq2seq", model="nobody-here/no-such-model-xyz"))
    assert "brief models pull" in str(e.value)


# --------------------------------------------------------------------------- properties

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from(["However,", "the", "council", "said", "on", "Monday", "12", "(photo", "credit:", "AP)",
                          "which", "was", "late,", "In", "addition,", "NORTHPORT", "-", "“quote”", "rain.", "and",
                          "Gen.", "Smith", "met", "envoy;", "Dr.", "?", "it", "flooded", "valley", "officials"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40))
def test_compress_never_adds_a_word(words):
    text = " ".join(words)
    tok = lambda s: {w.lower() for w in re.findall(r"[\w’']+", s)}  # noqa: E731
    assert tok(compress(text)) <= tok(text)
    features(compress(text))  # never raises


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_alignment_never_raises_on_any_text(text):
    f = features(text)
    assert missing_facts(f, [f]) == []  # a sentence always supports itself


def test_statements_cite_every_agreeing_mention_of_their_events(any_brief):
    """An event told by several outlets: each outlet's sentence that carries the statement's facts is cited."""
    for t in any_brief.themes:
        for s in t.summary:
            f = features(s.text)
            cited = set(s.citations)
            for eid in s.event_ids:
                for m in any_brief.event(eid).mentions:
                    if not missing_facts(f, [features(any_brief.sentence_text(m))]):
                        assert m in cited, (s.text, m)


# --------------------------------------------------------------------------- timeline rows


def test_timeline_rows_are_sentences_dated_by_the_event_or_the_report_day(harbor):
    from brief.summarize.timeline import theme_timeline

    docs, events, theme = harbor
    rows = theme_timeline(theme, {e.id: e for e in events}, {d.id: d for d in docs})
    texts = [r.text for r in rows]
    assert not any("newsletter" in t.lower() for t in texts)  # site chrome is no event
    assert all(t[0].isupper() and t.endswith(".") for t in texts)
    by_text = {r.text: r for r in rows}
    walk = next(r for r in rows if "walked off" in r.text)
    assert walk.date == dt.date(2031, 5, 6) and walk.date_text == "6 May 2031" and walk.dated
    assert [r.date for r in rows] == sorted(r.date for r in rows)  # date order
    assert len(by_text) == len(rows)
    # an undated event carries the day its earliest source reported it
    undated = Event("e9", "stop", actors=["loading"], salience=0.9, mentions=[Citation("d-b", 1)])
    theme.event_ids.append("e9")
    rows = theme_timeline(theme, {e.id: e for e in [*events, undated]}, {d.id: d for d in docs})
    row = next(r for r in rows if "e9" in r.event_ids)
    assert row.date == dt.date(2031, 5, 6) and row.date_text == "by 6 May 2031" and not row.dated


def test_timeline_row_of_a_long_sentence_keeps_the_event_clause_and_its_source():
    from brief.summarize.timeline import row_text

    long = ("Following a week of talks with both unions in the northern ports, the harbor authority said on Tuesday "
            "that the dock workers will return to work on Monday under a new contract that raises pay by nine percent.")
    d = _doc("d-x", [long], published=dt.date(2031, 5, 9))
    ev = Event("e1", "return", actors=["dock workers"], action_text="will return", mentions=[Citation("d-x", 0)])
    text = row_text(ev, {"d-x": d})
    assert text.startswith("The dock workers will return to work on Monday"), text
    assert text.endswith("the harbor authority said."), text
    assert len(text.split()) < len(long.split())


def test_one_sentence_telling_two_events_is_one_row(harbor):
    from brief.summarize.timeline import theme_timeline

    docs, events, theme = harbor
    twin = Event("e5", "stop", actors=["loading"], date=dt.date(2031, 5, 6), salience=0.55, mentions=[Citation("d-a", 2)])
    theme.event_ids.append("e5")
    rows = theme_timeline(theme, {e.id: e for e in [*events, twin]}, {d.id: d for d in docs})
    row = next(r for r in rows if "e5" in r.event_ids)
    assert set(row.event_ids) == {"e2", "e5"}
    assert sum("container terminal" in r.text and "halted" in r.text for r in rows) == 1


def test_a_sentence_cut_by_a_bad_split_is_no_timeline_row():
    from brief.summarize.timeline import theme_timeline

    d = _doc("d-y", ["The envoy said talks would resume in Verest on Monday.", "“We are ready to talk about the ports and the convoys, the envoy said.",
                     "The ministry said the convoy reached Verest on Monday."], published=dt.date(2031, 5, 9))
    evs = [Event("e1", "resume", salience=0.9, mentions=[Citation("d-y", 0)]),
           Event("e2", "say", salience=0.8, mentions=[Citation("d-y", 1)]),
           Event("e3", "reach", salience=0.7, mentions=[Citation("d-y", 2)])]
    theme = Theme("t1", "Verest talks", event_ids=["e1", "e2", "e3"])
    rows = theme_timeline(theme, {e.id: e for e in evs}, {"d-y": d})
    assert [r.event_ids for r in rows] == [["e1"], ["e3"]]
