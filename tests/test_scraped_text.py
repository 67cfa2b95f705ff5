"""The scraped-text reader and writer on invented fixtures, one for each variant that
../shared/FORMAT.md lists."""

from __future__ import annotations

import io
from collections.abc import Callable

import attrs
import pytest

import newsdoc
from newsdoc import Severity
from newsdoc._models import _fast_paragraph, _fast_span
from newsdoc.captions import parse_caption, same_caption
from newsdoc.exceptions import ParseError

CAP_A = "Fishermen mend nets at the old port of Marsa on May 2, 2023. (Photo by Jo KANE / AFP)"
CAP_B = "The harbour master speaks to reporters (Getty Images)"
TITLE = "Port Authority Plans New Breakwater"
BODY = ["The port authority said on Monday it would build a new breakwater.",
        "Work is due to start next spring.", "“We have waited long enough,” one captain said."]


def article(title: str = TITLE, caps: tuple[str, ...] = (CAP_A,), chrome: tuple[str, ...] = ("TT",),
            body: list[str] = BODY, sep: str = "\n\n", title2: str | None = None,
            header2: list[str] | None = None) -> str:
    header = [c for cap in caps for c in (cap, cap)]
    zone1 = [*header, *chrome]
    lines = [title, ""] + ([*zone1, ""] if zone1 else [])
    lines.append(title if title2 is None else title2)
    h2 = header if header2 is None else header2
    if h2:
        lines += ["", *h2]
    return "\n".join(lines) + ("\n\n" + sep.join(body) if body else "")


def read(text: str, **kw: bool) -> list[newsdoc.Document]:
    return newsdoc.loads(text, "scraped-text", **kw)


def problems(doc: newsdoc.Document) -> list[str]:
    return [d.code for d in doc.diagnostics if d.severity is not Severity.INFO]


def codes(doc: newsdoc.Document) -> list[str]:
    return [d.code for d in doc.diagnostics]


def assert_exact(text: str) -> list[newsdoc.Document]:
    docs = read(text)
    assert newsdoc.dumps(docs, "scraped-text") == text
    return docs


def test_basic_article_blank_line_paragraphs() -> None:
    (doc,) = assert_exact(article())
    assert doc.title == TITLE
    assert [p.text for p in doc.paragraphs] == BODY
    assert doc.captions == (parse_caption(CAP_A),)
    assert doc.chrome == ("TT",)
    assert doc.diagnostics == ()
    assert read(article(), strict=True) == [doc]


def test_single_newline_paragraphs() -> None:
    (doc,) = assert_exact(article(sep="\n"))
    assert [p.text for p in doc.paragraphs] == BODY
    assert doc.layout is not None and doc.layout.paragraph_separators == ("\n", "\n")


def test_mixed_paragraph_separators_kept() -> None:
    text = article(body=["One.", "Two.\nThree.", "Four."], sep="\n\n")
    (doc,) = assert_exact(text)
    assert [p.text for p in doc.paragraphs] == ["One.", "Two.", "Three.", "Four."]


def test_title_with_trailing_space() -> None:
    (doc,) = assert_exact(article(title=TITLE + " "))
    assert doc.title == TITLE + " "
    assert doc.diagnostics == ()


def test_caption_first_copy_with_leading_space() -> None:
    text = article().replace(CAP_A + "\n" + CAP_A, " " + CAP_A + "\n" + CAP_A)
    (doc,) = assert_exact(text)
    assert len(doc.captions) == 1
    assert doc.captions[0].raw == CAP_A
    assert doc.diagnostics == ()


def test_caption_without_credit() -> None:
    cap = "The minister in an exclusive interview with the Harbour Gazette"
    (doc,) = assert_exact(article(caps=(cap,)))
    assert doc.captions[0].raw == cap
    assert doc.captions[0] == parse_caption(cap)


@pytest.mark.parametrize("cap", [
    "A flag flies over the ministry - Reuters",
    "The envoy meets local leaders - (UNSMIL)",
    "Rescue teams search the rubble (File/AP)",
    "The delegation arrives at the airport (SPA)",
    "Riot police stand guard (EPA)",
    "FILE - Voters queue outside a school, October 14, 2019. (AP Photo/Sam Ortiz, File)",
    "The summit opens in the capital, 22 January 2024",
])
def test_caption_credit_variants_are_parsed_by_the_caption_parser(cap: str) -> None:
    (doc,) = assert_exact(article(caps=(cap,)))
    assert doc.captions == (parse_caption(cap),)
    assert doc.captions[0].raw == cap
    assert problems(doc) == []


def test_same_article_with_and_without_counter() -> None:
    text = article(chrome=("TT", "20")) + "\n\n\n\n" + article(chrome=("TT",))
    first, second = assert_exact(text)
    assert first.chrome == ("TT", "20")
    assert second.chrome == ("TT",)
    assert (first.title, first.captions, first.paragraphs) == (
        second.title, second.captions, second.paragraphs)


