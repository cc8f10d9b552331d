"""Group stage: co-mention graph, themes, labels, export, on real text (seeds) and the demo corpus."""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from brief.clean import clean_documents
from brief.config import BriefConfig
from brief.errors import BriefError
from brief.extract import extract
from brief.group import Grouping, group, write_graph
from brief.group.phrases import fold, normalise
from brief.ingest import load_inputs


def _noop(*_a) -> None:
    pass


def _extracted(path: Path):
    """ingest -> clean -> extract, as brief/pipeline.py runs them."""
    cfg = BriefConfig(summarizer="extractive")
    docs = load_inputs([path], config=cfg, on_problem=_noop, progress=_noop)
    docs = [d for d in clean_documents(docs, config=cfg, progress=_noop) if d.body.strip()]
    ex = extract(docs, config=cfg, progress=_noop)
    return ex.events, ex.entities, docs


@pytest.fixture(scope="module")
def seeds_input(seeds_dir):
    return _extracted(seeds_dir)


@pytest.fixture(scope="module")
def seeds_grouping(seeds_input) -> Grouping:
    events, entities, docs = seeds_input
    return group(events, entities, docs, config=BriefConfig(), progress=_noop)


@pytest.fixture(scope="module")
def examples_grouping(examples_dir) -> Grouping:
    if not (examples_dir / "README.md").is_file():
        pytest.skip("examples/ demo corpus not written yet")
    events, entities, docs = _extracted(examples_dir)
    return group(events, entities, docs, config=BriefConfig(), progress=_noop)


def _text(theme) -> str:
    return " | ".join([theme.label, *theme.keyphrases]).lower()


def _cover(themes, topics: dict[str, tuple[str, ...]], *, with_entities: bool = False) -> dict[str, str] | None:
    """Distinct theme per topic (a theme covers a topic when its label/key phrases name it), or None."""
    real = [t for t in themes if t.label != "Other developments"]
    texts = {t.id: _text(t) + (" | " + " | ".join(t.entities).lower() if with_entities else "") for t in real}
    names = list(topics)
    for perm in itertools.permutations([t.id for t in real], len(names)):
        if all(any(n in texts[tid] for n in topics[name]) for name, tid in zip(names, perm)):
            return dict(zip(names, perm))
    return None


# -- key phrase normalisation --------------------------------------------------------------


def test_normalise_strips_determiners_and_singularises_the_head():
    assert normalise("the de-escalation zones") == "de-escalation zone"
    assert normalise("Their   Border Crossings") == "border crossing"
    assert normalise("the country's new policies") == "new policy"
    assert normalise("two missing soldiers") == "missing soldier"


def test_normalise_keeps_plural_only_nouns_and_folds_hyphenation():
    assert normalise("the remains") == "remains"
    assert normalise("peace talks") == "peace talks"
    assert fold(normalise("de-confliction hotline")) == fold(normalise("deconfliction hotline"))


@pytest.mark.parametrize(
    "phrase",
    ["last week", "Tuesday evening", "our newsletter", "a statement", "the two leaders", "Deputy Foreign Minister",
     "regional issues", "at least six people", "2019"],
)
def test_normalise_drops_dates_boilerplate_roles_and_generic_phrases(phrase):
    assert normalise(phrase) is None


# -- seeds --------------------------------------------------------------------------------


def test_every_event_is_in_exactly_one_theme(seeds_input, seeds_grouping):
    events = seeds_input[0]
    ids = [eid for t in seeds_grouping.themes for eid in t.event_ids]
    assert sorted(ids) == sorted(e.id for e in events)
    assert len(ids) == len(set(ids))


def test_theme_count_fits_a_five_article_corpus(seeds_grouping):
    real = [t for t in seeds_grouping.themes if t.label != "Other developments"]
    assert 3 <= len(real) <= 7
    assert len(seeds_grouping.themes) <= BriefConfig().max_themes


