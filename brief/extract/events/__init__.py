"""Events from the dependency parse: who did what to whom, where and when.

* :mod:`.cues` -- the ``brief_event_cues`` pipeline component: ``DependencyMatcher`` patterns
  (``lexicon/en/event_cues.json``) mark attribution ("X said ...", "according to X", "..., Y said") and
  light verbs ("held talks") on ``Doc``/``Token`` extensions;
* :mod:`.walk` -- one pass over a sentence's tree from its root down (reporting verbs, modality,
  inherited subjects and dates); :mod:`.emit` -- one event from one verb;
* :mod:`.args` -- who can be a doer and what a noun phrase stands for; :mod:`.timing` -- the time
  expressions of a sentence and the verb each dates; :mod:`.context` -- what carries from one sentence
  to the next (pronouns, pairs, the dateline) and entity ids of mentions; :mod:`.vocab` -- the word
  lists (``lexicon/en/events.json``, ``reporting_verbs.txt``).
"""

from __future__ import annotations

from brief.extract.events.context import Context, capitalised_common_word, entity_mention
from brief.extract.events.cues import event_cues  # importing cues registers the brief_event_cues factory
from brief.extract.events.walk import extract_sentence_events

__all__ = ["Context", "capitalised_common_word", "entity_mention", "event_cues", "extract_sentence_events"]
