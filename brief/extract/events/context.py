"""What event extraction carries through a document, and how a named mention becomes an entity id."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from brief.extract.entities import ENTITY_LABELS, PLACE_LABELS, clean_name, entity_label, is_title_token, split_title
from brief.extract.resolver import EntityResolver

DASHES = ("—", "–", "--")


@dataclass
class Context:
    """What carries from one sentence to the next inside a document."""

    doc_id: str
    published: dt.date | None
    resolver: EntityResolver
    ent_at: dict[int, object]
    last_person: str | None = None
    last_person_sent: int = -10
    last_attribution: str | None = None
    last_pair: list | None = None  # the two named participants of the latest event ("the two leaders")
    last_pair_sent: int = -10
    # every pair of named people acting together so far: (sentence, [id, id], countries named with them)
    pairs: list = field(default_factory=list)
    sent: int = 0
    span_start: int = 0
    span_end: int = 0
    # the places of the document's dateline (where it was filed from; never an event location), once seen
    dateline_places: list | None = None

    def inside(self, tok) -> bool:
        return self.span_start <= tok.i < self.span_end

    def is_person(self, eid: str | None) -> bool:
        ent = self.resolver.entities.get(eid) if eid else None
        return ent is not None and ent.label == "PERSON"

    def country(self, tok) -> str | None:
        """The country a demonym or place token stands for."""
        return self.resolver.country_of(tok.text) or self.resolver.resolve(self.doc_id, tok.text, "GPE")


@dataclass
class ArgValue:
    text: str
    entity: str | None = None
    kind: str = "agent"  # for common-noun subjects: "agent", "theme" (a thing something happens to) or "none"


@dataclass
class Frame:
    """What a clause inherits from the clause above it."""

    attribution: str | None = None
    hedged: bool = False
    negated: bool = False
    modality: str | None = None
    subject: list = field(default_factory=list)  # inherited subject tokens
    subject_passive: bool = False
    date: tuple | None = None  # (text, start, end) inherited by conjoined verbs


def entity_mention(ent) -> tuple[str, str, str]:
    """(bare name, label, title) for a spaCy entity span; the title is read from the words in front."""
    text = clean_name(ent.text)
    label = entity_label(ent)
    title = ""
    if label == "PERSON":
        title, text = split_title(text)
        doc = ent.doc
        i = ent.start - 1
        words = []
        while i >= 0 and i >= ent.start - 6:
            w = doc[i].text
            if doc[i].ent_type_ in ("NORP", "GPE", "LOC", "FAC"):
                break
            if (w[:1].isupper() or w.startswith("(")) and is_title_token(w):
                words.insert(0, w)
                i -= 1
                continue
            break
        pre = " ".join(words).replace(" - ", "-").replace(" .", ".").strip(" -")
        title = " ".join(x for x in (pre, title) if x)
    return text, label, title


def capitalised_common_word(ent) -> bool:
    """A one-word "name" that is only capitalised because it opens the sentence, while the same document
    also writes it in lower case ("Cholera thrives ..." next to "cases of cholera"): a common noun."""
    if len(ent) != 1 or ent[0].is_upper:
        return False
    doc = ent.doc
    i = ent.start
    while i > 0 and not doc[i].is_sent_start and (doc[i - 1].is_punct or doc[i - 1].is_space):
        i -= 1  # an opening quote mark before the word
    if not doc[i].is_sent_start:
        return False
    lower = doc.user_data.get("_brief_lower_words")
    if lower is None:
        lower = {t.text for t in doc if t.text[:1].islower()}
        doc.user_data["_brief_lower_words"] = lower
    return ent[0].lower_ in lower


def ent_value(ent, ctx: Context) -> str | None:
    """The entity id of a named mention (a title the tagger split from its name is joined again)."""
    if ent.label_ not in ENTITY_LABELS:
        return None
    name, label, _ = entity_mention(ent)
    eid = ctx.resolver.resolve(ctx.doc_id, name, label) if name else None
    if eid is None and label in ("PERSON", "ORG"):
        # "Col.-Gen. Alexander Fomin" split by the tagger: the name right after the title
        doc = ent.doc
        j = ent.end
        while j < len(doc) and j < ent.end + 3 and (doc[j].is_punct or doc[j].is_space):
            j += 1
        nxt = ctx.ent_at.get(j)
        if nxt is not None and nxt is not ent and nxt.label_ == "PERSON" and nxt.start == j:
            n2, l2, _ = entity_mention(nxt)
            if n2:
                eid = ctx.resolver.resolve(ctx.doc_id, n2, l2)
    return eid


def places(tok, ctx: Context) -> list[str]:
    """Place entities in a prepositional object ("in a camp south of Damascus" -> Damascus)."""
    out = []
    for t in tok.subtree:
        if t.pos_ == "VERB":
            break
        ent = ctx.ent_at.get(t.i)
        if ent is not None and ent.label_ in PLACE_LABELS and t.i == ent.root.i and entity_label(ent) in PLACE_LABELS:
            eid = ent_value(ent, ctx)
            if eid and eid not in out:
                out.append(eid)
    return out


def dateline_end(span) -> int | None:
    """Index after a dateline ("VEREST —", "SEFRA, Osmira —") opening the sentence, else None."""
    for tok in span[:8]:
        if tok.text in DASHES or (tok.text == "-" and tok.whitespace_ and tok.i > span.start):
            head = span.doc[span.start : tok.i]
            words = [t for t in head if t.is_alpha]
            if words and words[0].is_upper and len(words[0]) > 1:
                return tok.i + 1
            return None
    return None


def dateline_places(span, end: int, ctx: Context, ents=None) -> list[str]:
    """The places a dateline names ("CASTRELL, Velmaria —"): where the reporter filed from, never where
    anything happened."""
    out: list[str] = []
    for ent in (e for e in (span.ents if ents is None else ents) if e.end <= end):
        if ent.label_ in PLACE_LABELS | {"ORG", "PERSON"}:
            name, _, _ = entity_mention(ent)
            eid = ctx.resolver.resolve(ctx.doc_id, name, "GPE") or ctx.resolver.resolve(ctx.doc_id, name, ent.label_)
            if eid and eid not in out:
                out.append(eid)
    return out