def test_second_related_article_after_three_blank_lines() -> None:
    other = article(title="Breakwater Contract Goes to Local Firm", caps=(CAP_B,), body=["X."])
    docs = assert_exact(article() + "\n\n\n\n" + other)
    assert [d.title for d in docs] == [TITLE, "Breakwater Contract Goes to Local Firm"]
    assert docs[1].source is not None and docs[1].source.span is not None
    assert docs[1].source.span.line == article().count("\n") + 5


@pytest.mark.parametrize("chrome", [("TT",), ("TT", "20"), ()])
def test_article_without_photo(chrome: tuple[str, ...]) -> None:
    (doc,) = assert_exact(article(caps=(), chrome=chrome))
    assert doc.captions == ()
    assert [p.text for p in doc.paragraphs] == BODY
    assert problems(doc) == []


def test_several_photos() -> None:
    (doc,) = assert_exact(article(caps=(CAP_A, CAP_B)))
    assert [c.raw for c in doc.captions] == [CAP_A, CAP_B]


def test_caption_that_appears_only_once() -> None:
    text = article(caps=(CAP_A, CAP_B)).replace(CAP_B + "\n" + CAP_B, CAP_B)
    (doc,) = assert_exact(text)
    assert [c.raw for c in doc.captions] == [CAP_A, CAP_B]
    assert doc.diagnostics == ()


def test_title_edited_between_the_two_copies() -> None:
    edited = "Port Authority Approves New Breakwater"
    (doc,) = read(article(title2=edited))
    assert doc.title == TITLE
    assert [p.text for p in doc.paragraphs] == BODY
    (diag,) = doc.diagnostics
    assert diag.code == "title-mismatch"
    assert diag.text == edited
    assert diag.span is not None and diag.span.line == 7
    assert newsdoc.dumps([doc], "scraped-text") == article(title2=edited)
    with pytest.raises(ParseError, match="title differs") as info:
        read(article(title2=edited), strict=True)
    assert (info.value.line, info.value.column, info.value.source_line) == (7, 1, edited)


def test_title_copies_differing_in_whitespace_only() -> None:
    (doc,) = assert_exact(article(title2=TITLE.replace(" ", "  ", 1)))
    assert doc.diagnostics == ()


def test_caption_edited_between_the_two_copies() -> None:
    changed = CAP_A.replace("mend", "repair")
    (doc,) = read(article(header2=[changed, changed]))
    assert doc.captions[0].raw == CAP_A
    assert codes(doc) == ["caption-mismatch"]
    assert doc.diagnostics[0].text == changed
    assert [p.text for p in doc.paragraphs] == BODY


@pytest.mark.parametrize("change", [
    lambda c: c.replace(" ", " \u200b", 3),  # zero-width spaces
    lambda c: c.replace(" ", "\u00a0", 2),  # no-break spaces
    lambda c: "\ufeff" + c,
])
def test_caption_copies_compared_as_captions_compares_them(
        change: Callable[[str], str]) -> None:
    """The copies of the header are compared by ``newsdoc.captions.same_caption``: copies
    it calls the same caption are not a mismatch, and the written text is exact."""
    changed = change(CAP_A)
    assert same_caption(changed, CAP_A)
    (doc,) = assert_exact(article(header2=[changed, changed]))
    assert problems(doc) == []
    assert [c.raw for c in doc.captions] == [CAP_A]
    (doc,) = assert_exact(article(title2=change(TITLE)))
    assert problems(doc) == []


def test_fast_constructors_build_what_attrs_builds() -> None:
    """The reader's hot path builds spans and paragraphs without the attrs constructor;
    they must equal, field for field (those outside equality too), what the constructor
    builds. Iterating ``attrs.fields`` makes a field added later fail here until the fast
    constructor sets it."""
    fast = _fast_paragraph("Body text.", 120, 7)
    slow = newsdoc.Paragraph(text="Body text.", span=newsdoc.Span(start=120, end=130, line=7))
    for field in attrs.fields(newsdoc.Paragraph):
        assert getattr(fast, field.name) == getattr(slow, field.name), field.name
    assert fast.span is not None and slow.span is not None
    for field in attrs.fields(newsdoc.Span):
        assert getattr(fast.span, field.name) == getattr(slow.span, field.name), field.name
        assert getattr(_fast_span(120, 130, 7), field.name) == getattr(slow.span, field.name)


def test_other_chrome_lines_around_tt() -> None:
    text = article(chrome=("TT", "20", "1.2K shares"))
    (doc,) = assert_exact(text)
    assert doc.chrome == ("TT", "20", "1.2K shares")
    before = article().replace(CAP_A + "\nTT", CAP_A + "\nShare\nTT", 1)
    (doc,) = assert_exact(before)
    assert doc.chrome == ("Share", "TT")
    assert doc.layout is not None and doc.layout.chrome_before_tt == 1
    assert [c.raw for c in doc.captions] == [CAP_A]
    assert problems(doc) == []


def test_tt_missing() -> None:
    (doc,) = assert_exact(article(chrome=()))
    assert doc.chrome == ()
    assert [c.raw for c in doc.captions] == [CAP_A]
    assert codes(doc) == ["missing-tt"]
    assert read(article(chrome=()), strict=True) == [doc]  # informational only


