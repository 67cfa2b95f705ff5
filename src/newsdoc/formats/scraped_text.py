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

from newsdoc._limits import MAX_BLANK_LINES, Reporter
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
from newsdoc._registry import Format, ReadOptions, register_format
from newsdoc._text import Line, iter_lines
from newsdoc.captions import parse_caption
from newsdoc.exceptions import ParseError

__all__ = ["ScrapedText"]

NAME = "scraped-text"
TT = "TT"
CANONICAL_SEPARATOR = "\n\n\n\n"
MIN_SEPARATOR_BLANKS = 3

_Line = Line


def _blank(text: str) -> bool:
    return not text or text.isspace()


def _norm(text: str) -> str:
    """Whitespace-insensitive form, for comparing the two copies of the header."""
    return " ".join(text.split())


def _chrome_like(text: str) -> bool:
    """Short widget text: a counter, ``TT``, a share count."""
    stripped = text.strip()
    return len(stripped) <= 24 and len(stripped.split()) <= 3


def _span(line: _Line) -> Span:
    text, start, no, _ = line
    return _fast_span(start, start + len(text), no)


def _gap(lines: Sequence[_Line], last_nl: str) -> str:
    return last_nl + "".join(t + nl for t, _, _, nl in lines)


def _group(lines: Sequence[_Line]) -> list[list[_Line]]:
    """Group consecutive copies of the same caption (alt text + figure caption)."""
    groups: list[list[_Line]] = []
    last_text = None
    last = None
    for line in lines:
        if line[0] == last_text:  # the usual case: an exact copy, no need to normalize
            groups[-1].append(line)
            continue
        key = _norm(line[0])
        if groups and key == last:
            groups[-1].append(line)
        else:
            groups.append([line])
            last = key
        last_text = line[0]
    return groups


def _words_overlap(a: str, b: str) -> float:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / max(len(wa), len(wb))


