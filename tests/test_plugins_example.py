"""The example plugin (``examples/newsdoc-reader-example``), installed as a user would.

CI pip-installs every ``examples/*/`` package; in a developer's environment without it,
these tests skip (``pip install ./examples/newsdoc-reader-example`` to run them).
"""

from __future__ import annotations

import datetime
import doctest
import importlib
import io
import re
from pathlib import Path

import pytest

import newsdoc
from newsdoc import Severity
from newsdoc.cli import main
from newsdoc.exceptions import ParseError
from newsdoc.testing import CHECKS, check_format

try:
    from newsdoc_reader_example import RssFormat
    from newsdoc_reader_example.testing import limits
except ImportError:  # pragma: no cover - depends on the environment
    pytest.skip("the example plugin is not installed: pip install "
                "./examples/newsdoc-reader-example", allow_module_level=True)

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:m="http://search.yahoo.com/mrss/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Invented Wire</title>
<item>
  <title>Rain &amp; wind in Lagos</title>
  <link>https://example.org/rain</link>
  <pubDate>Sat, 03 May 2025 10:00:00 +0000</pubDate>
  <description>{desc}</description>
  <m:content url="https://example.org/rain.jpg" medium="image">
    <m:description>Fans in Lagos on May 3, 2025.</m:description>
    <m:credit>Ada OBI / AFP</m:credit>
  </m:content>
</item>
<item>
  <title><![CDATA[Sun & <i>no</i> rain]]></title>
  <content:encoded><![CDATA[{content}]]></content:encoded>
  <pubDate>tomorrow</pubDate>