def test_long_line_after_tt_is_reported() -> None:
    (doc,) = read(article(chrome=("TT", "This is not a counter but a whole sentence of text.")))
    assert codes(doc) == ["suspicious-chrome"]


@pytest.mark.parametrize("lead", ["", "\n", "\n\n", "  \n", "\n\n\n\n\n"])
@pytest.mark.parametrize("gap", ["\n\n\n\n", "\n\n\n\n\n", "\n\n \n\u00a0\n\n\n"])
@pytest.mark.parametrize("tail", ["", "\n", "\n\n", " \n"])
def test_blank_lines_between_and_around_articles(lead: str, gap: str, tail: str) -> None:
    docs = assert_exact(lead + article() + gap + article(caps=(CAP_B,)) + tail)
    assert len(docs) == 2
    assert all(problems(d) == [] for d in docs)


def test_windows_line_ends() -> None:
    text = (article() + "\n\n\n\n" + article(sep="\n")).replace("\n", "\r\n")
    docs = assert_exact(text)
    assert [d.title for d in docs] == [TITLE, TITLE]
    assert docs[0].paragraphs[0].text == BODY[0]
    assert docs[0].layout is not None and docs[0].layout.newline == "\r\n"


def test_utf8_bom_is_not_part_of_the_title() -> None:
    data = b"\xef\xbb\xbf" + article().encode()
    (doc,) = newsdoc.read(io.BytesIO(data), "scraped-text")
    assert doc.title == TITLE


def test_nul_bytes_trailing_and_nonbreaking_spaces_are_kept() -> None:
    body = ["Line with a NUL \x00 byte.", "Trailing spaces   ", "Non-breaking\u00a0space\u00a0"]
    (doc,) = assert_exact(article(body=body))
    assert [p.text for p in doc.paragraphs] == body


def test_empty_and_blank_input() -> None:
    assert read("") == []
    assert read("\n\n  \n") == []
    assert newsdoc.dumps([], "scraped-text") == ""


@pytest.mark.parametrize("cut", range(1, 12))
def test_file_cut_off_inside_the_header(cut: int) -> None:
    lines = article().split("\n")
    text = "\n".join(lines[:cut])
    (doc,) = read(text)  # lenient: never raises, keeps what is there
    assert doc.title == TITLE
    assert any(d.code in ("header-not-repeated", "no-body", "captions-not-repeated")
               for d in doc.diagnostics)
    with pytest.raises(ParseError) as info:
        read(text, strict=True)
    assert info.value.line >= 1


def test_file_that_is_not_this_format() -> None:
    prose = "Dear reader,\nthis is a letter.\nIt has no header at all.\n"
    (doc,) = read(prose)
    assert doc.title == "Dear reader,"
    kept = {doc.title, *(p.text for p in doc.paragraphs), *(d.text for d in doc.diagnostics)}
    assert {"this is a letter.", "It has no header at all."} <= kept
    assert problems(doc)
    with pytest.raises(ParseError):
        read(prose, strict=True)


def test_parse_error_names_path_line_and_column(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "bad.txt"
    path.write_text(article(title2="Something else entirely different"), encoding="utf-8")
    with pytest.raises(ParseError) as info:
        newsdoc.read(path, strict=True)
    err = info.value
    assert err.path == str(path)
    assert err.line == 7
    assert str(err).startswith(f"{path}:7:1: ")
    assert "Something else entirely different" in str(err)


def test_streaming_yields_before_the_whole_file_is_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsdoc._pipeline._io.CHUNK_SIZE", 1 << 14)
    one = article().encode()
    data = b"\n\n\n\n".join([one] * 2_000)  # ~ 800 KB, 50 chunks

    class Tracking(io.BytesIO):
        def read(self, n: int | None = -1) -> bytes:
            chunk = super().read(n)
            self.max_pos = self.tell()
            return chunk

    stream = Tracking(data)
    docs = newsdoc.iter_read(stream, "scraped-text")
    first = next(docs)
    assert first.title == TITLE
    assert stream.max_pos < len(data) // 2
    assert sum(1 for _ in docs) == 1_999


def test_writer_rejects_what_the_format_cannot_hold() -> None:
    for bad in [newsdoc.Document(title=""), newsdoc.Document(title="two\nlines"),
                newsdoc.Document(title="T", paragraphs=(newsdoc.Paragraph(text=" "),))]:
        with pytest.raises(ValueError, match="cannot represent"):
            newsdoc.dumps([bad], "scraped-text")


def test_documents_built_by_hand_are_written_in_the_canonical_layout() -> None:
    doc = newsdoc.Document(title=TITLE, images=(newsdoc.Image(caption=parse_caption(CAP_A)),),
                           paragraphs=tuple(newsdoc.Paragraph(text=t) for t in BODY),
                           chrome=("TT",))
    assert newsdoc.dumps([doc, doc], "scraped-text") == article() + "\n\n\n\n" + article()
