"""Where a piece of visible text sits in the HTML source.

The extractor gives text without its markup; provenance needs its place in the source. The
source (from ``<body>`` on, where article text lives) is turned into its *visible text* with
whole-string regular-expression passes: hidden parts (tags, comments, scripts, styles) are
blanked and character references decoded in place, padded with spaces, so the masked text
keeps the source's length; the visible text is the masked text without whitespace. A block
is found by looking for its own characters, whitespace dropped, in that visible text, and an
index there maps back to the source through the whitespace runs removed. Tags inside a
paragraph, references and line breaks in the markup then make no difference.
"""

from __future__ import annotations

import bisect
import html
import re
from itertools import accumulate

__all__ = ["SourceMap"]

_HIDDEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment (an unclosed one runs to the end)
    r"|<(script|style|template|noscript|svg)\b[^>]*>.*?(?:</\1\s*>|\Z)"  # raw text elements
    r"|<[!?/]?[A-Za-z][^>]*>?",  # a tag, a doctype, a processing instruction
    re.S | re.I,
)
_SPACES_SPLIT = re.compile(r"(\s+)")
_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_BODY = re.compile(r"<body\b", re.I)


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _blank(m: re.Match[str]) -> str:
    return " " * (m.end() - m.start())


def _decode_padded(m: re.Match[str]) -> str:
    """A character reference decoded and padded with spaces to its own length (a reference
    is never shorter than what it decodes to)."""
    ref = m.group()
    decoded = _squeeze(html.unescape(ref))[: len(ref)]
    return decoded + " " * (len(ref) - len(decoded))


class SourceMap:
    """The visible text of an HTML source, to find blocks in and map back to offsets.

    Args:
        source: The decoded HTML.
    """

    __slots__ = ("_base", "_cursor", "_line_starts", "_visible", "_word_src", "_word_vis",
                 "source")

    def __init__(self, source: str) -> None:
        self.source = source
        body = _BODY.search(source)
        self._base = base = body.start() if body is not None else 0
        masked = _HIDDEN.sub(_blank, source[base:])  # same length: offsets are kept
        if "&" in masked:
            masked = _REF.sub(_decode_padded, masked)
        parts = _SPACES_SPLIT.split(masked)  # words and whitespace runs, alternating
        source_at = list(accumulate(map(len, parts), initial=0))
        words = parts[0::2]
        self._word_src = source_at[0::2]  # where each word starts in the (masked) source
        self._word_vis = list(accumulate(map(len, words), initial=0))  # ... in the visible text
        self._visible = "".join(words)
        self._cursor = 0
        lines = source.split("\n")
        self._line_starts = [0, *accumulate(len(line) + 1 for line in lines[:-1])]

    def _offset(self, i: int) -> int:
        """The source offset of visible character ``i``."""
        k = bisect.bisect_right(self._word_vis, i) - 1
        return self._base + self._word_src[k] + i - self._word_vis[k]

    def _end(self, i: int) -> int:
        """The source offset one past visible character ``i`` (past all of a reference)."""
        at = self._offset(i)
        if self.source.startswith("&", at):
            m = _REF.match(self.source, at)
            if m is not None:
                return m.end()
        return at + 1

    def locate(self, text: str) -> tuple[int, int] | None:
        """The source offsets ``(start, end)`` of ``text``, looked for after the previous
        find first (blocks come in page order), then anywhere; ``None`` if absent.

        Where the whole text is not found (an extractor may change a character), its first
        and last 24 visible characters are looked for.
        """
        key = _squeeze(text)
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
        return self._offset(i), self._end(j - 1)

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