def test_themes_have_readable_distinct_labels_and_are_ranked(seeds_grouping):
    themes = seeds_grouping.themes
    labels = [t.label for t in themes]
    assert len(set(labels)) == len(labels)
    for t in themes:
        assert 1 <= len(t.label.split()) <= 10 and t.label[0].isupper()
        assert t.entities
        assert t.keyphrases or t.label == "Other developments"  # the catch-all may hold phrase-less events
        assert t.id == f"t{themes.index(t) + 1}"
    real = [t for t in themes if t.label != "Other developments"]
    assert [t.salience for t in real] == sorted((t.salience for t in real), reverse=True)


def test_main_actors_do_not_glue_everything_into_one_theme(seeds_input, seeds_grouping):
    events = seeds_input[0]
    g = seeds_grouping.graph
    hubs = {n for n in g if g.nodes[n]["hub"]}
    # the actors present in every article are recognised as hubs ...
    assert {"Russia", "Israel"} <= hubs
    # ... and no theme swallows most of the corpus
    assert max(len(t.event_ids) for t in seeds_grouping.themes) < 0.5 * len(events)


def test_seed_themes_remains_and_deescalation_zones_are_separate(seeds_grouping):
    found = _cover(seeds_grouping.themes, {"remains": ("remains",), "zones": ("de-escalation", "deescalation")})
    assert found is not None, [(t.label, t.keyphrases) for t in seeds_grouping.themes]


def test_seed_themes_hotline_remains_and_zones_are_three_distinct_themes(seeds_grouping):
    topics = {
        "hotline": ("deconfliction", "de-confliction", "hotline", "coordination mechanism"),
        "remains": ("remains",),
        "zones": ("de-escalation", "deescalation"),
    }
    assert _cover(seeds_grouping.themes, topics) is not None, [(t.label, t.keyphrases) for t in seeds_grouping.themes]


def test_two_runs_give_identical_themes_and_graph(seeds_input, seeds_grouping):
    events, entities, docs = seeds_input
    again = group(events, entities, docs, config=BriefConfig(), progress=_noop)
    assert [t.to_dict() for t in again.themes] == [t.to_dict() for t in seeds_grouping.themes]
    assert json.dumps(again.graph_json, sort_keys=True) == json.dumps(seeds_grouping.graph_json, sort_keys=True)
    assert again.graph_svg == seeds_grouping.graph_svg


def test_max_themes_setting_caps_the_theme_count(seeds_input):
    events, entities, docs = seeds_input
    out = group(events, entities, docs, config=BriefConfig(max_themes=3), progress=_noop)
    assert 1 <= len(out.themes) <= 3
    assert sorted(e for t in out.themes for e in t.event_ids) == sorted(e.id for e in events)


def test_no_events_gives_no_themes():
    out = group([], [], [], config=BriefConfig(), progress=_noop)
    assert out.themes == [] and out.graph_svg is None and out.graph_json["nodes"] == []


# -- export -------------------------------------------------------------------------------


def test_graph_json_gives_every_node_its_theme(seeds_grouping):
    data = seeds_grouping.graph_json
    theme_ids = {t.id for t in seeds_grouping.themes}
    assert data["nodes"] and data["links"]
    for node in data["nodes"]:
        assert node["kind"] in ("entity", "keyphrase")
        assert node["theme"] == "" or node["theme"] in theme_ids
    assert sum(1 for n in data["nodes"] if n["theme"]) > 0.8 * len(data["nodes"])
    json.dumps(data)  # serialisable as is


def test_write_graph_graphml_and_json_round_trip(seeds_grouping, tmp_path):
    from brief.report import Brief
    import datetime as dt

    brief = Brief(title="t", generated_at=dt.datetime(2025, 1, 1), graph=seeds_grouping.graph_json)
    gml = write_graph(brief, tmp_path / "out" / "g.graphml")
    back = nx.read_graphml(gml)
    assert back.number_of_nodes() == seeds_grouping.graph.number_of_nodes()
    assert back.number_of_edges() == seeds_grouping.graph.number_of_edges()
    some = next(iter(back.nodes))
    assert "theme" in back.nodes[some] and "kind" in back.nodes[some]
    js = write_graph(brief, tmp_path / "g.json")
    assert json.loads(js.read_text())["nodes"] == seeds_grouping.graph_json["nodes"]


