"""Caption and credit utilities (public namespace).

Split a photo caption into its text and its credit, tell the photographer from the agency,
find the date the caption states, and compare the two copies of a repeated caption.

>>> from newsdoc.captions import parse_caption
>>> cap = parse_caption("Vladimir Putin in Moscow on December 19, 2024. "
...                     "(Photo by Alexander NEMENOV / AFP)")
>>> cap.text, cap.credit.photographers, cap.credit.agency, cap.date
('Vladimir Putin in Moscow on December 19, 2024.', ('Alexander NEMENOV',), 'AFP',
 datetime.date(2024, 12, 19))

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime

from newsdoc._models import Caption, Credit
from newsdoc.captions import _dates, _fast, _parse
from newsdoc.captions._agencies import KNOWN_AGENCIES, Agencies

__all__ = [
    "KNOWN_AGENCIES",
    "Agencies",
    "display_name",
    "find_date",
    "format_caption",
    "parse_caption",
    "parse_credit",
    "same_caption",
    "split_credit",
]


def split_credit(raw: str, *, agencies: Agencies = KNOWN_AGENCIES) -> tuple[str, Credit | None]:
    """Split a caption line into its text and the credit at its end.

    The credit is everything credit-like at the end of the line: ``(Photo by NAME / AFP)``,
    ``(AFP)``, ``Photo: SOURCE``, ``- Reuters``, ``REUTERS/NAME``, ``NAME/EPA``,
    ``AP Photo/NAME, File``, ``NAME/AFP via Getty Images``, ``Credit: ...`` and the other
    forms listed in ``docs/captions.md``. When a line stacks two credits
    (``(AP Photo/NAME) AP Photo``) both belong to the credit, so the text never ends in one.
    An agency or newspaper named inside a sentence ("in an interview with Asharq Al-Awsat",
    "told Reuters") is not a credit.

    Args:
        raw: The caption as published.
        agencies: The table of known agencies (:data:`KNOWN_AGENCIES` or an extension of it).

    Returns:
        The text, without the credit, the separator before it (a space or a dash) and
        surrounding whitespace; and the credit, or ``None`` when the line has none.
        ``Credit.raw`` is the credit exactly as published, brackets and label included.

    Raises:
        Nothing: every string is accepted; the time taken grows linearly with its length.

    >>> split_credit("Saudi flag - Reuters")
    ('Saudi flag', Credit(raw='Reuters', photographers=(), agency='Reuters',
     kind=<CreditKind.AGENCY: 'agency'>, source=None, file_photo=False, handout=False,
     agencies=('Reuters',)))
    >>> split_credit("Bathily in an interview with Asharq Al-Awsat")
    ('Bathily in an interview with Asharq Al-Awsat', None)
    """
    return _fast.split(raw, agencies)


def parse_credit(raw: str, *, agencies: Agencies = KNOWN_AGENCIES) -> Credit | None:
    """Parse a credit printed on its own, apart from the caption ("Fredrik Persson/AP").

    Unlike :func:`split_credit`, which must decide whether a caption ends in a credit at all,
    this takes the whole string as the credit and only sorts out its parts. Brackets, a
    leading dash and a label (``Photo:``, ``Credit:``, ``Courtesy of``) are allowed.

    Args:
        raw: The credit.
        agencies: The table of known agencies.

    Returns:
        The credit (its ``raw`` is ``raw`` without surrounding whitespace), or ``None`` when
        ``raw`` is blank.

    Raises:
        Nothing.

    >>> c = parse_credit("Fredrik Persson/AP")
    >>> c.photographers, c.agency, c.kind.value
    (('Fredrik Persson',), 'AP', 'photographer-agency')
    >>> parse_credit("REUTERS").agency, parse_credit("LightRocket via Getty Images").source
    ('Reuters', 'LightRocket')
    """
    return _parse.parse_bare_credit(raw, agencies)


def find_date(text: str, *, reference: datetime.date | None = None) -> datetime.date | None:
    """The date a caption states for its photo.

    Recognised: a month name with a day and a year, either order, abbreviated or not, with or
    without ordinal and comma ("December 19, 2024", "22 January 2024", "Dec. 21, 2022",
    "January 3rd, 2026", "Monday, 28 April 2025"), and ISO dates ("2024-12-19"). The first
    complete one wins. A bare number, a weekday, a month with only a year ("October 2011") or
    a year alone is never a date.

    A day and month without a year ("on July 29") gives a date only when ``reference`` is
    given (typically the article's publication date) and the text states no complete date:
    the year is the reference's, or the one before when that would put the photo after the
    reference.

    Args:
        text: The caption (or its text part).
        reference: The date the caption was published, to complete year-less dates.

    Returns:
        The date, or ``None``.

    Raises:
        Nothing.

    >>> find_date("Putin in Moscow on December 19, 2024."), find_date("on Tuesday, in 2019")
    (datetime.date(2024, 12, 19), None)
    >>> find_date("The tech conference in Denver on July 29.",
    ...           reference=datetime.date(2025, 3, 1))
    datetime.date(2024, 7, 29)
    """
    return _dates.find_date(text, reference)


def parse_caption(
    raw: str,
    *,
    reference: datetime.date | None = None,
    agencies: Agencies = KNOWN_AGENCIES,
) -> Caption:
    """Parse a caption line: its text, its credit and the date it states.

    ``format_caption(parse_caption(s)) == s`` for every string ``s``. ``span`` is left
    ``None``: readers set it.

    Args:
        raw: The caption as published.
        reference: The publication date, used only to complete year-less dates
            (see :func:`find_date`).
        agencies: The table of known agencies.

    Returns:
        The caption; ``text`` and ``credit`` as from :func:`split_credit`, ``date`` from
        :func:`find_date` applied to the text.

    Raises:
        Nothing: every string is accepted.

    >>> cap = parse_caption("Turkish forces near Tripoli, October 14, 2019 (Getty Images)")
    >>> cap.text, cap.credit.agency, cap.credit.kind.value, cap.date
    ('Turkish forces near Tripoli, October 14, 2019', 'Getty Images', 'agency',
     datetime.date(2019, 10, 14))
    """
    text, credit = _fast.split(raw, agencies)
    return Caption(raw=raw, text=text, credit=credit,
                   date=_dates.find_date(text, reference))


def format_caption(caption: Caption) -> str:
    """The caption line as published.

    For a caption from :func:`parse_caption` this is ``caption.raw``, exactly. When the
    caption was built or changed by hand so that ``raw`` no longer holds its text and credit,
    the line is rebuilt as the text, a space and ``credit.raw``.

    Args:
        caption: The caption.

    Returns:
        The line.

    Raises:
        Nothing.

    >>> from newsdoc import Caption, Credit
    >>> format_caption(Caption(raw="", text="Saudi flag", credit=Credit(raw="(SPA)")))
    'Saudi flag (SPA)'
    """
    raw, text, credit = caption.raw, caption.text, caption.credit
    core = raw.strip()
    if credit is None:
        if core == text:
            return raw
        return text
    if (core.startswith(text) and credit.raw in core[len(text):]) or (
        core.startswith(credit.raw) and core.endswith(text)
    ):
        return raw
    if not text:
        return credit.raw
    return f"{text} {credit.raw}"


def same_caption(a: str, b: str) -> bool:
    """Whether two copies of a caption are the same caption.

    The repeated page header prints each caption twice; the copies may differ in whitespace:
    runs of spaces, non-breaking and other Unicode spaces, zero-width spaces, and leading or
    trailing spaces. Nothing else is forgiven.

    Args:
        a: One copy.
        b: The other.

    Returns:
        ``True`` when they are equal once every run of whitespace is one space and the ends
        are trimmed.

    Raises:
        Nothing.

    >>> same_caption(" Saudi flag\\u00a0- Reuters", "Saudi flag -  Reuters ")
    True
    >>> same_caption("Saudi flag - Reuters", "Saudi flag - AFP")
    False
    """
    return _parse.same_text(a, b)


def display_name(name: str) -> str:
    """A name as it should be displayed: words published in capitals get ordinary case.

    Agencies publish surnames, or whole names, in capitals ("Alexander NEMENOV",
    "GHULAM RASOOL"). The credit keeps them as published; this gives the display form.
    Words in mixed case, initials ("J.", "H.W.") and lowercase handles are kept as they are.

    Args:
        name: A name, typically from ``Credit.photographers``.

    Returns:
        The display form.

    Raises:
        Nothing.

    >>> display_name("Alexander NEMENOV"), display_name("ABDUL AL-MAJEED O'NEIL")
    ('Alexander Nemenov', "Abdul Al-Majeed O'Neil")
    >>> display_name("Edgar H. Clemente"), display_name("evgenyb")
    ('Edgar H. Clemente', 'evgenyb')
    """
    return " ".join(_display_word(w) for w in name.split(" "))


def _display_word(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters) or "." in word:
        return word
    out: list[str] = []
    start = True
    for c in word:
        out.append(c.upper() if start else c.lower())
        start = not c.isalpha()
    return "".join(out)
