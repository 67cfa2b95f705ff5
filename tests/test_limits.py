"""Limits: an overlong line or document becomes a diagnostic, not unbounded memory, and
every offset stays exact with respect to the input."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdoc
from newsdoc import Severity
from newsdoc._pipeline._limits import MAX_BLANK_LINES
from newsdoc.exceptions import ParseError
from newsdoc.testing import scraped_text_files

ARTICLE = "Title\n\nTT\n\nTitle\n\nFirst paragraph.\n\nSecond paragraph."


def read(text: str, **kw: Any) -> list[newsdoc.Document]:
    return newsdoc.read(io.BytesIO(text.encode()), "scraped-text", **kw)


def check_span(text: str, span: newsdoc.Span | None, expected: str) -> None:
    assert span is not None
    assert text[span.start:span.end] == expected
    assert span.line == text.count("\n", 0, span.start) + 1
    assert span.column == span.start - (text.rfind("\n", 0, span.start) + 1) + 1


def test_long_line_is_cut_and_reported() -> None:
    long = "x" * 5000
    text = ARTICLE.replace("First paragraph.", long) + "\n\n\n\n" + ARTICLE
    docs = read(text, max_line_length=100)
    para = docs[0].paragraphs[0]
    assert para.text == "x" * 100
    check_span(text, para.span, "x" * 100)
    (diag,) = docs[0].diagnostics
    assert diag.code == "line-too-long"
    assert diag.severity is Severity.WARNING
    assert "5000 characters" in diag.message and "4900" in diag.message
    assert diag.span is not None
    assert text[diag.span.start:diag.span.end] == "x" * 4900
    assert (diag.span.line, diag.span.column) == (7, 101)
    assert diag.text == "x" * 200  # a sample of what was dropped
    # Everything after the cut keeps its exact offsets.
    second = docs[1]
    check_span(text, second.title_span, "Title")
    check_span(text, second.paragraphs[1].span, "Second paragraph.")
    assert second.source is not None and second.source.byte_offset == text.index("\n\n\n\n") + 4
    assert second.diagnostics == ()


def test_long_line_strict_raises() -> None:
    with pytest.raises(ParseError) as info:
        read(ARTICLE + "y" * 300, max_line_length=100, strict=True)
    assert info.value.code == "line-too-long"
    assert (info.value.line, info.value.column) == (9, 101)


def test_long_line_spanning_many_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsdoc._pipeline._io.CHUNK_SIZE", 64)
    text = ARTICLE + "\r\n" + "z" * 10_000 + "\r\nAfter."
    docs = read(text, max_line_length=1000)
    paras = docs[0].paragraphs
    assert [p.text for p in paras] == ["First paragraph.", "Second paragraph.", "z" * 1000,
                                       "After."]
    check_span(text, paras[3].span, "After.")
    (diag,) = docs[0].diagnostics
    assert diag.span is not None
    assert text[diag.span.start:diag.span.end] == "z" * 9000


def test_no_limit() -> None:
    text = ARTICLE + "w" * 3000
    (doc,) = read(text, max_line_length=None)
    assert doc.paragraphs[-1].text.endswith("w" * 3000)
    assert doc.diagnostics == ()


@pytest.mark.parametrize(("value", "error"), [(0, ValueError), (-5, ValueError),
                                              ("10", TypeError), (True, TypeError)])
def test_bad_limits(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        read(ARTICLE, max_line_length=value)
    with pytest.raises(error):
        read(ARTICLE, max_document_size=value)


def test_long_jsonl_line_is_an_error_document() -> None:
    doc = newsdoc.Document(title="T", paragraphs=(newsdoc.Paragraph(text="p" * 500),))
    data = newsdoc.dumps([doc, newsdoc.Document(title="Next")], "jsonl").encode()
    docs = newsdoc.read(io.BytesIO(data), "jsonl", max_line_length=100)
    assert [d.code for d in docs[0].diagnostics] == ["invalid-json", "line-too-long"]
    assert docs[1].title == "Next"


def test_document_too_large_is_cut_and_reported() -> None:
    body = "\n".join(f"Paragraph number {i}." for i in range(1000))
    big = ARTICLE.replace("Second paragraph.", body)
    text = big + "\n\n\n\n" + ARTICLE
    docs = read(text, max_document_size=2000)
    assert [d.title for d in docs] == ["Title", "Title"]
    first = docs[0]
    assert len(first.paragraphs) < 100
    (diag,) = first.diagnostics
    assert diag.code == "document-too-large"
    assert diag.span is not None
    last_kept = first.paragraphs[-1]
    assert last_kept.span is not None
    dropped = text[diag.span.start:diag.span.end]
    assert dropped.startswith(diag.text) and dropped.endswith("Paragraph number 999.")
    assert diag.span.line == last_kept.span.line + 1
    assert docs[1] == newsdoc.loads(ARTICLE, "scraped-text")[0]
    check_span(text, docs[1].paragraphs[1].span, "Second paragraph.")


def test_document_too_large_strict_raises() -> None:
    body = "\n".join(f"Paragraph {i}." for i in range(300))
    with pytest.raises(ParseError) as info:
        read(ARTICLE + "\n" + body, max_document_size=500, strict=True)
    assert info.value.code == "document-too-large"


def test_long_blank_run_is_shortened_with_a_note() -> None:
    text = ARTICLE + "\n" * (MAX_BLANK_LINES + 10) + ARTICLE
    docs = read(text)
    assert len(docs) == 2
    (note,) = docs[0].diagnostics
    assert note.code == "blank-run-too-long" and note.severity is Severity.INFO
    assert docs[0].layout is not None
    assert docs[0].layout.gap_after == "" or docs[1].layout is not None
    check_span(text, docs[1].paragraphs[0].span, "First paragraph.")


@given(scraped_text_files(), st.integers(1, 40), st.sampled_from([3, 17, 1 << 20]))
def test_provenance_exact_with_line_limit(text: str, limit: int, chunk: int) -> None:
    """Whatever the line limit and the chunk size, every span of every document points at
    its text in the input (a cut field is the start of its line), and each
    ``line-too-long`` diagnostic covers exactly the dropped rest of its line. Known
    exception: in a file with old Mac line ends, lines are those of the text with each lone
    ``\\r`` read as ``\\n``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("newsdoc._pipeline._io.CHUNK_SIZE", chunk)
        docs = newsdoc.read(io.BytesIO(text.encode("utf-8", "surrogatepass")),
                            "scraped-text", max_line_length=limit)
    if any(d.code == "line-ends-cr" for doc in docs for d in doc.diagnostics):
        text = re.sub(r"\r(?!\n)", "\n", text)  # old Mac line ends read as LF, one for one
    lines = text.replace("\r\n", "\n").split("\n")
    long_lines = sum(len(ln) > limit for ln in lines if ln.rstrip("\r"))
    cuts = 0
    for doc in docs:
        if doc.title_span is None:  # nothing left to read but diagnostics to keep
            assert doc.title == "" and doc.diagnostics
            continue
        check_span(text, doc.title_span, doc.title)
        for para in doc.paragraphs:
            check_span(text, para.span, para.text)
            assert len(para.text) <= limit
        for d in doc.diagnostics:
            if d.code == "line-too-long":
                cuts += 1
                assert d.span is not None
                dropped = text[d.span.start:d.span.end]
                assert "\n" not in dropped and dropped.startswith(d.text)
                assert text[d.span.end:d.span.end + 1] in ("", "\n", "\r")
                assert d.span.start - text.rfind("\n", 0, d.span.start) - 1 == limit
    assert cuts <= long_lines + 1


