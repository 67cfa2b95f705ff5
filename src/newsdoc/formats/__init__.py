"""The built-in formats. Importing this package registers them."""

from __future__ import annotations

from newsdoc.formats import jsonl as jsonl
from newsdoc.formats import scraped_text as scraped_text

__all__ = ["jsonl", "scraped_text"]
