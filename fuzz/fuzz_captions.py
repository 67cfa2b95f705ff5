"""Fuzz the caption parser: any text is accepted, and the caption gives its line back.

    pip install -e '.[fuzz,test]'
    mkdir -p /tmp/corpus/captions
    python fuzz/fuzz_captions.py -max_total_time=600 /tmp/corpus/captions fuzz/seeds/captions

``newsdoc.captions.parse_caption`` documents that it raises nothing; its ``raw`` is the line as
published, and ``format_caption`` gives it back exactly. Any exception, or a line not given
back, is a crash.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from newsdoc.captions import format_caption, parse_caption


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    line = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    caption = parse_caption(line)
    if format_caption(caption) != line:
        raise AssertionError(f"caption not given back: {line!r}")
    if caption.credit is not None and caption.credit.raw not in line:
        raise AssertionError(f"credit {caption.credit.raw!r} is not part of {line!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
