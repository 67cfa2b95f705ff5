"""Fuzz the ``html`` and ``warc`` readers: lenient reading of any bytes never raises.

    pip install -e '.[fuzz,html,warc]'
    mkdir -p /tmp/corpus/html
    python fuzz/fuzz_html.py -max_total_time=600 /tmp/corpus/html fuzz/seeds/html

Each input is read leniently as ``html`` or as ``warc`` (chosen by its first byte), through
:func:`newsdoc.read` (bytes: decompression, decoding, the binary WARC path) or
:func:`newsdoc.loads` (text). Any exception is a crash. With ``strict=True`` only
:class:`~newsdoc.exceptions.ParseError` is allowed. Every span of a document read from text
must lie inside that text.
"""

from __future__ import annotations

import io
import sys

import atheris

with atheris.instrument_imports(include=["newsdoc"]):
    import newsdoc
    from newsdoc.exceptions import ParseError

import trafilatura  # noqa: F401  (imported here so that it is not instrumented)
import warcio  # noqa: F401


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    fmt = fdp.PickValueInList(["html", "html", "warc"])
    strict = fdp.ConsumeIntInRange(0, 7) == 0
    as_text = fdp.ConsumeBool()
    payload = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        if as_text:
            text = payload.decode("utf-8", errors="replace")
            docs = newsdoc.loads(text, fmt, strict=strict)
            if fmt == "html":
                for doc in docs:
                    for p in doc.paragraphs:
                        if p.span is not None and not 0 <= p.span.start <= p.span.end <= len(
                                text):
                            raise AssertionError(f"span {p.span} outside the text")
        else:
            docs = newsdoc.read(io.BytesIO(payload), fmt, strict=strict)
        for doc in docs:
            for diag in doc.diagnostics:
                diag.format()
    except ParseError:
        if not strict:
            raise


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
