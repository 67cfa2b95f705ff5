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
from newsdoc._models import Document, Layout, Severity, Span
from newsdoc._pipeline._limits import SAMPLE
from newsdoc._registry import Format, ReadOptions, get_format, register_format
from newsdoc.exceptions import NewsdocError, ParseError, SchemaError
from newsdoc.formats._json_array import Element, iter_array
from newsdoc.lines import iter_lines

__all__ = ["Json", "JsonLines"]


def _layout_type(name: str) -> type[Layout] | None:
    """The layout class of the format called ``name`` (``None``: no such format installed, or
    it keeps no layout)."""
    try:
        return get_format(name).layout_type
    except NewsdocError:  # unknown, or a plugin that fails to load: keep the layout as is
        return None


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


def _too_large(raw: str, span: Span, what: str, fmt: str, options: ReadOptions,
               length: int | None = None) -> Document:
    """The placeholder for a document over ``options.max_document_size``: its diagnostic
    keeps the first :data:`SAMPLE` characters, at their span. ``length``: the document's
    length when ``raw`` holds only its start."""
    limit = options.max_document_size
    sample = raw[:SAMPLE]
    at = Span(start=span.start, end=span.start + len(sample), line=span.line,
              column=span.column,
              end_line=span.line + sample.count("\n", 0, max(len(sample) - 1, 0)))
    return Document(
        title="", source=options.source(fmt, span),
        diagnostics=(options.diagnostic(
            "document-too-large", f"{what} is {length or len(raw)} characters long, over the "
            f"limit of {limit}; it was left out", at, text=sample, severity=Severity.ERROR),),
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
                                         strict=options.strict, span=line.span,
                                         layouts=_layout_type)
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
        """Yield the documents of the array one by one as they are read, in flat memory
        (:mod:`newsdoc.formats._json_array`).

        A damaged element costs only itself (an error document), and so does an element
        over ``options.max_document_size``; an array cut off before its end keeps every
        complete document before the cut, then an error document (``truncated-json``, with
        the line and column of the cut) holding what there is of the cut document.

        Raises:
            newsdoc.exceptions.ParseError: invalid JSON or an array cut off, only with
                ``options.strict``.
            newsdoc.exceptions.SchemaError: input that is not an array, or an element that
                is not a newsdoc document, only with ``options.strict``.
        """
        path, name = options.path, self.name
        for item in iter_array(chunks, max_element_size=options.max_document_size):
            if isinstance(item, Element):
                span = _span(item.text, item.start, item.line, item.column)
                try:
                    yield document_from_dict(item.value, path=path, line=item.line,
                                             strict=options.strict, span=span,
                                             layouts=_layout_type)
                except SchemaError as exc:
                    exc.message = f"element {item.index}: {exc.message}"
                    if options.strict:
                        raise SchemaError(exc.message, path=path, line=item.line,
                                          column=item.column, code=exc.code,
                                          source_line=item.text.split("\n", 1)[0]) from exc
                    yield _error_document(exc, item.text, span, name, options)
                continue
            where = (None if item.start is None
                     else _span(item.text, item.start, item.start_line, item.start_column))
            if item.code == "element-too-large" and where is not None:
                yield _too_large(item.text, where, f"element {item.index}", name, options,
                                 length=item.length)
                continue
            kind = SchemaError if item.code == "not-an-array" else ParseError
            error = kind(item.message, path=path, line=item.line, column=item.column,
                         source_line=item.source_line,
                         code="schema-error" if item.code == "not-an-array" else item.code)
            if options.strict:
                raise error
            yield _error_document(error, item.text, where, name, options)

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


def _span(text: str, start: int, line: int, column: int) -> Span:
    return Span(start=start, end=start + len(text), line=line, column=column,
                end_line=line + text.count("\n", 0, max(len(text) - 1, 0)))
