"""Hypothesis strategies for newsdoc's models and for raw scraped-text files."""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from newsdoc._models import (
    Author,
    BlockKind,
    Caption,
    Credit,
    CreditKind,
    Document,
    Extra,
    Image,
    Paragraph,
)
from newsdoc.captions import parse_caption

__all__ = [
    "authors",
    "captions",
    "credits",
    "documents",
    "extras",
    "images",
    "lines",
    "paragraphs",
    "scraped_text_files",
    "times",
]

_LINE_CHARS = st.characters(exclude_categories=["Cs"], exclude_characters="\r\n")
_WORDS = st.sampled_from(
    ["Minister", "talks", "on", "Monday", "the", "city", "said", "a", "new", "plan",
     "Reuters", "AFP", "(AP)", "Photo:", "by", "/", "-", "December", "19,", "2024.", "“quote”",
     "movemen't", "\u00a0", "  ", "TT", "20", "président", "عربي"]
)


def lines(*, min_size: int = 1, max_size: int = 80) -> st.SearchStrategy[str]:
    """One line of text: no line end, not blank. Mixes words and arbitrary characters."""
    words = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)
    raw = st.text(_LINE_CHARS, min_size=min_size, max_size=max_size)
    return st.one_of(words, raw).filter(lambda s: bool(s.strip()))


def credits() -> st.SearchStrategy[Credit]:
    """Arbitrary :class:`~newsdoc.Credit` values (not necessarily parseable from text)."""
    return st.builds(
        Credit,
        raw=lines(max_size=40),
        photographers=st.lists(lines(max_size=20), max_size=3).map(tuple),
        agency=st.none() | st.sampled_from(["AFP", "Reuters", "AP", "Getty Images", "EPA"]),
        kind=st.sampled_from(CreditKind),
        source=st.none() | lines(max_size=30),
        file_photo=st.booleans(),
        handout=st.booleans(),
    )


def captions(*, parsed: bool = True) -> st.SearchStrategy[Caption]:
    """Captions. With ``parsed`` (the default) each is ``parse_caption(raw)``, as a reader
    produces it; otherwise text, credit and date are arbitrary."""
    if parsed:
        return lines().map(parse_caption)
    return st.builds(
        Caption, raw=lines(), text=st.text(_LINE_CHARS, max_size=60),
        credit=st.none() | credits(),
        date=st.none() | st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)),
    )


def authors() -> st.SearchStrategy[Author]:
    """Authors: a name, sometimes a URL."""
    return st.builds(Author, name=st.text(max_size=30), url=st.none() | st.text(max_size=30))


def images() -> st.SearchStrategy[Image]:
    """Images: any mix of URL, alt text and an arbitrary caption."""
    return st.builds(Image, url=st.none() | st.text(max_size=30),
                     alt=st.none() | st.text(max_size=30),
                     caption=st.none() | captions(parsed=False))


_ZONES: st.SearchStrategy[datetime.tzinfo | None] = st.none() | st.integers(-14 * 60, 14 * 60).map(
    lambda minutes: datetime.timezone(datetime.timedelta(minutes=minutes)))


def times() -> st.SearchStrategy[datetime.datetime | datetime.date]:
    """Publication times: dates alone, naive times, and times with a fixed UTC offset."""
    return st.one_of(
        st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)),
        st.builds(lambda moment, zone: moment.replace(tzinfo=zone),
                  st.datetimes(datetime.datetime(1900, 1, 2), datetime.datetime(2100, 12, 30)),
                  _ZONES),
    )


_SCALARS: st.SearchStrategy[object] = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=8))
_JSON: st.SearchStrategy[object] = st.one_of(
    _SCALARS, st.lists(_SCALARS, max_size=2),
    st.dictionaries(st.text(max_size=4), st.lists(_SCALARS, max_size=2) | _SCALARS, max_size=2))
_KEYS = st.tuples(st.sampled_from(["rss", "warc", "html", "x-my.plugin", "unknown"]),
                  st.sampled_from(["category", "record-id", "a"]) | st.text(min_size=1,
                                                                            max_size=8)
                  ).map(":".join)


def extras() -> st.SearchStrategy[Extra]:
    """:class:`~newsdoc.Extra` mappings: namespaced keys, nested JSON values."""
    return st.dictionaries(_KEYS, _JSON, max_size=2).map(Extra)


def paragraphs() -> st.SearchStrategy[Paragraph]:
    """Paragraphs of one line each."""
    return lines(max_size=200).map(lambda t: Paragraph(text=t))


def _norm(s: str) -> str:
    return " ".join(s.split())


