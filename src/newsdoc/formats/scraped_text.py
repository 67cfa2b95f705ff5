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

from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

import attrs

from newsdoc._models import (
    Caption,
    Diagnostic,
    Document,
    Image,
    Layout,
    Paragraph,
    Severity,
    Span,
    _fast_paragraph,
    _fast_span,
)
from newsdoc._pipeline._limits import MAX_BLANK_LINES, SAMPLE
from newsdoc._registry import Format, ReadOptions, register_format
from newsdoc.captions import parse_caption, same_caption
from newsdoc.lines import Line, iter_lines

__all__ = ["ScrapedText"]

NAME = "scraped-text"
TT = "TT"
CANONICAL_SEPARATOR = "\n\n\n\n"
MIN_SEPARATOR_BLANKS = 3


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

    def parse(self, gap_before: str, gap_after: str) -> Document:
        header = self.first_header()
        self.second_header(header)
        captions = self.captions(header)
        paragraphs, separators = self.body(header.body)
        return self.document(header, captions, paragraphs, separators, gap_before, gap_after)

    def first_header(self) -> _Header:
        """The first copy: the caption lines, then ``TT`` and the counters after it."""
        lines, n = self.lines, self.n
        title = lines[0].text
        j = self.skip_blanks(1, "title")
        k = self.zone(j)
        zone = lines[j:k]
        tt = next((i for i, ln in enumerate(zone) if ln.text.strip() == TT), None)
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

    def gaps(self, h: _Header) -> tuple[str, str, str, str]:
        """The blank text after the title, the first copy, the repeated title and the
        repeated captions (``""`` where a part is absent)."""
        n = self.n
        gaps = ["", "", "", ""]
        zone1_len = len(h.caption_lines) + len(h.after_tt)
        first = h.zone1 if zone1_len else (h.second if h.repeated else h.body)
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
        return gaps[0], gaps[1], gaps[2], gaps[3]

    def document(self, h: _Header, captions: list[Caption], paragraphs: list[Paragraph],
                 separators: list[str], gap_before: str, gap_after: str) -> Document:
        title, last = self.lines[0], self.lines[-1]
        layout = Layout(
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
            paragraphs=tuple(paragraphs),
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

    The lines of an article past ``options.max_document_size`` are dropped up to its end,
    and a blank run keeps at most ``MAX_BLANK_LINES`` lines, each cut reported.
    """
    limit = options.max_document_size
    current: list[Line] = []
    blanks: list[Line] = []
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
            continue
        if not current:
            gap_before = "".join(ln.text + ln.end for ln in blanks[:MAX_BLANK_LINES])
        elif len(blanks) >= MIN_SEPARATOR_BLANKS:
            if cut:
                _cut_document(options, cut[0], cut[-1])
            cut = []
            yield current, gap_before, _gap(blanks[:MAX_BLANK_LINES], current[-1].end)
            current = []
            gap_before = ""
        elif cut or (limit is not None and line.start - current[0].start > limit):
            cut[1:] = [line] if cut else [line, line]
            blanks = []
            continue
        else:
            current.extend(blanks)
        blanks = []
        current.append(line)
    if cut:
        _cut_document(options, cut[0], cut[-1])
    if current:
        yield current, gap_before, _gap(blanks[:MAX_BLANK_LINES], current[-1].end)


def _valid_separator(gap: str) -> bool:
    return gap.count("\n") > MIN_SEPARATOR_BLANKS and gap.isspace()


def _valid_paragraph_separator(sep: str) -> bool:
    return 1 <= sep.count("\n") <= MIN_SEPARATOR_BLANKS and sep.isspace()


def _check_line(value: str, what: str) -> None:
    if _blank(value) or "\n" in value or "\r" in value:
        raise ValueError(
            f"scraped-text cannot represent {what} {value[:60]!r}: it must be one non-blank "
            "line"
        )


def _valid_header_gap(gap: str) -> bool:
    return 2 <= gap.count("\n") <= MIN_SEPARATOR_BLANKS and gap.isspace()


def _holds_captions(lines: Sequence[str], raws: Sequence[str]) -> bool:
    """Whether caption lines, grouped into copies, are the captions ``raws``, in order."""
    groups = _group([Line(ln, 0, 0, "") for ln in lines])
    return len(groups) == len(raws) and all(
        same_caption(g[0].text, raw) for g, raw in zip(groups, raws, strict=True))


def render_header(doc: Document, nl: str) -> tuple[str, str]:
    """The header of ``doc`` (both copies) and the blank text that follows it."""
    lay = doc.layout or Layout()
    _check_line(doc.title, "the title")
    for cap in doc.captions:
        _check_line(cap.raw, "the caption")
    for chrome_line in doc.chrome:
        _check_line(chrome_line, "the chrome line")
    raws = [c.raw for c in doc.captions]
    k = lay.chrome_before_tt if 0 <= lay.chrome_before_tt <= len(doc.chrome) else 0
    before = set(doc.chrome[:k])

    # Use the layout's copies of the captions only while they agree with the content.
    h1 = list(lay.header_captions[0])
    if not _holds_captions([ln for ln in h1 if ln not in before], raws) or any(map(_blank, h1)):
        h1 = [*doc.chrome[:k], *(c.raw for c in doc.captions for _ in range(2))]
    h2 = list(lay.header_captions[1])
    if not _holds_captions(h2, raws) or any(map(_blank, h2)):
        h2 = [c.raw for c in doc.captions for _ in range(2)]
    gaps = [g if _valid_header_gap(g) else nl + nl for g in (*lay.header_gaps, "", "", "", "")[:4]]

    out = [doc.title]
    zone1 = [*h1, *doc.chrome[k:]]
    if zone1:
        out += [gaps[0], nl.join(zone1)]
        following = gaps[1]
    else:
        following = gaps[0]
    if not lay.repeated_header:
        return "".join(out), following
    repeated = lay.repeated_title
    if repeated is None or _blank(repeated) or "\n" in repeated or "\r" in repeated:
        repeated = doc.title
    out += [following, repeated]
    if doc.captions:
        out += [gaps[2], nl.join(h2)]
        return "".join(out), gaps[3]
    return "".join(out), gaps[2]


def _write_document(doc: Document, out: TextIO, *, first: bool) -> None:
    lay = doc.layout or Layout()
    nl = lay.newline if lay.newline in ("\n", "\r\n") else "\n"
    header, gap = render_header(doc, nl)
    for p in doc.paragraphs:
        _check_line(p.text, "the paragraph")
    if first and lay.gap_before.isspace():
        out.write(lay.gap_before)
    out.write(header)
    if not doc.paragraphs:
        return
    seps = lay.paragraph_separators
    if len(seps) != len(doc.paragraphs) - 1 or not all(map(_valid_paragraph_separator, seps)):
        seps = (nl + nl,) * (len(doc.paragraphs) - 1)
    out.write(gap)
    write = out.write
    for i, p in enumerate(doc.paragraphs):
        if i:
            write(seps[i - 1])
        write(p.text)


@register_format
class ScrapedText(Format):
    """The scraped-text format (``"scraped-text"``, extension ``.txt``).

    .. versionadded:: 0.1.0
    """

    name = NAME
    extensions = (".txt",)
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
            yield _Article(lines, options).parse(gap_before, gap_after)

    def write(self, documents: Iterable[Document], out: TextIO) -> None:
        """Write documents as scraped text; with their layout, exactly as they were read.

        Raises:
            ValueError: a title, caption, chrome line or paragraph is blank or spans lines.
        """
        prev: Document | None = None
        for doc in documents:
            if prev is not None:
                gap = prev.layout.gap_after if prev.layout else ""
                out.write(gap if _valid_separator(gap) else CANONICAL_SEPARATOR)
            _write_document(doc, out, first=prev is None)
            prev = doc
        if prev is not None and prev.layout is not None:
            gap = prev.layout.gap_after
            if gap.isspace() and not _valid_separator(gap):
                out.write(gap)