</item>
</channel>
</rss>
""".format(
    desc="&lt;p&gt;It rained&amp;nbsp;all day.&lt;/p&gt;&lt;p&gt;Then it   stopped.&lt;/p&gt;",
    content="<p>Clear skies.</p><script>x()</script><p>Warm&nbsp;night.</p>",
)


def test_formats_lists_the_plugin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats"]) == 0
    rows = [re.split(r"\s{2,}", ln) for ln in capsys.readouterr().out.splitlines()]
    rss = next(r for r in rows if r[0] == "rss")
    assert rss[1:5] == [".rss", "yes", "yes", "newsdoc-reader-example 0.1.0"]
    fmt = newsdoc.get_format("rss")
    assert isinstance(fmt, RssFormat)
    info = newsdoc.Registry().info("rss")
    assert info.entry_point == "rss = newsdoc_reader_example:RssFormat"


def test_read_picks_rss_by_extension_and_by_sniffing(tmp_path: Path) -> None:
    by_ext = tmp_path / "wire.rss"
    by_ext.write_text(FEED, encoding="utf-8")
    sniffed = tmp_path / "wire.xml"  # no format claims .xml: the content decides
    sniffed.write_text(FEED, encoding="utf-8")
    for docs in (newsdoc.read(by_ext), newsdoc.read(sniffed),
                 newsdoc.read(io.BytesIO(FEED.encode()))):
        assert [d.title for d in docs] == ["Rain & wind in Lagos", "Sun & <i>no</i> rain"]
        assert all(d.source is not None and d.source.format == "rss" for d in docs)


def test_read_maps_the_feed() -> None:
    first, second = newsdoc.loads(FEED, "rss")
    assert [p.text for p in first.paragraphs] == ["It rained\u00a0all day.", "Then it stopped."]
    [cap] = first.captions
    assert cap.raw == "Fans in Lagos on May 3, 2025."
    assert cap.credit is not None and cap.credit.agency == "AFP"
    assert cap.date is not None and cap.date.isoformat() == "2025-05-03"
    assert [p.text for p in second.paragraphs] == ["Clear skies.", "Warm\u00a0night."]
    codes = [(d.code, d.severity) for d in first.diagnostics]
    assert ("html-entity", Severity.WARNING) not in codes  # &amp;nbsp; is HTML, not XML
    assert [d for d in first.diagnostics if d.code == "not-kept"] == []
    assert first.url == "https://example.org/rain"
    assert first.published == datetime.datetime(2025, 5, 3, 10, tzinfo=datetime.timezone.utc)
    assert [i.url for i in first.images] == ["https://example.org/rain.jpg"]
    assert second.published is None  # "tomorrow" is not a date: a diagnostic instead
    bad_date = [d for d in second.diagnostics if d.code == "invalid-date"]
    assert [d.text for d in bad_date] == ["<pubDate>tomorrow</pubDate>"]
    assert bad_date[0].span is not None and bad_date[0].span.line == FEED[
        :FEED.index("<pubDate>tomorrow")].count("\n") + 1


def test_strict_read_points_at_the_first_problem() -> None:
    with pytest.raises(ParseError) as info:
        newsdoc.loads(FEED, "rss", strict=True)
    assert info.value.code == "invalid-date"
    assert info.value.line == FEED[:FEED.index("<pubDate>tomorrow")].count("\n") + 1
    assert "tomorrow" in info.value.source_line


def test_doctype_is_refused_not_expanded() -> None:
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
            "<rss><channel><item><title>&b;</title></item></channel></rss>")
    [doc] = newsdoc.loads(bomb, "rss")
    [diag] = doc.diagnostics
    assert (diag.code, diag.severity) == ("doctype", Severity.ERROR)
    assert diag.text == bomb[bomb.index("<!DOCTYPE"):]  # kept verbatim, never expanded
    assert diag.span is not None and (diag.span.line, diag.span.column) == (2, 1)
    assert "aaaaaaaaaa" * 2 not in repr(doc)
    with pytest.raises(ParseError, match="DOCTYPE") as info:
        newsdoc.loads(bomb, "rss", strict=True)
    assert (info.value.line, info.value.column) == (2, 1)


def test_cut_off_feed_keeps_its_tail() -> None:
    cut = FEED[:FEED.index("Then it")]
    docs = newsdoc.loads(cut, "rss")
    [doc] = docs
    assert doc.title == "Rain & wind in Lagos"
    errors = [d for d in doc.diagnostics if d.severity is Severity.ERROR]
    assert [d.code for d in errors] == ["truncated"]
    assert cut.endswith(errors[0].text) and "<item>" in errors[0].text


def test_not_rss_is_an_error_document() -> None:
    atom = '<feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>'
    [doc] = newsdoc.loads(atom, "rss")
    assert [d.code for d in doc.diagnostics] == ["not-rss"]
    assert doc.diagnostics[0].text == atom
    assert newsdoc.loads("  \n", "rss") == []


def test_write_then_read() -> None:
    docs = newsdoc.loads(FEED, "rss")
    again = newsdoc.loads(newsdoc.dumps(docs, "rss"), "rss")
    assert again == docs
    with pytest.raises(ValueError, match="U\\+0001"):
        newsdoc.dumps([newsdoc.Document(title="bad\x01")], "rss")


@pytest.mark.parametrize("check", CHECKS)
def test_conformance_rss(check: str) -> None:
    """The example plugin keeps every promise of newsdoc's conformance kit within the
    limits it declares (``newsdoc_reader_example.testing.limits``)."""
    check_format(RssFormat(), limits(), checks=[check])


@pytest.mark.parametrize("module", ["newsdoc_reader_example", "newsdoc_reader_example._rss",
                                    "newsdoc_reader_example._html",
                                    "newsdoc_reader_example.testing"])
def test_example_doctests(module: str) -> None:
    """The examples in the plugin's docstrings run (CI does not collect its source)."""
    result = doctest.testmod(importlib.import_module(module),
                             optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0


def _feed(sizes: list[int]) -> str:
    items = "".join(f"<item><title>Item {i}</title><description>&lt;p&gt;{'w ' * n}&lt;/p&gt;"
                    "</description></item>\n" for i, n in enumerate(sizes))
    return f'<?xml version="1.0"?>\n<rss version="2.0"><channel>\n{items}</channel></rss>\n'


@pytest.mark.parametrize("chunk", [None, 64])
def test_example_plugin_honours_max_document_size(chunk: int | None,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """An item over the limit is left out and reported through the reader contract (on the
    document before it); the others are read whole; strict raises."""
    if chunk is not None:
        monkeypatch.setattr("newsdoc._pipeline._io.CHUNK_SIZE", chunk)
    data = _feed([5, 400, 5, 200_000, 5]).encode()
    docs = newsdoc.read(io.BytesIO(data), "rss", max_document_size=500)
    assert [d.title for d in docs] == ["Item 0", "Item 2", "Item 4"]
    assert [d.code for d in docs[0].diagnostics] == ["document-too-large"]
    assert [d.code for d in docs[1].diagnostics] == ["document-too-large"]
    assert "over the limit of 500" in docs[1].diagnostics[0].message
    assert [d.title for d in newsdoc.read(io.BytesIO(data), "rss")] == [
        f"Item {i}" for i in range(5)]
    with pytest.raises(ParseError, match="over the limit of 500"):
        newsdoc.read(io.BytesIO(data), "rss", max_document_size=500, strict=True)
