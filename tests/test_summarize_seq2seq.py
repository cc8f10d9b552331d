"""The seq2seq path with a tiny model built in the test (offline, seconds): real loading, real
generation, the faithfulness gate rejecting an untrained model's output, map-reduce chunking."""

from __future__ import annotations

import copy

import pytest

from brief.config import BriefConfig
from brief.summarize import get_summarizer, summarize
try:
    from tests.tinymodel import build_tiny_model
except ImportError:  # pytest run from elsewhere: tests/ itself is on sys.path
    from tinymodel import build_tiny_model


def _noop(*a):
    pass


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory):
    return build_tiny_model(tmp_path_factory.mktemp("tiny-bart") / "model")


@pytest.fixture(scope="session")
def tiny(tiny_model):
    cfg = BriefConfig(summarizer="seq2seq", model=str(tiny_model), device="cpu", summary_sentences=2)
    return cfg, get_summarizer(cfg)


def test_tiny_model_loads_through_get_summarizer_once(tiny, tiny_model):
    from brief.summarize import Seq2SeqSummarizer

    cfg, s = tiny
    assert isinstance(s, Seq2SeqSummarizer)
    assert s.kind == "seq2seq" and s.model_name == str(tiny_model) and s.device == "cpu"
    assert s.family == "bart" and s.max_input == 256
    again = get_summarizer(cfg)
    assert again.model is s.model  # loaded once per process
    auto = get_summarizer(BriefConfig(summarizer="auto", model=str(tiny_model), device="cpu"))
    assert auto.kind == "seq2seq" and auto.notice is None


def test_generation_is_deterministic_and_counted(tiny):
    _, s = tiny
    prompts = ["The council approved the new budget on Monday."]
    a = s.generate(prompts, 1)
    b = s.generate(prompts, 1)
    assert a == b and len(a) == 1 and a[0].strip()
    assert s.stats.generated_tokens > 0 and s.stats.prompts >= 2


def test_gate_rejects_untrained_output_and_falls_back(tiny, seeds_brief):
    cfg, s = tiny
    cfg = copy.copy(cfg)
    cfg.summary_sentences = 1  # keeps generation short: the tiny model is slow per step on a busy CPU
    small = sorted([t for t in seeds_brief.themes if t.event_ids], key=lambda t: len(t.event_ids))
    themes = copy.deepcopy(small[:2])
    res = summarize(themes, seeds_brief.events, seeds_brief.documents, s, config=cfg, progress=_noop)
    info = res.info
    assert info.kind == "seq2seq" and info.model == cfg.model and info.device == "cpu"
    assert info.gate_replaced > 0 and info.generated == 0
    for t in themes:
        assert t.summary, t.label
        for st in t.summary:
            assert st.origin in ("gate-replaced", "extractive")
            assert st.citations and all(seeds_brief.sentence_text(c) for c in st.citations)
    assert any(st.origin == "gate-replaced" for t in themes for st in t.summary)
    assert res.key_points and all(k.citations for k in res.key_points)
    d = info.to_dict()
    assert d["kind"] == "seq2seq" and d["gate_replaced"] == info.gate_replaced


def test_long_theme_is_chunked_to_the_models_input(tiny, seeds_brief):
    from brief.summarize.align import SourceIndex

    _, s = tiny
    idx = SourceIndex.build(seeds_brief.documents)
    events = {e.id: e for e in seeds_brief.events}
    theme = max(seeds_brief.themes, key=lambda t: len(t.event_ids))
    items = s.theme_items(theme, events, idx)
    prompts = s.chunks(theme, items, 2, "map")
    assert len(prompts) > 1  # 256-token model: a seed theme does not fit in one input
    lengths = [len(x) for x in s.tokenizer(prompts)["input_ids"]]
    assert max(lengths) <= s.max_input
    assert all(p.startswith("[") for p in prompts)  # bart family: plain tagged reports
    # events in date order within a chunk, each tagged with its source
    assert all("[source " in p or "[" in p for p in prompts)


@pytest.fixture()
def fake_hub_cache(tiny_model, tmp_path, monkeypatch):
    """The tiny model laid out as a pulled hub model (models--org--name/snapshots/<rev>) in a private cache."""
    import shutil

    cache = tmp_path / "hub"
    repo = cache / "models--acme--tiny-bart"
    snap = repo / "snapshots" / ("0" * 40)
    shutil.copytree(tiny_model, snap)
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text("0" * 40)
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return cache


