"""Bytes to text: choosing the encoding, decoding in chunks, and mapping offsets back.

The encoding is, in order: the one the caller names; the one a byte-order mark names
(UTF-8, UTF-16, UTF-32); UTF-8 when the first megabyte is valid UTF-8; otherwise a guess,
by charset-normalizer when it is installed (``newsdoc[detect]``) and cp1252 when it is not,
reported as an ``encoding-detected`` diagnostic. Bytes the chosen encoding cannot decode
become U+FFFD plus a ``decode-error`` diagnostic with their character and byte offsets.
"""

from __future__ import annotations

import codecs
from collections import deque
from collections.abc import Iterator
from typing import Protocol

import attrs
import regex

from newsdoc._models import Severity, Span
from newsdoc._pipeline._limits import SAMPLE, Reporter

__all__ = [
    "CHUNK_SIZE",
    "MAX_DECODE_ERRORS",
    "Decoder",
    "Readable",
    "bom_encoding",
    "choose_encoding",
]

CHUNK_SIZE = 1 << 20
"""Bytes read from the input at a time; the first chunk is also the detection window."""

MAX_DECODE_ERRORS = 1000
"""Runs of undecodable bytes listed one by one per input; the rest are counted in one more
diagnostic at the end, so that binary garbage cannot fill memory with diagnostics."""

_DETECT_WINDOW = 1 << 16
"""Bytes around the first invalid UTF-8 sequence handed to charset-normalizer."""

# Bytes the decoder could not decode come out as lone surrogates U+DC00 + byte (like
# surrogateescape, which cannot escape bytes below 0x80, as UTF-16 and UTF-32 need); no valid
# input decodes to one, so each is exactly one undecodable byte.
ESCAPE = "newsdoc.escape"
_BAD = regex.compile(r"[\udc00-\udcff]+")
_BAD_CHAR = regex.compile(r"[\udc00-\udcff]")


def _escape(exc: UnicodeError) -> tuple[str, int]:
    if isinstance(exc, UnicodeDecodeError):
        bad = exc.object[exc.start:exc.end]
        return "".join(chr(0xDC00 + b) for b in bad), exc.end
    raise exc


def byte_length(text: str, codec: str) -> int:
    """How many input bytes ``text`` (decoded with ``codec``, escapes included) came from:
    each escape is one byte. (Encoding escapes back is not possible in UTF-16 and UTF-32,
    whose encoders accept only whole code units from an error handler.)"""
    if _BAD.search(text) is None:
        return len(text.encode(codec))
    escaped = sum(len(m) for m in _BAD.findall(text))
    return len(_BAD.sub("", text).encode(codec)) + escaped


# A named error handler is process-wide but stateless: registering it again is harmless.
codecs.register_error(ESCAPE, _escape)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that do not occur in text; many of them mean the bytes are not text.
_BINARY = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")

# Western European encodings the house prefers when the guess is a tie (English news).
_WESTERN = ("cp1252",)


class Readable(Protocol):
    """What the decoder reads from: a binary file, or a decompressing stream."""

    def read(self, size: int = -1, /) -> bytes: ...


class _Empty:
    def read(self, size: int = -1, /) -> bytes:
        return b""


_EMPTY = _Empty()


