"""newsdoc's own JSON and JSON Lines formats."""

from __future__ import annotations

import datetime
import json

import pytest

import newsdoc
from newsdoc import Caption, Credit, CreditKind, Document, Paragraph, Severity
from newsdoc.exceptions import ParseError, SchemaError

DOC = Document(
    title="T",
    captions=(Caption(raw="A cat (AFP)", text="A cat", date=datetime.date(2024, 1, 2),
                      credit=Credit(raw="(AFP)", agency="AFP", kind=CreditKind.AGENCY)),),
    paragraphs=(Paragraph(text="Body."),),
    chrome=("TT",),
)


def test_every_document_carries_the_schema_version() -> None:
    for line in newsdoc.dumps([DOC, DOC], "jsonl").splitlines():
        data = json.loads(line)
        assert data["schema_version"] == 1
        assert data["captions"][0]["date"] == "2024-01-02"
        assert data["captions"][0]["credit"]["kind"] == "agency"
    assert [d["title"] for d in json.loads(newsdoc.dumps([DOC], "json"))] == ["T"]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_roundtrip(fmt: str) -> None:
    assert newsdoc.loads(newsdoc.dumps([DOC], fmt), fmt) == [DOC]


def _line(**changes: object) -> str:
    data = json.loads(newsdoc.dumps([DOC], "jsonl"))
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(("line", "message"), [
    (_line(schema_version=2), "schema_version is unknown (2)"),
    (json.dumps({"title": "x"}), "schema_version is missing"),
    (_line(colour="red"), "extra fields found (colour)"),
    (_line(captions=[{"raw": "x", "text": "x", "mood": 1}]), "mood"),
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
