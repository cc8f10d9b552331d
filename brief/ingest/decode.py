"""Turning bytes into text: binary detection, UTF-8 first, then charset detection."""

from __future__ import annotations

# bytes that never appear in text files (besides \t \n \r \f \x1b)
_CONTROL = bytes(range(0, 9)) + bytes([11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31])

# magic numbers of common binary formats
_MAGIC = (
    b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\x7fELF",
    b"MZ", b"RIFF", b"OggS", b"ID3", b"\xd0\xcf\x11\xe0", b"7z\xbc\xaf", b"Rar!",
)


class DecodeProblem(Exception):
    """Bytes that cannot be read as text; the message is a short human phrase."""


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False  # a BOM: text (maybe UTF-16)
    if any(head.startswith(m) for m in _MAGIC):
        return True
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls / len(head) > 0.05


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` as text (UTF-8, then Windows-1252 or a detected charset) or raise DecodeProblem.

    A file that is not UTF-8 throughout is decoded line by line: lines that are valid UTF-8 stay
    UTF-8, the others are read in one legacy encoding chosen for all of them (see :func:`_legacy`).
    """
    if looks_binary(data):
        raise DecodeProblem("binary file (not text)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DecodeProblem(f"undecodable UTF-16 text at byte {e.start}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        first_bad = e.start
    lines = data.splitlines(keepends=True)
    legacy_lines = [ln for ln in lines if not _is_utf8(ln)]
    encoding = _legacy(b"".join(legacy_lines))
    if encoding is None:
        raise DecodeProblem(f"undecodable bytes (not UTF-8 at byte {first_bad}, no other encoding fits)")
    bad_lines = set(map(id, legacy_lines))
    text = "".join(ln.decode(encoding, "replace") if id(ln) in bad_lines else ln.decode("utf-8") for ln in lines)
    # a "decoding" that is mostly replacement or control characters is not text
    sample = text[:5000]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if sample and bad / len(sample) > 0.02:
        raise DecodeProblem(f"undecodable bytes (not UTF-8 at byte {first_bad})")
    return text


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _legacy(data: bytes) -> str | None:
    """The encoding of non-UTF-8 bytes: Windows-1252 for Latin-script text, else a detected charset.

    Windows-1252 is what "latin-1" text almost always is (its 0x80-0x9F bytes are the euro sign,
    curly quotes and dashes, never the C1 controls of ISO-8859-1).  It is taken when the decoded
    text reads as Latin script: accented letters are a minority of its letters.  A Cyrillic, Greek or
    Asian single- or multi-byte encoding gives words made of high bytes only, and goes to detection.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        letters = [ch for ch in text if ch.isalpha()]
        high = sum(1 for ch in letters if ord(ch) > 127)
        if letters and high / len(letters) < 0.4:
            return "cp1252"
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        return "cp1252" if text is not None else None
    # among the readings that look equally clean, a Windows code page before a Mac or DOS one
    # (short texts fit several; Windows is what legacy web and news text is written in)
    least = min(r.chaos for r in results)
    clean = [r for r in results if r.chaos <= least + 0.01]
    best = next((r for r in clean if r.encoding.startswith("cp125")), clean[0])
    return "cp1252" if best.encoding in ("latin_1", "iso8859_1", "ascii") else best.encoding
