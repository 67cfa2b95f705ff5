"""What the RSS format declares to newsdoc's conformance kit, and a strategy for feeds.

Imported by tests only: it needs Hypothesis (``pip install 'newsdoc[testing]'``).

>>> from hypothesis import settings
>>> from newsdoc.testing import check_format
>>> from newsdoc_reader_example import RssFormat
>>> from newsdoc_reader_example.testing import limits
>>> check_format(RssFormat(), limits(), settings=settings(max_examples=10))
"""

from __future__ import annotations

import datetime

import attrs
from hypothesis import strategies as st

from newsdoc import Author, Document, Image, Paragraph
from newsdoc.testing import Limits, documents
from newsdoc_reader_example._html import paragraphs as html_paragraphs
from newsdoc_reader_example._rss import (
    _NOT_XML,
    MEDIA_NS,
    caption_fields,
    make_caption,
    span_check,
)

__all__ = ["feeds", "limits", "normalize", "xml_safe"]

_WS = " \t\r\n"


def xml_safe(doc: Document) -> Document:
    """``doc`` without the characters XML 1.0 cannot hold (the writer refuses them)."""

    def clean(text: str) -> str:
        return _NOT_XML.sub("", text)

    def maybe(text: str | None) -> str | None:
        return None if text is None else clean(text)

    images = tuple(
        attrs.evolve(i, url=maybe(i.url), caption=None if i.caption is None else attrs.evolve(
            i.caption, raw=clean(i.caption.raw), credit=attrs.evolve(
                i.caption.credit, raw=clean(i.caption.credit.raw)) if i.caption.credit else None))
        for i in doc.images
    )
    return attrs.evolve(
        doc, title=clean(doc.title), url=maybe(doc.url), id=maybe(doc.id),
        section=maybe(doc.section), summary=maybe(doc.summary),
        authors=tuple(attrs.evolve(a, name=clean(a.name)) for a in doc.authors),
        images=images, paragraphs=tuple(Paragraph(text=clean(p.text)) for p in doc.paragraphs))


def _html(text: str) -> str:
    return "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>"


def _field(text: str | None) -> str | None:
    """A text field as it reads back: XML white space at the ends gone, empty is ``None``."""
    return (text or "").strip(_WS) or None


def _url(text: str | None) -> str | None:
    """An attribute as it reads back: line ends and tabs are spaces (XML normalizes them)."""
    return _field(text)


def normalize(doc: Document) -> Document:
    """What reading back the feed written from ``doc`` gives: the format's declared limits.

    The title, URL, id, section and author names lose the XML white space at their ends
    (empty ones are dropped); an author keeps only the name; each paragraph is read as HTML
    (white space collapsed, blank lines splitting it, empty ones dropped), and so is the
    summary, whose paragraphs are joined by a space (with no body, the summary is read back
    as the body); a caption is rebuilt from what the writer puts in the feed
    (:func:`~newsdoc_reader_example.caption_fields`, then
    :func:`~newsdoc_reader_example.make_caption`), and dropped when blank; an image without
    caption and URL is dropped, alt text is not written; the publication time keeps whole
    seconds and is not written when it is a date alone; chrome, keywords, language,
    modification time, publisher and ``extra`` are not written.
    """
    paras = tuple(Paragraph(text=t) for p in doc.paragraphs for t in html_paragraphs(_html(p.text)))
    summary_paras = html_paragraphs(_html(doc.summary)) if doc.summary else []
    summary = " ".join(summary_paras) or None
    if summary is not None and not paras:
        paras, summary = tuple(Paragraph(text=t) for t in summary_paras), None
    images = []
    for image in doc.images:
        caption = None
        if image.caption is not None and image.caption.raw.strip(_WS):
            caption = make_caption(*caption_fields(image.caption))
        url = _url(image.url)
        if caption is not None or url is not None:
            images.append(Image(url=url, caption=caption))
    published = doc.published
    if isinstance(published, datetime.datetime):
        published = published.replace(microsecond=0)
    else:
        published = None
    return Document(
        title=doc.title.strip(_WS), url=_field(doc.url), id=_field(doc.id),
        published=published,
        authors=tuple(Author(name=n) for n in (_field(a.name) for a in doc.authors) if n),
        section=_field(doc.section), summary=summary, images=tuple(images), paragraphs=paras,
    )