def bom_encoding(prefix: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``prefix`` names, or ``None``.

    >>> bom_encoding(b"\\xef\\xbb\\xbfTitle"), bom_encoding(b"Title")
    ('utf-8-sig', None)
    """
    for bom, name in _BOMS:
        if prefix.startswith(bom):
            return name
    return None


def _bom_length(prefix: bytes, encoding: str) -> int:
    """Bytes of byte-order mark the ``encoding`` codec will consume at the start."""
    name = codecs.lookup(encoding).name
    if name in ("utf-8-sig", "utf-16", "utf-32"):
        for bom, _ in _BOMS:
            if prefix.startswith(bom):
                return len(bom)
    return 0


def _valid_utf8(window: bytes, final: bool) -> int | None:
    """``None`` when ``window`` is valid UTF-8 (a sequence cut at its end is fine unless
    ``final``), else the byte offset of the first invalid sequence."""
    try:
        window.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not final and exc.end == len(window) and exc.reason == "unexpected end of data":
            return None
        return exc.start
    return None


def _binary(window: bytes) -> bool:
    return len(window.translate(None, _BINARY)) < len(window) * 0.99


def _canonical(name: str) -> str:
    return codecs.lookup(name).name


def _western(sample: bytes) -> bool:
    """Mostly ASCII, short or with few other bytes, all of which cp1252 decodes: English
    text in cp1252, where detectors guess wildly among the single-byte code pages."""
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:
        return False
    other = len(sample) - len(sample.translate(None, bytes(range(128, 256))))
    return len(sample) < 256 or other <= len(sample) // 10


def _guess(window: bytes, bad: int) -> tuple[str, str]:
    """Guess the encoding of bytes that are not UTF-8: (encoding, how it was chosen)."""
    sample = window[max(0, bad - _DETECT_WINDOW // 2): bad + _DETECT_WINDOW // 2]
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        if _binary(sample):
            return "utf-8", ("it looks like binary data, not text; decoded as UTF-8 with "
                             "the undecodable bytes replaced")
        return "cp1252", ("charset-normalizer is not installed (pip install "
                          "'newsdoc[detect]'), so cp1252 was assumed")
    if _western(sample):
        return "cp1252", ("mostly ASCII with a few cp1252 characters, as English text in "
                          "cp1252 is")
    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        return "utf-8", ("no encoding fits; decoded as UTF-8 with the undecodable bytes "
                         "replaced")
    tied = {_canonical(m.encoding) for m in matches
            if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01}
    tied.update(_canonical(c) for c in best.could_be_from_charset)
    chosen = _canonical(best.encoding)
    for western in _WESTERN:
        if western in tied:
            chosen = western
            break
    if chosen in ("latin-1", "iso8859-1"):
        try:  # text labelled Latin-1 is cp1252 in practice (as browsers treat it)
            sample.decode("cp1252")
            chosen = "cp1252"
        except UnicodeDecodeError:
            pass
    if chosen in ("ascii", "utf-8"):  # the sampled part fooled it: it is not UTF-8
        chosen = "cp1252"
    if chosen.startswith(("utf-16", "utf-32")) and b"\x00" not in sample:
        chosen = "cp1252"  # a short text mistaken for UTF-16 (whose ASCII has NUL bytes)
    return chosen, "detected by charset-normalizer"


def choose_encoding(window: bytes, given: str | None, *, final: bool) -> tuple[str, str | None]:
    """Choose how to decode input that starts with ``window``.

    Args:
        window: The first bytes of the input (the first chunk).
        given: The encoding the caller named, if any.
        final: ``window`` is the whole input.

    Returns:
        The codec name, and a sentence for an ``encoding-detected`` diagnostic when the
        encoding was guessed (``None`` otherwise).

    Raises:
        LookupError: ``given`` is not an encoding Python knows.

    >>> choose_encoding(b"caf\\xc3\\xa9", None, final=True)
    ('utf-8', None)
    >>> choose_encoding(b"\\xff\\xfeT\\x00", None, final=True)
    ('utf-16', None)
    """
    if given is not None:
        name = _canonical(given)
        if name == "utf-8" and window.startswith(codecs.BOM_UTF8):
            return "utf-8-sig", None
        if name in ("utf-16", "utf-32") and bom_encoding(window) != name:
            return f"{name}-le", None  # no byte-order mark: little endian, as Windows writes
        return given, None
    bom = bom_encoding(window)
    if bom is not None:
        return bom, None
    bad = _valid_utf8(window, final)
    if bad is None:
        return "utf-8", None
    enc, how = _guess(window, bad)
    return enc, (f"the input is not valid UTF-8 (byte offset {bad}); decoded as {enc}: "
                 f"{how}")


class _Offsets:
    """Maps character offsets of the decoded text to byte offsets of the input.

    One mark per decoded chunk: its first character and byte offsets, and its text when
    characters and bytes do not correspond one to one. Lookups go forward only; marks behind
    the last lookup are dropped, and at most ``keep`` characters of text are kept (a lookup
    behind them, in a document longer than that, gives ``None``).
    """

    def __init__(self, encoding: str, keep: int = 16 * CHUNK_SIZE) -> None:
        self.codec = _length_codec(encoding)
        self.single_byte = _single_byte(encoding)
        self.ascii_compatible = self.single_byte or self.codec == "utf-8"
        self.marks: deque[tuple[int, int, str | None]] = deque()
        self.with_text = 0  # characters of text kept
        self.keep = keep
        self.floor = 0  # lookups before this character offset are unknown
        self.cursor = (0, 0)  # (char, byte) inside the first mark, for its text

    def add(self, char: int, byte: int, text: str) -> None:
        fixed = self.single_byte or (self.ascii_compatible and text.isascii())
        self.marks.append((char, byte, None if fixed else text))
        if len(self.marks) == 1:
            self.cursor = (char, byte)
        if not fixed:
            self.with_text += len(text)
            while self.with_text > self.keep:
                old = self.marks.popleft()
                if old[2] is not None:
                    self.with_text -= len(old[2])
                self.floor = self.marks[0][0]
                self.cursor = (self.floor, self.marks[0][1])

    def byte_offset(self, char: int) -> int | None:
        marks = self.marks
        if char < self.floor or not marks:
            return None
        while len(marks) > 1 and marks[1][0] <= char:
            old = marks.popleft()
            if old[2] is not None:
                self.with_text -= len(old[2])
            self.cursor = (marks[0][0], marks[0][1])
        start, byte, text = marks[0]
        if char < start:
            return None
        if text is None:
            return byte + (char - start)
        at, at_byte = self.cursor
        if not start <= at <= char:
            at, at_byte = start, byte
        at_byte += byte_length(text[at - start:char - start], self.codec)
        self.cursor = (char, at_byte)
        return at_byte


def _length_codec(encoding: str) -> str:
    """A codec that encodes a piece of text back to exactly its input bytes (no BOM)."""
    name = _canonical(encoding)
    if name == "utf-8-sig":
        return "utf-8"
    if name == "utf-16":
        return "utf-16-le"  # same length either way
    if name == "utf-32":
        return "utf-32-le"
    return name


def _line_breaks(text: str, universal: bool) -> int:
    n = text.count("\n")
    if universal:
        n += text.count("\r") - text.count("\r\n")
    return n


def _last_break(text: str, universal: bool) -> int:
    return max(text.rfind("\n"), text.rfind("\r")) if universal else text.rfind("\n")


def _single_byte(encoding: str) -> bool:
    """Whether every byte decodes to exactly one character (cp1252, Latin-1, KOI8-R...)."""
    if _canonical(encoding).startswith("utf"):
        return False
    try:
        return len(bytes(range(256)).decode(encoding, "replace")) == 256
    except (LookupError, UnicodeError):
        return False


@attrs.define
class Decoder:
    """Decodes a byte stream in chunks, turning undecodable bytes into U+FFFD plus a
    ``decode-error`` diagnostic with their character and byte offsets, and keeping the
    marks that map character offsets back to byte offsets."""

    stream: Readable
    first: bytes
    encoding: str
    reporter: Reporter
    universal: bool = False
    errors: tuple[type[BaseException], ...] = ()
    failed: BaseException | None = None  # a decompression error met while reading `first`
    chunk_size: int = CHUNK_SIZE
    offsets: _Offsets = attrs.field(init=False)
    _errors_listed: int = 0
    _errors_unlisted: int = 0
    _bytes_unlisted: int = 0
    _offset: int = 0  # characters decoded so far
    _line: int = 1  # line number at _offset
    _line_start: int = 0  # character offset where that line starts

    def __attrs_post_init__(self) -> None:
        self.offsets = _Offsets(self.encoding)

    def chunks(self) -> Iterator[str]:
        """The decoded text, chunk by chunk."""
        # surrogateescape (in C) escapes every undecodable byte of the byte-oriented codecs;
        # UTF-16 and UTF-32 need ESCAPE, which also escapes bytes below 0x80.
        wide = _canonical(self.encoding).startswith(("utf-16", "utf-32"))
        decoder = codecs.getincrementaldecoder(self.encoding)(
            errors=ESCAPE if wide else "surrogateescape")
        data = self.first
        consumed = 0  # bytes fed to the decoder before `data`
        start_byte = _bom_length(self.first, self.encoding)
        while True:
            final = not data
            if final and self.failed is not None:
                self._fail()
            text = decoder.decode(data, final=final)
            if text:
                buffered = 0 if final else len(bytes(decoder.getstate()[0]))
                end_byte = consumed + len(data) - buffered
                self.offsets.add(self._offset, start_byte, text)
                start_byte = end_byte
                if _BAD.search(text) is not None:
                    text = self._repair(text, end_byte)
                self._advance(text)
                yield text
            if final:
                self._report_unlisted()
                return
            consumed += len(data)
            data = self._read()

    def _read(self) -> bytes:
        if self.failed is None:
            if not self.errors:
                return self.stream.read(self.chunk_size)
            try:
                return self.stream.read(self.chunk_size)
            except self.errors as exc:
                self.failed = exc
        return self._fail()

    def _fail(self) -> bytes:
        """Report the decompression error met, and end the input there."""
        failed, self.failed = self.failed, None
        self.errors = ()
        self.stream = _EMPTY
        truncated = isinstance(failed, EOFError)
        what = ("the compressed input ends before its end marker: the file is cut off"
                if truncated else f"the compressed input is corrupt ({failed})")
        span = Span(start=self._offset, end=self._offset, line=self._line,
                    column=self._offset - self._line_start + 1)
        self.reporter.report("truncated-input" if truncated else "decompression-error",
                          f"{what}; the text decoded up to there is kept", span,
                          severity=Severity.ERROR)
        return b""

    def _report_unlisted(self) -> None:
        if self._errors_unlisted:
            span = Span(start=self._offset, end=self._offset, line=self._line,
                        column=self._offset - self._line_start + 1)
            self.reporter.report(
                "decode-error",
                f"{self._bytes_unlisted} more undecodable byte(s) in {self._errors_unlisted} "
                f"places after the first {MAX_DECODE_ERRORS} (not listed one by one); "
                "replaced by U+FFFD", span, severity=Severity.ERROR)

    def _advance(self, text: str) -> None:
        n = text.count("\n")
        if self.universal:
            n += text.count("\r") - text.count("\r\n")
            last = max(text.rfind("\n"), text.rfind("\r"))
        else:
            last = text.rfind("\n") if n else -1
        if n:
            self._line += n
            self._line_start = self._offset + last + 1
        self._offset += len(text)

    def _repair(self, text: str, end_byte: int) -> str:
        """Replace escaped bytes with U+FFFD and record where they were (one pass over the
        chunk, however many there are; the first :data:`MAX_DECODE_ERRORS` of an input are
        listed, the rest counted)."""
        codec = self.offsets.codec
        byte = end_byte - byte_length(text, codec)
        line, line_start = self._line, self._line_start
        prev = 0
        for m in _BAD.finditer(text):
            if self._errors_listed >= MAX_DECODE_ERRORS:  # count the rest in bulk
                rest = text[m.start():]
                self._errors_unlisted += len(_BAD.findall(rest))
                self._bytes_unlisted += len(rest) - len(_BAD_CHAR.sub("", rest))
                break
            between = text[prev:m.start()]
            breaks = _line_breaks(between, self.universal)
            if breaks:
                line += breaks
                line_start = self._offset + prev + _last_break(between, self.universal) + 1
            byte += byte_length(between, codec)
            raw = bytes(ord(c) - 0xDC00 for c in m.group())
            self._errors_listed += 1
            start = self._offset + m.start()
            message = (
                f"{len(raw)} byte(s) at byte offset {byte} are not valid {self.encoding} "
                f"({raw[:16].hex(' ')}); replaced by U+FFFD"
            )
            span = Span(start=start, end=start + len(raw), line=line,
                        column=start - line_start + 1)
            self.reporter.report("decode-error", message, span, text=raw[:SAMPLE].hex(" "),
                                 severity=Severity.ERROR)
            byte += len(raw)
            prev = m.end()
        return _BAD_CHAR.sub("\ufffd", text)
