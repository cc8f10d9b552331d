"""Which language a cleaned body is in: English prose is told by its function words, the rest by py3langid.

English news prose is dense in English function words (jusText's English stop list),
so most documents are settled without loading a model; a text short of them is
identified by py3langid (loaded once, on first need).
"""

from __future__ import annotations

from functools import lru_cache

from brief.clean.rules import stopword_ratio, words

ENGLISH_DENSITY = 0.3  # English news prose runs at 0.4-0.5 with jusText's list; other languages far below
MIN_WORDS = 20  # fewer words than this: too little to tell, taken as English
SAMPLE_CHARS = 4000
MIN_CONFIDENCE = 0.9  # py3langid's probability below which the language is left open (and the text kept)


def language_of(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language ("en", "fr", ...), or None when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(words(sample)) < MIN_WORDS:
        return None
    if stopword_ratio(sample) >= ENGLISH_DENSITY:
        return "en"
    code, confidence = _identifier().classify(sample)
    return str(code) if confidence >= MIN_CONFIDENCE else None


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
