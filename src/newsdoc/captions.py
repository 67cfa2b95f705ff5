"""Caption and credit utilities (public namespace).

Placeholder handling the credit forms of the seed files; completed by the captions issue.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import regex

from newsdoc._models import Caption, Credit, CreditKind

__all__ = ["format_caption", "parse_caption", "split_credit"]

_PHOTO_BY = regex.compile(r"\s*\(Photo by (?P<name>[^()/]+?) / (?P<agency>[^()/]+)\)\s*$")
_AGENCY = regex.compile(r"\s*\((?P<agency>Getty Images|AFP|AP|Reuters|EPA|SPA)\)\s*$")
_LABEL = regex.compile(r"\s*Photo: (?P<source>[^\n]+?)\s*$")


def split_credit(raw: str) -> tuple[str, Credit | None]:
    """Split a caption line into its text and its credit.

    Args:
        raw: The caption as published.

    Returns:
        The caption text without the credit, and the credit (``None`` when there is none).

    Raises:
        Nothing: any string is accepted.

    >>> split_credit("Turkish forces near Tripoli (Getty Images)")[1].agency
    'Getty Images'
    """
    m = _PHOTO_BY.search(raw)
    if m:
        return raw[: m.start()], Credit(raw=raw[m.start():].strip(),
                                        photographers=(m["name"],), agency=m["agency"],
                                        kind=CreditKind.PHOTOGRAPHER_AGENCY)
    m = _AGENCY.search(raw)
    if m:
        return raw[: m.start()], Credit(raw=raw[m.start():].strip(), agency=m["agency"],
                                        kind=CreditKind.AGENCY)
    m = _LABEL.search(raw)
    if m:
        source = m["source"]
        kind = CreditKind.SOCIAL_MEDIA if "account on" in source else CreditKind.LABELLED
        return raw[: m.start()], Credit(raw=raw[m.start():].strip(), source=source, kind=kind)
    return raw, None


def parse_caption(raw: str) -> Caption:
    """Parse a caption line into a :class:`~newsdoc.Caption`.

    Raises:
        Nothing: any string is accepted.
    """
    text, credit = split_credit(raw)
    return Caption(raw=raw, text=text, credit=credit)


def format_caption(caption: Caption) -> str:
    """Give the caption line back exactly as published.

    Raises:
        Nothing.
    """
    return caption.raw
