"""Hypothesis properties of the readers and writers (200 examples each in CI)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

import newsdoc
from newsdoc import Severity
from newsdoc.testing import documents, scraped_text_files


def _norm(s: str) -> str:
    return " ".join(s.split())


@given(st.lists(documents(scraped_text=True), max_size=4))
def test_roundtrip_scraped_text(docs: list[newsdoc.Document]) -> None:
    """``loads(dumps(d)) == d`` through scraped-text, for documents the format can represent
    (see ``newsdoc.testing.documents(scraped_text=True)`` for the limits)."""
    assert newsdoc.loads(newsdoc.dumps(docs, "scraped-text"), "scraped-text") == docs


@given(st.lists(documents(), max_size=4), st.sampled_from(["json", "jsonl"]))
def test_roundtrip_json(docs: list[newsdoc.Document], fmt: str) -> None:
    """``loads(dumps(d)) == d`` through JSON and JSON Lines, for any document."""
    assert newsdoc.loads(newsdoc.dumps(docs, fmt), fmt) == docs


@given(scraped_text_files(garbage=False), st.sampled_from(["json", "jsonl"]))
def test_roundtrip_json_keeps_provenance(text: str, fmt: str) -> None:
    """JSON keeps what equality ignores: provenance, layout and diagnostics survive, so the
    scraped text can be written again from the JSON."""
    docs = newsdoc.loads(text, "scraped-text")
    back = newsdoc.loads(newsdoc.dumps(docs, fmt), fmt)
    assert [(d.source, d.layout, d.diagnostics, d.title_span) for d in back] == [
        (d.source, d.layout, d.diagnostics, d.title_span) for d in docs
    ]
    assert newsdoc.dumps(back, "scraped-text") == newsdoc.dumps(docs, "scraped-text")


@given(scraped_text_files(garbage=False))
def test_roundtrip_text_exact(text: str) -> None:
    """A file read without problems (no warning or error diagnostics) is written back byte
    for byte. Known exception: a file of blank text only holds no document, so nothing is
    written back."""
    docs = newsdoc.loads(text, "scraped-text")
    if not docs:
        assert not text.strip()
        return
    if any(d.severity is not Severity.INFO for doc in docs for d in doc.diagnostics):
        return
    assert newsdoc.dumps(docs, "scraped-text") == text


@given(scraped_text_files())
def test_total_lenient_scraped_text(text: str) -> None:
    """Lenient reading is total: any text gives documents, never an exception."""
    newsdoc.loads(text, "scraped-text")


@given(st.text(), st.sampled_from(["json", "jsonl"]))
def test_total_lenient_json(text: str, fmt: str) -> None:
    """Lenient reading of newsdoc JSON is total too: text that is not JSON, or not a newsdoc
    document, becomes an empty document carrying an error diagnostic with the raw text
    (besides notes of the text stage, such as ``line-ends-cr``)."""
    for doc in newsdoc.loads(text, fmt):
        for d in doc.diagnostics:
            if d.severity is Severity.INFO:
                assert d.code == "line-ends-cr"
                continue
            assert d.severity is Severity.ERROR
            assert d.text


@given(scraped_text_files())
def test_provenance_exact(text: str) -> None:
    """The source text at each recorded span is the field's text, and each span's line and
    column are those of its start offset (lines end at ``\\n``, and at a lone ``\\r`` in a
    text whose lines end so, as the ``line-ends-cr`` note says)."""
    docs = newsdoc.loads(text, "scraped-text")
    lines = text
    if any(d.code == "line-ends-cr" for doc in docs for d in doc.diagnostics):
        lines = re.sub(r"\r(?!\n)", "\n", text)  # one character for one

    def check(span: newsdoc.Span | None, expected: str) -> None:
        assert span is not None
        assert text[span.start:span.end] == expected
        assert span.line == lines.count("\n", 0, span.start) + 1
        assert span.column == span.start - (lines.rfind("\n", 0, span.start) + 1) + 1

    for doc in docs:
        check(doc.title_span, doc.title)
        for cap in doc.captions:
            check(cap.span, cap.raw)
        for para in doc.paragraphs:
            check(para.span, para.text)
        for diag in doc.diagnostics:
            if diag.span is not None and diag.code != "decode-error":
                check(diag.span, diag.text)
        assert doc.source is not None and doc.source.span is not None
        assert text[doc.source.span.start:].startswith(doc.title)


@given(scraped_text_files())
def test_nothing_lost(text: str) -> None:
    """Every non-blank input line ends up in a field (title, caption, paragraph), the page
    chrome, the layout's copies of the header, or a diagnostic. Lines end as the reader
    ends them (at a lone ``\\r`` too, in a text whose lines end so)."""
    kept: set[str] = set()
    docs = newsdoc.loads(text, "scraped-text")
    for doc in docs:
        kept.add(_norm(doc.title))
        kept.update(_norm(c.raw) for c in doc.captions)
        kept.update(_norm(p.text) for p in doc.paragraphs)
        kept.update(_norm(c) for c in doc.chrome)
        kept.update(_norm(d.text) for d in doc.diagnostics)
        assert doc.layout is not None
        kept.update(_norm(x) for copy in doc.layout.header_captions for x in copy)
        if doc.layout.repeated_title is not None:
            kept.add(_norm(doc.layout.repeated_title))
    if any(d.code == "line-ends-cr" for doc in docs for d in doc.diagnostics):
        text = re.sub(r"\r(?!\n)", "\n", text)  # lone CRs end lines in such a text
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            assert _norm(line) in kept, line


@given(scraped_text_files(), st.data())
def test_chunked_equals_whole(text: str, data: st.DataObject) -> None:
    """A stream fed in arbitrary chunk sizes gives the same documents, with the same
    provenance and diagnostics, as the whole text."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8)))
    chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    fmt = newsdoc.get_format("scraped-text")
    whole = list(fmt.read([text], newsdoc.ReadOptions()))
    pieces = list(fmt.read(chunks, newsdoc.ReadOptions()))
    assert pieces == whole
    assert [(d.source, d.layout, d.diagnostics, d.title_span,
             [p.span for p in d.paragraphs]) for d in pieces] == [
        (d.source, d.layout, d.diagnostics, d.title_span, [p.span for p in d.paragraphs])
        for d in whole
    ]


