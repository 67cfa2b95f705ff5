"""newsdoc-reader-example: an example newsdoc plugin that reads and writes RSS 2.0 feeds.

Installing the distribution is all it takes: its entry point in the ``newsdoc.readers``
group makes the format ``"rss"`` available to ``newsdoc.read`` and the ``newsdoc`` command.

>>> import newsdoc
>>> feed = '''<rss version="2.0"><channel><title>Wire</title>
... <item><title>Rain &amp; wind</title>
... <description>&lt;p&gt;It rained.&lt;/p&gt;&lt;p&gt;Then it stopped.&lt;/p&gt;</description>
... </item></channel></rss>'''
>>> [doc] = newsdoc.loads(feed, "rss")
>>> doc.title, [p.text for p in doc.paragraphs]
('Rain & wind', ['It rained.', 'Then it stopped.'])
"""

from __future__ import annotations

from newsdoc_reader_example._rss import (
    MEDIA_NS,
    RssFormat,
    caption_fields,
    make_caption,
    span_check,
    xml_text,
)

__all__ = ["MEDIA_NS", "RssFormat", "caption_fields", "make_caption", "span_check", "xml_text"]
