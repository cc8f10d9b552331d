"""Extract: sentences, entities and events.  (Minimal first pass.)"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from brief.config import BriefConfig
from brief.model import Citation, Discrepancy, Document, Entity, Event, Sentence
from brief.nlp import get_nlp

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}


@dataclass
class Extraction:
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)


def extract(docs: list[Document], *, config: BriefConfig, progress: Callable[[str, int, int], None]) -> Extraction:
    nlp = get_nlp()
    entities: dict[str, Entity] = {}
    events: list[Event] = []
    for di, doc in enumerate(docs):
        progress("extract", di, len(docs))
        sp = nlp(doc.body)
        doc.sentences = []
        for s in sp.sents:
            text = s.text.strip()
            if not text:
                continue
            idx = len(doc.sentences)
            doc.sentences.append(Sentence(doc.id, idx, text, s.start_char, s.end_char))
            ents = [e for e in s.ents if e.label_ in ENTITY_LABELS]
            for e in ents:
                ent = entities.setdefault(e.text, Entity(e.text, e.label_))
                ent.mentions += 1
            root = s.root
            if root.pos_ not in ("VERB", "AUX") or not ents:
                continue
            actors = [e.text for e in ents if e.root.head == root and e.root.dep_ in ("nsubj", "nsubjpass")]
            targets = [e.text for e in ents if e.root.head == root and e.root.dep_ in ("dobj", "pobj")]
            dates = [e.text for e in s.ents if e.label_ == "DATE"]
            events.append(
                Event(
                    id=f"e{len(events) + 1}",
                    action=root.lemma_,
                    action_text=root.text,
                    actors=actors,
                    targets=targets,
                    locations=[e.text for e in ents if e.label_ in ("GPE", "LOC")],
                    date_text=dates[0] if dates else None,
                    mentions=[Citation(doc.id, idx)],
                    entities=list(dict.fromkeys(e.text for e in ents)),
                    keyphrases=[c.text.lower() for c in s.noun_chunks if len(c) > 1],
                )
            )
    progress("extract", len(docs), len(docs))
    return Extraction(list(entities.values()), events, [])
