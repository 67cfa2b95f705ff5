"""What the RSS format declares to newsdoc's conformance kit, and a strategy for feeds.

Imported by tests only: it needs Hypothesis (``pip install 'newsdoc[testing]'``).

>>> from hypothesis import settings
>>> from newsdoc.testing import check_format
>>> from newsdoc_reader_example import RssFormat
>>> from newsdoc_reader_example.testing import limits
>>> check_format(RssFormat(), limits(), settings=settings(max_examples=10))
"""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

from newsdoc import Document, Paragraph
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

    caps = tuple(
        attrs.evolve(c, raw=clean(c.raw),
                     credit=attrs.evolve(c.credit, raw=clean(c.credit.raw)) if c.credit else None)
        for c in doc.captions
    )
    return attrs.evolve(doc, title=clean(doc.title), captions=caps,
                        paragraphs=tuple(Paragraph(text=clean(p.text)) for p in doc.paragraphs))


def _html(text: str) -> str:
    return "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>"


def normalize(doc: Document) -> Document:
    """What reading back the feed written from ``doc`` gives: the format's declared limits.

    The title loses the XML white space at its ends; each paragraph is read as HTML (white
    space collapsed, blank lines splitting it, empty ones dropped); a caption is rebuilt from
    what the writer puts in the feed (:func:`~newsdoc_reader_example.caption_fields`, then
    :func:`~newsdoc_reader_example.make_caption`), and dropped when blank; chrome is not
    written.
    """
    paras = tuple(Paragraph(text=t) for p in doc.paragraphs for t in html_paragraphs(_html(p.text)))
    caps = [make_caption(*caption_fields(c)) for c in doc.captions if c.raw.strip(_WS)]
    return Document(title=doc.title.strip(_WS), captions=tuple(caps), paragraphs=paras)


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
