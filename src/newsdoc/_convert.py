"""The one cattrs converter behind newsdoc's JSON formats.

Every document is a JSON object with a ``schema_version``; unknown versions and values of
the wrong type are :class:`~newsdoc.exceptions.SchemaError`. Times are ISO 8601 strings (a
date-only value stays a date), enums their values, :class:`~newsdoc.Extra` a JSON object;
fields at their default are left out. Version 1 documents are upgraded on the way in.

An unknown top-level field is a :class:`~newsdoc.exceptions.SchemaError` when reading
strictly; a lenient read keeps it in ``Document.extra`` under the ``unknown`` namespace
(``"unknown:subtitle"``) with a warning diagnostic.
"""

from __future__ import annotations

import datetime
import enum
import types
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError
from cattrs.v import format_exception

from newsdoc._models import (
    BlockKind,
    CreditKind,
    Diagnostic,
    Document,
    Extra,
    Severity,
    Span,
)
from newsdoc.exceptions import SchemaError

__all__ = ["READ_VERSIONS", "SCHEMA_VERSION", "UNKNOWN_NAMESPACE", "document_from_dict",
           "document_to_dict"]

SCHEMA_VERSION = 2
"""The version of newsdoc's JSON document schema written by this release."""

READ_VERSIONS = (1, 2)
"""The schema versions this release reads (older ones are upgraded on the way in)."""

UNKNOWN_NAMESPACE = "unknown"
"""The ``Document.extra`` namespace a lenient read keeps unknown top-level fields under."""

_FIELDS = frozenset(f.name for f in attrs.fields(Document))
_TIME = datetime.datetime | datetime.date | None

_converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)


def _iso(value: datetime.date) -> str:
    return value.isoformat()


_converter.register_unstructure_hook(datetime.date, _iso)
_converter.register_unstructure_hook(datetime.datetime, _iso)
_converter.register_unstructure_hook(Extra, lambda extra: extra.to_json())


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
for _enum_kind in (BlockKind, CreditKind, Severity):
    _converter.register_structure_hook(_enum_kind, _enum(_enum_kind))


def _string(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be an ISO 8601 string, not {type(value).__name__}")
    return value


def _parse_date(value: object) -> datetime.date:
    text = _string(value, "a date")
    if len(text) != 10:
        raise ValueError(f"{text!r} is not an ISO 8601 date (YYYY-MM-DD)")
    return datetime.date.fromisoformat(text)


def _parse_datetime(value: object) -> datetime.datetime:
    text = _string(value, "a date and time")
    if len(text) <= 10 or text[10] not in "Tt ":
        raise ValueError(f"{text!r} is not an ISO 8601 date and time")
    if text[-1] in "Zz":  # Python before 3.11 does not read the Z suffix
        text = text[:-1] + "+00:00"
    return datetime.datetime.fromisoformat(text)


def _parse_time(value: object) -> datetime.datetime | datetime.date:
    """A date and time, or a date alone when the string gives only the day."""
    if isinstance(value, str) and len(value) == 10:
        return _parse_date(value)
    return _parse_datetime(value)


def _parse_optional_time(value: object, _: object) -> datetime.datetime | datetime.date | None:
    return None if value is None else _parse_time(value)


def _parse_extra(value: object, _: object) -> Extra:
    if not isinstance(value, dict):
        raise TypeError(f"extra must be a JSON object, not {type(value).__name__}")
    return Extra(value)


_converter.register_structure_hook(datetime.date, lambda v, _: _parse_date(v))
_converter.register_structure_hook(datetime.datetime, lambda v, _: _parse_datetime(v))
_converter.register_structure_hook_func(
    lambda tp: isinstance(tp, types.UnionType) and tp == _TIME, _parse_optional_time
)
_converter.register_structure_hook(Extra, _parse_extra)


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The JSON-ready form of ``doc``, ``schema_version`` first.

    Raises:
        Nothing: every document has a JSON form.
    """
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    out.update(_converter.unstructure(doc, Document))
    return out


def _message(exc: BaseException, tp: type | None) -> str:
    """Our own hooks' messages as they are; cattrs' default wording for the rest."""
    if type(exc) in (ValueError, TypeError) and str(exc):
        return str(exc)
    return format_exception(exc, tp)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ClassValidationError):
        notes = cattrs.transform_error(exc, format_exception=_message)
        return "; ".join(notes)
    return f"{type(exc).__name__}: {exc}"


def _upgrade_v1(body: dict[str, Any]) -> dict[str, Any]:
    """A version 1 document in version 2 form: its ``captions`` become images without URLs."""
    if "captions" in body:
        captions = body.pop("captions")
        if isinstance(captions, list):
            body["images"] = [{"caption": caption} for caption in captions]
        else:  # not a list: left for the converter to report under its v2 name
            body["images"] = captions
    return body


def document_from_dict(data: object, *, path: str | None = None, line: int = 0,
                       strict: bool = True, span: Span | None = None) -> Document:
    """Build a document from its JSON-ready form (schema version 1 or 2).

    Args:
        data: The parsed JSON object.
        path: The file it came from, for messages.
        line: The line it starts on, for messages.
        strict: Raise on an unknown top-level field instead of keeping it in ``extra``
            with a warning diagnostic.
        span: Where the object sits in the input, for that diagnostic.

    Raises:
        newsdoc.exceptions.SchemaError: not an object, a missing or unknown
            ``schema_version``, a value of the wrong type, an unknown field inside a
            nested object, or (with ``strict``) an unknown top-level field.
    """
    if not isinstance(data, dict):
        raise SchemaError(f"a document must be a JSON object, not {type(data).__name__}",
                          path=path, line=line, code="schema-error")
    body = dict(data)
    version = body.pop("schema_version", None)
    if type(version) is not int or version not in READ_VERSIONS:
        what = "missing" if version is None else f"unknown ({version!r})"
        raise SchemaError(
            f"schema_version is {what}; this release of newsdoc reads versions "
            f"{', '.join(map(str, READ_VERSIONS))}",
            path=path, line=line, code="schema-version",
        )
    if version == 1:
        body = _upgrade_v1(body)
    unknown = [key for key in body if key not in _FIELDS]
    if unknown and strict:
        raise SchemaError(f"unknown field {unknown[0]!r}: not a field of a version {version} "
                          "newsdoc document", path=path, line=line, code="unknown-field")
    kept = {f"{UNKNOWN_NAMESPACE}:{key}": body.pop(key) for key in unknown}
    try:
        doc = _converter.structure(body, Document)
    except Exception as exc:  # cattrs raises a tree of errors; flatten it for the message
        raise SchemaError(f"not a newsdoc document: {_describe(exc)}", path=path, line=line,
                          code="schema-error") from exc
    if not kept:
        return doc
    try:
        extra = Extra({**kept, **doc.extra})
    except (TypeError, ValueError) as exc:  # pragma: no cover - parsed JSON is JSON
        raise SchemaError(f"not a newsdoc document: {exc}", path=path, line=line,
                          code="schema-error") from exc
    notes = tuple(
        Diagnostic(code="unknown-field", severity=Severity.WARNING, span=span, path=path,
                   message=f"unknown field {key.partition(':')[2]!r} kept in extra as {key!r}")
        for key in kept
    )
    return attrs.evolve(doc, extra=extra, diagnostics=(*doc.diagnostics, *notes))
