"""The one cattrs converter behind newsdoc's JSON formats.

Every document is a JSON object with a ``schema_version``; unknown keys, unknown versions and
values of the wrong type are :class:`~newsdoc.exceptions.SchemaError`. Dates are ISO 8601
strings, enums their values; fields at their default are left out.
"""

from __future__ import annotations

import datetime
import enum
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError

from newsdoc._models import CreditKind, Document, Severity
from newsdoc.exceptions import SchemaError

__all__ = ["SCHEMA_VERSION", "document_from_dict", "document_to_dict"]

SCHEMA_VERSION = 1
"""The version of newsdoc's JSON document schema written by this release."""

_converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
_converter.register_unstructure_hook(datetime.date, lambda d: d.isoformat())
_converter.register_structure_hook(datetime.date, lambda v, _: _parse_date(v))


def _exact(kind: type) -> Any:
    """A structure hook that accepts values of exactly ``kind``: no ``str(5)`` or
    ``int("5")`` coercion of what a JSON file got wrong."""

    def hook(value: object, _: object) -> object:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return hook


def _enum(kind: type[enum.Enum]) -> Any:
    def hook(value: object, _: object) -> object:
        return kind(value)

    return hook


for _kind in (str, int, bool):
    _converter.register_structure_hook(_kind, _exact(_kind))
# The str hook above would also catch the str-based enums: give them their own.
for _enum_kind in (CreditKind, Severity):
    _converter.register_structure_hook(_enum_kind, _enum(_enum_kind))


def _parse_date(value: object) -> datetime.date:
    if not isinstance(value, str):
        raise TypeError(f"a date must be an ISO 8601 string, not {type(value).__name__}")
    return datetime.date.fromisoformat(value)


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The JSON-ready form of ``doc``, ``schema_version`` first."""
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    out.update(_converter.unstructure(doc, Document))
    return out


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ClassValidationError):
        notes = cattrs.transform_error(exc)
        return "; ".join(notes)
    return f"{type(exc).__name__}: {exc}"


def document_from_dict(data: object, *, path: str | None = None, line: int = 0) -> Document:
    """Build a document from its JSON-ready form.

    Raises:
        newsdoc.exceptions.SchemaError: not an object, a missing or unknown
            ``schema_version``, an unknown field, or a value of the wrong type.
    """
    if not isinstance(data, dict):
        raise SchemaError(f"a document must be a JSON object, not {type(data).__name__}",
                          path=path, line=line, code="schema-error")
    body = dict(data)
    version = body.pop("schema_version", None)
    if version != SCHEMA_VERSION:
        what = "missing" if version is None else f"unknown ({version!r})"
        raise SchemaError(
            f"schema_version is {what}; this release of newsdoc reads version {SCHEMA_VERSION}",
            path=path, line=line, code="schema-version",
        )
    try:
        return _converter.structure(body, Document)
    except Exception as exc:  # cattrs raises a tree of errors; flatten it for the message
        raise SchemaError(f"not a newsdoc document: {_describe(exc)}", path=path, line=line,
                          code="schema-error") from exc
