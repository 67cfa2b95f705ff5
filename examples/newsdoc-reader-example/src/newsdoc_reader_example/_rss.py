"""RSS 2.0 feeds: one newsdoc document per ``<item>``.

Read with the standard library's expat parser (the one under ``xml.etree.ElementTree``),
fed incrementally so a feed streams: each item's document is yielded as soon as its
``</item>`` has been read. DOCTYPE declarations are refused before anything in them is
read, so no entity is ever declared or expanded. Every title, caption and paragraph records
where it sits in the decoded text. The item's link, guid, publication date, authors,
category and (beside a ``content:encoded`` body) description fill the document's metadata;
what the document model has no field for (enclosures, comments...) is kept verbatim, with its
position, as an ``info`` diagnostic.
"""

from __future__ import annotations

import bisect
import codecs
import datetime
import email.utils
import re
import xml.parsers.expat
from collections.abc import Iterable, Iterator
from html.entities import html5
from typing import TextIO

import attrs

from newsdoc import (
    Author,
    Caption,
    Credit,
    Diagnostic,
    Document,
    Format,
    Image,
    Paragraph,
    ReadOptions,
    Severity,
    Span,
)
from newsdoc.captions import parse_caption, parse_credit
from newsdoc_reader_example._html import paragraphs as html_paragraphs

__all__ = ["MEDIA_NS", "RssFormat", "caption_fields", "make_caption", "span_check", "xml_text"]

MEDIA_NS = "http://search.yahoo.com/mrss/"
"""The Media RSS namespace (``media:content``, ``media:description``, ``media:credit``)."""
_MEDIA = (MEDIA_NS, MEDIA_NS.rstrip("/"))
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_DC_NS = "http://purl.org/dc/elements/1.1/"
# ``<author>`` holds an e-mail address, the name in brackets: ``ada@example.org (Ada Obi)``.
_AUTHOR = re.compile(r"\A\S+@\S+\s+\((.+)\)\Z", re.DOTALL)
_XML_SPACE = " \t\r\n"
_NAME = "rss"
_SLICE = 1 << 16  # bytes handed to expat at a time

# Each alternative starts with "<" and cannot run past its own end, so there is one way to
# match: linear time (``(?:\s+|...)*`` backtracked exponentially on leading whitespace).
_SNIFF = re.compile(
    r"\A\ufeff?\s*(?:(?:<\?(?:[^?]|\?(?!>))*\?>|<!--(?:[^-]|-(?!->))*-->"
    r"|<!DOCTYPE[^>\[]*(?:\[[^\]]*\][^>]*)?>)\s*)*<rss[\s/>]"
)
# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _strip(text: str) -> str:
    return text.strip(_XML_SPACE)


def xml_text(fragment: str) -> str:
    """The character data of an XML element's content: entities resolved, CDATA unwrapped,
    tags dropped.

    >>> xml_text("Rain &amp; <![CDATA[<b>wind</b>]]>")
    'Rain & <b>wind</b>'

    Raises:
        xml.parsers.expat.ExpatError: ``fragment`` is not well-formed element content.
    """
    parser = xml.parsers.expat.ParserCreate(encoding="utf-8")
    parser.UseForeignDTD(True)
    parser.ExternalEntityRefHandler = lambda *args: 1
    pieces: list[str] = []
    parser.CharacterDataHandler = pieces.append
    parser.SkippedEntityHandler = lambda name, _: pieces.append(_entity(name))
    parser.Parse(f"<x>{fragment}</x>".encode("utf-8", "surrogatepass"), True)
    return "".join(pieces)


def _entity(name: str) -> str:
    """What an entity XML does not define reads as: the HTML character, else as written."""
    return html5.get(name + ";", f"&{name};")


