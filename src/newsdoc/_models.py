"""The document model: frozen attrs classes, shared by every reader, writer and utility.

This module imports nothing from the rest of the package. Provenance (spans, sources),
layout and diagnostics are data on the models but take no part in equality: two documents
with the same content compare equal wherever they came from.
"""

from __future__ import annotations

import datetime
import enum

import attrs

__all__ = [
    "Caption",
    "Credit",
    "CreditKind",
    "Diagnostic",
    "Document",
    "Layout",
    "Paragraph",
    "Severity",
    "Source",
    "Span",
]


@attrs.frozen(kw_only=True)
class Span:
    """Where a piece of text sits in the decoded source text.

    Attributes:
        start: Offset of the first character, counted in characters (code points) of the
            decoded text, from 0.
        end: Offset one past the last character; ``text[start:end]`` is the piece.
        line: 1-based line number of ``start``.
        column: 1-based column of ``start`` within its line, in characters.
        end_line: 1-based line number of the last character (equal to ``line`` for a piece
            on one line).

    .. versionadded:: 0.1.0
    """

    start: int
    end: int
    line: int
    column: int = 1
    end_line: int = attrs.field()

    @end_line.default
    def _end_line_default(self) -> int:
        return self.line


class Severity(str, enum.Enum):
    """How serious a :class:`Diagnostic` is.

    ``ERROR`` and ``WARNING`` are problems: a strict read raises on the first of them.
    ``INFO`` notes something the reader did deliberately (a detected encoding, extra blank
    lines it normalized) and never makes a strict read fail.

    .. versionadded:: 0.1.0
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@attrs.frozen(kw_only=True)
class Diagnostic:
    """Something a reader noticed and could not (or chose not to) turn into content.

    Attributes:
        code: A stable, documented identifier such as ``"title-mismatch"``.
        message: A sentence for humans.
        severity: See :class:`Severity`.
        span: Where in the decoded source text it is, or ``None`` when it concerns the
            whole input.
        text: The raw text concerned, kept verbatim so nothing is lost.
        path: The source path, when the input was a named file.

    .. versionadded:: 0.1.0
    """

    code: str
    message: str
    severity: Severity = Severity.WARNING
    span: Span | None = None
    text: str = ""
    path: str | None = None

    def format(self) -> str:
        """Render as ``path:line:col: severity: message``, the form the CLI prints.

        >>> Diagnostic(code="x", message="odd line", span=Span(start=0, end=1, line=3, column=2),
        ...            path="a.txt").format()
        'a.txt:3:2: warning: odd line [x]'
        """
        where = self.path if self.path is not None else "<input>"
        line, col = (self.span.line, self.span.column) if self.span is not None else (0, 0)
        return f"{where}:{line}:{col}: {self.severity.value}: {self.message} [{self.code}]"


class CreditKind(str, enum.Enum):
    """The shape of a photo credit.

    .. versionadded:: 0.1.0
    """

    PHOTOGRAPHER_AGENCY = "photographer-agency"
    """A named photographer working for an agency: ``(Photo by NAME / AFP)``."""
    AGENCY = "agency"
    """An agency alone: ``(Getty Images)``, ``- Reuters``."""
    PHOTOGRAPHER = "photographer"
    """A named photographer with no agency."""
    LABELLED = "labelled"
    """A labelled source: ``Photo: SOURCE``, ``Credit: ...``."""
    SOCIAL_MEDIA = "social-media"
    """A social-media account: ``Photo: NAME's account on X``."""
    ORGANISATION = "organisation"
    """An organisation that is not a news agency: ``(UNSMIL)``."""
    UNKNOWN = "unknown"
    """A credit was found but its shape is not one of the above."""
    UNSURE = "unsure"
    """The end of the caption may be a credit, but its shape alone does not settle it: a
    short run of capitalised words with no agency, label or organisation word
    (``... the minister. Royal Palace``, ``(Asharq Al-Awsat)``); ``source`` holds it."""


