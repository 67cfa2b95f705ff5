"""The ``json`` format streams: a cut-off or damaged array keeps every complete document."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdoc
from newsdoc import Document, Paragraph, Severity
from newsdoc.exceptions import ParseError
from newsdoc.testing import documents

DOCS = [Document(title=f"Title {i}", paragraphs=(Paragraph(text=f"Body {i} \"quoted\" [x]."),))
        for i in range(5)]


def _ends(docs: list[Document]) -> list[int]:
    """Offset just past each document in ``dumps(docs, "json")``: ``[``, then each document
    on its own line, separated by commas."""
    ends, pos = [], 1
    for doc in docs:
        pos += 1 + len(newsdoc.dumps([doc], "jsonl").rstrip("\n"))
        ends.append(pos)
        pos += 1
    return ends


def _where(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


@settings(max_examples=50)
@given(st.lists(documents(), min_size=1, max_size=4), st.data())
def test_cut_array_keeps_every_complete_document(docs: list[Document],
                                                  data: st.DataObject) -> None:
    """``dumps(docs, "json")`` cut anywhere before its end reads (lenient) as exactly the
    documents complete before the cut, then one error document whose ``truncated-json``
    diagnostic gives the line and column of the cut; a strict read raises ``ParseError``
    there. Cut at 0 (no input) it reads as nothing."""
    text = newsdoc.dumps(docs, "json")
    assert text.endswith("\n]\n")
    cut = data.draw(st.integers(1, len(text) - 3), label="cut")
    data_bytes = text[:cut].encode()
    got = newsdoc.read(io.BytesIO(data_bytes), "json")
    complete = [d for d, end in zip(docs, _ends(docs), strict=True) if end <= cut]
    assert got[:-1] == complete
    (diag,) = got[-1].diagnostics
    line, column = _where(text, cut)
    assert (got[-1].title, diag.code, diag.severity) == ("", "truncated-json", Severity.ERROR)
    assert f"line {line}, column {column}" in diag.message
    with pytest.raises(ParseError) as info:
        newsdoc.read(io.BytesIO(data_bytes), "json", strict=True)
    assert (info.value.code, info.value.line, info.value.column) == ("truncated-json", line,
                                                                     column)


def test_truncated_file_on_disk(tmp_path: object) -> None:
    text = newsdoc.dumps(DOCS, "json")
    cut = text.index("Title 3")  # inside the fourth document
    path = tmp_path / "cut.json"  # type: ignore[operator]
    path.write_text(text[:cut], encoding="utf-8")
    got = newsdoc.read(path)
    assert got[:3] == DOCS[:3]
    bad = got[3]
    assert bad.source is not None and bad.source.span is not None
    assert bad.source.span.line == 5  # the cut document starts on line 5
    assert bad.diagnostics[0].text == text[text.rindex("\n", 0, cut) + 1:cut]
    assert bad.diagnostics[0].path == str(path)


def test_a_damaged_element_costs_only_itself() -> None:
    lines = newsdoc.dumps(DOCS, "json").split("\n")
    lines[2] = lines[2].replace('"title"', "title")  # element 1: invalid JSON
    lines[3] = lines[3].replace('"Title 2"', "2")  # element 2: not a newsdoc document
    got = newsdoc.loads("\n".join(lines), "json")
    assert [d.title for d in got] == ["Title 0", "", "", "Title 3", "Title 4"]
    assert [d.diagnostics[0].code for d in got[1:3]] == ["invalid-json", "schema-error"]
    assert [d.diagnostics[0].span.line for d in got[1:3]] == [3, 4]  # type: ignore[union-attr]
    with pytest.raises(ParseError) as info:
        newsdoc.loads("\n".join(lines), "json", strict=True)
    assert (info.value.code, info.value.line) == ("invalid-json", 3)


class _Counting(io.RawIOBase):
    """A stream that counts the bytes read from it."""

    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        n = self.data.readinto(buffer)
        self.consumed += n
        return n


def test_documents_come_out_before_the_array_is_read_whole() -> None:
    doc = Document(title="T", paragraphs=(Paragraph(text="x" * 1000),))
    data = newsdoc.dumps([doc] * 10_000, "json").encode()  # about 10 MB
    stream = _Counting(data)
    first = next(newsdoc.iter_read(io.BufferedReader(stream), "json"))
    assert first == doc
    assert stream.consumed <= 3 * (1 << 20)  # a few chunks of input, not the whole
