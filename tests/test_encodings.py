"""Decoding real files: each encoding, each line-end style, detection, undecodable bytes."""

from __future__ import annotations

import builtins
import codecs
import io
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdoc
from newsdoc import Severity
from newsdoc.exceptions import ParseError
from newsdoc.testing import scraped_text_files

ARTICLE = "Minister’s “plan” — café\n\nTT\n\nMinister’s “plan” — café\n\nFirst, naïve.\n\nSecond."
TWO = ARTICLE + "\n\n\n\n" + ARTICLE.replace("First", "Third")


def read(data: bytes, **kw: Any) -> list[newsdoc.Document]:
    return newsdoc.read(io.BytesIO(data), "scraped-text", **kw)


def codes(doc: newsdoc.Document) -> list[str]:
    return [d.code for d in doc.diagnostics]


@pytest.mark.parametrize(
    ("encoding", "bom", "recorded"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32"),
        ("utf-32-be", codecs.BOM_UTF32_BE, "utf-32"),
    ],
)
def test_unicode_encodings(encoding: str, bom: bytes, recorded: str) -> None:
    data = bom + TWO.encode(encoding)
    docs = read(data)
    assert [d.title for d in docs] == ["Minister’s “plan” — café"] * 2
    assert docs[1].paragraphs[0].text == "Third, naïve."
    for doc in docs:
        assert doc.source is not None
        assert doc.source.encoding == recorded
        assert codes(doc) == []
    # Byte offsets point at each document's first byte in the file.
    second = docs[1].source
    assert second is not None and second.byte_offset is not None
    assert docs[0].source is not None and docs[0].source.byte_offset == len(bom)
    title = docs[1].title.encode(encoding)
    assert data[second.byte_offset:].startswith(title)
    # Character offsets stay offsets into the decoded text (no BOM).
    assert second.span is not None
    assert TWO[second.span.start:].startswith(docs[1].title)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encoding_detected_and_reported(encoding: str) -> None:
    text = TWO.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-")
    if encoding == "cp1252":
        text = TWO
    docs = read(text.encode(encoding))
    assert [d.title for d in docs] == [text.split("\n")[0]] * 2
    first = docs[0]
    assert first.source is not None and first.source.encoding == "cp1252"
    diag = first.diagnostics[0]
    assert diag.code == "encoding-detected"
    assert diag.severity is Severity.INFO
    assert "not valid UTF-8" in diag.message and "cp1252" in diag.message
    # Reported once per file, not on every document.
    assert codes(docs[1]) == []
    assert docs[1].source is not None and docs[1].source.encoding == "cp1252"


def test_encoding_argument_overrides_detection() -> None:
    data = TWO.encode("cp1252")
    docs = read(data, encoding="cp1252")
    assert docs[0].title == "Minister’s “plan” — café"
    assert codes(docs[0]) == []
    # Forcing the wrong encoding is the caller's choice: no guessing on top of it.
    wrong = read(data, encoding="latin-1")
    assert wrong[0].title != docs[0].title
    assert wrong[0].source is not None and wrong[0].source.encoding == "latin-1"


def test_unknown_encoding_is_a_clear_error() -> None:
    with pytest.raises(LookupError, match="no-such-codec"):
        read(b"Title", encoding="no-such-codec")


