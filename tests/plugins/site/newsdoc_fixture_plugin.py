"""A healthy plugin: one headline a line, ``.headlines`` files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

from newsdoc import Document, Format, ReadOptions


class Headlines(Format):
    name = "headlines"
    extensions = (".headlines",)
    description = "one headline a line (test fixture)"

    def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        for line in "".join(chunks).splitlines():
            if line.strip():
                yield Document(title=line)

    def write(self, documents: Iterable[Document], out: TextIO) -> None:
        for doc in documents:
            out.write(doc.title + "\n")
