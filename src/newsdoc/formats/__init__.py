"""The built-in formats. Importing this package registers them.

``html`` and ``warc`` are registered always; their heavy libraries (trafilatura, lxml,
warcio) are imported only when they read, which raises :class:`ImportError` naming the
extra to install when they are missing.
"""

from __future__ import annotations

from newsdoc.formats import html as html
from newsdoc.formats import jsonl as jsonl
from newsdoc.formats import scraped_text as scraped_text
from newsdoc.formats import warc as warc

__all__ = ["html", "jsonl", "scraped_text", "warc"]
