"""Reading and writing: bytes -> decompressed -> decoded text -> the text stage -> a format's
reader -> documents.

Everything here streams: a file is read in chunks, decompressed and decoded incrementally
and handed to the format's reader as text chunks; documents come out as soon as each is
complete. :func:`loads` enters at the text stage, so text gives the documents its UTF-8
bytes give.
"""

from __future__ import annotations

import codecs
import glob
import io
import os
from collections.abc import Iterable, Iterator
from typing import IO, BinaryIO, Union

import attrs

from newsdoc._models import Diagnostic, Document, Severity
from newsdoc._pipeline._compress import (
    decompression_errors,
    open_decompressed,
    strip_compression,
)
from newsdoc._pipeline._decode import CHUNK_SIZE, Decoder, Readable, choose_encoding
from newsdoc._pipeline._limits import (
    DEFAULT_MAX_DOCUMENT_SIZE,
    DEFAULT_MAX_LINE_LENGTH,
    Reporter,
    check_limit,
)
from newsdoc._pipeline._text import documents, lone_cr_line_ends, sniff_prefix
from newsdoc._registry import SNIFF_BYTES, Format, ReadOptions, default_registry

__all__ = ["CHUNK_SIZE", "dumps", "expand_paths", "iter_read", "loads", "read", "write"]

PathLike = Union[str, "os.PathLike[str]"]
Source = Union[str, "os.PathLike[str]", BinaryIO, IO[bytes]]
Sources = Union[Source, Iterable[Source]]  # noqa: UP007 (a runtime alias, Python 3.10)


def _open(source: Source) -> tuple[IO[bytes], str | None, bool]:
    """The binary stream, its path for messages, and whether we must close it."""
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        return open(path, "rb"), path, True
    if hasattr(source, "read"):
        name = getattr(source, "name", None)
        return source, name if isinstance(name, str) else None, False
    raise TypeError(f"source must be a path or a binary file object, not {type(source).__name__}")


def _readable_extension(name: str, extensions: frozenset[str]) -> bool:
    base = strip_compression(name).lower()
    return any(base.endswith(ext) for ext in extensions)


def expand_paths(sources: Iterable[Source], *, glob_patterns: bool = False) -> Iterator[Source]:
    """Each source, with directories replaced by the files under them that a format reads.

    A directory gives the files under it, recursively, sorted by path; hidden files and
    directories (a name starting with ``.``) are skipped, and so are files whose extension
    (after a compression extension such as ``.gz``) no readable format claims. With
    ``glob_patterns``, a string that names no file and holds ``*``, ``?`` or ``[`` is
    expanded as a glob pattern (``**`` included), and the directories it matches as above.

    Raises:
        Nothing itself; a directory that cannot be listed is skipped as ``os.walk`` does.
    """
    extensions: frozenset[str] | None = None
    for source in sources:
        if not isinstance(source, (str, os.PathLike)):
            yield source
            continue
        path = os.fspath(source)
        if glob_patterns and not os.path.exists(path) and any(c in path for c in "*?["):
            yield from expand_paths(sorted(glob.glob(path, recursive=True)))
            continue
        if not os.path.isdir(path):
            yield source
            continue
        if extensions is None:
            extensions = frozenset(
                ext.lower() for f in default_registry().formats().values() if f.can_read
                for ext in f.extensions
            )
        found: list[tuple[tuple[str, ...], str]] = []
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            rel = os.path.relpath(root, path)
            parts = () if rel == os.curdir else tuple(rel.split(os.sep))
            found.extend(((*parts, name), os.path.join(root, name)) for name in files
                         if not name.startswith(".") and _readable_extension(name, extensions))
        yield from (full for _, full in sorted(found))


def _many(source: Sources) -> bool:
    return not isinstance(source, (str, bytes, os.PathLike)) and not hasattr(source, "read")


