"""Input that is not text: :func:`binary_kind` tells, from the first bytes of an
(uncompressed) input, that it is clearly binary data rather than text in some encoding. The
command line reports such input as a ``binary-input`` error instead of reading it; it
imports nothing of the package, so the reading pipeline can use it too."""

from __future__ import annotations

__all__ = ["BINARY_PROBE", "binary_kind"]

#: How many leading bytes :func:`binary_kind` looks at.
BINARY_PROBE = 8192

# Signatures of common binary files: (magic bytes, what the file is).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "an ELF executable"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "a Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O universal file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# C0 controls that text does not hold (tab, LF, VT, FF, CR and ESC it may).
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")


def _utf16_text(head: bytes) -> bool:
    """UTF-16 text without a byte-order mark: most bytes of one of its two byte lanes are
    NUL, and it decodes to characters that are not controls (nor unpaired surrogates)."""
    even, odd = head[0::2], head[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= len(zeros) * 0.6:
            text = head[: len(head) // 2 * 2].decode(codec, errors="replace")
            if not any((ord(c) < 32 and c not in "\t\n\r\f\v\x1b") or c == "\ufffd"
                       for c in text):
                return True
    return False


def binary_kind(head: bytes) -> str | None:
    """What binary data ``head`` (the first bytes of an input, decompressed) is, or ``None``
    when it may be text.

    Binary: a known file signature (ELF, PNG, ZIP, PDF...), or NUL bytes, or more than one
    byte in a hundred a C0 control that text does not use. Input starting with a byte-order
    mark, and UTF-16 text without one, is text.

    Raises:
        Nothing.

    >>> binary_kind(b"\\x7fELF\\x02\\x01\\x01" + bytes(9))
    'an ELF executable'
    >>> binary_kind("Title\\n\\nTT\\n\\nTitle\\n\\nBody.".encode()) is None
    True
    """
    head = head[:BINARY_PROBE]
    if head.startswith(_BOMS):
        return None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if not head:
        return None
    if b"\x00" in head:
        return None if _utf16_text(head) else "binary data (NUL bytes)"
    if len(head.translate(None, _CONTROL)) < len(head) * 0.99:
        return "binary data (control bytes)"
    return None

