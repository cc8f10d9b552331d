"""Events from the dependency parse: who did what to whom, where and when.

One pass over a sentence's tree, from its root down:

* a reporting verb ("said", "stated", "told", "warned ... that") that frames a
  clause is not an event itself: the clause is, with the speaker as
  ``attribution``; "according to X" does the same for the whole sentence;
* verbs of intention/expectation ("expected to", "plans to", "set to") give
  their complement as the event with a ``modality``;
* subjects (and "by" agents of passives) are actors, objects, datives and
  prepositional objects are targets, places after locative prepositions are
  locations; conjoined verbs inherit the subject;
* a time expression belongs to the verb it hangs from and is normalised
  against the document's publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from brief.extract.dates import normalize_date
from brief.extract.entities import (ENTITY_LABELS, PLACE_LABELS, EntityResolver, clean_name, entity_label,
                                    is_title_only, is_title_token, split_title)
from brief.model import Citation, Event

REPORTING = {
    "say", "tell", "state", "add", "report", "announce", "claim", "note", "write", "read", "stress", "explain",
    "insist", "confirm", "speculate", "believe", "think", "estimate", "tweet", "declare", "emphasize",
    "emphasise", "allege", "suggest", "indicate", "acknowledge", "argue", "assert", "predict", "warn", "deny",
    "admit", "reveal", "disclose", "maintain", "contend", "testify", "recall", "underscore", "concede", "caution",
    "complain", "observe", "signal", "hint", "accuse",
}
SPECULATIVE = {"speculate", "claim", "allege", "believe", "think", "suggest", "estimate", "predict", "hint"}
MODAL_VERBS = {
    "expect": "expected", "set": "expected", "due": "expected", "plan": "planned", "intend": "planned",
    "aim": "planned", "prepare": "planned", "hope": "hoped", "want": "wanted", "wish": "wanted", "seek": "sought",
    "try": "attempted", "attempt": "attempted", "threaten": "threatened", "vow": "pledged", "pledge": "pledged",
    "promise": "pledged", "refuse": "refused", "fail": "failed", "decide": "decided", "need": "needed",
    "appear": "apparent", "seem": "apparent", "tend": None, "begin": None, "start": None, "continue": None,
    "go": "expected", "likely": "likely", "able": None, "unable": "failed", "supposed": "expected",
}
MODAL_AUX = {"will": "future", "'ll": "future", "shall": "future", "would": "conditional", "could": "possible",
             "may": "possible", "might": "possible", "should": "obligation", "must": "obligation", "can": None,
             "wo": "future", "ca": None}
HEDGE_WORDS = {"reportedly", "allegedly", "apparently", "purportedly", "possibly", "probably", "perhaps",
               "presumably", "supposedly", "likely", "unconfirmed", "rumored", "rumoured", "maybe"}
SKIP_LEMMAS = {"be", "seem", "become", "remain", "appear", "include", "follow", "mean", "let", "have", "accord",
               "do", "get", "lie", "exist", "consist", "contain", "involve", "concern", "regard", "stand"}
LIGHT_VERBS = {"hold", "have", "conduct", "make", "pay", "give", "stage", "host", "place"}
NON_TARGET_NOUNS = {"phone", "telephone", "time", "times", "way", "part", "place", "moment", "behalf", "basis",
                    "video", "videolink", "line", "sidelines", "side", "sideline", "course", "wake", "case"}
_LEMMA_OK = re.compile(r"^[a-z][a-z\- ]*$")
LIGHT_NOUNS = {"talk", "talks", "meeting", "call", "conversation", "discussion", "agreement", "deal",
               "negotiations", "negotiation", "consultations", "consultation", "contact", "contacts", "phone",
               "telephone", "summit", "dialogue", "interview", "meetings"}
GROUP_NOUNS = {
    "force", "forces", "troop", "troops", "military", "militaries", "army", "armies", "official", "officials",
    "government", "governments", "delegation", "authorities", "authority", "diplomat", "diplomats", "soldier",
    "soldiers", "jet", "jets", "warplane", "warplanes", "navy", "police", "representative", "representatives",
    "leadership", "leader", "leaders", "regime", "side", "counterpart", "counterparts", "pilot", "pilots",
    "defense", "defenses", "defences", "air force", "personnel", "envoy", "envoys", "negotiator", "negotiators",
    "embassy", "ministry", "militia", "militias", "fighter", "fighters", "state", "people", "public", "camp",
    "administration", "cabinet", "parliament", "intelligence", "unit", "units", "servicemen", "border guards",
}
TARGET_PREPS = {"with", "to", "against", "on", "about", "for", "from", "into", "over", "at", "toward", "towards",
                "between", "among", "upon", "onto", "of", "through", "via", "off"}
LOC_PREPS = {"in", "at", "near", "to", "from", "inside", "outside", "across", "throughout", "around", "within",
             "along", "into", "over", "towards", "toward", "off", "via", "through", "south", "north", "east",
             "west", "beyond", "on"}
NON_TARGET_POBJ = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"}
PRONOUNS_PERSON = {"he", "she", "him", "her"}
_DURATION = re.compile(r"^(?:the\s+)?(?:past\s+|last\s+|next\s+)?(?:few\s+|several\s+|many\s+|\d+\s+|\w+\s+)?(?:years|decades|months|weeks|days|hours)$", re.I)
SPACE_RE = re.compile(r"\s+")


# -- who can be an actor ------------------------------------------------------------------------
# General English vocabulary (no names): nouns that denote people, groups and institutions.
AGENT_NOUNS = GROUP_NOUNS | {
    "person", "family", "families", "household", "resident", "villager", "farmer", "worker", "doctor", "nurse",
    "medic", "team", "committee", "council", "commission", "panel", "board", "patrol", "guard", "guards",
    "lawmaker", "legislator", "minister", "president", "spokesperson", "spokesman", "spokeswoman", "agency",
    "organisation", "organization", "group", "rebel", "insurgent", "militant", "protester", "protestor",
    "demonstrator", "civilian", "refugee", "migrant", "victim", "student", "teacher", "journalist", "witness",
    "activist", "party", "opposition", "coalition", "alliance", "union", "company", "firm", "court", "judge",
    "prosecutor", "inspector", "observer", "monitor", "mediator", "ambassador", "officer", "commander", "general",
    "chief", "head", "director", "staff", "crew", "volunteer", "charity", "operator", "man", "woman", "child",
    "men", "women", "children", "boy", "girl", "father", "mother", "wife", "husband", "son", "daughter",
    "neighbour", "neighbor", "community", "tribe", "clan", "country", "nation", "bank", "department", "office",
    "hospital", "court", "investigator", "minister", "crowd", "mob", "gang", "gunman", "gunmen", "attacker",
    "assailant", "settler", "tribesman", "elder", "expert", "analyst", "scientist", "researcher", "engineer",
    "employee", "employer", "owner", "user", "voter", "citizen", "inhabitant", "member", "partner",
    "ally", "allies", "donor", "lender", "buyer", "seller", "supplier", "producer", "exporter", "importer",
    "manufacturer", "company", "corporation", "institute", "university", "school", "church", "mosque",
    "regulator", "watchdog", "broadcaster", "newspaper", "outlet", "network", "press", "media", "consortium",
    "coalition", "bloc", "junta", "cabinet", "senate", "congress", "assembly", "legislature", "tribunal",
    "secretariat", "mission", "contingent", "battalion", "brigade", "regiment", "division", "squad", "platoon",
    "company", "sniper", "gunner", "marine", "sailor", "airman", "trooper", "peacekeeper", "host", "guest",
    "survivor", "casualty", "hostage", "captive", "prisoner", "detainee", "suspect", "captain", "pilot",
    "spokesmen", "aide", "adviser", "advisor", "deputy", "secretary", "premier", "governor", "mayor", "king",
    "queen", "prince", "leader", "chairman", "chairwoman", "envoy", "emissary", "negotiator", "mediator",
}
# -er/-or/-ist words that are things, not people
_NOT_AGENT_ER = {"water", "border", "order", "power", "center", "centre", "number", "letter", "matter", "paper",
                 "river", "corner", "quarter", "meter", "metre", "liter", "litre", "sector", "factor", "error",
                 "motor", "floor", "door", "tractor", "reactor", "computer", "chamber", "cluster", "disaster",
                 "shelter", "layer", "tower", "barrier", "weather", "summer", "winter", "manner", "corridor",
                 "harbor", "harbour", "honor", "honour", "flavor", "favour", "favor", "color", "colour", "labor",
                 "labour", "rumor", "rumour", "vapor", "mirror", "monitor", "register", "poster", "container",
                 "trailer", "helicopter", "fighter", "filter", "folder", "banner", "silver", "timber", "rubber",
                 "counter", "transfer", "character", "proposer", "other", "another", "tenor", "terror", "horror",
                 "anchor", "tumor", "tumour", "interior", "exterior", "total", "list", "twist", "mist", "fist"}
# the count of something, never its doer ("the number of people killed has risen")
QUANTITY_NOUNS = {"number", "numbers", "amount", "total", "toll", "share", "level", "levels", "rate", "rates",
                  "percentage", "proportion", "figure", "figures", "count", "tally", "sum", "volume", "quantity",
                  "average", "fraction", "majority", "minority", "percent", "per cent", "bulk", "rest", "remainder",
                  "price", "prices", "cost", "costs", "value", "size", "scale", "extent", "degree", "pace"}
# collective words that take their kind from "of ..." ("hundreds of families", "most of the villagers")
COLLECTIVE_NOUNS = {"hundreds", "thousands", "dozens", "scores", "tens", "millions", "most", "many", "some",
                    "all", "half", "both", "several", "each", "none", "few", "group", "groups", "crowd", "crowds",
                    "wave", "convoy", "column", "band", "handful", "couple", "pair", "one", "two", "three", "part"}
_AGENT_SUFFIX = re.compile(r"(?:[a-z]{2}(?:er|or|ist|ian|eer|ant|ee)s?|men|man|woman|women|person|people|folk)$")


def _agentive_word(tok) -> bool:
    lower, lemma = tok.lower_, tok.lemma_.lower()
    if lower in AGENT_NOUNS or lemma in AGENT_NOUNS:
        return True
    if lemma in _NOT_AGENT_ER or lower in _NOT_AGENT_ER or lemma in QUANTITY_NOUNS:
        return False
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return bool(_AGENT_SUFFIX.search(lemma)) and not lemma.endswith(("ment", "tion", "ance", "ence"))


def agentive(h, ctx: "Context | None" = None) -> bool:
    """Can this noun head be the doer of an event: a person, group, organisation or force?

    Names are decided elsewhere; this is for common noun phrases.  Counts ("the number of ..."),
    generic quantities ("too many people"), things owned by "its"/"their" ("its reservoir"),
    abstract and event nouns ("tension", "outbreak", "shooting") and materials ("supplies") are not.
    """
    if h.pos_ in ("NUM",):
        return False
    lower, lemma = h.lower_, h.lemma_.lower()
    if lemma in QUANTITY_NOUNS or lower in QUANTITY_NOUNS:
        return False
    left = [t for c in h.lefts for t in c.subtree]
    if any(t.lower_ == "too" for t in left):  # "too many people": a generic complaint, not a doer
        return False
    if lower in COLLECTIVE_NOUNS or lemma in COLLECTIVE_NOUNS or h.like_num:
        for c in h.rights:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return agentive(p, ctx) or (ctx is not None and ctx.ent_at.get(p.i) is not None
                                                    and ctx.ent_at[p.i].label_ in ("NORP", "ORG", "GPE", "PERSON"))
        return False
    if not _agentive_word(h):
        return False
    # "the sides" with no "two"/"both" (handled as a pair before) is nobody in particular
    if lower in ("sides", "side") and not any(c.dep_ in ("poss", "amod", "compound") for c in h.lefts):
        return False
    return True


def actor_kind(h, ctx: "Context | None" = None) -> str:
    """ "agent" (a doer), "theme" (a thing that something happens to: "the shooting began", "the toll rose")
    or "none" (generic quantities, things owned by "its": never worth showing as who did it)."""
    if agentive(h, ctx):
        return "agent"
    lower, lemma = h.lower_, h.lemma_.lower()
    if h.pos_ == "NUM" or h.like_num:
        return "none"
    if lower in COLLECTIVE_NOUNS or lemma in COLLECTIVE_NOUNS:
        return "none"
    left = [t for c in h.lefts for t in c.subtree]
    if any(t.lower_ == "too" for t in left):
        return "none"
    if any(c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ in ("its", "their") for c in h.lefts):
        return "none"
    return "theme"


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


@dataclass
class ArgValue:
    text: str
    entity: str | None = None
    kind: str = "agent"  # for common-noun subjects: "agent", "theme" (a thing something happens to) or "none"


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


def _ent_value(ent, ctx: Context) -> str | None:
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


def _compact_phrase(tok) -> str:
    keep = [tok]
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod", "quantmod", "case", "npadvmod", "advmod") or (
            c.dep_ == "det" and c.lower_ in ("no",)
        ):
            keep.extend(c.subtree)
    for c in tok.rights:
        if c.dep_ == "prt":
            keep.append(c)
        if c.dep_ == "prep" and c.lower_ == "of":
            sub = list(c.subtree)
            if len(sub) <= 5 and not any(t.pos_ == "VERB" for t in sub):
                keep.extend(sub)
    lo = min(t.i for t in keep)
    hi = max(t.i for t in keep)
    doc = tok.doc
    span = doc[lo : hi + 1]
    text = SPACE_RE.sub(" ", span.text.replace("“", "").replace("”", "").replace('"', "")).strip(" ,;:'‘’")
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    if text and span[0].is_sent_start and span[0].pos_ != "PROPN" and not span[0].ent_type_ and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    return text


def arg_values(tok, ctx: Context, *, role: str) -> list[ArgValue]:
    heads = [tok]
    stack = [tok]
    while stack:
        h = stack.pop()
        for c in h.children:
            if not ctx.inside(c):
                continue
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X"):
                heads.append(c)
                stack.append(c)
            elif c.dep_ == "nmod" and c.ent_type_ == "PERSON":  # "Netanyahu, Gantz and Ashkenazi" misparsed
                heads.append(c)
                stack.append(c)
    out: list[ArgValue] = []
    for h in heads:
        if h.pos_ in ("VERB", "AUX") or h.lower_ in NON_TARGET_NOUNS:
            continue
        if _is_pair_reference(h):
            definite = any(c.lower_ in ("the", "both", "these", "those") for c in h.lefts)
            nation = _pair_nation(h, ctx)
            pair = None
            if nation and definite:  # "the two Russian officials": the latest pair named with that country, however far back
                pair = next((p for sent, p, countries in reversed(ctx.pairs)
                             if nation in countries and ctx.sent - sent <= 30), None)
            elif ctx.last_pair and ctx.sent - ctx.last_pair_sent <= 1:
                pair = ctx.last_pair
            if pair:
                out.extend(ArgValue(x, x) for x in pair if all(x != o.text for o in out))
                continue
        v = _value(h, ctx, role=role)
        if v is not None and all(v.text != o.text for o in out):
            out.append(v)
    if any(o.entity for o in out):  # "Putin's special envoy, Alexander Lavrentiev": the name, not the role
        out = [o for o in out if o.entity or not _role_phrase(o.text)]
    return out


PAIR_NOUNS = {"leader", "man", "men", "side", "minister", "official", "president", "counterpart", "sides",
              "leaders", "ministers", "officials", "presidents", "counterparts", "countries", "country", "governments",
              "government", "women", "woman", "diplomats", "diplomat", "envoys", "envoy"}


def _is_pair_reference(h) -> bool:
    """ "the two leaders", "the two", "both sides": the two participants named just before."""
    if h.lower_ == "two" and h.pos_ == "NUM" and any(c.lower_ == "the" for c in h.children):
        return True
    if h.lower_ in PAIR_NOUNS or h.lemma_.lower() in PAIR_NOUNS:
        return any(c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet") for c in h.children)
    return False


def _note_named_pairs(span, ctx: Context, ents=None) -> None:
    """Remember "<title> X and <title> Y" (two people named together) with the countries named in that
    phrase, for a later "the two <demonym> officials" of the same document."""
    people = [e for e in (span.ents if ents is None else ents) if e.label_ == "PERSON" and ctx.inside(e[0])]
    doc = span.doc
    for a, b in zip(people, people[1:]):
        between = doc[a.end : b.start]
        if len(between) > 8 or not any(t.lower_ == "and" for t in between) or any(t.pos_ in ("VERB", "AUX") for t in between):
            continue
        lo = a.start
        while lo > span.start and a.start - lo < 8:
            t = doc[lo - 1]
            if t.pos_ in ("VERB", "AUX") or t.ent_type_ == "PERSON" or t.text in (".", ";", ":", "—", "–"):
                break
            lo -= 1
        ids = [_ent_value(a, ctx), _ent_value(b, ctx)]
        if not all(ids) or ids[0] == ids[1]:
            continue
        countries = set()
        for t in doc[lo : b.end]:
            if t.ent_type_ in ("NORP", "GPE"):
                country = ctx.resolver.country_of(t.text) or ctx.resolver.resolve(ctx.doc_id, t.text, "GPE")
                if country:
                    countries.add(country)
        ctx.pairs.append((ctx.sent, ids, countries))


def _pair_nation(h, ctx: Context) -> str | None:
    """The country of a demonym in a pair reference ("the two Russian envoys" -> Russia)."""
    for c in h.lefts:
        if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ("NORP", "GPE") or c.pos_ in ("ADJ", "PROPN")):
            country = ctx.resolver.country_of(c.text)
            if country:
                return country
    return None


def _role_phrase(text: str) -> bool:
    head = text.split(" of ")[0].split()[-1].lower() if text.split() else ""
    return head in ("envoy", "minister", "president", "spokesman", "spokeswoman", "spokesperson", "adviser",
                    "advisor", "ambassador", "chief", "head", "director", "secretary", "counterpart", "leader",
                    "commander", "representative", "official", "officer", "aide", "deputy", "general")


def _value(h, ctx: Context, *, role: str) -> ArgValue | None:
    if h.pos_ == "PRON" or h.lower_ in ("who", "which", "that"):
        if h.lower_ in PRONOUNS_PERSON and ctx.last_person and ctx.sent - ctx.last_person_sent <= 1:
            return ArgValue(ctx.last_person, ctx.last_person)
        return None
    ent = ctx.ent_at.get(h.i)
    if ent is not None and ent.label_ in ENTITY_LABELS and not capitalised_common_word(ent):
        eid = _ent_value(ent, ctx)
        if eid:
            return ArgValue(eid, eid)
    for c in h.children:
        if c.dep_ == "appos":
            e2 = ctx.ent_at.get(c.i)
            if e2 is not None and e2.label_ == "PERSON":
                eid = _ent_value(e2, ctx)
                if eid:
                    return ArgValue(eid, eid)
    if (h.lemma_.lower() in GROUP_NOUNS or h.lower_ in GROUP_NOUNS) and role == "actor":
        if True:
            for c in h.lefts:
                e2 = ctx.ent_at.get(c.i)
                if e2 is not None and c.dep_ in ("amod", "compound", "poss", "nmod") and ctx.resolver.country_of(e2.text):
                    eid = _ent_value(e2, ctx)
                    if eid:
                        return ArgValue(eid, eid)
                if e2 is not None and c.dep_ in ("poss", "compound") and e2.label_ in ("GPE",):
                    eid = _ent_value(e2, ctx)
                    if eid:
                        return ArgValue(eid, eid)
    if h.pos_ in ("NUM", "DET") or h.like_num:
        return None
    if h.pos_ == "PROPN" and h.ent_type_ == "":
        # a name the tagger missed ("Special Envoy Helena Marsh"): known names still resolve
        names = [t for t in h.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [h]
        guess = " ".join(t.text for t in names)
        eid = ctx.resolver.resolve(ctx.doc_id, guess, "PERSON") or ctx.resolver.resolve(ctx.doc_id, guess, "ORG")
        if eid and eid in ctx.resolver.entities:
            return ArgValue(eid, eid)
    text = _compact_phrase(h)
    if not text or not any(ch.isalpha() for ch in text) or is_title_only(text):
        return None
    if re.search(r"\b(?:which|whom|whose)\b", text):
        return None
    return ArgValue(text, kind=actor_kind(h, ctx) if role == "actor" else "agent")


def _subjects(verb):
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    pas = [c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
    agents = []
    for c in verb.children:
        if c.dep_ == "agent":
            agents.extend(x for x in c.children if x.dep_ == "pobj")
    return subj, pas, agents


def _has_subject(verb) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl") for c in verb.children)


def _clausal_content(verb):
    return [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]


def _title_like(tok, ent) -> bool:
    """The speaker phrase is a title + name ("Maj. Gen. (res.) Amir Eshel"), not "X's office"."""
    words = [t for t in tok.subtree if not (ent.start <= t.i < ent.end) and not t.is_punct]
    return all(is_title_token(t.text) or t.text in ("(res.)", "res", "res.") or t.ent_type_ in ("NORP", "GPE") or t.pos_ == "DET"
               for t in words)


def _attribution_text(tok, ctx: Context) -> tuple[str | None, bool]:
    """Speaker of a reporting verb or the object of "according to"; (text, speculative-source)."""
    if tok.pos_ == "PRON" and tok.lower_ in ("it", "they") and ctx.last_attribution:
        return ctx.last_attribution, False
    ent = ctx.ent_at.get(tok.i)
    vals = arg_values(tok, ctx, role="actor")
    if ent is None or ent.label_ != "PERSON":
        for c in tok.children:
            e2 = ctx.ent_at.get(c.i)
            if c.dep_ == "appos" and e2 is not None and e2.label_ in ENTITY_LABELS:
                eid = _ent_value(e2, ctx)
                if eid:
                    return eid, False
        for t in tok.subtree:
            e2 = ctx.ent_at.get(t.i)
            if e2 is not None and e2.label_ == "PERSON" and ctx.inside(t) and t.i == e2.root.i:
                eid = _ent_value(e2, ctx)
                if eid and _title_like(tok, e2):
                    return eid, False
        if tok.pos_ != "PRON":
            sub = [t for t in tok.subtree if ctx.inside(t) and t.dep_ not in ("relcl",)]
            if 0 < len(sub) <= 9 and not any(t.dep_ == "relcl" for t in tok.children):
                text = SPACE_RE.sub(" ", tok.doc[sub[0].i : sub[-1].i + 1].text).strip(" ,;:\"'“”‘’")
                text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
                vals = [ArgValue(text)] if text else vals
    if not vals:
        return None, False
    text = ", ".join(v.text for v in vals)
    vague = tok.lemma_.lower() in ("report", "media", "source", "rumor", "rumour") or any(
        c.lemma_.lower() in ("report", "media") for c in tok.subtree
    )
    return text, vague


@dataclass
class _Frame:
    attribution: str | None = None
    hedged: bool = False
    negated: bool = False
    modality: str | None = None
    subject: list = field(default_factory=list)  # inherited subject tokens
    subject_passive: bool = False
    date: tuple | None = None  # (text, start, end) inherited by conjoined verbs


TEMPORAL_PREPS = {"on", "in", "during", "at", "since", "until", "by", "ahead", "before"}


def _temporal_path(tok) -> bool:
    h = tok
    for _ in range(8):
        if h.head.i == h.i:
            return False
        if h.dep_ not in ("compound", "amod", "nmod", "poss", "pobj", "prep", "npadvmod"):
            return False
        if h.dep_ == "prep" and h.head.pos_ in ("VERB", "AUX"):
            return h.lower_ in TEMPORAL_PREPS
        if h.dep_ == "npadvmod" and h.head.pos_ in ("VERB", "AUX"):
            return True
        h = h.head
    return False


def _date_exprs(span, ctx: Context, ents=None):
    """DATE (and weekday TIME) entities of the sentence with the verb each hangs from."""
    out = []
    for ent in (span.ents if ents is None else ents):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        txt = ent.text.strip()
        if ent.label_ == "TIME" and not re.search(r"(mon|tues|wednes|thurs|fri|satur|sun)day", txt, re.I):
            continue
        if _DURATION.match(txt) and not re.search(r"\b(ago|earlier|last|past)\b", txt, re.I):
            continue
        if re.fullmatch(r"\d+(?:-year-old)?|(?:\d+ )?years? old", txt):
            continue
        if re.fullmatch(r"(?:a|an|one|the|this|that)?\s*(?:day|week|month|year|time)s?(?:['’]s?)?", txt, re.I):
            continue
        if not re.search(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", txt, re.I):
            txt = re.sub(r"\s+\d{1,3}$", "", txt)  # "that month 14" (a count glued to the date)
        if ent[0].pos_ == "VERB" or txt.lower().startswith("every ") or (len(ent) == 1 and ent[0].pos_ == "ADJ"):
            continue
        if ent.root.dep_ in ("compound", "amod", "nmod", "poss") and ent.root.head.pos_ in ("NOUN", "PROPN"):
            # "an inquiry into the March 8 shooting": the date of a noun, not of the verb -- unless the noun
            # is itself the verb's time ("on the eve of the April 2019 election")
            if not _temporal_path(ent.root):
                continue
        # the governing verb
        h = ent.root
        prep = None
        while h.head.i != h.i:
            if h.dep_ == "pobj" and h.head.dep_ == "prep":
                prep = h.head.lower_
            h = h.head
            if h.pos_ in ("VERB", "AUX"):
                break
        if prep in ("since", "until", "till") and not txt.lower().startswith(prep):
            txt = f"{prep} {txt}"
        elif prep in ("in", "on") and not re.match(r"(?:in|on)\b", txt, re.I):
            txt = f"{prep} {txt}"
        out.append((h if h.pos_ in ("VERB", "AUX") else None, txt, ent))
    return out


def extract_sentence_events(span, sent_index: int, ctx: Context, ents=None) -> list[Event]:
    """Events of one sentence (ids are filled in later)."""
    ctx.sent = sent_index
    dateline = _dateline_end(span)
    ctx.span_start, ctx.span_end = (dateline if dateline else span.start), span.end
    if len(span) < 4:
        return []
    events: list[Event] = []
    sent_frame = _Frame()
    # "according to X" for the whole sentence
    for tok in span:
        if tok.lower_ == "according":
            for to in tok.children:
                if to.lower_ == "to":
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            text, vague = _attribution_text(pobj, ctx)
                            if text:
                                sent_frame.attribution = text
                                sent_frame.hedged = sent_frame.hedged or vague
                                ctx.last_attribution = text
    dates = _date_exprs(span, ctx, ents)
    _note_named_pairs(span, ctx, ents)
    handled: set[int] = set()

    def emit(verb, frame: _Frame, extra_tokens=()):
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma in SKIP_LEMMAS or not _LEMMA_OK.match(lemma):
            return
        subj, pas, agents = _subjects(verb)
        subj, pas, agents = ([x for x in xs if ctx.inside(x)] for xs in (subj, pas, agents))
        actors: list[ArgValue] = []
        targets: list[ArgValue] = []
        locations: list[str] = []
        if subj:
            for s in subj:
                actors += arg_values(s, ctx, role="actor")
        elif agents:
            for a in agents:
                actors += arg_values(a, ctx, role="actor")
        elif frame.subject and not pas:
            for s in frame.subject:
                if frame.subject_passive:
                    targets += arg_values(s, ctx, role="target")
                else:
                    actors += arg_values(s, ctx, role="actor")
        if subj == [] and agents:
            pass
        for p in pas:
            targets += arg_values(p, ctx, role="target")
        if subj and agents:
            for a in agents:
                actors += arg_values(a, ctx, role="actor")
        chain = [verb, *extra_tokens]
        words = [verb]
        objects = []
        for v in chain:
            for c in v.children:
                if not ctx.inside(c):
                    continue
                if c.dep_ in ("dobj", "dative", "oprd", "obj", "iobj"):
                    objects.append(c)
                elif c.dep_ == "prt":
                    words.append(c)
        preps = []
        for v in chain:
            preps += [c for c in v.children if c.dep_ == "prep" and ctx.inside(c)]
        light = None
        for o in objects:
            if o.lemma_.lower() in LIGHT_NOUNS or o.lower_ in LIGHT_NOUNS:
                preps += [c for c in o.children if c.dep_ == "prep" and c.lower_ in ("with", "between", "on", "about")]
                if lemma in LIGHT_VERBS and light is None:
                    light = o
                    continue
            if lemma == "take" and o.lower_ == "place":
                light = o
                continue
            targets += arg_values(o, ctx, role="target")
        for p in preps:
            pl = p.lower_
            if pl in ("by", "via", "over") and any(c.dep_ == "pobj" and c.lower_ in NON_TARGET_NOUNS for c in p.children):
                pl = "on"  # "by telephone with X": handled like "on the phone with X"
            if pl in ("according", "during", "as", "like", "amid", "despite", "after", "before", "since", "until",
                      "by", "following", "ahead", "because", "due", "than", "including", "without", "under"):
                continue
            for pobj in (c for c in p.children if c.dep_ == "pobj"):
                ent = ctx.ent_at.get(pobj.i)
                if ent is not None and ent.label_ in NON_TARGET_POBJ:
                    continue
                if pobj.lower_ in NON_TARGET_NOUNS:  # "spoke by telephone with X"
                    for c2 in pobj.children:
                        if c2.dep_ == "prep" and c2.lower_ == "with" and ctx.inside(c2):
                            for o2 in c2.children:
                                if o2.dep_ == "pobj":
                                    targets += arg_values(o2, ctx, role="target")
                    continue
                if pl in LOC_PREPS:
                    places = _places(pobj, ctx)
                    if places:
                        locations += places
                        continue
                if pl in TARGET_PREPS:
                    if pl == "with" and verb.lemma_.lower() in ("meet", "speak", "talk", "agree", "cooperate", "confer") and verb.i + 1 == p.i:
                        words.append(p)
                    targets += arg_values(pobj, ctx, role="target")
        # only doers are actors: a thing a happening happens to ("the shooting began", "supplies are running
        # out") becomes its target when the verb has no object and tells a happening (not a present-tense state
        # or generic truth: "cholera thrives where ..."); counts and "its X" are dropped
        themes = [a for a in actors if a.kind == "theme"]
        actors = [a for a in actors if a.kind == "agent"]
        if themes and not any(o.dep_ in ("dobj", "obj") for o in objects) and _happening(verb, chain, dates):
            targets = themes + targets
        # actors/targets must not repeat
        seen = set()
        actors = [a for a in actors if not (a.text in seen or seen.add(a.text))]
        targets = [t for t in targets if not (t.text in seen or seen.add(t.text))]
        if not actors and not targets:
            return
        # flags
        negated = frame.negated
        hedged = frame.hedged
        modality = frame.modality
        for v in chain:
            for c in v.children:
                if c.dep_ == "neg" or c.lower_ in ("never",):
                    negated = not negated if c.dep_ == "neg" and frame.negated else True
                if c.dep_ == "advmod" and c.lower_ in HEDGE_WORDS:
                    hedged = True
                if c.dep_ == "aux" and c.lower_ in MODAL_AUX:
                    m = MODAL_AUX[c.lower_]
                    if m:
                        modality = modality or m
                    if m == "possible":
                        hedged = True
        for s in subj + pas:
            if any(c.dep_ == "det" and c.lower_ == "no" for c in s.children):
                negated = True
        # action
        action = lemma
        prts = [w for w in words if w.dep_ == "prt"]
        if prts:
            action = f"{lemma} {' '.join(p.lower_ for p in prts)}"
        if light is not None:
            action = f"{lemma} {light.lower_}"
            words.append(light)
        for v in extra_tokens:
            if v.pos_ == "VERB":
                action = f"{action} to {v.lemma_.lower()}" if v.dep_ == "xcomp" else action
        surface_toks = sorted(set(words) | {t for t in chain} | {c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")} | {
            c for v in extra_tokens for c in v.children if c.dep_ == "aux" and c.lower_ == "to"})
        action_text = " ".join(t.text for t in surface_toks)
        # time
        date_text = None
        start = end = None
        verb_set = {verb.i, *(v.i for v in extra_tokens)}
        future = modality in ("future", "expected", "planned", "pledged") or lemma in ("expect", "plan", "schedule")
        for gov, txt, _ent in dates:
            if gov is not None and gov.i in verb_set:
                dv = normalize_date(txt, ctx.published, future=_looks_ahead(gov, future))
                if date_text is None or (start is None and dv.start is not None):
                    date_text, start, end = txt, dv.start, dv.end
        if date_text is None and frame.date is not None:
            date_text, start, end = frame.date
        if start is not None and any(_habitual(v) for v in chain):
            start = end = None  # "usually peaks in April": a pattern, not a dated happening
        locs = list(dict.fromkeys(locations))
        ev = Event(
            id="",
            action=action,
            actors=[a.text for a in actors],
            targets=[t.text for t in targets],
            locations=[x for x in locs if x not in {a.text for a in actors} | {t.text for t in targets}],
            action_text=action_text,
            date=start,
            date_end=end,
            date_text=date_text,
            attribution=frame.attribution,
            negated=negated,
            hedged=hedged,
            modality=modality,
            mentions=[Citation(ctx.doc_id, sent_index)],
        )
        events.append(ev)
        for a in actors:
            if a.entity and ctx.resolver.entities.get(a.entity) and ctx.resolver.entities[a.entity].label == "PERSON":
                ctx.last_person = a.entity
                ctx.last_person_sent = ctx.sent
        named = list(dict.fromkeys(v.entity for v in actors + targets if v.entity))
        if len(named) == 2:
            ctx.last_pair, ctx.last_pair_sent = named, ctx.sent
        people = [a.entity for a in actors if a.entity and ctx.resolver.entities.get(a.entity)
                  and ctx.resolver.entities[a.entity].label == "PERSON"]
        people = list(dict.fromkeys(people))
        if len(people) == 2:
            countries = set()
            for s_ in subj or agents:
                for t in s_.subtree:
                    if t.ent_type_ in ("NORP", "GPE") and ctx.inside(t):
                        country = ctx.resolver.country_of(t.text) or ctx.resolver.resolve(ctx.doc_id, t.text, "GPE")
                        if country:
                            countries.add(country)
            ctx.pairs.append((ctx.sent, people, countries))

    def own_date(verb):
        for gov, txt, _ent in dates:
            if gov is not None and gov.i == verb.i:
                dv = normalize_date(txt, ctx.published, future=_looks_ahead(verb, False))
                return (txt, dv.start, dv.end)
        return None

    def visit(verb, frame: _Frame):
        if verb.i in handled or not ctx.inside(verb):
            return
        handled.add(verb.i)
        lemma = verb.lemma_.lower()
        subj, pas, agents = _subjects(verb)
        own_subject = subj or pas
        inherited = _Frame(frame.attribution, frame.hedged, frame.negated, frame.modality)
        inherited.subject = subj or pas or frame.subject
        inherited.subject_passive = bool(pas) and not subj if own_subject else frame.subject_passive
        content = _clausal_content(verb)
        # a reporting verb that frames a clause: the clause is the event
        if lemma in REPORTING and content and verb.pos_ == "VERB":
            speaker = None
            vague = False
            if subj:
                speaker, vague = _attribution_text(subj[0], ctx)
            elif agents:
                speaker, vague = _attribution_text(agents[0], ctx)
            sub = _Frame(speaker or frame.attribution, frame.hedged or vague or lemma in SPECULATIVE, frame.negated,
                         frame.modality)
            if lemma == "deny":
                sub.negated = True
            if lemma in ("warn", "predict"):
                sub.modality = "warned" if lemma == "warn" else "expected"
            if speaker:
                ctx.last_attribution = speaker
            said_on = own_date(verb)
            for c in content:
                if said_on and _simultaneous(c):
                    # "said on Tuesday that 52 ships were waiting": a state or ongoing action at the time of saying
                    visit(c, _Frame(sub.attribution, sub.hedged, sub.negated, sub.modality, date=said_on))
                else:
                    visit(c, sub)
            for c in verb.children:
                if c.dep_ == "conj" and c.pos_ == "VERB":
                    visit(c, inherited)
            return
        # "X did Z, Y said": a reporting child without content of its own attributes its head
        for c in verb.children:
            if c.dep_ in ("parataxis", "ccomp", "advcl") and c.lemma_.lower() in REPORTING and not _clausal_content(c):
                s2, _, a2 = _subjects(c)
                if s2 or a2:
                    speaker, vague = _attribution_text((s2 or a2)[0], ctx)
                    if speaker:
                        frame = _Frame(speaker, frame.hedged or vague or c.lemma_.lower() in SPECULATIVE,
                                       frame.negated, frame.modality, frame.subject, frame.subject_passive)
                        inherited.attribution = speaker
                        ctx.last_attribution = speaker
                handled.add(c.i)
        xcomps = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        modal_key = lemma if lemma in MODAL_VERBS else None
        if modal_key is None and verb.pos_ == "AUX":
            for c in verb.children:
                if c.dep_ == "acomp" and c.lemma_.lower() in MODAL_VERBS:
                    modal_key = c.lemma_.lower()
                    xcomps += [x for x in c.children if x.dep_ == "xcomp" and x.pos_ == "VERB"]
        if modal_key and xcomps:
            sub = _Frame(frame.attribution, frame.hedged or modal_key in ("appear", "seem", "likely"),
                         frame.negated or modal_key in ("refuse", "fail", "unable"), MODAL_VERBS[modal_key] or frame.modality)
            if any(c.dep_ == "neg" for c in verb.children):
                sub.negated = not sub.negated
            sub.subject = inherited.subject
            sub.subject_passive = False
            for x in xcomps:
                visit(x, sub)
        elif verb.pos_ == "VERB":
            # "agreed to continue the dialogue": one event, the complement folded in
            extra = [x for x in xcomps if not _has_subject(x)]
            for x in extra:
                handled.add(x.i)
            if not own_subject and frame.subject:
                emit(verb, frame, extra)
            else:
                f2 = _Frame(frame.attribution, frame.hedged, frame.negated, frame.modality, date=frame.date)
                emit(verb, f2, extra)
        # clauses below
        for c in verb.children:
            if c.i in handled:
                continue
            if not ctx.inside(c):
                continue
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                # "would be held on Monday, April 14, and asked ...": a date ahead is not the past verb's date
                shares_date = not _habitual(verb) and not (_looks_ahead(verb, False) and not _looks_ahead(c, False))
                sub = _Frame(inherited.attribution, inherited.hedged, False, None, inherited.subject, inherited.subject_passive,
                             (own_date(verb) or frame.date) if shares_date else None)
                if _has_subject(c):
                    sub.subject = []
                visit(c, sub)
            elif c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX"):
                visit(c, _Frame(inherited.attribution, inherited.hedged))
            elif c.dep_ == "advcl" and c.pos_ == "VERB":
                has_obj = any(x.dep_ in ("dobj", "nsubj", "nsubjpass") for x in c.children)
                if has_obj:
                    sub = _Frame(inherited.attribution, inherited.hedged, False, None,
                                 [] if _has_subject(c) else inherited.subject, inherited.subject_passive)
                    visit(c, sub)
            elif c.dep_ in ("xcomp",) and c.pos_ == "VERB" and verb.pos_ == "AUX":
                visit(c, _Frame(inherited.attribution, inherited.hedged, subject=inherited.subject))

    roots = [t for t in span if (t.head.i == t.i or t.head.i < span.start or t.head.i >= span.end) and not t.is_space]
    for r in roots:
        f = _Frame(sent_frame.attribution, sent_frame.hedged)
        if r.pos_ in ("VERB", "AUX"):
            visit(r, f)
        else:
            # fragments ("Netanyahu holds talks ..." headlines parse fine; noun roots may carry a relative clause)
            for c in r.children:
                if c.pos_ == "VERB" and c.dep_ in ("acl", "relcl", "ccomp", "conj"):
                    sub = _Frame(f.attribution, f.hedged, subject=[r])
                    if c.dep_ in ("ccomp", "conj"):
                        visit(c, sub)
    # a dateline ("CASTRELL, Velmaria —") says where the reporter filed from, not where anything happened: it is
    # never an event's location (the places are kept on the context as the document's filing place)
    if dateline and ctx.dateline_places is None:
        places = []
        for ent in (e for e in (span.ents if ents is None else ents) if e.end <= dateline):
            if ent.label_ in PLACE_LABELS | {"ORG", "PERSON"}:
                name, _, _ = entity_mention(ent)
                eid = ctx.resolver.resolve(ctx.doc_id, name, "GPE") or ctx.resolver.resolve(ctx.doc_id, name, ent.label_)
                if eid and eid not in places:
                    places.append(eid)
        ctx.dateline_places = places
    # sentence-wide hedges ("It's unclear ...", "The article speculated ...") reach every event
    if any(t.lower_ in ("reportedly", "allegedly", "purportedly") for t in span):
        for e in events:
            e.hedged = True
    if sent_frame.attribution:
        for e in events:
            if e.attribution is None:
                e.attribution = sent_frame.attribution
    # a single date in a one-event sentence belongs to it when the parse left it dangling
    if len(events) == 1 and events[0].date_text is None:
        loose = [d for d in dates if d[0] is None or d[0].lemma_.lower() in REPORTING]
        if len(dates) == 1 and loose and loose[0][0] is None:
            dv = normalize_date(loose[0][1], ctx.published)
            events[0].date_text, events[0].date, events[0].date_end = loose[0][1], dv.start, dv.end
    return events


HABITUAL_ADVERBS = {"usually", "typically", "often", "normally", "generally", "always", "regularly", "traditionally",
                    "routinely", "frequently", "customarily", "habitually", "seldom", "rarely", "sometimes",
                    "ordinarily", "commonly", "annually", "yearly", "seasonally", "invariably"}
_PERIOD_NOUNS = {"year", "month", "week", "day", "night", "morning", "evening", "season", "spring", "summer",
                 "autumn", "fall", "winter", "time", "weekend", "decade", "harvest"}


# verbs whose to-infinitive tells something done (or not) at that time, not something ahead of it:
# "failed to give notice on Monday", "refused to comment on Tuesday", "began to queue on Friday"
RETROSPECTIVE_MATRIX = {
    "fail", "refuse", "decline", "manage", "try", "attempt", "begin", "start", "continue", "cease", "stop", "seem",
    "appear", "happen", "tend", "neglect", "forget", "get", "come", "use", "bother", "dare", "hesitate", "struggle",
    "rush", "resume", "able", "unable", "help", "choose", "opt", "go", "remember", "proceed", "hurry",
}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "’ll"}
_PRESENT_BE = {"is", "are", "am", "'s", "'re", "’s", "’re"}


def _looks_ahead(gov, modal_future: bool) -> bool:
    """Whether a time expression hanging from ``gov`` points ahead of the report (the next Thursday, not the last).

    Decided by the verb's own tense and auxiliaries: a past or perfect form looks back ("met on Thursday",
    "had agreed on Monday"); "will/shall/'ll", "would" (reported future; not "would have"), a present
    progressive ("are meeting on Friday") and a to-infinitive under a verb of intention, agreement,
    expectation or order ("agreed to meet again on Saturday", "is due to sail on Friday", "asked them to
    attend on Monday") look ahead; otherwise the clause's modality decides (``modal_future``).
    """
    auxes = [c for c in gov.children if c.dep_ in ("aux", "auxpass")]
    lows = {c.lower_ for c in auxes}
    if lows & {"have", "has", "had", "'ve", "’ve"}:
        return bool(lows & _FUTURE_AUX)  # "will have finished by Friday" looks ahead; "had met" does not
    if lows & _FUTURE_AUX or "would" in lows or "'d" in lows and gov.tag_ == "VB":
        return True
    if gov.tag_ == "VBD":
        return False
    if gov.tag_ == "VBG" and lows & _PRESENT_BE:
        return True
    if "to" in lows and gov.dep_ in ("xcomp", "ccomp", "advcl"):
        head = gov.head
        if head.lemma_.lower() not in RETROSPECTIVE_MATRIX:
            return True
        return False
    return modal_future


def _simultaneous(verb) -> bool:
    """A reported clause in the progressive or the present ("were waiting", "is ready", "remain shut"): it holds
    at the time of the report, unlike a past or perfect clause ("had agreed", "detained") that may lie before it."""
    lows = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if lows & ({"have", "has", "had", "'ve", "’ve", "would", "will", "shall", "'ll", "could", "might", "may", "should",
                "must", "to"} | {"wo"}):
        return False
    if verb.tag_ == "VBG" and lows & {"was", "were", "is", "are", "am"}:
        return True
    return verb.tag_ in ("VBZ", "VBP") and not lows


def _habitual(verb) -> bool:
    """A generic or habitual statement ("usually peaks in April", "floods every spring", "tends to")."""
    for c in verb.children:
        if c.dep_ in ("advmod", "npadvmod") and c.lower_ in HABITUAL_ADVERBS:
            return True
        if c.dep_ in ("npadvmod", "prep", "advmod", "obl"):
            for t in c.subtree:
                if t.lower_ in ("every", "each") and t.head.lemma_.lower() in _PERIOD_NOUNS:
                    return True
    if verb.head.i != verb.i and verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "tend":
        return True
    return False


def _happening(verb, chain, dates) -> bool:
    """The verb tells something that happened or will happen, not a standing state or a general truth."""
    if any(gov is not None and gov.i in {v.i for v in chain} for gov, _t, _e in dates):
        return True
    if verb.tag_ in ("VBD", "VBN"):
        return True
    return any(c.dep_ in ("aux", "auxpass") for v in chain for c in v.children)


def _dateline_end(span) -> int | None:
    """Index after a dateline ("VEREST —", "SEFRA, Osmira —") opening the sentence, else None."""
    for tok in span[:8]:
        if tok.text in ("—", "–", "--") or (tok.text == "-" and tok.whitespace_ and tok.i > span.start):
            head = span.doc[span.start : tok.i]
            words = [t for t in head if t.is_alpha]
            if words and words[0].is_upper and len(words[0]) > 1:
                return tok.i + 1
            return None
    return None


def _places(tok, ctx: Context) -> list[str]:
    """Place entities in a prepositional object ("in a camp south of Damascus" -> Damascus)."""
    out = []
    for t in tok.subtree:
        if t.pos_ == "VERB":
            break
        ent = ctx.ent_at.get(t.i)
        if ent is not None and ent.label_ in PLACE_LABELS and t.i == ent.root.i and entity_label(ent) in PLACE_LABELS:
            eid = _ent_value(ent, ctx)
            if eid and eid not in out:
                out.append(eid)
    return out
