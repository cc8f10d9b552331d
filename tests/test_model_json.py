"""The JSON contract of one event: unset optional fields are left out, the schema still holds."""

from __future__ import annotations

import datetime as dt

import jsonschema

from brief.model import Citation, Event


def test_an_event_leaves_out_its_unset_optional_fields_and_keeps_the_required_ones(brief_schema):
    plain = Event("e1", "close", actors=["Port authority"], mentions=[Citation("d1", 0)]).to_dict()
    assert not {"date_end", "attribution", "negated", "hedged", "modality"} & set(plain)
    assert plain["date"] is None and plain["date_text"] is None and plain["new"] is False
    item = dict(brief_schema["properties"]["events"]["items"], **{"$defs": brief_schema.get("$defs", {})})
    jsonschema.validate(plain, item)
    full = Event("e2", "close", mentions=[Citation("d1", 1)], date=dt.date(2024, 5, 1), date_end=dt.date(2024, 5, 3),
                 attribution="the union", negated=True, hedged=True, modality="expected").to_dict()
    assert (full["date_end"], full["attribution"], full["negated"], full["hedged"], full["modality"]) == (
        "2024-05-03", "the union", True, True, "expected")
