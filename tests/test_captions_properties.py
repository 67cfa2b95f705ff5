"""Properties of the caption functions, for every string (Hypothesis).

The strategy mixes arbitrary text with the pieces credits are made of (brackets, labels,
agencies, slashes, dashes, names in capitals, dates), so that the credit-finding paths, not
only the no-credit path, are exercised.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdoc.captions import (
    find_date,
    format_caption,
    parse_caption,
    parse_credit,
    same_caption,
    split_credit,
)
from newsdoc.captions._parse import _is_caps, _is_name_token

_PIECES = [
    "(", ")", "[", "]", "/", " / ", " | ", "; ", ", ", " - ", " — ", ". ", " ", "\u00a0",
    "(AFP)", "(Photo by ", "Photo: ", "Photo by ", "Credit: ", "Credit ", "Image: ",
    "Courtesy of ", "Copyright ", "©", "AFP", "AP", "AP Photo", "REUTERS", "Reuters",
    "Getty Images", "Getty", "EPA", "SPA", "dpa", "WAM", " via ", "File", "file", "FILE - ",
    "Supplied", "Handout", "MANDATORY CREDIT.", "Alexander NEMENOV", "Jon Super", "H.",
    "the UK", "told", "with", "'s account on X", "@user", "for The Times", "Stringer",
    "December 19, 2024", "22 January 2024", "Dec. 21", "2019", "Tuesday", "May",
]
_CHARS = list("aZ9 .,:'/()[]-|@éİß\u00a0\t\u200b")
_CAPTION_LIKE = st.lists(st.sampled_from(_PIECES + _CHARS), max_size=16).map("".join)
ANY_LINE = st.one_of(_CAPTION_LIKE, st.text())


@settings(max_examples=200)
@given(ANY_LINE)
def test_roundtrip_format_caption(raw: str) -> None:
    """``format_caption(parse_caption(s)) == s`` for every string; parsing never raises."""
    assert format_caption(parse_caption(raw)) == raw


@settings(max_examples=200)
@given(ANY_LINE)
def test_idempotent_text_has_no_credit(raw: str) -> None:
    """The text part of a parsed caption has no credit left: parsing it again finds none and
    gives the same text back."""
    cap = parse_caption(raw)
    again = parse_caption(cap.text)
    assert again.credit is None
    assert again.text == cap.text
    assert split_credit(cap.text) == (cap.text, None)


@settings(max_examples=200)
@given(ANY_LINE)
def test_credit_is_the_end_of_the_line(raw: str) -> None:
    """The credit is the end of the line as published and the text its beginning; no credit
    is ever empty."""
    cap = parse_caption(raw)
    assert raw.strip().startswith(cap.text)
    assert (cap.text, cap.credit) == split_credit(raw)
    if cap.credit is not None:
        assert cap.credit.raw.strip()
        assert raw.rstrip().endswith(cap.credit.raw)


@settings(max_examples=200)
@given(ANY_LINE)
def test_total_parse_credit(raw: str) -> None:
    """``parse_credit`` never raises; it gives ``None`` exactly for blank strings, and a
    credit whose ``raw`` is the stripped input otherwise."""
    credit = parse_credit(raw)
    if raw.strip():
        assert credit is not None
        assert credit.raw == raw.strip()
    else:
        assert credit is None


@settings(max_examples=200)
@given(ANY_LINE)
def test_dates_are_never_invented(raw: str) -> None:
    """Without a reference date, a date is found only where the text writes its year."""
    date = find_date(raw)
    if date is not None:
        assert str(date.year) in raw


@settings(max_examples=200)
@given(ANY_LINE, st.sampled_from([" ", "\u00a0", "  ", "\t", " \u00a0 "]))
def test_same_caption_ignores_whitespace(raw: str, space: str) -> None:
    """Copies that differ only in whitespace runs, non-breaking spaces and leading or
    trailing spaces are the same caption; a copy with one more character is not."""
    copy = space + space.join(raw.split()) + space
    assert same_caption(raw, copy)
    assert not same_caption(raw, raw + "x")


_TOKEN = st.text(alphabet=st.sampled_from(list("aAzZ.-'’@_1éÉİıßǅⓐ\u212a")), max_size=8)


@settings(max_examples=200)
@given(st.one_of(_TOKEN, st.text(max_size=8)))
def test_fast_word_tests_agree_with_their_definitions(token: str) -> None:
    """The word tests' fast paths (ASCII, all letters) give what their definitions give:
    capitals are two letters or more, all upper case, no period; a name token is a
    capitalised word whose letters remain once ``'``, ``’``, ``.`` and ``-`` are removed."""
    letters = [c for c in token if c.isalpha()]
    assert _is_caps(token) == (
        len(letters) >= 2 and all(c.isupper() for c in letters) and "." not in token
    )
    if token[:1] != "@":
        core = token.replace("'", "").replace("’", "").replace(".", "").replace("-", "")
        assert _is_name_token(token) == (token[:1].isupper() and core.isalpha())