def iter_read(
    source: Sources,
    format: str | None = None,
    *,
    strict: bool = False,
    encoding: str | None = None,
    max_line_length: int | None = DEFAULT_MAX_LINE_LENGTH,
    max_document_size: int | None = DEFAULT_MAX_DOCUMENT_SIZE,
) -> Iterator[Document]:
    """Read documents from files, streaming: each is yielded as soon as it is complete.

    Memory stays flat whatever the size of the input: it is read in chunks of
    :data:`CHUNK_SIZE` bytes, and the limits bound what one line or one document can hold.

    Args:
        source: A path, a directory (the files under it that a format reads, recursively,
            in sorted order), a binary file object (``open(p, "rb")``,
            ``sys.stdin.buffer``), or a list of these, read one after the other. gzip,
            bzip2, xz (and Zstandard, with the ``zstandard`` package) input is decompressed
            on the fly, recognised by its magic bytes.
        format: A format name; by default the path's extension decides (``.txt.gz`` is
            ``.txt``), then sniffing the first bytes.
        strict: Raise at the first problem instead of recording diagnostics.
        encoding: Decode with this encoding instead of detecting it. By default: the
            encoding a byte-order mark names; UTF-8 if the first megabyte is valid UTF-8;
            otherwise a guess (charset-normalizer when installed, else cp1252), reported as
            an ``encoding-detected`` diagnostic and recorded in ``Source.encoding``.
        max_line_length: Characters of a line kept (``None``: no limit); the rest of a longer
            line is dropped and reported as ``line-too-long``.
        max_document_size: Characters of a document kept (``None``: no limit), for formats
            that group lines into documents (scraped text); the rest of a longer document is
            dropped and reported as ``document-too-large``.

    Yields:
        Each document, with provenance (path, format, encoding, offsets and lines into the
        decoded text, byte offset in the decompressed input) and the diagnostics found while
        reading it (undecodable bytes and cut text included).

    Raises:
        OSError: a file cannot be opened or read.
        TypeError: ``source`` is neither a path nor a binary file object.
        ValueError: a limit is not a positive integer.
        LookupError: ``encoding`` is not an encoding Python knows.
        ImportError: the input is Zstandard and ``zstandard`` is not installed.
        newsdoc.exceptions.UnknownFormatError: no format fits.
        newsdoc.exceptions.ParseError: only with ``strict=True``: the first problem, with
            path, line and column.

    >>> import io, newsdoc
    >>> data = "Café\\r\\n\\r\\nTT\\r\\n\\r\\nCafé\\r\\n\\r\\nBody.".encode("cp1252")
    >>> doc = newsdoc.read(io.BytesIO(data), "scraped-text")[0]
    >>> doc.title, doc.source.encoding, [d.code for d in doc.diagnostics]
    ('Café', 'cp1252', ['encoding-detected'])

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       Several sources, directories, compressed input, detected encodings, limits.
    """
    max_line_length = check_limit(max_line_length, "max_line_length")
    max_document_size = check_limit(max_document_size, "max_document_size")
    if encoding is not None:
        codecs.lookup(encoding)
    sources: Iterable[Source] = source if _many(source) else (source,)  # type: ignore[assignment]
    for one in expand_paths(sources):
        yield from _iter_one(one, format, strict, encoding, max_line_length,
                             max_document_size)


def _iter_one(source: Source, format: str | None, strict: bool, encoding: str | None,
              max_line_length: int | None, max_document_size: int | None,
              ) -> Iterator[Document]:
    raw, path, close = _open(source)
    try:
        opened = open_decompressed(raw, path)
        stream = opened.stream
        errors = decompression_errors() if opened.codec else ()
        first, failed = _read_full(stream, errors)
        reporter = Reporter(path=path, strict=strict)
        if opened.note is not None:
            reporter.report("compression-mismatch", opened.note)
        enc, note = choose_encoding(first, encoding, final=len(first) < max(CHUNK_SIZE, 4))
        if note is not None:
            reporter.report("encoding-detected", note, text=enc, severity=Severity.INFO)
        sniff = first[:SNIFF_BYTES].decode(enc, errors="replace").lstrip("\ufeff")
        fmt = default_registry().detect(
            format=format, path=strip_compression(path) if path is not None else None,
            prefix=sniff,
        )
        if fmt.binary:  # a format that reads bytes (WARC): hand it the decompressed stream
            yield from _read_binary(fmt, first, stream, failed, path, strict, reporter.pending)
            return
        lone_cr = lone_cr_line_ends(sniff)
        decoder = Decoder(stream=stream, first=first, encoding=enc, reporter=reporter,
                          universal=lone_cr, errors=errors, failed=failed,
                          chunk_size=CHUNK_SIZE)
        options = ReadOptions(path=path, strict=strict, encoding=enc,
                              max_line_length=max_line_length,
                              max_document_size=max_document_size, reporter=reporter,
                              byte_offsets=decoder.offsets.byte_offset)
        yield from documents(fmt, decoder.chunks(), options, lone_cr=lone_cr)
    finally:
        if close:
            raw.close()


class _Rejoined(io.RawIOBase):
    """The bytes already read for sniffing, then the rest of the stream (or the error that
    stopped the first read, raised once they are consumed)."""

    def __init__(self, first: bytes, stream: Readable, failed: BaseException | None) -> None:
        self._first = first
        self._stream = stream
        self._failed = failed

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._first:
            n = min(len(buffer), len(self._first))
            buffer[:n] = self._first[:n]
            self._first = self._first[n:]
            return n
        if self._failed is not None:
            failed, self._failed = self._failed, None
            raise failed
        data = self._stream.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _read_binary(fmt: Format, first: bytes, stream: Readable, failed: BaseException | None,
                 path: str | None, strict: bool, pending: list[Diagnostic],
                 ) -> Iterator[Document]:
    """Run a binary format's reader; diagnostics found before it (a compression mismatch)
    go on its first document. Decompression errors reach the reader as read errors."""
    options = ReadOptions(path=path, strict=strict)
    pending = [d for d in pending if d.code != "encoding-detected"]  # text only
    raw = io.BufferedReader(_Rejoined(first, stream, failed), CHUNK_SIZE)
    for doc in fmt.read_binary(raw, options):
        if pending:
            doc = attrs.evolve(doc, diagnostics=(*pending, *doc.diagnostics))
            pending.clear()
        yield doc


