"""Clause cues as a spaCy pipeline component: ``brief_event_cues`` runs a ``DependencyMatcher`` over a
parsed ``Doc`` (patterns: ``brief/lexicon/en/event_cues.json``) and leaves what it found on extension
attributes, the way spaCy's ``SpanRuler`` leaves spans:

* ``Doc._.brief_sources``: ``(cue, source)`` token indexes of every "according to X";
* ``Token._.brief_clauses``: on a reporting verb, the clauses it frames ("said *that* ...");
* ``Token._.brief_speaker``: on a reporting verb, its speaker (subject, else "by" agent);
* ``Token._.brief_reporters``: on a verb, the reporting clauses attached to it ("X did Z, Y said");
* ``Token._.brief_light_verb``: on a noun that names the event of a light verb ("held *talks*",
  "took *place*"), that verb's index.

The component is registered with ``@Language.factory`` and made with ``nlp.create_pipe``; extract runs it
on each parsed document (after the parse, wherever the parse ran).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token

from brief.lexicon import data, words

for _name in ("brief_clauses", "brief_speaker", "brief_reporters", "brief_light_verb"):
    if not Token.has_extension(_name):
        Token.set_extension(_name, default=None)
if not Token.has_extension("brief_lemma"):
    Token.set_extension("brief_lemma", getter=lambda t: t.lemma_.lower())
if not Doc.has_extension("brief_sources"):
    Doc.set_extension("brief_sources", default=None)


def _list(name: str, own: dict) -> list[str]:
    if name in own:
        return list(own[name])
    if name in data("events"):
        return list(data("events")[name])
    return sorted(words(name))


def _resolve(value, own: dict):
    """Patterns with "@name" replaced by the word list of that name."""
    if isinstance(value, str) and value.startswith("@"):
        return _list(value[1:], own)
    if isinstance(value, dict):
        return {k: _resolve(v, own) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, own) for v in value]
    return value


@lru_cache(maxsize=None)
def cue_patterns(name: str = "event_cues") -> dict[str, list]:
    spec = data(name)
    return {key: _resolve(pats, spec.get("lists", {})) for key, pats in spec["patterns"].items()}


class EventCues:
    """Marks attribution and light-verb cues on a parsed Doc (see the module docstring)."""

    def __init__(self, vocab, patterns: str = "event_cues"):
        self.matcher = DependencyMatcher(vocab)
        for key, pats in cue_patterns(patterns).items():
            self.matcher.add(key, pats)
        self.strings = vocab.strings

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, list[list[int]]] = {}
        for match_id, toks in self.matcher(doc):
            found.setdefault(self.strings[match_id], []).append(toks)
        doc._.brief_sources = sorted({(cue, src) for cue, _to, src in found.get("according_to", [])})
        for attr, key, pick in (("brief_clauses", "reported_clause", 1), ("brief_reporters", "reporting_clause", 0)):
            at: dict[int, set[int]] = {}
            for toks in found.get(key, []):
                owner, other = (toks[0], toks[1]) if pick else (toks[1], toks[0])
                at.setdefault(owner, set()).add(other)
            for i, others in at.items():
                doc[i]._.set(attr, sorted(others))
        agents: dict[int, int] = {}
        for verb, _by, speaker in found.get("speaker_agent", []):
            agents[verb] = min(speaker, agents.get(verb, speaker))
        subjects: dict[int, int] = {}
        for verb, speaker in found.get("speaker", []):
            subjects[verb] = min(speaker, subjects.get(verb, speaker))
        for verb, speaker in {**agents, **subjects}.items():
            doc[verb]._.brief_speaker = speaker
        for verb, noun in found.get("light_verb", []):
            doc[noun]._.brief_light_verb = verb
        return doc


@Language.factory("brief_event_cues", default_config={"patterns": "event_cues"})
def make_event_cues(nlp: Language, name: str, patterns: str) -> EventCues:
    return EventCues(nlp.vocab, patterns)


@lru_cache(maxsize=1)
def event_cues() -> EventCues:
    """The ``brief_event_cues`` component of the shared pipeline's vocabulary, made once per process."""
    from brief.nlp import get_nlp

    return get_nlp().create_pipe("brief_event_cues")


def ensure_cues(doc: Doc) -> Doc:
    """Run the component on a Doc it has not seen (a Doc it marked has ``Doc._.brief_sources`` set)."""
    return doc if doc._.brief_sources is not None else event_cues()(doc)
