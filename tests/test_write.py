"""``newsdoc.write()``: compression by extension, and the source's encoding kept."""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import newsdoc
from newsdoc import Document, Paragraph

TEXT = ("Café – “quoted”\r\n\r\nA view of the port (AFP)\r\nA view of the port (AFP)\r\nTT\r\n"
        "\r\nCafé – “quoted”\r\n\r\nA view of the port (AFP)\r\nA view of the port (AFP)\r\n"
        "\r\nBody € 5.\r\n\r\nMore.\r\n")
DOCS = [Document(title=f"T{i}", paragraphs=(Paragraph(text=f"Body {i} é."),)) for i in range(3)]


def _zstd_decompress(data: bytes) -> bytes:
    zstandard = pytest.importorskip("zstandard")
    with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)) as reader:
        return bytes(reader.read())


DECOMPRESS: dict[str, tuple[bytes, Callable[[bytes], bytes]]] = {
    ".gz": (b"\x1f\x8b", gzip.decompress),
    ".bz2": (b"BZh", bz2.decompress),
    ".xz": (b"\xfd7zXZ\x00", lzma.decompress),
    ".zst": (b"\x28\xb5\x2f\xfd", _zstd_decompress),
}


@pytest.mark.parametrize("ext", sorted(DECOMPRESS))
@pytest.mark.parametrize("fmt", ["jsonl", "json", "txt"])
def test_write_compresses_by_extension(tmp_path: Path, ext: str, fmt: str) -> None:
    if ext == ".zst":
        pytest.importorskip("zstandard")
    name = "scraped-text" if fmt == "txt" else fmt
    path = tmp_path / f"out.{fmt}{ext}"
    newsdoc.write(iter(DOCS), path)
    magic, decompress = DECOMPRESS[ext]
    data = path.read_bytes()
    assert data.startswith(magic)
    assert decompress(data).decode() == newsdoc.dumps(DOCS, name)
    assert newsdoc.read(path) == DOCS


def test_write_compresses_into_a_named_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl.gz"
    with path.open("wb") as out:
        newsdoc.write(DOCS, out)
    assert gzip.decompress(path.read_bytes()).decode() == newsdoc.dumps(DOCS, "jsonl")


def test_zstd_without_its_package_names_the_extra(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "zstandard", None)
    with pytest.raises(ImportError, match=r"newsdoc\[zstd\]"):
        newsdoc.write(DOCS, tmp_path / "out.jsonl.zst")
    assert not (tmp_path / "out.jsonl.zst").exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_scraped_text_written_back_keeps_encoding_and_bom(tmp_path: Path,
                                                          encoding: str) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(TEXT.encode(encoding))
    docs = newsdoc.read(src)
    assert docs[0].source is not None and docs[0].source.encoding == encoding
    out = tmp_path / "out.txt"
    newsdoc.write(docs, out)
    assert out.read_bytes() == src.read_bytes()
    buf = io.BytesIO()
    newsdoc.write(docs, buf, "scraped-text")
    assert buf.getvalue() == src.read_bytes()


def test_explicit_encoding_overrides_the_source(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(codecs.BOM_UTF8 + TEXT.encode())
    docs = newsdoc.read(src)
    out = tmp_path / "out.txt"
    newsdoc.write(docs, out, encoding="utf-8")
    assert out.read_bytes() == TEXT.encode()  # no byte-order mark
    newsdoc.write(docs, out, encoding="cp1252")
    assert out.read_bytes() == TEXT.encode("cp1252")
    newsdoc.write(docs, out, encoding="utf-16")
    assert out.read_bytes().decode("utf-16") == TEXT
    assert newsdoc.read(out) == docs


def test_other_formats_stay_utf8(tmp_path: Path) -> None:
    """JSON is UTF-8 whatever the documents were read from; the source's encoding only
    applies when writing the documents back in the format they were read from."""
    src = tmp_path / "in.txt"
    src.write_bytes(TEXT.encode("cp1252"))
    docs = newsdoc.read(src)
    out = tmp_path / "out.jsonl"
    newsdoc.write(docs, out)
    assert out.read_bytes() == newsdoc.dumps(docs, "jsonl").encode("utf-8")
    back = newsdoc.read(out)  # keeps its provenance: written back as text, it is cp1252
    newsdoc.write(back, tmp_path / "again.txt")
    assert (tmp_path / "again.txt").read_bytes() == src.read_bytes()


def test_text_that_the_source_encoding_cannot_hold(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(TEXT.encode("cp1252"))
    (doc,) = newsdoc.read(src)
    edited = attrs.evolve(doc, paragraphs=(Paragraph(text="Emoji \U0001f600."),))
    with pytest.raises(ValueError, match=r"cp1252.*encoding="):
        newsdoc.write([edited], tmp_path / "out.txt")
    newsdoc.write([edited], tmp_path / "out.txt", encoding="utf-8")
    assert "\U0001f600" in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_encoding_with_a_text_stream_is_an_error() -> None:
    with pytest.raises(ValueError, match="text"):
        newsdoc.write(DOCS, io.StringIO(), "jsonl", encoding="utf-8")
