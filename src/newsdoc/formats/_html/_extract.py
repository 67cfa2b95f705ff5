"""One HTML page to a private intermediate result: metadata, blocks, figures, positions.

:mod:`newsdoc.formats.html` maps :class:`Page` onto the public model. Nothing here raises
on any input text: a page lxml cannot parse gives an empty :class:`Page` with a note.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import attrs

from newsdoc.formats._html._figures import extract_figures
from newsdoc.formats._html._meta import CoverImage, Meta, extract_meta
from newsdoc.formats._html._textmap import SourceMap

__all__ = ["Block", "Figure", "Page", "Where", "extract_page", "parse_html"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_SPACE = re.compile(r"\s+")
_LEAD = 3000
"""How far before the body's first block (in source characters) an uncaptioned lead image
may stand and still count as the article's."""


@attrs.frozen
class Where:
    """A place in the source: offsets and 1-based line/column of the start and end line."""

    start: int
    end: int
    line: int
    column: int
    end_line: int


@attrs.frozen
class Block:
    kind: str
    text: str
    where: Where | None


@attrs.frozen
class Figure:
    url: str | None
    alt: str | None
    caption: str | None
    credit: str | None
    where: Where | None
    cover: bool = False


@attrs.define
class Page:
    meta: Meta
    title_where: Where | None = None
    blocks: list[Block] = attrs.Factory(list)
    figures: list[Figure] = attrs.Factory(list)
    notes: list[tuple[str, str, str]] = attrs.Factory(list)
    """(code, severity, message)."""


def _sanitize(text: str) -> str:
    """``text`` with what lxml refuses (NUL, other control characters, lone surrogates)
    replaced one for one, so offsets into it are offsets into the original."""
    return _CONTROL.sub(lambda m: " " if m.group() < "\ud800" else "\ufffd", text)


def parse_html(text: str) -> Any:
    """The lxml tree of ``text``, or ``None`` when there is nothing to parse."""
    from lxml import etree
    from lxml import html as lxml_html

    clean = _sanitize(text)
    m = _XML_DECL.match(clean)
    if m:
        clean = " " * m.end() + clean[m.end():]
    if not clean.strip():
        return None
    try:
        parser = lxml_html.HTMLParser(collect_ids=False, default_doctype=False,
                                      remove_comments=True, remove_pis=True)
        return lxml_html.document_fromstring(clean, parser=parser)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _where(smap: SourceMap, span: tuple[int, int]) -> Where:
    line, col = smap.position(span[0])
    end_line, _ = smap.position(max(span[0], span[1] - 1))
    return Where(span[0], span[1], line, col, end_line)


def _url_key(url: str) -> str:
    """An image URL without scheme, query and size-like path parts, to match renditions."""
    base = url.split("?", 1)[0].split("#", 1)[0].split("://", 1)[-1]
    return base.rsplit("/", 1)[-1].lower()


def extract_page(text: str, *, url: str | None = None, body: bool = True) -> Page:
    """Everything newsdoc reads from one page.

    Args:
        text: The decoded HTML.
        url: Where the page was fetched from (helps trafilatura with relative links).
        body: Run the main-content extraction (needs trafilatura).

    Raises:
        ImportError: lxml, or with ``body`` trafilatura, is not installed.
    """
    tree = parse_html(text)
    if tree is None:
        page = Page(meta=Meta())
        page.notes.append(("html-empty", "warning", "no HTML markup to read"))
        return page
    meta = extract_meta(tree)
    page = Page(meta=meta)
    smap = SourceMap(text)
    if meta.title is None:
        for h1 in tree.iter("h1"):
            title = _SPACE.sub(" ", h1.text_content()).strip()
            if title:
                meta.title = title
                break
    if meta.title:
        found = smap.locate(meta.title)
        page.title_where = _where(smap, found) if found else None
    figures = extract_figures(tree)
    if body:
        from newsdoc.formats._html._body import extract_blocks

        try:
            blocks = extract_blocks(copy.deepcopy(tree), url=url or meta.url)
        except ImportError:
            raise
        except Exception as exc:  # a bug in the extractor must not lose the metadata
            page.notes.append(("html-body-failed", "warning",
                               f"the main-content extraction failed: {type(exc).__name__}"))
            blocks = []
        smap.rewind()
        title = _norm(meta.title or "")
        for i, (kind, block_text) in enumerate(blocks[:3]):
            if kind == "heading" and _norm(block_text) == title:
                # the headline again, and what stands above it (a kicker, a section label)
                blocks = blocks[i + 1:]
                break
        for kind, block_text in blocks:
            found = smap.locate(block_text)
            page.blocks.append(Block(kind, block_text, _where(smap, found) if found else None))
        missing = sum(1 for b in page.blocks if b.where is None)
        if missing:
            page.notes.append(("html-position-unknown", "info",
                               f"{missing} block(s) not found in the source text; "
                               "they have no span"))
    spans = [b.where for b in page.blocks if b.where is not None]
    body_start = min((w.start for w in spans), default=0)
    body_end = max((w.end for w in spans), default=len(text))
    keys: set[str] = set()
    for fig in figures:
        where = None
        if fig.url:
            at = smap.find_raw(fig.url)
            if at >= 0:
                where = _where(smap, (at, at + len(fig.url)))
        if where is None:
            line = getattr(fig.element, "sourceline", None)
            if isinstance(line, int) and line > 0:
                start = smap.line_start(line)
                where = Where(start, start, line, 1, line)
        if not fig.caption and not fig.credit and spans and (
                where is None or not body_start - _LEAD <= where.start <= body_end):
            continue  # an uncaptioned image outside the article: a thumbnail, a logo
        keys.update(_url_key(u) for u in fig.urls)
        page.figures.append(Figure(fig.url, fig.alt, fig.caption, fig.credit, where))
    covers: list[Figure] = []
    for cover in meta.cover:
        if _url_key(cover.url) in keys:
            continue
        keys.add(_url_key(cover.url))
        covers.append(_cover(cover))
    page.figures[:0] = covers
    return page


def _cover(cover: CoverImage) -> Figure:
    return Figure(cover.url, cover.alt, cover.caption, cover.credit, None, cover=True)
