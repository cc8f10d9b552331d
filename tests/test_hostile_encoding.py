"""Encodings: Windows-1252 and Latin-1 told apart, mixed files decoded line by line."""

from __future__ import annotations

from pathlib import Path

from brief.ingest.decode import decode_bytes
from hostile_helpers import read

WESTERN = ("Council approves \u20ac4m flood plan\n\n"
           "The council approved a \u20ac4m plan \u2013 its largest \u2014 on Monday, calling it \u201cthe last "
           "chance\u201d to protect the quay. It\u2019s due to start in the caf\u00e9 district\u2026\n")


def test_cp1252_euro_quotes_and_dashes_survive(tmp_path: Path) -> None:
    f = tmp_path / "cp1252.txt"
    f.write_bytes(WESTERN.encode("cp1252"))
    docs, problems = read([f])
    assert problems == []
    assert docs[0].title == "Council approves \u20ac4m flood plan"
    for piece in ("\u20ac4m", "\u2013 its", "\u2014 on", "\u201cthe last chance\u201d", "It\u2019s", "caf\u00e9",
                  "district\u2026"):
        assert piece in docs[0].text


def test_latin1_accents_survive() -> None:
    text = "Caf\u00e9 owners in S\u00e3o Jorge say na\u00efve r\u00e9sum\u00e9s cost \u00a3300 and \u00bd a day.\n"
    assert decode_bytes(text.encode("latin-1")) == text


def test_mixed_utf8_and_cp1252_lines_each_decode() -> None:
    data = ("Plain first line.\n".encode() + "UTF-8 line: \u20ac5 \u2014 caf\u00e9\n".encode("utf-8")
            + "Legacy line: \u20ac6 \u2014 na\u00efve\n".encode("cp1252"))
    assert decode_bytes(data) == "Plain first line.\nUTF-8 line: \u20ac5 \u2014 caf\u00e9\nLegacy line: \u20ac6 \u2014 na\u00efve\n"


def test_cyrillic_single_byte_text_is_not_taken_for_cp1252() -> None:
    text = "\u0421\u043e\u0432\u0435\u0442 \u0443\u0442\u0432\u0435\u0440\u0434\u0438\u043b \u043f\u043b\u0430\u043d " \
           "\u0440\u0435\u043c\u043e\u043d\u0442\u0430 \u043f\u0440\u0438\u0447\u0430\u043b\u0430 \u0432 " \
           "\u043f\u043e\u043d\u0435\u0434\u0435\u043b\u044c\u043d\u0438\u043a \u0432\u0435\u0447\u0435\u0440\u043e\u043c.\n"
    assert decode_bytes(text.encode("cp1251")) == text
