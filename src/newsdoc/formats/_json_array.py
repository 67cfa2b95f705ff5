"""Reading a JSON array element by element from text chunks, in flat memory.

:func:`iter_array` yields each top-level element of ``[v, v, ...]`` as soon as it is
complete, with where it starts, and yields a :class:`Problem` for what is wrong (an invalid
element, a missing separator, an array cut off before its ``]``) instead of giving up on the
whole input. Memory holds one element and one chunk, whatever the size of the array.

The common case costs one :meth:`json.JSONDecoder.raw_decode` call per element over the
buffered text. Only an element that the buffer does not hold whole (it straddles a chunk
boundary, or it is invalid) is scanned by hand to find its extent: strings (with their
escapes) and nesting are followed across chunks, then the element's text is parsed once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

import attrs

__all__ = ["Element", "Problem", "iter_array"]

_WS = re.compile(r"[ \t\n\r]*")
_IN_STRING = re.compile(r'["\\]')
_STRUCTURE = re.compile(r'["\[\]{}]')
_SCALAR_END = re.compile(r"[,\]\}]")
_CLOSED = frozenset('}]"')
_DECODER = json.JSONDecoder()
_RETRY = 1 << 16  # an element up to this long is parsed again with the next chunk
_SHOWN = 200  # characters of a line kept either side of a problem in ``source_line``


@attrs.frozen
class Element:
    """One complete top-level element of the array.

    Attributes:
        index: Its position in the array, from 0.
        value: The parsed JSON value.
        text: Its JSON text, verbatim.
        start: Offset of its first character in the text read.
        line: 1-based line of its first character.
        column: 1-based column of its first character.
    """

    index: int
    value: object
    text: str
    start: int
    line: int
    column: int


@attrs.frozen
class Problem:
    """Something wrong with the array, found at ``line``/``column``.

    Attributes:
        code: ``"invalid-json"`` (bad syntax, the element or the separator around it),
            ``"truncated-json"`` (the input ends before the array does),
            ``"element-too-large"`` (an element over ``max_element_size``, skipped) or
            ``"not-an-array"`` (the input is not a JSON array).
        message: What is wrong, for people.
        line: 1-based line of the problem.
        column: 1-based column of the problem.
        offset: Offset of the problem in the text read.
        source_line: The line of the problem (at most a few hundred characters around it).
        text: The text the problem concerns, never empty: an invalid or cut-off element
            (cut to ``max_element_size``), or else the text around the problem to show.
        start: Offset of ``text`` in the text read when it is an element, else ``None``.
        start_line: 1-based line of the start of an element ``text``, else 0.
        start_column: 1-based column of the start of an element ``text``, else 0.
        index: Position in the array of the element concerned, if any.
    """

    code: str
    message: str
    line: int
    column: int
    offset: int
    source_line: str
    text: str
    start: int | None
    start_line: int
    start_column: int
    index: int | None


class _Buffer:
    """Buffered text with its global offsets and line numbers.

    ``buf[pos:]`` is text not consumed yet; ``base`` is the global offset of ``buf[0]``.
    Text before ``pos`` is dropped when more is read, after its lines are counted, except the
    last ``_SHOWN`` characters (what is shown of a problem does not depend on the chunks).
    """

    __slots__ = ("_chunks", "_counted", "_line", "_line_start", "base", "buf", "eof", "pos")

    def __init__(self, chunks: Iterable[str]) -> None:
        self._chunks = iter(chunks)
        self.buf = ""
        self.pos = 0
        self.base = 0
        self.eof = False
        self._counted = 0  # global offset up to which lines are counted
        self._line = 1  # the line at ``_counted``
        self._line_start = 0  # global offset where that line starts

    def fill(self, *, drop: bool = True) -> bool:
        """Read the next chunk; ``False`` at the end of input. With ``drop``, consumed text
        is dropped first, but for the ``_SHOWN`` characters before ``pos``."""
        for chunk in self._chunks:
            if chunk:
                if drop:
                    here = self.base + self.pos
                    self._count_to(here)
                    keep = max(here - _SHOWN, self.base) - self.base
                    self.buf = self.buf[keep:] + chunk
                    self.base += keep
                    self.pos -= keep
                else:
                    self.buf += chunk
                return True
        self.eof = True
        return False

    def peek(self, *, bom: bool = False) -> str:
        """The next character after whitespace (``pos`` moves to it); ``""`` at the end."""
        while True:
            if bom and self.base + self.pos == 0 and self.buf[:1] == "\ufeff":
                self.pos += 1
            self.pos = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.fill():
                return ""

    def _count_to(self, offset: int) -> None:
        if offset <= self._counted:
            return
        buf, lo, hi = self.buf, self._counted - self.base, offset - self.base
        n = buf.count("\n", lo, hi)
        if n:
            self._line += n
            self._line_start = self.base + buf.rindex("\n", lo, hi) + 1
        self._counted = offset

    def where(self, offset: int) -> tuple[int, int]:
        """Line and column (1-based) of a global offset, at or after any asked before."""
        self._count_to(offset)
        return self._line, offset - self._line_start + 1

    def source_line(self, offset: int) -> str:
        """The line holding ``offset``, at most ``_SHOWN`` characters either side of it
        (reading on if needed); ``""`` when that text is no longer buffered."""
        i = offset - self.base
        if i < 0:
            return ""  # no longer buffered
        while (not self.eof and self.buf.find("\n", i, i + _SHOWN) < 0
               and len(self.buf) < i + _SHOWN):
            self.fill(drop=False)
        buf = self.buf
        i = min(i, len(buf))
        lo = max(buf.rfind("\n", max(i - _SHOWN, 0), i) + 1, i - _SHOWN, 0)
        hi = buf.find("\n", i, i + _SHOWN)
        return buf[lo:hi if hi >= 0 else i + _SHOWN].rstrip("\r")

    def context(self, offset: int) -> str:
        """Text to show for a problem at ``offset``: its line, or when that is blank the
        last line before it that is not (within ``_SHOWN`` characters), or else the blank
        text before it."""
        line = self.source_line(offset)
        if line.strip():
            return line
        i = min(offset - self.base, len(self.buf))
        window = self.buf[max(i - _SHOWN, 0):i]
        last = window.rstrip().rsplit("\n", 1)[-1].rstrip("\r")
        return last or window or line


class _Array:
    """The element-by-element reader behind :func:`iter_array`."""

    def __init__(self, chunks: Iterable[str], max_element_size: int | None) -> None:
        self.b = _Buffer(chunks)
        self.limit = max_element_size

    def problem(self, code: str, message: str, offset: int, *,
                element: tuple[str, int, tuple[int, int]] | None = None,
                index: int | None = None, source_line: bool = True) -> Problem:
        """A problem at ``offset``, about an ``element`` (its text, offset, line and
        column) or else about the text around ``offset``."""
        b = self.b
        if element is not None and offset == element[1]:
            line, column = element[2]
        else:
            line, column = b.where(offset)
        shown = b.source_line(offset) if source_line else ""
        if element is None:
            return Problem(code=code, message=message, line=line, column=column,
                           offset=offset, source_line=shown, text=b.context(offset),
                           start=None, start_line=0, start_column=0, index=index)
        text, start, (start_line, start_column) = element
        return Problem(code=code, message=message, line=line, column=column, offset=offset,
                       source_line=shown, text=text, start=start, start_line=start_line,
                       start_column=start_column, index=index)

    def run(self) -> Iterator[Element | Problem]:
        b = self.b
        c = b.peek(bom=True)
        if not c:
            return  # no input (or only whitespace): no documents
        if c != "[":
            yield self.problem("not-an-array", "a newsdoc JSON file holds one array of "
                               "documents", b.base + b.pos)
            self.drain()
            return
        b.pos += 1
        index = 0
        want_value, after_comma = True, False
        while True:
            c = b.peek()
            here = b.base + b.pos
            if not c:
                yield self.problem("truncated-json", "the input ends inside the JSON array "
                                   f"(after {index} element{'s' if index != 1 else ''}); "
                                   "expected " + ("a value" if want_value else "',' or ']'"),
                                   here)
                return
            if (c == "]") if want_value else (c in ",]"):
                b.pos += 1
                if c == ",":
                    want_value, after_comma = True, True
                    continue
                if after_comma:
                    yield self.problem("invalid-json", "a ',' with no element after it "
                                       "before ']'", here)
                break
            if want_value and c == ",":
                yield self.problem("invalid-json", f"expected element {index}, found ','",
                                   here)
                b.pos += 1
                continue
            if not want_value:  # read on as if the ',' were there
                yield self.problem("invalid-json", f"expected ',' or ']' after element "
                                   f"{index - 1}, found {c!r}", here)
            item = self.element(index)
            yield item
            if isinstance(item, Problem) and item.code == "truncated-json":
                return
            index += 1
            want_value, after_comma = False, False
        if b.peek():
            yield self.problem("invalid-json", "extra data after the JSON array",
                               b.base + b.pos)
            self.drain()

    def drain(self) -> None:
        b = self.b
        b.pos = len(b.buf)
        while b.fill():
            b.pos = len(b.buf)

    def element(self, index: int) -> Element | Problem:
        b = self.b
        for retry in (False, True):  # once more with the next chunk: most elements fit then
            buf, start = b.buf, b.pos
            try:
                value, end = _DECODER.raw_decode(buf, start)
            except json.JSONDecodeError:
                pass
            else:  # complete unless it may go on in the next chunk (a number), or too large
                if ((end < len(buf) or buf[end - 1] in _CLOSED)
                        and (self.limit is None or end - start <= self.limit)):
                    b.pos = end
                    line, column = b.where(b.base + start)
                    return Element(index=index, value=value, text=buf[start:end],
                                   start=b.base + start, line=line, column=column)
            if retry or b.eof or len(buf) - start > _RETRY or not b.fill():
                break
        return self.slow_element(index)

    def slow_element(self, index: int) -> Element | Problem:
        """The element at ``pos`` that the buffer may not hold whole: find its end first."""
        b = self.b
        gstart = b.base + b.pos
        at = b.where(gstart)  # before any of the element's text is dropped
        end, kept = self.extent()
        if end is None:
            cut = b.base + len(b.buf)
            text = kept if kept is not None else b.buf[gstart - b.base:]
            return self.problem("truncated-json", f"the input ends inside element {index} "
                                "of the JSON array", cut, element=(text, gstart, at),
                                index=index)
        if kept is not None:
            b.pos = end - b.base
            return self.problem("element-too-large", f"element {index} of the JSON array is "
                                f"longer than {self.limit} characters; it is skipped",
                                gstart, element=(kept, gstart, at), index=index,
                                source_line=False)
        i, j = gstart - b.base, end - b.base
        text = b.buf[i:j].rstrip(" \t\r\n")
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            problem = self.problem("invalid-json", f"element {index} of the JSON array is "
                                   f"not valid JSON: {exc.msg}", gstart + exc.pos,
                                   element=(text, gstart, at), index=index)
            b.pos = j  # source_line() only appends to the buffer
            return problem
        b.pos = j
        line, column = b.where(gstart)
        return Element(index=index, value=value, text=text, start=gstart, line=line,
                       column=column)

    def extent(self) -> tuple[int | None, str | None]:
        """The global offset just past the element at ``pos`` (``None``: the input ends
        first), reading more input as needed; and, when the element is over the limit, the
        first ``limit`` characters of it (the rest is not kept), else ``None``."""
        b = self.b
        gstart = b.base + b.pos
        scan = gstart  # global offset scanned up to
        kept: str | None = None
        scalar = b.buf[b.pos] not in '{["'
        depth = 0
        in_string = False
        while True:
            buf, base = b.buf, b.base
            i = scan - base
            while i < len(buf):
                if scalar:
                    m = _SCALAR_END.search(buf, i)
                    if m is None:
                        i = len(buf)
                        break
                    return base + m.start(), kept
                if in_string:
                    m = _IN_STRING.search(buf, i)
                    if m is None:
                        i = len(buf)
                        break
                    i = m.end()
                    if m.group() == "\\":
                        i += 1  # may pass the end of the buffer: the next chunk's first
                        continue
                    in_string = False
                    if depth == 0:
                        return base + i, kept
                    continue
                m = _STRUCTURE.search(buf, i)
                if m is None:
                    i = len(buf)
                    break
                i = m.end()
                ch = m.group()
                if ch == '"':
                    in_string = True
                elif ch in "[{":
                    depth += 1
                else:
                    depth -= 1
                    if depth == 0:
                        return base + i, kept
            scan = base + i
            if self.limit is not None and scan - gstart > self.limit:
                if kept is None:
                    kept = buf[gstart - base:gstart - base + self.limit]
                b.where(min(scan, base + len(buf)))
                b.pos = min(i, len(buf))  # what is scanned need not be kept
            if not b.fill():
                return None, kept


def iter_array(chunks: Iterable[str], *,
               max_element_size: int | None = None) -> Iterator[Element | Problem]:
    """Yield the elements of a JSON array read from text chunks, and its problems.

    The result does not depend on where the chunks are cut. An empty or blank input yields
    nothing. After a problem the reader goes on where it can: an invalid element is
    skipped, a missing ``,`` is read as if it were there; a cut-off array ends the input
    with a ``truncated-json`` problem that holds the text of the incomplete element.

    Args:
        chunks: The text, in chunks of any size.
        max_element_size: Characters one element may hold (``None``: no limit); a longer
            element is skipped (an ``element-too-large`` problem) without being kept.

    Yields:
        :class:`Element` and :class:`Problem` items, in input order.

    Raises:
        Nothing itself; the chunks' own errors pass through.

    >>> def show(chunks):
    ...     return [x.value if isinstance(x, Element) else x.code for x in iter_array(chunks)]
    >>> show(['[{"a": 1}, [2', ']]'])
    [{'a': 1}, [2]]
    >>> show(['[{"a": 1}, {"b"'])
    [{'a': 1}, 'truncated-json']
    """
    return _Array(chunks, max_element_size).run()
