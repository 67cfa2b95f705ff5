"""newsdoc: structured news documents.

Typed document models, pluggable format readers and writers, caption and dedup utilities.

>>> import newsdoc
>>> docs = newsdoc.loads("Title\\n\\nTT\\n\\nTitle\\n\\nBody.", "scraped-text")
>>> docs[0].title, len(docs[0].paragraphs)
('Title', 1)
"""

from __future__ import annotations

from newsdoc import formats as _formats  # registers the built-in formats
from newsdoc._models import (
    Author,
    BlockKind,
    Caption,
    Credit,
    CreditKind,
    Diagnostic,
    Document,
    Extra,
    Image,
    JsonValue,
    Layout,
    Paragraph,
    Severity,
    Source,
    Span,
)
from newsdoc._pipeline._io import dumps, iter_read, loads, read, write
from newsdoc._registry import (
    Format,
    FormatInfo,
    ReadOptions,
    Registry,
    Reporter,
    available_formats,
    get_format,
    register_format,
)
from newsdoc.records import DocumentRecord, to_pandas, to_records

del _formats

__all__ = [
    "Author",
    "BlockKind",
    "Caption",
    "Credit",
    "CreditKind",
    "Diagnostic",
    "Document",
    "DocumentRecord",
    "Extra",
    "Format",
    "FormatInfo",
    "Image",
    "JsonValue",
    "Layout",
    "Paragraph",
    "ReadOptions",
    "Registry",
    "Reporter",
    "Severity",
    "Source",
    "Span",
    "available_formats",
    "dumps",
    "get_format",
    "iter_read",
    "loads",
    "read",
    "register_format",
    "to_pandas",
    "to_records",
    "write",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version

        return version("newsdoc")
    raise AttributeError(f"module 'newsdoc' has no attribute {name!r}")
