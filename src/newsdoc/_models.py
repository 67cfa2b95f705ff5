"""The document model: frozen attrs classes, shared by every reader, writer and utility.

This module imports nothing from the rest of the package. Provenance (spans, sources),
layout and diagnostics are data on the models but take no part in equality: two documents
with the same content compare equal wherever they came from.
"""

from __future__ import annotations

import datetime
import enum
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeAlias, Union

import attrs

__all__ = [
    "Author",
    "BlockKind",
    "Caption",
    "Credit",
    "CreditKind",
    "Diagnostic",
    "Document",
    "Extra",
    "Image",
    "JsonValue",
    "Layout",
    "Paragraph",
    "Severity",
    "Source",
    "Span",
]

JsonValue: TypeAlias = Union[bool, int, float, str, tuple["JsonValue", ...], "Extra", None]
"""A value :class:`Extra` holds: JSON's scalars, a tuple for an array, an :class:`Extra`
for an object."""


def _namespaced(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError(f"an Extra key must be a str, not {type(key).__name__}")
    ns, colon, name = key.partition(":")
    if not colon or not name or not ns or not all(c.isascii() and (c.islower() or c.isdigit()
                                                                   or c in "._-") for c in ns):
        raise ValueError(
            f"Extra key {key!r} has no namespace: write it as 'namespace:name', the namespace "
            "in lower-case ASCII letters, digits, '.', '_' or '-' ('rss:category')"
        )
    return key


def _frozen_json(value: object, where: str) -> JsonValue:
    """``value`` as an immutable JSON value: lists become tuples, objects :class:`Extra`."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{where}: {value!r} is not a JSON number")
        return value
    if isinstance(value, Extra):
        return value
    if isinstance(value, Mapping):
        return Extra._of(value, where=where, namespaced=False)
    if isinstance(value, (list, tuple)):
        return tuple(_frozen_json(v, f"{where}[{i}]") for i, v in enumerate(value))
    raise TypeError(f"{where}: a {type(value).__name__} is not a JSON value")


def _thawed(value: JsonValue) -> Any:
    if isinstance(value, Extra):
        return value.to_json()
    if isinstance(value, tuple):
        return [_thawed(v) for v in value]
    return value


class Extra(Mapping[str, JsonValue]):
    """What a reader knows that has no field of its own: an immutable, hashable mapping of
    namespaced keys to JSON values.

    Each key names its namespace before a colon (``"rss:category"``, ``"warc:record-id"``),
    so that two readers cannot collide; the namespace is lower-case ASCII. Values are JSON
    values, frozen on the way in: a list becomes a tuple and an object (a ``dict``) a nested
    :class:`Extra`, whose keys need no namespace. Two mappings with the same items are
    equal, whatever their order; :meth:`to_json` gives plain ``dict`` and ``list`` values
    back.

    >>> extra = Extra({"rss:category": ["Politics", "Libya"], "warc:record-id": "<urn:1>"})
    >>> extra["rss:category"]
    ('Politics', 'Libya')
    >>> extra == {"warc:record-id": "<urn:1>", "rss:category": ("Politics", "Libya")}
    True
    >>> Extra({"category": "x"})
    Traceback (most recent call last):
    ValueError: Extra key 'category' has no namespace: write it as 'namespace:name', the \
namespace in lower-case ASCII letters, digits, '.', '_' or '-' ('rss:category')

    Args:
        data: A mapping, or an iterable of ``(key, value)`` pairs.

    Raises:
        TypeError: a key is not a ``str`` or a value is not a JSON value.
        ValueError: a key has no namespace, or a number is not finite.

    .. versionadded:: 0.2.0
    """

    __slots__ = ("_hash", "_items")

    _items: dict[str, JsonValue]
    _hash: int | None

    def __init__(self, data: Mapping[str, object] | Iterable[tuple[str, object]] = (),
                 /) -> None:
        items = Extra._of(data, where="Extra", namespaced=True)._items
        object.__setattr__(self, "_items", items)
        object.__setattr__(self, "_hash", None)

    @classmethod
    def _of(cls, data: Mapping[str, object] | Iterable[tuple[str, object]], *, where: str,
            namespaced: bool) -> Extra:
        pairs = data.items() if isinstance(data, Mapping) else data
        items: dict[str, JsonValue] = {}
        for key, value in pairs:
            if namespaced:
                _namespaced(key)
            elif not isinstance(key, str):
                raise TypeError(f"{where}: a JSON object key must be a str, not "
                                f"{type(key).__name__}")
            items[key] = _frozen_json(value, f"{where}[{key!r}]")
        new = object.__new__(cls)
        object.__setattr__(new, "_items", items)
        object.__setattr__(new, "_hash", None)
        return new

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Extra is immutable")

    def __getitem__(self, key: str) -> JsonValue:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Extra):
            return self._items == other._items
        if isinstance(other, Mapping):
            return self._items == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._items.items())))
        assert self._hash is not None
        return self._hash

    def __repr__(self) -> str:
        return f"Extra({self.to_json()!r})"

    def to_json(self) -> dict[str, Any]:
        """A plain, mutable copy: ``dict`` for objects, ``list`` for arrays.

        Returns:
            What :func:`json.dumps` takes as it is.

        Raises:
            Nothing.
        """
        return {key: _thawed(value) for key, value in self._items.items()}


_NO_EXTRA: Extra = Extra()


def _to_extra(value: Mapping[str, object] | Iterable[tuple[str, object]]) -> Extra:
    return value if isinstance(value, Extra) else Extra(value)



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
class Image:
    """A photo or other image of an article.

    Attributes:
        url: Where the image is, when the source gives it.
        alt: Its alternative text, when the source gives one.
        caption: Its caption (with the credit in ``Caption.credit``), or ``None``. A figure
            with a credit but no caption text has ``Caption(raw=<credit>, text="",
            credit=...)``.
        span: Where the image's element sits in the source text (not part of equality).

    .. versionadded:: 0.2.0
    """

    url: str | None = None
    alt: str | None = None
    caption: Caption | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


class BlockKind(str, enum.Enum):
    """What a block of an article's body is.

    .. versionadded:: 0.2.0
    """

    PARAGRAPH = "paragraph"
    """Running text."""
    HEADING = "heading"
    """A subheading inside the body."""
    QUOTE = "quote"
    """A block quotation (a pull quote, a quoted post)."""
    LIST_ITEM = "list-item"
    """One item of a list."""


@attrs.frozen(kw_only=True)
class Paragraph:
    """One block of an article's body: a paragraph, a subheading, a quote or a list item.

    Attributes:
        text: The block's text as published.
        kind: What the block is; readers that cannot tell say ``paragraph``.
        span: Where it sits in the source text (not part of equality).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``kind``.
    """

    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Author:
    """A person (or desk) credited with writing an article.

    Attributes:
        name: The name as published (``"Ada Kerr"``, ``"Reuters staff"``).
        url: A page about the author, when the source gives one.

    .. versionadded:: 0.2.0
    """

    name: str
    url: str | None = None


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
        fetched_from: The URL the page was retrieved from, when the input says (a WARC
            record's target URI); it may differ from ``Document.url``.
        fetched_at: When the page was retrieved, when the input says.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``fetched_from`` and ``fetched_at``.
    """

    path: str | None = None
    format: str | None = None
    span: Span | None = None
    encoding: str | None = None
    byte_offset: int | None = None
    fetched_from: str | None = None
    fetched_at: datetime.datetime | None = None


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

    Every field but the title is ``None`` or empty when the source does not say.

    Attributes:
        title: The headline as published.
        url: The article's canonical URL.
        id: An identifier the source gives the article (a feed's guid, a publisher's id).
        published: When the article was published: a ``datetime`` (time zone kept when the
            source gives one) or, when the source gives only the day, a ``date``.
        modified: When the article was last modified, in the same form.
        authors: Who wrote it, in byline order.
        language: Its language as a BCP 47 tag (``"en"``, ``"ar"``, ``"pt-BR"``).
        section: The section or desk it was published under (``"World"``).
        keywords: Keywords or topics the source tags it with, in order.
        summary: A standfirst or description, as published.
        publisher: The publisher or site name (``"Asharq Al-Awsat"``).
        images: The photos, in page order, each with its caption when it has one.
        paragraphs: The body's blocks (paragraphs, subheadings, quotes, list items), in
            order.
        chrome: Page-chrome lines kept as data: the text-size widget ``"TT"`` and the
            counters around it (``"20"``), in page order.
        extra: What the reader knows that has no field, under namespaced keys
            (``"rss:category"``); see :class:`Extra`.
        title_span: Where the title sits in the source text.
        source: Provenance of the whole document.
        layout: How the document was laid out in its source, owned by the format that read
            it (see :class:`Layout`).
        diagnostics: What the reader noticed while reading this document.

    ``title_span``, ``source``, ``layout`` and ``diagnostics`` take no part in equality.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 The metadata fields, ``images`` (replacing ``captions``) and
       ``extra``.
    """

    title: str
    url: str | None = None
    id: str | None = None
    published: datetime.datetime | datetime.date | None = None
    modified: datetime.datetime | datetime.date | None = None
    authors: tuple[Author, ...] = ()
    language: str | None = None
    section: str | None = None
    keywords: tuple[str, ...] = ()
    summary: str | None = None
    publisher: str | None = None
    images: tuple[Image, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    chrome: tuple[str, ...] = ()
    extra: Extra = attrs.field(default=_NO_EXTRA, converter=_to_extra)
    title_span: Span | None = attrs.field(default=None, eq=False, repr=False)
    source: Source | None = attrs.field(default=None, eq=False, repr=False)
    layout: Layout | None = attrs.field(default=None, eq=False, repr=False)
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def text(self) -> str:
        """The body: paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def captions(self) -> tuple[Caption, ...]:
        """The captions of the images that have one, in page order.

        .. versionchanged:: 0.2.0 A read-only view of ``images``; build documents with
           ``images=(Image(caption=...),)``.
        """
        return tuple(image.caption for image in self.images if image.caption is not None)

    def without_provenance(self) -> Document:
        """A copy holding only the content: no spans, source, layout or diagnostics.

        Write it to get JSON with only what the article says
        (``newsdoc.dumps(map(Document.without_provenance, docs), "jsonl")``). The copy is
        equal to the document.

        Returns:
            The copy.

        Raises:
            Nothing.

        .. versionadded:: 0.2.0
        """
        return attrs.evolve(
            self,
            images=tuple(_no_span(image) for image in self.images),
            paragraphs=tuple(attrs.evolve(p, span=None) if p.span is not None else p
                             for p in self.paragraphs),
            title_span=None, source=None, layout=None, diagnostics=(),
        )


def _no_span(image: Image) -> Image:
    caption = image.caption
    if caption is not None and caption.span is not None:
        caption = attrs.evolve(caption, span=None)
    return attrs.evolve(image, caption=caption, span=None)


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
    _set(para, "kind", BlockKind.PARAGRAPH)
    _set(para, "span", span)
    return para
