"""The conformance kit: property checks that a format's reader and writer keep newsdoc's
promises.

Each check runs a Hypothesis search (as many examples as the active settings profile asks
for) and raises :class:`ConformanceError`, naming the format, the check, the smallest input
found and what differed, when the format breaks the promise.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
import hypothesis
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from newsdoc._models import Document, Severity, Span
from newsdoc._pipeline._text import documents as _documents_of
from newsdoc._registry import SNIFF_BYTES, Format, ReadOptions
from newsdoc.exceptions import ParseError
from newsdoc.testing._strategies import documents as _documents

__all__ = [
    "CHECKS",
    "ConformanceError",
    "Limits",
    "check_chunked",
    "check_format",
    "check_provenance",
    "check_roundtrip",
    "check_total",
    "verbatim",
]

CHECKS = ("roundtrip", "total", "provenance", "chunked")
"""The names of the checks :func:`check_format` runs, in order."""

_SHOWN = 600  # characters of an input or value shown in a message

# Characters that carry syntax in the common text formats; mutations insert them.
_BLANKS = " \t\r\n\u00a0\ufeff\u2028"
_SYNTAX = "<>&;\"'[]{}:,/\\!?-=#\n\r\t \u00a0\ufeffTT0"


def verbatim(kind: str, source: str, value: str) -> bool:
    """The default ``Limits.span_check``: the source text at a span is the field's text.

    >>> verbatim("title", "Rain in Spain", "Rain in Spain")
    True

    Args:
        kind: ``"title"``, ``"caption"`` or ``"paragraph"`` (ignored).
        source: The source text at the span.
        value: The field's text (``Document.title``, ``Caption.raw``, ``Paragraph.text``).

    Returns:
        Whether they are equal.

    .. versionadded:: 0.1.0
    """
    return source == value


def _same(doc: Document) -> Document:
    return doc


@attrs.frozen(kw_only=True)
class Limits:
    """What a format declares about itself, so the checks know what to expect.

    Attributes:
        documents: A strategy for the documents the writer can represent. ``None`` means
            :func:`newsdoc.testing.documents` (any field values), right for formats that
            keep everything.
        normalize: What reading back the writer's output gives for such a document: the
            format's declared losses (whitespace collapsed, fields it has no place for
            dropped). The identity by default: a lossless round trip.
        texts: A strategy for inputs in the format's own style, read by the totality,
            provenance and streaming checks besides arbitrary text, the writer's output and
            mutations of both (cut short, a slice deleted, syntax characters inserted).
        span_check: ``(kind, source, value) -> bool``: whether ``source``, the input's text
            at the span of a title, caption or paragraph (``kind`` is ``"title"``,
            ``"caption"`` or ``"paragraph"``), is right for the field's text ``value``
            (``Document.title``, ``Caption.raw``, ``Paragraph.text``). By default
            :func:`verbatim`: they are equal. A markup format passes its unescaping here.
            ``None`` checks only that spans are well formed (inside the input, line and
            column matching the offset). A diagnostic's span must always hold its ``text``
            verbatim.
        require_spans: Every non-empty title, caption and paragraph the reader makes from
            the input must carry a span. Turn off for formats that restore provenance
            recorded elsewhere (newsdoc JSON) rather than make it.

    .. versionadded:: 0.1.0
    """

    documents: st.SearchStrategy[Document] | None = None
    normalize: Callable[[Document], Document] = _same
    texts: st.SearchStrategy[str] | None = None
    span_check: Callable[[str, str, str], bool] | None = verbatim
    require_spans: bool = True


class ConformanceError(AssertionError):
    """A format broke one of the promises the conformance kit checks.

    Attributes:
        check: The check that failed (one of :data:`CHECKS`).
        format: The name of the format.
        input: The text read, when the failure is about reading one.

    .. versionadded:: 0.1.0
    """

    def __init__(self, check: str, format: str, problem: str, *, input: str | None = None
                 ) -> None:
        self.check = check
        self.format = format
        self.input = input
        message = f"format {format!r} fails the {check} check: {problem}"
        if input is not None:
            message += f"\n  input ({len(input)} characters): {_show(input)}"
        super().__init__(message)


def _show(value: object) -> str:
    shown = repr(value)
    if len(shown) > _SHOWN:
        shown = shown[:_SHOWN] + f"... ({len(shown) - _SHOWN} more)"
    return shown


# -- running ---------------------------------------------------------------------------------


def _run(strategy: st.SearchStrategy[Any], body: Callable[[Any], None],
         settings: hypothesis.settings | None) -> None:
    """Run ``body`` on examples of ``strategy`` under ``settings`` (by default the active
    profile, with no deadline), never with the too-slow health checks: readers may be slow
    to start, and machines busy."""

    @given(strategy)
    def property_(value: Any) -> None:
        body(value)

    slow = [HealthCheck.too_slow, HealthCheck.data_too_large]
    if settings is not None:  # keep them, but a slow machine is not a broken format
        chosen = hypothesis.settings(settings, suppress_health_check=[
            *settings.suppress_health_check, *slow])
    else:
        chosen = hypothesis.settings(deadline=None, report_multiple_bugs=False,
                                     suppress_health_check=slow)
    chosen(property_)()


def _write(fmt: Format, docs: Sequence[Document]) -> str:
    out = io.StringIO(newline="")
    fmt.write(docs, out)
    return out.getvalue()


def _read(fmt: Format, check: str, chunks: Iterable[str], text: str) -> list[Document]:
    """Read leniently, as newsdoc does (what the reader reports through its options is put
    on the documents); anything raised is a totality failure."""
    try:
        docs = list(_documents_of(fmt, chunks, ReadOptions()))
    except Exception as exc:
        raise ConformanceError(
            check, fmt.name, f"a lenient read raised {type(exc).__name__}: {exc}; it must "
            "keep what it cannot parse as a diagnostic instead", input=text,
        ) from exc
    for doc in docs:
        if not isinstance(doc, Document):
            raise ConformanceError(check, fmt.name, f"read() yielded {type(doc).__name__}, "
                                   "not a newsdoc.Document", input=text)
    return docs


def _inputs(fmt: Format, limits: Limits) -> st.SearchStrategy[str]:
    """Arbitrary text, the format's own texts, the writer's output, and mutations."""
    own: list[st.SearchStrategy[str]] = []
    if limits.texts is not None:
        own.append(limits.texts)
    if fmt.can_write:
        own.append(st.lists(_docs(limits), max_size=3).map(
            lambda docs: _safe_write(fmt, docs)))
    parts: list[st.SearchStrategy[str]] = [
        st.text(), st.text(st.sampled_from(_SYNTAX)), st.text(st.sampled_from(_BLANKS)),
    ]
    if own:
        base = st.one_of(own)
        parts = [base, base.flatmap(_mutations), *parts]
    return st.one_of(parts)


def _docs(limits: Limits) -> st.SearchStrategy[Document]:
    return limits.documents if limits.documents is not None else _documents()


def _safe_write(fmt: Format, docs: Sequence[Document]) -> str:
    try:
        return _write(fmt, docs)
    except Exception:  # the round-trip check reports a writer that refuses; here: no input
        return ""


_INSERTED = st.text(st.sampled_from(_SYNTAX) | st.characters(), min_size=1, max_size=3)


def _mutations(text: str) -> st.SearchStrategy[str]:
    n = len(text)
    pos = st.integers(0, n)
    return st.one_of(
        pos.map(lambda i: text[:i]),  # cut short
        st.tuples(pos, pos).map(lambda ab: text[:min(ab)] + text[max(ab):]),  # slice deleted
        st.tuples(pos, _INSERTED).map(lambda it: text[:it[0]] + it[1] + text[it[0]:]),
        st.tuples(pos, pos).map(lambda ab: text[:max(ab)] + text[min(ab):]),  # slice repeated
    )


# -- the checks ------------------------------------------------------------------------------


def check_roundtrip(fmt: Format, limits: Limits | None = None, *,
                    settings: hypothesis.settings | None = None) -> None:
    """Check that reading the writer's output gives the documents back, within the limits.

    For lists of documents drawn from ``limits.documents``: the writer accepts them;
    reading its output gives ``[limits.normalize(d) for d in docs]`` with no error
    diagnostic; writing what was read gives the same text again; and the format's
    :meth:`~newsdoc.Format.sniff`, when it has one, recognizes the output.

    Args:
        fmt: The format (it must read and write).
        limits: What the format declares; by default a lossless format.
        settings: Hypothesis settings; by default the active profile with no deadline.

    Raises:
        ConformanceError: with the documents or the text that break the promise.
        TypeError: ``fmt`` cannot both read and write.

    .. versionadded:: 0.1.0
    """
    lim = limits or Limits()
    if not (fmt.can_read and fmt.can_write):
        raise TypeError(f"the round-trip check needs a format that reads and writes; "
                        f"{fmt.name!r} does not")
    sniffs = type(fmt).sniff is not Format.sniff

    def body(docs: list[Document]) -> None:
        try:
            text = _write(fmt, docs)
        except Exception as exc:
            raise ConformanceError(
                "roundtrip", fmt.name, f"the writer refused documents the declared limits "
                f"include ({type(exc).__name__}: {exc}): {_show(docs)}",
            ) from exc
        back = _read(fmt, "roundtrip", [text], text)
        expected = [lim.normalize(d) for d in docs]
        if back != expected:
            raise ConformanceError("roundtrip", fmt.name,
                                   "reading the writer's output does not give the documents "
                                   f"back: {_diff(expected, back)}", input=text)
        errors = [d for doc in back for d in doc.diagnostics if d.severity is Severity.ERROR]
        if errors:
            raise ConformanceError("roundtrip", fmt.name, "reading the writer's output "
                                   f"reports an error: {errors[0].format()}", input=text)
        again = _write(fmt, back)
        if again != text:
            raise ConformanceError("roundtrip", fmt.name, "writing the documents read back "
                                   f"gives another text: {_show(again)}", input=text)
        if sniffs and docs and not fmt.sniff(text[:SNIFF_BYTES]):
            raise ConformanceError("roundtrip", fmt.name, "sniff() does not recognize the "
                                   "writer's own output", input=text)

    _run(st.lists(_docs(lim), max_size=4), body, settings)


def check_total(fmt: Format, limits: Limits | None = None, *,
                settings: hypothesis.settings | None = None) -> None:
    """Check that reading is total: any text reads without an exception.

    On arbitrary text, the format's own texts, the writer's output and mutations of them: a
    lenient read yields :class:`~newsdoc.Document` objects and raises nothing; a strict
    read raises nothing but :class:`~newsdoc.exceptions.ParseError`, with a line number
    inside the input; ``sniff`` returns a bool and raises nothing.

    Args:
        fmt: The format (it must read).
        limits: What the format declares.
        settings: Hypothesis settings; by default the active profile with no deadline.

    Raises:
        ConformanceError: with the input that breaks the promise.

    .. versionadded:: 0.1.0
    """
    lim = limits or Limits()

    def body(text: str) -> None:
        try:
            sniffed = fmt.sniff(text[:SNIFF_BYTES])
        except Exception as exc:
            raise ConformanceError("total", fmt.name, f"sniff() raised {type(exc).__name__}: "
                                   f"{exc}", input=text) from exc
        if not isinstance(sniffed, bool):
            raise ConformanceError("total", fmt.name, f"sniff() returned {sniffed!r}, not a "
                                   "bool", input=text)
        _read(fmt, "total", [text], text)
        try:
            list(_documents_of(fmt, [text], ReadOptions(strict=True)))
        except ParseError as exc:
            last = text.count("\n") + 1
            if not (0 <= exc.line <= last and exc.column >= 0):
                raise ConformanceError("total", fmt.name, f"a strict read's ParseError points "
                                       f"at line {exc.line}, column {exc.column}, outside the "
                                       f"input's {last} line(s): {exc}", input=text) from exc
        except Exception as exc:
            raise ConformanceError("total", fmt.name, f"a strict read raised "
                                   f"{type(exc).__name__} ({exc}); it may raise only "
                                   "newsdoc.exceptions.ParseError", input=text) from exc

    _run(_inputs(fmt, lim), body, settings)


def check_provenance(fmt: Format, limits: Limits | None = None, *,
                     settings: hypothesis.settings | None = None) -> None:
    """Check that every recorded position is exact.

    For each document read: every span lies in the input, its ``line``, ``column`` and
    ``end_line`` are those of its offsets (lines counted by ``\\n``, columns in characters
    from 1); the source at a title's, caption's or paragraph's span matches the field's
    text by ``limits.span_check``; the source at a diagnostic's span is its ``text``; the
    parts lie inside the document's ``source.span``; and, with ``limits.require_spans``,
    no non-empty part lacks a span.

    Args:
        fmt: The format (it must read).
        limits: What the format declares.
        settings: Hypothesis settings; by default the active profile with no deadline.

    Raises:
        ConformanceError: naming the field, its span and the input.

    .. versionadded:: 0.1.0
    """
    lim = limits or Limits()

    def body(text: str) -> None:
        for i, doc in enumerate(_read(fmt, "provenance", [text], text)):
            problem = _provenance_problem(text, doc, lim, fmt.name)
            if problem is not None:
                raise ConformanceError("provenance", fmt.name, f"document {i}: {problem}",
                                       input=text)

    _run(_inputs(fmt, lim), body, settings)


def check_chunked(fmt: Format, limits: Limits | None = None, *,
                  settings: hypothesis.settings | None = None) -> None:
    """Check that streaming does not change the result.

    Reading the input cut into chunks at arbitrary places (a chunk may end inside a line,
    a tag or a character escape) gives the same documents, with the same provenance,
    layout and diagnostics, as reading it whole.

    Args:
        fmt: The format (it must read).
        limits: What the format declares.
        settings: Hypothesis settings; by default the active profile with no deadline.

    Raises:
        ConformanceError: with the input and the chunks.

    .. versionadded:: 0.1.0
    """
    lim = limits or Limits()

    inputs = _inputs(fmt, lim)

    @st.composite
    def cut(draw: st.DrawFn) -> tuple[str, list[str]]:
        text = draw(inputs)
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
        if draw(st.booleans()) and len(text) > 1:  # sometimes one character at a time
            return text, list(text)
        bounds = [0, *cuts, len(text)]
        return text, [text[a:b] for a, b in itertools.pairwise(bounds)]

    def body(case: tuple[str, list[str]]) -> None:
        text, chunks = case
        whole = _read(fmt, "chunked", [text], text)
        pieces = _read(fmt, "chunked", iter(chunks), text)
        if pieces != whole:
            raise ConformanceError("chunked", fmt.name, f"read in chunks {_show(chunks)}: "
                                   f"{_diff(whole, pieces)}", input=text)
        for i, (a, b) in enumerate(zip(whole, pieces, strict=True)):
            pa, pb = _provenance(a), _provenance(b)
            if pa != pb:
                field = next(k for k in pa if pa[k] != pb[k])
                raise ConformanceError(
                    "chunked", fmt.name, f"read in chunks {_show(chunks)}: document {i}'s "
                    f"{field} differs: whole {_show(pa[field])}, chunked {_show(pb[field])}",
                    input=text)

    _run(cut(), body, settings)


def check_format(fmt: Format, limits: Limits | None = None, *,
                 checks: Iterable[str] = CHECKS,
                 settings: hypothesis.settings | None = None) -> None:
    """Run the conformance checks that apply to ``fmt``.

    The round trip needs a reader and a writer; the other checks need a reader. A format
    that only writes is checked by none of them (there is nothing to read its output).

    >>> import newsdoc
    >>> from hypothesis import settings
    >>> from newsdoc.testing import Limits, check_format
    >>> check_format(newsdoc.get_format("jsonl"), Limits(require_spans=False),
    ...              checks=["roundtrip", "chunked"], settings=settings(max_examples=20))

    Args:
        fmt: The format instance, as registered (``newsdoc.get_format(name)``) or made
            directly (``MyFormat()``).
        limits: What the format declares; see :class:`Limits`.
        checks: The names of the checks to run (see :data:`CHECKS`).
        settings: Hypothesis settings; by default the active profile with no deadline.

    Raises:
        ConformanceError: at the first check that fails.
        ValueError: ``checks`` names an unknown check.

    .. versionadded:: 0.1.0
    """
    chosen = list(checks)
    unknown = [c for c in chosen if c not in CHECKS]
    if unknown:
        raise ValueError(f"unknown check(s) {unknown}; the checks are {list(CHECKS)}")
    runners: dict[str, Callable[..., None]] = {
        "roundtrip": check_roundtrip, "total": check_total,
        "provenance": check_provenance, "chunked": check_chunked,
    }
    for name in CHECKS:
        if name not in chosen or not fmt.can_read:
            continue
        if name == "roundtrip" and not fmt.can_write:
            continue
        runners[name](fmt, limits, settings=settings)


# -- comparing -------------------------------------------------------------------------------


def _provenance(doc: Document) -> dict[str, object]:
    return {
        "source": doc.source,
        "title_span": doc.title_span,
        "caption spans": [c.span for c in doc.captions],
        "paragraph spans": [p.span for p in doc.paragraphs],
        "layout": doc.layout,
        "diagnostics": doc.diagnostics,
    }


def _diff(expected: Sequence[Document], got: Sequence[Document]) -> str:
    if len(expected) != len(got):
        return (f"expected {len(expected)} document(s), got {len(got)}: expected "
                f"{_show([d.title for d in expected])}, got {_show([d.title for d in got])}")
    for i, (a, b) in enumerate(zip(expected, got, strict=True)):
        if a == b:
            continue
        for field in ("title", "captions", "paragraphs", "chrome"):
            va, vb = getattr(a, field), getattr(b, field)
            if va == vb:
                continue
            if isinstance(va, tuple) and isinstance(vb, tuple):
                if len(va) != len(vb):
                    return (f"document {i} has {len(vb)} {field}, expected {len(va)}: "
                            f"expected {_show(va)}, got {_show(vb)}")
                j = next(k for k in range(len(va)) if va[k] != vb[k])
                return (f"document {i}, {field}[{j}]: expected {_show(va[j])}, "
                        f"got {_show(vb[j])}")
            return f"document {i}, {field}: expected {_show(va)}, got {_show(vb)}"
    return "the documents differ"  # pragma: no cover - equality covers only those fields


def _span_problem(text: str, span: Span) -> str | None:
    start, end = span.start, span.end
    if not (0 <= start <= end <= len(text)):
        return f"offsets {start}..{end} are not inside the input (0..{len(text)})"
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    end_line = line + text.count("\n", start, max(end - 1, start))
    if (span.line, span.column, span.end_line) != (line, column, end_line):
        return (f"offset {start} is at line {line}, column {column} (end line {end_line}), "
                f"but the span says line {span.line}, column {span.column} (end line "
                f"{span.end_line})")
    return None


def _provenance_problem(text: str, doc: Document, lim: Limits, name: str) -> str | None:
    parts: list[tuple[str, str, str, Span | None]] = [("title", "title", doc.title,
                                                      doc.title_span)]
    parts += [("caption", f"captions[{i}]", c.raw, c.span) for i, c in enumerate(doc.captions)]
    parts += [("paragraph", f"paragraphs[{i}]", p.text, p.span)
              for i, p in enumerate(doc.paragraphs)]
    outer = doc.source.span if doc.source is not None else None
    if outer is not None:
        problem = _span_problem(text, outer)
        if problem is not None:
            return f"source.span: {problem}"
    for kind, label, value, span in parts:
        if span is None:
            if lim.require_spans and value:
                return f"{label} {_show(value)} has no span"
            continue
        problem = _span_problem(text, span)
        if problem is not None:
            return f"{label}'s span: {problem}"
        if lim.span_check is not None:
            source = text[span.start:span.end]
            try:
                ok = lim.span_check(kind, source, value)
            except Exception as exc:
                return (f"{label}'s span {span.start}..{span.end} holds {_show(source)}, "
                        f"which span_check cannot read ({type(exc).__name__}: {exc})")
            if not ok:
                return (f"{label}'s span {span.start}..{span.end} holds {_show(source)}, "
                        f"which does not match the field's {_show(value)}")
        if outer is not None and not (outer.start <= span.start and span.end <= outer.end):
            return (f"{label}'s span {span.start}..{span.end} is outside the document's "
                    f"source.span {outer.start}..{outer.end}")
    for j, diag in enumerate(doc.diagnostics):
        if diag.span is None:
            continue
        problem = _span_problem(text, diag.span)
        if problem is not None:
            return f"diagnostics[{j}] ({diag.code})'s span: {problem}"
        source = text[diag.span.start:diag.span.end]
        if diag.text and source != diag.text:
            return (f"diagnostics[{j}] ({diag.code})'s span {diag.span.start}..{diag.span.end}"
                    f" holds {_show(source)}, not its text {_show(diag.text)}")
    return None
