"""The scraped-text format: plain-text dumps of news article pages.

One file holds articles separated by three (or more) blank lines. Each article is a header
(title, blank, caption lines, the ``TT`` text-size widget and counters after it), the same
header again (title, blank, captions), then the body, one paragraph a line, paragraphs
separated by a blank line or a single newline. See ``docs/scraped-text.md``.

The reader is lenient by default: it never raises on any text, and what it cannot place it
keeps, with its position, as a diagnostic. ``strict=True`` raises
:class:`~newsdoc.exceptions.ParseError` at the first problem.
"""

from __future__ import annotations

import io
import itertools
import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, TextIO

import attrs

from newsdoc._models import (
    Caption,
    Diagnostic,
    Document,
    Image,
    Layout,
    Paragraph,
    Severity,
    Source,
    Span,
    _fast_paragraph,
    _fast_span,
)
from newsdoc._pipeline._limits import MAX_BLANK_LINES, SAMPLE
from newsdoc._registry import Format, ReadOptions, register_format
from newsdoc.captions import parse_caption, same_caption
from newsdoc.lines import Line, iter_lines

__all__ = ["ScrapedText", "ScrapedTextLayout"]

NAME = "scraped-text"
TT = "TT"
CANONICAL_SEPARATOR = "\n\n\n\n"
MIN_SEPARATOR_BLANKS = 3


@attrs.frozen(kw_only=True)
class ScrapedTextLayout(Layout):
    """How a document was laid out in scraped text, so the writer can give the text back.

    The reader fills it in; the writer uses each part only while it is consistent with the
    document's content (the copies of the captions, the separators) and falls back to the
    canonical layout otherwise. ``repeated_title`` is written as it is: after editing a
    document's title, drop the layout (``attrs.evolve(doc, layout=None)``) to get the
    canonical form. Not part of equality.

    In newsdoc's JSON it is ``{"format": "scraped-text", ...}`` holding only the fields that
    differ from the canonical layout of the document (each caption twice in each copy of the
    header, blank lines between the parts, a blank line between paragraphs, ``\\n`` line
    ends; paragraph separators that are all the same are one string). When the spans of
    the document, its title, captions and paragraphs are where writing the document puts
    them, they are left out of the JSON and ``"at": [offset, line]`` says where the document
    starts; reading the JSON computes them again.

    Attributes:
        header_captions: The caption lines exactly as published in the first and in the
            repeated copy of the header (a caption usually appears twice in each).
        repeated_title: The title line of the repeated header when it differs from
            ``Document.title``; ``None`` when they agree or the header was not repeated.
        repeated_header: Whether the header (title and captions) was repeated before the
            body, as the format has it.
        chrome_before_tt: How many of ``Document.chrome`` came before the ``TT`` line.
        header_gaps: The exact blank text between the parts of the header: after the title,
            after the captions and chrome, after the repeated title, after the repeated
            captions (``""`` where a part is absent).
        paragraph_separators: The exact text between consecutive paragraphs
            (``"\\n\\n"`` or ``"\\n"``, one fewer than the paragraphs).
        gap_before: Blank text before the document (between it and the one before, or at
            the start of the file).
        gap_after: Blank text after the document when it ends the input.
        newline: The line end used (``"\\n"`` or ``"\\r\\n"``).

    .. versionadded:: 0.1.0
    """

    format: ClassVar[str] = NAME

    header_captions: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    repeated_title: str | None = None
    repeated_header: bool = True
    chrome_before_tt: int = 0
    header_gaps: tuple[str, ...] = ()
    paragraph_separators: tuple[str, ...] = ()
    gap_before: str = ""
    gap_after: str = ""
    newline: str = "\n"

    def to_json(self, doc: Document) -> tuple[dict[str, Any], Document]:
        """The fields that differ from the canonical layout of ``doc``; ``doc`` without
        the spans when they are implied.

        Raises:
            Nothing.
        """
        canonical = _canonical(doc, self.newline, self.chrome_before_tt)
        data: dict[str, Any] = {}
        canonical = attrs.evolve(canonical, newline="\n", chrome_before_tt=0)
        for field in attrs.fields(ScrapedTextLayout):
            value = getattr(self, field.name)
            if value != getattr(canonical, field.name):
                data[field.name] = _plain(value)
        seps = self.paragraph_separators
        if "paragraph_separators" in data and len(seps) > 1 and len(set(seps)) == 1:
            data["paragraph_separators"] = seps[0]
        source = doc.source
        if source is not None and source.span is not None:
            at = (source.span.start, source.span.line)
            implied = _implied_spans(doc if doc.layout is self else attrs.evolve(doc, layout=self),
                                     at)
            if implied is not None and implied == [source.span, *_spans(doc)]:
                data["at"] = list(at)
                doc = attrs.evolve(_without_spans(doc),
                                   source=attrs.evolve(source, span=None))
        return data, doc

    @classmethod
    def from_json(cls, data: Mapping[str, Any], doc: Document) -> Document:
        """``doc`` with the layout ``data`` describes, its spans computed again when they
        were implied.

        Raises:
            TypeError: a field has the wrong type.
            ValueError: an unknown field.
        """
        fields = {f.name for f in attrs.fields(ScrapedTextLayout)}
        unknown = set(data) - fields - {"at", "schema_version"}
        if unknown:
            raise ValueError(f"unknown field {sorted(unknown)[0]!r}")
        if data.get("schema_version") == 1:  # version 1 wrote every field not at its default
            base = ScrapedTextLayout()
        else:
            newline = _typed("newline", data.get("newline", "\n"))
            base = _canonical(doc, newline, _typed("chrome_before_tt",
                                                   data.get("chrome_before_tt", 0)))
        values = {k: _typed(k, v) for k, v in data.items()
                  if k in fields and not (k == "paragraph_separators" and isinstance(v, str))}
        if isinstance(data.get("paragraph_separators"), str):  # all the same: one string
            values["paragraph_separators"] = (data["paragraph_separators"],) * max(
                len(doc.paragraphs) - 1, 0)
        doc = attrs.evolve(doc, layout=attrs.evolve(base, **values))
        at = data.get("at")
        if at is not None:
            if (not isinstance(at, list) or len(at) != 2
                    or not all(type(v) is int for v in at)):
                raise TypeError("at must be an array of two integers: offset and line")
            implied = _implied_spans(doc, (at[0], at[1]))
            if implied is not None:
                source = doc.source if doc.source is not None else Source()
                doc = _with_spans(attrs.evolve(doc, source=attrs.evolve(
                    source, span=implied[0])), implied[1:])
        return doc


