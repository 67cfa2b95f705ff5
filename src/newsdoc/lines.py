"""Lines for format readers: text chunks split into typed line records, limits applied.

A line-based reader (newsdoc's scraped-text and JSON Lines readers, or yours) gets its text
as chunks of any size; :func:`iter_lines` turns them into :class:`Line` records with their
exact positions in the text, cuts each line to ``options.max_line_length`` and reports what
it cut through ``options``, as every reader must.

>>> import newsdoc
>>> from newsdoc.lines import iter_lines
>>> lines = list(iter_lines(["Title\\r\\n\\r", "\\nBody."], newsdoc.ReadOptions()))
>>> [(ln.text, ln.start, ln.number, ln.end) for ln in lines]
[('Title', 0, 1, '\\r\\n'), ('', 7, 2, '\\r\\n'), ('Body.', 9, 3, '')]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from newsdoc._models import Span
from newsdoc._pipeline._limits import SAMPLE
from newsdoc._registry import ReadOptions

__all__ = ["Line", "iter_lines"]


class Line(NamedTuple):
    """One line of the text, where it is, and how it ended.

    Immutable. A named tuple rather than an attrs class because a reader makes one for every
    line of its input: this one costs about a tenth as much to make, and
    :func:`iter_lines` makes most of them without running Python code per line.

    Attributes:
        text: The line without its line end (cut to the line-length limit).
        start: Offset of its first character in the text (in characters, from 0).
        number: Its 1-based line number.
        end: Its line end: ``"\\n"``, ``"\\r\\n"``, or ``""`` for a last line without one.

    .. versionadded:: 0.1.0
    """

    text: str
    start: int
    number: int
    end: str

    @property
    def span(self) -> Span:
        """The :class:`~newsdoc.Span` of the line's text (column 1, one line)."""
        return Span(start=self.start, end=self.start + len(self.text), line=self.number)

    @property
    def blank(self) -> bool:
        """Whether the line is empty or only whitespace."""
        return not self.text or self.text.isspace()


_make: Callable[[tuple[str, int, int, str]], Line] = functools.partial(tuple.__new__, Line)
_ends_cr = operator.methodcaller("endswith", "\r")
_count_cr = operator.methodcaller("count", "\r")


