"""The ``html`` format: metadata, blocks with kinds and positions, figures, sniffing,
totality. Needs the ``html`` extra (trafilatura, lxml); skipped without it."""

from __future__ import annotations

import datetime
import html
import io
import json
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdoc
from newsdoc import BlockKind, Severity
from newsdoc.testing import Limits, check_chunked, check_provenance, check_total

pytest.importorskip("trafilatura", reason="the html extra (trafilatura) is not installed")
pytest.importorskip("lxml", reason="the html extra (lxml) is not installed")

LD = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "Organization", "@id": "#pub", "name": "The Daily Example"},
        {"@type": "Person", "@id": "#ana", "name": "Ana Ruiz", "url": "https://ex.test/ana"},
        {
            "@type": ["NewsArticle"],
            "headline": "Flood waters recede across the delta",
            "datePublished": "2024-03-05T09:30:00+01:00",
            "dateModified": "2024-03-05",
            "author": [{"@id": "#ana"}, {"@type": "Person", "name": "Ben Ode"}],
            "publisher": {"@id": "#pub"},
            "articleSection": ["World", "Africa"],
            "keywords": "floods, delta, climate",
            "description": "Residents return as the water goes down.",
            "inLanguage": "en-GB",
            "url": "https://ex.test/news/floods",
            "identifier": "article-1234",
        },
    ],
}

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Flood waters recede | The Daily Example</title>
<meta property="og:title" content="Flood waters recede across the delta, officials say">
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-03-05T08:30:00Z">
<script type="application/ld+json">{json.dumps(LD)}</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Flood waters recede across the delta</h1>
<figure class="lead">
  <img src="https://img.ex.test/delta-1200.jpg" alt="A flooded street">
  <figcaption>Residents wade through a flooded street in the delta on Monday.
  <span class="credit">Jane Doe/Reuters</span></figcaption>
</figure>
<p>The water began to fall on Tuesday morning, and residents who had fled to higher
ground started to come back to their homes across the region.</p>
<p>Officials said the worst was over &amp; that roads would reopen within days, although
several bridges remained closed to traffic.</p>
<h2>Counting the damage</h2>
<p>Farmers reported heavy losses of crops and livestock in the lower plains, where
the river burst its banks twice in one week.</p>
<blockquote><p>We have lost everything we planted this year, every single field.</p></blockquote>
<ul><li>Twelve villages were cut off for more than five days.</li>
<li>Three field hospitals were opened by the health ministry.</li></ul>
<figure>
  <img data-src="https://img.ex.test/boats.jpg" src="data:image/gif;base64,R0lGOD" alt="Boats">
  <figcaption>Rescue boats on the river near the capital (Photo by Sam Lee / AFP)</figcaption>
