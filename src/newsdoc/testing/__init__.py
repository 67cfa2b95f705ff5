"""Tools for testing newsdoc formats: Hypothesis strategies for the models and for raw
scraped-text files, and the conformance kit that checks a format's reader and writer
(round trip within declared limits, totality, exact provenance, streaming).

Needs Hypothesis: ``pip install 'newsdoc[testing]'``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

try:
    import hypothesis as _hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "newsdoc.testing needs Hypothesis: pip install 'newsdoc[testing]'"
    ) from exc

from newsdoc.testing._conformance import (
    CHECKS,
    ConformanceError,
    Limits,
    check_chunked,
    check_format,
    check_provenance,
    check_roundtrip,
    check_total,
    verbatim,
)
from newsdoc.testing._strategies import (
    authors,
    captions,
    credits,
    documents,
    extras,
    images,
    lines,
    paragraphs,
    scraped_text_files,
    times,
)

__all__ = [
    "CHECKS",
    "ConformanceError",
    "Limits",
    "authors",
    "captions",
    "check_chunked",
    "check_format",
    "check_provenance",
    "check_roundtrip",
    "check_total",
    "credits",
    "documents",
    "extras",
    "images",
    "lines",
    "paragraphs",
    "scraped_text_files",
    "times",
    "verbatim",
]
