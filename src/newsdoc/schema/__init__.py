"""The JSON Schema of newsdoc's JSON document, shipped with the package.

Every document newsdoc writes as ``"json"`` (an array of them) or ``"jsonl"`` (one a line)
validates against :func:`document_schema`: a JSON Schema (draft 2020-12) generated from the
document model, so it cannot drift from it. ``docs/schema.md`` shows it whole.

>>> import newsdoc.schema
>>> schema = newsdoc.schema.document_schema()
>>> schema["properties"]["schema_version"]["const"] == newsdoc.schema.SCHEMA_VERSION
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from newsdoc._convert import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "document_schema"]

_FILE = f"document-v{SCHEMA_VERSION}.schema.json"


def document_schema() -> dict[str, Any]:
    """The JSON Schema of one newsdoc JSON document, as shipped with this release.

    Returns:
        A fresh ``dict`` on each call (yours to change): the schema of one document, with
        the models' classes under ``$defs``. A ``"json"`` file is an array of such
        documents, a ``"jsonl"`` file one a line.

    Raises:
        OSError: the installed package is incomplete (the schema file is missing).

    .. versionadded:: 0.1.0
    """
    text = resources.files(__name__).joinpath(_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