def _canonical(doc: Document, newline: str, chrome_before_tt: int) -> ScrapedTextLayout:
    """The layout the writer gives ``doc`` when it has none (for ``newline`` line ends and
    ``chrome_before_tt`` chrome lines before ``TT``)."""
    blank = newline + newline
    copies = tuple(c.raw for c in doc.captions for _ in range(2))
    return ScrapedTextLayout(
        header_captions=(tuple(doc.chrome[:chrome_before_tt]) + copies, copies),
        chrome_before_tt=chrome_before_tt,
        header_gaps=(blank, blank if doc.captions or doc.chrome else "", blank,
                     blank if doc.captions else ""),
        paragraph_separators=(blank,) * max(len(doc.paragraphs) - 1, 0),
        gap_after=newline * 4,
        newline=newline,
    )


def _plain(value: object) -> Any:
    """A layout value as JSON: tuples become lists."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


_STRINGS = ("repeated_title", "gap_before", "gap_after", "newline")


def _typed(name: str, value: object) -> Any:
    """A layout field from its JSON value, checked."""
    def strings(items: object) -> tuple[str, ...]:
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise TypeError(f"{name} must be an array of strings")
        return tuple(items)

    if name == "header_captions":
        if not isinstance(value, list) or len(value) != 2:
            raise TypeError("header_captions must be an array of two arrays of strings")
        return strings(value[0]), strings(value[1])
    if name in ("header_gaps", "paragraph_separators"):
        return strings(value)
    if name == "repeated_header" and type(value) is not bool:
        raise TypeError("repeated_header must be a boolean")
    if name == "chrome_before_tt" and type(value) is not int:
        raise TypeError("chrome_before_tt must be an integer")
    if name in _STRINGS and not isinstance(value, str) and not (
            name == "repeated_title" and value is None):
        raise TypeError(f"{name} must be a string")
    return value


def _spans(doc: Document) -> list[Span | None]:
    return [doc.title_span, *(i.span for i in doc.images),
            *(i.caption.span if i.caption is not None else None for i in doc.images),
            *(p.span for p in doc.paragraphs)]


def _without_spans(doc: Document) -> Document:
    return attrs.evolve(
        doc, title_span=None,
        images=tuple(attrs.evolve(i, caption=attrs.evolve(i.caption, span=None))
                     if i.caption is not None else i for i in doc.images),
        paragraphs=tuple(Paragraph(text=p.text, kind=p.kind) for p in doc.paragraphs))


def _with_spans(doc: Document, spans: list[Span | None]) -> Document:
    n_images = len(doc.images)
    captions = spans[1 + n_images:1 + 2 * n_images]
    return attrs.evolve(
        doc, title_span=spans[0],
        images=tuple(attrs.evolve(i, caption=attrs.evolve(i.caption, span=span))
                     if i.caption is not None else i
                     for i, span in zip(doc.images, captions, strict=True)),
        paragraphs=tuple(Paragraph(text=p.text, kind=p.kind, span=span) for p, span in
                         zip(doc.paragraphs, spans[1 + 2 * n_images:], strict=True)))


def _implied_spans(doc: Document, at: tuple[int, int]) -> list[Span | None] | None:
    """The spans of ``doc`` (its source's), its title, images, captions and paragraphs where
    writing it with its layout puts them, for a document starting at offset ``at[0]`` on
    line ``at[1]``, found in the written text as the reader finds them (a caption's span is
    its first copy without stray spaces at its ends); ``None`` when the text cannot be
    written or its parts cannot be told apart."""
    if not isinstance(doc.layout, ScrapedTextLayout):
        return None
    out = io.StringIO()
    try:
        _write_document(doc, out, first=False, last=True)
    except ValueError:
        return None
    text = out.getvalue()
    start, first_line = at
    lines: list[Line] = []
    pos = 0
    for number, piece in enumerate(text.split("\n"), start=first_line):
        content = piece[:-1] if piece.endswith("\r") else piece
        lines.append(Line(content, start + pos, number, ""))
        pos += len(piece) + 1

    def span(line: Line) -> Span:
        return _fast_span(line.start, line.start + len(line.text), line.number)

    # The first copy of the header: the lines after the title's blank lines, up to a blank.
    i = 1
    while i < len(lines) and _blank(lines[i].text):
        i += 1
    j = i
    while j < len(lines) and not _blank(lines[j].text):
        j += 1
    k = _layout(doc).chrome_before_tt
    k = k if 0 <= k <= len(doc.chrome) else 0
    caption_lines = lines[i + k:j - (len(doc.chrome) - k)] if doc.captions else []
    groups = _group(caption_lines)
    non_blank = [ln for ln in lines if not _blank(ln.text)]
    if len(groups) != len(doc.captions) or len(non_blank) < len(doc.paragraphs):
        return None
    best = [next((ln for ln in g if ln.text == ln.text.strip()), g[0]) for g in groups]
    if [ln.text for ln in best] != [c.raw for c in doc.captions]:
        return None
    body = non_blank[len(non_blank) - len(doc.paragraphs):] if doc.paragraphs else []
    last = non_blank[-1]
    whole = Span(start=start, end=last.start + len(last.text), line=first_line,
                 end_line=last.number)
    caption_spans = iter([span(ln) for ln in best])
    return [whole, span(lines[0]), *(None for _ in doc.images),
            *(next(caption_spans) if img.caption is not None else None for img in doc.images),
            *(span(ln) for ln in body)]


def _blank(text: str) -> bool:
    return not text or text.isspace()


def _chrome_like(text: str) -> bool:
    """Short widget text: a counter, ``TT``, a share count."""
    stripped = text.strip()
    return len(stripped) <= 24 and len(stripped.split()) <= 3


def _span(line: Line) -> Span:
    return _fast_span(line.start, line.start + len(line.text), line.number)


def _gap(lines: Sequence[Line], last_nl: str) -> str:
    return last_nl + "".join(ln.text + ln.end for ln in lines)


def _group(lines: Sequence[Line]) -> list[list[Line]]:
    """Group consecutive copies of the same caption (alt text + figure caption)."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and (line.text == groups[-1][-1].text
                       or same_caption(line.text, groups[-1][0].text)):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _same_groups(a: Sequence[Sequence[Line]], b: Sequence[Sequence[Line]]) -> bool:
    """Whether two groupings of caption lines hold the same captions, in order."""
    return len(a) == len(b) and all(
        same_caption(ga[0].text, gb[0].text) for ga, gb in zip(a, b, strict=True))


