"""HTML inside an RSS description, reduced to paragraphs with the standard ``html.parser``."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["collapse", "paragraphs"]

# Elements that end a paragraph (and start the next). ``br`` counts: feeds separate
# paragraphs with ``<br><br>`` as often as with ``<p>``.
_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)
_SKIP = frozenset({"script", "style", "template"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_BLANK_LINE = re.compile(r"\n[ \t\r\f]*\n")


def collapse(text: str) -> str:
    """Collapse runs of HTML white space (not non-breaking spaces) to one space and strip.

    >>> collapse("  Rain\\n in\\t Spain ")
    'Rain in Spain'
    """
    return _HTML_SPACE.sub(" ", text).strip(" ")


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def flush(self) -> None:
        text = collapse("".join(self.current))
        if text:
            self.done.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        # Plain-text descriptions separate paragraphs by blank lines.
        parts = _BLANK_LINE.split(data)
        for i, part in enumerate(parts):
            if i:
                self.flush()
            self.current.append(part)


def paragraphs(html: str) -> list[str]:
    """The paragraphs of an HTML fragment (or of plain text), in order.

    Block elements (``p``, ``div``, ``br``, ``li``, headings...) and blank lines separate
    paragraphs; white space inside one is collapsed, as a browser shows it; character
    references are resolved; ``script`` and ``style`` are dropped; empty paragraphs are
    left out. Never raises: ``html.parser`` accepts any text.

    >>> paragraphs("<p>Rain &amp; wind.</p><p>Sun<br/><br/>later.</p>")
    ['Rain & wind.', 'Sun', 'later.']
    >>> paragraphs("Plain text.\\n\\nSecond one.")
    ['Plain text.', 'Second one.']
    """
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.done
