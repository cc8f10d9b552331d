"""Folding every mention of the corpus into canonical entities (:func:`build_entities`), and mapping a
mention back to its entity (:class:`EntityResolver`); the name rules are in :mod:`brief.extract.entities`."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from brief.extract.entities import (DEMONYMS, ENTITY_LABELS, is_demonym_of, suffix_of, clean_name, demonym_country,
                                    first_names_match, is_title_only, name_key, split_title, surname_key)
from brief.model import Entity


@dataclass
class Mention:
    doc_id: str
    text: str  # cleaned name, title removed
    label: str
    title: str = ""
    place: bool = False  # seen in a place's position (see place_hint)


@dataclass
class EntityResolver:
    """Maps (doc_id, name, label) mentions to canonical :class:`Entity` ids."""

    entities: dict[str, Entity] = field(default_factory=dict)
    _person_full: dict[tuple[str, str], str] = field(default_factory=dict)  # (surname_key, full lower) -> id
    _by_surname: dict[str, list[str]] = field(default_factory=dict)  # surname_key -> ids
    _by_key: dict[str, str] = field(default_factory=dict)  # name_key -> id (non-person)
    _doc_people: dict[str, set[str]] = field(default_factory=dict)  # doc_id -> person ids with a full name there
    _cache: dict[tuple[str, str, str], str | None] = field(default_factory=dict)
    _demonyms: dict[str, str] = field(default_factory=dict)  # learned: "taldaran" -> "Taldara"
    _place_names: set[str] = field(default_factory=set)  # PERSON-tagged names that are places

    def country_of(self, text: str) -> str | None:
        """The country a demonym stands for ("Russian" -> Russia), from the general table or the corpus."""
        t = clean_name(text)
        country = demonym_country(t)
        if country is None:
            low = t.lower()
            country = self._demonyms.get(low) or (self._demonyms.get(low[:-1]) if low.endswith("s") else None)
        if country is None:
            return None
        return self._by_key.get(name_key(country), country)

    def resolve(self, doc_id: str, text: str, label: str) -> str | None:
        key = (doc_id, text, label)
        if key in self._cache:
            return self._cache[key]
        out = self._resolve(doc_id, text, label)
        self._cache[key] = out
        return out

    def _resolve(self, doc_id: str, text: str, label: str) -> str | None:
        name = clean_name(text)
        if not name:
            return None
        country = self.country_of(name) if label in ("NORP", "GPE", "ORG", "LOC", "PERSON") and len(name.split()) <= 2 else None
        if country is not None:
            return self._by_key.get(name_key(country), country)
        if label in ("ORG", "PERSON") and is_title_only(name):
            return None
        if label == "PERSON" and name_key(name) in self._place_names:
            label = "LOC"
        if label == "PERSON" or label not in ENTITY_LABELS:
            _, bare = split_title(name)
            if not bare:
                return None
            words = bare.split()
            if len(words) >= 2:
                sk = surname_key(words[-1])
                hit = self._person_full.get((sk, bare.lower()))
                if hit:
                    return hit
                for pid in self._by_surname.get(sk, []):
                    ent = self.entities[pid]
                    if any(first_names_match(words[0], a.split()[0]) for a in ent.aliases if len(a.split()) >= 2):
                        return pid
            if len(words) == 1:
                pid = self._surname_owner(doc_id, words[0])
                if pid:
                    return pid
            if label not in ENTITY_LABELS:
                return None
        nk = name_key(name)
        if nk in self._by_key:
            return self._by_key[nk]
        if label != "PERSON":
            title, bare = split_title(name)
            if title and bare and bare != name:  # "Special Envoy Helena Marsh" tagged as an organisation
                pid = self._resolve(doc_id, bare, "PERSON")
                if pid:
                    return pid
        if label != "PERSON" and len(name.split()) == 1:
            pid = self._surname_owner(doc_id, name)
            if pid:
                return pid
        return None

    def _surname_owner(self, doc_id: str, word: str) -> str | None:
        cands = self._by_surname.get(surname_key(word), [])
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        here = [c for c in cands if c in self._doc_people.get(doc_id, set())]
        pool = here or cands
        return max(pool, key=lambda c: self.entities[c].mentions)


@dataclass
class _Tally:
    """The mentions counted by form: people by surname key, other names by folding key."""

    full_forms: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    single_forms: Counter = field(default_factory=Counter)
    labels_by_key: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    surface_by_key: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    titles: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    docs_by_form: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _places_tagged_as_people(mentions: list[Mention]) -> tuple[list[Mention], set[str]]:
    """Names the tagger calls PERSON but that always stand where places stand, untitled: places."""
    hints: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for m in mentions:
        if m.label == "PERSON":
            hints[m.text][0] += m.place
            hints[m.text][1] += 1
            if m.title:
                hints[m.text][0] -= 100
    placey = {t for t, (p, n) in hints.items() if p > 0 and 2 * p >= n}
    if placey:
        mentions = [Mention(m.doc_id, m.text, "LOC", m.title, m.place) if m.label == "PERSON" and m.text in placey else m
                    for m in mentions]
    return mentions, placey


def _tally(mentions: list[Mention]) -> _Tally:
    t = _Tally()
    for m in mentions:
        if not m.text or is_title_only(m.text):
            continue
        if m.label == "PERSON":
            words = m.text.split()
            if len(words) >= 2:
                t.full_forms[surname_key(words[-1])][m.text] += 1
            elif words:
                t.single_forms[m.text] += 1
            t.docs_by_form[m.text].add(m.doc_id)
            if m.title:
                t.titles[m.text][m.title] += 1
        else:
            country = demonym_country(m.text)
            nk = name_key(country or m.text)
            t.labels_by_key[nk]["GPE" if country else m.label] += 1
            t.surface_by_key[nk][country or m.text] += 1
            t.docs_by_form[country or m.text].add(m.doc_id)
    return t


def _add(res: EntityResolver, eid: str, label: str) -> Entity:
    ent = res.entities.get(eid)
    if ent is None:
        ent = res.entities[eid] = Entity(eid, label)
    return ent


def _fold_people(res: EntityResolver, t: _Tally) -> None:
    """Full names grouped by surname, then by first-name variant."""
    for sk, forms in t.full_forms.items():
        clusters: list[list[str]] = []
        for form, _ in forms.most_common():
            first = form.split()[0]
            for cl in clusters:
                if any(first_names_match(first, other.split()[0]) or suffix_of(form, other) for other in cl):
                    cl.append(form)
                    break
            else:
                clusters.append([form])
        for cl in clusters:
            canonical = max(cl, key=lambda f: (forms[f], len(f)))
            ent = _add(res, canonical, "PERSON")
            for f in cl:
                if f not in ent.aliases:
                    ent.aliases.append(f)
                ent.mentions += forms[f]
                res._person_full[(sk, f.lower())] = canonical
                for d in t.docs_by_form[f]:
                    res._doc_people.setdefault(d, set()).add(canonical)
                    if d not in ent.documents:
                        ent.documents.append(d)
                for title, _ in t.titles[f].most_common():
                    if title not in ent.titles:
                        ent.titles.append(title)
            res._by_surname.setdefault(sk, []).append(canonical)


def _fold_names(res: EntityResolver, t: _Tally) -> None:
    """Other names: one entity per folding key, named by its most telling surface form."""
    for nk, surf in t.surface_by_key.items():
        canonical = max(surf, key=lambda f: (not f.isupper() or len(f) <= 3, surf[f], -f.count("-"), len(f)))
        label = t.labels_by_key[nk].most_common(1)[0][0]
        if len(canonical.split()) == 1 and surname_key(canonical) in res._by_surname and not demonym_country(canonical) \
                and canonical not in DEMONYMS.values():
            continue  # a surname tagged as an organisation/place: resolved to the person later
        ent = _add(res, canonical, label)
        for f in surf:
            if f not in ent.aliases:
                ent.aliases.append(f)
            for d in t.docs_by_form[f]:
                if d not in ent.documents:
                    ent.documents.append(d)
        res._by_key[nk] = canonical


def _fold_demonyms(res: EntityResolver) -> None:
    """Corpus demonyms: "Taldaran" next to the place "Taldara" (country + n/an/ian/i/ese/ish)."""
    places = [e for e in res.entities.values() if e.label in ("GPE", "LOC") and len(e.id.split()) == 1 and len(e.id) >= 4]
    for eid in list(res.entities):
        ent = res.entities[eid]
        if len(eid.split()) != 1 or ent.label not in ("NORP", "GPE", "ORG", "LOC", "PERSON") or demonym_country(eid):
            continue
        for place in places:
            if place.id != eid and is_demonym_of(eid, place.id):
                res._demonyms[eid.lower()] = place.id
                src = res.entities.pop(eid)
                for a in src.aliases:
                    if a not in place.aliases:
                        place.aliases.append(a)
                res._by_key[name_key(eid)] = place.id
                break


def _fold_acronyms(res: EntityResolver) -> None:
    """Acronyms ("IDF") fold into the multi-word name they abbreviate."""
    initials: dict[str, str] = {}
    for eid, ent in res.entities.items():
        if ent.label in ("ORG", "GPE", "FAC", "LOC") and len(eid.split()) >= 2:
            acro = "".join(w[0] for w in eid.split() if w[:1].isupper())
            if len(acro) >= 2:
                initials.setdefault(acro.lower(), eid)
    for eid in list(res.entities):
        if eid.isupper() and 2 <= len(eid) <= 6 and eid.lower() in initials and initials[eid.lower()] != eid:
            target = res.entities[initials[eid.lower()]]
            src = res.entities.pop(eid)
            for a in src.aliases:
                if a not in target.aliases:
                    target.aliases.append(a)
            for d in src.documents:
                if d not in target.documents:
                    target.documents.append(d)
            res._by_key[name_key(eid)] = target.id


def _fold_surnames(res: EntityResolver, t: _Tally) -> None:
    """Single surnames join their person; a lone name with no full form is a person of its own."""
    for form, n in t.single_forms.items():
        sk = surname_key(form)
        if sk in res._by_surname:
            for d in t.docs_by_form[form]:
                pid = res._surname_owner(d, form)
                ent = res.entities[pid]
                ent.mentions += 1
                if form not in ent.aliases:
                    ent.aliases.append(form)
                if d not in ent.documents:
                    ent.documents.append(d)
            for title, _ in t.titles[form].most_common():
                pid = res._by_surname[sk][0]
                if title not in res.entities[pid].titles:
                    res.entities[pid].titles.append(title)
            continue
        nk = name_key(form)
        if nk in res._by_key:
            continue
        ent = _add(res, form, "PERSON")
        ent.mentions += n
        ent.aliases.append(form)
        ent.documents.extend(sorted(t.docs_by_form[form]))
        res._by_key[nk] = form
        for title, _ in t.titles[form].most_common():
            if title not in ent.titles:
                ent.titles.append(title)


def build_entities(mentions: list[Mention]) -> EntityResolver:
    """Fold every mention of the corpus into canonical entities."""
    res = EntityResolver()
    mentions = [Mention(m.doc_id, clean_name(m.text), m.label, m.title, m.place) for m in mentions]
    mentions, placey = _places_tagged_as_people(mentions)
    tally = _tally(mentions)
    _fold_people(res, tally)
    _fold_names(res, tally)
    _fold_demonyms(res)
    _fold_acronyms(res)
    res._place_names = {name_key(x) for x in placey}
    _fold_surnames(res, tally)
    return res