_HEADER_LOOKAHEAD = 64
"""Lines of an article looked at to tell whether it has a header."""

_text_of = operator.itemgetter(0)  # Line.text, in C


def _headerless(texts: Sequence[str]) -> bool:
    """Whether an article's first lines show no header: its first line is followed at once
    by another (no blank line after a title), neither its first two zones (runs of
    non-blank lines) hold ``TT``, nor is its first line repeated in them. A page captured
    without its header has this shape; an article with a header never has."""
    if len(texts) < 2 or _blank(texts[1]):
        return False
    title = texts[0]
    i = 1
    for zone_no in range(2):
        while i < len(texts) and not _blank(texts[i]):
            if texts[i].strip() == TT or same_caption(texts[i], title):
                return False
            i += 1
        if zone_no == 0:
            while i < len(texts) and _blank(texts[i]):
                i += 1
    return True


def _words_overlap(a: str, b: str) -> float:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / max(len(wa), len(wb))


@attrs.define
class _Header:
    """Where the parts of an article's header are (indexes into its lines)."""

    zone1: int  # the first line after the title's blank lines
    caption_lines: list[Line]  # the first copy's caption lines (chrome before TT included)
    after_tt: list[Line]  # TT and the chrome after it
    second: int  # the repeated title (or the body, when the header is not repeated)
    repeated: bool = True
    repeated_title: str | None = None
    zone2: int = 0  # the first line of the repeated captions
    captions2: list[Line] = attrs.field(factory=list)
    pre_chrome: list[Line] = attrs.field(factory=list)
    groups: list[list[Line]] | None = None  # the captions, one group of copies each
    body: int = 0
    standfirst: int | None = None  # a standfirst line between the title and the captions


