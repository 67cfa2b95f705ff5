"""Properties of the caption functions, for every string (Hypothesis).

The strategy mixes arbitrary text with the pieces credits are made of (brackets, labels,
agencies, slashes, dashes, names in capitals, dates), so that the credit-finding paths, not
only the no-credit path, are exercised.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdoc.captions import (
    KNOWN_AGENCIES,
    _fast,
    _parse,
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
def test_credit_and_text_are_parts_of_the_line(raw: str) -> None:
    """The credit is a part of the line as published, after the text (which begins the
    line) or, for a credit at the start of the line, before it (the text then ends the
    line); no credit is ever empty."""
    cap = parse_caption(raw)
    core = raw.strip()
    assert (cap.text, cap.credit) == split_credit(raw)
    if cap.credit is None:
        assert cap.text == core
        return
    assert cap.credit.raw.strip()
    if core.startswith(cap.text) and cap.credit.raw in core[len(cap.text):]:
        return
    assert core.startswith(cap.credit.raw)
    assert core.endswith(cap.text)


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


# --- the fast path -----------------------------------------------------------------------

_SENTENCES = st.sampled_from([
    "Troops patrol the border on May 7, 2025.", "The minister speaks in Riyadh.",
    "Rescue teams search the rubble", "Delegates arrive for the summit in Abu Dhabi.",
    "Voters queue in Lahore, N.Y.", "A woman walks past the museum in the old city",
    "Talks resume in Geneva. The envoy said.", "Crowds gather outside the Royal Court.",
    "The photo shows the harbour.", "Fans cheer (left) at the stadium.", "",
    "A handout photo released by the palace shows the king.", "Photo: the envoy (R) talks.",
    "In this file photo, the envoy (L) talks to the press in Riyadh",
    "The minister (C) arrives. Image courtesy of the ministry", "Crowds (AFP) By John Smith",
    "A protest (Reuters). August 20, 2011", "Fans cheer at the stadium (Photo by",
    "Credit: the ministry said on Monday it would", "Protesters in Beirut. Credit Photo Staff",
])
_NAMES = st.sampled_from([
    "Ana RIVERA", "Omar Hassan", "Edgar H. Clemente", "Kim Kyung-Hoon", "UK Jon Super",
    "Mohamed al-Amri", "Thaier al-Sudani", "Credit Kevin Frayer", "Photo Staff", "Stringer",
    "Afp", "Royal Court", "Finbarr O'Reilly", "JOHN MORE", "Byron Smith", "Sgt. Joshua Risner",
])
_AGENCY_NAMES = st.sampled_from([
    "AFP", "Reuters", "REUTERS", "AP", "AP Photo", "EPA", "SPA", "Getty Images", "Getty",
    "dpa", "epa", "The Associated Press", "Anadolu Agency", "WANA", "Xinhua", "CBC",
])
_CREDIT_SHAPES = st.sampled_from([
    "({a})", "(Photo by {n} / {a})", "({a}/{n})", "({n}/{a})", "({a} Photo/{n})",
    "(Image: {a})", "(Photo: {n}/{a})", "{a}/{n}", "{n}/{a}", "{n}/{a} via Getty Images",
    "{n}/{a}/{a}", "Photo by {n} / {a} via Getty Images", "Photo: {n}, {a}", "Photo: {n}",
    "Credit: {a}", "{a}", "Photo by {n}", "({n}/{a}) less", "{a}/ {n}", "- {a}",
    "({a}).", "{n}", "({n})",
])


@st.composite
def _common_captions(draw: st.DrawFn) -> str:
    """A sentence, a separator and a credit in one of the common shapes (or none)."""
    shape = draw(_CREDIT_SHAPES).format(n=draw(_NAMES), a=draw(_AGENCY_NAMES))
    sep = draw(st.sampled_from([" ", ". ", "  ", " - ", ""]))
    return draw(_SENTENCES) + sep + draw(st.sampled_from([shape, "", shape + " "]))


@settings(max_examples=300)
@given(st.one_of(_common_captions(), ANY_LINE))
def test_fast_path_agrees_with_the_general_parser(raw: str) -> None:
    """Wherever the fast path answers, it gives exactly what the general parser gives (text
    and credit, every field); on the other lines it does not answer."""
    fast = _fast.fast_split(raw, KNOWN_AGENCIES)
    if fast is not None:
        assert fast == _parse.split(raw, KNOWN_AGENCIES)