def test_write_graph_rejects_unknown_formats_with_a_user_error(seeds_grouping, tmp_path):
    with pytest.raises(BriefError, match="graphml"):
        write_graph(seeds_grouping, tmp_path / "g.png")
    assert not (tmp_path / "g.png").exists()


def test_graph_svg_is_self_contained_and_has_a_legend(seeds_grouping):
    svg = seeds_grouping.graph_svg
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and root.get("viewBox").startswith("0 0 680 ")
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "href" not in svg and "<image" not in svg and "@import" not in svg
    assert 'font-family="sans-serif"' in svg
    ns = "{http://www.w3.org/2000/svg}"
    text = " ".join("".join(t.itertext()) for t in root.iter(f"{ns}text"))
    for t in seeds_grouping.themes:
        assert t.label[:40] in text
    colours = {c.get("fill") for c in root.iter(f"{ns}circle")}
    assert len(colours) >= 3  # nodes coloured by theme


# -- examples (the demo corpus, themes stated in examples/README.md) ---------------------------


def test_examples_themes_are_the_ones_the_corpus_was_written_around(examples_grouping):
    topics = {
        "dam": ("dam", "filling", "reservoir", "release"),
        "border": ("border", "crossing", "clash"),
        "cholera": ("cholera",),
    }
    found = _cover(examples_grouping.themes, topics)
    assert found is not None, [(t.label, t.keyphrases) for t in examples_grouping.themes]


def test_examples_displacement_is_its_own_theme(examples_grouping):
    topics = {
        "dam": ("dam", "filling", "reservoir", "release"),
        "border": ("border", "crossing", "clash"),
        "displacement": ("displace", "farmer"),
        "cholera": ("cholera",),
    }
    assert _cover(examples_grouping.themes, topics) is not None


# -- label quality ------------------------------------------------------------------------------

_GENERIC_LABEL_WORDS = {"issue", "issues", "value", "values", "access", "province", "situation", "developments", "matter"}


def _label_problems(grouping) -> list[str]:
    g = grouping.graph
    persons = {n.lower() for n in g if g.nodes[n].get("entity_type") == "PERSON"}
    real = [t for t in grouping.themes if t.label != "Other developments"]
    problems = []
    labels = [t.label.lower() for t in grouping.themes]
    if len(set(labels)) != len(labels):
        problems.append("labels not unique")
    for t in real:
        words = t.label.split()
        if ":" in t.label:
            problems.append(f"{t.label!r}: 'X: Y' form")
        if len(words) == 1 and words[0].lower() in _GENERIC_LABEL_WORDS:
            problems.append(f"{t.label!r}: one generic word")
        if words[-1].lower() in _GENERIC_LABEL_WORDS:
            problems.append(f"{t.label!r}: abstract head")
        if any(p in t.label.lower() for p in persons if len(p) > 3):
            problems.append(f"{t.label!r}: names a person")
        if not (1 <= len(words) <= 9) or not t.label[0].isupper():
            problems.append(f"{t.label!r}: shape")
    return problems


def test_seed_labels_are_analyst_phrases(seeds_grouping):
    assert _label_problems(seeds_grouping) == [], [t.label for t in seeds_grouping.themes]


def test_seed_story_labels_name_their_story(seeds_grouping):
    """The themes covering the remains and the zones say so in the label itself, not only in key phrases."""
    labels = [t.label.lower() for t in seeds_grouping.themes if t.label != "Other developments"]
    assert any("remains" in lab for lab in labels), labels
    assert any("de-escalation" in lab or "deescalation" in lab for lab in labels), labels
    assert any("coordination" in lab or "confliction" in lab or "hotline" in lab or "clash" in lab for lab in labels), labels


def test_examples_labels_are_analyst_phrases(examples_grouping):
    assert _label_problems(examples_grouping) == [], [t.label for t in examples_grouping.themes]


