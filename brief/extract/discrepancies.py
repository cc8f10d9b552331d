"""Sources disagreeing on one fact: counts, figures and dates.

A *number fact* is a count attached to a noun and the verb it hangs from
("14 personnel were killed" -> kill / people = 14; "Fifteen Russian soldiers
were killed" -> kill / people = 15; numbers written as words are read too).
Verbs are folded into predicate classes that count the same thing in other words
(arrest ~ detain ~ "take into custody", kill ~ die ~ "lose their lives", injure ~
wound, displace ~ flee ~ evacuate, "remain missing" ~ unaccounted for).  Two facts
with the same predicate class and noun class but different values disagree when
they are about the same moment (``same_time``: the days their sentences name, else
publication dates at most a day apart -- a figure reported a week later is an
update) and about the same happening: their sentences (or the sentences next to
them) are mentions of one merged event reported by more than one document, or
both sentences are mentions of the same event.  Different facts that merely
share a verb ("six people killed" in another strike) are not linked and are not
reported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from brief.model import Citation, Discrepancy, DiscrepancyValue, Event

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "a dozen": 12, "dozen": 12,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
HUMAN = {
    "person", "people", "personnel", "soldier", "troop", "serviceman", "servicemen", "civilian", "fighter", "militant",
    "officer", "member", "crew", "crewman", "man", "men", "woman", "women", "child", "children", "resident",
    "worker", "staff", "sailor", "pilot", "airman", "marine", "policeman", "police", "guard", "protester",
    "demonstrator", "victim", "casualty", "body", "hostage", "prisoner", "detainee", "refugee", "migrant",
    "journalist", "passenger", "citizen", "national", "student", "patient", "doctor", "individual", "recruit",
}
TIME_UNITS = {"second", "minute", "hour", "day", "night", "week", "weekend", "month", "year", "decade", "century",
              "time", "season", "term", "round"}
QUALIFIERS = {"at least": ">=", "more than": ">", "over": ">", "nearly": "~", "about": "~", "around": "~",
              "almost": "~", "up to": "<=", "approximately": "~", "roughly": "~", "some": "~", "fewer than": "<",
              "less than": "<"}


def parse_number(text: str) -> float | None:
    t = text.lower().replace(",", "").replace("-", " ").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(hundred|thousand|million|billion)", t)
    if m:
        return float(m.group(1)) * SCALES[m.group(2)]
    total = 0.0
    cur = 0.0
    seen = False
    for w in t.split():
        if w == "and":
            continue
        if w in UNITS:
            cur += UNITS[w]
        elif w in TENS:
            cur += TENS[w]
        elif w in SCALES:
            cur = (cur or 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += cur
                cur = 0
        elif w.isdigit():
            cur += float(w)
        else:
            return None
        seen = True
    return total + cur if seen else None


@dataclass(frozen=True)
class NumberFact:
    doc_id: str
    sentence: int
    value: float
    text: str  # as written ("Fifteen", "14", "at least six")
    noun: str  # noun class ("people") or noun lemma
    noun_text: str
    verb: str  # governing verb lemma
    verb_text: str
    qualifier: str | None = None
    phrase: str = ""  # the words from the number to its noun ("Fifteen Russian soldiers")
    predicate: str = ""  # the verb's synonym class ("detain" -> "arrest"); "" = the verb lemma itself
    dates: tuple[str, ...] = ()  # date expressions anchoring the happening in the sentence ("on Tuesday")

    @property
    def key(self) -> tuple[str, str]:
        return (self.predicate or self.verb, self.noun)


# Predicates that count the same thing in different words (English, not any one story).
PREDICATE_GROUPS = {
    "arrest": ("arrest", "detain", "apprehend", "nab", "round", "jail", "custody"),
    "kill": ("kill", "die", "dead", "death", "perish", "slay", "slaughter", "murder", "massacre", "fatality"),
    "injure": ("injure", "wound", "hurt", "maim", "injury", "injured", "wounded"),
    "displace": ("displace", "flee", "evacuate", "uproot", "relocate", "evacuee", "displaced"),
    "missing": ("missing", "unaccounted", "disappear", "vanish"),
    "rescue": ("rescue", "save"),
    "hospitalise": ("hospitalise", "hospitalize", "admit"),
}
PREDICATE_OF = {w: canon for canon, words in PREDICATE_GROUPS.items() for w in words}
# verbs that only carry the predicate in a complement: "remain missing", "were left dead", "went missing"
LIGHT_VERBS = {"be", "remain", "go", "leave", "list", "report", "declare", "confirm", "pronounce", "find", "take", "lose",
               "claim", "hold"}
SPEECH_VERBS = {"say", "tell", "announce", "report", "add", "state", "confirm", "claim", "note", "write", "declare",
                "insist", "deny", "dispute", "argue", "estimate", "according", "put"}


def predicate_class(verb, noun=None) -> str:
    """The synonym class of a counting predicate, read off the parse.

    "23 people were arrested" / "police detained nineteen people" / "took 19 people into
    custody" -> "arrest"; "12 were killed" / "12 people died" / "lost their lives" -> "kill";
    "remain missing" / "are unaccounted for" -> "missing".  Unknown verbs are their own class.
    """
    lemma = verb.lemma_.lower()
    if lemma in LIGHT_VERBS:
        for c in verb.children:
            w = c.lemma_.lower()
            if c.dep_ in ("acomp", "oprd", "xcomp", "attr", "advmod") and (w in PREDICATE_OF or c.lower_ in PREDICATE_OF):
                return PREDICATE_OF.get(w) or PREDICATE_OF[c.lower_]
            if c.dep_ == "prep" and c.lower_ in ("into", "in"):  # "taken into custody"
                if any(g.lemma_.lower() == "custody" for g in c.children):
                    return "arrest"
            if lemma == "lose" and c.dep_ == "dobj" and c.lemma_.lower() in ("life", "lives"):
                return "kill"
        if lemma == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "lives") for c in verb.children):
            return "kill"
        if noun is not None and lemma in ("lose", "claim") and noun.lemma_.lower() in ("life", "lives"):
            return "kill"
    return PREDICATE_OF.get(lemma, lemma)


def _happening_dates(span, verb) -> tuple[str, ...]:
    """Date expressions in the sentence that date the happening, not the report of it.

    "...were arrested on Tuesday, a spokesman said on Wednesday" -> ("on Tuesday",): a date
    hanging from a speech verb ("said on Wednesday") dates the telling and is left out.
    """
    out = []
    for ent in getattr(span, "ents", ()):
        if ent.label_ != "DATE":
            continue
        head = ent.root
        hops = 0
        while head.head.i != head.i and head.pos_ not in ("VERB",) and hops < 8:
            head = head.head
            hops += 1
        if head.pos_ == "VERB" and head.lemma_.lower() in SPEECH_VERBS and head.i != verb.i:
            continue
        text = ent.text
        prev = span.doc[ent.start - 1] if ent.start > span.start else None
        if prev is not None and prev.lower_ in ("on", "by", "since", "in", "from", "until", "during"):
            text = f"{prev.text} {text}"
        out.append(re.sub(r"['’]s$", "", text))
    return tuple(out)


TOLL_NOUNS = {"number", "toll", "count", "tally", "figure", "total"}
CHANGE_VERBS = {"rise", "reach", "climb", "increase", "stand", "hit", "grow", "jump", "surge", "fall", "drop", "top",
                "be", "exceed", "double", "mount"}


def _toll_facts(span, doc_id: str, sent_index: int) -> list[NumberFact]:
    """ "The number of people killed ... has risen to fourteen"; "the death toll stands at 30"."""
    out = []
    for verb in span:
        if verb.lemma_.lower() not in CHANGE_VERBS or verb.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj or subj[0].lemma_.lower() not in TOLL_NOUNS:
            continue
        nums = []
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "at"):
                nums += [x for x in c.children if x.dep_ == "pobj"]
            elif c.dep_ in ("dobj", "attr"):
                nums.append(c)
        nums = [n for n in nums if n.like_num or n.lower_ in UNITS or n.lower_ in TENS or n.pos_ == "NUM"]
        if not nums:
            continue
        num = nums[0]
        words = " ".join(t.text for t in num.subtree if t.like_num or t.lower_ in UNITS or t.lower_ in TENS or t.lower_ in SCALES)
        value = parse_number(words or num.text)
        if value is None:
            continue
        head = subj[0]
        noun = None
        participle = None
        for c in head.subtree:
            if c.dep_ == "pobj" and c.head.lower_ == "of" and c.head.head.i == head.i:
                noun = c
            if c.dep_ in ("acl", "relcl", "amod") and c.pos_ == "VERB" and participle is None:
                participle = c
        if head.lemma_.lower() == "toll" and any(c.lower_ == "death" for c in head.children):
            noun_class, verb_lemma, verb_text = "people", "kill", "killed"
        elif noun is not None and participle is not None:
            lemma = noun.lemma_.lower()
            noun_class = "people" if lemma in HUMAN or noun.lower_ in HUMAN else lemma
            verb_lemma, verb_text = participle.lemma_.lower(), participle.text
        else:
            continue
        pred = predicate_class(participle) if participle is not None and verb_lemma != "kill" else PREDICATE_OF.get(verb_lemma, verb_lemma)
        out.append(NumberFact(doc_id, sent_index, value, num.text, noun_class, noun.text if noun is not None else "people",
                              verb_lemma, verb_text, None, f"{num.text} {noun.text if noun is not None else 'dead'}",
                              pred, _happening_dates(span, verb)))
    return out


def sentence_facts(span, doc_id: str, sent_index: int) -> list[NumberFact]:
    facts = _toll_facts(span, doc_id, sent_index)
    for tok in span:
        if tok.dep_ != "nummod" or tok.ent_type_ in ("TIME", "MONEY", "PERCENT", "ORDINAL"):
            continue
        if tok.ent_type_ == "DATE" and (tok.head.lemma_.lower() in TIME_UNITS or tok.head.ent_type_ == "DATE"
                                        or (tok.text.isdigit() and len(tok.text) == 4)):
            continue
        if not (tok.like_num or tok.lower_ in UNITS or tok.lower_ in TENS):
            continue
        num_toks = [tok] + [c for c in tok.children if c.dep_ in ("compound", "quantmod") and (c.like_num or c.lower_ in SCALES or c.lower_ in UNITS or c.lower_ in TENS)]
        num_toks.sort(key=lambda t: t.i)
        run = [tok]
        for t in sorted(num_toks, key=lambda t: abs(t.i - tok.i)):
            if t is not tok and (t.i == min(x.i for x in run) - 1 or t.i == max(x.i for x in run) + 1):
                run.append(t)
        num_toks = sorted(run, key=lambda t: t.i)
        words = " ".join(t.text for t in num_toks)
        value = parse_number(words)
        if value is None:
            continue
        noun = tok.head
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        if 1800 <= value <= 2100 and tok.text.isdigit() and len(tok.text) == 4:
            continue
        qual = None
        left = " ".join(c.lower_ for c in tok.children if c.dep_ in ("advmod", "quantmod") and not c.like_num)
        for q in QUALIFIERS:
            if q in left or q in span.doc[max(tok.i - 2, 0) : tok.i].text.lower():
                qual = QUALIFIERS[q]
                break
        verb = noun
        while verb.head.i != verb.i and verb.pos_ not in ("VERB",):
            verb = verb.head
        if verb.pos_ != "VERB":
            continue
        lemma = noun.lemma_.lower()
        noun_class = "people" if lemma in HUMAN or noun.lower_ in HUMAN else lemma
        first = min(t.i for t in num_toks)
        lead = min([t.i for t in tok.subtree if t.i < first and t.i >= first - 3 and not t.is_punct] + [first])
        phrase = span.doc[lead : noun.i + 1].text if 0 < noun.i - lead <= 7 else ""
        pred = predicate_class(verb, noun)
        if pred == "hold" and noun_class == "people" and not any(c.lower_ in ("hostage", "hostages") for c in verb.children):
            pred = "arrest"  # "police held 20 people overnight"
        facts.append(NumberFact(doc_id, sent_index, value, span.doc[first : max(t.i for t in num_toks) + 1].text,
                                noun_class, noun.text, verb.lemma_.lower(), verb.text, qual, phrase,
                                pred, _happening_dates(span, verb)))
    return facts


def _compatible(a: NumberFact, b: NumberFact) -> bool:
    """True when the two values are the same figure told loosely ("about 400" / "403").

    "At least 12" against "fourteen" is still reported: the analyst wants to see both tolls.
    """
    for x, y in ((a, b), (b, a)):
        if x.qualifier == "~" and abs(y.value - x.value) <= 0.05 * max(x.value, 1):
            return True
    return False


def find_discrepancies(facts: list[NumberFact], events: list[Event], docs_sentences: dict[str, int],
                       sentence_info=None) -> list[Discrepancy]:
    """Discrepancies between number facts about the same happening.

    Two facts are linked through a merged event told by several documents (mentioned
    in, or next to, both sentences), through one event both sentences mention, or --
    across documents, with ``sentence_info(doc_id, index) -> (content words, entity
    ids)`` -- when the two sentences read alike and name the same things.
    """
    by_sentence: dict[tuple[str, int], set[str]] = {}  # sentence -> ids of multi-source events near it
    direct: dict[tuple[str, int], set[str]] = {}
    for ev in events:
        multi = len(ev.sources) > 1
        for c in ev.mentions:
            direct.setdefault((c.doc_id, c.sentence), set()).add(ev.id)
            if multi:
                for d in (-1, 0, 1):
                    k = (c.doc_id, c.sentence + d)
                    if 0 <= k[1] < docs_sentences.get(c.doc_id, 0):
                        by_sentence.setdefault(k, set()).add(ev.id)
    published: dict[str, dt.date | None] = {}
    if sentence_info is not None:
        for f in facts:
            if f.doc_id not in published:
                info = sentence_info(f.doc_id, f.sentence)
                published[f.doc_id] = info[2] if len(info) > 2 else None
    groups: dict[tuple[str, str], list[NumberFact]] = {}
    for f in facts:
        groups.setdefault(f.key, []).append(f)
    out: list[Discrepancy] = []
    seen_pairs = set()
    for key, fs in groups.items():
        if len(fs) < 2:
            continue
        for i in range(len(fs)):
            for j in range(i + 1, len(fs)):
                a, b = fs[i], fs[j]
                if a.value == b.value or _compatible(a, b):
                    continue
                ka, kb = (a.doc_id, a.sentence), (b.doc_id, b.sentence)
                if ka == kb:
                    continue
                if a.doc_id != b.doc_id:
                    linked = by_sentence.get(ka, set()) & by_sentence.get(kb, set())
                    if not linked and sentence_info is not None and _alike(sentence_info(*ka), sentence_info(*kb)):
                        linked = (direct.get(ka, set()) | direct.get(kb, set())) or {""}
                else:  # one document contradicting itself
                    linked = direct.get(ka, set()) & direct.get(kb, set())
                    if not linked and sentence_info is not None and _alike(sentence_info(*ka), sentence_info(*kb), 0.35):
                        linked = (direct.get(ka, set()) | direct.get(kb, set())) or {""}
                if not linked:
                    continue
                if not same_time(a, b, published.get(a.doc_id), published.get(b.doc_id)):
                    continue  # an evolving figure told on different days is an update, not a disagreement
                linked = {x for x in linked if x}
                pair = (ka, kb, key)
                if pair in seen_pairs:
                    continue
                seen_pairs.add(pair)
                _add(out, key, a, b, sorted(linked, key=lambda x: int(x[1:]) if x[1:].isdigit() else 0), merge_any=not linked)
    return out


def fact_days(f: NumberFact, published: dt.date | None) -> list[tuple[dt.date, dt.date]]:
    """The days the fact's sentence ties its happening to ("on Tuesday" read against the publication date)."""
    from brief.extract.dates import normalize_date

    out = []
    for text in f.dates:
        try:
            v = normalize_date(text, published)
        except Exception:  # a date the resolver cannot read is no anchor
            continue
        if v.start is not None:
            out.append((v.start, v.end or v.start))
    return out


