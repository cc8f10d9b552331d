"""Figure pairs that disagree, assembled into discrepancies: one per fact, every source's value with its
quoted phrase, most important first; moving counts of one happening told later kept apart as updates."""

from __future__ import annotations

from dataclasses import replace

from brief.extract.figures import Figure, format_value
from brief.extract.predicates import predicate_of
from brief.lexicon import data
from brief.model import Discrepancy, DiscrepancyValue


def plural(noun: str) -> str:
    """The regular English plural of a counted noun's lemma ("authority" -> "authorities")."""
    if noun.endswith("s"):
        return noun
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(tuple(data("figures")["plural_es_endings"])):
        return noun + "es"
    return noun + "s"


def _label(f: Figure) -> str:
    """ "number of people (kill)", "tonnes of corn", "amount in US dollars"."""
    lex = data("figures")
    if f.dimension == "count":
        what = lex["class_labels"].get(f.about) or plural(f.about)
        return f"number of {what}" + (f" ({f.predicate})" if predicate_of(f.predicate) else "")
    unit = lex["units"].get(f.unit, {}).get("label", f.unit)
    return f"{unit} of {f.about}" if f.about != f.unit else f"amount in {unit}"


QUOTE_WORDS = 9  # words of the source kept on each side of the value


def quote_around(sentence: str, phrase: str, words: int = QUOTE_WORDS) -> str:
    """The source's own words around ``phrase`` ("… carrying more than 8,400 tons of barley on Monday …")."""
    at = sentence.find(phrase)
    if at < 0:
        return " ".join(sentence.split()[: 2 * words + 4])
    before = sentence[:at].split()
    after = sentence[at + len(phrase):].split()
    head = ("… " if len(before) > words else "") + " ".join(before[-words:])
    tail = " ".join(after[:words]) + (" …" if len(after) > words else "")
    return " ".join(x for x in (head.strip(), phrase, tail.strip()) if x)


def _value(f: Figure, quote: str) -> DiscrepancyValue:
    norm = f"{format_value(f).replace(',', '')} {f.unit}"
    plain = replace(f, qualifier=None)
    shown = f.text if f.text[:1].isdigit() else f"{format_value(plain)} ({f.text})"  # "12 (At least 12 people)"
    return DiscrepancyValue(shown, f.doc_id, f.sentence, f.qualifier, quote, norm)


def assemble(pairs, sent_of, sentence_text) -> list[Discrepancy]:
    """Pairs sharing a figure become one discrepancy listing every value; most important first."""
    updates = [p for p in pairs if p[3]]
    clashes = [p for p in pairs if not p[3]]
    out = _clusters(clashes, sent_of, sentence_text, False) + _clusters(updates, sent_of, sentence_text, True)
    out.sort(key=lambda d: -d.importance)
    return out


def _clusters(pairs, sent_of, sentence_text, update: bool) -> list[Discrepancy]:
    parent: dict[Figure, Figure] = {}

    def find(x: Figure) -> Figure:
        while parent.setdefault(x, x) is not x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best: dict[Figure, float] = {}
    for sim, a, b, _ in sorted(pairs, key=lambda p: -p[0]):
        parent[find(b)] = find(a)
    for sim, a, b, _ in pairs:
        r = find(a)
        best[r] = max(best.get(r, 0.0), sim)
    clusters: dict[Figure, list[Figure]] = {}
    for sim, a, b, _ in pairs:
        for f in (a, b):
            members = clusters.setdefault(find(f), [])
            if f not in members:
                members.append(f)
    out = []
    for root, members in clusters.items():
        members.sort(key=lambda f: (f.doc_id, f.sentence, f.start))
        seen: set[tuple[str, int]] = set()
        values = []
        for f in members:
            if (f.doc_id, f.sentence) not in seen:
                seen.add((f.doc_id, f.sentence))
                values.append(_value(f, quote_around(sentence_text(f.doc_id, f.sentence), f.text)))
        if len(values) < 2:
            continue
        docs = {v.doc_id for v in values}
        lead = max(members, key=lambda f: (bool(predicate_of(f.predicate)), f.about == "people"))
        ev_ids = sorted({sent_of[(v.doc_id, v.sentence)] for v in values if (v.doc_id, v.sentence) in sent_of},
                        key=lambda x: int(x[1:]) if x[1:].isdigit() else 0)
        importance = len(docs) + best.get(root, 0.0) + (0.5 if lead.about == "people" else 0.0)
        if update:  # a moving count: shown as an update, after every real disagreement
            values.sort(key=lambda v: v.sentence)
            out.append(Discrepancy(_label(lead) + " (updated)", values, ev_ids, "update", len(docs) == 1,
                                   importance - 10))
            continue
        out.append(Discrepancy(_label(lead), values, ev_ids, lead.kind, len(docs) == 1, importance))
    return out


__all__ = ["assemble", "quote_around"]
