"""Format registry: names, extensions, sniffing, and the errors when nothing fits."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import TextIO

import pytest

import newsdoc
from newsdoc import Document, Format, ReadOptions, Registry
from newsdoc.exceptions import UnknownFormatError

SCRAPED = b"Title\n\nTT\n\nTitle\n\nBody."


class Upper(Format):
    name = "upper"
    extensions = (".up",)

    def sniff(self, prefix: str) -> bool:
        return prefix.startswith("UP:")

    def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        yield Document(title="".join(chunks)[3:].strip())

    def write(self, documents: Iterable[Document], out: TextIO) -> None:
        for doc in documents:
            out.write("UP:" + doc.title.upper())


def test_builtins_are_listed_read_only() -> None:
    fmts = newsdoc.available_formats()
    assert {"scraped-text", "json", "jsonl"} <= set(fmts)
    with pytest.raises(TypeError):
        fmts["x"] = Upper()  # type: ignore[index]


def test_detection_by_extension_then_sniffing(tmp_path: object) -> None:
    reg = newsdoc._registry.default_registry()
    assert reg.detect(path="a.TXT").name == "scraped-text"
    assert reg.detect(path="a.jsonl").name == "jsonl"
    assert reg.detect(path="a.json").name == "json"
    assert reg.detect(path="a.dat", prefix='{"schema_version": 1}').name == "jsonl"
    assert reg.detect(path="a.dat", prefix=SCRAPED.decode()).name == "scraped-text"
    assert reg.detect(format="json", path="a.txt").name == "json"  # explicit wins


def test_unknown_format_error_says_what_was_tried() -> None:
    with pytest.raises(UnknownFormatError) as info:
        newsdoc.read(io.BytesIO(b"\x00\x01garbage"))
    err = info.value
    assert err.tried == ("sniffing the first bytes",)
    assert {"scraped-text", "json", "jsonl"} <= set(err.available)
    assert "available formats" in str(err)
    with pytest.raises(UnknownFormatError, match="unknown format 'nope'"):
        newsdoc.loads("x", "nope")
    with pytest.raises(LookupError):
        newsdoc.get_format("nope")


def test_registry_register_and_duplicates() -> None:
    reg = Registry(entry_point_group=None)
    reg.register(Upper())
    with pytest.raises(ValueError, match="already registered"):
        reg.register(Upper())
    reg.register(Upper(), replace=True)
    assert reg.detect(path="x.up").name == "upper"
    assert reg.detect(prefix="UP: hello").name == "upper"
    assert reg.get("upper").can_read and reg.get("upper").can_write


def test_read_only_format_cannot_be_chosen_for_writing() -> None:
    class ReadOnly(Format):
        name = "read-only"

        def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
            yield from ()

    reg = Registry(entry_point_group=None)
    reg.register(ReadOnly())
    with pytest.raises(UnknownFormatError, match="cannot write"):
        reg.detect(format="read-only", purpose="write")


def test_write_to_path_binary_and_text_files(tmp_path: object) -> None:
    from pathlib import Path

    doc = Document(title="T", paragraphs=(newsdoc.Paragraph(text="Body."),))
    path = Path(str(tmp_path)) / "out.jsonl"
    newsdoc.write([doc], path)
    assert newsdoc.read(path) == [doc]
    buf = io.BytesIO()
    newsdoc.write([doc], buf, "scraped-text")
    assert newsdoc.read(io.BytesIO(buf.getvalue()), "scraped-text") == [doc]
    text = io.StringIO()
    newsdoc.write([doc], text, "json")
    assert newsdoc.loads(text.getvalue(), "json") == [doc]
    with pytest.raises(UnknownFormatError):
        newsdoc.write([doc], io.BytesIO())  # no name, no format


def test_the_formats_subpackage_is_not_hidden_by_a_function() -> None:
    """``newsdoc.formats`` is the subpackage of built-in formats (the function listing the
    formats is ``newsdoc.available_formats``)."""
    import newsdoc.formats.jsonl

    assert newsdoc.formats.jsonl.JsonLines.name == "jsonl"
    assert callable(newsdoc.available_formats) and not callable(newsdoc.formats)


def test_register_format_doctest_leaves_the_default_registry_alone() -> None:
    import doctest

    before = dict(newsdoc.available_formats())
    finder = doctest.DocTestFinder()
    (test,) = finder.find(newsdoc.register_format, "register_format",
                          globs={"newsdoc": newsdoc})
    assert test.examples
    result = doctest.DocTestRunner().run(test)
    assert (result.failed, result.attempted) == (0, len(test.examples))
    assert dict(newsdoc.available_formats()) == before


def test_register_format_into_a_registry_of_ones_own() -> None:
    reg = Registry(entry_point_group=None)
    newsdoc.register_format(registry=reg)(Upper)
    assert reg.info("upper").format is reg.get("upper")
    assert reg.info("upper").origin == __name__
    assert "upper" not in newsdoc.available_formats()
    with pytest.raises(UnknownFormatError):
        reg.info("nope")
