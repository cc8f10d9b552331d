"""Extract: sentences, canonical entities, events, discrepancies.

``extract(docs, config=..., progress=...)`` parses every cleaned body once
(``nlp.pipe``), fills ``Document.sentences``, folds entity name variants across
documents, reads events off the dependency parse, merges the same happening
told by several sources, finds sources disagreeing on figures and scores each
event's salience.  Near-duplicate documents (``duplicate_of``) get sentences but
no events of their own: their matching sentences become extra mentions of the
canonical document's events.

Modules, in the order they run:

* :mod:`.sentences` -- the ``brief_sentence_breaks`` pipeline component (paragraph breaks, set before
  the parse; :func:`brief.nlp.get_nlp` adds it) and ``make_sentences``;
* :mod:`.entities` (name rules: titles, demonyms, folding keys, labels) and :mod:`.resolver`
  (``build_entities``: the corpus's mentions folded into entities; ``EntityResolver``);
* :mod:`.events` -- the ``brief_event_cues`` component (DependencyMatcher attribution and light-verb
  patterns) and the sentence walk that reads events off the parse;
* :mod:`.figures`, :mod:`.discrepancies`, :mod:`.assemble`, :mod:`.predicates` -- figures and the
  sources that disagree on them; :mod:`.dates` (time expressions), :mod:`.datefacts` (disagreeing dates);
* :mod:`.keyphrases`; :mod:`.merge` (``same_happening``: one event per happening); :mod:`.identity`
  (the same rule between two briefs, for the weekly job); :mod:`.salience`.

Language data: ``brief/lexicon/en/`` (see its README).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from brief.config import BriefConfig
from brief.embed import SentenceVectors, get_embedder
from brief.extract.datefacts import DateFact, find_date_discrepancies, sentence_date_facts
from brief.extract.discrepancies import find_discrepancies, sentence_figures
from brief.extract.figures import Figure
from brief.extract.entities import ENTITY_LABELS, place_hint
from brief.extract.events import Context, capitalised_common_word, entity_mention, event_cues, extract_sentence_events
from brief.extract.keyphrases import fold_variants, sentence_keyphrases
from brief.extract.merge import content_words, merge_events, text_similarity
from brief.extract.resolver import EntityResolver, Mention, build_entities
from brief.extract.salience import score_events
from brief.extract.sentences import make_sentences
from brief.model import Citation, Discrepancy, Document, Entity, Event
from brief.nlp import get_nlp
from brief.parallel import Parser, local_parser

__all__ = ["extract", "Extraction", "ENTITY_LABELS"]


@dataclass
class Extraction:
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    embedder: dict = field(default_factory=dict)  # {"name", "kind", "notice"}: which similarity was used


def _noop(stage: str, done: int, total: int) -> None:
    pass


def extract(docs: list[Document], *, config: BriefConfig | None = None,
            progress: Callable[[str, int, int], None] | None = None, parser: Parser | None = None) -> Extraction:
    """``parser`` parses the bodies (default: ``nlp.pipe`` here; see :mod:`brief.parallel` for a cluster)."""
    progress = progress or _noop
    total = len(docs)
    progress("extract", 0, total)
    parsed, mentions = _parse(docs, parser or local_parser, progress)
    resolver = build_entities(mentions)
    _count_mentions(resolver, mentions)
    by_id = {d.id: d for d in docs}
    found = _Found()
    cues = event_cues()
    for i, doc in enumerate(docs):
        if not (doc.duplicate_of and doc.duplicate_of in by_id and doc.duplicate_of != doc.id):
            cues(parsed[i][0])
            _read_document(doc, *parsed[i], resolver, found)
            parsed[i] = None  # the parse is read once: its memory goes back before the next document's events
            progress("extract", i, total)
    parsed.clear()
    _fold_keyphrases(found.events, found.phrase_counts)

    def sentence_text(c: Citation) -> str:
        return by_id[c.doc_id].sentences[c.sentence].text

    published = {d.id: d.published for d in docs}
    # -- discrepancies first: the sentences they embed also serve the merge below ------------
    embedder = get_embedder(config)
    vectors = SentenceVectors(embedder)
    discrepancies = find_discrepancies(
        found.figures, lambda d, i: by_id[d].sentences[i].text, lambda d, i: found.sent_ents.get((d, i), set()),
        published, vectors)
    discrepancies += find_date_discrepancies(found.date_facts, vectors)
    discrepancies.sort(key=lambda d: -d.importance)  # most important first
    # -- merge the same happening across sources ------------------------------------------
    persons = {e.id for e in resolver.entities.values() if e.label == "PERSON"}
    labels = {e.id: e.label for e in resolver.entities.values()}
    events = merge_events(found.events, sentence_text, persons, resolver.country_of, labels, published, vectors)
    # -- near-duplicate documents: their sentences become extra mentions ---------------------
    _attach_duplicates(docs, by_id, events)
    for n, ev in enumerate(events, start=1):
        ev.id = f"e{n}"
    _attach_event_ids(discrepancies, events)
    entities = sorted(resolver.entities.values(), key=lambda e: (-e.mentions, e.id))
    entities = [e for e in entities if e.mentions > 0]
    score_events(events, entities, docs)
    progress("extract", total, total)
    return Extraction(entities, events, discrepancies,
                      {"name": embedder.name, "kind": embedder.kind, "notice": embedder.notice,
                       "sentences_embedded": len(vectors)})


def _parse(docs: list[Document], parser: Parser, progress) -> tuple[list, list[Mention]]:
    """Parse every body (batched), fill ``Document.sentences``; the entity mentions of the corpus."""
    parsed = []
    mentions: list[Mention] = []
    limit = getattr(get_nlp(), "max_length", 1_000_000) - 1  # a runaway body is cut, never a crash
    for i, sp in enumerate(parser([(d.body or "")[:limit] for d in docs], progress)):
        doc = docs[i]
        sentences, spans = make_sentences(doc.id, sp)
        doc.sentences = sentences
        parsed.append((sp, spans))
        for ent in sp.ents:
            if ent.label_ in ENTITY_LABELS and not capitalised_common_word(ent):
                name, label, title = entity_mention(ent)
                if name:
                    mentions.append(Mention(doc.id, name, label, title, ent.label_ == "PERSON" and place_hint(ent)))
        if i % 25 == 0:
            progress("extract", i, len(docs))
    return parsed, mentions


@dataclass
class _Found:
    """What the sentences of the corpus give, before merging."""

    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    date_facts: list[DateFact] = field(default_factory=list)
    sent_ents: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    phrase_counts: Counter = field(default_factory=Counter)


def _by_sentence(sp, spans) -> tuple[list[list], list[list]]:
    """Entities and noun chunks bucketed by sentence once (Span.ents / Span.noun_chunks rescan the doc)."""
    starts = [sp_.start for sp_ in spans]
    ents_by: list[list] = [[] for _ in spans]
    chunks_by: list[list] = [[] for _ in spans]
    try:
        doc_chunks = list(sp.noun_chunks)
    except (ValueError, AttributeError):
        doc_chunks = []
    for items, out in ((sp.ents, ents_by), (doc_chunks, chunks_by)):
        for x in items:
            k = bisect.bisect_right(starts, x.start) - 1
            if k >= 0 and x.end <= spans[k].end:
                out[k].append(x)
    return ents_by, chunks_by


def _sentence_entities(ents, doc_id: str, resolver: EntityResolver) -> list[str]:
    out: list[str] = []
    for ent in ents:
        if ent.label_ in ENTITY_LABELS and not capitalised_common_word(ent):
            name, label, _ = entity_mention(ent)
            eid = resolver.resolve(doc_id, name, label)
            if eid and eid not in out:
                out.append(eid)
    return out


def _read_document(doc: Document, sp, spans, resolver: EntityResolver, found: _Found) -> None:
    """Events, figures and date facts of one document's sentences."""
    ent_at = {t: ent for ent in sp.ents for t in range(ent.start, ent.end)}
    # relative dates resolve against the publication date, else the date clean inferred from the text
    ctx = Context(doc.id, doc.published or doc.meta.get("inferred_date"), resolver, ent_at)
    ents_by, chunks_by = _by_sentence(sp, spans)
    for idx, span in enumerate(spans):
        evs = extract_sentence_events(span, idx, ctx, ents_by[idx])
        sfacts = sentence_figures(span, doc.id, idx)
        dated = any(ent.label_ == "DATE" for ent in ents_by[idx])
        if not evs and not sfacts and not dated:
            continue
        ents = _sentence_entities(ents_by[idx], doc.id, resolver)
        if sfacts:
            found.figures.extend(sfacts)
            found.sent_ents[(doc.id, idx)] = set(ents)
        if dated and ents:
            found.date_facts.extend(sentence_date_facts(span, doc.id, idx, doc.published, ents))
        if not evs:
            continue
        kps = sentence_keyphrases(span, chunks_by[idx])
        for p, _multi in kps:
            found.phrase_counts[p] += 1
        for ev in evs:
            extra = [x for x in ev.actors + ev.targets + ev.locations if x in resolver.entities and x not in ents]
            ev.entities = ents + extra
            ev.keyphrases = [p for p, _ in kps]
            ev._multi = {p for p, m in kps if m}  # type: ignore[attr-defined]
            found.events.append(ev)


