"""Measuring the caption parser against credits that pages printed separately.

Test and benchmark code, not part of the package: ``benchmarks/captions.py`` imports it as a
sibling module and ``tests/test_captions_real.py`` loads it by path. Documented in
``docs/captions.md`` ("How well it works").

A labelled row is a caption as published and the credit its page marked up separately
(several credits joined with ``"; "``). The split-off credit **agrees** with the label when
both are equal after :func:`normalize_credit`, which forgives what a separate credit element
never carries: the brackets, a leading dash, a label (``Photo by``, ``Image:``,
``Credit:``, ``Courtesy of``) and the choice of separator (``/``, ``;``, ``,``, ``|``, spaced
dash). When a caption stacks two credits (``(AP Photo/NAME) AP Photo``) the page's label is
the last of them, and the row agrees when the rest of the split-off credit is itself wholly a
credit. The **agency** agrees when the parsed credit's agency equals the agency
:func:`newsdoc.captions.parse_credit` finds in the label, and the **photographers** agree when
every photographer named in the label is among the credit's.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import attrs

from newsdoc import Caption, Credit
from newsdoc.captions import (
    KNOWN_AGENCIES,
    Agencies,
    parse_caption,
    parse_credit,
    split_credit,
)

__all__ = [
    "LabelledVerdict",
    "Verdict",
    "bare_credit_text",
    "credited_organisations",
    "judge",
    "judge_labelled",
    "normalize_credit",
    "read_tsv",
]

_LEADING_DASH = re.compile(r"^[-–—][ \t]*(?=\S)")
_LEADING_LABEL = re.compile(
    r"^(?:(?:photo|image|picture)s?[ \t]?credits?|photo(?:graph)?s?|pictures?|images?|credits?"
    r"|(?:image[ \t])?source|(?:image[ \t])?copyright|courtesy(?:[ \t]of)?)"
    r"[ \t]*(?::|by\b|\.\.\.|…)?[ \t]*",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"[ \t]*[/;,|][ \t]*|[ \t]+[-–—][ \t]+")


def normalize_credit(text: str) -> str:
    """The comparable form of a credit: see the module docstring."""
    text = text.strip()
    if len(text) >= 2 and text[0] in "([" and text[-1] in ")]":
        text = text[1:-1].strip()
    text = _LEADING_DASH.sub("", text)
    text = _LEADING_LABEL.sub("", text, count=1)
    text = _SEPARATOR.sub("/", text.casefold())
    return " ".join(text.split()).strip(" .")


@attrs.frozen(kw_only=True)
class Verdict:
    """How the credit split off one labelled caption compares with its label."""

    credit: Credit | None
    label: Credit | None
    text: bool
    agency: bool
    photographers: bool


def _stacked_agrees(raw: str, label: str, agencies: Agencies) -> bool:
    for i in range(1, len(raw)):
        if raw[i - 1].isspace() and not raw[i].isspace():
            head, tail = raw[:i], raw[i:]
            if normalize_credit(tail) == label and split_credit(head, agencies=agencies)[0] == "":
                return True
    return False


def judge(caption: str, label: str, agencies: Agencies = KNOWN_AGENCIES) -> Verdict:
    """Compare the credit split off ``caption`` with the separately printed ``label``."""
    _, credit = split_credit(caption, agencies=agencies)
    labelled = parse_credit(label, agencies=agencies)
    if credit is None:
        return Verdict(credit=None, label=labelled, text=False, agency=False,
                       photographers=False)
    wanted = normalize_credit(label)
    text = normalize_credit(credit.raw) == wanted or _stacked_agrees(credit.raw, wanted,
                                                                      agencies)
    label_agency = labelled.agency if labelled is not None else None
    label_people = labelled.photographers if labelled is not None else ()
    return Verdict(
        credit=credit,
        label=labelled,
        text=text,
        agency=credit.agency == label_agency,
        photographers=set(label_people) <= set(credit.photographers),
    )


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """The rows of one of the real-data files (tab-separated, CSV quoting, a header)."""
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t")


# --- the hand-labelled set (captions-labelled.tsv) ------------------------------------------
#
# Each row gives the caption as published and, labelled by hand, the credit text as it
# appears in the line (without its brackets or quotes, a leading separator, the sentence's
# final period or trailing chrome), the photographers and the agencies or organisations
# credited (as published, "; "-separated; a "Photo" word dropped), and the ISO date the
# caption states. See ``../shared/data/README-labelled.md``.

_OPEN_CLOSE = {"(": ")", "[": "]", '"': '"', "“": "”", "'": "'", "‘": "’"}
_LEAD_SEPARATOR = re.compile(r"^[-–—/|][ \t]*")


def bare_credit_text(raw: str) -> str:
    """A parsed ``Credit.raw`` as the labels write a credit: without the brackets or quotes
    around it, a leading separator, or a final period outside brackets."""
    text = raw.strip()
    if len(text) >= 2 and _OPEN_CLOSE.get(text[0]) == text[-1]:
        return text[1:-1].strip()
    text = _LEAD_SEPARATOR.sub("", text)
    if len(text) >= 2 and _OPEN_CLOSE.get(text[0]) == text[-1]:
        return text[1:-1].strip()
    return text[:-1].rstrip() if text.endswith(".") else text


def _org_key(name: str, agencies: Agencies) -> str:
    name = " ".join(name.split())
    for suffix in (" photo", " photos"):
        if name.casefold().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    found = agencies.canonical(name) or agencies.canonical(name.upper())
    return found if found is not None else name.casefold()


def credited_organisations(credit: Credit | None) -> tuple[str, ...]:
    """Every agency or organisation a parsed credit names: its known agencies, its agency
    slot and its source (several sources are joined with ``" / "``)."""
    if credit is None:
        return ()
    names = [*credit.agencies]
    if credit.agency is not None:
        names.append(credit.agency)
    if credit.source is not None:
        names.extend(credit.source.split(" / "))
    return tuple(dict.fromkeys(names))


@attrs.frozen(kw_only=True)
class LabelledVerdict:
    """How ``parse_caption`` on one hand-labelled row compares with its labels."""

    caption: Caption
    credit: bool
    agency: bool
    photographers: bool
    date: bool
    got_credit: str
    got_agencies: tuple[str, ...]
    got_photographers: tuple[str, ...]
    got_date: str


def judge_labelled(row: dict[str, str], agencies: Agencies = KNOWN_AGENCIES) -> LabelledVerdict:
    """Compare ``parse_caption(row["caption"])`` with the row's hand labels: the credit text
    (exactly, once :func:`bare_credit_text` has removed what the labels leave out), the set
    of agencies and organisations (canonical names for known agencies, else case-folded),
    the set of photographers (exactly as published) and the date."""
    cap = parse_caption(row["caption"], agencies=agencies)
    credit = cap.credit
    got_credit = bare_credit_text(credit.raw) if credit is not None else ""
    got_orgs = credited_organisations(credit)
    got_people = credit.photographers if credit is not None else ()
    want_orgs = [a for a in row["agency"].split("; ") if a.strip()]
    want_people = [p for p in row["photographers"].split("; ") if p.strip()]
    got_date = cap.date.isoformat() if cap.date is not None else ""
    return LabelledVerdict(
        caption=cap,
        credit=got_credit == row["credit"].strip(),
        agency={_org_key(a, agencies) for a in got_orgs}
        == {_org_key(a, agencies) for a in want_orgs},
        photographers=set(got_people) == set(want_people),
        date=got_date == row["date"].strip(),
        got_credit=got_credit,
        got_agencies=got_orgs,
        got_photographers=got_people,
        got_date=got_date,
    )