def make_caption(description: str, credit: str | None) -> Caption:
    """The caption for a ``media:description`` and an optional ``media:credit``.

    The description is the caption as published (``Caption.raw``); a credit printed at its
    end is split off as :func:`newsdoc.captions.parse_caption` does; a separate
    ``media:credit`` is the credit when present.

    >>> cap = make_caption("Fans in Lagos on May 3, 2025.", "Ada OBI / AFP")
    >>> cap.text, cap.credit.agency, cap.date.isoformat()
    ('Fans in Lagos on May 3, 2025.', 'AFP', '2025-05-03')
    """
    cap = parse_caption(description)
    if credit:
        parsed = parse_credit(credit)
        found = attrs.evolve(parsed, raw=credit) if parsed is not None else Credit(raw=credit)
        cap = attrs.evolve(cap, credit=found)
    return cap


def caption_fields(caption: Caption) -> tuple[str, str | None]:
    """What the writer puts in ``media:description`` and ``media:credit`` for a caption.

    The credit is written only when the description alone does not already give it.

    >>> caption_fields(make_caption("Fans in Lagos (AFP)", None))
    ('Fans in Lagos (AFP)', None)
    """
    raw = _strip(caption.raw)
    credit = _strip(caption.credit.raw) if caption.credit is not None else ""
    if not credit:
        return raw, None
    implied = parse_caption(raw).credit
    return raw, None if implied is not None and implied.raw == credit else credit


def span_check(kind: str, source: str, value: str) -> bool:
    """The conformance kit's span check for this format (see ``newsdoc.testing.Limits``).

    A title's or caption's span holds the element's content, whose text is the field; a
    paragraph's span holds the whole ``description`` or ``content:encoded`` it came from,
    one of whose paragraphs it is.

    >>> span_check("title", "Rain &amp; wind", "Rain & wind")
    True
    """
    text = xml_text(source)
    if kind == "paragraph":
        return value in html_paragraphs(text)
    return _strip(text) == value


