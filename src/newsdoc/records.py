"""Flat rows for data frames: :func:`to_records` and :func:`to_pandas`.

One row per document, every value a plain scalar (``str``, ``int``, ``bool``,
``datetime.date``, ``datetime.datetime`` or ``None``), so the rows go straight into pandas,
polars, DuckDB, a CSV writer or a database. The lead photo (the first caption) gets its own
columns; the other captions are summed up in counts and joined lists.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0 A public module (was ``newsdoc._records``); the metadata columns.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from newsdoc._models import Caption, Document, Severity

if TYPE_CHECKING:
    import pandas

__all__ = ["DocumentRecord", "to_pandas", "to_records"]

_JOIN = "; "


class DocumentRecord(TypedDict):
    """One row of :func:`newsdoc.to_records`: a document flattened to scalar columns.

    Lists (photographers, agencies) are joined with ``"; "``; a column about the lead
    caption or its credit is ``None`` when the document has no caption or the caption no
    credit (the boolean flags are then ``False``).

    Attributes:
        title: The headline.
        url: The article's canonical URL.
        id: The identifier the source gives it.
        published: When it was published (a ``datetime``, or a ``date`` when only the day
            is known).
        modified: When it was last modified, in the same form.
        authors: The authors' names.
        language: Its BCP 47 language tag.
        section: Its section.
        keywords: Its keywords or topics.
        summary: Its standfirst or description.
        publisher: The publisher or site name.
        text: The body, paragraphs joined by blank lines (``Document.text``).
        paragraph_count: How many paragraphs the body has.
        word_count: Words in the body (runs of non-space characters).
        image_count: How many images the document has (with or without a caption).
        image_url: The lead (first) image's URL.
        caption_count: How many photo captions the document has.
        caption: The lead (first) caption without its credit.
        caption_raw: The lead caption as published, credit included.
        caption_date: The date the lead caption gives for its photo.
        credit: The lead caption's credit as published (``"(Photo by NAME / AFP)"``).
        credit_kind: The credit's shape, a :class:`~newsdoc.CreditKind` value
            (``"photographer-agency"``).
        photographers: The photographers the lead credit names.
        agency: The lead credit's agency, canonical (``"AFP"``).
        credit_source: The lead credit's labelled or organisational source.
        file_photo: The lead credit marks a file (archive) photo.
        handout: The lead credit marks a handout photo.
        agencies: Every distinct agency credited in any caption of the document, in order
            (all those a credit names, as in ``NAME/AFP via Getty Images``).
        source_path: The file the document was read from.
        source_format: The format that read it (``"scraped-text"``).
        source_line: The 1-based line of the source text where the document starts.
        fetched_from: The URL the page was retrieved from, when the input says.
        fetched_at: When the page was retrieved, when the input says.
        diagnostic_count: How many warnings and errors the reader recorded (informational
            notes are not counted).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 The metadata columns, ``image_count``, ``image_url``,
       ``fetched_from`` and ``fetched_at``.
    """

    title: str
    url: str | None
    id: str | None
    published: datetime.datetime | datetime.date | None
    modified: datetime.datetime | datetime.date | None
    authors: str | None
    language: str | None
    section: str | None
    keywords: str | None
    summary: str | None
    publisher: str | None
    text: str
    paragraph_count: int
    word_count: int
    image_count: int
    image_url: str | None
    caption_count: int
    caption: str | None
    caption_raw: str | None
    caption_date: datetime.date | None
    credit: str | None
    credit_kind: str | None
    photographers: str | None
    agency: str | None
    credit_source: str | None
    file_photo: bool
    handout: bool
    agencies: str | None
    source_path: str | None
    source_format: str | None
    source_line: int | None
    fetched_from: str | None
    fetched_at: datetime.datetime | None
    diagnostic_count: int


_COLUMNS: tuple[str, ...] = tuple(DocumentRecord.__annotations__)


def _joined(items: Iterable[str]) -> str | None:
    seen = list(dict.fromkeys(item for item in items if item))
    return _JOIN.join(seen) if seen else None


def _record(doc: Document) -> DocumentRecord:
    captions = doc.captions
    lead: Caption | None = captions[0] if captions else None
    credit = lead.credit if lead is not None else None
    source = doc.source
    text = doc.text
    return DocumentRecord(
        title=doc.title,
        url=doc.url,
        id=doc.id,
        published=doc.published,
        modified=doc.modified,
        authors=_joined(a.name for a in doc.authors),
        language=doc.language,
        section=doc.section,
        keywords=_joined(doc.keywords),
        summary=doc.summary,
        publisher=doc.publisher,
        text=text,
        paragraph_count=len(doc.paragraphs),
        word_count=len(text.split()),
        image_count=len(doc.images),
        image_url=doc.images[0].url if doc.images else None,
        caption_count=len(captions),
        caption=lead.text if lead is not None else None,
        caption_raw=lead.raw if lead is not None else None,
        caption_date=lead.date if lead is not None else None,
        credit=credit.raw if credit is not None else None,
        credit_kind=credit.kind.value if credit is not None else None,
        photographers=_joined(credit.photographers) if credit is not None else None,
        agency=credit.agency if credit is not None else None,
        credit_source=credit.source if credit is not None else None,
        file_photo=credit.file_photo if credit is not None else False,
        handout=credit.handout if credit is not None else False,
        agencies=_joined(a for c in captions if c.credit is not None
                         for a in (c.credit.agencies or (c.credit.agency or "",))),
        source_path=source.path if source is not None else None,
        source_format=source.format if source is not None else None,
        source_line=source.span.line if source is not None and source.span is not None else None,
        fetched_from=source.fetched_from if source is not None else None,
        fetched_at=source.fetched_at if source is not None else None,
        diagnostic_count=sum(d.severity is not Severity.INFO for d in doc.diagnostics),
    )


def to_records(documents: Iterable[Document], *, include_placeholders: bool = False,
               ) -> list[DocumentRecord]:
    """Flatten documents into rows, one per document, for a data frame or a CSV file.

    Args:
        documents: The documents; any iterable, consumed once.
        include_placeholders: Also give a row for each placeholder: the empty document
            with an error that a lenient read keeps for input it could not use (invalid
            JSON, an unknown schema version). Left out by default.

    Returns:
        One :class:`DocumentRecord` (a plain ``dict``) per document, in order, its keys
        in the order :class:`DocumentRecord` lists them.

    Raises:
        Nothing: every document can be flattened.

    >>> import newsdoc
    >>> text = ("Title\\n\\nA rally in Tunis. (Photo by Ana RUIZ / AFP)\\nTT\\n\\nTitle\\n\\n"
    ...         "A rally in Tunis. (Photo by Ana RUIZ / AFP)\\n\\nBody text here.")
    >>> row = newsdoc.to_records(newsdoc.loads(text, "scraped-text"))[0]
    >>> row["caption"], row["photographers"], row["agency"], row["word_count"]
    ('A rally in Tunis.', 'Ana RUIZ', 'AFP', 3)

    .. versionadded:: 0.1.0
    """
    if include_placeholders:
        return [_record(doc) for doc in documents]
    from newsdoc.dedup import is_placeholder  # one rule for dedup and records

    return [_record(doc) for doc in documents if not is_placeholder(doc)]


def to_pandas(documents: Iterable[Document], *, include_placeholders: bool = False,
              ) -> pandas.DataFrame:
    """The rows of :func:`to_records` as a :class:`pandas.DataFrame`.

    The columns are the keys of :class:`DocumentRecord`, in order, even when there are no
    documents.
    ``caption_date`` is a ``datetime64`` column (``NaT`` where there is no date);
    ``published`` and ``modified`` keep the values of :func:`to_records` (a column may mix
    dates, naive and zoned times; convert it with ``pandas.to_datetime(..., utc=True)`` when
    you know they are all zoned); the other columns hold the values of :func:`to_records`,
    with pandas' missing-value marker where a value is ``None``.

    Args:
        documents: The documents; any iterable, consumed once.
        include_placeholders: Also give a row for each placeholder, as in
            :func:`to_records`.

    Returns:
        A data frame with one row per document.

    Raises:
        ModuleNotFoundError: pandas is not installed (``pip install 'newsdoc[pandas]'``).

    .. versionadded:: 0.1.0
    """
    try:
        import pandas
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            "newsdoc.to_pandas() needs pandas: pip install 'newsdoc[pandas]'", name="pandas"
        ) from exc
    frame: pandas.DataFrame = pandas.DataFrame.from_records(
        to_records(documents, include_placeholders=include_placeholders),
        columns=list(_COLUMNS)
    )
    frame["caption_date"] = pandas.to_datetime(frame["caption_date"])
    return frame
