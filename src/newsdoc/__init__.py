"""newsdoc: structured news documents.

Typed document models, pluggable format readers and writers, caption and dedup utilities.
"""

from __future__ import annotations

from newsdoc._models import (
    Caption,
    Credit,
    CreditKind,
    Diagnostic,
    Document,
    Layout,
    Paragraph,
    Severity,
    Source,
    Span,
)

__all__ = [
    "Caption",
    "Credit",
    "CreditKind",
    "Diagnostic",
    "Document",
    "Layout",
    "Paragraph",
    "Severity",
    "Source",
    "Span",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version

        return version("newsdoc")
    raise AttributeError(f"module 'newsdoc' has no attribute {name!r}")
