"""The seq2seq path: a local encoder-decoder model writes each theme's summary.

* the model (``AutoModelForSeq2SeqLM`` + ``AutoTokenizer``) comes from a hub id
  in the local cache or a local folder and is loaded once per process
  (:func:`brief.summarize.models.load_model`);
* the input of a theme is its events' sentences in date order, each tagged
  with its source and date, rendered through the model family's Jinja2 prompt
  in ``brief/prompts/``; it is fitted to the model's maximum input length, and a long
  theme is summarized chunk by chunk, then the partial summaries together
  (map-reduce);
* all prompts of a round are generated in batches with deterministic beam
  search under ``torch.inference_mode()``;
* every generated sentence goes through citation alignment and the
  faithfulness gate (:mod:`brief.summarize.gate`); a rejected sentence is
  replaced by the best unused extractive sentence of the theme.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from brief.config import BriefConfig
from brief.model import Citation, Event, Statement, Theme
from brief.summarize.gate import check as gate_check
from brief.summarize.align import SourceIndex, features, similarity
from brief.summarize.base import RunStats, Summarizer
from brief.summarize.extractive import compress, mmr, quality, theme_candidates
from brief.summarize.models import DEFAULT_MODEL, load_model, resolve_device

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"  # package data: brief/prompts
_FAMILIES = {
    "t5": {"t5", "mt5", "umt5", "longt5", "switch_transformers", "t5gemma"},
    "bart": {"bart", "mbart", "pegasus", "pegasus_x", "led", "marian", "blenderbot", "blenderbot-small", "plbart", "bigbird_pegasus", "prophetnet"},
}
_FALLBACK_TEMPLATE = (
    "Summarize these news reports about {{ label }} in {{ n }} short factual sentences.\n\n"
    "{% for item in items %}[{{ item.source }}{% if item.date %}, {{ item.date }}{% endif %}] {{ item.text }}\n{% endfor %}"
)
MAX_ITEMS = 48  # most event sentences fed to the model per theme (highest salience first)
MAX_CHUNKS = 4  # most input chunks per theme (map step); the least salient events are left out beyond
NUM_BEAMS = 4
BATCH_SIZE = 8
MAX_INPUT_CAP = 1024  # never feed more tokens than this, whatever the model allows

_TAG = re.compile(r"\[[^\]]{0,80}\]|\b(?:Report|Summary) from [^:.]{1,60}?(?: \(\d{4}-\d\d-\d\d\))?:\s*|\(\d{4}-\d\d-\d\d\)")
_SPLIT = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z“\"])")


def family(model_type: str | None) -> str:
    for fam, types in _FAMILIES.items():
        if (model_type or "").lower() in types:
            return fam
    return "t5"


@lru_cache(maxsize=8)
def load_template(fam: str):
    import jinja2

    env = jinja2.Environment(autoescape=False, keep_trailing_newline=False, undefined=jinja2.ChainableUndefined)
    path = PROMPTS_DIR / f"{fam}.j2"
    if path.is_file():
        return env.from_string(path.read_text(encoding="utf-8"))
    return env.from_string(_FALLBACK_TEMPLATE)


@dataclass
class Item:
    source: str
    date: str | None
    text: str
    rank: int = 0  # 0 = most salient event of the theme


def split_sentences(text: str) -> list[str]:
    text = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(_TAG.sub(" ", text).split()))
    return [s.strip(" -–—") for s in _SPLIT.split(text) if s.strip(" -–—")]


class Seq2SeqSummarizer(Summarizer):
    """Abstractive summaries from a local seq2seq model, gated for faithfulness."""

    kind = "seq2seq"

    def __init__(self, model: str | None = None, device: str | None = None, *, num_beams: int = NUM_BEAMS,
                 batch_size: int = BATCH_SIZE):
        super().__init__()
        self.model_name = model or DEFAULT_MODEL
        self.device = resolve_device(device)
        self.model, self.tokenizer = load_model(self.model_name, self.device)
        if self.tokenizer.pad_token is None and self.tokenizer.eos_token is not None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.family = family(getattr(self.model.config, "model_type", None))
        self.template = load_template(self.family)
        self.num_beams = num_beams
        self.batch_size = batch_size
        self.max_input = self._max_input()
        self.max_chunks = MAX_CHUNKS

    # ------------------------------------------------------------------ inputs
    def _max_input(self) -> int:
        limits = []
        m = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(m, int) and 0 < m < 100_000:
            limits.append(m)
        for attr in ("max_position_embeddings", "n_positions", "max_encoder_position_embeddings"):
            v = getattr(self.model.config, attr, None)
            if isinstance(v, int) and v > 0:
                limits.append(v)
        return min(limits + [MAX_INPUT_CAP]) if limits else 512

    def _n_tokens(self, texts: list[str]) -> list[int]:
        if not texts:
            return []
        enc = self.tokenizer(texts, add_special_tokens=False)
        return [len(x) for x in enc["input_ids"]]

    def render(self, theme: Theme, items: list[Item], n: int, mode: str = "map") -> str:
        return self.template.render(label=theme.label, entities=theme.entities[:4], n=n, mode=mode,
                                    items=[i.__dict__ for i in items]).strip()

    def theme_items(self, theme: Theme, events: dict[str, Event], index: SourceIndex) -> list[Item]:
        evs = [events[e] for e in theme.event_ids if e in events and events[e].mentions]
        evs = sorted(evs, key=lambda e: -e.salience)[:MAX_ITEMS]
        rows = []
        for rank, ev in enumerate(evs):
            cits = [c for c in ev.mentions if index.valid(c)]
            if not cits:
                continue
            texts = [(c, compress(index.text(c) or "")) for c in cits]
            good = [(c, t) for c, t in texts if quality(index.text(c) or "", t) > 0]
            if not good:  # boilerplate, captions, questions, fragments: never model input
                continue
            c, text = good[0]
            doc = index.docs[c.doc_id]
            date = ev.date or doc.published
            outlets = list(dict.fromkeys(self._source_tag(index.docs[x.doc_id], index) for x in cits))
            tag = ", ".join(outlets[:3]) + (f" and {len(outlets) - 3} more" if len(outlets) > 3 else "")
            rows.append(((date is None, date.isoformat() if date else "", index.order.get(c.doc_id, 0), c.sentence),
                         Item(tag, date.isoformat() if date else None, text, rank)))
        rows.sort(key=lambda r: r[0])
        seen, items = set(), []
        for _, it in rows:
            if it.text.lower() not in seen:
                seen.add(it.text.lower())
                items.append(it)
        return items

    @staticmethod
    def _source_tag(doc, index: SourceIndex) -> str:
        if doc.outlet:
            return doc.outlet
        return f"source {index.order.get(doc.id, 0) + 1}"

    def chunks(self, theme: Theme, items: list[Item], n: int, mode: str) -> list[str]:
        """Prompts that each fit the model's input; several when the theme is long."""
        overhead = self._n_tokens([self.render(theme, [], n, mode)])[0] + 8
        budget = max(32, self.max_input - overhead)
        lengths = self._n_tokens([f"[{i.source}, {i.date}] {i.text}" for i in items])
        if mode == "map" and sum(lengths) > budget * self.max_chunks:  # keep the most salient events
            total, kept = 0, set()
            for i in sorted(range(len(items)), key=lambda i: items[i].rank):
                if total + lengths[i] > budget * self.max_chunks:
                    break
                kept.add(i)
                total += lengths[i]
            items = [it for i, it in enumerate(items) if i in kept]
            lengths = [ln for i, ln in enumerate(lengths) if i in kept]
        prompts, cur, used = [], [], 0
        for it, ln in zip(items, lengths):
            if cur and used + ln > budget:
                prompts.append(self.render(theme, cur, n, mode))
                cur, used = [], 0
            cur.append(it)
            used += ln
        if cur:
            prompts.append(self.render(theme, cur, n, mode))
        return prompts

    # -------------------------------------------------------------- generation
    def generate(self, prompts: list[str], n_sentences: int) -> list[str]:
        """Deterministic beam search over ``prompts`` in batches."""
        import torch

        out: list[str] = []
        tok = self.tokenizer
        max_new = min(40 * n_sentences, 200)
        for i in range(0, len(prompts), self.batch_size):
            batch = prompts[i:i + self.batch_size]
            enc = tok(batch, return_tensors="pt", padding=True, truncation=True, max_length=self.max_input)
            enc = {k: v.to(self.model.device) for k, v in enc.items() if k in ("input_ids", "attention_mask")}
            t0 = time.perf_counter()
            with torch.inference_mode():
                gen = self.model.generate(
                    **enc, do_sample=False, num_beams=self.num_beams, max_new_tokens=max_new,
                    min_new_tokens=min(10, max_new), no_repeat_ngram_size=3, early_stopping=True,
                    length_penalty=1.0, num_return_sequences=1,
                )
            if self.model.device.type == "cuda":
                torch.cuda.synchronize()
            self.stats.generate_seconds += time.perf_counter() - t0
            pad = tok.pad_token_id
            real = (gen != pad).sum().item() if pad is not None else gen.numel()
            self.stats.generated_tokens += int(real)
            self.stats.prompts += len(batch)
            out += tok.batch_decode(gen, skip_special_tokens=True)
        return out

    def write(self, themes: list[Theme], all_items: list[list[Item]], n: int) -> list[str]:
        """Map-reduce: chunk summaries first, then a summary of the partial summaries."""
        texts: list[str] = [""] * len(themes)
        pending = {i: self.chunks(t, all_items[i], n, "map") for i, t in enumerate(themes) if all_items[i]}
        for _ in range(2):  # map, then one reduce (whose input is truncated to fit if it must)
            if not pending:
                break
            flat = [(i, k, p) for i, ps in pending.items() for k, p in enumerate(ps)]
            flat.sort(key=lambda x: len(x[2]))  # similar lengths share a batch: less padding
            outs = self.generate([p for _, _, p in flat], n)
            done: dict[int, dict[int, str]] = {}
            for (i, k, _), o in zip(flat, outs):
                done.setdefault(i, {})[k] = o.strip()
            nxt = {}
            for i, by_chunk in done.items():
                ps = [by_chunk[k] for k in sorted(by_chunk)]  # chunk order = date order
                if len(ps) == 1:
                    texts[i] = ps[0]
                else:
                    items = [Item(f"part {k + 1}", None, p, k) for k, p in enumerate(ps) if p]
                    nxt[i] = [self.render(themes[i], items, n, "reduce")]
            pending = nxt
        return texts

    # ------------------------------------------------------------- summarize
    def summarize_themes(self, themes, events, docs, config: BriefConfig, progress=None, index: SourceIndex | None = None):
        self.stats = RunStats()
        index = index or SourceIndex.build(docs.values())
        n = max(1, config.summary_sentences)
        items = [self.theme_items(t, events, index) for t in themes]
        if progress:
            progress("summarize", 0, len(themes))
        try:
            texts = self.write(themes, items, n)
        except RuntimeError as e:  # e.g. out of memory
            from brief.errors import ModelError

            raise ModelError(f"seq2seq model {self.model_name!r} failed on {self.device}: {str(e).splitlines()[0][:200]}") from e
        out: list[list[Statement]] = []
        used = []
        for k, (t, text) in enumerate(zip(themes, texts)):
            stmts = self.gate_theme(t, text, events, index, n, used)
            used += [features(s.text) for s in stmts]
            out.append(stmts)
            if progress:
                progress("summarize", k + 1, len(themes))
        return out

    def gate_theme(self, theme: Theme, text: str, events: dict[str, Event], index: SourceIndex, n: int,
                   used: list) -> list[Statement]:
        """Keep generated sentences the sources support; replace the others with extractive ones."""
        theme_cits = {c for e in theme.event_ids if e in events for c in events[e].mentions}
        cands = theme_candidates(theme, events, index) or theme_candidates(theme, events, index, relaxed=True)
        stmts: list[Statement] = []
        kept_feats = []
        taken: set[Citation] = set()
        sentences = split_sentences(text)
        for s in sentences[: n + 2]:
            if len(stmts) >= n:
                break
            f = features(s)
            if any(similarity(f, k) > 0.7 for k in kept_feats):
                continue  # the model repeated itself
            v = gate_check(s, index, prefer=theme_cits)
            if v.ok:
                s = s[0].upper() + s[1:]
                if s[-1] not in ".!?\"”":
                    s += "."
                ev_ids = [e for e in theme.event_ids if e in events and set(events[e].mentions) & set(v.citations)]
                stmts.append(Statement(s, v.citations, "seq2seq", ev_ids, theme.id))
                kept_feats.append(f)
                self.stats.generated += 1
                continue
            self.stats.gate_replaced += 1
            pool = [c for c in cands if c.citation not in taken]
            pick = mmr(pool, 1, avoid=kept_feats + used)
            if pick:
                c = pick[0]
                taken.add(c.citation)
                kept_feats.append(c.feats)
                stmts.append(c.statement(theme.id, "gate-replaced", index))
        want = min(n, 3)
        if len(stmts) < want and cands:  # the model wrote too little that its sources support: top up
            pool = [c for c in cands if c.citation not in taken]
            for c in mmr(pool, want - len(stmts), avoid=kept_feats + used):
                stmts.append(c.statement(theme.id, "extractive", index))
        if not any(s.origin == "seq2seq" for s in stmts):  # all extractive: date order, as the extractive path
            order = {c.citation: c.order for c in cands}
            stmts.sort(key=lambda s: order.get(s.citations[0], (True, dt.date.max, 1 << 30, 0)))
        return stmts
