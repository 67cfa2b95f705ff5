"""Fuzz newsdoc's reading of bytes: decoding, decompression, limits and the format readers.

    pip install -e '.[fuzz,test]'
    mkdir -p /tmp/corpus/reader
    python fuzz/fuzz_reader.py -max_total_time=600 /tmp/corpus/reader fuzz/seeds/reader

The documented exceptions are the only allowed ones: with ``strict=True`` a
:class:`~newsdoc.exceptions.ParseError`; with no format named, an
:class:`~newsdoc.exceptions.UnknownFormatError`. A lenient read of a named format must never
raise, whatever the bytes. Anything else is a crash and atheris reports it with the input.
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports():
    import newsdoc
    from newsdoc.exceptions import ParseError, UnknownFormatError

FORMATS = [None, "scraped-text", "scraped-text", "jsonl", "json"]
LINE_LIMITS = [None, 1, 7, 64, 1 << 20]
DOC_LIMITS = [None, 1, 50, 1 << 20]


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    fmt = fdp.PickValueInList(FORMATS)
    strict = fdp.ConsumeBool()
    line_limit = fdp.PickValueInList(LINE_LIMITS)
    doc_limit = fdp.PickValueInList(DOC_LIMITS)
    payload = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        for doc in newsdoc.iter_read(io.BytesIO(payload), fmt, strict=strict,
                                     max_line_length=line_limit,
                                     max_document_size=doc_limit):
            for diag in doc.diagnostics:
                diag.format()
    except ParseError:
        if not strict:
            raise
    except UnknownFormatError:
        if fmt is not None:
            raise


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
