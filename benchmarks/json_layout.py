"""Size and speed of newsdoc JSON Lines with the compact scraped-text layout.

For the seed files in ``../shared/seeds/`` (repeated ``--copies`` times), prints in one run:

- bytes of JSON Lines written with layout and provenance, and without them
  (``Document.without_provenance()``), the baseline of content only;
- CPU time to write and to read each, and the ratios: what keeping the layout (and
  recomputing the implied spans on reading) costs over the content alone.

Usage: python benchmarks/json_layout.py [--copies 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import newsdoc

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _best(repeat: int, run: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        print(f"no seed files in {SEEDS}", file=sys.stderr)
        return 1
    docs = [doc for path in paths for doc in newsdoc.read(path)] * args.copies
    bare = [doc.without_provenance() for doc in docs]
    for name, batch in (("content only (baseline)", bare), ("with layout", docs)):
        text = newsdoc.dumps(batch, "jsonl")
        write = _best(args.repeat, lambda b=batch: newsdoc.dumps(b, "jsonl"))
        read = _best(args.repeat, lambda t=text: newsdoc.loads(t, "jsonl"))
        print(f"{name:24} {len(text.encode()) / len(docs):8.0f} bytes/doc  "
              f"write {len(docs) / write:7.0f} docs/s  read {len(docs) / read:7.0f} docs/s")
        if name == "content only (baseline)":
            base = (len(text.encode()), write, read)
        else:
            print(f"{'ratio to baseline':24} {len(text.encode()) / base[0]:8.2f} x bytes     "
                  f"write {write / base[1]:7.2f} x time   read {read / base[2]:7.2f} x time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