class _Article:
    """Parses the lines of one article (no leading or trailing blank lines) in named steps:
    the first copy of the header, the second copy, the captions, the body, the layout."""

    def __init__(self, lines: list[Line], options: ReadOptions) -> None:
        self.lines = lines
        self.n = len(lines)
        self.options = options
        self.diagnostics: list[Diagnostic] = []

    def diag(self, code: str, message: str, line: Line | None, severity: Severity) -> None:
        self.diagnostics.append(self.options.diagnostic(
            code, message, _span(line) if line is not None else None,
            text=line.text if line is not None else "", severity=severity))

    def skip_blanks(self, i: int, after: str) -> int:
        j = i
        lines = self.lines
        while j < self.n and _blank(lines[j].text):
            j += 1
        if j == i and i < self.n:
            self.diag("missing-blank-line", f"expected a blank line after the {after}",
                      lines[i], Severity.WARNING)
        return j

    def zone(self, i: int) -> int:
        """Index of the first blank line at or after ``i`` (or the end)."""
        lines = self.lines
        while i < self.n and not _blank(lines[i].text):
            i += 1
        return i

    def parse(self, gap_before: str, gap_after: str) -> tuple[Document, list[Line]]:
        """The document, and the lines of a related article appended to it (see
        :meth:`related_article`), if any."""
        if _headerless([ln.text for ln in self.lines[:_HEADER_LOOKAHEAD]]):
            return self.body_only(gap_before, gap_after), []
        header = self.first_header()
        self.second_header(header)
        rest: list[Line] = []
        split = self.related_article(header.body)
        if split is not None:
            last = split - 1
            while _blank(self.lines[last].text):
                last -= 1
            rest = self.lines[split:]
            gap_after = _gap(self.lines[last + 1:split], self.lines[last].end)
            self.lines = self.lines[:last + 1]
            self.n = last + 1
        captions = self.captions(header)
        paragraphs, separators = self.body(header.body)
        doc = self.document(header, captions, paragraphs, separators, gap_before, gap_after)
        return doc, rest

    def body_only(self, gap_before: str, gap_after: str) -> Document:
        """A page captured without its header: every line is a paragraph; no title."""
        first, last = self.lines[0], self.lines[-1]
        self.diag("no-header", "the article has no header (no title, TT or repeated title "
                  "before the first lines): its lines are read as paragraphs, with no title",
                  first, Severity.WARNING)
        paragraphs, separators = self.body(0)
        layout = ScrapedTextLayout(repeated_header=False, paragraph_separators=tuple(separators),
                        gap_before=gap_before, gap_after=gap_after, newline=first.end or "\n")
        span = Span(start=first.start, end=last.start + len(last.text), line=first.number,
                    end_line=last.number)
        return Document(title="", paragraphs=tuple(paragraphs),
                        source=self.options.source(NAME, span), layout=layout,
                        diagnostics=tuple(self.diagnostics))

    def related_article(self, start: int) -> int | None:
        """Where a related article appended to the body begins, if one is: a line on its own
        (its title), a blank line, then two copies of one caption, as a header starts. A page
        with no separator before its related articles shows them so."""
        texts = list(map(str.strip, map(_text_of, self.lines[start:])))
        same = list(map(operator.eq, texts, itertools.islice(texts, 1, None)))
        if True not in same:  # the usual body: no line followed by a copy of itself
            return None
        for i, copy in enumerate(same):
            if not copy or not texts[i]:
                continue
            b = i - 1
            while b >= 0 and not texts[b]:
                b -= 1
            if b < 1 or b == i - 1 or texts[b - 1]:
                continue  # no title on its own line, after a blank, under some body
            if any(texts[:b - 1]):
                return start + b
        return None

    def first_header(self) -> _Header:
        """The first copy: a standfirst, the caption lines, then ``TT`` and the counters
        after it."""
        lines = self.lines
        title = lines[0].text
        j = self.skip_blanks(1, "title")
        k = self.zone(j)
        standfirst = self.standfirst(j, k)
        if standfirst is not None:
            j = self.skip_blanks(k, "standfirst")
            k = self.zone(j)
        zone = lines[j:k]
        tt = next((i for i, ln in enumerate(zone) if ln.text.strip() == TT), None)
        header = self.first_copy(j, k, zone, tt, title)
        header.standfirst = standfirst
        return header

    def standfirst(self, j: int, k: int) -> int | None:
        """The index of a standfirst: one line of its own between the title and the
        captions, told by what follows it: the zone after it holds ``TT``, or (with no
        ``TT``) the repeated title follows the zone after it."""
        lines, n = self.lines, self.n
        title = lines[0].text
        if k != j + 1 or k >= n or lines[j].text.strip() == TT or same_caption(
                lines[j].text, title):
            return None
        j2 = k
        while j2 < n and _blank(lines[j2].text):
            j2 += 1
        k2 = self.zone(j2)
        zone2 = lines[j2:k2]
        if not zone2 or same_caption(zone2[0].text, title):
            return None
        if any(ln.text.strip() == TT for ln in zone2):
            return j
        j3 = k2
        while j3 < n and _blank(lines[j3].text):
            j3 += 1
        return j if j3 < n and same_caption(lines[j3].text, title) else None

    def first_copy(self, j: int, k: int, zone: list[Line], tt: int | None,
                   title: str) -> _Header:
        """The first copy's zone (lines ``j`` to ``k``): captions, ``TT``, counters."""
        lines, n = self.lines, self.n
        if tt is None:
            if zone and same_caption(zone[0].text, title):
                return _Header(j, [], [], j)  # no photo, no TT: the header repeats at once
            if j < n:
                self.diag("missing-tt", "no TT line in the header", lines[j], Severity.INFO)
            return _Header(j, zone, [], self.after_chrome(k))
        after_tt = zone[tt:]
        for i, ln in enumerate(after_tt[1:], start=1):
            if same_caption(ln.text, title):  # the repeated title with no blank line before it
                self.diag("missing-blank-line", "expected a blank line before the repeated "
                          "title", ln, Severity.WARNING)
                return _Header(j, zone[:tt], after_tt[:i], j + tt + i)
            if not _chrome_like(ln.text):
                self.diag("suspicious-chrome", "a long line among the page chrome after TT",
                          ln, Severity.WARNING)
        return _Header(j, zone[:tt], after_tt, self.after_chrome(k))

    def after_chrome(self, k: int) -> int:
        return self.skip_blanks(k, "page chrome") if k < self.n else self.n

    def second_header(self, h: _Header) -> None:
        """The second copy: the repeated title, then the captions again; sets ``h.body``."""
        lines, n = self.lines, self.n
        h.body = h.second
        if h.second >= n:
            h.repeated = False
            self.diag("header-not-repeated", "the article ends before its header is repeated",
                      lines[-1], Severity.WARNING)
            return
        t2 = lines[h.second]
        if not same_caption(t2.text, lines[0].text):
            if not self.title_edited(h, t2):
                h.repeated = False
                self.diag("header-not-repeated", "the header is not repeated before the body",
                          t2, Severity.WARNING)
                return
            self.diag("title-mismatch", "the repeated header's title differs from the first",
                      t2, Severity.WARNING)
        if t2.text != lines[0].text:
            h.repeated_title = t2.text
        c = self.skip_blanks(h.second + 1, "repeated title")
        h.zone2 = h.body = c
        if h.caption_lines:
            self.repeated_captions(h, c)

    def title_edited(self, h: _Header, t2: Line) -> bool:
        """Whether ``t2``, not a copy of the title, is still the repeated header's title:
        the captions follow it, or it shares half its words with the title."""
        c2 = h.second + 1
        while c2 < self.n and _blank(self.lines[c2].text):
            c2 += 1
        follows = _group(self.lines[c2:self.zone(c2)])
        caps_follow = bool(h.caption_lines) and _same_groups(follows, _group(h.caption_lines))
        return caps_follow or _words_overlap(t2.text, self.lines[0].text) >= 0.5

    def repeated_captions(self, h: _Header, c: int) -> None:
        """Match the second copy's captions (from line ``c``) with the first copy's."""
        n = self.n
        z_end = self.zone(c)
        zone2 = self.lines[c:z_end]
        groups1 = _group(h.caption_lines)
        same = [ln.text for ln in zone2] == [ln.text for ln in h.caption_lines]
        groups2: list[list[Line]] = [] if same else _group(zone2)
        if not same and not _same_groups(groups1, groups2):
            pre = [ln for ln in h.caption_lines if _chrome_like(ln.text)
                   and not any(same_caption(ln.text, x.text) for x in zone2)]
            if pre:
                groups1 = _group([ln for ln in h.caption_lines if ln not in pre])
            if _same_groups(groups1, groups2):
                h.pre_chrome = pre
            elif zone2 and len(groups1) == len(groups2):
                h.pre_chrome = pre
                for g1, g2 in zip(groups1, groups2, strict=True):
                    if not same_caption(g1[0].text, g2[0].text):
                        self.diag("caption-mismatch", "a caption differs between the two "
                                  "copies of the header", g2[0], Severity.WARNING)
            else:
                h.groups = _group(h.caption_lines)
                self.diag("captions-not-repeated", "the captions are not repeated in the "
                          "second copy of the header", self.lines[min(c, n - 1)],
                          Severity.WARNING)
                return
        h.groups = groups1
        h.captions2 = zone2
        h.body = self.skip_blanks(z_end, "repeated captions") if z_end < n else n

    def captions(self, h: _Header) -> list[Caption]:
        """One caption per group of copies; the copy without stray edge spaces is the raw."""
        captions: list[Caption] = []
        for group in _group(h.caption_lines) if h.groups is None else h.groups:
            best = next((ln for ln in group if ln.text == ln.text.strip()), group[0])
            parsed = parse_caption(best.text)
            captions.append(Caption(raw=parsed.raw, text=parsed.text, credit=parsed.credit,
                                    date=parsed.date, span=_span(best)))
        return captions

    def body(self, start: int) -> tuple[list[Paragraph], list[str]]:
        """Every non-blank line from ``start`` on is a paragraph (the reader's hot loop);
        with the exact text between consecutive paragraphs."""
        paragraphs: list[Paragraph] = []
        separators: list[str] = []
        blank_run: list[str] = []
        prev_nl = ""
        add_paragraph = paragraphs.append
        for text, pos, number, nl in self.lines[start:]:
            if not text or text.isspace():
                blank_run.append(text + nl)
                continue
            if prev_nl:
                separators.append(prev_nl + "".join(blank_run) if blank_run else prev_nl)
                blank_run.clear()
            add_paragraph(_fast_paragraph(text, pos, number))
            prev_nl = nl
        if not paragraphs:
            self.diag("no-body", "the article has no paragraphs", self.lines[-1],
                      Severity.WARNING)
        return paragraphs, separators

    def between(self, a: int, b: int) -> str:
        """The exact text from the end of line ``a`` to the start of line ``b``."""
        lines = self.lines
        if b == a + 2 and not lines[a + 1].text:  # the usual case: one empty line
            return lines[a].end + lines[a + 1].end
        return lines[a].end + "".join(ln.text + ln.end for ln in lines[a + 1:b])

    def gaps(self, h: _Header) -> tuple[str, ...]:
        """The blank text after the title, the first copy, the repeated title and the
        repeated captions (``""`` where a part is absent), and after a standfirst (only
        when there is one)."""
        n = self.n
        gaps = ["", "", "", ""]
        zone1_len = len(h.caption_lines) + len(h.after_tt)
        first = h.zone1 if zone1_len else (h.second if h.repeated else h.body)
        if h.standfirst is not None:
            gaps.append(self.between(h.standfirst, first) if first < n else "")
            first = h.standfirst
        if first < n:
            gaps[0] = self.between(0, first)
        nxt = h.second if h.repeated else h.body
        if zone1_len and nxt < n:
            gaps[1] = self.between(h.zone1 + zone1_len - 1, nxt)
        if h.repeated:
            if h.captions2:
                gaps[2] = self.between(h.second, h.zone2)
                if h.body < n:
                    gaps[3] = self.between(h.zone2 + len(h.captions2) - 1, h.body)
            elif h.body < n:
                gaps[2] = self.between(h.second, h.body)
        return tuple(gaps)

    def standfirst_text(self, h: _Header) -> str | None:
        return self.lines[h.standfirst].text if h.standfirst is not None else None

    def document(self, h: _Header, captions: list[Caption], paragraphs: list[Paragraph],
                 separators: list[str], gap_before: str, gap_after: str) -> Document:
        title, last = self.lines[0], self.lines[-1]
        layout = ScrapedTextLayout(
            header_captions=(tuple(ln.text for ln in h.caption_lines),
                             tuple(ln.text for ln in h.captions2)),
            repeated_title=h.repeated_title,
            repeated_header=h.repeated,
            chrome_before_tt=len(h.pre_chrome),
            header_gaps=self.gaps(h),
            paragraph_separators=tuple(separators),
            gap_before=gap_before,
            gap_after=gap_after,
            newline=title.end or "\n",
        )
        span = Span(start=title.start, end=last.start + len(last.text), line=title.number,
                    end_line=last.number)
        return Document(
            title=title.text, images=tuple(Image(caption=c) for c in captions),
            paragraphs=tuple(paragraphs), summary=self.standfirst_text(h),
            chrome=tuple(ln.text for ln in (*h.pre_chrome, *h.after_tt)),
            title_span=_span(title), source=self.options.source(NAME, span), layout=layout,
            diagnostics=tuple(self.diagnostics),
        )


