"""The ``html`` reader on real news pages from ``../shared/data/html/`` against their ground
truth (``*.expected.json``, see the README there). Skipped where the pages are absent or the
``html`` extra is not installed. ``benchmarks/html_accuracy.py`` prints the full figures."""

from __future__ import annotations

import datetime
import difflib
import html
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import newsdoc

pytest.importorskip("trafilatura", reason="the html extra (trafilatura) is not installed")

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "html"
_WORD = re.compile(r"\w+")


def norm(text: str | None) -> str:
    return " ".join((text or "").replace("\u00a0", " ").split())


def f1(candidate: str, reference: str) -> float:
    c = Counter(w.lower() for w in _WORD.findall(candidate))
    r = Counter(w.lower() for w in _WORD.findall(reference))
    common = sum((c & r).values())
    if not common:
        return 0.0
    p, q = common / sum(c.values()), common / sum(r.values())
    return 2 * p * q / (p + q)


def similar(a: str | None, b: str | None) -> bool:
    x, y = norm(a).casefold(), norm(b).casefold()
    return bool(x and y) and (x == y or difflib.SequenceMatcher(None, x, y).ratio() >= 0.9)


@pytest.fixture(scope="module")
def pages() -> list[tuple[str, dict[str, Any], newsdoc.Document]]:
    files = sorted(DATA.glob("*.html"))
    if not files:
        pytest.skip(f"the real pages are not here ({DATA} is absent, as in a user's clone)")
    out = []
    for path in files:
        truth = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
        docs = newsdoc.read(path)
        assert len(docs) == 1, path
        out.append((path.read_bytes().decode("utf-8"), truth, docs[0]))  # CRLF kept
    return out


def share(hits: list[bool]) -> float:
    assert hits, "no page gives this field"
    return sum(hits) / len(hits)


def test_body_matches_the_ground_truth(pages: list[Any]) -> None:
    """Token F1 of the body against the ground truth's sub-headings and paragraphs: at least
    0.9 on average (trafilatura's own output scores about 0.95 on these pages)."""
    scores = [f1("\n".join(p.text for p in doc.paragraphs),
                 "\n".join([*truth["subheadings"], *truth["paragraphs"]]))
              for _, truth, doc in pages]
    assert sum(scores) / len(scores) >= 0.9
    assert min(scores) >= 0.5


def test_metadata_matches_the_ground_truth(pages: list[Any]) -> None:
    titles, dates, authors = [], [], []
    for _, truth, doc in pages:
        fields = set(truth["ground_truth_fields"])
        if "title" in fields and truth["title"]:
            titles.append(norm(doc.title) == norm(truth["title"]))
        if "published" in fields and truth["published"]:
            want = datetime.datetime.fromisoformat(truth["published"])
            got = doc.published
            day = got.date() if isinstance(got, datetime.datetime) else got
            dates.append(day == want.date() or got == want)
        if "authors" in fields and truth["authors"]:
            authors.append({norm(a.name).casefold() for a in doc.authors}
                           == {norm(a).casefold() for a in truth["authors"]})
    # the ground truth's title is one publisher-specific choice among JSON-LD, og:title and
    # <h1>, which disagree on several pages; newsdoc follows one documented order
    assert share(titles) >= 0.8
    assert share(dates) >= 0.9
    assert share(authors) >= 0.9


def test_captions_and_credits_are_found(pages: list[Any]) -> None:
    """Of the ground-truth images with a caption (a credit), at least 90% are found with
    that caption (every credit item)."""
    captions, credits = [], []
    for _, truth, doc in pages:
        if "images" not in truth["ground_truth_fields"]:
            continue
        got = [i.caption for i in doc.images if i.caption is not None]
        for want in truth["images"]:
            if want["caption"]:
                captions.append(any(similar(c.text, want["caption"])
                                    or similar(c.raw, want["caption"]) for c in got))
            if want["credits"]:
                credits.append(any(
                    all(norm(item).casefold() in norm(c.raw).casefold()
                        for item in want["credits"]) for c in got))
    assert share(captions) >= 0.9
    assert share(credits) >= 0.9


def test_block_spans_point_at_their_text(pages: list[Any]) -> None:
    """Each block's span starts at its first word in the HTML source and its line and
    column agree with the offset; nearly every block has one."""
    total = with_span = 0
    for source, _, doc in pages:
        line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        for p in doc.paragraphs:
            total += 1
            if p.span is None:
                continue
            with_span += 1
            piece = html.unescape(source[p.span.start:p.span.end])
            first = p.text.split()[0]
            assert piece.startswith(first[:1]), (piece[:80], p.text[:80])
            assert p.span.start - line_starts[p.span.line - 1] + 1 == p.span.column
    assert with_span / total >= 0.98
