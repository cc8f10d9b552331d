"""Benchmark the summarize stage: seconds per theme and generated tokens/s.

    python -m bench.bench_summarize

* extractive path on a generated corpus (bench/corpus.py) -- what users without a model get;
* seq2seq path with the tiny model of the tests (random weights, built offline);
* seq2seq path with a real-size config (T5-base dimensions: d_model 768, 12+12 layers,
  12 heads, d_ff 3072; random weights, so every output runs to the token limit and the
  gate replaces it -- a worst case for time, not a quality measure).

Runs on CUDA when ``torch.cuda.is_available()`` (all themes), else on CPU (the real-size
model on a few themes only, to stay within a few minutes).  Prints the device.
"""

from __future__ import annotations

import copy
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

N_DOCS = 40
CPU_REAL_THEMES = 1  # on CPU: one theme, one input chunk, one sentence (a 200M model is slow there)


def _noop(*a):
    pass


def _build_inputs():
    from bench.corpus import generate
    from brief.config import BriefConfig
    from brief.pipeline import run

    t = time.perf_counter()
    brief = run(generate(N_DOCS, seed=5), BriefConfig(summarizer="extractive"))
    print(f"corpus: {len(brief.documents)} documents, {len(brief.events)} events, {len(brief.themes)} themes "
          f"(pipeline {time.perf_counter() - t:.1f} s)", flush=True)
    return brief


def _run(label, summarizer, brief, themes, cfg):
    from brief.summarize import summarize

    themes = copy.deepcopy(themes)
    t = time.perf_counter()
    res = summarize(themes, brief.events, brief.documents, summarizer, config=cfg, progress=_noop)
    secs = time.perf_counter() - t
    st = summarizer.stats
    n = max(1, len(themes))
    line = f"{label:<34} {len(themes):>3} themes  {secs / n:7.3f} s/theme"
    if summarizer.kind == "seq2seq":
        tps = st.generated_tokens / st.generate_seconds if st.generate_seconds else 0.0
        line += (f"  {st.generated_tokens:>6} tokens  {tps:8.1f} tok/s  {st.prompts:>3} prompts"
                 f"  gate replaced {res.info.gate_replaced}, kept {res.info.generated}")
    print(line, flush=True)


def main() -> None:
    import torch

    from brief.config import BriefConfig
    from brief.summarize import ExtractiveSummarizer
    from brief.summarize.models import clear_cache
    from brief.summarize.seq2seq import Seq2SeqSummarizer
    from tests.tinymodel import build_tiny_model

    cuda = torch.cuda.is_available()
    device = "cuda" if cuda else "cpu"
    name = torch.cuda.get_device_name(0) if cuda else f"CPU ({os.cpu_count()} cores, {torch.get_num_threads()} torch threads)"
    print(f"device: {device} -- {name}", flush=True)

    brief = _build_inputs()
    themes = [t for t in brief.themes if t.event_ids]
    cfg = BriefConfig(summarizer="extractive")
    _run("extractive", ExtractiveSummarizer(), brief, themes, cfg)

    with tempfile.TemporaryDirectory() as tmp:
        tiny = build_tiny_model(Path(tmp) / "tiny")
        cfg = BriefConfig(summarizer="seq2seq", model=str(tiny), device=device)
        t = time.perf_counter()
        s = Seq2SeqSummarizer(str(tiny), device)
        print(f"tiny model loaded in {time.perf_counter() - t:.2f} s", flush=True)
        _run(f"seq2seq tiny ({device})", s, brief, themes, cfg)
        if cuda:
            s_cpu = Seq2SeqSummarizer(str(tiny), "cpu")
            _run("seq2seq tiny (cpu)", s_cpu, brief, themes, BriefConfig(summarizer="seq2seq", model=str(tiny), device="cpu"))

        t = time.perf_counter()
        real = build_tiny_model(Path(tmp) / "real", arch="t5", d_model=768, layers=12, heads=12, ffn=3072,
                                vocab_size=8000, max_positions=512)
        s = Seq2SeqSummarizer(str(real), device)
        params = sum(p.numel() for p in s.model.parameters()) / 1e6
        print(f"real-size T5 config: {params:.0f} M parameters (built+loaded in {time.perf_counter() - t:.1f} s)", flush=True)
        sub = themes if cuda else themes[:CPU_REAL_THEMES]
        if not cuda:
            s.max_chunks = 1
        cfg = BriefConfig(summarizer="seq2seq", model=str(real), device=device, summary_sentences=4 if cuda else 1)
        _run(f"seq2seq real-size ({device})", s, brief, sub, cfg)
        clear_cache()


if __name__ == "__main__":
    main()