@st.composite
def _scraped_text_document(draw: st.DrawFn) -> Document:
    title = draw(lines().filter(lambda s: _norm(s) != "TT"))
    key = _norm(title)
    caps: list[Caption] = []
    for cap in draw(st.lists(captions(), max_size=3)):
        ck = _norm(cap.raw)
        if ck in (key, "TT") or (caps and _norm(caps[-1].raw) == ck):
            continue
        caps.append(cap)
    counters = draw(st.lists(st.from_regex(r"[0-9]{1,4}", fullmatch=True), max_size=2))
    chrome: tuple[str, ...] = ()
    if draw(st.booleans()):
        chrome = ("TT", *(c for c in counters if c != key))
    paras = draw(st.lists(paragraphs(), max_size=6))
    return Document(title=title, images=tuple(Image(caption=c) for c in caps),
                    paragraphs=tuple(paras), chrome=chrome)


def documents(*, scraped_text: bool = False) -> st.SearchStrategy[Document]:
    """Documents.

    With ``scraped_text=True`` only documents the scraped-text format can represent: every
    title, caption, chrome line and paragraph one non-blank line; captions as
    :func:`~newsdoc.captions.parse_caption` makes them, no two neighbours alike and none
    equal to the title or to ``TT``; chrome empty or ``TT`` with short counters.
    Otherwise any value of every field (metadata, images, block kinds, ``extra``), for
    formats that keep everything (JSON).
    """
    if scraped_text:
        return _scraped_text_document()
    short = st.none() | st.text(max_size=20)
    return st.builds(
        Document,
        title=st.text(max_size=60),
        url=short,
        id=short,
        published=st.none() | times(),
        modified=st.none() | times(),
        authors=st.lists(authors(), max_size=2).map(tuple),
        language=st.none() | st.sampled_from(["en", "ar", "fr", "pt-BR", "zh-Hant"]),
        section=short,
        keywords=st.lists(st.text(max_size=10), max_size=3).map(tuple),
        summary=short,
        publisher=short,
        images=st.lists(images(), max_size=2).map(tuple),
        paragraphs=st.lists(st.builds(Paragraph, text=st.text(max_size=80),
                                      kind=st.sampled_from(BlockKind)), max_size=5).map(tuple),
        chrome=st.lists(st.text(max_size=5), max_size=3).map(tuple),
        extra=st.just(Extra()) | extras(),
    )


_BLANK = st.sampled_from(["", "", "", " ", "\u00a0", "\t"])


@st.composite
def _article_text(draw: st.DrawFn, nl: str) -> str:
    title = draw(lines())
    caps = draw(st.lists(lines(), max_size=3))
    out: list[str] = [title, draw(_BLANK)]
    header: list[str] = []
    for cap in caps:
        copies = draw(st.sampled_from([1, 2, 2, 2]))
        header += [(" " + cap) if draw(st.booleans()) and copies == 2 else cap] + [cap] * (
            copies - 1
        )
    out += header
    if draw(st.integers(0, 4)):
        out.append("TT")
        out += draw(st.lists(st.from_regex(r"[0-9]{1,3}", fullmatch=True), max_size=2))
    out.append("")
    if draw(st.integers(0, 5)):  # usually the header repeats
        out += [draw(st.sampled_from([title, title, title + " ", draw(lines())])), ""]
        if caps:
            out += [*header, ""]
    body = draw(st.lists(lines(max_size=120), max_size=6))
    sep = draw(st.sampled_from([[""], [], [""], [" "]]))
    for i, para in enumerate(body):
        if i:
            out += sep
        out.append(para)
    if draw(st.integers(0, 9)) == 0:  # cut off
        out = out[: draw(st.integers(1, len(out)))]
    return nl.join(out)


@st.composite
def _file_text(draw: st.DrawFn) -> str:
    nl = draw(st.sampled_from(["\n", "\n", "\n", "\r\n"]))
    articles = draw(st.lists(_article_text(nl), min_size=0, max_size=3))
    seps = [nl * draw(st.integers(4, 6)) for _ in articles]
    text = "".join((seps[i - 1] if i else "") + a for i, a in enumerate(articles))
    lead = draw(st.sampled_from(["", "", nl, " " + nl]))
    tail = draw(st.sampled_from(["", "", nl, nl + nl]))
    return lead + text + tail


def scraped_text_files(*, garbage: bool = True) -> st.SearchStrategy[str]:
    """The text of scraped-text files: well-formed articles with the format's variants
    (counters, missing ``TT``, captions once or twice, a leading space on a copy, blank
    lines with spaces, ``\\r\\n``, truncation, extra blank lines), and with ``garbage``
    also arbitrary text."""
    if garbage:
        return st.one_of(_file_text(), st.text(), st.text(st.sampled_from("TT\n \r\u00a0ab")))
    return _file_text()
