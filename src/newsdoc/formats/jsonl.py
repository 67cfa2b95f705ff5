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
from newsdoc._models import Diagnostic, Document, Severity, Source, Span
from newsdoc._registry import Format, ReadOptions, register_format
from newsdoc._text import iter_lines
from newsdoc.exceptions import ParseError, SchemaError

__all__ = ["Json", "JsonLines"]


def _dump(doc: Document) -> str:
    return json.dumps(document_to_dict(doc), ensure_ascii=False, separators=(",", ":"))


def _error_document(exc: ParseError, raw: str, start: int | None, line: int, fmt: str,
                    options: ReadOptions) -> Document:
    """What a lenient read keeps of input it could not parse: an empty document whose one
    diagnostic holds the raw text. The span covers that raw text (``start`` on ``line``);
    where the parser stopped inside it is in the message. ``start=None``: the raw text is
    not at a known place in the input (an element of an array), so there is no span."""
    span = None
    if start is not None:
        span = Span(start=start, end=start + len(raw), line=line, column=1,
                    end_line=line + raw.count("\n", 0, max(len(raw) - 1, 0)))
    where = f" (line {exc.line}, column {exc.column})" if exc.line and exc.column else ""
    return Document(
        title="",
        source=Source(path=options.path, format=fmt, span=span, encoding=options.encoding),
        diagnostics=(Diagnostic(code=exc.code or "invalid-json", message=exc.message + where,
                                severity=Severity.ERROR, span=span, text=raw,
                                path=options.path),),
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
        for text, start, no, _ in iter_lines(chunks):
            if not text or text.isspace():
                continue
            try:
                data = _decode(text, path=options.path, line=no)
                yield document_from_dict(data, path=options.path, line=no, strict=options.strict)
            except ParseError as exc:
                if options.strict:
                    if isinstance(exc, SchemaError) and not exc.source_line:
                        exc.source_line = text
                    raise
                yield _error_document(exc, text, start, no, self.name, options)

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
        """Yield the documents of the array (the array is parsed whole).

        Raises:
            newsdoc.exceptions.ParseError: invalid JSON or not an array, only with
                ``options.strict``.
            newsdoc.exceptions.SchemaError: an element that is not a newsdoc document,
                only with ``options.strict``.
        """
        text = "".join(chunks)
        try:
            data = _decode(text, path=options.path, line=1)
            if not isinstance(data, list):
                raise SchemaError("a newsdoc JSON file holds one array of documents",
                                  path=options.path, line=1, column=1, code="schema-error")
        except ParseError as exc:
            if options.strict:
                raise
            if text.strip():
                yield _error_document(exc, text, 0, 1, self.name, options)
            return
        for i, item in enumerate(data):
            try:
                yield document_from_dict(item, path=options.path, line=0, strict=options.strict)
            except SchemaError as exc:
                exc.message = f"element {i}: {exc.message}"
                if options.strict:
                    raise SchemaError(exc.message, path=options.path, code=exc.code) from exc
                yield _error_document(exc, json.dumps(item, ensure_ascii=False), None, 0, self.name,
                                      options)

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
