"""newsdoc's own JSON formats: ``"json"`` (one array) and ``"jsonl"`` (one document a line).

Both go through the one private converter (:mod:`newsdoc._convert`); each document carries a
``schema_version``. Provenance, layout and diagnostics are kept, so a document read from
scraped text, written as JSON and read back can still be written as the original text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from newsdoc._convert import document_from_dict, document_to_dict
from newsdoc._models import Document, Severity, Span
from newsdoc._pipeline._limits import SAMPLE
from newsdoc._registry import Format, ReadOptions, register_format
from newsdoc.exceptions import ParseError, SchemaError
from newsdoc.lines import iter_lines

__all__ = ["Json", "JsonLines"]


def _dump(doc: Document) -> str:
    return json.dumps(document_to_dict(doc), ensure_ascii=False, separators=(",", ":"))


def _error_document(exc: ParseError, raw: str, span: Span | None, fmt: str,
                    options: ReadOptions) -> Document:
    """What a lenient read keeps of input it could not parse: an empty document whose one
    diagnostic holds the raw text at ``span``; where the parser stopped inside it is in the
    message."""
    where = f" (line {exc.line}, column {exc.column})" if exc.line and exc.column else ""
    return Document(
        title="", source=options.source(fmt, span),
        diagnostics=(options.diagnostic(exc.code or "invalid-json", exc.message + where, span,
                                        text=raw, severity=Severity.ERROR),),
    )


def _too_large(raw: str, span: Span, what: str, fmt: str, options: ReadOptions) -> Document:
    """The placeholder for a document over ``options.max_document_size``: its diagnostic
    keeps the first :data:`SAMPLE` characters, at their span."""
    limit = options.max_document_size
    sample = raw[:SAMPLE]
    at = Span(start=span.start, end=span.start + len(sample), line=span.line,
              column=span.column,
              end_line=span.line + sample.count("\n", 0, max(len(sample) - 1, 0)))
    return Document(
        title="", source=options.source(fmt, span),
        diagnostics=(options.diagnostic(
            "document-too-large", f"{what} is {len(raw)} characters long, over the limit of "
            f"{limit}; it was left out", at, text=sample, severity=Severity.ERROR),),
    )


def _decode(raw: str, *, path: str | None, line: int) -> object:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        lines = raw.split("\n")
        bad = lines[exc.lineno - 1] if 0 < exc.lineno <= len(lines) else ""
        raise ParseError(f"invalid JSON: {exc.msg}", path=path, line=line + exc.lineno - 1,
                         column=exc.colno, source_line=bad, code="invalid-json") from None


@register_format
class JsonLines(Format):
    """newsdoc JSON Lines (``"jsonl"``): one JSON document a line; streams.

    .. versionadded:: 0.1.0
    """

    name = "jsonl"
    extensions = (".jsonl", ".ndjson")
    description = "newsdoc documents as JSON Lines, one document a line"

    def sniff(self, prefix: str) -> bool:
        """The first non-blank character is ``{``."""
        return prefix.lstrip("\ufeff \t\r\n").startswith("{")

    def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        """Yield one document per non-blank line.

        Raises:
            newsdoc.exceptions.ParseError: invalid JSON, only with ``options.strict``.
            newsdoc.exceptions.SchemaError: a line that is not a newsdoc document (unknown
                schema version or field), only with ``options.strict``.
        """
        limit = options.max_document_size
        for line in iter_lines(chunks, options):
            text = line.text
            if not text or text.isspace():
                continue
            if limit is not None and len(text) > limit:
                yield _too_large(text, line.span, f"the document on line {line.number}",
                                 self.name, options)
                continue
            try:
                data = _decode(text, path=options.path, line=line.number)
                yield document_from_dict(data, path=options.path, line=line.number,
                                         strict=options.strict, span=line.span)
            except ParseError as exc:
                if options.strict:
                    if isinstance(exc, SchemaError) and not exc.source_line:
                        exc.source_line = text
                    raise
                yield _error_document(exc, text, line.span, self.name, options)

    def write(self, documents: Iterable[Document], out: TextIO) -> None:
        """Write one JSON object a line, each ending with ``\\n``.

        Raises:
            Nothing beyond the output's own errors.
        """
        for doc in documents:
            out.write(_dump(doc))
            out.write("\n")


@register_format
class Json(Format):
    """newsdoc JSON (``"json"``): one array of documents.

    .. versionadded:: 0.1.0
    """

    name = "json"
    extensions = (".json",)
    description = "newsdoc documents as one JSON array"

    def sniff(self, prefix: str) -> bool:
        """The first non-blank character is ``[``."""
        return prefix.lstrip("\ufeff \t\r\n").startswith("[")

    def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        """Yield the documents of the array, element by element: the elements before a
        syntax error (a cut-off file) are kept, the rest of the text goes into an error
        document, and an element over ``options.max_document_size`` is left out.

        Raises:
            newsdoc.exceptions.ParseError: invalid JSON or not an array, only with
                ``options.strict``.
            newsdoc.exceptions.SchemaError: an element that is not a newsdoc document,
                only with ``options.strict``.
        """
        text = "".join(chunks)
        start = _skip_space(text, 0)
        if start == len(text):
            return
        if text[start] != "[":
            try:
                _decode(text, path=options.path, line=1)
                raise SchemaError("a newsdoc JSON file holds one array of documents",
                                  path=options.path, line=1, column=1, code="schema-error")
            except ParseError as exc:
                if options.strict:
                    raise
                yield _error_document(exc, text, _span(text, 0, len(text)), self.name,
                                      options)
                return
        yield from _Array(text, options, self.name).elements(start + 1)

    def write(self, documents: Iterable[Document], out: TextIO) -> None:
        """Write a JSON array, one document a line.

        Raises:
            Nothing beyond the output's own errors.
        """
        out.write("[")
        first = True
        for doc in documents:
            out.write("\n" if first else ",\n")
            out.write(_dump(doc))
            first = False
        out.write("\n]\n" if not first else "]\n")


_SPACE = " \t\r\n"


def _skip_space(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in _SPACE:
        i += 1
    return i


def _span(text: str, start: int, end: int) -> Span:
    line = text.count("\n", 0, start) + 1
    column = start - text.rfind("\n", 0, start)
    return Span(start=start, end=end, line=line, column=column,
                end_line=line + text.count("\n", start, max(end - 1, start)))


class _Array:
    """The elements of a JSON array, one after the other."""

    def __init__(self, text: str, options: ReadOptions, name: str) -> None:
        self.text = text
        self.options = options
        self.name = name
        self.decoder = json.JSONDecoder()
        self.delimiter = 0

    def elements(self, i: int) -> Iterator[Document]:
        text, n = self.text, len(self.text)
        index = 0
        self.delimiter = i - 1  # the "[" or "," before the element being read
        i = _skip_space(text, i)
        if i < n and text[i] == "]":
            yield from self.end(i + 1)
            return
        while True:
            try:
                item, end = self.decoder.raw_decode(text, i)
            except json.JSONDecodeError as exc:
                yield from self.fail(i, exc.pos, f"invalid JSON: {exc.msg}")
                return
            yield self.document(item, index, i, end)
            index += 1
            i = _skip_space(text, end)
            if i < n and text[i] == ",":
                self.delimiter = i
                i = _skip_space(text, i + 1)
                continue
            if i < n and text[i] == "]":
                yield from self.end(i + 1)
                return
            what = ("the array ends before its closing bracket (cut off?)" if i == n
                    else "invalid JSON: Expecting ',' delimiter")
            yield from self.fail(i, i, what)
            return

    def document(self, item: object, index: int, start: int, end: int) -> Document:
        options = self.options
        limit = options.max_document_size
        if limit is not None and end - start > limit:
            return _too_large(self.text[start:end], _span(self.text, start, end),
                              f"element {index}", self.name, options)
        try:
            return document_from_dict(item, path=options.path, line=0, strict=options.strict,
                                      span=_span(self.text, start, end))
        except SchemaError as exc:
            span = _span(self.text, start, end)
            exc.message = f"element {index}: {exc.message}"
            if options.strict:
                raise SchemaError(exc.message, path=options.path, line=span.line,
                                  column=span.column, code=exc.code) from exc
            return _error_document(exc, self.text[start:end], span, self.name, options)

    def end(self, i: int) -> Iterator[Document]:
        j = _skip_space(self.text, i)
        if j < len(self.text):
            yield from self.fail(j, j, "invalid JSON: Extra data")

    def fail(self, start: int, at: int, message: str) -> Iterator[Document]:
        """The error document holding the rest of the text from ``start``; the problem is
        at offset ``at``."""
        text = self.text
        if not text[start:].strip():  # cut off after a delimiter: keep that much
            start = self.delimiter
        where = _span(text, at, at)
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        exc = ParseError(message, path=self.options.path, line=where.line, column=where.column,
                         source_line=text[line_start:line_end if line_end >= 0 else len(text)],
                         code="invalid-json")
        if self.options.strict:
            raise exc
        yield _error_document(exc, text[start:], _span(text, start, len(text)), self.name,
                              self.options)
