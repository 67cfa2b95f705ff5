"""Limits that keep pathological input bounded, and the channel that reports what they cut.

A reader sees text; the layers below it (decoding, line splitting, grouping lines into
documents) find problems a reader never sees: undecodable bytes, a line longer than the
limit, a document that never ends. They put a :class:`~newsdoc.Diagnostic` in a
:class:`Reporter`, and :func:`newsdoc.iter_read` attaches each to the document it concerns.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator

import attrs

from newsdoc._models import Diagnostic, Document, Severity, Span
from newsdoc.exceptions import ParseError

__all__ = [
    "DEFAULT_MAX_DOCUMENT_SIZE",
    "DEFAULT_MAX_LINE_LENGTH",
    "MAX_BLANK_LINES",
    "SAMPLE",
    "LineLimiter",
    "Reporter",
    "check_limit",
    "map_spans",
]

DEFAULT_MAX_LINE_LENGTH = 1 << 20
"""Characters of one line kept by default (1 Mi); the rest of a longer line is dropped
with a ``line-too-long`` diagnostic."""

DEFAULT_MAX_DOCUMENT_SIZE = 2 << 20
"""Characters of one document kept by default (2 Mi, some forty times a long article); the
lines of a longer document are dropped up to its end with a ``document-too-large``
diagnostic."""

MAX_BLANK_LINES = 1 << 16
"""Blank lines of one run a format keeps as layout when a document-size limit is set; the
rest of a longer run (only blank text) is left out of the layout, with a note."""

SAMPLE = 200
"""Characters of dropped text a limit diagnostic keeps, so the user can find it."""


def check_limit(value: int | None, name: str) -> int | None:
    """Validate a limit argument: ``None`` (no limit) or a positive integer.

    Raises:
        TypeError: not an int or ``None``.
        ValueError: not positive.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a positive int or None, not {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, not {value}")
    return value


@attrs.define
class Reporter:
    """Collects the diagnostics found below the reader, in input order.

    With ``strict``, a problem (anything but ``INFO``) raises
    :class:`~newsdoc.exceptions.ParseError` at once instead.
    """

    path: str | None = None
    strict: bool = False
    pending: list[Diagnostic] = attrs.field(factory=list)

    def cut_document(self, first: tuple[str, int, int, str], last: tuple[str, int, int, str],
                     limit: int) -> None:
        """Report the lines ``first`` to ``last`` (line tuples) dropped from a document
        longer than ``limit`` characters.

        Raises:
            newsdoc.exceptions.ParseError: when strict.
        """
        self.add("document-too-large",
                 f"the document is longer than the limit of {limit} characters; its lines "
                 f"{first[2]} to {last[2]} were dropped",
                 Span(start=first[1], end=last[1] + len(last[0]), line=first[2],
                      end_line=last[2]),
                 first[0][:SAMPLE])

    def cut_blank_run(self, line: tuple[str, int, int, str]) -> None:
        """Note that a run of blank lines reached :data:`MAX_BLANK_LINES` at ``line``."""
        self.add("blank-run-too-long",
                 f"more than {MAX_BLANK_LINES} blank lines in a row; the layout keeps the "
                 f"first {MAX_BLANK_LINES} of them",
                 Span(start=line[1], end=line[1] + len(line[0]), line=line[2]), line[0],
                 Severity.INFO)

    def add(self, code: str, message: str, span: Span | None, text: str = "",
            severity: Severity = Severity.WARNING) -> None:
        """Record a diagnostic (or raise it, when strict and not ``INFO``).

        Raises:
            newsdoc.exceptions.ParseError: ``strict`` and ``severity`` is not ``INFO``.
        """
        if self.strict and severity is not Severity.INFO:
            raise ParseError(message, path=self.path, line=span.line if span else 0,
                             column=span.column if span else 0, source_line=text[:SAMPLE],
                             code=code)
        self.pending.append(Diagnostic(code=code, message=message, severity=severity,
                                       span=span, text=text, path=self.path))


class LineLimiter:
    """Caps every line of a stream of text chunks at ``limit`` characters.

    What it drops is reported as ``line-too-long`` (with the span it had in the input), and
    remembered, so that :meth:`remap` can give the spans of documents read from the capped
    text back their exact offsets in the input. Work is per chunk (a few ``str.find``
    calls), line by line only in a chunk that holds an overlong line.
    """

    def __init__(self, limit: int, reporter: Reporter) -> None:
        self.limit = limit
        self.reporter = reporter
        self.drops_at: list[int] = []  # offsets in the capped text where text was dropped
        self.drops_total: list[int] = []  # characters dropped up to and including each
        self._pos = 0  # characters passed on
        self._orig = 0  # characters taken in
        self._run = 0  # characters of the current line taken in so far
        self._line = 1
        self._line_start = 0  # input offset of the current line
        self._sample = ""
        self._cr = False  # the current line's last character so far is "\r"

    def chunks(self, chunks: Iterable[str]) -> Iterator[str]:
        """The chunks with each line cut to the limit.

        Raises:
            newsdoc.exceptions.ParseError: a line is over the limit and the reporter is
                strict.
        """
        limit = self.limit
        for chunk in chunks:
            n = len(chunk)
            first = chunk.find("\n")
            if first < 0:
                if self._run + n <= limit:
                    self._run += n
                    self._pos += n
                    self._orig += n
                    self._cr = chunk.endswith("\r")
                    yield chunk
                else:
                    kept = self._extend(chunk)
                    if kept:
                        yield kept
                continue
            last = chunk.rfind("\n")
            if self._run + first <= limit and last - first <= limit and n - last - 1 <= limit:
                self._line += chunk.count("\n")
                self._line_start = self._orig + last + 1
                self._run = n - last - 1
                self._pos += n
                self._orig += n
                self._cr = chunk.endswith("\r")
                yield chunk
                continue
            out: list[str] = []
            start = 0
            while True:
                end = chunk.find("\n", start)
                if end < 0:
                    out.append(self._extend(chunk[start:]))
                    break
                out.append(self._extend(chunk[start:end], eol_follows=True))
                self._end_line()
                out.append("\n")
                start = end + 1
            yield "".join(out)
        if self._run > limit:
            self._report(end_of_line=False)

    def _extend(self, piece: str, eol_follows: bool = False) -> str:
        """Take ``piece`` (no line end) onto the current line; return what is kept. When a
        ``\\n`` follows it, a ``\\r`` that ends it is the line end's, not the line's."""
        n = len(piece)
        if n:
            self._cr = piece.endswith("\r")
        keep = self.limit - self._run
        if eol_follows and self._cr and n - 1 <= keep:
            keep = n  # the line fits; its "\r" goes with the "\n" after it
        if keep >= n:
            self._run += n
            self._pos += n
            self._orig += n
            return piece
        keep = max(keep, 0)
        if self._run <= self.limit:  # the first cut of this line: keep a sample
            self._sample = piece[keep:keep + SAMPLE]
        at = self._pos + keep
        dropped = n - keep
        if self.drops_at and self.drops_at[-1] == at:
            self.drops_total[-1] += dropped
        else:
            self.drops_at.append(at)
            self.drops_total.append((self.drops_total[-1] if self.drops_total else 0) + dropped)
        self._run += n
        self._pos += keep
        self._orig += n
        return piece[:keep]

    def _end_line(self) -> None:
        if self._run - self._cr > self.limit:
            self._report()
        self._line += 1
        self._pos += 1
        self._orig += 1
        self._line_start = self._orig
        self._run = 0

    def _report(self, end_of_line: bool = True) -> None:
        limit, length = self.limit, self._run
        if end_of_line and self._cr:
            length -= 1  # the "\r" of a "\r\n" line end is not part of the line
        sample = self._sample[:length - limit]
        self.reporter.add(
            "line-too-long",
            f"line {self._line} is {length} characters long, over the limit of {limit}; the "
            f"{length - limit} characters after the first {limit} were dropped",
            Span(start=self._line_start + limit, end=self._line_start + length,
                 line=self._line, column=limit + 1),
            sample,
        )

    def offset(self, pos: int) -> int:
        """The input offset of offset ``pos`` of the capped text."""
        i = bisect.bisect_left(self.drops_at, pos)
        return pos + self.drops_total[i - 1] if i else pos

    def remap(self, doc: Document) -> Document:
        """``doc`` (read from the capped text) with every span moved to input offsets."""
        if not self.drops_at:
            return doc
        src = doc.source
        if src is not None and src.span is not None and src.span.end <= self.drops_at[0]:
            return doc
        return map_spans(doc, self._span)

    def _span(self, span: Span | None) -> Span | None:
        if span is None:
            return None
        return attrs.evolve(span, start=self.offset(span.start), end=self.offset(span.end))


def map_spans(doc: Document, f: Callable[[Span | None], Span | None]) -> Document:
    """``doc`` with ``f`` applied to every span it holds (its own, its source's, its
    captions', paragraphs' and diagnostics')."""
    src = doc.source
    return attrs.evolve(
        doc,
        title_span=f(doc.title_span),
        source=attrs.evolve(src, span=f(src.span)) if src is not None else None,
        images=tuple(attrs.evolve(i, span=f(i.span), caption=attrs.evolve(
            i.caption, span=f(i.caption.span)) if i.caption is not None else None)
            for i in doc.images),
        paragraphs=tuple(attrs.evolve(p, span=f(p.span)) for p in doc.paragraphs),
        diagnostics=tuple(attrs.evolve(d, span=f(d.span)) for d in doc.diagnostics),
    )
