"""Canonical entities across documents, by general rules (no name lists).

* Person names: titles/roles in front of a name ("Prime Minister", "Col.-Gen.")
  are split off and kept as attributes; possessives are stripped; full names
  with the same surname fold when their first names are transliteration or
  spelling variants ("Sergei"/"Sergey", "Bashar"/"Basher"); a bare surname
  ("Netanyahu") joins the full name with that surname (the one in the same
  document first, else the most mentioned one).
* Other names fold on a key that ignores case, a leading "the", possessives,
  hyphens and spacing ("de-confliction"/"deconfliction"), and acronyms fold
  into the name they abbreviate when both occur ("IDF").
* Demonyms stand for their country ("Russian forces" -> Russia).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from brief.model import Entity

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}

# General title/role vocabulary (words that precede a name), not names.
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "ministers", "deputy", "foreign", "defense", "defence", "interior",
    "finance", "justice", "health", "economy", "trade", "energy", "education", "alternate", "acting", "former",
    "secretary", "state", "general", "chancellor", "king", "queen", "prince", "princess", "crown", "sheikh",
    "emir", "sultan", "ambassador", "envoy", "special", "director", "chief", "head", "commander", "spokesman",
    "spokeswoman", "spokesperson", "senator", "sen.", "rep.", "representative", "congressman", "congresswoman",
    "governor", "gov.", "mayor", "judge", "justice", "chairman", "chairwoman", "chair", "leader", "speaker",
    "lt.", "lt", "col.", "col", "gen.", "maj.", "maj", "sgt.", "sgt", "cpl.", "pvt.", "capt.", "capt", "adm.",
    "admiral", "colonel", "major", "lieutenant", "captain", "sergeant", "corporal", "private", "brig.",
    "brigadier", "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "prof.", "professor", "pope",
    "cardinal", "archbishop", "bishop", "rabbi", "imam", "ayatollah", "field", "marshal", "national",
    "security", "adviser", "advisor", "attorney", "senior", "top", "army", "staff", "of", "the", "un",
    "coordinator", "official", "officer", "mia", "res.", "(res.)", "gov", "supreme", "grand", "lord", "sir",
    "dame", "premier", "councillor", "councilor", "commissioner", "ceo", "founder", "executive",
}
_TITLE_ABBREV = re.compile(r"^(?:[A-Z][a-z]{0,4}\.)(?:-[A-Z][a-z]{0,4}\.?)*$")  # Col.-Gen., Maj.-Gen, Sgt.

# Demonym -> country (a general table, not corpus-specific).
DEMONYMS = {
    "afghan": "Afghanistan", "albanian": "Albania", "algerian": "Algeria", "american": "United States",
    "angolan": "Angola", "argentine": "Argentina", "argentinian": "Argentina", "armenian": "Armenia",
    "australian": "Australia", "austrian": "Austria", "azerbaijani": "Azerbaijan", "azeri": "Azerbaijan",
    "bahraini": "Bahrain", "bangladeshi": "Bangladesh", "belarusian": "Belarus", "belgian": "Belgium",
    "bolivian": "Bolivia", "bosnian": "Bosnia", "brazilian": "Brazil", "british": "United Kingdom",
    "bulgarian": "Bulgaria", "burmese": "Myanmar", "cambodian": "Cambodia", "cameroonian": "Cameroon",
    "canadian": "Canada", "chadian": "Chad", "chilean": "Chile", "chinese": "China", "colombian": "Colombia",
    "congolese": "Congo", "croatian": "Croatia", "cuban": "Cuba", "cypriot": "Cyprus", "czech": "Czech Republic",
    "danish": "Denmark", "dutch": "Netherlands", "ecuadorian": "Ecuador", "egyptian": "Egypt",
    "emirati": "United Arab Emirates", "eritrean": "Eritrea", "estonian": "Estonia", "ethiopian": "Ethiopia",
    "filipino": "Philippines", "finnish": "Finland", "french": "France", "georgian": "Georgia",
    "german": "Germany", "ghanaian": "Ghana", "greek": "Greece", "guatemalan": "Guatemala", "haitian": "Haiti",
    "honduran": "Honduras", "hungarian": "Hungary", "icelandic": "Iceland", "indian": "India",
    "indonesian": "Indonesia", "iranian": "Iran", "iraqi": "Iraq", "irish": "Ireland", "israeli": "Israel",
    "italian": "Italy", "ivorian": "Ivory Coast", "jamaican": "Jamaica", "japanese": "Japan",
    "jordanian": "Jordan", "kazakh": "Kazakhstan", "kenyan": "Kenya", "korean": "Korea", "kosovar": "Kosovo",
    "kuwaiti": "Kuwait", "kyrgyz": "Kyrgyzstan", "latvian": "Latvia", "lebanese": "Lebanon",
    "libyan": "Libya", "lithuanian": "Lithuania", "malaysian": "Malaysia", "malian": "Mali",
    "mexican": "Mexico", "moldovan": "Moldova", "mongolian": "Mongolia", "moroccan": "Morocco",
    "mozambican": "Mozambique", "nepalese": "Nepal", "nepali": "Nepal", "nicaraguan": "Nicaragua",
    "nigerian": "Nigeria", "nigerien": "Niger", "norwegian": "Norway", "omani": "Oman", "pakistani": "Pakistan",
    "palestinian": "Palestine", "panamanian": "Panama", "paraguayan": "Paraguay", "peruvian": "Peru",
    "polish": "Poland", "portuguese": "Portugal", "qatari": "Qatar", "romanian": "Romania", "russian": "Russia",
    "rwandan": "Rwanda", "saudi": "Saudi Arabia", "senegalese": "Senegal", "serbian": "Serbia",
    "singaporean": "Singapore", "slovak": "Slovakia", "slovenian": "Slovenia", "somali": "Somalia",
    "south african": "South Africa", "south korean": "South Korea", "north korean": "North Korea",
    "spanish": "Spain", "sri lankan": "Sri Lanka", "sudanese": "Sudan", "south sudanese": "South Sudan",
    "swedish": "Sweden", "swiss": "Switzerland", "syrian": "Syria", "taiwanese": "Taiwan", "tajik": "Tajikistan",
    "tanzanian": "Tanzania", "thai": "Thailand", "tunisian": "Tunisia", "turkish": "Turkey",
    "turkmen": "Turkmenistan", "ugandan": "Uganda", "ukrainian": "Ukraine", "uruguayan": "Uruguay",
    "uzbek": "Uzbekistan", "venezuelan": "Venezuela", "vietnamese": "Vietnam", "yemeni": "Yemen",
    "zambian": "Zambia", "zimbabwean": "Zimbabwe", "english": "England", "scottish": "Scotland",
    "welsh": "Wales", "soviet": "Soviet Union", "european": "European Union", "iranians": "Iran",
}


def demonym_country(text: str) -> str | None:
    t = text.lower().strip()
    if t in DEMONYMS:
        return DEMONYMS[t]
    if t.endswith("s") and t[:-1] in DEMONYMS:  # "Russians", "Israelis"
        return DEMONYMS[t[:-1]]
    return None


_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_QUOTES = "\"'“”‘’«»()[]{}.,;:!?"


def clean_name(text: str) -> str:
    """Strip quotes, a leading "the", possessives and odd spacing from a name."""
    t = " ".join(text.replace("\u00a0", " ").split())
    t = t.strip(_QUOTES + " -–—")
    t = _POSSESSIVE.sub("", t).strip(_QUOTES + " ")
    t = re.sub(r"^(?:the|The|THE)\s+", "", t)
    return t


def name_key(text: str) -> str:
    """Folding key for non-person names: case, hyphens, spacing, accents ignored."""
    t = unicodedata.normalize("NFKD", clean_name(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", t.lower())


def is_title_token(word: str) -> bool:
    return word.lower() in TITLE_WORDS or bool(_TITLE_ABBREV.match(word))


def split_title(name: str) -> tuple[str, str]:
    """("Prime Minister Benjamin Netanyahu") -> ("Prime Minister", "Benjamin Netanyahu").

    A name made only of title words ("Col.-Gen") gives ("Col.-Gen", "").  A leading
    demonym ("Russian Putin") and anything after a possessive ("Liberman's Russian")
    are dropped.
    """
    m = re.search(r"['’]s?\s", name)
    if m:
        name = name[: m.start()]
    words = name.split()
    while len(words) > 1 and demonym_country(words[0]):
        words = words[1:]
    i = 0
    while i < len(words) and (is_title_token(words[i]) or words[i] in ("(res.)",) or _TITLE_ABBREV.match(words[i])):
        i += 1
    if i == len(words):
        return " ".join(words), ""
    return " ".join(words[:i]), " ".join(words[i:])


def is_title_only(name: str) -> bool:
    words = name.split()
    return bool(words) and all(is_title_token(w) or _TITLE_ABBREV.match(w) for w in words)


def translit_key(word: str) -> str:
    """A rough spelling skeleton that folds transliteration variants (Sergei/Sergey, Aleksandr/Alexander)."""
    w = unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()
    w = re.sub(r"[^a-z]", "", w)
    for a, b in (("ks", "x"), ("ph", "f"), ("kh", "h"), ("ck", "k"), ("ou", "u"), ("yi", "i"), ("iy", "i"),
                 ("ij", "i"), ("ey", "ei"), ("j", "i"), ("y", "i"), ("w", "v"), ("c", "k"), ("q", "k"), ("z", "s")):
        w = w.replace(a, b)
    w = re.sub(r"(.)\1+", r"\1", w)  # doubled letters
    w = re.sub(r"(?<=.)[aeiou]", "", w)  # vowels after the first letter
    return w


def _edit_distance(a: str, b: str) -> int:
    if abs(len(a) - len(b)) > 2:
        return 3
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def first_names_match(a: str, b: str) -> bool:
    if a.lower() == b.lower():
        return True
    if translit_key(a) == translit_key(b):
        return True
    la, lb = a.lower(), b.lower()
    return min(len(la), len(lb)) >= 5 and _edit_distance(la, lb) <= 1


def _is_demonym_of(word: str, place: str) -> bool:
    w, p = word.lower(), place.lower()
    if w.endswith("s") and not p.endswith("s"):
        w = w[:-1]
    suffixes = ("n", "an", "ian", "i", "ese", "ish", "ean", "ite", "ic", "ic")
    if w.startswith(p) and w[len(p):] in suffixes:
        return True
    if p[-1] in "aeiouy" and w.startswith(p[:-1]) and w[len(p) - 1 :] in suffixes:
        return True
    return False


def _suffix_of(a: str, b: str) -> bool:
    """ "Ben Zvi" is the tail of "Alexander Ben Zvi" (a multi-word surname)."""
    wa, wb = a.lower().split(), b.lower().split()
    if len(wa) == len(wb):
        return False
    short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return len(short) >= 2 and long_[-len(short):] == short


def surname_key(word: str) -> str:
    w = re.sub(r"^(?:al|el|ad|as|ash|an|ar|at|ibn|bin|ben|van|von|de|da|di|du|la|le)[-\s]", "", word.lower())
    return translit_key(w) or w


PLACE_NOUNS = {"crossing", "border", "camp", "village", "villages", "town", "towns", "city", "province", "provinces",
               "region", "district", "river", "airport", "base", "cemetery", "valley", "dam", "port", "settlement",
               "checkpoint", "governorate", "municipality", "neighbourhood", "neighborhood", "suburb", "area",
               "county", "state", "island", "lake", "mountain", "gorge", "bridge", "street", "square", "coast"}
LOCATIVE_PREPS = {"in", "at", "near", "into", "outside", "inside", "across", "around", "toward", "towards", "beyond"}


# Common nouns that name an organisation's kind: a name in apposition with one of them is that organisation.
ORG_KIND_NOUNS = {
    "broadcaster", "newspaper", "daily", "weekly", "paper", "tabloid", "magazine", "agency", "channel", "network",
    "station", "website", "site", "outlet", "portal", "group", "company", "firm", "ministry", "broadcasting",
    "television", "tv", "radio", "publication", "journal", "corporation", "conglomerate", "bank", "party",
    "organisation", "organization", "ngo", "charity", "militia", "movement", "faction", "union", "think-tank",
    "startup", "operator", "carrier", "airline", "manufacturer", "producer", "network", "wire", "service",
}
_ORG_KIND_NO_COMPOUND = {"ministry", "group", "party", "union", "bank", "service", "site", "paper", "station"}


def _org_kind(tok) -> bool:
    return tok.pos_ in ("NOUN", "PROPN", "ADJ") and (tok.lower_ in ORG_KIND_NOUNS or tok.lemma_.lower() in ORG_KIND_NOUNS)


def entity_label(ent) -> str:
    """spaCy's label, corrected where the words around a name say what it is: a name in apposition with
    (or right after) an organisation-kind noun ("public broadcaster X", "X, the news agency",
    "the daily X") is an ORG even when the tagger called it a place or a person."""
    label = ent.label_
    if label not in ("GPE", "LOC", "FAC", "PERSON", "NORP"):
        return label
    doc = ent.doc
    root = ent.root
    if root.dep_ == "appos" and _org_kind(root.head) and root.head.i < ent.start:
        return "ORG"
    if any(c.dep_ == "appos" and _org_kind(c) for c in root.children):
        return "ORG"
    j = ent.start - 1
    if j >= 0 and _org_kind(doc[j]) and not doc[j].ent_type_ and (doc[j].head.i == root.i or root.head.i == j
                                                                   or doc[j].dep_ in ("compound", "amod")):
        return "ORG"
    if j >= 0 and _org_kind(doc[j]) and not doc[j].ent_type_ and doc[j].lower_ not in _ORG_KIND_NO_COMPOUND:
        return "ORG"
    if (root.dep_ == "compound" and _org_kind(root.head) and root.head.i == ent.end
            and root.head.lower_ not in _ORG_KIND_NO_COMPOUND and label != "NORP"):
        return "ORG"  # "the Kan broadcaster", "Reuters news agency"
    return label


def place_hint(ent) -> bool:
    """The mention sits where places sit ("near X", "the X crossing", "the towns of X and Y")."""
    root = ent.root
    h = root
    while h.dep_ == "conj" and h.head.i != h.i:
        h = h.head
    if h.dep_ == "pobj":
        prep = h.head
        if prep.lower_ in LOCATIVE_PREPS:
            return True
        if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
            return True
    if h.dep_ in ("compound", "nmod") and h.head.lemma_.lower() in PLACE_NOUNS:
        return True
    if h.dep_ == "appos" and h.head.lemma_.lower() in PLACE_NOUNS:
        return True
    return False


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


def build_entities(mentions: list[Mention]) -> EntityResolver:
    """Fold every mention of the corpus into canonical entities."""
    res = EntityResolver()
    res_place_names: set[str] = set()
    # --- people: full names grouped by surname, then by first-name variant ------------
    full_forms: dict[str, Counter] = defaultdict(Counter)
    single_forms: Counter = Counter()
    labels_by_key: dict[str, Counter] = defaultdict(Counter)
    surface_by_key: dict[str, Counter] = defaultdict(Counter)
    titles: dict[str, Counter] = defaultdict(Counter)
    docs_by_form: dict[str, set[str]] = defaultdict(set)
    mentions = [Mention(m.doc_id, clean_name(m.text), m.label, m.title, m.place) for m in mentions]
    # names the tagger calls PERSON but that always stand where places stand, untitled: places
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
    res_place_names = placey
    for m in mentions:
        if not m.text or is_title_only(m.text):
            continue
        if m.label == "PERSON":
            words = m.text.split()
            if len(words) >= 2:
                full_forms[surname_key(words[-1])][m.text] += 1
            elif words:
                single_forms[m.text] += 1
            docs_by_form[m.text].add(m.doc_id)
            if m.title:
                titles[m.text][m.title] += 1
        else:
            country = demonym_country(m.text)
            nk = name_key(country or m.text)
            labels_by_key[nk]["GPE" if country else m.label] += 1
            surface_by_key[nk][country or m.text] += 1 if not country else 1
            docs_by_form[country or m.text].add(m.doc_id)
            if country:
                surface_by_key[nk][country] += 0

    def add(eid: str, label: str) -> Entity:
        ent = res.entities.get(eid)
        if ent is None:
            ent = res.entities[eid] = Entity(eid, label)
        return ent

    for sk, forms in full_forms.items():
        clusters: list[list[str]] = []
        for form, _ in forms.most_common():
            first = form.split()[0]
            for cl in clusters:
                if any(first_names_match(first, other.split()[0]) or _suffix_of(form, other) for other in cl):
                    cl.append(form)
                    break
            else:
                clusters.append([form])
        for cl in clusters:
            canonical = max(cl, key=lambda f: (forms[f], len(f)))
            ent = add(canonical, "PERSON")
            for f in cl:
                if f not in ent.aliases:
                    ent.aliases.append(f)
                ent.mentions += forms[f]
                res._person_full[(sk, f.lower())] = canonical
                for d in docs_by_form[f]:
                    res._doc_people.setdefault(d, set()).add(canonical)
                    if d not in ent.documents:
                        ent.documents.append(d)
                for t, _ in titles[f].most_common():
                    if t not in ent.titles:
                        ent.titles.append(t)
            res._by_surname.setdefault(sk, []).append(canonical)

    # --- other names -------------------------------------------------------------------
    for nk, surf in surface_by_key.items():
        canonical = max(surf, key=lambda f: (not f.isupper() or len(f) <= 3, surf[f], -f.count("-"), len(f)))
        label = labels_by_key[nk].most_common(1)[0][0]
        if len(canonical.split()) == 1 and surname_key(canonical) in res._by_surname and not demonym_country(canonical) \
                and canonical not in DEMONYMS.values():
            continue  # a surname tagged as an organisation/place: resolved to the person later
        ent = add(canonical, label)
        for f, n in surf.items():
            if f not in ent.aliases:
                ent.aliases.append(f)
            for d in docs_by_form[f]:
                if d not in ent.documents:
                    ent.documents.append(d)
        res._by_key[nk] = canonical
    # corpus demonyms: "Taldaran" next to the place "Taldara" (country + n/an/ian/i/ese/ish)
    places = [e for e in res.entities.values() if e.label in ("GPE", "LOC") and len(e.id.split()) == 1 and len(e.id) >= 4]
    for eid in list(res.entities):
        ent = res.entities[eid]
        if len(eid.split()) != 1 or ent.label not in ("NORP", "GPE", "ORG", "LOC", "PERSON") or demonym_country(eid):
            continue
        for place in places:
            if place.id != eid and _is_demonym_of(eid, place.id):
                res._demonyms[eid.lower()] = place.id
                src = res.entities.pop(eid)
                for a in src.aliases:
                    if a not in place.aliases:
                        place.aliases.append(a)
                res._by_key[name_key(eid)] = place.id
                break
    # acronyms ("IDF") fold into the multi-word name they abbreviate
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

    res._place_names = {name_key(t) for t in res_place_names}
    # --- single surnames -> their person --------------------------------------------
    for form, n in single_forms.items():
        sk = surname_key(form)
        if sk in res._by_surname:
            for d in docs_by_form[form]:
                pid = res._surname_owner(d, form)
                ent = res.entities[pid]
                ent.mentions += 1
                if form not in ent.aliases:
                    ent.aliases.append(form)
                if d not in ent.documents:
                    ent.documents.append(d)
            for t, _ in titles[form].most_common():
                pid = res._by_surname[sk][0]
                if t not in res.entities[pid].titles:
                    res.entities[pid].titles.append(t)
        else:
            nk = name_key(form)
            if nk in res._by_key:
                continue
            ent = add(form, "PERSON")
            ent.mentions += n
            ent.aliases.append(form)
            ent.documents.extend(sorted(docs_by_form[form]))
            res._by_key[nk] = form
            for t, _ in titles[form].most_common():
                if t not in ent.titles:
                    ent.titles.append(t)
    return res
