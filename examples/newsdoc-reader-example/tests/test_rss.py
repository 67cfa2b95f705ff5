"""The plugin author's own tests: newsdoc's conformance kit does the heavy lifting."""

from __future__ import annotations

import datetime

import attrs
import pytest
from newsdoc_reader_example import RssFormat
from newsdoc_reader_example.testing import limits

import newsdoc
from newsdoc.testing import CHECKS, check_format


@pytest.mark.parametrize("check", CHECKS)
def test_conformance(check: str) -> None:
    """RSS keeps newsdoc's promises within its declared limits."""
    check_format(RssFormat(), limits(), checks=[check])


def test_installed_as_a_plugin() -> None:
    fmt = newsdoc.get_format("rss")
    assert isinstance(fmt, RssFormat)
    assert newsdoc.Registry().info("rss").origin == "newsdoc-reader-example"


# The shape of a real news site's feed (written for this test): a WordPress-style item with
# a permalink guid, an RFC 822 date with a zone, Dublin Core creators, an RSS author,
# several categories, a summary in description and the body in content:encoded.
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>Example Daily - World</title>
  <link>https://news.example.com/world/</link>
  <language>en-GB</language>
  <item>
    <title>Talks resume in Cairo as envoys seek a ceasefire</title>
    <link>https://news.example.com/world/2025/03/04/talks-resume-in-cairo/</link>
    <guid isPermaLink="false">https://news.example.com/?p=48213</guid>
    <pubDate>Tue, 04 Mar 2025 09:30:00 +0200</pubDate>
    <dc:creator><![CDATA[Ada Kerr]]></dc:creator>
    <dc:creator><![CDATA[Omar Said]]></dc:creator>
    <category><![CDATA[World]]></category>
    <category><![CDATA[Middle East]]></category>
    <description><![CDATA[<p>Envoys met for a second day.</p>]]></description>
    <content:encoded><![CDATA[<p>Envoys met in Cairo on Tuesday.</p>
<p>The talks will resume on Thursday.</p>]]></content:encoded>
    <media:content url="https://news.example.com/img/cairo-talks.jpg" medium="image"
                   width="1200" height="800">
      <media:description>Delegates arrive in Cairo on March 3, 2025.</media:description>
      <media:credit>Khaled DESOUKI / AFP</media:credit>
    </media:content>
    <media:thumbnail url="https://news.example.com/img/cairo-talks-150.jpg"/>
  </item>
  <item>
    <title>Markets rise</title>
    <link>https://news.example.com/business/markets-rise/</link>
    <guid>https://news.example.com/business/markets-rise/</guid>
    <pubDate>Tue, 04 Mar 2025 07:05:00 GMT</pubDate>
    <author>desk@news.example.com (Business Desk)</author>
    <category>Business</category>
    <description>&lt;p&gt;Stocks rose on Tuesday.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
"""


def test_real_shaped_feed_fills_the_metadata() -> None:
    """URL, id, published time with its zone, authors, section and summary come from the
    item; none of them is reported as not kept."""
    talks, markets = newsdoc.loads(FEED, "rss", strict=True)
    assert talks.url == "https://news.example.com/world/2025/03/04/talks-resume-in-cairo/"
    assert talks.id == "https://news.example.com/?p=48213"
    assert talks.published == datetime.datetime(2025, 3, 4, 7, 30, tzinfo=datetime.timezone.utc)
    assert talks.published.utcoffset() == datetime.timedelta(hours=2)  # the zone is kept
    assert [a.name for a in talks.authors] == ["Ada Kerr", "Omar Said"]
    assert talks.section == "World"
    assert talks.extra == {"rss:category": ("World", "Middle East")}
    assert talks.summary == "Envoys met for a second day."
    assert [p.text for p in talks.paragraphs] == ["Envoys met in Cairo on Tuesday.",
                                                  "The talks will resume on Thursday."]
    [image] = talks.images
    assert image.url == "https://news.example.com/img/cairo-talks.jpg"
    assert image.caption is not None
    assert image.caption.credit is not None
    assert image.caption.credit.agency == "AFP"
    assert image.caption.date == datetime.date(2025, 3, 3)
    not_kept = [d.text for d in talks.diagnostics if d.code == "not-kept"]
    assert not_kept == ['<media:thumbnail url="https://news.example.com/img/cairo-talks-150.jpg"/>']

    assert markets.id == markets.url == "https://news.example.com/business/markets-rise/"
    assert markets.published == datetime.datetime(2025, 3, 4, 7, 5,
                                                  tzinfo=datetime.timezone.utc)
    assert [a.name for a in markets.authors] == ["Business Desk"]
    assert (markets.section, markets.summary, markets.extra) == ("Business", None, {})
    assert [p.text for p in markets.paragraphs] == ["Stocks rose on Tuesday."]
    assert not [d for d in markets.diagnostics if d.code == "not-kept"]


def test_real_shaped_feed_round_trips_its_metadata() -> None:
    """Written back and read again, the feed gives the same documents (the categories
    beyond the section are not written, so ``extra`` is empty)."""
    docs = newsdoc.loads(FEED, "rss")
    again = newsdoc.loads(newsdoc.dumps(docs, "rss"), "rss", strict=True)
    assert again == [attrs.evolve(d, extra={}) for d in docs]
    assert again[0].published.utcoffset() == datetime.timedelta(hours=2)
