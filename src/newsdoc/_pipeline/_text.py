"""The text stage, shared by every door in: decoded text -> the text a reader gets.

:func:`newsdoc.read`, :func:`newsdoc.iter_read` and :func:`newsdoc.loads` all hand a
format's reader text that went through :func:`text_stage`, so the same characters give the
same documents whichever door they come in by. The stage reads lone ``\\r`` line ends (old
Mac files) as ``\\n`` (one character for one: offsets are unchanged), and, through the
reader, puts the diagnostics reported during the read on the documents they concern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import attrs

from newsdoc._models import Diagnostic, Document, Severity
from newsdoc._registry import SNIFF_BYTES, Format, ReadOptions

__all__ = ["documents", "lone_cr_line_ends", "sniff_prefix"]

_LONE_CR = re.compile(r"\r(?!\n)")


def sniff_prefix(text: str) -> str:
    """The part of ``text`` that its first :data:`SNIFF_BYTES` bytes in UTF-8 hold: what a
    sniff sees of the same text read from UTF-8 bytes."""
    head = text[:SNIFF_BYTES]
    if head.isascii():
        return head
    return head.encode("utf-8", "surrogatepass")[:SNIFF_BYTES].decode("utf-8", "ignore")


def lone_cr_line_ends(prefix: str) -> bool:
    """Whether lines end with a lone ``\\r`` (old Mac files): more of those than ``\\n``."""
    crs = prefix.count("\r")
    if not crs:
        return False
    return crs - prefix.count("\r\n") > prefix.count("\n")


def _cr_to_lf(chunks: Iterable[str]) -> Iterator[str]:
    """Read each lone ``\\r`` as ``\\n`` (one character for one: offsets are unchanged)."""
    held = False
    for chunk in chunks:
        if held:
            chunk = "\r" + chunk
        held = chunk.endswith("\r")
        if held:
            chunk = chunk[:-1]
        if chunk:
            yield _LONE_CR.sub("\n", chunk)
    if held:
        yield "\n"


def documents(fmt: Format, chunks: Iterable[str], options: ReadOptions, *,
              lone_cr: bool = False) -> Iterator[Document]:
    """Run ``fmt``'s reader over the text and place the reported diagnostics.

    Each diagnostic reported through ``options`` goes on the document it falls in: the last
    one that starts at or before it (one with no span: the next document yielded). When
    the reader yields nothing but a problem was reported, an empty document keeps it.

    Args:
        fmt: The format.
        chunks: The decoded text.
        options: The read's options (its reporter collects what is reported).
        lone_cr: Lines end with a lone ``\\r`` (see :func:`lone_cr_line_ends`).

    Raises:
        newsdoc.exceptions.ParseError: only when ``options.strict``.
    """
    reporter = options.reporter
    if lone_cr:
        reporter.report("line-ends-cr", "lines end with a lone CR (old Mac line ends); each "
                        "is read as LF, so offsets are unchanged", severity=Severity.INFO)
        chunks = _cr_to_lf(chunks)
    pending = reporter.pending
    last: Document | None = None
    for doc in fmt.read(chunks, options):
        if last is not None:
            yield _attach(reporter.take(_start(doc)), last) if pending else last
        last = doc
    if last is not None:
        yield _attach(reporter.take(), last) if pending else last
    elif any(d.severity is not Severity.INFO for d in pending):
        # Nothing read, but something to say: keep it on an empty document.
        yield Document(title="", source=options.source(fmt.name, None),
                       diagnostics=tuple(reporter.take()))


def _start(doc: Document) -> int | None:
    src = doc.source
    return src.span.start if src is not None and src.span is not None else None


def _attach(found: list[Diagnostic], doc: Document) -> Document:
    if not found:
        return doc
    return attrs.evolve(doc, diagnostics=(*doc.diagnostics, *found))