@attrs.frozen(kw_only=True)
class Credit:
    """The credit of a photo, split off its caption.

    Attributes:
        raw: The credit exactly as published, including its brackets or label
            (``"(Photo by Alexander NEMENOV / AFP)"``).
        photographers: The people named, as published (capitals kept).
        agency: The agency under its canonical name (``"AFP"``, ``"Reuters"``), or ``None``.
        kind: See :class:`CreditKind`.
        source: The labelled or organisational source when it is neither a photographer nor
            an agency (``"Bathily's account on X"``), else ``None``.
        file_photo: The credit marks a file (archive) photo: ``(File/AP)``.
        handout: The credit marks a handout photo (``Handout``, ``Supplied``,
            ``Courtesy of ...``).
        agencies: Every known agency the credit names, canonical, in order
            (``("AFP", "Getty Images")`` for ``NAME/AFP via Getty Images``); ``agency`` is
            the first of them when there is one.

    ``agency`` holds the canonical name of a known agency (see
    :data:`newsdoc.captions.KNOWN_AGENCIES`). When a credit names no known agency but puts an
    organisation where the agency goes (``NAME/CBC``), ``agency`` is that organisation as
    published.

    .. versionadded:: 0.1.0
    """

    raw: str
    photographers: tuple[str, ...] = ()
    agency: str | None = None
    kind: CreditKind = CreditKind.UNKNOWN
    source: str | None = None
    file_photo: bool = False
    handout: bool = False
    agencies: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Caption:
    """A photo caption.

    Attributes:
        raw: The caption line as published, credit included.
        text: The caption without its credit (and without the separator before it).
        credit: The credit, or ``None`` when the caption has none.
        date: The date the caption gives for the photo, or ``None``.
        span: Where ``raw`` sits in the source text (not part of equality).

    .. versionadded:: 0.1.0
    """

    raw: str
    text: str
    credit: Credit | None = None
    date: datetime.date | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Paragraph:
    """One paragraph of an article's body.

    Attributes:
        text: The paragraph as published.
        span: Where it sits in the source text (not part of equality).

    .. versionadded:: 0.1.0
    """

    text: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Source:
    """Where a document came from.

    Attributes:
        path: The file it was read from, or ``None`` for text and streams.
        format: The name of the format that read it (``"scraped-text"``).
        span: The document's extent in the decoded text.
        encoding: The encoding the bytes were decoded with, when read from bytes.
        byte_offset: Offset of the document's first byte in the (decompressed) input,
            when read from bytes and known.

    .. versionadded:: 0.1.0
    """

    path: str | None = None
    format: str | None = None
    span: Span | None = None
    encoding: str | None = None
    byte_offset: int | None = None


@attrs.frozen(kw_only=True)
class Layout:
    """How a document was laid out in scraped text, so a writer can give the text back.

    A reader fills it in; a writer uses each part only while it is consistent with the
    document's content (the copies of the captions, the separators) and falls back to the
    canonical layout otherwise. ``repeated_title`` is written as it is: after editing a
    document's title, drop the layout (``attrs.evolve(doc, layout=None)``) to get the
    canonical form. Not part of equality.

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

    header_captions: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    repeated_title: str | None = None
    repeated_header: bool = True
    chrome_before_tt: int = 0
    header_gaps: tuple[str, ...] = ()
    paragraph_separators: tuple[str, ...] = ()
    gap_before: str = ""
    gap_after: str = ""
    newline: str = "\n"


@attrs.frozen(kw_only=True)
class Document:
    """One news article.

    Attributes:
        title: The headline as published.
        captions: The photo captions, in page order.
        paragraphs: The body paragraphs, in order.
        chrome: Page-chrome lines kept as data: the text-size widget ``"TT"`` and the
            counters around it (``"20"``), in page order.
        title_span: Where the title sits in the source text.
        source: Provenance of the whole document.
        layout: How the document was laid out in its source (scraped text only).
        diagnostics: What the reader noticed while reading this document.

    ``title_span``, ``source``, ``layout`` and ``diagnostics`` take no part in equality.

    .. versionadded:: 0.1.0
    """

    title: str
    captions: tuple[Caption, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    chrome: tuple[str, ...] = ()
    title_span: Span | None = attrs.field(default=None, eq=False, repr=False)
    source: Source | None = attrs.field(default=None, eq=False, repr=False)
    layout: Layout | None = attrs.field(default=None, eq=False, repr=False)
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def text(self) -> str:
        """The body: paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)


_new = object.__new__
_set = object.__setattr__


def _fast_span(start: int, end: int, line: int) -> Span:
    """``Span(start=start, end=end, line=line)`` without the keyword-argument machinery: the
    readers' hot path makes one per paragraph. Same object, same invariants."""
    span: Span = _new(Span)
    _set(span, "start", start)
    _set(span, "end", end)
    _set(span, "line", line)
    _set(span, "column", 1)
    _set(span, "end_line", line)
    return span


def _fast_paragraph(text: str, start: int, line: int) -> Paragraph:
    """``Paragraph(text=text, span=Span(start=start, end=start + len(text), line=line))``
    for the readers' hot path: one call instead of two, no keyword machinery."""
    span: Span = _new(Span)
    _set(span, "start", start)
    _set(span, "end", start + len(text))
    _set(span, "line", line)
    _set(span, "column", 1)
    _set(span, "end_line", line)
    para: Paragraph = _new(Paragraph)
    _set(para, "text", text)
    _set(para, "span", span)
    return para