def same_time(a: NumberFact, b: NumberFact, pa: dt.date | None, pb: dt.date | None) -> bool:
    """Can the two figures be about the same moment?

    Both sentences dated ("on Tuesday", "Saturday's clash") -> their days must overlap.
    Otherwise the publication dates stand in: reports more than a day apart are taken
    as successive updates of a changing figure ("14 ships waiting", a week later "52"),
    unless the one dated sentence names a day the other report can still be about.
    With no date on either side nothing rules the pair out.
    """
    da, db = fact_days(a, pa), fact_days(b, pb)
    if da and db:
        return any(s1 <= e2 and s2 <= e1 for s1, e1 in da for s2, e2 in db)
    if pa is None or pb is None:
        return True
    if abs((pa - pb).days) <= 1:
        return True
    # one side dated: the other report (published p) can be about its own day or the two before
    for days, p in ((da, pb), (db, pa)):
        if days and any(s <= p and e >= p - dt.timedelta(days=2) for s, e in days):
            return True
    return False


def _alike(a, b, min_sim: float = 0.3) -> bool:
    from brief.extract.merge import text_similarity

    (wa, ea, pa), (wb, eb, pb) = a, b
    if pa and pb and abs((pa - pb).days) > 14:  # one happening is reported within days, not months apart
        return False
    sim = text_similarity(wa, wb)
    shared = len(ea & eb)
    return (sim >= min_sim and shared >= 2) or (sim >= min_sim - 0.05 and shared >= 3)