def _cut_document(options: ReadOptions, first: Line, last: Line) -> None:
    """Report the lines ``first`` to ``last`` dropped from a document over the limit."""
    options.report(
        "document-too-large",
        f"the document is longer than the limit of {options.max_document_size} characters; "
        f"its lines {first.number} to {last.number} were dropped",
        Span(start=first.start, end=last.start + len(last.text), line=first.number,
             end_line=last.number),
        text=first.text[:SAMPLE])


def _cut_blank_run(options: ReadOptions, line: Line) -> None:
    """Note that a run of blank lines reached :data:`MAX_BLANK_LINES` at ``line``."""
    options.report(
        "blank-run-too-long",
        f"more than {MAX_BLANK_LINES} blank lines in a row; the layout keeps the first "
        f"{MAX_BLANK_LINES} of them",
        line.span, text=line.text, severity=Severity.INFO)


def iter_articles(lines: Iterable[Line], options: ReadOptions,
                  ) -> Iterator[tuple[list[Line], str, str]]:
    """Group lines into articles: (lines, gap before if first, gap after).

    Articles are separated by three or more empty lines: a line holding only spaces (an
    empty paragraph of the page) is a blank line inside an article, not a separator line.
    The lines of an article past ``options.max_document_size`` are dropped up to its end,
    and a blank run keeps at most ``MAX_BLANK_LINES`` lines, each cut reported.
    """
    limit = options.max_document_size
    current: list[Line] = []
    blanks: list[Line] = []
    empty = 0  # empty lines among the blanks
    gap_before = ""
    cut: list[Line] = []  # the first and last lines dropped from the current article
    for line in lines:
        text = line.text
        if not text or text.isspace():
            if limit is None or len(blanks) < MAX_BLANK_LINES:
                blanks.append(line)
            elif len(blanks) == MAX_BLANK_LINES:
                blanks.append(line)  # one past the cap: noted once, then not kept
                _cut_blank_run(options, line)
            if not text:
                empty += 1
            continue
        if not current:
            gap_before = "".join(ln.text + ln.end for ln in blanks[:MAX_BLANK_LINES])
        elif empty >= MIN_SEPARATOR_BLANKS:
            if cut:
                _cut_document(options, cut[0], cut[-1])
            cut = []
            yield current, gap_before, _gap(blanks[:MAX_BLANK_LINES], current[-1].end)
            current = []
            gap_before = ""
        elif cut or (limit is not None and line.start - current[0].start > limit):
            cut[1:] = [line] if cut else [line, line]
            blanks = []
            empty = 0
            continue
        else:
            current.extend(blanks)
        blanks = []
        empty = 0
        current.append(line)
    if cut:
        _cut_document(options, cut[0], cut[-1])
    if current:
        yield current, gap_before, _gap(blanks[:MAX_BLANK_LINES], current[-1].end)


