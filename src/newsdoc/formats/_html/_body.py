"""The article body: trafilatura decides what is main content; its XML gives block kinds.

``trafilatura.bare_extraction`` returns its result as an XML tree (``<p>``, ``<head>``,
``<quote>``, ``<list><item>``, ``<graphic>``, with ``<hi>``/``<ref>``/``<lb>`` inline);
each block element becomes one block of text with its kind.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

__all__ = ["extract_blocks"]

_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u200b\u2060\ufeff]+")
_NEWLINES = re.compile(r" *\n[ \n]*")

KINDS = {"p": "paragraph", "head": "heading", "quote": "quote", "item": "list-item",
         "code": "paragraph"}


def _text(el: Any) -> str:
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        if node.tag != "lb":
            for child in node:
                if child.tag in ("list", "table", "graphic"):
                    if child.tail:
                        parts.append(child.tail)
                    continue
                walk(child)
                if child.tail:
                    parts.append(child.tail)

    walk(el)
    text = _SPACE.sub(" ", "".join(parts))
    return _NEWLINES.sub("\n", text).strip()


def _blocks(el: Any) -> Iterator[tuple[str, str]]:
    for child in el:
        tag = child.tag
        if tag == "list":
            for item in child.iter("item"):
                text = _text(item)
                if text:
                    yield "list-item", text
        elif tag == "quote" and any(c.tag in KINDS or c.tag == "list" for c in child):
            for kind, text in _blocks(child):
                yield ("quote" if kind == "paragraph" else kind), text
            lead = _text_only(child)
            if lead:
                yield "quote", lead
        elif tag in KINDS:
            text = _text(child)
            if text:
                yield KINDS[tag], text
        elif tag in ("div", "section", "body", "main", "article"):
            yield from _blocks(child)


def _text_only(el: Any) -> str:
    return _SPACE.sub(" ", el.text or "").strip()


@functools.lru_cache(maxsize=1)
def _config() -> Any:
    """trafilatura's defaults, except that a short article is not replaced by the text of the
    whole page: by default an extraction under 250 characters falls back to a baseline
    that returns every text of the page as one paragraph."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def extract_blocks(html: Any, url: str | None = None) -> list[tuple[str, str]]:
    """``(kind, text)`` of each block of the main content, in order; ``[]`` when trafilatura
    finds none.

    Raises:
        ImportError: trafilatura is not installed.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, include_formatting=True, include_images=False, include_tables=False,
        include_comments=False, with_metadata=False, deduplicate=False, favor_recall=False,
        config=_config(),
    )
    body = getattr(doc, "body", None)
    if body is None:
        return []
    return list(_blocks(body))
