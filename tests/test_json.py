"""newsdoc's own JSON and JSON Lines formats."""

from __future__ import annotations

import datetime
import json

import pytest

import newsdoc
from newsdoc import (
    Author,
    BlockKind,
    Caption,
    Credit,
    CreditKind,
    Document,
    Image,
    Paragraph,
    Severity,
)
from newsdoc.exceptions import ParseError, SchemaError

DOC = Document(
    title="T",
    images=(Image(caption=Caption(raw="A cat (AFP)", text="A cat",
                                  date=datetime.date(2024, 1, 2),
                                  credit=Credit(raw="(AFP)", agency="AFP",
                                                kind=CreditKind.AGENCY))),),
    paragraphs=(Paragraph(text="Body."),),
    chrome=("TT",),
)

CAIRO = datetime.timezone(datetime.timedelta(hours=2))
RICH = Document(
    title="Talks resume",
    url="https://example.com/news/talks",
    id="urn:example:42",
    published=datetime.datetime(2025, 3, 4, 9, 30, tzinfo=CAIRO),
    modified=datetime.date(2025, 3, 5),
    authors=(Author(name="Ada Kerr", url="https://example.com/ada"), Author(name="Staff")),
    language="en",
    section="World",
    keywords=("Egypt", "diplomacy"),
    summary="Delegations met in Cairo.",
    publisher="Example News",
    images=(Image(url="https://example.com/a.jpg", alt="Delegates",
                  caption=Caption(raw="Delegates in Cairo (AFP)", text="Delegates in Cairo",
                                  credit=Credit(raw="(AFP)", agency="AFP"))),
            Image(url="https://example.com/b.jpg")),
    paragraphs=(Paragraph(text="Talks resume in Cairo", kind=BlockKind.HEADING),
                Paragraph(text="They met.")),
    extra={"rss:category": ["World", {"domain": "x"}], "warc:record-id": "<urn:1>"},
)


def test_every_document_carries_the_schema_version() -> None:
    for line in newsdoc.dumps([DOC, DOC], "jsonl").splitlines():
        data = json.loads(line)
        assert data["schema_version"] == 2
        assert data["images"][0]["caption"]["date"] == "2024-01-02"
        assert data["images"][0]["caption"]["credit"]["kind"] == "agency"
    assert [d["title"] for d in json.loads(newsdoc.dumps([DOC], "json"))] == ["T"]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_roundtrip(fmt: str) -> None:
    assert newsdoc.loads(newsdoc.dumps([DOC, RICH], fmt), fmt) == [DOC, RICH]


def test_times_are_iso_8601_with_their_zone_and_dates_stay_dates() -> None:
    data = json.loads(newsdoc.dumps([RICH], "jsonl"))
    assert data["published"] == "2025-03-04T09:30:00+02:00"
    assert data["modified"] == "2025-03-05"
    (back,) = newsdoc.loads(newsdoc.dumps([RICH], "jsonl"), "jsonl")
    assert type(back.modified) is datetime.date
    assert isinstance(back.published, datetime.datetime)
    assert back.published.utcoffset() == datetime.timedelta(hours=2)
    assert back.extra["rss:category"] == ("World", {"domain": "x"})


def test_z_suffix_and_naive_times_are_read() -> None:
    line = json.dumps({"schema_version": 2, "title": "T", "published": "2025-03-04T07:30:00Z",
                       "modified": "2025-03-04T08:00:00"})
    (doc,) = newsdoc.loads(line, "jsonl", strict=True)
    assert doc.published == datetime.datetime(2025, 3, 4, 7, 30, tzinfo=datetime.timezone.utc)
    assert doc.modified == datetime.datetime(2025, 3, 4, 8, 0)
    assert isinstance(doc.modified, datetime.datetime) and doc.modified.tzinfo is None


def test_without_provenance_writes_only_the_content() -> None:
    (doc,) = newsdoc.loads("Title\n\nA cat (AFP)\nTT\n\nTitle\n\nA cat (AFP)\n\nBody.",
                           "scraped-text")
    assert doc.source is not None and doc.paragraphs[0].span is not None
    data = json.loads(newsdoc.dumps([doc.without_provenance()], "jsonl"))
    assert set(data) == {"schema_version", "title", "images", "paragraphs", "chrome"}
    assert "span" not in data["images"][0]["caption"]
    assert data["paragraphs"] == [{"text": "Body."}]
    assert newsdoc.loads(json.dumps(data), "jsonl") == [doc]


def test_unknown_fields_are_kept_in_extra_when_lenient() -> None:
    line = json.dumps({"schema_version": 2, "title": "T", "subtitle": "S", "score": [1, 2]})
    (doc,) = newsdoc.loads(line, "jsonl")
    assert doc.title == "T"
    assert doc.extra == {"unknown:subtitle": "S", "unknown:score": (1, 2)}
    assert [(d.code, d.severity) for d in doc.diagnostics] == [
        ("unknown-field", Severity.WARNING), ("unknown-field", Severity.WARNING)]
    with pytest.raises(SchemaError, match="unknown field 'subtitle'"):
        newsdoc.loads(line, "jsonl", strict=True)
    (from_array,) = newsdoc.loads(f"[{line}]", "json")
    assert from_array.extra == doc.extra


def _line(**changes: object) -> str:
    data = json.loads(newsdoc.dumps([DOC], "jsonl"))
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(("line", "message"), [
    (_line(schema_version=3), "schema_version is unknown (3)"),
    (_line(schema_version="2"), "schema_version is unknown ('2')"),
    (json.dumps({"title": "x"}), "schema_version is missing"),
    (_line(images=[{"caption": {"raw": "x", "text": "x", "mood": 1}}]), "mood"),
    (_line(published="4 March 2025"), "published"),
    (_line(extra={"category": "x"}), "namespace"),
    (_line(title=5), "title"),
])
def test_schema_errors_are_clear(line: str, message: str) -> None:
    text = newsdoc.dumps([DOC], "jsonl") + line + "\n"
    with pytest.raises(SchemaError) as info:
        newsdoc.loads(text, "jsonl", strict=True)
    assert message in str(info.value)
    assert info.value.line == 2
    (good, bad) = newsdoc.loads(text, "jsonl")
    assert good == DOC
    (diag,) = bad.diagnostics
    assert diag.severity is Severity.ERROR
    assert diag.text == line
    assert diag.span is not None and diag.span.line == 2


def test_invalid_json_line() -> None:
    text = newsdoc.dumps([DOC], "jsonl") + "{not json\n"
    with pytest.raises(ParseError) as info:
        newsdoc.loads(text, "jsonl", strict=True)
    assert (info.value.line, info.value.code) == (2, "invalid-json")
    assert newsdoc.loads(text, "jsonl")[1].diagnostics[0].code == "invalid-json"


def test_json_array_errors() -> None:
    with pytest.raises(SchemaError, match="one array"):
        newsdoc.loads('{"a": 1}', "json", strict=True)
    with pytest.raises(SchemaError, match="element 1"):
        newsdoc.loads("[" + newsdoc.dumps([DOC], "jsonl") + ', {"title": 1}]', "json",
                      strict=True)
    assert newsdoc.loads("", "json") == []
    assert newsdoc.loads("[]", "json") == []


def test_blank_lines_in_jsonl_are_skipped() -> None:
    text = "\n" + newsdoc.dumps([DOC], "jsonl") + "\n  \n"
    assert newsdoc.loads(text, "jsonl", strict=True) == [DOC]