def test_labels_avoid_places_that_are_not_typical_of_the_story(seeds_grouping, examples_grouping):
    """A place closes a label only when it is a location named in the theme's events across documents."""
    for grouping in (seeds_grouping, examples_grouping):
        g = grouping.graph
        for t in grouping.themes:
            if " in " in t.label:
                place = t.label.rsplit(" in ", 1)[1]
                assert place in g and g.nodes[place]["entity_type"] in ("GPE", "LOC", "FAC"), t.label
                assert g.nodes[place]["documents"] >= 2, t.label


# -- coherence and headline labels --------------------------------------------------------------


@pytest.mark.parametrize("which", ["seeds_grouping", "examples_grouping"])
def test_no_two_themes_are_named_by_the_same_head_word(which, request):
    from brief.group.themes import _heads

    grouping = request.getfixturevalue(which)
    real = [t for t in grouping.themes if t.label != "Other developments"]
    for a, b in itertools.combinations(real, 2):
        assert not (_heads(a.label) & _heads(b.label)), (a.label, b.label)


@pytest.mark.parametrize("which", ["seeds_grouping", "examples_grouping"])
def test_every_event_is_themed_once_and_the_svg_still_renders(which, request):
    grouping = request.getfixturevalue(which)
    ids = [e for t in grouping.themes for e in t.event_ids]
    assert len(ids) == len(set(ids))
    root = ET.fromstring(grouping.graph_svg)
    assert root.tag.endswith("svg")
    for t in grouping.themes:
        assert 1 <= len(t.label.split()) <= 8 and t.label[0].isupper()


@pytest.mark.parametrize("which", ["seeds_grouping", "examples_grouping"])
def test_no_theme_is_named_by_an_abstract_head_and_other_stays_small(which, request):
    from brief.group.labels import ABSTRACT_HEADS

    grouping = request.getfixturevalue(which)
    real = [t for t in grouping.themes if t.label != "Other developments"]
    for t in real:
        assert t.label.lower().split()[-1] not in ABSTRACT_HEADS, t.label
    other = sum(len(t.event_ids) for t in grouping.themes if t.label == "Other developments")
    total = sum(len(t.event_ids) for t in grouping.themes)
    assert other < 0.15 * total, (other, total)


@pytest.mark.parametrize("which", ["seeds_grouping", "examples_grouping"])
def test_no_theme_spanning_several_documents_is_named_by_a_bare_word(which, request):
    """A bare word names a multi-document theme only through its longer form ("flow gauges", not "gauges")."""
    grouping = request.getfixturevalue(which)
    for t in grouping.themes:
        if t.label == "Other developments":
            continue
        assert len(t.label.split()) >= 2, (t.label, t.keyphrases[:5])


# -- stories (event graph) and class-based labels, on text written here -------------------------------


def _story_docs():
    """Two stories told by three outlets each; one actor ("Ministry") is in every sentence."""
    from brief.model import Citation, Document, Event, Sentence

    texts = {
        "d1": ["The Ministry said the Harlow dam reservoir reached its flood mark.",
               "The Ministry opened the Harlow dam spillway to release water.",
               "Farmers below the Harlow dam moved cattle away from the spillway."],
        "d2": ["Engineers at the Harlow dam released water through the spillway, the Ministry said.",
               "The Ministry warned that the reservoir of the Harlow dam was full."],
        "d3": ["The Ministry said cholera cases rose in the camps of Orvel.",
               "Health workers in Orvel set up cholera clinics in the camps, the Ministry said.",
               "The Ministry said clean water reached the Orvel camps to stop the cholera outbreak."],
        "d4": ["Cholera clinics in the Orvel camps treated hundreds of patients, the Ministry said.",
               "The Ministry said the cholera outbreak in Orvel slowed."],
        "d5": ["The Ministry said the spillway of the Harlow dam stayed open.",
               "In Orvel the cholera clinics stayed open, the Ministry said."],
    }
    docs, events = [], []
    for did, sents in texts.items():
        docs.append(Document(did, f"title {did}", " ".join(sents),
                             sentences=[Sentence(did, i, s) for i, s in enumerate(sents)]))
        for i, s in enumerate(sents):
            low = s.lower()
            ents = ["Ministry"] + [n for n in ("Harlow", "Orvel") if n.lower() in low]
            phrases = [p for p in ("harlow dam", "spillway", "reservoir", "cholera clinics", "cholera outbreak", "camps")
                       if p in low]
            events.append(Event(f"e{len(events) + 1}", "say", actors=["Ministry"], mentions=[Citation(did, i)],
                                entities=ents, keyphrases=phrases, salience=0.5))
    return docs, events