def _fold_keyphrases(events: list[Event], phrase_counts: Counter) -> None:
    """Key phrases with spelling variants folded; single nouns only when they recur."""
    fold = fold_variants(phrase_counts)
    folded_counts: Counter = Counter()
    for p, n in phrase_counts.items():
        folded_counts[fold[p]] += n
    for ev in events:
        multi = ev.__dict__.pop("_multi", set())
        kept = []
        for p in ev.keyphrases:
            f = fold.get(p, p)
            if (p in multi or folded_counts[f] >= 2) and f not in kept:
                kept.append(f)
        ev.keyphrases = kept


def _attach_event_ids(discrepancies: list[Discrepancy], events: list[Event]) -> None:
    """Each discrepancy names the events whose mentions carry its values."""
    at: dict[tuple[str, int], list[str]] = {}
    for ev in events:
        for c in ev.mentions:
            at.setdefault((c.doc_id, c.sentence), []).append(ev.id)
    for d in discrepancies:
        ids = [e for v in d.values for e in at.get((v.doc_id, v.sentence), [])]
        d.event_ids = list(dict.fromkeys(d.event_ids + ids))


def _count_mentions(resolver: EntityResolver, mentions: list[Mention]) -> None:
    for ent in resolver.entities.values():
        ent.mentions = 0
        ent.documents = []
    for m in mentions:
        eid = resolver.resolve(m.doc_id, m.text, m.label)
        if not eid:
            continue
        ent = resolver.entities[eid]
        ent.mentions += 1
        if m.doc_id not in ent.documents:
            ent.documents.append(m.doc_id)
        if m.text not in ent.aliases:
            ent.aliases.append(m.text)
        if m.title and m.title not in ent.titles:
            ent.titles.append(m.title)