_WORDS = st.sampled_from(["Rain", "in", "Lagos", "said", "on", "May 3, 2025.", "&amp;", "&lt;b&gt;",
                          "&nbsp;", "&#8217;", "&eacute;", "&bogus;", "é", "\u00a0", "  ", "\n",
                          "(Photo by Ada OBI / AFP)", "Reuters", "<![CDATA[<p>x & y</p>]]>"])


def _words(max_size: int = 8) -> st.SearchStrategy[str]:
    return st.lists(_WORDS, max_size=max_size).map(" ".join)


@st.composite
def _item(draw: st.DrawFn, media: str) -> str:
    parts: list[str] = []
    if draw(st.integers(0, 5)):
        parts.append(f"<title>{draw(_words())}</title>")
    body = draw(st.lists(_words(12), max_size=4))
    escaped = draw(st.booleans())
    if body and escaped:
        html = "".join(f"&lt;p&gt;{b}&lt;/p&gt;" for b in body)
        parts.append(f"<description>{html}</description>")
    elif body:
        html = "".join(f"<p>{b}</p>" for b in body if "CDATA" not in b)
        parts.append(f"<content:encoded><![CDATA[{html}]]></content:encoded>")
    for _ in range(draw(st.integers(0, 2))):
        desc = f"<{media}:description>{draw(_words())}</{media}:description>"
        credit = (f"<{media}:credit>{draw(_words(3))}</{media}:credit>"
                  if draw(st.booleans()) else "")
        parts.append(f'<{media}:content url="https://example.org/p.jpg" medium="image">'
                     f"{desc}{credit}</{media}:content>")
    extras = ["<link>https://example.org/a</link>", "<guid isPermaLink=\"false\">a-1</guid>",
              "<pubDate>Sat, 03 May 2025 10:00:00 +0000</pubDate>", "<pubDate>soon</pubDate>",
              '<enclosure url="https://example.org/a.jpg" type="image/jpeg" length="1"/>',
              "<!-- a comment -->", "<category/>"]
    parts += draw(st.lists(st.sampled_from(extras), max_size=3))
    parts = draw(st.permutations(parts))
    sep = draw(st.sampled_from(["", "\n", "\r\n", "\n  "]))
    return "<item>" + sep + sep.join(parts) + sep + "</item>"


@st.composite
def _feed(draw: st.DrawFn) -> str:
    media = draw(st.sampled_from(["media", "m"]))
    head = draw(st.sampled_from(['<?xml version="1.0" encoding="utf-8"?>\n', "", "\ufeff",
                                 '<?xml version="1.0" encoding="ISO-8859-1"?>\r\n']))
    items = draw(st.lists(_item(media), max_size=3))
    doctype = draw(st.sampled_from(["", "", "", '<!DOCTYPE rss [<!ENTITY a "aaaa">]>\n']))
    return (f'{head}{doctype}<rss version="2.0" xmlns:{media}="{MEDIA_NS}" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>'
            "<title>Wire</title>\n" + "\n".join(items) + "\n</channel>\n</rss>")


def feeds() -> st.SearchStrategy[str]:
    """The text of RSS feeds with the variants real feeds have: escaped HTML or CDATA
    bodies, Media RSS captions and credits under any prefix, HTML entities, elements the
    model has no place for, invalid dates, comments, ``\\r\\n``, a byte-order mark, an
    encoding declaration, now and then a DOCTYPE (which the reader refuses)."""
    return _feed()


def limits() -> Limits:
    """The :class:`newsdoc.testing.Limits` of the RSS format."""
    return Limits(documents=documents().map(xml_safe), normalize=normalize, texts=feeds(),
                  span_check=span_check)
