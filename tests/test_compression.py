"""Compressed input: each compression, by extension and by magic bytes, streamed, and
truncated or corrupt archives, with the diagnostics each produces."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
from collections.abc import Callable
from pathlib import Path

import pytest

import newsdoc
from newsdoc import Severity
from newsdoc.exceptions import ParseError

zstandard = pytest.importorskip("zstandard")

TEXT = "Storm hits coast\n\nTT\n\nStorm hits coast\n\nWaves rose.\n\nRoads closed."
TWO = TEXT + "\n\n\n\n" + TEXT.replace("Storm", "Flood")

COMPRESSORS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "gzip": (".gz", gzip.compress),
    "bzip2": (".bz2", bz2.compress),
    "xz": (".xz", lzma.compress),
    "zstd": (".zst", lambda b: zstandard.ZstdCompressor().compress(b)),
}


class Pipe(io.RawIOBase):
    """A non-seekable stream that gives at most ``step`` bytes a read, like a pipe."""

    def __init__(self, data: bytes, step: int = 5) -> None:
        self.data = data
        self.step = step

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        n = min(len(buffer), self.step, len(self.data))
        buffer[:n] = self.data[:n]
        self.data = self.data[n:]
        return n


@pytest.mark.parametrize("codec", sorted(COMPRESSORS))
def test_each_compression_by_extension(tmp_path: Path, codec: str) -> None:
    ext, compress = COMPRESSORS[codec]
    path = tmp_path / f"shard.txt{ext}"
    path.write_bytes(compress(TWO.encode()))
    docs = newsdoc.read(path)  # format from ".txt" under the compression extension
    assert [d.title for d in docs] == ["Storm hits coast", "Flood hits coast"]
    assert docs == newsdoc.loads(TWO, "scraped-text")
    second = docs[1].source
    assert second is not None
    assert second.path == str(path)
    assert second.byte_offset == TWO.index("Flood")  # offset in the decompressed bytes
    assert all(not d.diagnostics for d in docs)


@pytest.mark.parametrize("codec", sorted(COMPRESSORS))
def test_each_compression_by_magic_bytes_from_a_pipe(codec: str) -> None:
    _, compress = COMPRESSORS[codec]
    stream = io.BufferedReader(Pipe(compress(TWO.encode())), buffer_size=7)
    docs = newsdoc.read(stream, "scraped-text")
    assert docs == newsdoc.loads(TWO, "scraped-text")


def test_misnamed_file_is_read_by_content(tmp_path: Path) -> None:
    path = tmp_path / "shard.txt.gz"
    path.write_bytes(bz2.compress(TEXT.encode()))
    (doc,) = newsdoc.read(path)
    assert doc.title == "Storm hits coast"
    (diag,) = doc.diagnostics
    assert diag.code == "compression-mismatch"
    assert "gzip" in diag.message and "bzip2" in diag.message


def test_plain_file_named_gz(tmp_path: Path) -> None:
    path = tmp_path / "shard.txt.gz"
    path.write_bytes(TEXT.encode())
    (doc,) = newsdoc.read(path)
    assert doc.title == "Storm hits coast"
    assert [d.code for d in doc.diagnostics] == ["compression-mismatch"]


@pytest.mark.parametrize("codec", sorted(COMPRESSORS))
def test_truncated_archive_keeps_what_was_decoded(codec: str) -> None:
    _, compress = COMPRESSORS[codec]
    # More than one block, so that some is decodable: bzip2 900 kB, Zstandard 128 kB.
    copies = {"bzip2": 7000, "zstd": 2000}.get(codec, 300)
    body = (TWO + "\n\n\n\n") * copies + TEXT
    packed = compress(body.encode())
    docs = newsdoc.read(io.BytesIO(packed[: len(packed) * 3 // 4]), "scraped-text")
    problems = [d for doc in docs for d in doc.diagnostics if d.severity is Severity.ERROR]
    assert [d.code for d in problems] == ["truncated-input"]
    assert "cut off" in problems[0].message
    assert problems[0] in docs[-1].diagnostics  # on the last document, where the text ends
    assert docs[0] == newsdoc.loads(TEXT, "scraped-text")[0]


def test_truncated_archive_strict_raises() -> None:
    packed = gzip.compress((TWO * 50).encode())
    with pytest.raises(ParseError) as info:
        newsdoc.read(io.BytesIO(packed[:-12]), "scraped-text", strict=True)
    assert info.value.code == "truncated-input"


def test_corrupt_archive_is_a_diagnostic() -> None:
    packed = bytearray(gzip.compress((TWO * 20).encode()))
    packed[30:60] = b"\xff" * 30
    docs = newsdoc.read(io.BytesIO(bytes(packed)), "scraped-text")
    codes = [d.code for doc in docs for d in doc.diagnostics]
    assert "decompression-error" in codes or "truncated-input" in codes


def test_empty_and_tiny_compressed_input() -> None:
    assert newsdoc.read(io.BytesIO(gzip.compress(b"")), "scraped-text") == []
    # One byte of gzip's two-byte magic is not gzip.
    assert newsdoc.read(io.BytesIO(b"\x1fA"), "scraped-text")[0].title == "\x1fA"


def test_several_gzip_members_are_one_stream() -> None:
    packed = gzip.compress(TEXT.encode()) + gzip.compress(b"\n\n\n\n" + TEXT.encode())
    assert len(newsdoc.read(io.BytesIO(packed), "scraped-text")) == 2


def test_zstd_without_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "zstandard", None)
    packed = COMPRESSORS["zstd"][1](TEXT.encode())
    with pytest.raises(ImportError, match=r"newsdoc\[zstd\]"):
        newsdoc.read(io.BytesIO(packed), "scraped-text")


def test_compressed_jsonl(tmp_path: Path) -> None:
    docs = newsdoc.loads(TWO, "scraped-text")
    path = tmp_path / "docs.jsonl.xz"
    path.write_bytes(lzma.compress(newsdoc.dumps(docs, "jsonl").encode()))
    assert newsdoc.read(path) == docs
