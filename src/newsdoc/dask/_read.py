"""Reading a corpus as a Dask bag of documents: files split at article boundaries."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from newsdoc._models import Document

_BLANK_RUN = re.compile(rb"\n((?:[ \t\f\v\r]*\n)+)")
"""A line end, then a run of lines of ASCII spaces only. It is an article boundary when at
least three of those lines are empty (``""`` or a lone ``\r`` before ``\n``), the rule of the
scraped-text reader, whose blank lines are a superset (any whitespace): a boundary found
here is one the reader sees too."""
_COMPRESSED = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd")
_SCAN = 1 << 16


@attrs.frozen
class Piece:
    """One partition of input: a whole file (``start is None``) or a byte range of one."""

    path: str
    start: int | None = None
    stop: int | None = None


def splittable(head: bytes, fmt: str | None, path: str) -> bool:
    """Whether a file can be cut into byte ranges: scraped text, not compressed, one byte a
    line end (no UTF-16/32, no NUL)."""
    if fmt is None:
        fmt = "scraped-text" if path.endswith(".txt") else None
    if fmt != "scraped-text":
        return False
    if any(head.startswith(m) for m in _COMPRESSED):
        return False
    return not (head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head)


def boundary(f: Any, position: int, size: int) -> int:
    """The first article boundary at or after ``position``: the start of the line after the
    first run of blank lines holding three or more empty lines that begins at or after it
    (``size`` if none). Both neighbours of a cut compute it from the same position, so
    pieces tile the file."""
    if position <= 0:
        return 0
    if position >= size:
        return size
    f.seek(position)
    buf = b""
    at = 0  # where the search resumes: runs before it were too short
    while True:
        chunk = f.read(_SCAN)
        buf += chunk
        for m in _BLANK_RUN.finditer(buf, at):
            nl = buf.find(b"\n", m.end())
            after = buf[m.end():] if nl < 0 else buf[m.end():nl]
            if not after.strip(b" \t\f\v\r"):  # the run may go on past what is read
                if not chunk:
                    return size  # only blank text follows: no article starts here
                break
            if sum(line in (b"", b"\r") for line in m.group(1).split(b"\n")[:-1]) >= 3:
                return position + m.end()
            at = m.end()
        if not chunk:
            return size


def plan(paths: Sequence[str], fmt: str | None, blocksize: int,
         storage_options: dict[str, Any] | None = None) -> list[Piece]:
    """The pieces of the input, in order: expand globs, split big plain scraped-text files."""
    import fsspec

    pieces: list[Piece] = []
    for url in paths:
        fs, _, expanded = fsspec.get_fs_token_paths(url, storage_options=storage_options)
        for path in sorted(expanded):
            full = fs.unstrip_protocol(path) if "://" in url else path
            size = fs.size(path)
            with fs.open(path, "rb") as f:
                head = f.read(4096)
            if size <= blocksize or not splittable(head, fmt, path):
                pieces.append(Piece(full))
                continue
            pieces.extend(Piece(full, s, min(s + blocksize, size))
                          for s in range(0, size, blocksize))
    return pieces


def read_piece(piece: Piece, fmt: str | None, encoding: str | None,
               storage_options: dict[str, Any] | None = None) -> list[Document]:
    """The documents of one piece, provenance pointing into the whole file."""
    import fsspec

    from newsdoc._pipeline._io import iter_read  # the package (and its formats) is loaded

    with fsspec.open(piece.path, "rb", **(storage_options or {})) as f:
        if piece.start is None:
            docs = iter_read(f, fmt, encoding=encoding)
            return [_provenance(d, piece.path, 0) for d in docs]
        size = f.size if hasattr(f, "size") else f.seek(0, io.SEEK_END)
        start = boundary(f, piece.start, size)
        stop = boundary(f, piece.stop or size, size)
        if stop <= start:
            return []
        f.seek(start)
        data = f.read(stop - start)
    return [_provenance(d, piece.path, start)
            for d in iter_read(io.BytesIO(data), fmt or "scraped-text", encoding=encoding)]


def _provenance(doc: Document, path: str, offset: int) -> Document:
    src = doc.source
    if src is None:
        return doc
    byte_offset = None if src.byte_offset is None else src.byte_offset + offset
    return attrs.evolve(doc, source=attrs.evolve(src, path=path, byte_offset=byte_offset))


def iter_pieces(pieces: Sequence[Piece], fmt: str | None,
                encoding: str | None) -> Iterator[Document]:
    """The documents of the pieces in order, on one machine (for tests and the client)."""
    for p in pieces:
        yield from read_piece(p, fmt, encoding)
