"""Reading and writing: bytes -> decoded text (with provenance) -> format reader -> documents.

Everything here streams: a file is read in chunks, decoded incrementally and handed to the
format's reader as text chunks; documents come out as soon as each is complete.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterable, Iterator
from typing import IO, BinaryIO, Union

import attrs
import regex

from newsdoc._models import Diagnostic, Document, Severity, Span
from newsdoc._registry import SNIFF_BYTES, ReadOptions, default_registry
from newsdoc.exceptions import ParseError

__all__ = ["CHUNK_SIZE", "dumps", "iter_read", "loads", "read", "write"]

CHUNK_SIZE = 1 << 20
"""Bytes read from a file at a time."""

PathLike = Union[str, "os.PathLike[str]"]
Source = Union[str, "os.PathLike[str]", BinaryIO, IO[bytes]]

# Bytes the decoder could not decode come out as lone surrogates (surrogateescape); no valid
# input decodes to one, so each is exactly one undecodable byte.
_BAD = regex.compile(r"[\udc80-\udcff]+")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bom_encoding(prefix: bytes) -> str | None:
    for bom, name in _BOMS:
        if prefix.startswith(bom):
            return name
    return None


@attrs.define
class _Decoder:
    """Decodes a byte stream in chunks, turning undecodable bytes into U+FFFD plus a
    diagnostic that records their character and byte offsets."""

    stream: IO[bytes]
    prefix: bytes
    encoding: str
    path: str | None
    strict: bool
    chunk_size: int = CHUNK_SIZE
    pending: list[Diagnostic] = attrs.field(factory=list)
    _offset: int = 0  # characters decoded so far
    _line: int = 1  # line number at _offset
    _line_start: int = 0  # character offset where that line starts

    def chunks(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="surrogateescape")
        data = self.prefix
        consumed = 0  # bytes fed to the decoder before `data`
        while True:
            final = not data
            text = decoder.decode(data, final=final)
            if text:
                if _BAD.search(text) is not None:
                    buffered = len(bytes(decoder.getstate()[0]))
                    text = self._repair(text, consumed + len(data) - buffered)
                self._advance(text)
                yield text
            if final:
                return
            consumed += len(data)
            data = self.stream.read(self.chunk_size)

    def _advance(self, text: str) -> None:
        n = text.count("\n")
        if n:
            self._line += n
            self._line_start = self._offset + text.rindex("\n") + 1
        self._offset += len(text)

    def _repair(self, text: str, end_byte: int) -> str:
        """Replace escaped bytes with U+FFFD and record where they were."""
        encoded_len = len(text.encode(self.encoding.replace("-sig", ""), "surrogateescape"))
        base_byte = end_byte - encoded_len
        for m in _BAD.finditer(text):
            start = self._offset + m.start()
            before = text[: m.start()]
            line = self._line + before.count("\n")
            line_start = (
                self._offset + before.rindex("\n") + 1 if "\n" in before else self._line_start
            )
            byte = base_byte + len(before.encode(self.encoding.replace("-sig", ""),
                                                 "surrogateescape"))
            raw = bytes(ord(c) - 0xDC00 for c in m.group())
            message = (
                f"{len(raw)} byte(s) at byte offset {byte} are not valid {self.encoding} "
                f"({raw[:16].hex(' ')}); replaced by U+FFFD"
            )
            span = Span(start=start, end=start + len(raw), line=line,
                        column=start - line_start + 1)
            if self.strict:
                raise ParseError(message, path=self.path, line=line, column=span.column,
                                 code="decode-error")
            self.pending.append(Diagnostic(code="decode-error", message=message,
                                           severity=Severity.ERROR, span=span,
                                           text=raw.hex(" "), path=self.path))
        return _BAD.sub(lambda m: "\ufffd" * len(m.group()), text)

    def attach(self, doc: Document) -> Document:
        """Move pending decode diagnostics that fall inside (or before) ``doc`` onto it."""
        if not self.pending:
            return doc
        end = doc.source.span.end if doc.source and doc.source.span else None
        take = [d for d in self.pending if end is None or d.span is None or d.span.start < end]
        if not take:
            return doc
        self.pending = [d for d in self.pending if d not in take]
        return attrs.evolve(doc, diagnostics=(*doc.diagnostics, *take))


def _open(source: Source) -> tuple[IO[bytes], str | None, bool]:
    """The binary stream, its path for messages, and whether we must close it."""
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        return open(path, "rb"), path, True
    if hasattr(source, "read"):
        name = getattr(source, "name", None)
        return source, name if isinstance(name, str) else None, False
    raise TypeError(f"source must be a path or a binary file object, not {type(source).__name__}")


def iter_read(
    source: Source,
    format: str | None = None,
    *,
    strict: bool = False,
    encoding: str | None = None,
) -> Iterator[Document]:
    """Read documents from a file, streaming: each is yielded as soon as it is complete.

    Args:
        source: A path, or a binary file object (``open(p, "rb")``, ``sys.stdin.buffer``).
        format: A format name; by default the path's extension decides, then sniffing the
            first bytes.
        strict: Raise at the first problem instead of recording diagnostics.
        encoding: Decode with this encoding instead of detecting it (UTF-8, or the
            encoding a byte-order mark names).

    Yields:
        Each document, with provenance (path, format, offsets and lines into the decoded
        text) and the reader's diagnostics.

    Raises:
        OSError: the file cannot be opened or read.
        TypeError: ``source`` is neither a path nor a binary file object.
        newsdoc.exceptions.UnknownFormatError: no format fits.
        newsdoc.exceptions.ParseError: only with ``strict=True``: the first problem, with
            path, line and column.

    .. versionadded:: 0.1.0
    """
    stream, path, close = _open(source)
    try:
        prefix = stream.read(SNIFF_BYTES)
        if isinstance(prefix, str):
            raise TypeError("source must be opened in binary mode ('rb')")
        enc = encoding or _bom_encoding(prefix) or "utf-8"
        fmt = default_registry().detect(
            format=format, path=path,
            prefix=prefix.decode(enc.replace("-sig", ""), errors="replace").lstrip("\ufeff"),
        )
        decoder = _Decoder(stream=stream, prefix=prefix, encoding=enc, path=path, strict=strict)
        options = ReadOptions(path=path, strict=strict, encoding=enc)
        last: Document | None = None
        for doc in fmt.read(decoder.chunks(), options):
            if last is not None:
                yield decoder.attach(last)
            last = doc
        if last is not None:
            yield _attach_all(decoder, last)
    finally:
        if close:
            stream.close()


def _attach_all(decoder: _Decoder, doc: Document) -> Document:
    if not decoder.pending:
        return doc
    taken, decoder.pending = decoder.pending, []
    return attrs.evolve(doc, diagnostics=(*doc.diagnostics, *taken))


def read(
    source: Source,
    format: str | None = None,
    *,
    strict: bool = False,
    encoding: str | None = None,
) -> list[Document]:
    """Read every document from a file. Same arguments and errors as :func:`iter_read`.

    >>> import io, newsdoc
    >>> data = b"Title\\n\\nTT\\n\\nTitle\\n\\nFirst paragraph.\\n\\nSecond."
    >>> [d.title for d in newsdoc.read(io.BytesIO(data), "scraped-text")]
    ['Title']

    Raises:
        OSError: the file cannot be opened or read.
        newsdoc.exceptions.UnknownFormatError: no format fits.
        newsdoc.exceptions.ParseError: only with ``strict=True``.

    .. versionadded:: 0.1.0
    """
    return list(iter_read(source, format, strict=strict, encoding=encoding))


def loads(text: str, format: str, *, strict: bool = False) -> list[Document]:
    """Read every document from a string.

    >>> import newsdoc
    >>> docs = newsdoc.loads("Title\\n\\nTT\\n\\nTitle\\n\\nBody.", "scraped-text")
    >>> docs[0].paragraphs[0].text
    'Body.'

    Raises:
        newsdoc.exceptions.UnknownFormatError: no format has that name.
        newsdoc.exceptions.ParseError: only with ``strict=True``.

    .. versionadded:: 0.1.0
    """
    fmt = default_registry().detect(format=format)
    return list(fmt.read((text,), ReadOptions(strict=strict)))


def dumps(documents: Iterable[Document], format: str) -> str:
    """Write documents to a string in ``format``.

    >>> import newsdoc
    >>> doc = newsdoc.Document(title="T", paragraphs=(newsdoc.Paragraph(text="Body."),))
    >>> newsdoc.loads(newsdoc.dumps([doc], "jsonl"), "jsonl") == [doc]
    True

    Raises:
        newsdoc.exceptions.UnknownFormatError: no format has that name, or it cannot write.
        ValueError: a document cannot be represented in the format.

    .. versionadded:: 0.1.0
    """
    fmt = default_registry().detect(format=format, purpose="write")
    buf = io.StringIO(newline="")
    fmt.write(documents, buf)
    return buf.getvalue()


def write(
    documents: Iterable[Document],
    path_or_file: PathLike | IO[str] | IO[bytes],
    format: str | None = None,
) -> None:
    """Write documents to a path or an open file (text, or binary written as UTF-8).

    Args:
        documents: The documents; any iterable, consumed once.
        path_or_file: A path, or a file object open for writing.
        format: A format name; by default the extension of the path (or of the file
            object's ``name``) decides.

    Raises:
        OSError: the file cannot be written.
        newsdoc.exceptions.UnknownFormatError: no format fits, or it cannot write.
        ValueError: a document cannot be represented in the format.

    .. versionadded:: 0.1.0
    """
    if isinstance(path_or_file, (str, os.PathLike)):
        path = os.fspath(path_or_file)
        fmt = default_registry().detect(format=format, path=path, purpose="write")
        with open(path, "w", encoding="utf-8", newline="") as out:
            fmt.write(documents, out)
        return
    name = getattr(path_or_file, "name", None)
    fmt = default_registry().detect(
        format=format, path=name if isinstance(name, str) else None, purpose="write"
    )
    if isinstance(path_or_file, io.TextIOBase):
        fmt.write(documents, path_or_file)  # type: ignore[arg-type]
        return
    wrapper = io.TextIOWrapper(path_or_file, encoding="utf-8", newline="")  # type: ignore[type-var]
    try:
        fmt.write(documents, wrapper)
        wrapper.flush()
    finally:
        wrapper.detach()

