"""The two real seed files from ../shared/seeds/ (skipped where ../shared is absent)."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsdoc
from newsdoc import CreditKind

# What FORMAT.md lists for the four seed articles.
EXPECTED = {
    "000_e061b3860b229b61.txt": [
        dict(title="US Pledges to Support Unity", chrome=("TT",), paragraphs=11, sep="\n\n",
             photographers=(), agency=None, kind=CreditKind.SOCIAL_MEDIA,
             credit="Photo: Bathily's account on X", date=None),
        dict(title="Putin Denies Russian Defeat", chrome=("TT",), paragraphs=8, sep="\n",
             photographers=("Alexander NEMENOV",), agency="AFP",
             kind=CreditKind.PHOTOGRAPHER_AGENCY, credit="(Photo by Alexander NEMENOV / AFP)",
             date=datetime.date(2024, 12, 19)),
    ],
    "002_f413c6f95ef373f0.txt": [
        dict(title="US Pushes for Withdrawal", chrome=("TT", "20"), paragraphs=8, sep="\n\n",
             photographers=(), agency="Getty Images", kind=CreditKind.AGENCY,
             credit="(Getty Images)", date=None),
        dict(title="Hezbollah Says Refuses", chrome=("TT", "20"), paragraphs=6, sep="\n\n",
             photographers=("ANWAR AMRO",), agency="AFP", kind=CreditKind.PHOTOGRAPHER_AGENCY,
             credit="(Photo by ANWAR AMRO / AFP)", date=datetime.date(2025, 7, 6)),
    ],
}


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_seed_documents(seed_files: list[Path]) -> None:
    assert sorted(p.name for p in seed_files) == sorted(EXPECTED)
    for path in seed_files:
        docs = newsdoc.read(path, strict=True)
        assert len(docs) == len(EXPECTED[path.name])
        for doc, want in zip(docs, EXPECTED[path.name], strict=True):
            assert doc.title.startswith(want["title"])
            assert doc.chrome == want["chrome"]
            assert len(doc.paragraphs) == want["paragraphs"]
            assert doc.layout is not None
            assert set(doc.layout.paragraph_separators) == {want["sep"]}
            assert len(doc.captions) == 1
            (cap,) = doc.captions
            assert cap.credit is not None
            assert cap.credit.raw == want["credit"]
            assert cap.credit.photographers == want["photographers"]
            assert cap.credit.agency == want["agency"]
            assert cap.credit.kind is want["kind"]
            assert cap.date == want["date"]
            assert cap.raw.endswith(want["credit"])
            assert not cap.text.endswith(want["credit"])
            assert doc.diagnostics == ()
            assert doc.source is not None and doc.source.path == str(path)
            assert doc.source.format == "scraped-text"


def test_seed_roundtrip_byte_for_byte(seed_files: list[Path]) -> None:
    for path in seed_files:
        assert newsdoc.dumps(newsdoc.read(path), "scraped-text") == _text(path)


def test_seed_roundtrip_through_jsonl(seed_files: list[Path]) -> None:
    for path in seed_files:
        docs = newsdoc.read(path)
        back = newsdoc.loads(newsdoc.dumps(docs, "jsonl"), "jsonl")
        assert back == docs
        assert newsdoc.dumps(back, "scraped-text") == _text(path)


def test_seed_provenance(seed_files: list[Path]) -> None:
    for path in seed_files:
        text = _text(path)
        for doc in newsdoc.read(path):
            assert doc.title_span is not None
            assert text[doc.title_span.start:doc.title_span.end] == doc.title
            for para in doc.paragraphs:
                assert para.span is not None
                assert text[para.span.start:para.span.end] == para.text
                assert text.split("\n")[para.span.line - 1] == para.text


def test_seed_cli_jsonl(seed_files: list[Path]) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "newsdoc", "read", *map(str, seed_files), "--to", "jsonl"],
        capture_output=True, text=True, check=True,
    )
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 4
    expected = [e for p in seed_files for e in EXPECTED[p.name]]
    for row, want in zip(rows, expected, strict=True):
        assert row["schema_version"] == 2
        assert row["title"].startswith(want["title"])
        assert len(row["paragraphs"]) == want["paragraphs"]
        assert row["chrome"] == list(want["chrome"])
        credit = row["images"][0]["caption"]["credit"]
        assert credit.get("agency") == want["agency"]
        assert tuple(credit.get("photographers", ())) == want["photographers"]
    reported = out.stderr.splitlines()
    assert [line for line in reported if ": warning: " in line or ": error: " in line] == []


def test_seed_truncated_strict_and_lenient(seed_files: list[Path]) -> None:
    """Cutting a seed file anywhere never makes a lenient read raise; a cut inside the
    header makes a strict read raise ParseError with a line number."""
    text = _text(seed_files[0])
    for cut in range(0, len(text), 97):
        newsdoc.loads(text[:cut], "scraped-text")
    cut = text.index("TT") + 2  # the file ends right after the first TT
    with pytest.raises(newsdoc.exceptions.ParseError) as info:
        newsdoc.loads(text[:cut], "scraped-text", strict=True)
    assert info.value.line == 5
    assert info.value.code == "header-not-repeated"
