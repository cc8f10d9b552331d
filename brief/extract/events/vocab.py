"""The language data event extraction reads, loaded once from ``brief/lexicon/en/events.json``
(and ``reporting_verbs.txt``): names for the lists so the walker reads like the rules it applies."""

from __future__ import annotations

import re

from brief.lexicon import alternation, data, words

_D = data("events")


def _set(key: str) -> frozenset[str]:
    return frozenset(_D[key])


REPORTING = words("reporting_verbs")
SPECULATIVE = _set("speculative_verbs")
REPORTING_MODALITY: dict[str, str] = dict(_D["reporting_modality"])
DENIAL = _set("denial_verbs")
MODAL_VERBS: dict[str, str | None] = dict(_D["modal_verbs"])
HEDGING_MODALS = _set("hedging_modal_verbs")
NEGATING_MODALS = _set("negating_modal_verbs")
MODAL_AUX: dict[str, str | None] = dict(_D["modal_aux"])
HEDGE_WORDS = _set("hedge_words")
SENTENCE_HEDGES = _set("sentence_hedges")
SKIP_LEMMAS = _set("skip_lemmas")
LIGHT_NOUNS = _set("light_nouns")
LIGHT_NOUN_PREPS = _set("light_noun_preps")
NON_TARGET_NOUNS = _set("non_target_nouns")
INSTRUMENT_PREPS = _set("instrument_preps")
NON_TARGET_PREPS = _set("non_target_preps")
COMITATIVE_VERBS = _set("comitative_verbs")
TARGET_PREPS = _set("target_preps")
LOC_PREPS = _set("loc_preps")
PRONOUNS_PERSON = _set("person_pronouns")
RELATIVE_PRONOUNS = _set("relative_pronouns")
ANAPHORIC_SOURCES = _set("anaphoric_sources")
VAGUE_SOURCE_HEADS = _set("vague_source_heads")
VAGUE_SOURCE_WORDS = _set("vague_source_words")
GROUP_NOUNS = _set("group_nouns")
AGENT_NOUNS = GROUP_NOUNS | _set("agent_nouns")
NOT_AGENT_ER = _set("not_agent_er")
QUANTITY_NOUNS = _set("quantity_nouns")
COLLECTIVE_NOUNS = _set("collective_nouns")
OWNER_PRONOUNS = _set("owner_pronouns")
AGENT_SUFFIX = re.compile(_D["agent_suffix"])
NON_AGENT_SUFFIXES = tuple(_D["non_agent_suffixes"])
PAIR_NOUNS = _set("pair_nouns")
PAIR_DETERMINERS = _set("pair_determiners")
ROLE_HEADS = _set("role_heads")
LEADING_ARTICLE = re.compile("^" + alternation("articles") + r"\s+", re.I)
RELATIVE_WORDS = re.compile(_D["relative_words"])
TEMPORAL_PREPS = _set("temporal_preps")
BOUNDARY_PREPS = _set("boundary_preps")
WEEKDAY = re.compile(_D["weekday"], re.I)
DURATION = re.compile(_D["duration"], re.I)
DURATION_ANCHORED = re.compile(_D["duration_anchored"], re.I)
AGE = re.compile(_D["age"])
BARE_PERIOD = re.compile(_D["bare_period"], re.I)
MONTH_NAME = re.compile(_D["month_name"], re.I)
FUTURE_MODALITIES = _set("future_modalities")
PLANNING_VERBS = _set("planning_verbs")
HABITUAL_ADVERBS = _set("habitual_adverbs")
PERIOD_NOUNS = _set("period_nouns")
DISTRIBUTIVES = _set("distributives")
RETROSPECTIVE_MATRIX = _set("retrospective_matrix")
FUTURE_AUX = _set("future_aux")
PERFECT_AUX = _set("perfect_aux")
PRESENT_BE = _set("present_be")
PROGRESSIVE_BE = _set("progressive_be")
NOT_SIMULTANEOUS_AUX = _set("not_simultaneous_aux")