def test_a_pulled_hub_model_is_listed_and_loads_offline(fake_hub_cache):
    from typer.testing import CliRunner

    from brief.cli import app
    from brief.summarize.models import available_offline, list_models

    found = list_models()
    assert [m.id for m in found] == ["acme/tiny-bart"] and found[0].seq2seq and found[0].model_type == "bart"
    res = CliRunner().invoke(app, ["models", "list"])
    assert res.exit_code == 0 and "acme/tiny-bart" in res.output and "seq2seq" in res.output
    assert available_offline("acme/tiny-bart") and not available_offline("acme/other-model")
    s = get_summarizer(BriefConfig(summarizer="auto", model="acme/tiny-bart", device="cpu"))
    assert s.kind == "seq2seq" and s.model_name == "acme/tiny-bart" and s.notice is None


def test_models_list_with_an_empty_cache_says_how_to_pull(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from brief.cli import app

    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty"))
    res = CliRunner().invoke(app, ["models", "list"])
    assert res.exit_code == 0 and "brief models pull" in res.output


def test_gate_keeps_faithful_generated_sentences_and_replaces_the_rest(tiny, seeds_brief):
    from brief.summarize.align import SourceIndex
    from brief.summarize.base import RunStats

    _, s = tiny
    s.stats = RunStats()
    idx = SourceIndex.build(seeds_brief.documents)
    events = {e.id: e for e in seeds_brief.events}
    theme = next(t for t in seeds_brief.themes if t.summary)
    faithful = theme.summary[0].text  # what the model would write if it copied its best source
    invented = "The ministry said 999 soldiers were killed in Atlantis on Sunday."
    text = f"Report from source 1 (2020-01-01): {faithful} {invented}"
    stmts = s.gate_theme(theme, text, events, idx, 3, [])
    assert stmts[0].origin == "seq2seq" and stmts[0].text == faithful
    assert theme.summary[0].citations[0] in stmts[0].citations
    assert stmts[1].origin == "gate-replaced" and "Atlantis" not in stmts[1].text and stmts[1].citations
    assert s.stats.generated == 1 and s.stats.gate_replaced == 1


def test_split_sentences_strips_source_tags():
    from brief.summarize.seq2seq import split_sentences

    out = split_sentences("Report from Coast Daily (2031-05-06): Dock workers walked out. [source 2, 2031-05-06] "
                          "The union asked for a raise (2031-03-01). Ships waited")
    assert out == ["Dock workers walked out.", "The union asked for a raise.", "Ships waited"]


def test_t5_family_gets_the_instruction_prompt(tmp_path, seeds_brief):
    from brief.summarize.align import SourceIndex

    path = build_tiny_model(tmp_path / "t5", arch="t5", d_model=32, layers=1)
    s = get_summarizer(BriefConfig(summarizer="seq2seq", model=str(path), device="cpu"))
    assert s.family == "t5"
    idx = SourceIndex.build(seeds_brief.documents)
    theme = next(t for t in seeds_brief.themes if t.event_ids)
    items = s.theme_items(theme, {e.id: e for e in seeds_brief.events}, idx)
    prompt = s.chunks(theme, items, 3, "map")[0]
    assert prompt.startswith("Summarize these news reports about") and "in 3 short factual sentences" in prompt
    assert "Report from " in prompt
    assert s.generate([prompt], 1)[0].strip()


def test_long_theme_is_map_reduced(tiny, seeds_brief):
    from brief.summarize.align import SourceIndex
    from brief.summarize.base import RunStats

    _, s = tiny
    idx = SourceIndex.build(seeds_brief.documents)
    theme = max(seeds_brief.themes, key=lambda t: len(t.event_ids))
    items = s.theme_items(theme, {e.id: e for e in seeds_brief.events}, idx)
    n_chunks = len(s.chunks(theme, items, 1, "map"))
    assert n_chunks > 1
    s.stats = RunStats()
    texts = s.write([theme], [items], 1)
    assert s.stats.prompts == n_chunks + 1  # one per chunk, then one over the partial summaries
    assert len(texts) == 1 and texts[0].strip()