</figure>
<p>Aid agencies warned that the risk of disease would remain high for weeks as the
water slowly drained from the fields and villages of the delta.</p>
</article>
<aside class="related"><figure><img src="https://img.ex.test/other.jpg" alt="">
<figcaption>Another story entirely</figcaption></figure></aside>
<footer><p>Copyright The Daily Example. All rights reserved.</p></footer>
</body>
</html>
"""


@pytest.fixture(scope="module")
def doc() -> newsdoc.Document:
    docs = newsdoc.loads(PAGE, "html")
    assert len(docs) == 1
    return docs[0]


def test_metadata_from_json_ld_graph(doc: newsdoc.Document) -> None:
    assert doc.title == "Flood waters recede across the delta"
    assert doc.published == datetime.datetime(
        2024, 3, 5, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    assert doc.modified == datetime.date(2024, 3, 5)  # date-only stays a date
    assert [(a.name, a.url) for a in doc.authors] == [
        ("Ana Ruiz", "https://ex.test/ana"), ("Ben Ode", None)]
    assert doc.publisher == "The Daily Example"
    assert doc.section == "World"
    assert doc.keywords == ("floods", "delta", "climate")
    assert doc.summary == "Residents return as the water goes down."
    assert doc.language == "en-GB"  # JSON-LD before <html lang>
    assert doc.url == "https://ex.test/news/floods"
    assert doc.id == "article-1234"


def test_disagreeing_sources_are_reported(doc: newsdoc.Document) -> None:
    conflicts = [d for d in doc.diagnostics if d.code == "metadata-conflict"]
    fields = {d.message.split(":", 1)[0] for d in conflicts}
    # og:title differs; article:published_time (08:30Z) is the same instant as 09:30+01:00,
    # and <html lang="en"> agrees with "en-GB" on the language
    assert fields == {"title"}
    assert all(d.severity is Severity.INFO for d in conflicts)
    assert any("Flood waters recede across the delta, officials say" in d.message
               for d in conflicts)


def test_body_blocks_with_kinds(doc: newsdoc.Document) -> None:
    kinds = [(p.kind, p.text[:20]) for p in doc.paragraphs]
    assert kinds == [
        (BlockKind.PARAGRAPH, "The water began to f"),
        (BlockKind.PARAGRAPH, "Officials said the w"),
        (BlockKind.HEADING, "Counting the damage"),
        (BlockKind.PARAGRAPH, "Farmers reported hea"),
        (BlockKind.QUOTE, "We have lost everyth"),
        (BlockKind.LIST_ITEM, "Twelve villages were"),
        (BlockKind.LIST_ITEM, "Three field hospital"),
        (BlockKind.PARAGRAPH, "Aid agencies warned "),
    ]
    assert "&" in doc.paragraphs[1].text and "&amp;" not in doc.paragraphs[1].text
    assert not any("Home" in p.text or "Copyright" in p.text for p in doc.paragraphs)


def test_block_positions_point_into_the_source(doc: newsdoc.Document) -> None:
    lines = PAGE.split("\n")
    for p in doc.paragraphs:
        span = p.span
        assert span is not None, p.text
        piece = PAGE[span.start:span.end]
        # the span starts at the block's first word and ends with its last character
        assert piece.startswith(p.text.split()[0]), (piece, p.text)
        assert piece.rstrip(";").endswith(p.text[-1]) or piece.endswith("&amp;")
        # line and column agree with the offset
        assert lines[span.line - 1][span.column - 1:].startswith(p.text.split()[0])
        assert span.end_line == span.line + piece.count("\n")
    assert doc.title_span is not None
    assert PAGE[doc.title_span.start:doc.title_span.end] == doc.title


def test_figures_captions_and_credits(doc: newsdoc.Document) -> None:
    images = [(i.url, i.alt) for i in doc.images]
    assert images == [("https://img.ex.test/delta-1200.jpg", "A flooded street"),
                      ("https://img.ex.test/boats.jpg", "Boats")]
    lead, boats = doc.images
    assert lead.caption is not None and lead.caption.credit is not None
    assert lead.caption.text == "Residents wade through a flooded street in the delta on Monday."
    assert lead.caption.credit.raw == "Jane Doe/Reuters"
    assert lead.caption.credit.agency == "Reuters"
    assert lead.caption.credit.photographers == ("Jane Doe",)
    assert boats.caption is not None and boats.caption.credit is not None
    assert boats.caption.text == "Rescue boats on the river near the capital"
    assert boats.caption.credit.agency == "AFP"
    assert lead.span is not None
    assert PAGE[lead.span.start:lead.span.end] == "https://img.ex.test/delta-1200.jpg"


def test_credit_without_caption_text() -> None:
    page = ("<html><body><article><p>" + "Some words of the article body. " * 20 + "</p>"
            "<figure><img src='https://x.test/a.jpg'><figcaption><span class='credit'>"
            "Getty Images</span></figcaption></figure></article></body></html>")
    image = newsdoc.loads(page, "html")[0].images[0]
    assert image.caption is not None and image.caption.credit is not None
    assert image.caption.text == ""
    assert image.caption.raw == "Getty Images"
    assert image.caption.credit.agency == "Getty Images"


def test_opengraph_and_meta_when_no_json_ld() -> None:
    page = """<html lang="fr-CA"><head>
    <meta property="og:title" content="Le titre">
    <meta property="article:published_time" content="2023-11-02">
    <meta name="author" content="Marie Dupont">
    <meta name="keywords" content="a, b">
    <link rel="canonical" href="https://ex.test/fr/1">
    </head><body><p>Texte.</p></body></html>"""
    doc = newsdoc.loads(page, "html")[0]
    assert (doc.title, doc.published, [a.name for a in doc.authors], doc.keywords,
            doc.language, doc.url) == ("Le titre", datetime.date(2023, 11, 2),
                                       ["Marie Dupont"], ("a", "b"), "fr-CA",
                                       "https://ex.test/fr/1")


def test_sniffing() -> None:
    fmt = newsdoc.get_format("html")
    assert fmt.sniff("<!DOCTYPE html>\n<html>")
    assert fmt.sniff("\ufeff  <html lang='en'><head>")
    assert fmt.sniff("<div><head><title>x</title></head><body>")
    assert not fmt.sniff('{"title": "<html>"}')
    assert not fmt.sniff("Title\n\nTT\n\nTitle\n\n<html> in a paragraph")
    assert newsdoc.read(io.BytesIO(PAGE.encode()))[0].source.format == "html"


def test_read_file_by_extension(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "page.htm"  # type: ignore[operator]
    path.write_bytes(PAGE.encode("utf-8"))
    doc = newsdoc.read(path)[0]
    assert doc.title == "Flood waters recede across the delta"
    assert doc.source is not None and doc.source.path == str(path)


@pytest.mark.parametrize("page", [
    "<html><body><p>unclosed <b>bold <i>italic</p></div></span>",
    "<html><head><script type='application/ld+json'>{not json</script></head></html>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
    "<p>\x00\x01 nul bytes \ud800 and a lone surrogate</p>",
    "<html><head><script type='application/ld+json'>[[[[[[[[[[[[[[]]]]]]]]]]]]]]</script>",
    "<html><head><meta property='article:published_time' content='99999-99-99'></head>",
])
def test_broken_markup_is_read(page: str) -> None:
    docs = newsdoc.loads(page, "html")
    assert len(docs) <= 1


def test_invalid_json_ld_is_noted() -> None:
    page = ("<html><head><script type='application/ld+json'>{not json</script>"
            "<title>T</title></head><body><p>x</p></body></html>")
    doc = newsdoc.loads(page, "html")[0]
    assert [d.code for d in doc.diagnostics] == ["json-ld-invalid"]


def test_empty_input_gives_no_document() -> None:
    assert newsdoc.loads("", "html") == []
    assert newsdoc.loads("  \n ", "html") == []


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_total_html_text(text: str) -> None:
    """Lenient reading of any text as HTML returns at most one document and never raises."""
    assert len(newsdoc.loads(text, "html")) <= 1


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([b"", b"<html><body><p>", b"<figure><img src="]))
def test_total_html_bytes(data: bytes, prefix: bytes) -> None:
    """Lenient reading of any bytes as HTML (after an HTML-like prefix or not) never
    raises."""
    docs = newsdoc.read(io.BytesIO(prefix + data), "html")
    assert len(docs) <= 1


def test_import_newsdoc_does_not_import_the_extras() -> None:
    code = ("import sys, newsdoc; newsdoc.available_formats(); "
            "print(sorted(m for m in ('lxml', 'trafilatura', 'warcio') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(ImportError, match=r"newsdoc\[html\]"):
        newsdoc.loads(PAGE, "html")


_TAG = re.compile(r"<[^>]*>")
_WORDS = st.lists(st.sampled_from(["rain", "fell", "&amp;", "caf&eacute;", "<b>bold</b>",
                                   "<a href='/x'>link</a>", "“quoted”", "7%", "\u00a0", "Ünïcode"]),
                  min_size=3, max_size=14).map(" ".join)
_PAGES = st.builds(
    lambda title, paras: (f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
                          f"<article><h1>{title}</h1>"
                          + "\n".join(f"<p>{p}</p>" for p in paras) + "</article></body></html>"),
    st.sampled_from(["Storm hits coast", "Vote counted"]),
    st.lists(_WORDS, min_size=1, max_size=4))


def _visible(kind: str, source: str, value: str) -> bool:
    """The source at a span, tags removed and references decoded, is the value (spaces
    aside): an HTML block's span covers its markup."""
    def squeeze(s: str) -> str:
        return "".join(s.split())

    return squeeze(html.unescape(_TAG.sub("", source))) == squeeze(value)


def test_conformance_kit() -> None:
    """newsdoc.testing's checks hold for the html format: total, exact provenance (the
    visible text at each span is the block's), and the same result read in chunks."""
    fmt = newsdoc.get_format("html")
    limits = Limits(texts=_PAGES, span_check=_visible, require_spans=False)
    few = settings(max_examples=15, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])
    check_total(fmt, limits, settings=few)
    check_provenance(fmt, limits, settings=few)
    check_chunked(fmt, limits, settings=few)
