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
    """Decode ``data`` as text (UTF-8, then a detected charset) or raise DecodeProblem."""
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
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeProblem(f"undecodable bytes (not UTF-8 at byte {first_bad}, no other encoding fits)")
    text = str(best)
    # a "decoding" that is mostly replacement or control characters is not text
    bad = sum(1 for ch in text[:5000] if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if text[:5000] and bad / len(text[:5000]) > 0.02:
        raise DecodeProblem(f"undecodable bytes (not UTF-8 at byte {first_bad})")
    return text
