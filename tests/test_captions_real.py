"""The caption parser on real captions and credits (``../shared/data``), skipped without it.

"Agrees" is defined in ``benchmarks/_captions_eval.py`` and ``docs/captions.md``: the split-off
credit equals the credit the page printed separately, once brackets, a leading label or dash
and the choice of separators are set aside.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from newsdoc.captions import (
    KNOWN_AGENCIES,
    format_caption,
    parse_caption,
    parse_credit,
    split_credit,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"


def _load_eval() -> ModuleType:
    """The agreement measure shared with the benchmark (benchmarks/_captions_eval.py)."""
    spec = importlib.util.spec_from_file_location(
        "_captions_eval", ROOT / "benchmarks" / "_captions_eval.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_EVAL = _load_eval()
judge = _EVAL.judge
read_tsv = _EVAL.read_tsv
_PARTS = re.compile(r"[ \t]*[/;|][ \t]*|[ \t]+via[ \t]+|,[ \t]+|[ \t]+[-–—][ \t]+")


def _rows(name: str) -> list[dict[str, str]]:
    path = DATA / name
    if not path.is_file():
        pytest.skip(f"the real caption data ({path}) is not available in this checkout")
    return list(read_tsv(path))


def test_every_real_caption_parses() -> None:
    """Every row: the line comes back exactly, the credit is part of it, the text has none
    left."""
    rows = _rows("captions-real.tsv")
    assert len(rows) > 300
    for row in rows:
        raw = row["caption"]
        cap = parse_caption(raw)
        assert format_caption(cap) == raw
        if cap.credit is not None:
            assert cap.credit.raw in raw
            assert cap.text in raw
            assert split_credit(cap.text)[1] is None, raw


def test_labelled_rows_agree() -> None:
    """>= 95% of the labelled rows agree on the credit, its agency and its photographers."""
    rows = [r for r in _rows("captions-real.tsv") if r["credit"].strip()]
    assert len(rows) >= 100
    verdicts = [judge(r["caption"], r["credit"]) for r in rows]
    text = sum(v.text for v in verdicts) / len(rows)
    agency = sum(v.agency for v in verdicts) / len(rows)
    people = sum(v.photographers for v in verdicts) / len(rows)
    failing = [r["caption"][-60:] for r, v in zip(rows, verdicts, strict=True) if not v.text]
    assert text >= 0.95, failing
    assert agency >= 0.95
    assert people >= 0.95


def test_unlabelled_rows_find_credits() -> None:
    """Most unlabelled rows carry a credit too; the parser finds it in at least 80% of them.

    Rows where the credit comes first ("Image copyright X Image caption ...") or is followed
    by page chrome ("... (AP Photo/NAME) less") are known misses.
    """
    rows = [r for r in _rows("captions-real.tsv") if not r["credit"].strip()]
    found = sum(split_credit(r["caption"])[1] is not None for r in rows)
    assert found / len(rows) >= 0.8


def test_separate_credits_parse() -> None:
    """Each credit printed apart parses to a credit whose parts come from its text."""
    rows = _rows("credits-real.tsv")
    assert len(rows) > 150
    for row in rows:
        raw = row["credit"]
        credit = parse_credit(raw)
        if not raw.strip():
            assert credit is None
            continue
        assert credit is not None
        assert credit.raw == raw.strip()
        for name in credit.photographers:
            assert name in raw
            assert KNOWN_AGENCIES.canonical(name) is None, raw
        if credit.agency is not None and credit.agency not in credit.agencies:
            assert credit.agency in raw


def test_separate_credits_name_their_known_agencies() -> None:
    """A credit with a known agency as one of its parts is given that agency."""
    rows = _rows("credits-real.tsv")
    checked = 0
    for row in rows:
        raw = row["credit"]
        parts = _PARTS.split(raw.strip())
        known = [k for k in map(KNOWN_AGENCIES.canonical, parts) if k is not None]
        if not known:
            continue
        checked += 1
        credit = parse_credit(raw)
        assert credit is not None
        assert set(known) <= set(credit.agencies), raw
    assert checked >= 80


def test_separate_credits_classification() -> None:
    """Photographer and agency are told apart: "NAME/AGENCY" credits get both."""
    rows = _rows("credits-real.tsv")
    both = [r["credit"] for r in rows if "/" in r["credit"] or "; " in r["credit"]]
    kinds = [parse_credit(raw) for raw in both]
    with_both = sum(1 for c in kinds if c is not None and c.photographers and c.agency)
    assert with_both / len(both) >= 0.6


# The credit of the first caption of each real page of the seed site (pages/), as the page
# shows it: the caption is the first line after the title (after the standfirst on page 13);
# None where the caption has no credit or the page has no header (32).
_PAGE_CREDITS = {
    "01": "(AFP)", "02": "(Iraqi News Agency)", "03": "(Reuters)", "04": "(Reuters)",
    "05": "(Government media)", "06": "(CENTCOM file)", "07": "(AP)",
    "08": "(Reuters file photo)", "09": "REUTERS/Mohamed Nureldin Abdallah/File Photo",
    "10": "(GNU)", "11": "(Libyan Presidential Council)", "12": "(AFP)",
    "13": "(Asharq Al-Awsat)", "14": "(File photo: AFP)", "15": "(Reuters)",
    "16": "(Photo: Dalati & Nohra)", "17": "(Photo: Dalati & Nohra)",
    "18": "REUTERS/Jamal Saidi", "19": "(EPA)", "20": None, "21": "WAM", "22": "(Reuters)",
    "23": "(Asharq Al-Awsat)", "24": "(Asharq Al-Awsat)", "25": "(SPA)", "26": "(Reuters)",
    "27": None, "28": None, "29": "(Reuters)", "30": "(Reuters)", "31": "(Photo: Twitter)",
    "33": "(AFP)", "34": "(AFP)", "35": "(SPA/AFP)", "36": None,
}


def test_first_caption_credit_of_each_real_page() -> None:
    """The first caption of every real page of the seed site gets the credit the page
    shows, and that credit comes back from the caption exactly."""
    pages = sorted((DATA / "pages").glob("*.txt"))
    if not pages:
        pytest.skip(f"the real pages ({DATA / 'pages'}) are not available in this checkout")
    checked = 0
    for page in pages:
        number = page.name[:2]
        if number not in _PAGE_CREDITS:
            continue
        lines = [x for x in page.read_text(encoding="utf-8").split("\n") if x.strip()]
        caption = parse_caption(lines[2] if number == "13" else lines[1])
        got = caption.credit.raw if caption.credit is not None else None
        assert got == _PAGE_CREDITS[number], page.name
        assert format_caption(caption) == caption.raw
        checked += 1
    assert checked == len(_PAGE_CREDITS)


def test_labelled_set_agrees() -> None:
    """On the hand-labelled captions (captions-labelled.tsv: 301 lines from 116 sites) the
    credit text agrees on >= 97% of the lines and the agencies, photographers and dates on
    >= 95% (see benchmarks/captions.py, which lists every miss)."""
    rows = _rows("captions-labelled.tsv")
    assert len(rows) >= 300
    verdicts = [_EVAL.judge_labelled(r) for r in rows]
    for field, target in (("credit", 0.97), ("agency", 0.95), ("photographers", 0.95),
                          ("date", 0.95)):
        share = sum(getattr(v, field) for v in verdicts) / len(rows)
        assert share >= target, (field, share)
