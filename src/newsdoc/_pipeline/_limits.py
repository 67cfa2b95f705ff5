"""The limits that keep pathological input bounded, and the one place that reports problems.

Every stage of reading (decompression, decoding, splitting lines, a format's reader) reports
what it finds through a :class:`Reporter`. The reporter holds the one rule of strictness:
with ``strict``, a problem (anything but ``INFO``) raises
:class:`~newsdoc.exceptions.ParseError` at once; otherwise it becomes a
:class:`~newsdoc.Diagnostic`.
"""

from __future__ import annotations

import attrs

from newsdoc._models import Diagnostic, Severity, Span
from newsdoc.exceptions import ParseError

__all__ = [
    "DEFAULT_MAX_DOCUMENT_SIZE",
    "DEFAULT_MAX_LINE_LENGTH",
    "MAX_BLANK_LINES",
    "SAMPLE",
    "Reporter",
    "check_limit",
]

DEFAULT_MAX_LINE_LENGTH = 1 << 20
"""Characters of one line kept by default (1 Mi); the rest of a longer line is dropped
with a ``line-too-long`` diagnostic."""

DEFAULT_MAX_DOCUMENT_SIZE = 2 << 20
"""Characters of one document kept by default (2 Mi, some forty times a long article); what
a format cannot keep of a longer document is dropped with a ``document-too-large``
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
    """Where a read reports what it finds, honouring ``strict``.

    A format's reader gets one in :attr:`newsdoc.ReadOptions.reporter` (and the shortcuts
    :meth:`newsdoc.ReadOptions.report` and :meth:`newsdoc.ReadOptions.diagnostic`). Two
    ways to report, one rule of strictness:

    - :meth:`diagnostic` builds a diagnostic the reader puts on a document itself;
    - :meth:`report` records a diagnostic newsdoc puts on the document it falls in (by its
      span's start; one without a span goes on the next document yielded). Use it for
      problems found outside any document the reader makes: text a limit dropped, a
      document left out.

    With ``strict``, both raise :class:`~newsdoc.exceptions.ParseError` instead for any
    severity but ``INFO``.

    Attributes:
        path: The file being read, put on each diagnostic (``None`` for text and streams).
        strict: Raise at the first problem.
        pending: What :meth:`report` recorded and newsdoc has not yet placed, in order.

    .. versionadded:: 0.1.0
    """

    path: str | None = None
    strict: bool = False
    pending: list[Diagnostic] = attrs.field(factory=list, repr=False)

    def diagnostic(self, code: str, message: str, span: Span | None = None, *,
                   text: str = "", severity: Severity = Severity.WARNING) -> Diagnostic:
        """A diagnostic for the reader to keep, or, when strict, the error it is.

        Args:
            code: A short kebab-case name (``"missing-tt"``).
            message: One sentence for the user.
            span: Where the problem is in the decoded text, if anywhere.
            text: The offending text as it is in the input (at ``span`` when given).
            severity: How serious it is.

        Returns:
            The :class:`~newsdoc.Diagnostic`, with this reporter's path.

        Raises:
            newsdoc.exceptions.ParseError: ``strict`` and ``severity`` is not ``INFO``; it
                carries the path, ``span``'s line and column and ``text``.
        """
        if self.strict and severity is not Severity.INFO:
            raise ParseError(message, path=self.path, line=span.line if span else 0,
                             column=span.column if span else 0, source_line=text[:SAMPLE],
                             code=code)
        return Diagnostic(code=code, message=message, severity=severity, span=span, text=text,
                          path=self.path)

    def report(self, code: str, message: str, span: Span | None = None, *, text: str = "",
               severity: Severity = Severity.WARNING) -> None:
        """Record a diagnostic for newsdoc to put on the document it falls in.

        Same arguments as :meth:`diagnostic`.

        Raises:
            newsdoc.exceptions.ParseError: ``strict`` and ``severity`` is not ``INFO``.
        """
        self.pending.append(self.diagnostic(code, message, span, text=text,
                                            severity=severity))

    def take(self, before: int | None = None) -> list[Diagnostic]:
        """Remove and return the pending diagnostics that start before offset ``before``
        (and those with no span); all of them when ``before`` is ``None``.

        Raises:
            Nothing.
        """
        pending = self.pending
        if before is None:
            taken = pending[:]
            pending.clear()
            return taken
        taken = [d for d in pending if d.span is None or d.span.start < before]
        if taken:
            pending[:] = [d for d in pending if d.span is not None and d.span.start >= before]
        return taken
