"""Walking one sentence's dependency tree from its root down, clause by clause.

A reporting verb that frames a clause (``Token._.brief_clauses``, marked by the ``brief_event_cues``
component) is not an event itself: the clause is, with the speaker as ``attribution``; "according to X"
(``Doc._.brief_sources``) does the same for the whole sentence; a reporting clause hanging from a verb
("X did Z, Y said") attributes that verb.  Verbs of intention or expectation give their complement as the
event with a ``modality``; conjoined verbs inherit the subject and, when their tenses agree, the date.
"""

from __future__ import annotations

from brief.extract.dates import normalize_date
from brief.extract.events.args import attribution_text, note_named_pairs
from brief.extract.events.context import Context, Frame, dateline_end, dateline_places
from brief.extract.events.cues import ensure_cues
from brief.extract.events.emit import emit, has_subject, subjects
from brief.extract.events.timing import date_exprs, habitual, looks_ahead, own_date, simultaneous
from brief.extract.events.vocab import (DENIAL, HEDGING_MODALS, MODAL_VERBS, NEGATING_MODALS, REPORTING,
                                        REPORTING_MODALITY, SENTENCE_HEDGES, SPECULATIVE)
from brief.model import Event


class SentenceWalk:
    """The events of one sentence span: ``SentenceWalk(span, i, ctx, ents).run()``."""

    def __init__(self, span, sent_index: int, ctx: Context, ents=None):
        self.span, self.sent_index, self.ctx, self.ents = span, sent_index, ctx, ents
        self.doc = span.doc
        self.events: list[Event] = []
        self.handled: set[int] = set()
        self.dates: list = []

    def run(self) -> list[Event]:
        span, ctx = self.span, self.ctx
        ensure_cues(self.doc)
        ctx.sent = self.sent_index
        dateline = dateline_end(span)
        ctx.span_start, ctx.span_end = (dateline if dateline else span.start), span.end
        if len(span) < 4:
            return []
        sent_frame = self._according_to()
        self.dates = date_exprs(span, ctx, self.ents)
        note_named_pairs(span, ctx, self.ents)
        for r in (t for t in span if (t.head.i == t.i or not span.start <= t.head.i < span.end) and not t.is_space):
            f = Frame(sent_frame.attribution, sent_frame.hedged)
            if r.pos_ in ("VERB", "AUX"):
                self.visit(r, f)
                continue
            # fragments ("Netanyahu holds talks ..." headlines parse fine; noun roots may carry a relative clause)
            for c in r.children:
                if c.pos_ == "VERB" and c.dep_ in ("ccomp", "conj"):
                    self.visit(c, Frame(f.attribution, f.hedged, subject=[r]))
        # a dateline says where the reporter filed from, not where anything happened: never an event's location
        if dateline and ctx.dateline_places is None:
            ctx.dateline_places = dateline_places(span, dateline, ctx, self.ents)
        self._finish(sent_frame)
        return self.events

    def _according_to(self) -> Frame:
        """ "according to X" attributes the whole sentence."""
        frame = Frame()
        for cue, source in self.doc._.brief_sources or ():
            if not self.span.start <= cue < self.span.end:
                continue
            text, vague = attribution_text(self.doc[source], self.ctx)
            if text:
                frame.attribution = text
                frame.hedged = frame.hedged or vague
                self.ctx.last_attribution = text
        return frame

    def _finish(self, sent_frame: Frame) -> None:
        events = self.events
        # sentence-wide hedges ("It's unclear ...", "The article speculated ...") reach every event
        if any(t.lower_ in SENTENCE_HEDGES for t in self.span):
            for e in events:
                e.hedged = True
        if sent_frame.attribution:
            for e in events:
                if e.attribution is None:
                    e.attribution = sent_frame.attribution
        # a single date in a one-event sentence belongs to it when the parse left it dangling
        if len(events) == 1 and events[0].date_text is None:
            dates = self.dates
            loose = [d for d in dates if d[0] is None or d[0].lemma_.lower() in REPORTING]
            if len(dates) == 1 and loose and loose[0][0] is None:
                dv = normalize_date(loose[0][1], self.ctx.published)
                events[0].date_text, events[0].date, events[0].date_end = loose[0][1], dv.start, dv.end

    def emit(self, verb, frame: Frame, extra=()) -> None:
        ev = emit(verb, frame, self.ctx, self.dates, self.sent_index, extra)
        if ev is not None:
            self.events.append(ev)

    def visit(self, verb, frame: Frame) -> None:
        if verb.i in self.handled or not self.ctx.inside(verb):
            return
        self.handled.add(verb.i)
        subj, pas, _agents = subjects(verb)
        inherited = Frame(frame.attribution, frame.hedged, frame.negated, frame.modality)
        inherited.subject = subj or pas or frame.subject
        inherited.subject_passive = bool(pas) and not subj if (subj or pas) else frame.subject_passive
        if verb._.brief_clauses and verb.pos_ == "VERB":
            self._reported(verb, frame, inherited)
            return
        frame = self._reported_by(verb, frame, inherited)
        if not self._modal(verb, frame, inherited) and verb.pos_ == "VERB":
            # "agreed to continue the dialogue": one event, the complement folded in
            extra = [x for x in self._xcomps(verb) if not has_subject(x)]
            self.handled.update(x.i for x in extra)
            if not (subj or pas) and frame.subject:
                self.emit(verb, frame, extra)
            else:
                self.emit(verb, Frame(frame.attribution, frame.hedged, frame.negated, frame.modality, date=frame.date), extra)
        self._clauses_below(verb, frame, inherited)

    def _speaker(self, verb) -> tuple[str | None, bool]:
        i = verb._.brief_speaker
        return attribution_text(self.doc[i], self.ctx) if i is not None else (None, False)

    def _reported(self, verb, frame: Frame, inherited: Frame) -> None:
        """A reporting verb that frames a clause: the clause is the event, the speaker its source."""
        lemma = verb.lemma_.lower()
        speaker, vague = self._speaker(verb)
        sub = Frame(speaker or frame.attribution, frame.hedged or vague or lemma in SPECULATIVE, frame.negated,
                    frame.modality)
        if lemma in DENIAL:
            sub.negated = True
        if lemma in REPORTING_MODALITY:
            sub.modality = REPORTING_MODALITY[lemma]
        if speaker:
            self.ctx.last_attribution = speaker
        said_on = own_date(verb, self.dates, self.ctx)
        for i in verb._.brief_clauses:
            c = self.doc[i]
            if said_on and simultaneous(c):
                # "said on Tuesday that 52 ships were waiting": a state or ongoing action at the time of saying
                self.visit(c, Frame(sub.attribution, sub.hedged, sub.negated, sub.modality, date=said_on))
            else:
                self.visit(c, sub)
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ == "VERB":
                self.visit(c, inherited)

    def _reported_by(self, verb, frame: Frame, inherited: Frame) -> Frame:
        """ "X did Z, Y said": a reporting clause without content of its own attributes its head."""
        for i in verb._.brief_reporters or ():
            c = self.doc[i]
            if c._.brief_clauses:
                continue
            speaker, vague = self._speaker(c)
            if speaker:
                frame = Frame(speaker, frame.hedged or vague or c.lemma_.lower() in SPECULATIVE,
                              frame.negated, frame.modality, frame.subject, frame.subject_passive)
                inherited.attribution = speaker
                self.ctx.last_attribution = speaker
            self.handled.add(c.i)
        return frame

    @staticmethod
    def _xcomps(verb) -> list:
        return [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]

    def _modal(self, verb, frame: Frame, inherited: Frame) -> bool:
        """ "expected to", "plans to", "is likely to": the complement is the event, with a modality."""
        lemma = verb.lemma_.lower()
        xcomps = self._xcomps(verb)
        modal_key = lemma if lemma in MODAL_VERBS else None
        if modal_key is None and verb.pos_ == "AUX":
            for c in verb.children:
                if c.dep_ == "acomp" and c.lemma_.lower() in MODAL_VERBS:
                    modal_key = c.lemma_.lower()
                    xcomps += [x for x in c.children if x.dep_ == "xcomp" and x.pos_ == "VERB"]
        if not (modal_key and xcomps):
            return False
        sub = Frame(frame.attribution, frame.hedged or modal_key in HEDGING_MODALS,
                    frame.negated or modal_key in NEGATING_MODALS, MODAL_VERBS[modal_key] or frame.modality)
        if any(c.dep_ == "neg" for c in verb.children):
            sub.negated = not sub.negated
        sub.subject = inherited.subject
        sub.subject_passive = False
        for x in xcomps:
            self.visit(x, sub)
        return True

    def _clauses_below(self, verb, frame: Frame, inherited: Frame) -> None:
        for c in verb.children:
            if c.i in self.handled or not self.ctx.inside(c):
                continue
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                # "would be held on Monday, April 14, and asked ...": a date ahead is not the past verb's date
                shares_date = not habitual(verb) and not (looks_ahead(verb, False) and not looks_ahead(c, False))
                date = (own_date(verb, self.dates, self.ctx) or frame.date) if shares_date else None
                sub = Frame(inherited.attribution, inherited.hedged, False, None, inherited.subject,
                            inherited.subject_passive, date)
                if has_subject(c):
                    sub.subject = []
                self.visit(c, sub)
            elif c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX"):
                self.visit(c, Frame(inherited.attribution, inherited.hedged))
            elif c.dep_ == "advcl" and c.pos_ == "VERB":
                if any(x.dep_ in ("dobj", "nsubj", "nsubjpass") for x in c.children):
                    self.visit(c, Frame(inherited.attribution, inherited.hedged, False, None,
                                        [] if has_subject(c) else inherited.subject, inherited.subject_passive))
            elif c.dep_ == "xcomp" and c.pos_ == "VERB" and verb.pos_ == "AUX":
                self.visit(c, Frame(inherited.attribution, inherited.hedged, subject=inherited.subject))


def extract_sentence_events(span, sent_index: int, ctx: Context, ents=None) -> list[Event]:
    """Events of one sentence (ids are filled in later)."""
    return SentenceWalk(span, sent_index, ctx, ents).run()
