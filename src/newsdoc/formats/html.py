"""The ``html`` format: one news article page to one :class:`~newsdoc.Document`.

Needs the ``html`` extra (``pip install 'newsdoc[html]'``: trafilatura and lxml); the format
is always registered, and reading without the extra raises :class:`ImportError` naming it.

- **Metadata** from schema.org JSON-LD, OpenGraph and ``meta`` tags, and the document
  (``<title>``, ``<html lang>``, ``<link rel=canonical>``), merged field by field in that
  order (:data:`PRECEDENCE`); a source that disagrees with the one kept is reported as a
  ``metadata-conflict`` diagnostic (info).
- **Body**: trafilatura decides what is main content; its blocks become paragraphs with
  their kind (paragraph, heading, quote, list item) and their place in the HTML source.
- **Figures**: newsdoc's own code finds each figure's image URL, alt text, caption and
  credit; a credit inside the caption text is split off with
  :func:`newsdoc.captions.parse_caption`.

See ``docs/html.md`` for the details and the measured accuracy.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from newsdoc._models import (
    Author,
    BlockKind,
    Caption,
    Credit,
    Diagnostic,
    Document,
    Image,
    Paragraph,
    Severity,
    Span,
)
from newsdoc._registry import Format, ReadOptions, register_format

__all__ = ["PRECEDENCE", "Html"]

PRECEDENCE = ("json-ld", "opengraph", "meta", "html")
"""Which metadata source wins, field by field: schema.org JSON-LD, then OpenGraph
(``og:*``, ``article:*``), then other ``meta`` tags, then the document itself."""

_EXTRA = "html"
_KINDS = {"paragraph": BlockKind.PARAGRAPH, "heading": BlockKind.HEADING,
          "quote": BlockKind.QUOTE, "list-item": BlockKind.LIST_ITEM}


def _require() -> None:
    try:
        import lxml  # noqa: F401
        import trafilatura  # noqa: F401
    except ImportError as exc:
        raise ImportError(
            f"reading HTML needs the '{_EXTRA}' extra: pip install 'newsdoc[{_EXTRA}]' "
            f"({exc.name or exc} is missing)"
        ) from exc


def _looks_like_html(prefix: str) -> bool:
    head = prefix.lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    # markup first (a comment, an XML declaration, a fragment), and an HTML element soon
    return head.startswith("<") and any(tag in head for tag in (
        "<html", "<head", "<body", "<meta"))


def _span(where: Any) -> Span | None:
    if where is None:
        return None
    return Span(start=where.start, end=where.end, line=where.line, column=where.column,
                end_line=where.end_line)


def _reference(published: datetime.date | None) -> datetime.date | None:
    if isinstance(published, datetime.datetime):
        return published.date()
    return published


def _image(fig: Any, reference: datetime.date | None) -> Image:
    from newsdoc.captions import parse_caption, parse_credit

    caption: Caption | None = None
    credit: Credit | None = None
    if fig.credit:
        credit = parse_credit(fig.credit) or Credit(raw=fig.credit)
    if fig.caption:
        parsed = parse_caption(fig.caption, reference=reference)
        if credit is None or (parsed.credit is not None
                              and _same_credit(parsed.credit.raw, credit.raw)):
            caption = parsed  # the credit is in the caption's text (too)
        else:  # caption and credit in separate elements: raw is both, as the page shows
            caption = Caption(raw=f"{fig.caption} {credit.raw}", text=fig.caption,
                              credit=credit, date=parsed.date)
    elif credit is not None:
        caption = Caption(raw=credit.raw, text="", credit=credit)
    return Image(url=fig.url, alt=fig.alt, caption=caption, span=_span(fig.where))


def _same_credit(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return "".join(ch for ch in s.casefold() if ch.isalnum())

    ka, kb = key(a), key(b)
    return bool(ka) and (ka in kb or kb in ka)


def _page_document(
    text: str,
    *,
    options: ReadOptions,
    format_name: str = "html",
    url: str | None = None,
) -> Document | None:
    """The document of one HTML page, or ``None`` when ``text`` is blank.

    Used by the ``html`` and ``warc`` readers; ``url`` is where the page was fetched from,
    used when the page names no URL of its own.

    Raises:
        ImportError: the ``html`` extra is not installed.
        newsdoc.exceptions.ParseError: with ``options.strict``, a page whose markup cannot
            be read or whose body cannot be extracted.
    """
    from newsdoc.formats._html._extract import extract_page

    if not text.strip():
        return None
    page = extract_page(text, url=url)
    meta = page.meta
    diagnostics: list[Diagnostic] = []
    for code, severity, message in page.notes:
        diagnostics.append(options.diagnostic(code, message, severity=Severity(severity)))
    for code, message in meta.notes:
        diagnostics.append(options.diagnostic(code, message, severity=Severity.INFO))
    for field, kept, kept_from, other, other_from in meta.conflicts:
        diagnostics.append(options.diagnostic(
            "metadata-conflict",
            f"{field}: {kept_from} gives {kept!r}, {other_from} gives {other!r}; "
            f"kept {kept_from}'s", text=other, severity=Severity.INFO))
    reference = _reference(meta.published)
    end_line = text.count("\n") + 1
    page_url = meta.url or url
    return Document(
        title=meta.title or "",
        paragraphs=tuple(Paragraph(text=b.text, kind=_KINDS[b.kind], span=_span(b.where))
                         for b in page.blocks),
        images=tuple(_image(fig, reference) for fig in page.figures),
        url=page_url,
        id=meta.id or page_url,
        published=meta.published,
        modified=meta.modified,
        authors=tuple(Author(name=name, url=link) for name, link in meta.authors),
        language=meta.language,
        section=meta.section,
        keywords=tuple(meta.keywords),
        summary=meta.summary,
        publisher=meta.publisher,
        title_span=_span(page.title_where),
        source=options.source(format_name, Span(start=0, end=len(text), line=1, column=1,
                                                 end_line=end_line)),
        diagnostics=tuple(diagnostics),
    )


@register_format
class Html(Format):
    """One news article page (``"html"``) to one document; needs ``newsdoc[html]``.

    .. versionadded:: 0.1.0
    """

    name = "html"
    extensions = (".html", ".htm", ".xhtml")
    description = "one HTML news article page per file (needs newsdoc[html])"

    def sniff(self, prefix: str) -> bool:
        """A doctype or ``<html>`` first, or markup with ``<head>``, ``<body>`` or
        ``<meta>`` near the start."""
        return _looks_like_html(prefix)

    def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        """Yield the one document of the page (nothing for empty input). A page longer than
        ``options.max_document_size`` characters is read up to there, with a
        ``document-too-large`` warning.

        Raises:
            ImportError: the ``html`` extra is not installed.
            newsdoc.exceptions.ParseError: only with ``options.strict``.
        """
        _require()
        limit = options.max_document_size
        parts: list[str] = []
        size = 0
        for chunk in chunks:
            if limit is not None and size + len(chunk) > limit:
                parts.append(chunk[:limit - size])
                options.report("document-too-large",
                               f"the page is longer than {limit} characters; only its first "
                               f"{limit} are read", severity=Severity.WARNING)
                break
            parts.append(chunk)
            size += len(chunk)
        doc = _page_document("".join(parts), options=options)
        if doc is not None:
            yield doc
