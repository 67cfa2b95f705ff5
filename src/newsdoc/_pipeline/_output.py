"""Where :func:`newsdoc.write` puts its text: compressed by the target's extension, in the
encoding asked for, or else the one the documents were read in."""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
from collections.abc import Iterable
from typing import IO, cast

from newsdoc._models import Document
from newsdoc._registry import Format

__all__ = ["check_codec", "output_encoding", "write_encoded"]


def check_codec(codec: str | None) -> None:
    """Fail early, before a file is created, when ``codec`` cannot be written here.

    Raises:
        ImportError: ``codec`` is ``"zstd"`` and the zstandard package is not installed.
    """
    if codec == "zstd":
        try:
            import zstandard  # noqa: F401
        except ImportError:
            raise ImportError(
                "writing Zstandard (.zst) output needs the zstandard package: "
                "pip install 'newsdoc[zstd]'"
            ) from None


def output_encoding(first: Document | None, format_name: str, encoding: str | None) -> str:
    """The encoding to write in: ``encoding`` when given; else, when the documents are
    written back in the format they were read from, the encoding the first one was read in
    (``"utf-8-sig"`` for UTF-8 with a byte-order mark, so the mark is written back too);
    else UTF-8.

    Raises:
        LookupError: ``encoding`` is not an encoding Python knows.
    """
    if encoding is not None:
        codecs.lookup(encoding)
        return encoding
    source = first.source if first is not None else None
    if source is not None and source.encoding and source.format == format_name:
        return source.encoding
    return "utf-8"


def _compressor(raw: IO[bytes], codec: str | None) -> IO[bytes]:
    """A binary stream that compresses into ``raw`` and does not close it."""
    if codec == "gzip":
        return cast("IO[bytes]", gzip.GzipFile(fileobj=raw, mode="wb"))
    if codec == "bzip2":
        return bz2.BZ2File(raw, "wb")
    if codec == "xz":
        return lzma.LZMAFile(raw, "wb")
    if codec == "zstd":
        check_codec(codec)
        import zstandard

        return cast("IO[bytes]", zstandard.ZstdCompressor().stream_writer(raw, closefd=False))
    return raw


def write_encoded(fmt: Format, documents: Iterable[Document], raw: IO[bytes],
                  codec: str | None, encoding: str, *, implied: bool) -> None:
    """Write ``documents`` with ``fmt`` into the binary stream ``raw`` (left open),
    compressed with ``codec`` and encoded with ``encoding``, streaming.

    Raises:
        ValueError: a document holds a character ``encoding`` cannot encode, or cannot be
            represented in the format.
        OSError: the stream cannot be written.
    """
    packed = _compressor(raw, codec)
    text = io.TextIOWrapper(packed, encoding=encoding, newline="")
    try:
        fmt.write(documents, text)
        text.flush()
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end]
        whose = " (the encoding the documents were read in)" if implied else ""
        raise ValueError(
            f"{fmt.name} output in {encoding}{whose} cannot hold {bad!r}; pass "
            "encoding='utf-8' or another encoding that holds it"
        ) from exc
    finally:
        text.detach()
        if packed is not raw:
            packed.close()