class _Article:
    """Parses the lines of one article (no leading or trailing blank lines)."""

    def __init__(self, lines: list[_Line], options: ReadOptions) -> None:
        self.lines = lines
        self.n = len(lines)
        self.options = options
        self.diagnostics: list[Diagnostic] = []

    def diag(self, code: str, message: str, line: _Line | None, severity: Severity) -> None:
        self.diagnostics.append(
            Diagnostic(code=code, message=message, severity=severity,
                       span=_span(line) if line is not None else None,
                       text=line[0] if line is not None else "", path=self.options.path)
        )

    def skip_blanks(self, i: int, after: str) -> int:
        j = i
        lines = self.lines
        while j < self.n and _blank(lines[j][0]):
            j += 1
        if j == i and i < self.n:
            self.diag("missing-blank-line", f"expected a blank line after the {after}",
                      lines[i], Severity.WARNING)
        return j

    def zone(self, i: int) -> int:
        """Index of the first blank line at or after ``i`` (or the end)."""
        lines = self.lines
        while i < self.n and not _blank(lines[i][0]):
            i += 1
        return i

    def parse(self, gap_before: str, gap_after: str) -> Document:
        lines, n = self.lines, self.n
        title = lines[0]
        title_key = _norm(title[0])
        newline = title[3] or "\n"

        # Header, first copy: captions, then TT and the counters after it.
        j = self.skip_blanks(1, "title")
        k = self.zone(j)
        zone1 = lines[j:k]
        tt = next((i for i, ln in enumerate(zone1) if ln[0].strip() == TT), None)
        h2: int | None = None  # index of the repeated title
        if tt is None:
            cap_zone, after_tt = zone1, []
            if zone1 and _norm(zone1[0][0]) == title_key:
                cap_zone, h2 = [], j  # no photo, no TT: the header repeats at once
            elif j < n:
                self.diag("missing-tt", "no TT line in the header", lines[j], Severity.INFO)
        else:
            cap_zone, after_tt = zone1[:tt], zone1[tt:]
            for i, ln in enumerate(after_tt[1:], start=1):
                if _norm(ln[0]) == title_key:  # repeated title with no blank line before it
                    self.diag("missing-blank-line", "expected a blank line before the "
                              "repeated title", ln, Severity.WARNING)
                    h2 = j + tt + i
                    after_tt = after_tt[:i]
                    break
                if not _chrome_like(ln[0]):
                    self.diag("suspicious-chrome", "a long line among the page chrome after TT",
                              ln, Severity.WARNING)
        if h2 is None:
            h2 = self.skip_blanks(k, "page chrome") if k < n else n

        # Header, second copy.
        repeated_title: str | None = None
        repeated = True
        body = h2
        zone2: list[_Line] = []
        pre_chrome: list[_Line] = []
        groups1: list[list[_Line]] | None = None
        if h2 >= n:
            repeated = False
            self.diag("header-not-repeated", "the article ends before its header is repeated",
                      lines[-1], Severity.WARNING)
        else:
            t2 = lines[h2]
            same = _norm(t2[0]) == title_key
            if not same:
                c2 = h2 + 1
                while c2 < n and _blank(lines[c2][0]):
                    c2 += 1
                follows = [_norm(g[0][0]) for g in _group(lines[c2:self.zone(c2)])]
                caps_follow = bool(cap_zone) and follows == [
                    _norm(g[0][0]) for g in _group(cap_zone)
                ]
                similar = _words_overlap(t2[0], title[0]) >= 0.5
                if caps_follow or similar:
                    self.diag("title-mismatch", "the repeated header's title differs from the "
                              "first", t2, Severity.WARNING)
                else:
                    repeated = False
                    self.diag("header-not-repeated", "the header is not repeated before the "
                              "body", t2, Severity.WARNING)
            if repeated:
                if t2[0] != title[0]:
                    repeated_title = t2[0]
                c = self.skip_blanks(h2 + 1, "repeated title")
                body = c
                if cap_zone:
                    z_end = self.zone(c)
                    zone2 = lines[c:z_end]
                    groups1 = _group(cap_zone)
                    if [ln[0] for ln in zone2] == [ln[0] for ln in cap_zone]:
                        keys2 = keys1 = []  # the usual case: an exact copy
                    else:
                        keys2 = [_norm(g[0][0]) for g in _group(zone2)]
                        keys1 = [_norm(g[0][0]) for g in groups1]
                    if keys1 != keys2:
                        in2 = {_norm(ln[0]) for ln in zone2}
                        pre_chrome = [ln for ln in cap_zone
                                      if _norm(ln[0]) not in in2 and _chrome_like(ln[0])]
                        if pre_chrome:
                            groups1 = _group([ln for ln in cap_zone if ln not in pre_chrome])
                        keys1 = [_norm(g[0][0]) for g in groups1]
                    if keys1 == keys2:
                        body = self.skip_blanks(z_end, "repeated captions") if z_end < n else n
                    elif zone2 and len(keys1) == len(keys2):
                        for g1, g2 in zip(groups1, _group(zone2), strict=True):
                            if _norm(g1[0][0]) != _norm(g2[0][0]):
                                self.diag("caption-mismatch", "a caption differs between the "
                                          "two copies of the header", g2[0], Severity.WARNING)
                        body = self.skip_blanks(z_end, "repeated captions") if z_end < n else n
                    else:
                        pre_chrome = []
                        groups1 = _group(cap_zone)
                        zone2 = []
                        self.diag("captions-not-repeated", "the captions are not repeated in "
                                  "the second copy of the header", lines[min(c, n - 1)],
                                  Severity.WARNING)

        # Captions: one per group of copies; the copy without stray edge spaces is the raw.
        captions: list[Caption] = []
        for group in _group(cap_zone) if groups1 is None else groups1:
            best = next((ln for ln in group if ln[0] == ln[0].strip()), group[0])
            parsed = parse_caption(best[0])
            captions.append(Caption(raw=parsed.raw, text=parsed.text, credit=parsed.credit,
                                    date=parsed.date, span=_span(best)))

        # Body: every non-blank line is a paragraph (the hot loop of the reader).
        paragraphs: list[Paragraph] = []
        separators: list[str] = []
        blank_run: list[str] = []
        prev_nl = ""
        add_paragraph = paragraphs.append
        for text, start, no, nl in lines[body:]:
            if not text or text.isspace():
                blank_run.append(text + nl)
                continue
            if prev_nl:
                separators.append(prev_nl + "".join(blank_run) if blank_run else prev_nl)
                blank_run.clear()
            add_paragraph(_fast_paragraph(text, start, no))
            prev_nl = nl
        if not paragraphs:
            self.diag("no-body", "the article has no paragraphs", lines[-1], Severity.WARNING)

        def between(a: int, b: int) -> str:
            if b == a + 2 and not lines[a + 1][0]:  # the usual case: one empty line
                return lines[a][3] + lines[a + 1][3]
            return lines[a][3] + "".join(t + nl for t, _, _, nl in lines[a + 1:b])

        zone1_len = len(cap_zone) + len(after_tt)
        gaps = ["", "", "", ""]
        first = j if zone1_len else (h2 if repeated else body)
        if first < n:
            gaps[0] = between(0, first)
        nxt = h2 if repeated else body
        if zone1_len and nxt < n:
            gaps[1] = between(j + zone1_len - 1, nxt)
        if repeated:
            if zone2:
                gaps[2] = between(h2, c)
                if body < n:
                    gaps[3] = between(c + len(zone2) - 1, body)
            elif body < n:
                gaps[2] = between(h2, body)

        last = lines[-1]
        source = Source(
            path=self.options.path, format=NAME, encoding=self.options.encoding,
            span=Span(start=title[1], end=last[1] + len(last[0]), line=title[2],
                      end_line=last[2]),
        )
        chrome = tuple(ln[0] for ln in pre_chrome) + tuple(ln[0] for ln in after_tt)
        layout = Layout(
            header_captions=(tuple(ln[0] for ln in cap_zone), tuple(ln[0] for ln in zone2)),
            repeated_title=repeated_title,
            repeated_header=repeated,
            chrome_before_tt=len(pre_chrome),
            header_gaps=tuple(gaps),
            paragraph_separators=tuple(separators),
            gap_before=gap_before,
            gap_after=gap_after,
            newline=newline,
        )
        if self.options.strict:
            self.raise_first()
        return Document(
            title=title[0], images=tuple(Image(caption=c) for c in captions),
            paragraphs=tuple(paragraphs),
            chrome=chrome, title_span=_span(title), source=source, layout=layout,
            diagnostics=tuple(self.diagnostics),
        )

    def raise_first(self) -> None:
        problems = [d for d in self.diagnostics if d.severity is not Severity.INFO]
        if not problems:
            return
        first = min(problems, key=lambda d: d.span.start if d.span else -1)
        span = first.span
        raise ParseError(first.message, path=self.options.path,
                         line=span.line if span else 0, column=span.column if span else 0,
                         source_line=first.text, code=first.code)