def _empty_lines(gap: str) -> int:
    """How many empty lines the blank text ``gap`` holds (it starts with the line end of the
    line before it; a ``\\r`` before a ``\\n`` belongs to the line end)."""
    return sum(1 for part in gap.split("\n")[1:-1] if part in ("", "\r"))


def _valid_separator(gap: str) -> bool:
    """Blank text the reader takes for a separator between articles."""
    return gap.isspace() and gap.endswith("\n") and _empty_lines(gap) >= MIN_SEPARATOR_BLANKS


def _inner_gap(gap: str, min_newlines: int) -> bool:
    """Blank text the reader keeps inside an article: no separator."""
    return (gap.isspace() and gap.count("\n") >= min_newlines and gap.endswith("\n")
            and _empty_lines(gap) < MIN_SEPARATOR_BLANKS)


def _valid_paragraph_separator(sep: str) -> bool:
    return _inner_gap(sep, 1)


def _valid_header_gap(gap: str) -> bool:
    return _inner_gap(gap, 1)


def _check_line(value: str, what: str, *, cr_ok: bool = False) -> None:
    """Raise unless ``value`` can be one line of the text. A ``\\r`` is part of a line
    (the reader reads it back so), at its end too when ``cr_ok``: the line end written
    after it is ``\\r\\n``, or nothing follows it."""
    if _blank(value) or "\n" in value or (value.endswith("\r") and not cr_ok):
        raise ValueError(
            f"scraped-text cannot represent {what} {value[:60]!r}: it must be one non-blank "
            "line (not ending with a carriage return)"
        )


