"""Finding the date a photo caption states ("on December 19, 2024", "22 January 2024").

A cheap guard (a digit somewhere, then a scan for month-name prefixes) finds where a date may
start; the full pattern runs only around its hits, and only accepts a month name next to a
day number, so a bare number, a weekday or a year alone is never a date. Month names come from
python-dateutil's :class:`~dateutil.parser.parserinfo` (which also resolves them), ISO dates
go through :func:`dateutil.parser.isoparse`. dateutil's general-purpose ``parse()`` is not
called per caption: it costs tens of microseconds a call, more than the rest of the parse
(see ``benchmarks/captions.py``), and the pattern has already fixed every field.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from dateutil.parser import isoparse, parserinfo

__all__ = ["find_date"]

_INFO = parserinfo()  # read-only: only its month table is used


def _month_alternatives() -> str:
    names: set[str] = set()
    for forms in _INFO.MONTHS:
        for form in forms:
            names.update((form, form.upper()))
            if len(form) <= 4:  # an abbreviation may end with a period: "Dec.", "Sept."
                names.update((form + ".", form.upper() + "."))
    ordered = sorted(names, key=len, reverse=True)
    return "|".join(re.escape(n) for n in ordered)


_LETTER = r"[^\W\d_]"
_MONTH = rf"(?<!{_LETTER})(?<!\d)(?:{_month_alternatives()})(?!{_LETTER})"
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?(?![^\W_])"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)(?!\d)"
_SPACE = r"[ \t\u00a0]{1,3}"

_DATE = re.compile(
    rf"""
    (?P<mdy_m>{_MONTH}){_SPACE}(?P<mdy_d>{_DAY})(?:(?:,(?:{_SPACE})?|{_SPACE})(?P<mdy_y>{_YEAR}))?
    | (?<![\d.,])(?P<dmy_d>{_DAY}){_SPACE}(?:of{_SPACE})?(?P<dmy_m>{_MONTH})
        (?:,?{_SPACE}(?P<dmy_y>{_YEAR}))?
    | (?<![\d-])(?P<iso>{_YEAR}-[01]\d-[0-3]\d)(?![\d-])
    """,
    re.VERBOSE,
)
# The cheap guard: a date has a digit, and a month name (whose first three letters are one
# of these) or an ISO form. A pattern of plain literals (which the engine scans for fast)
# finds the month names; only around its hits does the full pattern run.
_DIGIT = re.compile(r"[0-9]")
_GUARD = re.compile("|".join(sorted({f[:3] for forms in _INFO.MONTHS for f in forms}
                                    | {f[:3].upper() for forms in _INFO.MONTHS for f in forms})))
_ISO = re.compile(r"(?<![\d-])\d{4}-[01]\d-[0-3]\d")
_BEFORE = 12  # the longest day-first prefix: "31st of " and its spaces
_AFTER = 48  # past the longest match after a month's start, plus look-ahead room


def _day(text: str) -> int:
    return int(text.rstrip("stndrh"))


# Month name (lowercase) -> number, as ``parserinfo.month`` resolves it, built once.
_MONTH_NUMBERS = {form.lower(): i + 1 for i, forms in enumerate(_INFO.MONTHS) for form in forms}


def _month(text: str) -> int | None:
    return _MONTH_NUMBERS.get(text.rstrip(".").lower())


def _candidate(m: re.Match[str]) -> tuple[int | None, int | None, int] | None:
    """(year or None, month, day) of a match, or None when it is not a possible date."""
    mdy_m, mdy_d, mdy_y, dmy_d, dmy_m, dmy_y, iso = m.groups()  # one call, not seven
    if iso is not None:
        try:
            d = isoparse(iso).date()
        except (ValueError, OverflowError):
            return None
        return d.year, d.month, d.day
    if mdy_m is not None:
        month, day, year = mdy_m, mdy_d, mdy_y
    else:
        month, day, year = dmy_m, dmy_d, dmy_y
    return (int(year) if year else None), _month(month), _day(day)


def _make(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _hits(text: str) -> list[int]:
    """Where a date may start (a month name's first letters, an ISO date), in order."""
    if _DIGIT.search(text) is None:
        return []
    hits = [m.start() for m in _GUARD.finditer(text)]
    if "-" in text:
        hits.extend(m.start() for m in _ISO.finditer(text))
        hits.sort()
    return hits


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The full pattern's matches near the guard's hits, in order, each once."""
    done = 0
    for p in _hits(text):
        if p < done:
            continue
        end = min(len(text), p + _AFTER)
        before = text[max(done, p - _BEFORE):p]
        if _DIGIT.search(before) is not None:  # perhaps day first: "22 January 2024"
            m = _DATE.search(text, max(done, p - _BEFORE), end)
        else:  # month first ("December 19, 2024") or ISO: anchored, no scanning
            m = _DATE.match(text, p, end)
        if m is not None:
            done = m.end()
            yield m


# Words that make the date after them the date of something else than the photo: "(issued
# 15 August 2017)", "a picture made available on March 30, 2003".
_NOT_THE_PHOTO = ("issued", "made available", "released on", "published", "posted",
                  "uploaded", "updated")


def _other_event(text: str, start: int) -> bool:
    before = text[max(0, start - 28):start].lower()
    return any(word in before for word in _NOT_THE_PHOTO)


def find_date(text: str, reference: datetime.date | None = None) -> datetime.date | None:
    """The first complete date ``text`` states; see :func:`newsdoc.captions.find_date`."""
    yearless: tuple[int, int] | None = None
    for m in _matches(text):
        if _other_event(text, m.start()):
            continue
        found = _candidate(m)
        if found is None:
            continue
        year, month, day = found
        if month is None:
            continue
        if year is not None:
            date = _make(year, month, day)
            if date is not None:
                return date
        elif yearless is None and reference is not None:
            yearless = (month, day)
    if yearless is None or reference is None:
        return None
    month, day = yearless
    date = _make(reference.year, month, day)
    if date is not None and date > reference:
        date = _make(reference.year - 1, month, day)
    return date