def _read_full(stream: Readable, errors: tuple[type[BaseException], ...],
               ) -> tuple[bytes, BaseException | None]:
    """Up to :data:`CHUNK_SIZE` bytes from a stream that may return fewer at a time, and
    the decompression error that stopped it early, if any (the decoder reports it)."""
    parts: list[bytes] = []
    size = 0
    want = max(CHUNK_SIZE, 4)  # at least a byte-order mark
    while size < want:
        try:
            data = stream.read(want - size)
        except errors as exc:
            return b"".join(parts), exc
        if isinstance(data, str):
            raise TypeError("source must be opened in binary mode ('rb')")
        if not data:
            break
        parts.append(data)
        size += len(data)
    return b"".join(parts), None


def read(
    source: Sources,
    format: str | None = None,
    *,
    strict: bool = False,
    encoding: str | None = None,
    max_line_length: int | None = DEFAULT_MAX_LINE_LENGTH,
    max_document_size: int | None = DEFAULT_MAX_DOCUMENT_SIZE,
) -> list[Document]:
    """Read every document from files. Same arguments and errors as :func:`iter_read`.

    >>> import io, newsdoc
    >>> data = b"Title\\n\\nTT\\n\\nTitle\\n\\nFirst paragraph.\\n\\nSecond."
    >>> [d.title for d in newsdoc.read(io.BytesIO(data), "scraped-text")]
    ['Title']

    Raises:
        OSError: a file cannot be opened or read.
        TypeError: ``source`` is neither a path nor a binary file object.
        ValueError: a limit is not a positive integer.
        LookupError: ``encoding`` is not an encoding Python knows.
        ImportError: the input is Zstandard and ``zstandard`` is not installed.
        newsdoc.exceptions.UnknownFormatError: no format fits.
        newsdoc.exceptions.ParseError: only with ``strict=True``.

    .. versionadded:: 0.1.0
    """
    return list(iter_read(source, format, strict=strict, encoding=encoding,
                          max_line_length=max_line_length,
                          max_document_size=max_document_size))


def loads(
    text: str,
    format: str,
    *,
    strict: bool = False,
    max_line_length: int | None = DEFAULT_MAX_LINE_LENGTH,
    max_document_size: int | None = DEFAULT_MAX_DOCUMENT_SIZE,
) -> list[Document]:
    """Read every document from a string.

    The text goes through the same stage as the text :func:`read` decodes from a file:
    lone ``\\r`` line ends, the limits, a leading byte-order mark (dropped, as decoding
    UTF-8 drops it). So ``loads(text, f)`` gives what ``read(io.BytesIO(text.encode()),
    f)`` gives, diagnostics included.

    Args:
        text: The text (a ``str``; bytes go through ``read(io.BytesIO(data), format)``).
        format: A format name.
        strict: Raise at the first problem instead of recording diagnostics.
        max_line_length: As for :func:`iter_read`.
        max_document_size: As for :func:`iter_read`.

    >>> import newsdoc
    >>> docs = newsdoc.loads("Title\\n\\nTT\\n\\nTitle\\n\\nBody.", "scraped-text")
    >>> docs[0].paragraphs[0].text
    'Body.'

    Raises:
        TypeError: ``text`` is not a ``str``.
        ValueError: a limit is not a positive integer.
        newsdoc.exceptions.UnknownFormatError: no format has that name.
        newsdoc.exceptions.ParseError: only with ``strict=True``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       The text stage of :func:`read`, and the limits.
    """
    if not isinstance(text, str):
        hint = (" bytes go through newsdoc.read(io.BytesIO(data), format), which decodes "
                "them" if isinstance(text, (bytes, bytearray, memoryview)) else "")
        raise TypeError(f"loads() takes the text as a str, not {type(text).__name__};{hint}"
                        if hint else f"loads() takes the text as a str, not "
                        f"{type(text).__name__}")
    options = ReadOptions(strict=strict, max_line_length=max_line_length,
                          max_document_size=max_document_size)
    fmt = default_registry().detect(format=format)
    text = text.removeprefix("\ufeff")
    lone_cr = lone_cr_line_ends(sniff_prefix(text))
    return list(documents(fmt, (text,), options, lone_cr=lone_cr))


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