def _holds_captions(lines: Sequence[str], raws: Sequence[str]) -> bool:
    """Whether caption lines, grouped into copies, are the captions ``raws``, in order."""
    groups = _group([Line(ln, 0, 0, "") for ln in lines])
    return len(groups) == len(raws) and all(
        same_caption(g[0].text, raw) for g, raw in zip(groups, raws, strict=True))


def _layout(doc: Document) -> ScrapedTextLayout:
    """The document's scraped-text layout, or the canonical one (no layout, or another
    format's)."""
    layout = doc.layout
    return layout if isinstance(layout, ScrapedTextLayout) else ScrapedTextLayout()


def _standfirst(doc: Document, lay: ScrapedTextLayout) -> tuple[str | None, tuple[str, ...]]:
    """The standfirst of a document read from a page that has one (its summary; a fifth
    header gap, the blank text after it, says where it goes), and the chrome. A summary
    from elsewhere is not written: the page had no standfirst."""
    if len(lay.header_gaps) == 5 and doc.summary and _valid_header_gap(lay.header_gaps[4]):
        return doc.summary, doc.chrome
    return None, doc.chrome


def render_header(doc: Document, nl: str, *, ends_text: bool = False) -> tuple[str, str]:
    """The header of ``doc`` (both copies) and the blank text that follows it; with
    ``ends_text``, nothing follows it."""
    lay = _layout(doc)
    standfirst, chrome = _standfirst(doc, lay)
    crlf = nl == "\r\n" or ends_text
    _check_line(doc.title, "the title", cr_ok=crlf)
    for cap in doc.captions:
        _check_line(cap.raw, "the caption", cr_ok=crlf)
    for chrome_line in doc.chrome:
        _check_line(chrome_line, "the chrome line", cr_ok=crlf)
    if standfirst is not None:
        _check_line(standfirst, "the standfirst", cr_ok=crlf)
    raws = [c.raw for c in doc.captions]
    k = lay.chrome_before_tt if 0 <= lay.chrome_before_tt <= len(chrome) else 0
    before = set(chrome[:k])

    # Use the layout's copies of the captions only while they agree with the content.
    h1 = list(lay.header_captions[0])
    if not _holds_captions([ln for ln in h1 if ln not in before], raws) or any(map(_blank, h1)):
        h1 = [*chrome[:k], *(c.raw for c in doc.captions for _ in range(2))]
    h2 = list(lay.header_captions[1])
    if not _holds_captions(h2, raws) or any(map(_blank, h2)):
        h2 = [c.raw for c in doc.captions for _ in range(2)]
    gaps = [g if _valid_header_gap(g) else nl + nl for g in (*lay.header_gaps, "", "", "", "")[:4]]

    out = [doc.title]
    lead = gaps[0]
    if standfirst is not None:
        out += [gaps[0], standfirst]
        lead = lay.header_gaps[4]
    zone1 = [*h1, *chrome[k:]]
    if zone1:
        out += [lead, nl.join(zone1)]
        following = gaps[1]
    else:
        following = lead
    if not lay.repeated_header:
        return "".join(out), following
    repeated = lay.repeated_title
    if repeated is None or _blank(repeated) or "\n" in repeated or repeated.endswith("\r"):
        repeated = doc.title
    out += [following, repeated]
    if doc.captions:
        out += [gaps[2], nl.join(h2)]
        return "".join(out), gaps[3]
    return "".join(out), gaps[2]


def _separators(doc: Document, nl: str, default: str) -> tuple[str, ...]:
    seps = _layout(doc).paragraph_separators
    if len(seps) != len(doc.paragraphs) - 1 or not all(map(_valid_paragraph_separator, seps)):
        seps = (default,) * (len(doc.paragraphs) - 1)
    return seps


def _body(doc: Document, seps: Sequence[str]) -> str:
    out = [doc.paragraphs[0].text] if doc.paragraphs else []
    for sep, p in zip(seps, doc.paragraphs[1:], strict=True):
        out += [sep, p.text]
    return "".join(out)


