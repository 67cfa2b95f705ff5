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

from newsdoc import Credit
from newsdoc.captions import KNOWN_AGENCIES, Agencies, parse_credit, split_credit

__all__ = ["Verdict", "judge", "normalize_credit", "read_tsv"]

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