def _diagnostics(doc: newsdoc.Document) -> list[tuple[object, ...]]:
    return [(d.code, d.message, d.severity, d.span, d.text, d.path) for d in doc.diagnostics]


def _provenance(doc: newsdoc.Document) -> tuple[object, ...]:
    src = doc.source
    return (doc.title_span, src.span if src else None, src.format if src else None,
            [c.span for c in doc.captions], [p.span for p in doc.paragraphs], doc.layout)


_HOSTILE = st.text(st.sampled_from("ab TT\r\n\t\u00a0\u200b\ufeff{}[]\",:0")) | st.text()


@given(_HOSTILE | scraped_text_files(), st.sampled_from(["scraped-text", "json", "jsonl"]))
def test_loads_equals_read_of_the_utf8_bytes(text: str, fmt: str) -> None:
    """One text pipeline: for any text and every built-in format, ``loads(text, f)`` gives
    what ``read(io.BytesIO(text.encode()), f)`` gives: equal documents, the same
    diagnostics (compared one by one: they take no part in document equality), the same
    spans and layout. Only the encoding (``"utf-8"`` for bytes) and byte offsets, which
    exist only for bytes, differ."""
    import io

    from_text = newsdoc.loads(text, fmt)
    from_bytes = newsdoc.read(io.BytesIO(text.encode("utf-8")), fmt)
    assert from_text == from_bytes
    assert [_diagnostics(d) for d in from_text] == [_diagnostics(d) for d in from_bytes]
    assert [_provenance(d) for d in from_text] == [_provenance(d) for d in from_bytes]
