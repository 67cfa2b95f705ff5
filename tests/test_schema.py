"""The shipped JSON Schema: generated from the models, and newsdoc's JSON output fits it.

When a model changes, write the schema file again and commit it with the change:

    python tests/test_schema.py --update

(and raise ``SCHEMA_VERSION`` in ``src/newsdoc/_convert.py`` when old readers could not read
the new documents).
"""

from __future__ import annotations

import datetime
import functools
import json
import sys
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdoc
import newsdoc.samples
import newsdoc.schema
from newsdoc._convert import document_to_dict
from newsdoc.testing import documents, scraped_text_files
from schema_generator import dumps_schema, generate

jsonschema = pytest.importorskip("jsonschema")

SCHEMA_FILE = (
    Path(newsdoc.schema.__file__).parent / f"document-v{newsdoc.schema.SCHEMA_VERSION}.schema.json"
)
UPDATE = "python tests/test_schema.py --update"


@functools.cache
def _validator() -> Any:
    schema = newsdoc.schema.document_schema()
    cls = jsonschema.Draft202012Validator
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _errors(instance: object) -> list[str]:
    """Every complaint of the validator, those inside ``anyOf`` included."""
    out: list[str] = []
    todo = list(_validator().iter_errors(instance))
    while todo:
        error = todo.pop(0)
        out.append(f"{list(error.absolute_path)}: {error.message}")
        todo.extend(error.context or ())
    return out


def _dumped(docs: list[newsdoc.Document]) -> list[object]:
    """What newsdoc writes, parsed back as plain JSON: the jsonl lines and the json array."""
    lines = [json.loads(line) for line in newsdoc.dumps(docs, "jsonl").split("\n") if line]
    array = json.loads(newsdoc.dumps(docs, "json"))
    assert array == lines
    return lines


