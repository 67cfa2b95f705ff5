"""The incremental JSON array reader behind the ``json`` format (``formats/_json_array.py``)."""

from __future__ import annotations

import itertools
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdoc.formats._json_array import Element, Problem, iter_array

_text = st.text(st.sampled_from('ab "\\/[]{},:\n\t\x00\u00e9\u2028\ud7ff\U0001f600'),
                max_size=8)
_scalars = (st.none() | st.booleans() | st.integers(-10**6, 10**6)
            | st.floats(allow_nan=False, allow_infinity=False) | _text)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(_text, inner, max_size=3), max_leaves=8)
_objects = st.dictionaries(_text, _values, max_size=4)
_layouts = st.sampled_from([(",", None), (", ", None), (",\n", None), (",\r\n", None),
                            (",", 2), (" ,\n ", 1)])


def _serialise(values: list[object], sep: str, indent: int | None) -> tuple[str, list[int]]:
    """The array text and the offset just past each element."""
    parts, ends = ["[\n"], []
    pos = 2
    for i, value in enumerate(values):
        if i:
            parts.append(sep)
            pos += len(sep)
        text = json.dumps(value, indent=indent, ensure_ascii=bool(i % 2))
        parts.append(text)
        pos += len(text)
        ends.append(pos)
    parts.append("\n]")
    return "".join(parts), ends