def _docs(n: int, size: int) -> list[newsdoc.Document]:
    return [newsdoc.Document(title=f"D{i}", paragraphs=(newsdoc.Paragraph(text="p" * size * i),))
            for i in range(n)]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_formats_honour_max_document_size(tmp_path: Path, fmt: str) -> None:
    """A document over the limit is left out, reported where it is; the others are read."""
    path = tmp_path / f"docs.{fmt}"
    newsdoc.write(_docs(4, 300), path)
    docs = newsdoc.read(path, max_document_size=600)
    assert [d.title for d in docs] == ["D0", "D1", "", ""]
    text = path.read_text(encoding="utf-8")
    for doc in docs[2:]:
        (diag,) = doc.diagnostics
        assert diag.code == "document-too-large" and diag.severity is Severity.ERROR
        assert diag.span is not None and text[diag.span.start:diag.span.end] == diag.text
        assert diag.text.startswith('{"')
    assert [d.title for d in newsdoc.read(path)] == ["D0", "D1", "D2", "D3"]
    with pytest.raises(ParseError, match="over the limit of 600") as info:
        newsdoc.read(path, max_document_size=600, strict=True)
    assert info.value.line == (4 if fmt == "json" else 3)


def test_json_array_cut_off_keeps_the_complete_documents() -> None:
    text = newsdoc.dumps(_docs(3, 10), "json")
    cut = text[:text.rindex('{"') + 20]
    docs = newsdoc.loads(cut, "json")
    assert [d.title for d in docs] == ["D0", "D1", ""]
    (diag,) = docs[2].diagnostics
    assert diag.code == "invalid-json" and diag.text == cut[cut.rindex('{"schema'):]