def test_shipped_schema_is_generated_from_the_models() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == dumps_schema(generate()), (
        f"{SCHEMA_FILE.name} is not what the models give: run `{UPDATE}` and commit the file "
        "with the model change (and a CHANGELOG.md line)"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    schema = newsdoc.schema.document_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _models() -> dict[str, type]:
    """Every attrs class reachable from Document's fields, by name."""
    found: dict[str, type] = {}

    def visit(tp: object) -> None:
        for arg in typing.get_args(tp):
            visit(arg)
        if isinstance(tp, type) and attrs.has(tp) and tp.__name__ not in found:
            found[tp.__name__] = tp
            for hint in typing.get_type_hints(tp).values():
                visit(hint)

    visit(newsdoc.Document)
    return found


def test_schema_properties_are_the_model_fields() -> None:
    """Independently of the generator: each object in the schema has exactly the fields of
    its attrs class, so a model field added without updating the schema fails here."""
    schema = newsdoc.schema.document_schema()
    models = _models()
    assert set(models) >= {"Document", "Image", "Author", "Caption", "Credit", "Paragraph",
                           "Span", "Source", "Diagnostic"}
    for name, cls in models.items():
        fields = [f.name for f in attrs.fields(cls)]
        required = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
        if name == "Document":
            obj = schema
            fields, required = ["schema_version", *fields], ["schema_version", *required]
        else:
            obj = schema["$defs"][name]
        assert list(obj["properties"]) == fields, f"{name}: run `{UPDATE}`"
        assert obj.get("required", []) == required, f"{name}: run `{UPDATE}`"
        assert obj["additionalProperties"] is False


def test_schema_enums_are_the_model_enums() -> None:
    schema = newsdoc.schema.document_schema()
    assert schema["$defs"]["Severity"]["enum"] == [s.value for s in newsdoc.Severity]
    assert schema["$defs"]["CreditKind"]["enum"] == [k.value for k in newsdoc.CreditKind]
    assert schema["$defs"]["BlockKind"]["enum"] == [k.value for k in newsdoc.BlockKind]


def test_document_schema_returns_a_fresh_dict() -> None:
    first = newsdoc.schema.document_schema()
    first["title"] = "changed"
    assert newsdoc.schema.document_schema()["title"] == "newsdoc document"


def test_seed_files_output_validates(seed_files: list[Path]) -> None:
    for path in seed_files:
        docs = newsdoc.read(path)
        assert docs
        for item in _dumped(docs):
            assert _errors(item) == [], path.name


def test_shipped_sample_output_validates() -> None:
    docs = newsdoc.read(newsdoc.samples.path("articles.txt"))
    assert docs
    dumped = _dumped(docs)
    assert any("images" in item and "source" in item for item in dumped)  # type: ignore[operator]
    for item in dumped:
        assert _errors(item) == []


def test_error_documents_validate() -> None:
    """What a lenient read keeps of bad input (an empty document holding a diagnostic) is a
    valid document too."""
    docs = newsdoc.loads('{"schema_version": 1, "subtitle": "x"}\nnot json\n'
                         '{"schema_version": 2, "title": "T", "score": 1}\n', "jsonl")
    assert [d.diagnostics[0].code for d in docs] == ["schema-error", "invalid-json",
                                                     "unknown-field"]
    for item in _dumped(docs):
        assert _errors(item) == []


@given(st.lists(documents(), min_size=1, max_size=2))
def test_total_valid_invented_documents(docs: list[newsdoc.Document]) -> None:
    """Every document newsdoc can hold is written as JSON the schema accepts (json and jsonl
    alike)."""
    for item in _dumped(docs):
        assert _errors(item) == []


@given(scraped_text_files())
def test_total_valid_read_documents(text: str) -> None:
    """Whatever the scraped-text reader makes of any text (provenance, layout and
    diagnostics included) is written as JSON the schema accepts."""
    for item in _dumped(newsdoc.loads(text, "scraped-text")):
        assert _errors(item) == []


def _valid_document() -> dict[str, Any]:
    doc = newsdoc.Document(
        title="T",
        published=datetime.datetime(2025, 3, 4, 9, 30, tzinfo=datetime.timezone.utc),
        authors=(newsdoc.Author(name="Ada"),),
        images=(newsdoc.Image(caption=newsdoc.Caption(raw="A (AFP)", text="A",
                                                      credit=newsdoc.Credit(raw="(AFP)"))),),
        paragraphs=(newsdoc.Paragraph(text="Body."),),
        extra={"rss:category": "World"},
    )
    data = document_to_dict(doc)
    assert _errors(data) == []
    return data


BAD = [
    pytest.param(lambda d: d.pop("schema_version"), "'schema_version' is a required property",
                 id="no-version"),
    pytest.param(lambda d: d.update(schema_version=3), "2 was expected", id="version-3"),
    pytest.param(lambda d: d.pop("title"), "'title' is a required property", id="no-title"),
    pytest.param(lambda d: d.update(subtitle="x"), "Additional properties are not allowed",
                 id="unknown-field"),
    pytest.param(lambda d: d["images"][0]["caption"].update(date="3 March 2025"),
                 "is not a 'date'", id="bad-date"),
    pytest.param(lambda d: d.update(published="4 March 2025 09:30"), "is not valid under any",
                 id="bad-time"),
    pytest.param(lambda d: d["images"][0]["caption"]["credit"].update(kind="robot"),
                 "is not one of", id="bad-enum"),
    pytest.param(lambda d: d["paragraphs"][0].update(kind="aside"), "is not one of",
                 id="bad-block-kind"),
    pytest.param(lambda d: d.update(extra={"category": "x"}), "does not match",
                 id="extra-without-namespace"),
    pytest.param(lambda d: d["authors"][0].pop("name"), "'name' is a required property",
                 id="author-without-name"),
    pytest.param(lambda d: d["paragraphs"][0].update(text=None), "is not of type 'string'",
                 id="null-text"),
    pytest.param(lambda d: d.update(title=5), "is not of type 'string'", id="number-title"),
]


@pytest.mark.parametrize(("change", "complaint"), BAD)
def test_schema_and_reader_reject_the_same(change: Any, complaint: str) -> None:
    """The schema is no looser than newsdoc's own reader, nor stricter."""
    data = _valid_document()
    change(data)
    assert any(complaint in e for e in _errors(data)), _errors(data)
    with pytest.raises(newsdoc.exceptions.SchemaError):
        newsdoc.loads(json.dumps(data), "jsonl", strict=True)


def _update() -> int:
    SCHEMA_FILE.write_text(dumps_schema(generate()), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(f"usage: {UPDATE}")
    sys.exit(_update())


def test_extra_names_may_hold_any_character() -> None:
    """An Extra key's name after its namespace may hold a line end, as the model allows (the
    schema's pattern once stopped at one: found by the property above)."""
    doc = newsdoc.Document(title="T", extra=newsdoc.Extra({"rss:a\nb": 1}))
    for item in _dumped([doc]):
        assert _errors(item) == []
