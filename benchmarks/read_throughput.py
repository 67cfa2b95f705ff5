"""Typed read throughput against a bare decode + split of the same bytes, and peak memory.

Generates a scraped-text file of invented articles (100 MB by default, cached under
benchmarks/_data/), then measures in one run:

- baseline: read the bytes in 1 MiB chunks, decode, split into lines;
- newsdoc: ``newsdoc.iter_read(path)``, consuming every document;
- peak memory of ``iter_read`` (tracemalloc, in a subprocess), for the full file and for a
  tenth of it, to show it does not grow with the file.

With ``--baseline DIR`` (a checkout of another newsdoc commit, such as main), the same
file is also read by that tree's ``newsdoc.iter_read`` (in a subprocess, its ``src`` first
on the path), alternating with this tree's, so both figures come from one run. These two
are timed in CPU seconds of the process (``time.process_time``), steadier than wall time on
a shared machine; the best of ``--repeat`` runs counts.

Usage: python benchmarks/read_throughput.py [--mb 100] [--repeat 3] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import codecs
import random
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / "_data"

WORDS = (
    "council minister said on Monday the city harbour new plan talks region growers "
    "official statement forces government election vote week report museum village "
    "spokesman agency visit border agreement support security economic political process"
).split()


def article(rng: random.Random, i: int) -> str:
    def sentence(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."

    title = f"{sentence(8)[:-1]} {i}"
    cap = f"{sentence(14)} (Photo by Ana RIVERA / AFP)"
    chrome = "TT\n20" if i % 2 else "TT"
    sep = "\n\n" if i % 3 else "\n"
    body = sep.join(sentence(rng.randint(20, 60)) for _ in range(rng.randint(4, 12)))
    header2 = f"{title}\n\n{cap}\n{cap}"
    return f"{title}\n\n{cap}\n{cap}\n{chrome}\n\n{header2}\n\n{body}"


def generate(mb: int) -> Path:
    DATA.mkdir(exist_ok=True)
    path = DATA / f"articles-{mb}mb.txt"
    if path.exists():
        return path
    rng = random.Random(mb)
    target = mb * 1_000_000
    size = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        i = 0
        while size < target:
            text = ("\n\n\n\n" if i else "") + article(rng, i)
            out.write(text)
            size += len(text.encode())
            i += 1
    return path


def bare(path: Path) -> int:
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 0
    carry = ""
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            parts = (carry + decoder.decode(chunk)).split("\n")
            carry = parts.pop()
            lines += len(parts)
    return lines


def typed(path: Path) -> int:
    import newsdoc

    return sum(1 for _ in newsdoc.iter_read(path))


def best(fn: object, path: Path, repeat: int) -> tuple[float, int]:
    times = []
    result = 0
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn(path)  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times), result


PEAK = """
import sys, tracemalloc, newsdoc
tracemalloc.start()
n = sum(1 for _ in newsdoc.iter_read(sys.argv[1]))
print(tracemalloc.get_traced_memory()[1])
"""


def peak(path: Path) -> int:
    out = subprocess.run([sys.executable, "-c", PEAK, str(path)], check=True,
                         capture_output=True, text=True)
    return int(out.stdout.strip())


TIMED = """
import sys, time, newsdoc
best = None
for _ in range(int(sys.argv[2])):
    t = time.process_time()
    n = sum(1 for _ in newsdoc.iter_read(sys.argv[1]))
    t = time.process_time() - t
    best = t if best is None else min(best, t)
print(best, n, newsdoc.__file__)
"""


def timed_tree(src: Path, path: Path, repeat: int) -> tuple[float, int, str]:
    """Best time of ``iter_read`` over ``path`` with the newsdoc under ``src``."""
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", TIMED, str(path), str(repeat)], check=True,
                         capture_output=True, text=True, env=env)
    t, n, where = out.stdout.split()
    return float(t), int(n), where


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", type=Path, help="another newsdoc checkout to compare")
    args = ap.parse_args()
    path = generate(args.mb)
    small = generate(max(1, args.mb // 10))
    size = path.stat().st_size / 1e6
    t_bare, lines = best(bare, path, args.repeat)
    t_typed, docs = best(typed, path, args.repeat)
    print(f"file: {path.name}, {size:.1f} MB, {lines:,} lines, {docs:,} documents")
    print(f"bare decode+split: {size / t_bare:8.1f} MB/s ({t_bare:.2f} s)")
    print(f"newsdoc.iter_read: {size / t_typed:8.1f} MB/s ({t_typed:.2f} s), "
          f"{docs / t_typed:,.0f} documents/s")
    print(f"ratio typed/bare:  {t_bare / t_typed:.1%}  (aim: >= 25%)")
    if args.baseline is not None:
        here = Path(__file__).resolve().parents[1] / "src"
        runs: dict[str, list[float]] = {"this tree": [], "baseline": []}
        found: dict[str, tuple[int, str]] = {}
        for _ in range(args.repeat):  # alternate, so load on the machine hits both alike
            for label, src in (("this tree", here), ("baseline", args.baseline / "src")):
                t, n, where = timed_tree(src, path, 1)
                runs[label].append(t)
                found[label] = (n, where)
        for label, (n, where) in found.items():
            print(f"{label}: {n:,} documents, newsdoc from {where}")
        t_here, t_base = min(runs["this tree"]), min(runs["baseline"])
        print(f"this tree:  {size / t_here:8.1f} MB/s ({t_here:.2f} CPU s), ratio typed/bare "
              f"{t_bare / t_here:.1%}")
        print(f"baseline:   {size / t_base:8.1f} MB/s ({t_base:.2f} CPU s), ratio typed/bare "
              f"{t_bare / t_base:.1%}  ({args.baseline})")
        print(f"this tree / baseline speed: {t_base / t_here:.3f}")
    p_big, p_small = peak(path), peak(small)
    print(f"peak traced memory of iter_read: {p_big / 1e6:.1f} MB on {size:.0f} MB, "
          f"{p_small / 1e6:.1f} MB on {small.stat().st_size / 1e6:.0f} MB "
          f"(ratio {p_big / p_small:.2f})")


if __name__ == "__main__":
    main()
