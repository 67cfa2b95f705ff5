"""newsdoc.to_records() and newsdoc.to_pandas(): one flat row per document."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdoc
from newsdoc import (
    Author,
    Caption,
    Credit,
    CreditKind,
    Diagnostic,
    Document,
    Image,
    Paragraph,
    Severity,
    Source,
    Span,
)
from newsdoc.testing import documents

COLUMNS = list(newsdoc.DocumentRecord.__annotations__)


def _caption(raw: str, text: str, credit: Credit | None = None,
             date: datetime.date | None = None) -> Caption:
    return Caption(raw=raw, text=text, credit=credit, date=date)


CAIRO = datetime.timezone(datetime.timedelta(hours=2))
DOC = Document(
    title="Bridge Reopens After Repairs",
    url="https://example.com/bridge",
    id="42",
    published=datetime.datetime(2025, 5, 2, 18, 0, tzinfo=CAIRO),
    modified=datetime.date(2025, 5, 3),
    authors=(Author(name="Ana Ruiz"), Author(name="Li Wei", url="https://example.com/li")),
    language="en",
    section="City",
    keywords=("bridges", "traffic"),
    summary="The bridge is open again.",
    publisher="Example News",
    images=(*(Image(caption=c, url=u) for c, u in zip((
        _caption("Cars cross the bridge on May 2, 2025. (Photo by Ana RUIZ / AFP)",
                 "Cars cross the bridge on May 2, 2025.",
                 Credit(raw="(Photo by Ana RUIZ / AFP)", photographers=("Ana RUIZ", "Li WEI"),
                        agency="AFP", kind=CreditKind.PHOTOGRAPHER_AGENCY, file_photo=True),
                 datetime.date(2025, 5, 2)),
        _caption("The old bridge (Reuters)", "The old bridge",
                 Credit(raw="(Reuters)", agency="Reuters", kind=CreditKind.AGENCY)),
        _caption("Workers at night (AFP)", "Workers at night",
                 Credit(raw="(AFP)", agency="AFP", kind=CreditKind.AGENCY)),
        _caption("Divers (Ana RUIZ/AFP via Getty Images)", "Divers",
                 Credit(raw="(Ana RUIZ/AFP via Getty Images)", agency="AFP",
                        agencies=("AFP", "Getty Images"))),
        _caption("A map of the river", "A map of the river"),
    ), ("https://example.com/1.jpg", None, None, None, None), strict=True)),
        Image(url="https://example.com/uncaptioned.jpg")),
    paragraphs=(Paragraph(text="The bridge reopened on Friday."),
                Paragraph(text="Traffic  resumed\tat noon.")),
    source=Source(path="news/a.txt", format="scraped-text",
                  span=Span(start=120, end=400, line=9), fetched_from="https://example.com/b?x",
                  fetched_at=datetime.datetime(2025, 5, 4, tzinfo=datetime.timezone.utc)),
    diagnostics=(
        Diagnostic(code="encoding", message="decoded as cp1252", severity=Severity.INFO),
        Diagnostic(code="title-mismatch", message="titles differ"),
        Diagnostic(code="decode-error", message="bad byte", severity=Severity.ERROR),
    ),
)


def test_record_of_a_full_document() -> None:
    [row] = newsdoc.to_records([DOC])
    assert list(row) == COLUMNS
    assert row == {
        "title": "Bridge Reopens After Repairs",
        "url": "https://example.com/bridge",
        "id": "42",
        "published": datetime.datetime(2025, 5, 2, 18, 0, tzinfo=CAIRO),
        "modified": datetime.date(2025, 5, 3),
        "authors": "Ana Ruiz; Li Wei",
        "language": "en",
        "section": "City",
        "keywords": "bridges; traffic",
        "summary": "The bridge is open again.",
        "publisher": "Example News",
        "text": "The bridge reopened on Friday.\n\nTraffic  resumed\tat noon.",
        "paragraph_count": 2,
        "word_count": 9,
        "image_count": 6,
        "image_url": "https://example.com/1.jpg",
        "caption_count": 5,
        "caption": "Cars cross the bridge on May 2, 2025.",
        "caption_raw": "Cars cross the bridge on May 2, 2025. (Photo by Ana RUIZ / AFP)",
        "caption_date": datetime.date(2025, 5, 2),
        "credit": "(Photo by Ana RUIZ / AFP)",
        "credit_kind": "photographer-agency",
        "photographers": "Ana RUIZ; Li WEI",
        "agency": "AFP",
        "credit_source": None,
        "file_photo": True,
        "handout": False,
        "agencies": "AFP; Reuters; Getty Images",
        "source_path": "news/a.txt",
        "source_format": "scraped-text",
        "source_line": 9,
        "fetched_from": "https://example.com/b?x",
        "fetched_at": datetime.datetime(2025, 5, 4, tzinfo=datetime.timezone.utc),
        "diagnostic_count": 2,
    }


def test_record_of_a_bare_document() -> None:
    [row] = newsdoc.to_records([Document(title="")])
    assert row == dict.fromkeys(COLUMNS) | {
        "title": "", "text": "", "paragraph_count": 0, "word_count": 0, "image_count": 0,
        "caption_count": 0,
        "file_photo": False, "handout": False, "diagnostic_count": 0,
    }


def test_lead_caption_without_credit_leaves_credit_columns_empty() -> None:
    doc = Document(title="T", images=(Image(caption=_caption("A map", "A map")),
                                      Image(caption=_caption("B (AFP)", "B", Credit(
                                          raw="(AFP)", agency="AFP")))))
    [row] = newsdoc.to_records([doc])
    assert (row["caption"], row["credit"], row["agency"], row["credit_kind"]) == (
        "A map", None, None, None)
    assert row["agencies"] == "AFP"  # from any caption


def test_records_accept_any_iterable_once() -> None:
    rows = newsdoc.to_records(d for d in [DOC, Document(title="x")])
    assert [r["title"] for r in rows] == [DOC.title, "x"]
    assert newsdoc.to_records([]) == []


_SCALARS = (str, int, bool, datetime.date, type(None))


@given(st.lists(documents(), max_size=2))
def test_total_records(docs: list[Document]) -> None:
    """Any documents flatten: one row per document, in order, with exactly the declared
    columns, every value a scalar, and the counts and lead caption true to the document."""
    rows = newsdoc.to_records(docs)
    assert len(rows) == len(docs)
    for doc, row in zip(docs, rows, strict=True):
        assert list(row) == COLUMNS
        assert all(isinstance(v, _SCALARS) for v in row.values())
        assert row["title"] == doc.title
        assert row["text"] == doc.text
        assert row["caption_count"] == len(doc.captions)
        assert row["image_count"] == len(doc.images)
        assert row["published"] == doc.published and row["url"] == doc.url
        assert row["authors"] == ("; ".join(dict.fromkeys(a.name for a in doc.authors if a.name))
                                  or None)
        assert row["paragraph_count"] == len(doc.paragraphs)
        assert row["caption"] == (doc.captions[0].text if doc.captions else None)
        lead = doc.captions[0].credit if doc.captions else None
        assert row["agency"] == (lead.agency if lead else None)
        assert row["credit_kind"] == (lead.kind.value if lead else None)


def test_seed_files_records(seed_files: list[Path]) -> None:
    rows = newsdoc.to_records(doc for path in seed_files for doc in newsdoc.read(path))
    assert len(rows) == 4
    assert all(r["caption_count"] >= 1 and r["paragraph_count"] >= 6 for r in rows)
    assert all(r["source_format"] == "scraped-text" and r["source_path"] for r in rows)
    by_kind = {r["credit_kind"] for r in rows}
    assert {"social-media", "photographer-agency"} <= by_kind
    assert "AFP" in {r["agency"] for r in rows}
    social = next(r for r in rows if r["credit_kind"] == "social-media")
    assert social["credit"] == "Photo: Bathily's account on X"
    assert social["agency"] is None


def test_to_pandas() -> None:
    pandas = pytest.importorskip("pandas")
    frame = newsdoc.to_pandas([DOC, Document(title="Bare")])
    assert list(frame.columns) == COLUMNS
    assert frame.shape == (2, len(COLUMNS))
    assert str(frame["caption_date"].dtype).startswith("datetime64")
    assert frame.loc[0, "caption_date"] == pandas.Timestamp("2025-05-02")
    assert pandas.isna(frame.loc[1, "caption_date"])
    assert frame["caption_count"].tolist() == [5, 0]
    assert frame["file_photo"].tolist() == [True, False]
    assert frame.loc[0, "agencies"] == "AFP; Reuters; Getty Images"
    assert pandas.isna(frame.loc[1, "agency"])
    assert frame.loc[0, "published"] == DOC.published
    assert frame.loc[0, "authors"] == "Ana Ruiz; Li Wei"


def test_to_pandas_of_nothing_keeps_the_columns() -> None:
    pytest.importorskip("pandas")
    frame = newsdoc.to_pandas([])
    assert list(frame.columns) == COLUMNS
    assert len(frame) == 0


def test_to_pandas_without_pandas_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'newsdoc\[pandas\]'"):
        newsdoc.to_pandas([DOC])
