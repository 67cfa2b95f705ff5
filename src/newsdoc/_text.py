"""Splitting streamed text into lines, shared by the line-based formats."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

__all__ = ["Line", "iter_lines"]

Line = tuple[str, int, int, str]
"""A line: its text without the line end, its start offset, its 1-based number, its line
end (``"\\n"``, ``"\\r\\n"``, or ``""`` for a last line with none)."""


def iter_lines(chunks: Iterable[str]) -> Iterator[Line]:
    """Split text chunks of any size into lines with their offsets and line numbers.

    ``\\n`` and ``\\r\\n`` end lines; the result does not depend on where chunks are cut.

    >>> list(iter_lines(["ab\\r", "\\ncd"]))
    [('ab', 0, 1, '\\r\\n'), ('cd', 4, 2, '')]
    """
    carry: list[str] = []
    pos = 0
    lineno = 1
    for chunk in chunks:
        if "\n" not in chunk:
            if chunk:
                carry.append(chunk)
            continue
        if carry:
            carry.append(chunk)
            chunk = "".join(carry)
        parts = chunk.split("\n")
        last = parts.pop()
        carry = [last] if last else []
        for part in parts:
            if part.endswith("\r"):
                yield part[:-1], pos, lineno, "\r\n"
            else:
                yield part, pos, lineno, "\n"
            pos += len(part) + 1
            lineno += 1
    if carry:
        yield "".join(carry), pos, lineno, ""
