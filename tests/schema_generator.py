"""Generate the JSON Schema of a newsdoc JSON document from the attrs models.

Test tooling, not shipped in the wheel. The shipped file
(``src/newsdoc/schema/document-v<N>.schema.json``) is this function's output;
``tests/test_schema.py`` fails when the two differ, and ``python tests/test_schema.py
--update`` writes the file again. Descriptions come from the ``Attributes:`` sections of the
models' docstrings.
"""

from __future__ import annotations

import datetime
import enum
import inspect
import json
import types
import typing
from typing import Any, Union

import attrs
import regex

from newsdoc._convert import SCHEMA_VERSION
from newsdoc._models import Document, Extra, Layout

__all__ = ["dumps_schema", "generate"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ROLE = regex.compile(r":[a-z]+:`~?(?:[\w.]+\.)?([^`]+)`")
_LITERAL = regex.compile(r"``(.+?)``")
_ENTRY = regex.compile(r"    (\w+): (.*)")
_TIME = datetime.datetime | datetime.date | None
_DATETIME = {
    "type": "string",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
               r"([Zz]|[+-][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?)?$",
}
_EXTRA_KEY = r"^[a-z0-9._-]+:[\s\S]+$"


def _plain(text: str) -> str:
    """reStructuredText roles and literals to plain Markdown-ish text."""
    text = _ROLE.sub(r"\1", text).replace("``None``", "``null``")
    return _LITERAL.sub(r"`\1`", text)


def _summary(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    return _plain(" ".join(doc.split("\n\n", 1)[0].split()))


def _attribute_docs(cls: type) -> dict[str, str]:
    """The ``Attributes:`` section of a Google-style class docstring, by name."""
    out: dict[str, str] = {}
    current: str | None = None
    inside = False
    for line in (inspect.getdoc(cls) or "").splitlines():
        if line.strip() == "Attributes:":
            inside = True
            continue
        if not inside:
            continue
        m = _ENTRY.fullmatch(line)
        if m is not None:
            current = m.group(1)
            out[current] = m.group(2).strip()
        elif current is not None and line.startswith("        "):
            out[current] += " " + line.strip()
        else:
            break
    return {name: _plain(text) for name, text in out.items()}


def _json_value(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def type_schema(self, tp: object) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if tp == _TIME:
            return {"anyOf": [{"type": "string", "format": "date"}, dict(_DATETIME),
                              {"type": "null"}]}
        if tp is datetime.datetime:
            return dict(_DATETIME)
        if tp is Layout:
            if "Layout" not in self.defs:
                self.defs["Layout"] = {
                    "description": _summary(Layout) + " The other keys are the format's own.",
                    "type": "object",
                    "properties": {"format": {
                        "description": "The name of the format that owns the layout.",
                        "type": "string"}},
                    "required": ["format"],
                }
            return {"$ref": "#/$defs/Layout"}
        if tp is Extra:
            if "Extra" not in self.defs:
                self.defs["Extra"] = {
                    "description": _summary(Extra), "type": "object",
                    "propertyNames": {"pattern": _EXTRA_KEY},
                }
            return {"$ref": "#/$defs/Extra"}
        if origin in (Union, types.UnionType):
            options = [a for a in args if a is not type(None)]
            if len(options) != 1 or len(args) != 2:
                raise TypeError(f"no JSON Schema for the union {tp!r}")
            inner = self.type_schema(options[0])
            if isinstance(inner.get("type"), str) and inner["type"] != "object":
                return {**inner, "type": [inner["type"], "null"]}
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type_schema(args[0])}
            return {"type": "array", "prefixItems": [self.type_schema(a) for a in args],
                    "items": False, "minItems": len(args), "maxItems": len(args)}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is str:
            return {"type": "string"}
        if tp is datetime.date:
            return {"type": "string", "format": "date"}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            if tp.__name__ not in self.defs:
                self.defs[tp.__name__] = {
                    "description": _summary(tp), "type": "string",
                    "enum": [m.value for m in tp],
                }
            return {"$ref": f"#/$defs/{tp.__name__}"}
        if isinstance(tp, type) and attrs.has(tp):
            if tp.__name__ not in self.defs:
                self.defs[tp.__name__] = {}  # reserve the name: models may nest
                self.defs[tp.__name__] = self.object_schema(tp)
            return {"$ref": f"#/$defs/{tp.__name__}"}
        raise TypeError(f"no JSON Schema for the type {tp!r}; teach tests/schema_generator.py")

    def object_schema(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        docs = _attribute_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            prop: dict[str, Any] = {}
            if field.name in docs:
                prop["description"] = docs[field.name]
            prop.update(self.type_schema(hints[field.name]))
            if field.default is attrs.NOTHING:
                required.append(field.name)
            elif isinstance(field.default, Extra):
                prop["default"] = field.default.to_json()
            elif not isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                prop["default"] = _json_value(field.default)
            properties[field.name] = prop
        out: dict[str, Any] = {"description": _summary(cls), "type": "object",
                               "properties": properties}
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out


def generate() -> dict[str, Any]:
    """The JSON Schema of one newsdoc JSON document, built from the models.

    Returns:
        The schema as a ``dict``; :func:`dumps_schema` gives the shipped file's text.

    Raises:
        TypeError: a model field has a type this generator does not know.
    """
    builder = _Builder()
    document = builder.object_schema(Document)
    properties = {
        "schema_version": {
            "description": "The version of this schema the document follows. Readers "
            "reject a version they do not know.",
            "const": SCHEMA_VERSION,
        },
        **document["properties"],
    }
    return {
        "$schema": _DIALECT,
        "$id": f"urn:newsdoc:schema:document:{SCHEMA_VERSION}",
        "title": "newsdoc document",
        "description": (
            f"One news document as newsdoc writes it (schema version {SCHEMA_VERSION}). "
            "A \"json\" file holds an array of them, a \"jsonl\" file one per line. Fields "
            "at their default value are left out. " + document["description"]
        ),
        "type": "object",
        "properties": properties,
        "required": ["schema_version", *document.get("required", [])],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }


def dumps_schema(schema: dict[str, Any]) -> str:
    """The schema as the shipped file holds it: indented JSON, UTF-8, one final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