def _render_body_only(doc: Document, nl: str) -> str | None:
    """The text of a document read from a page captured without its header (no title;
    see ``_headerless``), or ``None`` when ``doc`` is not one. Such a document must read
    back as one: two paragraphs at least, the first two on consecutive lines.

    Raises:
        ValueError: it has no title but cannot read back without one.
    """
    lay = doc.layout if isinstance(doc.layout, ScrapedTextLayout) else None
    if doc.title or lay is None or lay.repeated_header or doc.captions or doc.chrome:
        return None
    seps = _separators(doc, nl, nl)
    after = [*(sep.startswith("\r\n") for sep in seps), True]
    for p, cr_ok in zip(doc.paragraphs, after, strict=False):
        _check_line(p.text, "the paragraph", cr_ok=cr_ok)
    text = _body(doc, seps)
    texts = text.replace("\r\n", "\n").split("\n")
    if len(doc.paragraphs) < 2 or seps[0] != nl or not _headerless(texts[:_HEADER_LOOKAHEAD]):
        raise ValueError("scraped-text cannot represent a document without a title unless "
                         "its first lines read as a page without its header")
    return text


def _write_document(doc: Document, out: TextIO, *, first: bool, last: bool) -> None:
    lay = _layout(doc)
    nl = lay.newline if lay.newline in ("\n", "\r\n") else "\n"
    gap_before = lay.gap_before if first and lay.gap_before.isspace() else ""
    body_only = _render_body_only(doc, nl)
    if body_only is not None:
        out.write(gap_before + body_only)
        return
    end = last and not (lay.gap_after.isspace() and not _valid_separator(lay.gap_after))
    header, gap = render_header(doc, nl, ends_text=end and not doc.paragraphs)
    seps = _separators(doc, nl, nl + nl)
    after = [*(sep.startswith("\r\n") for sep in seps), end or nl == "\r\n"]
    for p, cr_ok in zip(doc.paragraphs, after, strict=False):
        _check_line(p.text, "the paragraph", cr_ok=cr_ok)
    out.write(gap_before)
    out.write(header)
    if not doc.paragraphs:
        return
    out.write(gap)
    write = out.write
    write(doc.paragraphs[0].text)
    for sep, p in zip(seps, doc.paragraphs[1:], strict=True):
        write(sep)
        write(p.text)


def _with_last(documents: Iterable[Document]) -> Iterator[tuple[Document, bool]]:
    """Each document, and whether it is the last."""
    it = iter(documents)
    prev = next(it, None)
    for doc in it:
        assert prev is not None
        yield prev, False
        prev = doc
    if prev is not None:
        yield prev, True


def _related_gap(gap: str, prev: Document, doc: Document) -> bool:
    """Whether the reader starts ``doc`` as a related article appended to ``prev``'s body
    after the blank text ``gap`` (not a separator): ``prev`` has a body, and ``doc``'s
    header starts as a header does (its title, a blank line, two copies of a caption)."""
    if not (prev.paragraphs and _inner_gap(gap, 2) and doc.title and doc.captions):
        return False
    lay = _layout(doc)
    nl = lay.newline if lay.newline in ("\n", "\r\n") else "\n"
    texts = render_header(doc, nl)[0].replace("\r\n", "\n").split("\n")
    i = 1
    while i < len(texts) and _blank(texts[i]):
        i += 1
    return 1 < i < len(texts) - 1 and texts[i].strip() == texts[i + 1].strip()


@register_format
class ScrapedText(Format):
    """The scraped-text format (``"scraped-text"``, extension ``.txt``).

    .. versionadded:: 0.1.0
    """

    name = NAME
    extensions = (".txt",)
    layout_type = ScrapedTextLayout
    description = "plain-text dumps of news article pages (title, captions, TT, body)"

    def sniff(self, prefix: str) -> bool:
        """A title line, a blank line, and ``TT`` or the repeated title within 40 lines."""
        lines = prefix.lstrip("\ufeff").split("\n", 40)[:40]
        lines = [ln.rstrip("\r") for ln in lines]
        while lines and _blank(lines[0]):
            lines.pop(0)
        if len(lines) < 3 or not _blank(lines[1]):
            return False
        return any(ln.strip() == TT for ln in lines[2:]) or any(
            same_caption(ln, lines[0]) for ln in lines[2:]
        )

    def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        """Yield each article of the text as a :class:`~newsdoc.Document`.

        Raises:
            newsdoc.exceptions.ParseError: only with ``options.strict``: the first problem.
        """
        for lines, gap_before, gap_after in iter_articles(iter_lines(chunks, options), options):
            while lines:  # an article, then any related article appended to it
                doc, lines = _Article(lines, options).parse(gap_before, gap_after)
                gap_before = ""
                yield doc

    def write(self, documents: Iterable[Document], out: TextIO) -> None:
        """Write documents as scraped text; with their layout, exactly as they were read.

        Raises:
            ValueError: a title, caption, chrome line or paragraph is blank or spans lines.
        """
        prev: Document | None = None
        for doc in _with_last(documents):
            if prev is not None:
                gap = _layout(prev).gap_after
                if not (_valid_separator(gap) or _related_gap(gap, prev, doc[0])):
                    gap = CANONICAL_SEPARATOR
                out.write(gap)
            _write_document(doc[0], out, first=prev is None, last=doc[1])
            prev = doc[0]
        if prev is not None and isinstance(prev.layout, ScrapedTextLayout):
            gap = prev.layout.gap_after
            if gap.isspace() and not _valid_separator(gap):
                out.write(gap)
