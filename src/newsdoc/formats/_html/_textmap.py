"""Where a piece of visible text sits in the HTML source.

The extractor gives text without its markup; provenance needs its place in the source. The
source is scanned once into its *visible characters* (text outside tags, comments, scripts
and styles, with character references decoded), whitespace dropped, each kept character
remembering its offset in the source. A block is found by looking for its own characters,
whitespace dropped too, in that sequence: tags inside a paragraph, entities and line breaks
in the markup then make no difference.
"""

from __future__ import annotations

import bisect
import html
import re
from array import array

__all__ = ["SourceMap"]

_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment (an unclosed one runs to the end)
    r"|<(script|style|template|noscript)\b[^>]*>.*?(?:</\1\s*>|\Z)"  # raw text elements
    r"|<[!?/]?[A-Za-z][^>]*>?"  # a tag, a doctype, a processing instruction
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"  # a reference
    r"|[^<&\s]+"  # a run of text
    r"|\s+|[<&]",  # whitespace, a lone < or &
    re.S | re.I,
)


def _squeeze(text: str) -> str:
    return "".join(text.split())


class SourceMap:
    """The visible characters of an HTML source and their offsets in it.

    Args:
        source: The decoded HTML.
    """

    __slots__ = ("_cursor", "_line_starts", "_offsets", "_visible", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        parts: list[str] = []
        offsets = array("q")
        for m in _TOKEN.finditer(source):
            tok = m.group()
            first = tok[0]
            if first.isspace():
                continue
            if first == "<" and len(tok) > 1:
                continue
            start = m.start()
            if first == "&" and len(tok) > 1:
                text = _squeeze(html.unescape(tok))
                parts.append(text)
                offsets.extend([start] * len(text))
                continue
            parts.append(tok)
            offsets.extend(range(start, start + len(tok)))
        self._visible = "".join(parts)
        self._offsets = offsets
        self._cursor = 0
        starts = [0]
        find = source.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._line_starts = starts

    def locate(self, text: str) -> tuple[int, int] | None:
        """The source offsets ``(start, end)`` of ``text``, looked for after the previous
        find first (blocks come in page order), then anywhere; ``None`` if absent.

        Where the whole text is not found (an extractor may change a character), its first
        and last 24 visible characters are looked for.
        """
        key = _squeeze(html.unescape(text)) if "&" in text else _squeeze(text)
        if not key:
            return None
        found = self._find(key)
        if found is None and len(key) > 48:
            head = self._find(key[:24])
            if head is not None:
                tail = self._visible.find(key[-24:], head[0])
                if tail >= 0 and tail - head[0] < 2 * len(key):
                    found = (head[0], tail + 24)
        if found is None:
            return None
        i, j = found
        self._cursor = j
        end = self._offsets[j - 1] + 1
        # a character reference counts from its "&": extend over it
        if self.source[self._offsets[j - 1]] == "&":
            semi = self.source.find(";", end - 1, end + 40)
            end = semi + 1 if semi >= 0 else end
        return self._offsets[i], end

    def _find(self, key: str) -> tuple[int, int] | None:
        i = self._visible.find(key, self._cursor)
        if i < 0:
            i = self._visible.find(key)
        if i < 0:
            return None
        return i, i + len(key)

    def rewind(self) -> None:
        """Look for the next text from the start of the source again."""
        self._cursor = 0

    def line_start(self, line: int) -> int:
        """The offset of the first character of a 1-based line (clamped to the source)."""
        return self._line_starts[min(max(line, 1), len(self._line_starts)) - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of a source offset."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def find_raw(self, needle: str, start: int = 0) -> int:
        """The offset of ``needle`` as written in the source (or with ``&`` written
        ``&amp;``), or -1."""
        i = self.source.find(needle, start)
        if i < 0 and "&" in needle:
            i = self.source.find(needle.replace("&", "&amp;"), start)
        return i