class _Fatal(Exception):
    """Stops the parse: a DOCTYPE, or a root element that is not ``<rss>``."""

    def __init__(self, code: str, message: str, offset: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.offset = offset


@attrs.define
class _Chunk:
    byte_start: int
    char_start: int
    wide_bytes: list[int]  # byte offsets (in the chunk) of its non-ASCII characters
    extra: list[int]  # bytes beyond one, summed up to and including each of them


@attrs.define
class _Text:
    """Character data collected for one element, with the raw extent of its content."""

    pieces: list[str] = attrs.field(factory=list)
    start: int | None = None  # offset of the first content event
    end: int = 0  # offset of the end tag
    closed: bool = False  # the end tag was read (a cut-off feed leaves some open)

    @property
    def value(self) -> str:
        return "".join(self.pieces)


@attrs.define
class _Media:
    description: _Text | None = None
    credit: _Text | None = None
    url: str | None = None


@attrs.define
class _Item:
    start: int
    title: _Text | None = None
    description: _Text | None = None
    content: _Text | None = None
    date: _Text | None = None
    link: _Text | None = None
    guid: _Text | None = None
    authors: list[_Text] = attrs.field(factory=list)
    categories: list[_Text] = attrs.field(factory=list)
    media: list[_Media] = attrs.field(factory=list)
    diagnostics: list[Diagnostic] = attrs.field(factory=list)


@attrs.define
class _Frame:
    name: str
    start: int
    events: int  # the parser's event count when the element started
    kept: bool = False  # a child of <item> whose content went into the document


class _Reader:
    """One streaming read of a feed."""

    def __init__(self, options: ReadOptions) -> None:
        self.options = options
        self.parser = xml.parsers.expat.ParserCreate(encoding="utf-8", namespace_separator=" ")
        p = self.parser
        # Undeclared entities (&nbsp; in a feed written by hand) are reported to
        # SkippedEntityHandler instead of stopping the parse: expat is told a DTD exists
        # that it must not read. Nothing is ever fetched.
        p.UseForeignDTD(True)
        p.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
        p.ExternalEntityRefHandler = lambda *args: 1
        p.StartDoctypeDeclHandler = self.on_doctype
        p.EntityDeclHandler = self.on_entity_decl
        p.XmlDeclHandler = self.on_xml_decl
        p.StartElementHandler = self.on_start
        p.EndElementHandler = self.on_end
        p.CharacterDataHandler = self.on_text
        p.SkippedEntityHandler = self.on_skipped_entity
        p.StartCdataSectionHandler = self.on_cdata
        self.buf = ""
        self.buf_start = 0  # offset of buf[0] in the decoded text
        self.total_chars = 0
        self.total_bytes = 0
        self.chunks: list[_Chunk] = []
        self.byte_starts: list[int] = []  # each chunk's byte_start, for bisect
        self.anchor = (0, 1, 0)  # an offset, its line, the offset its line starts at
        self.base_line_start = 0  # where the line holding buf[0] starts
        self.stack: list[_Frame] = []
        self.last = 0  # offset of the latest event: later ones come at or after it
        self.item_depth = 0
        self.target_frame: _Frame | None = None
        self.events = 0
        self.item: _Item | None = None
        self.target: _Text | None = None  # where character data goes
        self.media: _Media | None = None
        self.root_seen = False
        self.ready: list[Document] = []
        self.pending: list[Diagnostic] = []  # feed-level, for the next document
        self.oversized = False  # the open item is over options.max_document_size

    # -- positions ---------------------------------------------------------------------------

    def add_text(self, chunk: str) -> bytes:
        data = chunk.encode("utf-8", "surrogatepass")
        wide: list[int] = []
        extra: list[int] = []
        if not chunk.isascii():
            added = 0
            for m in re.finditer(r"[^\x00-\x7f]", chunk):
                wide.append(m.start() + added)
                added += len(m.group().encode("utf-8", "surrogatepass")) - 1
                extra.append(added)
        self.chunks.append(_Chunk(self.total_bytes, self.total_chars, wide, extra))
        self.byte_starts.append(self.total_bytes)
        self.buf += chunk
        self.total_chars += len(chunk)
        self.total_bytes += len(data)
        return data

    def offset(self, byte_index: int) -> int:
        """The character offset of a byte index of the UTF-8 text fed to expat."""
        if byte_index < 0:
            return self.total_chars
        k = bisect.bisect_right(self.byte_starts, byte_index) - 1
        if k < 0:
            return 0
        c = self.chunks[k]
        local = byte_index - c.byte_start
        n = bisect.bisect_left(c.wide_bytes, local)
        return c.char_start + local - (c.extra[n - 1] if n else 0)

    def here(self) -> int:
        """The offset of the current event; events come in input order."""
        offset = self.offset(self.parser.CurrentByteIndex)
        self.last = max(self.last, offset)
        return offset

    def raw(self, start: int, end: int) -> str:
        return self.buf[start - self.buf_start:end - self.buf_start]

    def where(self, offset: int) -> tuple[int, int]:
        """Line and column of ``offset`` (lines counted by ``\\n``)."""
        a_off, a_line, a_ls = self.anchor
        b = self.buf_start
        if offset >= a_off:
            n = self.buf.count("\n", a_off - b, offset - b)
            if n:
                a_ls = self.buf.rfind("\n", a_off - b, offset - b) + 1 + b
            self.anchor = (offset, a_line + n, a_ls)
            return a_line + n, offset - a_ls + 1
        n = self.buf.count("\n", offset - b, a_off - b)
        if not n:
            return a_line, offset - a_ls + 1
        found = self.buf.rfind("\n", 0, offset - b)
        ls = found + 1 + b if found >= 0 else self.base_line_start
        return a_line - n, offset - ls + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.where(start)
        end_line = line + self.raw(start, max(end - 1, start)).count("\n")
        return Span(start=start, end=end, line=line, column=column, end_line=end_line)

    def trim(self) -> None:
        """Forget text no longer needed: before the open item (unless it is over the
        document-size limit: it is left out, so none of it is needed), or before the
        parser."""
        item = self.item
        limit = self.options.max_document_size
        if item is not None and not self.oversized and limit is not None and \
                self.last - item.start > limit:
            self.oversized = True
            self.target = self.target_frame = None  # collect no more of its text
            self.media = None
            item.media.clear()
            for text in (item.title, item.description, item.content, item.date):
                if text is not None:
                    text.pieces.clear()
        keep = item.start if item is not None and not self.oversized else self.last
        if keep - self.buf_start < 1 << 16:
            return
        _, column = self.where(keep)  # move the line anchor past what goes
        self.base_line_start = keep - column + 1
        cut = keep - self.buf_start
        self.buf = self.buf[cut:]
        self.buf_start = keep
        first = bisect.bisect_right([c.char_start for c in self.chunks], keep) - 1
        del self.chunks[:max(first, 0)]
        del self.byte_starts[:max(first, 0)]

    # -- diagnostics -------------------------------------------------------------------------

    def diag(self, code: str, message: str, severity: Severity, start: int | None = None,
             end: int | None = None) -> Diagnostic:
        """A diagnostic through the reader contract (``options.diagnostic`` raises it as a
        ParseError when the read is strict)."""
        span = self.span(start, end if end is not None else start) if start is not None else None
        text = self.raw(start, end) if start is not None and end is not None else ""
        return self.options.diagnostic(code, message, span, text=text, severity=severity)

    def note(self, d: Diagnostic) -> None:
        (self.item.diagnostics if self.item is not None else self.pending).append(d)

    # -- expat handlers ----------------------------------------------------------------------

    def on_doctype(self, *args: object) -> None:
        at = self.here()  # expat reports the declaration once it has read its name
        start = self.buf.rfind("<!DOCTYPE", 0, at - self.buf_start + 1)
        raise _Fatal("doctype", "the feed has a DOCTYPE declaration; newsdoc's RSS reader "
                     "refuses DTDs (their entities can expand without bound or read files)",
                     start + self.buf_start if start >= 0 else at)

    def on_entity_decl(self, *args: object) -> None:  # pragma: no cover - DOCTYPE stops first
        raise _Fatal("entity-declaration", "the feed declares an entity; refused", self.here())

    def on_xml_decl(self, version: str | None, encoding: str | None, standalone: int) -> None:
        used = self.options.encoding
        if not encoding or not used:
            return
        try:
            same = codecs.lookup(encoding).name == codecs.lookup(used).name
        except LookupError:
            same = False
        if not same:
            start = self.here()
            close = self.buf.find("?>", start - self.buf_start)
            end = close + 2 + self.buf_start if close >= 0 else start
            self.pending.append(self.diag(
                "encoding-mismatch", f"the feed declares encoding {encoding!r} but was decoded "
                f"as {used!r}; read it with encoding={encoding!r} if the text looks wrong",
                Severity.WARNING, start, end))

    def on_start(self, name: str, attributes: dict[str, str]) -> None:
        start = self.here()
        self.events += 1
        frame = _Frame(name, start, self.events)
        self.stack.append(frame)
        if not self.root_seen:
            self.root_seen = True
            if name != "rss":
                raise _Fatal("not-rss", f"not an RSS 2.0 feed: the root element is "
                             f"<{name.rpartition(' ')[2]}>, not <rss>", start)
            return
        item = self.item
        if item is None:
            if name == "item":
                self.item = _Item(start=start)
                self.item_depth = len(self.stack)
            return
        if self.target is not None or self.oversized:
            return  # markup inside a captured element: its text is collected, nothing more
        ns, _, local = name.rpartition(" ")
        if len(self.stack) == self.item_depth + 1:  # a child of <item>
            single = _SINGLE.get(local) if not ns else None
            if ns == _CONTENT_NS and local == "encoded":
                single = "content"
            if single is not None and getattr(item, single) is None:
                self.capture(frame, _Text(), single)
            elif (not ns and local == "author") or (ns == _DC_NS and local == "creator"):
                self.capture_one(frame, item.authors)
            elif not ns and local == "category":
                self.capture_one(frame, item.categories)
            elif ns in _MEDIA and local == "content":
                self.media = _Media(url=_strip(attributes.get("url", "")) or None)
                item.media.append(self.media)
                frame.kept = True
            elif ns in _MEDIA and local in ("description", "credit"):
                self.media = self.media_for_item()
                self.capture_media(frame, local)
                frame.kept = True
        elif ns in _MEDIA and local == "content" and self.stack[-2].name.endswith(" group"):
            self.media = _Media(url=_strip(attributes.get("url", "")) or None)
            item.media.append(self.media)
        elif ns in _MEDIA and local in ("description", "credit") and \
                self.stack[-2].name.rpartition(" ")[2] in ("content", "group"):
            if self.media is None:
                self.media = _Media()
                item.media.append(self.media)
            self.capture_media(frame, local)

    def capture(self, frame: _Frame, text: _Text, field: str) -> None:
        assert self.item is not None
        setattr(self.item, field, text)
        self.target, self.target_frame = text, frame
        frame.kept = True

    def capture_one(self, frame: _Frame, into: list[_Text]) -> None:
        """Collect one of a repeated element (``author``, ``category``)."""
        text = _Text()
        into.append(text)
        self.target, self.target_frame = text, frame
        frame.kept = True

    def media_for_item(self) -> _Media:
        """Item-level media:description and media:credit describe one picture together."""
        assert self.item is not None
        for m in self.item.media:
            if m.description is None or m.credit is None:
                return m
        m = _Media()
        self.item.media.append(m)
        return m

    def capture_media(self, frame: _Frame, local: str) -> None:
        assert self.media is not None
        if local == "description" and self.media.description is None:
            self.media.description = _Text()
            self.target, self.target_frame = self.media.description, frame
        elif local == "credit" and self.media.credit is None:
            self.media.credit = _Text()
            self.target, self.target_frame = self.media.credit, frame

    def on_end(self, name: str) -> None:
        at = self.here()
        frame = self.stack.pop()
        empty = self.events == frame.events
        self.events += 1
        item = self.item
        if item is None:
            return
        end = at if empty and self.raw(frame.start, at).endswith("/>") else self.tag_end(at)
        if len(self.stack) + 1 == self.item_depth:  # </item>
            self.finish_item(end)
            return
        if self.target is not None and frame is self.target_frame:
            self.target.end = at
            self.target.closed = True
            if self.target.start is None:
                self.target.start = at
            self.target = self.target_frame = None
        ns, _, local = name.rpartition(" ")
        if ns in _MEDIA and local == "content":
            self.media = None
        if len(self.stack) == self.item_depth:  # a child of <item> ends
            if not ns and local == "pubDate" and item.date is not None and frame.kept:
                self.check_date(item.date, frame.start, end)
            if not frame.kept:
                self.note(self.diag("not-kept", f"<{local}> has no place in a newsdoc document; "
                                    "kept here verbatim", Severity.INFO, frame.start, end))

    def tag_end(self, at: int) -> int:
        close = self.buf.find(">", at - self.buf_start)
        return close + 1 + self.buf_start if close >= 0 else at

    def check_date(self, date: _Text, start: int, end: int) -> None:
        value = _strip(date.value)
        try:
            ok = email.utils.parsedate_to_datetime(value) is not None
        except Exception:
            ok = False
        if not ok:
            self.note(self.diag("invalid-date", f"pubDate {value!r} is not an RFC 822 date",
                                Severity.WARNING, start, end))

    def on_text(self, data: str) -> None:
        self.events += 1
        if self.target is None:
            return
        if self.target.start is None:
            self.target.start = self.here()
        self.target.pieces.append(data)

    def on_cdata(self) -> None:
        self.events += 1
        if self.target is not None and self.target.start is None:
            self.target.start = self.here()

    def on_skipped_entity(self, name: str, is_parameter: int) -> None:
        self.events += 1
        start = self.here()
        end = start + len(name) + 2
        char = _entity(name)
        if char != f"&{name};":
            self.note(self.diag("html-entity", f"&{name}; is an HTML entity, not an XML one; "
                                f"read as {char!r}", Severity.WARNING, start, end))
        else:
            self.note(self.diag("unknown-entity", f"&{name}; is not a known entity; kept as "
                                "written", Severity.WARNING, start, end))
        if self.target is not None:
            if self.target.start is None:
                self.target.start = start
            self.target.pieces.append(char)

    # -- documents ---------------------------------------------------------------------------

    def text_span(self, t: _Text) -> tuple[str, Span | None]:
        if not t.closed:
            return "", None  # cut off: its text is in the error diagnostic
        value = _strip(t.value)
        if t.start is None or not value:
            return value, None
        raw = self.raw(t.start, t.end)
        lead = len(raw) - len(raw.lstrip(_XML_SPACE))
        trail = len(raw) - len(raw.rstrip(_XML_SPACE))
        return value, self.span(t.start + lead, t.end - trail)

    def finish_item(self, end: int) -> None:
        item = self.item
        assert item is not None
        if self.oversized or (self.options.max_document_size is not None
                              and end - item.start > self.options.max_document_size):
            self.leave_out(item, end)
            return
        title, title_span = self.text_span(item.title) if item.title else ("", None)
        images: list[Image] = []
        for m in item.media:
            caption: Caption | None = None
            if m.description is not None:
                raw, span = self.text_span(m.description)
                credit = _strip(m.credit.value) if m.credit is not None else ""
                if raw:
                    caption = attrs.evolve(make_caption(raw, credit or None), span=span)
            if caption is not None or m.url:
                images.append(Image(url=m.url, caption=caption))
        paras: list[Paragraph] = []
        summary: str | None = None
        body = item.content if item.content is not None and item.content.closed and \
            _strip(item.content.value) else item.description
        if body is not None and body.closed:
            _, span = self.text_span(body)
            paras = [Paragraph(text=p, span=span) for p in html_paragraphs(body.value)]
        if body is not item.description and item.description is not None and \
                item.description.closed:
            summary = " ".join(html_paragraphs(item.description.value)) or None
        categories = [v for v in map(_value, item.categories) if v]
        extra = {"rss:category": categories} if len(categories) > 1 else {}
        diagnostics = list(item.diagnostics)
        if not title and not paras:
            diagnostics.append(self.diag("empty-item", "the item has neither a title nor a "
                                         "description", Severity.WARNING, item.start, end))
        self.item = None
        self.target = None
        self.media = None
        self.emit(Document(
            title=title, url=_value(item.link) or None, id=_value(item.guid) or None,
            published=_published(item.date),
            authors=tuple(Author(name=_author(v)) for v in map(_value, item.authors) if v),
            section=categories[0] if categories else None, summary=summary,
            images=tuple(images), paragraphs=tuple(paras), extra=extra,
            title_span=title_span,
            source=self.options.source(_NAME, self.span(item.start, end)),
            diagnostics=tuple(diagnostics),
        ))

    def leave_out(self, item: _Item, end: int) -> None:
        """Report an item over the document-size limit and leave it out; newsdoc puts the
        report on the document it falls in."""
        self.item = self.target = self.target_frame = None
        self.media = None
        self.oversized = False
        line, column = self.where(item.start)
        self.options.report(
            "document-too-large", f"the item is {end - item.start} characters long, over the "
            f"limit of {self.options.max_document_size}; it was left out",
            Span(start=item.start, end=item.start, line=line, column=column),
            severity=Severity.ERROR)

    def emit(self, doc: Document) -> None:
        if self.pending:
            doc = attrs.evolve(doc, diagnostics=(*self.pending, *doc.diagnostics))
            self.pending = []
        self.ready.append(doc)

    # -- driving -----------------------------------------------------------------------------

    def run(self, chunks: Iterable[str]) -> Iterator[Document]:
        failed: tuple[str, str, int] | None = None
        blank = True
        for chunk in chunks:
            if not chunk:
                continue
            blank = blank and not chunk.strip(_XML_SPACE)
            data = self.add_text(chunk)
            if failed is not None:
                continue  # keep reading: the rest of the input goes into the diagnostic
            for i in range(0, len(data), _SLICE):  # small slices: documents come out early
                failed = self.feed(data[i:i + _SLICE], final=False)
                yield from self.take()
                if failed is not None:
                    break
                self.trim()
        if failed is None and not blank:
            failed = self.feed(b"", final=True)
        yield from self.take()
        if failed is not None:
            yield from self.fail(*failed)
        elif self.pending:
            self.emit(Document(title=""))
            yield from self.take()

    def take(self) -> list[Document]:
        docs, self.ready = self.ready, []
        return docs

    def feed(self, data: bytes, *, final: bool) -> tuple[str, str, int] | None:
        try:
            self.parser.Parse(data, final)
        except _Fatal as exc:
            return exc.code, exc.message, exc.offset
        except xml.parsers.expat.ExpatError as exc:
            where = self.offset(self.parser.ErrorByteIndex)
            message = xml.parsers.expat.errors.messages.get(exc.code or 0, str(exc))
            code = "truncated" if final and where >= self.total_chars else "invalid-xml"
            if code == "truncated":
                message = "the feed ends before its root element is closed (cut off?)"
            else:
                message = f"the feed is not well-formed XML: {message}"
            return code, message, where
        return None

    def fail(self, code: str, message: str, offset: int) -> Iterator[Document]:
        """The document that keeps the rest of the input after a fatal problem."""
        item = self.item
        if item is not None:  # what the open item holds goes into the diagnostic too
            offset = min(offset, item.start)
        offset = max(offset, self.buf_start)
        rest = self.diag(code, message + "; the rest of the input is kept here",
                         Severity.ERROR, offset, self.total_chars)
        if item is not None:
            item.diagnostics.append(rest)
            self.finish_item(self.total_chars)
        else:
            self.emit(Document(title="", source=self.options.source(_NAME, rest.span),
                               diagnostics=(rest,)))
        yield from self.take()


_SINGLE = {"title": "title", "description": "description", "link": "link", "guid": "guid",
           "pubDate": "date"}  # children of <item> kept once: element -> _Item field


def _value(text: _Text | None) -> str:
    """The text of a complete element, XML white space stripped; ``""`` when cut off."""
    return _strip(text.value) if text is not None and text.closed else ""


def _published(date: _Text | None) -> datetime.datetime | None:
    """An RFC 822 ``pubDate`` as a ``datetime`` with its zone (naive for ``-0000``, "zone
    unknown"); ``None`` when absent or invalid (the invalid one is a diagnostic)."""
    value = _value(date)
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _author(value: str) -> str:
    """The name in an ``<author>`` (``ada@example.org (Ada Obi)`` gives ``Ada Obi``), or the
    text as it is (``dc:creator``, or an address alone)."""
    m = _AUTHOR.match(value)
    return _strip(m.group(1)) if m is not None else value


class RssFormat(Format):
    """RSS 2.0 feeds (``"rss"``, extension ``.rss``): one document per ``<item>``.

    Reading: the item's ``title``; its paragraphs from ``content:encoded`` when present,
    else from ``description``, HTML reduced to paragraphs (and then ``description`` is the
    summary); its images from each ``media:content`` (its ``url``; its caption from its
    ``media:description`` or the item-level one, with its ``media:credit``); ``link`` the
    URL, ``guid`` the id, ``pubDate`` the publication time with its zone, each ``author``
    and ``dc:creator`` an author, the first ``category`` the section (all of them in
    ``extra["rss:category"]`` when there are several).
    Lenient reading never raises; a strict read raises
    :class:`newsdoc.exceptions.ParseError` at the first problem.

    Writing: a feed with one ``item`` per document: ``link``, ``guid``, ``pubDate`` (a
    publication time; a date alone is not written, RFC 822 needs a time), a ``dc:creator``
    per author, the section as ``category``; paragraphs as HTML ``<p>`` elements in
    ``description``, or in ``content:encoded`` when the document has a summary, which then
    goes in ``description``; images as ``media:content`` elements. Chrome, keywords,
    ``extra`` and layout are not written.
    """

    name = _NAME
    extensions = (".rss",)
    description = "RSS 2.0 feeds, one document per item (newsdoc-reader-example)"

    def sniff(self, prefix: str) -> bool:
        """Whether the first element of ``prefix`` (after the XML declaration, comments and
        a DOCTYPE) is ``<rss>``."""
        return _SNIFF.match(prefix) is not None

    def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        """Yield one document per ``<item>``, each as soon as it is complete.

        Raises:
            newsdoc.exceptions.ParseError: only with ``options.strict``: a DOCTYPE, XML that
                is not well-formed, a root other than ``<rss>``, an HTML entity, an
                invalid ``pubDate``, an empty item.
        """
        return _Reader(options).run(chunks)

    def write(self, documents: Iterable[Document], out: TextIO) -> None:
        """Write an RSS 2.0 feed, UTF-8, one ``<item>`` per document.

        Raises:
            ValueError: a title, caption, credit or paragraph holds a character XML 1.0
                cannot represent (a control character, U+FFFE, U+FFFF, a lone surrogate).
        """
        out.write('<?xml version="1.0" encoding="utf-8"?>\n'
                  f'<rss version="2.0" xmlns:media="{MEDIA_NS}" xmlns:dc="{_DC_NS}" '
                  f'xmlns:content="{_CONTENT_NS}">\n<channel>\n'
                  "<title>newsdoc documents</title>\n"
                  "<description>Documents written by newsdoc</description>\n")
        for doc in documents:
            out.write(_item(doc))
        out.write("</channel>\n</rss>\n")


def _escape(text: str, what: str) -> str:
    bad = _NOT_XML.search(text)
    if bad is not None:
        raise ValueError(f"RSS cannot represent {what} {text[:60]!r}: character "
                         f"U+{ord(bad.group()):04X} is not allowed in XML 1.0")
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _attribute(text: str, what: str) -> str:
    """``text`` escaped for a double-quoted attribute: XML would read a literal tab or line
    end there as a space."""
    return (_escape(text, what).replace('"', "&quot;").replace("\t", "&#9;")
            .replace("\n", "&#10;"))


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _item(doc: Document) -> str:
    out = ["<item>\n"]
    title = _strip(doc.title)
    if title:
        out.append(f"<title>{_escape(title, 'the title')}</title>\n")
    for tag, attr, value in (("link", "", doc.url), ("guid", ' isPermaLink="false"', doc.id)):
        if value and _strip(value):
            out.append(f"<{tag}{attr}>{_escape(_strip(value), 'the ' + tag)}</{tag}>\n")
    if isinstance(doc.published, datetime.datetime):
        out.append(f"<pubDate>{email.utils.format_datetime(doc.published)}</pubDate>\n")
    for author in doc.authors:
        if _strip(author.name):
            out.append(f"<dc:creator>{_escape(_strip(author.name), 'an author')}</dc:creator>\n")
    if doc.section and _strip(doc.section):
        out.append(f"<category>{_escape(_strip(doc.section), 'the section')}</category>\n")
    # Each paragraph as a browser would show it: white space collapsed, blank lines split.
    texts = [t for p in doc.paragraphs for t in html_paragraphs(f"<p>{_html_escape(p.text)}</p>")]
    summary = html_paragraphs(f"<p>{_html_escape(doc.summary)}</p>") if doc.summary else []
    if summary:
        html = "".join(f"<p>{_html_escape(t)}</p>" for t in summary)
        out.append(f"<description>{_escape(html, 'the summary')}</description>\n")
    if texts:
        html = "".join(f"<p>{_html_escape(t)}</p>" for t in texts)
        tag = "content:encoded" if summary else "description"
        out.append(f"<{tag}>{_escape(html, 'a paragraph')}</{tag}>\n")
    for image in doc.images:
        raw, credit = caption_fields(image.caption) if image.caption is not None else ("", None)
        url = _strip(image.url or "")
        if not raw and not url:
            continue  # nothing to write: it would read back as no image
        attr = f' url="{_attribute(url, "the image URL")}"' if url else ""
        out.append(f'<media:content{attr} medium="image">')
        if raw:
            out.append(f"<media:description>{_escape(raw, 'the caption')}</media:description>")
        if credit:
            out.append(f"<media:credit>{_escape(credit, 'the credit')}</media:credit>")
        out.append("</media:content>\n")
    out.append("</item>\n")
    return "".join(out)