def test_stories_keep_two_stories_apart_although_one_actor_is_everywhere():
    from brief.group.graph import build
    from brief.group.stories import event_graph, find_stories

    docs, events = _story_docs()
    doc_of = {d.id: d.id for d in docs}
    cm = build(events, [], doc_of)
    stories = find_stories(event_graph(events, docs, cm.event_nodes, doc_of), target=2)
    text = {e.id: docs[[d.id for d in docs].index(e.mentions[0].doc_id)].sentences[e.mentions[0].sentence].text for e in events}
    assert len(stories) == 2
    for story in stories:
        kinds = {("dam" if "dam" in text[e] or "spillway" in text[e] else "cholera") for e in story}
        assert len(kinds) == 1, [text[e] for e in story]


def test_story_grouping_is_deterministic():
    from brief.group.graph import build
    from brief.group.stories import event_graph, find_stories

    docs, events = _story_docs()
    doc_of = {d.id: d.id for d in docs}
    cm = build(events, [], doc_of)
    runs = [find_stories(event_graph(events, docs, cm.event_nodes, doc_of), target=2) for _ in range(2)]
    assert runs[0] == runs[1]


def test_labels_name_each_story_and_share_no_word():
    from brief.group.naming import label_words

    docs, events = _story_docs()
    grouping = group(events, [], docs, config=BriefConfig(), progress=_noop)
    labels = [t.label for t in grouping.themes if t.label != "Other developments"]
    assert len(labels) >= 2
    words = [label_words(lab) for lab in labels]
    assert all(not (a & b) for a, b in itertools.combinations(words, 2)), labels
    assert all(2 <= len(lab.split()) <= 6 for lab in labels), labels
    assert all(lab.lower() != "ministry" for lab in labels)
    assert any("dam" in lab.lower() or "spillway" in lab.lower() for lab in labels), labels
    assert any("cholera" in lab.lower() for lab in labels), labels


def test_a_big_graph_exports_its_repeated_links_only():
    import networkx as nx

    from brief.group import EXPORT_MAX_LINKS, graph_to_json

    g = nx.Graph()
    for i in range(EXPORT_MAX_LINKS + 10):
        g.add_edge(f"a{i}", f"b{i}", weight=0.1, count=1)
    for i in range(10):
        g.add_edge(f"x{i}", f"y{i}", weight=1.0, count=3)
    data = graph_to_json(g)
    assert len(data["links"]) == 10 and len(data["nodes"]) == 20
    assert data["graph"]["pruned"]["links"] == EXPORT_MAX_LINKS + 20
    small = nx.Graph([("p", "q", {"weight": 0.5, "count": 1})])
    assert len(graph_to_json(small)["links"]) == 1 and "pruned" not in graph_to_json(small)["graph"]


def test_a_graph_too_big_even_when_cut_keeps_only_its_most_repeated_links(monkeypatch):
    import networkx as nx

    from brief.group import graph_to_json

    monkeypatch.setattr("brief.group.EXPORT_MAX_LINKS", 4)
    monkeypatch.setattr("brief.group.EXPORT_KEEP_LINKS", 5)
    g = nx.Graph()
    for i, count in enumerate([2, 2, 2, 2, 3, 3, 3, 4]):
        g.add_edge(f"a{i}", f"b{i}", weight=0.5, count=count)
    data = graph_to_json(g)
    assert sorted(link["count"] for link in data["links"]) == [3, 3, 3, 4]
    assert data["graph"]["pruned"]["min_count"] == 3
