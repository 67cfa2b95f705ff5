"""The conformance kit: newsdoc's own formats pass it, and it catches planted bugs.

Each check is a Hypothesis property run with the active profile (200 examples in CI); the
properties themselves are stated in the docstrings of ``newsdoc.testing.check_*``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

import attrs
import pytest
from hypothesis import Phase, settings

import newsdoc
from newsdoc.formats.scraped_text import ScrapedText
from newsdoc.testing import (
    CHECKS,
    ConformanceError,
    Limits,
    check_chunked,
    check_format,
    check_provenance,
    check_roundtrip,
    check_total,
    documents,
    scraped_text_files,
)

SCRAPED = Limits(documents=documents(scraped_text=True), texts=scraped_text_files())
# newsdoc JSON restores the provenance recorded when a document was first read; it makes
# none of its own for the documents it reads.
JSON = Limits(require_spans=False)

# The planted bugs are found within a few examples; shrinking the input to the smallest
# failing one would only cost time here.
FIND = settings(phases=[Phase.explicit, Phase.reuse, Phase.generate], database=None)



@pytest.mark.parametrize("check", CHECKS)
def test_conformance_scraped_text(check: str) -> None:
    """The scraped-text format keeps every promise of the kit (see ``newsdoc.testing``),
    with the documents it can represent (``documents(scraped_text=True)``)."""
    check_format(newsdoc.get_format("scraped-text"), SCRAPED, checks=[check])


@pytest.mark.parametrize("name", ["json", "jsonl"])
@pytest.mark.parametrize("check", CHECKS)
def test_conformance_json(name: str, check: str) -> None:
    """newsdoc JSON and JSON Lines keep the kit's promises for any document (lossless)."""
    check_format(newsdoc.get_format(name), JSON, checks=[check])


# -- planted bugs: the kit must catch each --------------------------------------------------


class DropsLastParagraph(ScrapedText):
    """A reader that loses the last paragraph of an article of two or more."""

    name = "drops-last-paragraph"

    def read(self, chunks: Iterable[str], options: newsdoc.ReadOptions) -> Iterator[
            newsdoc.Document]:
        for doc in super().read(chunks, options):
            if len(doc.paragraphs) > 1:
                doc = attrs.evolve(doc, paragraphs=doc.paragraphs[:-1])
            yield doc


class ShiftsOffsets(ScrapedText):
    """A reader that records each paragraph one character too far (an off-by-one)."""

    name = "shifts-offsets"

    def read(self, chunks: Iterable[str], options: newsdoc.ReadOptions) -> Iterator[
            newsdoc.Document]:
        for doc in super().read(chunks, options):
            paras = tuple(
                attrs.evolve(p, span=attrs.evolve(p.span, start=p.span.start + 1,
                                                  end=p.span.end + 1, column=p.span.column + 1))
                if p.span is not None else p
                for p in doc.paragraphs
            )
            yield attrs.evolve(doc, paragraphs=paras)


class CrashesOnTabs(ScrapedText):
    """A reader that raises on a tab, as a careless ``split`` would."""

    name = "crashes-on-tabs"

    def read(self, chunks: Iterable[str], options: newsdoc.ReadOptions) -> Iterator[
            newsdoc.Document]:
        text = "".join(chunks)
        if "\t" in text:
            raise IndexError("list index out of range")
        yield from super().read([text], options)


class ChunkSensitive(ScrapedText):
    """A reader that strips each chunk, so a space at a chunk's edge is lost."""

    name = "chunk-sensitive"

    def read(self, chunks: Iterable[str], options: newsdoc.ReadOptions) -> Iterator[
            newsdoc.Document]:
        yield from super().read([c.strip(" ") for c in chunks], options)


def test_kit_catches_a_dropped_paragraph() -> None:
    with pytest.raises(ConformanceError) as info:
        check_roundtrip(DropsLastParagraph(), SCRAPED, settings=FIND)
    err = info.value
    assert (err.check, err.format) == ("roundtrip", "drops-last-paragraph")
    assert "paragraphs" in str(err)
    assert err.input is not None
    assert "input (" in str(err)


def test_kit_catches_a_wrong_offset() -> None:
    with pytest.raises(ConformanceError, match=r"paragraphs\[\d+\]'s span") as info:
        check_provenance(ShiftsOffsets(), SCRAPED, settings=FIND)
    assert info.value.check == "provenance"
    assert "does not match the field's" in str(info.value) or "not inside" in str(info.value)


def test_kit_catches_a_crash() -> None:
    with pytest.raises(ConformanceError, match="a lenient read raised IndexError") as info:
        check_total(CrashesOnTabs(), SCRAPED, settings=FIND)
    assert info.value.input is not None and "\t" in info.value.input
    assert isinstance(info.value.__cause__, IndexError)


def test_kit_catches_chunk_sensitivity() -> None:
    with pytest.raises(ConformanceError, match="read in chunks") as info:
        check_chunked(ChunkSensitive(), SCRAPED, settings=FIND)
    assert info.value.check == "chunked"


def test_check_format_rejects_unknown_checks() -> None:
    with pytest.raises(ValueError, match="unknown check"):
        check_format(newsdoc.get_format("jsonl"), JSON, checks=["speed"])


def test_check_format_runs_only_what_applies() -> None:
    """A format that only writes has nothing the kit can read: no check runs, none fails."""

    class WriteOnly(newsdoc.Format):
        name = "write-only"

        def write(self, documents: Iterable[newsdoc.Document], out: TextIO) -> None:
            raise AssertionError("the kit must not call the writer")

    check_format(WriteOnly(), settings=settings(max_examples=5))
    with pytest.raises(TypeError, match="reads and writes"):
        check_roundtrip(WriteOnly())