def _attach_duplicates(docs: list[Document], by_id: dict[str, Document], events: list[Event]) -> None:
    dups = [d for d in docs if d.duplicate_of and d.duplicate_of in by_id and d.duplicate_of != d.id]
    if not dups:
        return
    cited: dict[tuple[str, int], list[Event]] = {}
    for ev in events:
        for c in ev.mentions:
            cited.setdefault((c.doc_id, c.sentence), []).append(ev)
    for dup in dups:
        target = by_id[dup.duplicate_of]
        while target.duplicate_of and target.duplicate_of in by_id and target.duplicate_of != target.id:
            target = by_id[target.duplicate_of]
        exact = {" ".join(s.text.split()).lower(): s.index for s in target.sentences}
        words = [content_words(s.text) for s in target.sentences]
        for s in dup.sentences:
            key = " ".join(s.text.split()).lower()
            idx = exact.get(key)
            if idx is None:
                w = content_words(s.text)
                best, best_sim = None, 0.0
                for j, tw in enumerate(words):
                    sim = text_similarity(w, tw)
                    if sim > best_sim:
                        best, best_sim = j, sim
                idx = best if best_sim >= 0.7 else None
            if idx is None:
                continue
            for ev in cited.get((target.id, idx), []):
                c = Citation(dup.id, s.index)
                if c not in ev.mentions:
                    ev.mentions.append(c)
