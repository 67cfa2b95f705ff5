"""Hostile input, each case at two sizes: reading time must grow linearly (ratio ~2 for
twice the input), never quadratically or worse.

Cases (sizes from the issue; ``--scale 0.1`` for a quick run):

- one line of 25 and 50 MB (no line end at all);
- half a million and a million caption-like lines in one header;
- a caption with 50k and 100k nested parentheses (``parse_caption`` alone, and the article);
- one and two megabytes of ``TT`` lines.

Each case is read from bytes with :func:`newsdoc.read` and the default limits; the one-line
and caption-line cases are also read with no limits (``--no-limits-too``). The baseline in
the same run is decoding the same bytes and splitting them into lines.

    python benchmarks/adversarial.py
    python benchmarks/adversarial.py --scale 0.1 --no-limits-too
"""

from __future__ import annotations

import argparse
import gc
import io
import time
from collections.abc import Callable

import newsdoc
from newsdoc.captions import parse_caption

CAPTION = "Officials meet in Geneva on May 3, 2024. (Photo by JANE ROE / AFP)"


def one_line(n: int) -> bytes:
    unit = b"word and another word, "
    return unit * (n // len(unit))


def caption_lines(n: int) -> bytes:
    lines = (f"{CAPTION} {i}" for i in range(n))
    return ("Title\n\n" + "\n".join(lines)).encode()


def nested_caption(n: int) -> str:
    return "Protesters march " + "(" * n + "x" + ")" * n + " (Photo by JOHN DOE / AFP)"


def nested_article(n: int) -> bytes:
    cap = nested_caption(n)
    return f"Title\n\n{cap}\n{cap}\nTT\n\nTitle\n\n{cap}\n{cap}\n\nBody.".encode()


def tt_lines(n: int) -> bytes:
    return b"Title\n\n" + b"TT\n" * (n // 3) + b"\nTitle\n\nBody."


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def baseline(data: bytes) -> float:
    return timed(lambda: data.decode("utf-8", "replace").split("\n"))


def read(data: bytes, limits: bool) -> Callable[[], object]:
    if limits:
        return lambda: newsdoc.read(io.BytesIO(data), "scraped-text")
    return lambda: newsdoc.read(io.BytesIO(data), "scraped-text", max_line_length=None,
                                max_document_size=None)


def row(name: str, sizes: tuple[int, int], times: tuple[float, float],
        bases: tuple[float, float], unit: str) -> None:
    (a, b), (ta, tb), (ba, bb) = sizes, times, bases
    print(f"{name:44s} {a:>10,} {unit}: {ta:7.3f} s  {b:>10,} {unit}: {tb:7.3f} s  "
          f"growth x{tb / ta:4.2f} for x{b / a:.0f}  "
          f"(vs decode+split: x{ta / ba:5.1f}, x{tb / bb:5.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    parser.add_argument("--no-limits-too", action="store_true",
                        help="also read the one-line and caption-line cases with no limits")
    args = parser.parse_args()

    def sized(n: int) -> tuple[int, int]:
        return int(n * args.scale), int(2 * n * args.scale)

    cases: list[tuple[str, Callable[[int], bytes], tuple[int, int], str, bool]] = [
        ("one line, default limits", one_line, sized(25_000_000), "bytes", True),
        ("caption-like lines, default limits", caption_lines, sized(500_000), "lines", True),
        ("nested parentheses in a caption, article", nested_article, sized(50_000), "deep",
         True),
        ("TT lines, default limits", tt_lines, sized(1_000_000), "bytes", True),
    ]
    if args.no_limits_too:
        cases += [
            ("one line, no limits", one_line, sized(25_000_000), "bytes", False),
            ("caption-like lines, no limits", caption_lines, sized(50_000), "lines", False),
        ]
    for name, make, sizes, unit, limits in cases:
        datas = [make(n) for n in sizes]
        times = tuple(timed(read(d, limits)) for d in datas)
        bases = tuple(baseline(d) for d in datas)
        row(name, sizes, times, bases, unit)  # type: ignore[arg-type]
        del datas

    depth = sized(50_000)
    caps = [nested_caption(n) for n in depth]
    times = tuple(timed(lambda c=c: parse_caption(c)) for c in caps)
    bases = tuple(timed(lambda c=c: c.split("(")) for c in caps)
    row("nested parentheses, parse_caption alone", depth, times, bases, "deep")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
