"""Splitting streamed text into lines, shared by the line-based formats."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsdoc._limits import Reporter

__all__ = ["Line", "Lines", "TextStream", "iter_lines"]

Line = tuple[str, int, int, str]
"""A line: its text without the line end, its start offset, its 1-based number, its line
end (``"\\n"``, ``"\\r\\n"``, or ``""`` for a last line with none)."""


class TextStream:
    """The decoded text :func:`newsdoc.iter_read` hands a format's reader: an iterable of
    chunks (a chunk may end inside a line) that also carries what a reader grouping lines
    into documents needs to bound them.

    Attributes:
        chunks: The text, in chunks of any size; lines already cut to the line limit, and
            lone ``\\r`` line ends already read as ``\\n``.
        max_document_size: Characters of one document to keep, or ``None`` for no limit.
        reporter: Where to report what a limit cut (with input offsets).
    """

    __slots__ = ("chunks", "max_document_size", "reporter")

    def __init__(self, chunks: Iterable[str], *, max_document_size: int | None = None,
                 reporter: Reporter | None = None) -> None:
        self.chunks = chunks
        self.max_document_size = max_document_size
        self.reporter = reporter if reporter is not None else Reporter()

    def __iter__(self) -> Iterator[str]:
        return iter(self.chunks)


class Lines:
    """The lines :func:`iter_lines` yields. Given a :class:`TextStream`, it carries the
    stream's document-size limit and reporter on to the format that groups lines into
    documents. Iterating it iterates the line generator itself (no per-line indirection).
    """

    __slots__ = ("_lines", "max_document_size", "reporter")

    def __init__(self, lines: Iterator[Line], max_document_size: int | None = None,
                 reporter: Reporter | None = None) -> None:
        self._lines = lines
        self.max_document_size = max_document_size
        self.reporter = reporter

    def __iter__(self) -> Iterator[Line]:
        return self._lines

    def __next__(self) -> Line:
        return next(self._lines)


def iter_lines(chunks: Iterable[str]) -> Lines:
    """Split text chunks of any size into lines with their offsets and line numbers.

    ``\\n`` and ``\\r\\n`` end lines; the result does not depend on where chunks are cut.

    >>> list(iter_lines(["ab\\r", "\\ncd"]))
    [('ab', 0, 1, '\\r\\n'), ('cd', 4, 2, '')]
    """
    if isinstance(chunks, TextStream):
        return Lines(_split(chunks), chunks.max_document_size, chunks.reporter)
    return Lines(_split(chunks))


def _split(chunks: Iterable[str]) -> Iterator[Line]:
    carry: list[str] = []
    pos = 0
    lineno = 1
    for chunk in chunks:
        if "\n" not in chunk:
            if chunk:
                carry.append(chunk)
            continue
        if carry:
            carry.append(chunk)
            chunk = "".join(carry)
        parts = chunk.split("\n")
        last = parts.pop()
        carry = [last] if last else []
        for part in parts:
            if part.endswith("\r"):
                yield part[:-1], pos, lineno, "\r\n"
            else:
                yield part, pos, lineno, "\n"
            pos += len(part) + 1
            lineno += 1
    if carry:
        yield "".join(carry), pos, lineno, ""