def iter_articles(lines: Iterable[_Line]) -> Iterator[tuple[list[_Line], str, str]]:
    """Group lines into articles: (lines, gap before if first, gap after).

    Lines from :func:`newsdoc.iter_read` carry its document-size limit and reporter: the
    lines of an article past the limit are dropped up to its end, and a blank run keeps at
    most ``MAX_BLANK_LINES`` lines, each cut reported.
    """
    limit: int | None = getattr(lines, "max_document_size", None)
    reporter: Reporter | None = getattr(lines, "reporter", None)
    current: list[_Line] = []
    blanks: list[_Line] = []
    gap_before = ""
    cut: list[_Line] = []  # the first and last lines dropped from the current article
    for line in lines:
        text = line[0]
        if not text or text.isspace():
            if limit is None or len(blanks) < MAX_BLANK_LINES:
                blanks.append(line)
            elif len(blanks) == MAX_BLANK_LINES and reporter is not None:
                blanks.append(line)  # one past the cap: noted once, then not kept
                reporter.cut_blank_run(line)
            continue
        if not current:
            gap_before = "".join(t + nl for t, _, _, nl in blanks[:MAX_BLANK_LINES])
        elif len(blanks) >= MIN_SEPARATOR_BLANKS:
            if cut and reporter is not None and limit is not None:
                reporter.cut_document(cut[0], cut[-1], limit)
            cut = []
            yield current, gap_before, _gap(blanks[:MAX_BLANK_LINES], current[-1][3])
            current = []
            gap_before = ""
        elif cut or (limit is not None and line[1] - current[0][1] > limit):
            cut[1:] = [line] if cut else [line, line]
            blanks = []
            continue
        else:
            current.extend(blanks)
        blanks = []
        current.append(line)
    if cut and reporter is not None and limit is not None:
        reporter.cut_document(cut[0], cut[-1], limit)
    if current:
        yield current, gap_before, _gap(blanks[:MAX_BLANK_LINES], current[-1][3])


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


def _caption_keys(lines: Sequence[str]) -> list[str]:
    return [_norm(g[0][0]) for g in _group([(ln, 0, 0, "") for ln in lines])]


def render_header(doc: Document, nl: str) -> tuple[str, str]:
    """The header of ``doc`` (both copies) and the blank text that follows it."""
    lay = doc.layout or Layout()
    _check_line(doc.title, "the title")
    for cap in doc.captions:
        _check_line(cap.raw, "the caption")
    for chrome_line in doc.chrome:
        _check_line(chrome_line, "the chrome line")
    keys = [_norm(c.raw) for c in doc.captions]
    k = lay.chrome_before_tt if 0 <= lay.chrome_before_tt <= len(doc.chrome) else 0
    before = set(doc.chrome[:k])

    # Use the layout's copies of the captions only while they agree with the content.
    h1 = list(lay.header_captions[0])
    if _caption_keys([ln for ln in h1 if ln not in before]) != keys or any(map(_blank, h1)):
        h1 = [*doc.chrome[:k], *(c.raw for c in doc.captions for _ in range(2))]
    h2 = list(lay.header_captions[1])
    if _caption_keys(h2) != keys or any(map(_blank, h2)):
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
        title = _norm(lines[0])
        return any(ln.strip() == TT for ln in lines[2:]) or any(
            _norm(ln) == title for ln in lines[2:]
        )

    def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        """Yield each article of the text as a :class:`~newsdoc.Document`.

        Raises:
            newsdoc.exceptions.ParseError: only with ``options.strict``: the first problem.
        """
        for lines, gap_before, gap_after in iter_articles(iter_lines(chunks)):
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