def _fact_label(f: NumberFact) -> str:
    return f"number of {f.noun if f.noun == 'people' else f.noun_text.lower()} {f.verb_text.lower()}"


def _add(out: list[Discrepancy], key, a: NumberFact, b: NumberFact, event_ids: list[str], merge_any: bool = False) -> None:
    label = _fact_label(a)
    for d in out:
        here = {(v.doc_id, v.sentence) for v in d.values}
        if d.fact == label and (set(d.event_ids) & set(event_ids) or {(a.doc_id, a.sentence), (b.doc_id, b.sentence)} & here):
            for f in (a, b):
                if not any(v.doc_id == f.doc_id and v.sentence == f.sentence for v in d.values):
                    d.values.append(DiscrepancyValue(_value_text(f), f.doc_id, f.sentence))
            return
    out.append(Discrepancy(label, [DiscrepancyValue(_value_text(a), a.doc_id, a.sentence),
                                   DiscrepancyValue(_value_text(b), b.doc_id, b.sentence)], event_ids))


def _value_text(f: NumberFact) -> str:
    v = int(f.value) if f.value == int(f.value) else f.value
    shown = f.phrase or f"{f.text} {f.noun_text}"
    return shown if shown.startswith(str(v)) else f"{v} ({shown})"


def date_discrepancies(pairs: list[tuple[Event, Event]]) -> list[Discrepancy]:
    """Closely matching events whose sources give clashing dates."""
    out = []
    for a, b in pairs:
        ca, cb = a.mentions[0], b.mentions[0]
        out.append(Discrepancy(
            f"date of {a.action} ({', '.join(a.actors[:2]) or 'event'})",
            [DiscrepancyValue(f"{a.date.isoformat()} ({a.date_text})", ca.doc_id, ca.sentence),
             DiscrepancyValue(f"{b.date.isoformat()} ({b.date_text})", cb.doc_id, cb.sentence)],
            [a.id, b.id],
        ))
    return out


__all__ = ["NumberFact", "sentence_facts", "find_discrepancies", "parse_number", "date_discrepancies", "Citation"]