def test_detection_fallback_without_charset_normalizer(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_detector(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "charset_normalizer":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_detector)
    docs = read(TWO.encode("cp1252"))
    assert docs[0].title == "Minister’s “plan” — café"
    assert docs[0].source is not None and docs[0].source.encoding == "cp1252"
    assert "newsdoc[detect]" in docs[0].diagnostics[0].message


def test_undecodable_bytes_become_diagnostics_with_byte_offsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Valid UTF-8 in the detection window (the first chunk), then stray cp1252 bytes: they
    # are not silently dropped.
    monkeypatch.setattr("newsdoc._pipeline._io.CHUNK_SIZE", 64)
    head = ARTICLE.encode() + b"\n\n\n\n"
    data = head + b"Bad \x93quote\x94 title\n\nTT\n\nBad \x93quote\x94 title\n\nBody."
    docs = read(data)
    assert docs[0].source is not None and docs[0].source.encoding == "utf-8"
    bad = docs[1]
    assert bad.title == "Bad \ufffdquote\ufffd title"
    errors = [d for d in bad.diagnostics if d.code == "decode-error"]
    assert len(errors) == 4  # two bytes in each copy of the header
    first = errors[0]
    assert first.severity is Severity.ERROR
    assert f"byte offset {len(head) + 4}" in first.message
    assert first.text == "93"
    assert first.span is not None
    text = data.decode("utf-8", "replace")
    assert text[first.span.start] == "\ufffd"
    assert first.span.line == text.count("\n", 0, first.span.start) + 1
    assert codes(docs[0]) == []  # attached to the document holding the bytes


def test_mostly_utf8_file_stays_utf8() -> None:
    data = ARTICLE.encode() + b"\n\n\n\nBad \x93quote\x94\n\nTT\n\nBad \x93quote\x94\n\nBody."
    docs = read(data)
    assert [d.source.encoding for d in docs if d.source] == ["utf-8", "utf-8"]
    note = docs[0].diagnostics[0]
    assert note.code == "encoding-detected" and "UTF-8" in note.message
    assert sum(d.code == "decode-error" for d in docs[1].diagnostics) == 4


def test_undecodable_bytes_strict_raise_with_position() -> None:
    data = b"Title\n\nTT\n\nTitle\n\nBody \xff here."
    with pytest.raises(ParseError) as info:
        read(data, strict=True, encoding="utf-8")
    assert info.value.code == "decode-error"
    assert (info.value.line, info.value.column) == (7, 6)


def test_truncated_multibyte_character_at_end() -> None:
    data = ARTICLE.encode() + "é".encode()[:1]
    (doc,) = read(data)
    assert doc.paragraphs[-1].text == "Second.\ufffd"
    (diag,) = [d for d in doc.diagnostics if d.code == "decode-error"]
    assert f"byte offset {len(data) - 1}" in diag.message


def test_binary_garbage_never_crashes() -> None:
    data = bytes(range(256)) * 40
    docs = newsdoc.read(io.BytesIO(data), "scraped-text")
    assert all(d.code in {"decode-error", "encoding-detected"} or d.severity is not None
               for doc in docs for d in doc.diagnostics)


def test_nul_bytes_are_kept_as_text() -> None:
    (doc,) = read(b"Title\n\nTT\n\nTitle\n\nBody\x00with NUL.")
    assert doc.paragraphs[0].text == "Body\x00with NUL."


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_end_styles(newline: str) -> None:
    data = TWO.replace("\n", newline).encode()
    docs = read(data)
    assert [d.title for d in docs] == ["Minister’s “plan” — café"] * 2
    assert [p.text for p in docs[0].paragraphs] == ["First, naïve.", "Second."]
    text = data.decode()
    para = docs[1].paragraphs[1]
    assert para.span is not None
    assert text[para.span.start:para.span.end] == "Second."
    assert para.span.line == 21
    notes = codes(docs[0])
    assert notes == (["line-ends-cr"] if newline == "\r" else [])


def test_lone_cr_inside_lf_file_is_text() -> None:
    (doc,) = read(b"Title\n\nTT\n\nTitle\n\nBody\rstill body.")
    assert doc.paragraphs[0].text == "Body\rstill body."


def test_utf8_bom_with_explicit_utf8() -> None:
    (doc,) = read(codecs.BOM_UTF8 + b"Title\n\nTT\n\nTitle\n\nBody.", encoding="utf-8")
    assert doc.title == "Title"
    assert doc.source is not None and doc.source.encoding == "utf-8-sig"


@given(scraped_text_files(garbage=False),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"]),
       st.sampled_from([1, 7, 64, 1 << 20]))
def test_roundtrip_bytes_provenance_exact(text: str, encoding: str, chunk: int) -> None:
    """Read from bytes in any of the Unicode encodings (and cp1252 where it can encode the
    text, detected when the input fits the detection window), in chunks of any size: the
    documents equal ``loads`` of the text, every span is an offset into the decoded text,
    and each byte offset points at the document's first byte in the file."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
        encoding = "utf-8"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("newsdoc._pipeline._io.CHUNK_SIZE", chunk)
        # cp1252 is detected when the whole input is in the detection window (the first
        # chunk); with smaller chunks it is named.
        detect = encoding == "cp1252" and chunk >= len(data)
        docs = newsdoc.read(io.BytesIO(data), "scraped-text",
                            encoding=None if detect else encoding)
    expected = newsdoc.loads(text, "scraped-text")
    assert docs == expected
    for got, want in zip(docs, expected, strict=True):
        assert got.source is not None and want.source is not None
        assert got.source.span == want.source.span
        assert [p.span for p in got.paragraphs] == [p.span for p in want.paragraphs]
        prefix = text[:got.source.span.start] if got.source.span else ""
        bom = len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else (
            len(codecs.BOM_UTF16) if encoding == "utf-16" else (
                len(codecs.BOM_UTF32) if encoding == "utf-32" else 0))
        plain = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le" if data[:2] == b"\xff\xfe"
                 else "utf-16-be", "utf-32": "utf-32-le" if data[:2] == b"\xff\xfe"
                 else "utf-32-be"}.get(encoding, encoding)
        assert got.source.byte_offset == bom + len(prefix.encode(plain))