def _pieces(text: str, cuts: list[int]) -> list[str]:
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def _where(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


@settings(max_examples=60)
@given(st.lists(_objects, max_size=5), _layouts, st.data())
def test_truncated_array_keeps_the_complete_prefix(values: list[object],
                                                    layout: tuple[str, int | None],
                                                    data: st.DataObject) -> None:
    """An array of objects cut at any offset yields exactly the objects whose closing brace
    is before the cut, in order, then one ``truncated-json`` problem placed at the cut (none
    when nothing is cut); the chunk boundaries do not matter."""
    text, ends = _serialise(values, *layout)
    cut = data.draw(st.integers(0, len(text)), label="cut")
    cuts = data.draw(st.lists(st.integers(0, cut), max_size=5), label="chunk cuts")
    items = list(iter_array(_pieces(text[:cut], cuts)))
    complete = [v for v, end in zip(values, ends, strict=True) if end <= cut]
    elements = [x for x in items if isinstance(x, Element)]
    problems = [x for x in items if isinstance(x, Problem)]
    assert [e.value for e in elements] == complete
    assert items[:len(elements)] == elements
    if cut in (0, len(text)):
        assert problems == []
    else:
        (problem,) = problems
        assert problem.code == "truncated-json"
        assert (problem.line, problem.column) == _where(text, cut)
        if problem.start is None:  # cut between elements: the text shown is around the cut
            assert problem.text and problem.text in text[:cut]
        else:  # cut inside an element: its text so far
            assert text[problem.start:cut] == problem.text


@settings(max_examples=60)
@given(st.lists(_values, max_size=5), _layouts,
       st.lists(st.integers(0, 400), max_size=8))
def test_roundtrip_values_and_positions(values: list[object], layout: tuple[str, int | None],
                                        cuts: list[int]) -> None:
    """Any JSON array of any values, fed in any chunks, yields its elements (equal to what
    ``json.loads`` gives) with their verbatim text, offset, line and column, and no problem."""
    text, ends = _serialise(values, *layout)
    items = list(iter_array(_pieces(text, cuts)))
    assert all(isinstance(x, Element) for x in items)
    assert [x.value for x in items] == json.loads(text)  # type: ignore[union-attr]
    for i, item in enumerate(items):
        assert isinstance(item, Element)
        assert item.index == i
        assert item.start + len(item.text) == ends[i]
        assert text[item.start:ends[i]] == item.text
        assert (item.line, item.column) == _where(text, item.start)


@settings(max_examples=150)
@given(st.text(st.sampled_from('[]{}",:\\ \n01truefalsenul-.eEx\ufeff')), st.data())
def test_total_any_text_in_any_chunks(text: str, data: st.DataObject) -> None:
    """Any text: the reader ends without raising, the chunking does not change what it
    yields, every problem has text to show, and when ``json.loads`` accepts the text as a
    list, the elements are that list and there is no problem."""
    whole = list(iter_array([text]))
    assert all(x.text for x in whole if isinstance(x, Problem))
    cuts = data.draw(st.lists(st.integers(0, len(text)), max_size=6))
    assert list(iter_array(_pieces(text, cuts))) == whole
    try:
        expected = json.loads(text)
    except ValueError:
        return
    if isinstance(expected, list):
        assert [x.value for x in whole if isinstance(x, Element)] == expected
        assert not [x for x in whole if isinstance(x, Problem)]


def _codes(items: list[Element | Problem]) -> list[object]:
    return [x.value if isinstance(x, Element) else x.code for x in items]


def test_an_invalid_element_is_skipped_and_the_rest_read() -> None:
    text = '[{"a": 1},\n {bad: 2},\n {"c": [3, "]"]}]'
    items = list(iter_array([text]))
    assert _codes(items) == [{"a": 1}, "invalid-json", {"c": [3, "]"]}]
    bad = items[1]
    assert isinstance(bad, Problem)
    assert (bad.text, bad.index, bad.start_line, bad.start_column) == ("{bad: 2}", 1, 2, 2)
    assert (bad.line, bad.column) == (2, 3)  # where json.loads stopped inside it
    assert bad.source_line == " {bad: 2},"


def test_separator_problems_are_reported_and_read_past() -> None:
    items = list(iter_array(['[{"a": 1} {"b": 2},, {"c": 3},] x']))
    assert _codes(items) == [{"a": 1}, "invalid-json", {"b": 2}, "invalid-json", {"c": 3},
                             "invalid-json", "invalid-json"]
    messages = [x.message for x in items if isinstance(x, Problem)]
    assert "expected ',' or ']' after element 0" in messages[0]
    assert "expected element 2, found ','" in messages[1]
    assert "no element after it" in messages[2]
    assert "extra data" in messages[3]


def test_not_an_array() -> None:
    for text in ('{"a": 1}', "\ufeff 12", "hello"):
        (problem,) = iter_array([text])
        assert isinstance(problem, Problem) and problem.code == "not-an-array"
    assert list(iter_array(["", "\ufeff", " \n "])) == []


def test_cut_between_elements_and_inside_a_scalar() -> None:
    (_, cut) = iter_array(['[{"a": 1},', "\n"])
    assert isinstance(cut, Problem) and cut.code == "truncated-json"
    assert (cut.line, cut.column, cut.text, cut.start) == (2, 1, '[{"a": 1},', None)
    assert "expected a value" in cut.message
    (_, cut) = iter_array(['[{"a": 1}, 12'])  # 12 may be the start of 123: not complete
    assert isinstance(cut, Problem) and (cut.code, cut.text, cut.index) == ("truncated-json",
                                                                            "12", 1)


def test_an_element_over_the_limit_is_skipped_without_being_kept() -> None:
    big = '{"a": "' + "x" * 1000 + '"}'
    chunks = ["[", *(big[i:i + 7] for i in range(0, len(big), 7)), ', {"b": 1}]']
    items = list(iter_array(chunks, max_element_size=100))
    assert _codes(items) == ["element-too-large", {"b": 1}]
    assert isinstance(items[0], Problem) and items[0].text == big[:100]
    assert isinstance(items[1], Element) and items[1].start == 1 + len(big) + 2
    items = list(iter_array(chunks[:-2], max_element_size=100))
    assert _codes(items) == ["truncated-json"]  # a cut inside the big element
    assert isinstance(items[0], Problem) and items[0].text == big[:100]
    (whole,) = iter_array(["[" + big + "]"], max_element_size=len(big))
    assert isinstance(whole, Element) and whole.value == {"a": "x" * 1000}
