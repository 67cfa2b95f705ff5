"""Peak memory of ``newsdoc read BIG --to jsonl > /dev/null`` against the size of BIG.

Generates scraped-text files of invented articles (default: 100 MB and 1 GB) in a temporary
directory (never in the repository), runs the command on each with its output thrown away,
and samples the resident set size of the process every 10 ms. Memory is flat when the peak
for the large file is within 20% of the peak for the small one. The baseline in the same run
is the peak of the command on a one-article file (interpreter and imports).

With ``--json``, each size is instead a ``json`` array of documents, read next to the same
documents as ``jsonl`` (the streaming baseline): the two peaks should be within 20%.

    python benchmarks/memory.py                       # 100 MB and 1 GB
    python benchmarks/memory.py --sizes 10 100 --keep # sizes in MB; keep the files
    python benchmarks/memory.py --json --sizes 400    # a 400 MB json array against jsonl

Needs psutil (``pip install 'newsdoc[bench]'``).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

WORDS = ("the minister said on monday that talks with regional partners would resume "
         "after the holiday while officials in the capital warned of further delays to "
         "the agreement signed last year by both sides amid protests and rising prices").split()
AGENCIES = ("(Photo by JANE ROE / AFP)", "(Getty Images)", "Photo: Reuters", "(AP Photo/Sam Doe)")


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _article(rng: random.Random, i: int) -> str:
    title = f"{_sentence(rng, 8)[:-1]} {i}"
    caption = f"{_sentence(rng, 14)} {rng.choice(AGENCIES)}"
    header = f"{title}\n\n{caption}\n{caption}\n"
    paragraphs = "\n\n".join(_sentence(rng, rng.randint(20, 60)) for _ in range(rng.randint(4, 12)))
    return f"{header}TT\n\n{title}\n\n{caption}\n{caption}\n\n{paragraphs}"


def generate(path: Path, size: int, seed: int = 0) -> int:
    """Write articles to ``path`` until it holds at least ``size`` bytes; return the count."""
    rng = random.Random(seed)
    pool = [_article(rng, i).encode() for i in range(500)]
    written = count = 0
    with path.open("wb") as out:
        while written < size:
            if count:
                out.write(b"\n\n\n\n")
                written += 4
            data = pool[count % len(pool)]
            out.write(data)
            written += len(data)
            count += 1
    return count


def generate_json(json_path: Path, jsonl_path: Path, size: int, seed: int = 0) -> int:
    """Write the same documents as a ``json`` array and as ``jsonl``, until the array holds
    at least ``size`` bytes; return the count. The documents are read from invented
    scraped text, so they carry captions, credits and provenance as real ones do."""
    import newsdoc

    rng = random.Random(seed)
    text = "\n\n\n\n".join(_article(rng, i) for i in range(500))
    pool = newsdoc.dumps(newsdoc.loads(text, "scraped-text"), "jsonl").encode().splitlines()
    written = count = 0
    with json_path.open("wb") as arr, jsonl_path.open("wb") as lines:
        arr.write(b"[")
        while written < size:
            data = pool[count % len(pool)]
            arr.write(b"\n" if not count else b",\n")
            arr.write(data)
            lines.write(data + b"\n")
            written += len(data) + 2
            count += 1
        arr.write(b"\n]\n")
    return count


def peak_rss(path: Path) -> tuple[float, int]:
    """Run ``newsdoc read path --to jsonl > /dev/null``; return (seconds, peak RSS bytes)."""
    cmd = [sys.executable, "-m", "newsdoc", "read", str(path), "--to", "jsonl", "--quiet"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, ps.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}")
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000],
                        help="file sizes in MB (default: 100 1000)")
    parser.add_argument("--dir", type=Path, default=None,
                        help="where to write the files (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--json", action="store_true",
                        help="compare a json array with the same documents as jsonl")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsdoc-memory-", dir=args.dir))
    mb = 1_000_000
    try:
        if args.json:
            compare_json(work, args.sizes, keep=args.keep)
            return
        tiny = work / "one.txt"
        generate(tiny, 1)
        _, base = peak_rss(tiny)
        print(f"baseline (one article): peak RSS {base / mb:.1f} MB")
        peaks: list[tuple[int, int]] = []
        for size in args.sizes:
            path = work / f"big-{size}MB.txt"
            articles = generate(path, size * mb)
            actual = path.stat().st_size
            elapsed, peak = peak_rss(path)
            peaks.append((size, peak))
            print(f"{actual / mb:8.0f} MB, {articles} articles: {elapsed:7.1f} s "
                  f"({actual / mb / elapsed:5.1f} MB/s), peak RSS {peak / mb:6.1f} MB "
                  f"(baseline + {(peak - base) / mb:.1f} MB)")
            if not args.keep:
                path.unlink()
        if len(peaks) > 1:
            (small, p_small), (large, p_large) = peaks[0], peaks[-1]
            print(f"peak RSS ratio {large} MB / {small} MB: {p_large / p_small:.3f} "
                  f"(flat within 20%: {abs(p_large / p_small - 1) <= 0.2})")
    finally:
        if not args.keep:
            for leftover in work.iterdir():
                leftover.unlink()
            os.rmdir(work)


def compare_json(work: Path, sizes: list[int], *, keep: bool) -> None:
    """Print the peak RSS of reading each size as a json array and as jsonl."""
    mb = 1_000_000
    tiny_json, tiny_jsonl = work / "one.json", work / "one.jsonl"
    generate_json(tiny_json, tiny_jsonl, 1)
    _, base = peak_rss(tiny_jsonl)
    print(f"baseline (1 MB of jsonl): peak RSS {base / mb:.1f} MB")
    for size in sizes:
        json_path, jsonl_path = work / f"big-{size}MB.json", work / f"big-{size}MB.jsonl"
        count = generate_json(json_path, jsonl_path, size * mb)
        peaks = {}
        for path in (jsonl_path, json_path):
            actual = path.stat().st_size
            elapsed, peak = peak_rss(path)
            peaks[path.suffix] = peak
            print(f"{path.suffix[1:]:>5} {actual / mb:8.0f} MB, {count} documents: "
                  f"{elapsed:7.1f} s ({actual / mb / elapsed:5.1f} MB/s), peak RSS "
                  f"{peak / mb:6.1f} MB (baseline + {(peak - base) / mb:.1f} MB)")
            if not keep:
                path.unlink()
        ratio = peaks[".json"] / peaks[".jsonl"]
        print(f"peak RSS ratio json / jsonl at {size} MB: {ratio:.3f} "
              f"(within 20%: {abs(ratio - 1) <= 0.2})")


if __name__ == "__main__":
    main()
