"""Typed use of newsdoc's public API, checked with ``mypy --strict`` (never run).

Each ``assert_type`` states what a user's type checker must infer; a change of a public
annotation that would break typed callers fails ``mypy --strict tests/typing``.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from typing_extensions import assert_type

import newsdoc
import newsdoc.samples
import newsdoc.schema
from newsdoc.exceptions import NewsdocError, ParseError, SchemaError, UnknownFormatError


def reading() -> None:
    path = newsdoc.samples.path("articles.txt")
    assert_type(path, Path)
    docs = newsdoc.read(path)
    assert_type(docs, list[newsdoc.Document])
    assert_type(newsdoc.read(str(path), "scraped-text", strict=True), list[newsdoc.Document])
    assert_type(newsdoc.iter_read(io.BytesIO(b"")), Iterator[newsdoc.Document])
    assert_type(newsdoc.loads("", "jsonl"), list[newsdoc.Document])
    assert_type(newsdoc.dumps(docs, "json"), str)
    newsdoc.write(docs, path.with_suffix(".jsonl"))
    newsdoc.write(docs, io.StringIO(), "jsonl")


def the_model(doc: newsdoc.Document) -> None:
    assert_type(doc.title, str)
    assert_type(doc.text, str)
    assert_type(doc.captions, tuple[newsdoc.Caption, ...])
    assert_type(doc.paragraphs[0].text, str)
    assert_type(doc.source, newsdoc.Source | None)
    assert_type(doc.diagnostics, tuple[newsdoc.Diagnostic, ...])
    caption = doc.captions[0]
    assert_type(caption.date, datetime.date | None)
    assert_type(caption.credit, newsdoc.Credit | None)
    if caption.credit is not None:
        assert_type(caption.credit.photographers, tuple[str, ...])
        assert_type(caption.credit.agency, str | None)
        assert_type(caption.credit.kind, newsdoc.CreditKind)
    for d in doc.diagnostics:
        assert_type(d.severity, newsdoc.Severity)
        assert_type(d.format(), str)
    assert_type(doc.images, tuple[newsdoc.Image, ...])
    assert_type(doc.url, str | None)
    assert_type(doc.published, datetime.datetime | datetime.date | None)
    assert_type(doc.authors[0].name, str)
    assert_type(doc.keywords, tuple[str, ...])
    assert_type(doc.extra, newsdoc.Extra)
    assert_type(doc.extra["rss:category"], newsdoc.JsonValue)
    assert_type(doc.paragraphs[0].kind, newsdoc.BlockKind)
    assert_type(doc.without_provenance(), newsdoc.Document)
    if doc.source is not None:
        assert_type(doc.source.fetched_at, datetime.datetime | None)
    built = newsdoc.Document(
        title="T",
        published=datetime.date(2025, 3, 4),
        authors=(newsdoc.Author(name="Ada Kerr"),),
        images=(newsdoc.Image(url="https://example.com/a.jpg", caption=newsdoc.Caption(
            raw="A (AFP)", text="A", credit=newsdoc.Credit(raw="(AFP)", agency="AFP"))),),
        paragraphs=(newsdoc.Paragraph(text="Body.", kind=newsdoc.BlockKind.HEADING),),
        extra={"rss:category": ["World", "Africa"]},
    )
    assert_type(built, newsdoc.Document)


def records(docs: list[newsdoc.Document]) -> None:
    rows = newsdoc.to_records(docs)
    assert_type(rows, list[newsdoc.DocumentRecord])
    assert_type(rows[0]["title"], str)
    assert_type(rows[0]["word_count"], int)
    assert_type(rows[0]["caption_date"], datetime.date | None)
    assert_type(rows[0]["agency"], str | None)
    assert_type(rows[0]["published"], datetime.datetime | datetime.date | None)
    frame = newsdoc.to_pandas(docs)
    assert_type(frame["title"].tolist(), list[Any])


def schema() -> None:
    assert_type(newsdoc.schema.document_schema(), dict[str, Any])
    assert_type(newsdoc.schema.SCHEMA_VERSION, int)


def errors() -> None:
    try:
        newsdoc.read("missing.txt", strict=True)
    except ParseError as exc:
        assert_type(exc.line, int)
        assert_type(exc.column, int)
        assert_type(exc.path, str | None)
        value_error: ValueError = exc  # the leaves subclass the fitting builtin
        del value_error
    except UnknownFormatError as exc:
        assert_type(exc.available, tuple[str, ...])
        lookup_error: LookupError = exc
        del lookup_error
    except (SchemaError, NewsdocError):
        pass


def version() -> str:
    return newsdoc.__version__
