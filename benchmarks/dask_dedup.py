"""Near-duplicate detection on Dask against one process, on a generated corpus.

Generates ``--docs`` documents with known truth (``benchmarks/_dedup_corpus.py``), writes them
as ``--files`` JSON Lines files, then, each from the files:

* ``single``: one process, ``near_duplicates(newsdoc.iter_read(files))`` (default hybrid
  verification);
* ``dask-1`` and ``dask-2``: ``newsdoc.dask.near_duplicates(newsdoc.dask.read_bag(glob))``
  on a ``LocalCluster`` of 1 and 2 worker processes with 1 thread each (the client's time
  included: it labels the components).

For each: wall seconds, documents/s, documents/s per core (per worker for Dask), peak resident
memory (of the process; per worker for Dask, from ``getrusage`` in each worker), whether the
clusters equal the single-process ones, and the pair recall against exact Jaccard >= 0.8 (a
true pair counts as found when both documents are in one cluster) and family precision (the
share of (kept, member) pairs that are copies of one article).

Run: ``python benchmarks/dask_dedup.py --docs 200000`` (needs ``newsdoc[dask]``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import newsdoc

_spec = importlib.util.spec_from_file_location(
    "_dedup_corpus", Path(__file__).with_name("_dedup_corpus.py"))
assert _spec is not None
assert _spec.loader is not None
corpus = importlib.util.module_from_spec(_spec)
sys.modules["_dedup_corpus"] = corpus
_spec.loader.exec_module(corpus)


def _single(folder: str) -> dict[str, Any]:
    from newsdoc.dedup import near_duplicates

    files = sorted(str(p) for p in Path(folder).glob("*.jsonl"))
    start = time.perf_counter()
    clusters = near_duplicates(newsdoc.iter_read(files))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "clusters": [[list(c.members), c.keep] for c in clusters]}


def _dask(folder: str, workers: int) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    import newsdoc.dask as nd

    with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None,
                      processes=True) as cluster, Client(cluster) as client:
        client.run(lambda: __import__("newsdoc.dedup._minhash"))  # warm the workers
        start = time.perf_counter()
        table = nd.near_duplicates(nd.read_bag(os.path.join(folder, "*.jsonl")))
        seconds = time.perf_counter() - start
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    clusters = [[g["document"].tolist(), int(g.loc[g["keep"], "document"].iloc[0])]
                for _, g in table.groupby("cluster")]
    return {"seconds": seconds, "peak": max(peaks.values()), "clusters": clusters}


def child(engine: str, folder: str) -> None:
    result = _single(folder) if engine == "single" else _dask(folder, int(engine[-1]))
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=200_000)
    parser.add_argument("--files", type=int, default=16)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    docs, family, _ = corpus.build(args.docs)
    with tempfile.TemporaryDirectory() as folder:
        per = -(-len(docs) // args.files)
        for k in range(args.files):
            newsdoc.write(docs[k * per:(k + 1) * per], os.path.join(folder, f"{k:03}.jsonl"))
        truth = corpus.true_jaccard(docs, corpus.family_pairs(family))
        true = [p for p, s in truth.items() if s >= 0.8]
        results = {}
        for engine in ("single", "dask-1", "dask-2"):
            out = subprocess.run([sys.executable, __file__, "--child", engine, folder],
                                 capture_output=True, text=True, check=True).stdout
            results[engine] = json.loads(out.strip().splitlines()[-1])
    base = sorted(map(str, results["single"]["clusters"]))
    print(f"{len(docs)} documents in {args.files} JSON Lines files, {len(true)} true pairs "
          f"(exact Jaccard >= 0.8); machine: {os.cpu_count()} cores")
    print(f"{'engine':<8}{'seconds':>9}{'docs/s':>9}{'docs/s/core':>13}{'peak MB':>9}"
          f"{'equal':>7}{'recall':>8}{'precision':>11}")
    for engine, r in results.items():
        cores = 1 if engine == "single" else int(engine[-1])
        label = {m: k for k, (members, _) in enumerate(r["clusters"]) for m in members}
        recall = sum(label.get(i, -1) == label.get(j, -2) for i, j in true) / max(len(true), 1)
        links = [(keep, m) for members, keep in r["clusters"] for m in members if m != keep]
        precision = sum(family[a] == family[b] for a, b in links) / max(len(links), 1)
        rate = len(docs) / r["seconds"]
        print(f"{engine:<8}{r['seconds']:>9.1f}{rate:>9.0f}{rate / cores:>13.0f}"
              f"{r['peak'] / 2**20:>9.0f}{sorted(map(str, r['clusters'])) == base!s:>7}"
              f"{recall:>8.4f}{precision:>11.4f}")
    one, two = results["dask-1"]["seconds"], results["dask-2"]["seconds"]
    print(f"dask: 2 workers / 1 worker speed-up {one / two:.2f}x; "
          f"single process / dask-1 {results['single']['seconds'] / one:.2f}x")


if __name__ == "__main__":
    main()
