"""Plugin objects that import fine but cannot be registered."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsdoc import Document, Format, ReadOptions


class TakesJson(Format):
    """Claims the name of a built-in format."""

    name = "json"
    extensions = (".json",)

    def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        yield Document(title="not the built-in json")


class BadExtensions(Format):
    """Extensions without their dot."""

    name = "bad-extensions"
    extensions = ("bad",)

    def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        yield Document(title="never")


NOT_A_FORMAT = 42
