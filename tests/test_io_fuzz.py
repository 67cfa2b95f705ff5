"""The fuzz targets of ``fuzz/`` as Hypothesis properties, so that every test run (and CI,
where atheris may not install) exercises them: any bytes in, only documented exceptions out.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma

from hypothesis import given
from hypothesis import strategies as st

import newsdoc
from newsdoc.captions import format_caption, parse_caption
from newsdoc.exceptions import ParseError, UnknownFormatError
from newsdoc.testing import scraped_text_files

_WRAP = st.sampled_from([
    lambda b: b,
    lambda b: b,
    gzip.compress,
    bz2.compress,
    lzma.compress,
    lambda b: gzip.compress(b)[: max(1, len(b) // 2)],  # truncated archive
    lambda b: codecs.BOM_UTF8 + b,
    lambda b: codecs.BOM_UTF16_LE + b,
    lambda b: codecs.BOM_UTF32_BE + b,
])


@st.composite
def hostile_bytes(draw: st.DrawFn) -> bytes:
    """Raw bytes, scraped text in various encodings, or either wrapped in a compression, a
    byte-order mark or a truncated archive."""
    raw = draw(st.one_of(
        st.binary(max_size=300),
        scraped_text_files().map(lambda t: t.encode("utf-8", "surrogatepass")),
        scraped_text_files().map(lambda t: t.encode("utf-16-le", "surrogatepass")),
        scraped_text_files().map(lambda t: t.encode("cp1252", "replace")),
    ))
    return bytes(draw(_WRAP)(raw))


@given(hostile_bytes(), st.sampled_from(["scraped-text", "jsonl", "json"]),
       st.sampled_from([None, 1, 5, 80]), st.sampled_from([None, 1, 40]))
def test_total_lenient_read_of_any_bytes(data: bytes, fmt: str, line_limit: int | None,
                                         doc_limit: int | None) -> None:
    """A lenient read of a named format never raises, whatever the bytes and the limits;
    every diagnostic it keeps renders as a message line."""
    for doc in newsdoc.iter_read(io.BytesIO(data), fmt, max_line_length=line_limit,
                                 max_document_size=doc_limit):
        for diag in doc.diagnostics:
            assert diag.format()


@given(hostile_bytes(), st.sampled_from([None, "scraped-text", "jsonl"]))
def test_total_strict_read_raises_only_documented_errors(data: bytes, fmt: str | None) -> None:
    """A strict read raises only ``ParseError`` (with a position), and ``UnknownFormatError``
    only when no format was named."""
    error: Exception | None = None
    try:
        list(newsdoc.iter_read(io.BytesIO(data), fmt, strict=True, max_line_length=50))
    except (ParseError, UnknownFormatError) as exc:
        error = exc
    if isinstance(error, ParseError):
        assert error.line >= 0 and error.column >= 0 and error.message
    elif error is not None:
        assert fmt is None


@given(st.text(max_size=400))
def test_roundtrip_caption_any_text(line: str) -> None:
    """``parse_caption`` accepts any text and ``format_caption`` gives the line back; a
    credit it finds is part of the line."""
    caption = parse_caption(line)
    assert format_caption(caption) == line
    if caption.credit is not None:
        assert caption.credit.raw in line


def test_sniffing_hostile_prefixes_completes() -> None:
    """Choosing a format by sniffing (every installed format's sniff, plugins included) is
    not thrown by prefixes that make backtracking patterns explode: whitespace runs,
    repeated comments and processing instructions, unclosed declarations. (Before the
    example RSS plugin's sniff was made linear, the first of these never finished.)"""
    prefixes = [b" " * 8192 + b"x", b"\n" * 8192 + b"x", b"<!-- -->" * 1000 + b"x",
                b"<?x?> " * 1500 + b"y", b"<!DOCTYPE [" + b"]" * 8000, b"<!--" + b"-" * 8192]
    for prefix in prefixes:
        try:
            docs = list(newsdoc.iter_read(io.BytesIO(prefix)))
        except UnknownFormatError:
            continue
        assert all(isinstance(d, newsdoc.Document) for d in docs)