class _Splitter:
    """One split: the line carried over from chunk to chunk, and where we are."""

    def __init__(self, options: ReadOptions | None) -> None:
        self.limit = options.max_line_length if options is not None else None
        self.options = options
        self.pos = 0  # offset of the next line
        self.number = 1  # its number
        self._reset()

    def _reset(self) -> None:
        self.carry: list[str] = []  # the start of the next line, at most limit + 1 characters
        self.kept = 0  # characters in carry
        self.carried = 0  # characters of the next line seen so far, kept or not
        self.sample = ""  # the first characters dropped from it
        self.cr = False  # the last character seen of it is "\r"

    def take(self, chunk: str) -> None:
        """Carry ``chunk`` (non-empty, no ``\n``), keeping at most the limit plus one
        character of the line (the one more may be the ``\r`` of a ``\r\n``)."""
        self.carried += len(chunk)
        self.cr = chunk.endswith("\r")
        room = len(chunk) if self.limit is None else self.limit + 1 - self.kept
        if room >= len(chunk):
            self.carry.append(chunk)
            self.kept += len(chunk)
            return
        if room > 0:
            self.carry.append(chunk[:room])
            self.kept += room
            chunk = chunk[room:]
        if len(self.sample) <= SAMPLE:
            self.sample += chunk[:SAMPLE + 1 - len(self.sample)]

    def lines(self, parts: list[str], has_cr: bool) -> Iterator[Line]:
        """The lines of ``parts`` (each ended by ``\n``), the carried text joined to the
        first."""
        if self.carry:
            if parts[0]:
                self.take(parts[0])
            has_cr = has_cr or any("\r" in c for c in self.carry)
            parts[0] = "".join(self.carry)
        length0, cr0, sample0 = self.carried or len(parts[0]), self.cr, self.sample
        if not self.carry:
            cr0 = parts[0].endswith("\r")
        self._reset()
        pos, number, limit, n = self.pos, self.number, self.limit, len(parts)
        self.pos = pos + sum(map(len, parts)) + n + (length0 - len(parts[0]))
        self.number = number + n
        if length0 == len(parts[0]) and (limit is None or max(map(len, parts)) <= limit):
            # The usual cases, with no Python code run per line.
            if not has_cr:
                ends = itertools.repeat("\n")
                texts = parts
            elif all(map(_ends_cr, parts)) and sum(map(_count_cr, parts)) == n:
                ends = itertools.repeat("\r\n")
                texts = [p[:-1] for p in parts]
            else:
                texts = []
            if texts:
                starts = itertools.accumulate(
                    map(operator.add, map(len, parts), itertools.repeat(1)), initial=pos)
                yield from map(_make, zip(texts, starts, itertools.count(number), ends))
                return
        for i, part in enumerate(parts):
            if i:
                length0, cr0, sample0 = len(part), part.endswith("\r"), ""
            yield self.line(part, length0, pos, number + i, "\n", cr0, sample0)
            pos += length0 + 1

    def line(self, part: str, length: int, pos: int, number: int, nl: str, cr: bool,
             sample: str) -> Line:
        """The line from ``part``, which had ``length`` characters in the input (line end
        excluded, the ``\r`` of a ``\r\n`` included) and may already be cut."""
        if nl and cr:
            nl = "\r\n"
            length -= 1
            part = part[:length]
        limit = self.limit
        if limit is not None and length > limit:
            assert self.options is not None
            dropped = (part[limit:] + sample)[:min(SAMPLE, length - limit)]
            part = part[:limit]
            self.options.report(
                "line-too-long",
                f"line {number} is {length} characters long, over the limit of {limit}; the "
                f"{length - limit} characters after the first {limit} were dropped",
                Span(start=pos + limit, end=pos + length, line=number, column=limit + 1),
                text=dropped,
            )
        return _make((part, pos, number, nl))

    def last(self) -> Iterator[Line]:
        """The last line, when the text does not end with a line end."""
        if self.carried:
            yield self.line("".join(self.carry), self.carried, self.pos, self.number, "",
                            False, self.sample)


def iter_lines(chunks: Iterable[str], options: ReadOptions | None = None) -> Iterator[Line]:
    """Split text chunks of any size into lines, with their offsets and line numbers.

    ``\\n`` and ``\\r\\n`` end lines (a lone ``\\r`` is part of its line: the text newsdoc
    hands a reader already has a file's lone-``\\r`` line ends read as ``\\n``). The
    result does not depend on where the chunks are cut. With ``options``, a line longer
    than ``options.max_line_length`` keeps its first ``max_line_length`` characters; the
    rest is dropped (its offsets and line numbers stay those of the input) and reported as
    a ``line-too-long`` diagnostic through ``options`` (raised, when strict). Memory stays
    bounded by the limit, however long a line is.

    Args:
        chunks: The text, in chunks of any size.
        options: The read's options; ``None``: no limit, nothing to report.

    Yields:
        Each :class:`Line`, in order.

    Raises:
        newsdoc.exceptions.ParseError: a line is over the limit and ``options.strict``.

    >>> [ln.text for ln in iter_lines(["ab\\r", "\\ncd"])]
    ['ab', 'cd']
    """
    split = _Splitter(options)
    for chunk in chunks:
        if "\n" not in chunk:
            if chunk:
                split.take(chunk)
            continue
        parts = chunk.split("\n")
        rest = parts.pop()
        yield from split.lines(parts, "\r" in chunk)
        if rest:
            split.take(rest)
    yield from split.last()
