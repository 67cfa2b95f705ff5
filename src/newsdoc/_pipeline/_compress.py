"""Transparent, streaming decompression: gzip, bzip2 and xz from the standard library, and
Zstandard when the optional ``zstandard`` package is installed (``newsdoc[zstd]``).

The magic bytes decide; the extension (``.gz``, ``.bz2``, ``.xz``, ``.zst``) only names what
the file should hold, and a file whose name and content disagree is read by its content with
a note saying so.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import zlib
from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from typing_extensions import Buffer

__all__ = [
    "EXTENSIONS",
    "DecompressionErrors",
    "Opened",
    "codec_for_extension",
    "open_decompressed",
    "sniff_codec",
    "strip_compression",
]

EXTENSIONS: dict[str, str] = {
    ".gz": "gzip", ".tgz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd",
    ".zstd": "zstd",
}
"""Compression by file extension (lower case, with the dot)."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
_MAGIC_LEN = 6

DecompressionErrors: tuple[type[BaseException], ...] = (EOFError, OSError, zlib.error,
                                                        lzma.LZMAError)
"""What a decompressing stream raises on truncated or corrupt data (zstandard's error is
added when the package is installed)."""


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Readable1(_Readable, Protocol):
    def read1(self, size: int = -1, /) -> bytes: ...


def codec_for_extension(path: str | None) -> str | None:
    """The compression ``path``'s extension names, or ``None``.

    >>> codec_for_extension("shard.txt.gz"), codec_for_extension("a.txt")
    ('gzip', None)
    """
    if path is None:
        return None
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


def strip_compression(path: str) -> str:
    """``path`` without its compression extension, for choosing the format.

    >>> strip_compression("shard.txt.gz")
    'shard.txt'
    """
    root, ext = os.path.splitext(path)
    return root if ext.lower() in EXTENSIONS else path


def sniff_codec(head: bytes) -> str | None:
    """The compression whose magic bytes start ``head``, or ``None``.

    >>> sniff_codec(b"\\x1f\\x8b\\x08"), sniff_codec(b"Title")
    ('gzip', None)
    """
    for magic, codec in _MAGIC:
        if head.startswith(magic):
            return codec
    return None


class _Prefixed(io.RawIOBase):
    """A readable stream that first gives back bytes already read from another."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        super().__init__()
        self._head = head
        self._stream = stream

    def read(self, size: int | None = -1, /) -> bytes:
        if not self._head:
            return self._stream.read(-1 if size is None else size)
        if size is None or size < 0:
            data, self._head = self._head + self._stream.read(), b""
            return data
        data, self._head = self._head[:size], self._head[size:]
        if len(data) < size:
            data += self._stream.read(size - len(data))
        return data

    def readinto(self, buffer: Buffer) -> int:
        view = memoryview(buffer).cast("B")
        data = self.read(len(view))
        view[: len(data)] = data
        return len(data)

    def readable(self) -> bool:
        return True


class _Salvaging:
    """A decompressing stream read a piece at a time (``read1``), so that when the data
    turns out truncated or corrupt, what was decompressed before is still returned; the
    error is raised by the next read."""

    def __init__(self, stream: _Readable1) -> None:
        self._stream = stream
        self._error: BaseException | None = None

    def read(self, size: int = -1, /) -> bytes:
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        parts: list[bytes] = []
        got = 0
        while size < 0 or got < size:
            try:
                data = self._stream.read1(size - got if size >= 0 else 1 << 20)
            except Exception as exc:  # the codec's own error types; re-raised below
                if not parts:
                    raise
                self._error = exc
                break
            if not data:
                break
            parts.append(data)
            got += len(data)
        return b"".join(parts)


class Opened:
    """A byte stream to read, after decompression.

    Attributes:
        stream: The (decompressed) bytes.
        codec: The compression read through, or ``None``.
        note: A sentence to report when name and content disagree, else ``None``.
    """

    __slots__ = ("codec", "note", "stream")

    def __init__(self, stream: _Readable, codec: str | None, note: str | None) -> None:
        self.stream = stream
        self.codec = codec
        self.note = note


class _Zstd:
    """Zstandard frames, one after another, decompressed as the input arrives; input that
    ends inside a frame raises :class:`EOFError` as the standard library's codecs do."""

    def __init__(self, raw: _Readable) -> None:
        try:
            import zstandard
        except ImportError:
            raise ImportError(
                "reading Zstandard (.zst) input needs the zstandard package: "
                "pip install 'newsdoc[zstd]'"
            ) from None
        self._raw = raw
        self._dctx = zstandard.ZstdDecompressor()
        self._obj = self._dctx.decompressobj()
        self._in_frame = False
        self._done = False

    def read1(self, size: int = -1, /) -> bytes:
        while not self._done:
            data = self._raw.read(1 << 16)
            if not data:
                self._done = True
                if self._in_frame:
                    raise EOFError("Compressed file ended before the end-of-stream marker "
                                   "was reached")
                return b""
            out: list[bytes] = []
            while data:
                out.append(self._obj.decompress(data))
                self._in_frame = True
                if self._obj.eof:  # the frame ended; the rest of `data` starts the next
                    data = self._obj.unused_data
                    self._obj = self._dctx.decompressobj()
                    self._in_frame = False
                else:
                    data = b""
            chunk = b"".join(out)
            if chunk:
                return chunk
        return b""

    def read(self, size: int = -1, /) -> bytes:
        return self.read1(size)


def decompression_errors() -> tuple[type[BaseException], ...]:
    """:data:`DecompressionErrors`, plus zstandard's own error when it is importable."""
    try:
        import zstandard
    except ImportError:
        return DecompressionErrors
    return (*DecompressionErrors, zstandard.ZstdError)


def open_decompressed(raw: IO[bytes], path: str | None) -> Opened:
    """Wrap ``raw`` in the decompressor its magic bytes call for.

    Reads the first bytes of ``raw`` (and gives them back), so it works on pipes too.

    Raises:
        ImportError: the input is Zstandard and the zstandard package is not installed.
        OSError: reading ``raw`` fails.
        TypeError: ``raw`` is a text stream.
    """
    head = b""
    while len(head) < _MAGIC_LEN:
        more = raw.read(_MAGIC_LEN - len(head))
        if isinstance(more, str):
            raise TypeError("source must be opened in binary mode ('rb')")
        if not more:
            break
        head += more
    prefixed = _Prefixed(head, raw)
    stream: _Readable = prefixed
    buffered = io.BufferedReader(prefixed)
    named = codec_for_extension(path)
    codec = sniff_codec(head)
    note = None
    if named is not None and codec != named:
        holds = f"{codec} data" if codec else "no compressed data"
        note = (f"the name says {named} but the file holds {holds}; read as "
                f"{codec or 'uncompressed'} input")
    # The decompressors are closed with the file under them, which the caller closes.
    if codec == "gzip":
        stream = _Salvaging(gzip.GzipFile(fileobj=buffered, mode="rb"))
    elif codec == "bzip2":
        stream = _Salvaging(bz2.BZ2File(buffered, mode="rb"))
    elif codec == "xz":
        stream = _Salvaging(lzma.LZMAFile(buffered, mode="rb"))  # noqa: SIM115
    elif codec == "zstd":
        stream = _Salvaging(_Zstd(buffered))
    return Opened(stream, codec, note)
