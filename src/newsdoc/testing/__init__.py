"""Tools for testing newsdoc formats: Hypothesis strategies for the models and for raw
scraped-text files.

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

from newsdoc.testing._strategies import (
    captions,
    credits,
    documents,
    lines,
    paragraphs,
    scraped_text_files,
)

__all__ = [
    "captions",
    "credits",
    "documents",
    "lines",
    "paragraphs",
    "scraped_text_files",
]
