"""Near-duplicate detection: newsdoc against datasketch and rensa, speed, memory and quality.

    python benchmarks/dedup.py                 # 100,000 documents, every tool
    python benchmarks/dedup.py --docs 20000 --tools newsdoc,rensa

Needs the ``bench`` extra (``pip install -e '.[bench]'``: numpy, datasketch, rensa, psutil);
a tool that is not installed is skipped. Linux only (peak memory comes from /proc).

Every tool runs in its own subprocess on the same generated corpus
(``benchmarks/_dedup_corpus.py``: deterministic, invented text, known truth), so they do not
share a heap. Each subprocess builds the corpus, then measures one end-to-end run, from
``Document`` objects to pairs (or clusters):

* ``newsdoc``: ``signatures()`` then ``similar_pairs()`` (LSH banding chosen for recall,
  candidates verified by estimated Jaccard >= 0.8).
* ``newsdoc-clusters``: ``near_duplicates()``, the user-facing call (clusters), with its
  default ``verify="hybrid"``: candidates estimated within 3 standard errors of the
  threshold are checked by exact Jaccard, the others decided on their estimate.
* ``newsdoc-estimate``: ``near_duplicates(verify="estimate")``: every candidate decided on
  its estimated similarity (signatures only).
* ``newsdoc-exact``: ``near_duplicates(verify="exact")``: candidates verified by exact
  Jaccard (documents sketched again).
* ``newsdoc-stream``: ``Deduplicator.add_many()``, one verdict per document.
* ``datasketch``: 3-word shingles tokenized in Python, ``MinHash.bulk(num_perm=128)``,
  ``MinHashLSH(threshold=0.8, num_perm=128)`` filled in an insertion session and queried
  for every document: the LSH candidates (datasketch's own answer).
* ``rensa``: the same shingles, ``RMinHash.from_token_sets(num_perm=128)``,
  ``RMinHashLSH(threshold=0.8, num_perm=128, num_bands=16)``, ``insert_many`` and
  ``query_all``; candidates verified by rensa's estimated Jaccard >= 0.8.

Speed is reported in CPU time of the process (``time.process_time()``, all its threads:
robust when other work shares the machine) as documents per CPU-second, beside the
wall-clock time. Peak memory is the peak resident set size during the run (the kernel's
high-water mark, reset just before) minus the resident size with the corpus built: what the
tool needs above the documents themselves.

Quality is measured on pairs against exact Jaccard similarity of the 3-word shingle sets
(an independent reference tokenizer), for every pair within a generated family, every
related-article pair, and every pair a tool reports. Precision: reported pairs whose true
Jaccard is >= 0.8; recall: pairs with true Jaccard >= 0.8 that were reported. For
``newsdoc-clusters``, ``newsdoc-estimate`` and ``newsdoc-exact`` a true pair counts as found
when both documents are in the same cluster, and precision is over the clusters' links.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _dedup_corpus as corpus  # noqa: E402

TOOLS = ("newsdoc", "newsdoc-clusters", "newsdoc-estimate", "newsdoc-exact", "newsdoc-stream",
         "datasketch", "rensa")
_NEEDS = {"datasketch": "datasketch", "rensa": "rensa"}


# --------------------------------------------------------------------------- memory


def _status(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # resets VmHWM, the peak resident set size


# --------------------------------------------------------------------------- tools


def _shingle_tokens(docs: list[Any]) -> list[list[str]]:
    import re

    word = re.compile(r"\w+")
    out = []
    for d in docs:
        w = word.findall(corpus.reference_text(d).lower())
        out.append([" ".join(w[i : i + 3]) for i in range(max(len(w) - 2, 1))])
    return out


def run_newsdoc(docs: list[Any]) -> dict[str, Any]:
    from newsdoc.dedup import signatures, similar_pairs

    pairs, _ = similar_pairs(signatures(docs), threshold=0.8)
    return {"pairs": pairs}


def run_newsdoc_clusters(docs: list[Any], verify: str = "hybrid") -> dict[str, Any]:
    from newsdoc.dedup import near_duplicates

    clusters = near_duplicates(docs, threshold=0.8, verify=verify)  # type: ignore[arg-type]
    links = [(p.first, p.second) for c in clusters for p in c.pairs]
    label = np.full(len(docs), -1, dtype=np.int64)
    for k, c in enumerate(clusters):
        label[list(c.members)] = k
    return {"pairs": np.array(links, dtype=np.int64).reshape(-1, 2), "labels": label}


def run_newsdoc_stream(docs: list[Any]) -> dict[str, Any]:
    from newsdoc.dedup import Deduplicator

    dd = Deduplicator(threshold=0.8)
    links = [(v.of, v.index) for v in dd.add_many(docs) if v.of is not None]
    return {"pairs": np.array(links, dtype=np.int64).reshape(-1, 2)}


def run_datasketch(docs: list[Any]) -> dict[str, Any]:
    from datasketch import MinHash, MinHashLSH

    tokens = _shingle_tokens(docs)
    mhs = MinHash.bulk([[t.encode() for t in ts] for ts in tokens], num_perm=128)
    del tokens
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    with lsh.insertion_session() as session:
        for i, m in enumerate(mhs):
            session.insert(i, m)
    pairs = [(i, j) for i, m in enumerate(mhs) for j in lsh.query(m) if j > i]
    arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    verified = np.array([mhs[i].jaccard(mhs[j]) >= 0.8 for i, j in pairs], dtype=bool)
    return {"pairs": arr, "verified": verified}


def run_rensa(docs: list[Any]) -> dict[str, Any]:
    from rensa import RMinHash, RMinHashLSH

    tokens = _shingle_tokens(docs)
    mhs = RMinHash.from_token_sets(tokens, 128, 42)
    del tokens
    lsh = RMinHashLSH(0.8, 128, 16)
    lsh.insert_many(mhs, 0)
    found = lsh.query_all(mhs)
    pairs = [(i, j) for i, cands in enumerate(found) for j in cands
             if j > i and mhs[i].jaccard(mhs[j]) >= 0.8]
    return {"pairs": np.array(pairs, dtype=np.int64).reshape(-1, 2)}


RUNNERS = {
    "newsdoc": run_newsdoc,
    "newsdoc-clusters": run_newsdoc_clusters,
    "newsdoc-estimate": lambda docs: run_newsdoc_clusters(docs, "estimate"),
    "newsdoc-exact": lambda docs: run_newsdoc_clusters(docs, "exact"),
    "newsdoc-stream": run_newsdoc_stream,
    "datasketch": run_datasketch,
    "rensa": run_rensa,
}


def child(tool: str, corpus_path: str, out: str) -> None:
    docs, _, _ = corpus.load(corpus_path)
    gc.collect()
    base = _status("VmRSS")
    _reset_peak()
    start, cpu = time.perf_counter(), time.process_time()
    result = RUNNERS[tool](docs)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = _status("VmHWM")
    np.savez(out, seconds=seconds, cpu=cpu, base=base, peak=peak, **result)


# --------------------------------------------------------------------------- parent


def _quality(res: dict[str, Any], truth: dict[tuple[int, int], float],
             family: list[int]) -> dict[str, float]:
    pairs = [tuple(p) for p in res["pairs"].tolist()]
    if "verified" in res:
        q_all = corpus.quality(pairs, truth)
        q_ver = corpus.quality([p for p, ok in zip(pairs, res["verified"], strict=True)
                                if ok], truth)
        return {**q_all, "verified_precision": q_ver["precision"],
                "verified_recall": q_ver["recall"]}
    q = corpus.quality(pairs, truth)
    if "labels" in res:
        label = res["labels"]
        true = [p for p, s in truth.items() if s >= 0.8]
        together = sum(label[i] >= 0 and label[i] == label[j] for i, j in true)
        q["recall"] = together / len(true)
    q["family_precision"] = (sum(family[i] == family[j] for i, j in pairs) / len(pairs)
                             if pairs else 1.0)
    return q


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--child", choices=TOOLS, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.corpus, args.out)
        return

    tools = [t for t in args.tools.split(",") if t]
    results: dict[str, dict[str, Any]] = {}
    start = time.perf_counter()
    docs, family, followups = corpus.build(args.docs, args.seed)
    print(f"corpus generated in {time.perf_counter() - start:.0f} s", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        corpus_path = os.path.join(tmp, "corpus.json")
        corpus.save(corpus_path, docs, family, followups)
        for tool in tools:
            need = _NEEDS.get(tool)
            if need and importlib.util.find_spec(need) is None:
                print(f"{tool}: not installed, skipped")
                continue
            out = os.path.join(tmp, f"{tool}.npz")
            subprocess.run([sys.executable, __file__, "--child", tool, "--corpus", corpus_path,
                            "--out", out], check=True)
            with np.load(out, allow_pickle=False) as npz:
                results[tool] = {k: npz[k] for k in npz.files}
            r = results[tool]
            print(f"{tool}: {float(r['seconds']):.1f} s, {float(r['cpu']):.1f} CPU s", flush=True)

    sizes = [len(corpus.reference_text(d).split()) for d in docs]
    every = set(map(tuple, corpus.family_pairs(family))) | set(followups)
    for r in results.values():
        every |= set(map(tuple, r["pairs"].tolist()))
    truth = corpus.true_jaccard(docs, every)
    true_pairs = sum(s >= 0.8 for s in truth.values())

    print()
    print(f"corpus: {len(docs)} documents, {np.mean(sizes):.0f} words on average, "
          f"{len(set(family))} families, {true_pairs} pairs with Jaccard >= 0.8, "
          f"seed {args.seed}")
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"numpy {np.__version__}")
    header = (f"{'tool':<18}{'seconds':>9}{'CPU s':>8}{'docs/s':>8}{'peak MB':>9}{'B/doc':>8}"
              f"{'pairs':>9}{'precision':>11}{'recall':>8}  notes")
    print(header)
    print("-" * len(header))
    summary: dict[str, dict[str, float]] = {}
    for tool, r in results.items():
        seconds, cpu = float(r["seconds"]), float(r["cpu"])
        extra = max(0.0, float(r["peak"]) - float(r["base"]))
        q = _quality(r, truth, family) if tool != "newsdoc-stream" else {}
        summary[tool] = {"seconds": seconds, "cpu_seconds": cpu,
                         "docs_per_cpu_s": len(docs) / cpu,
                         "peak_bytes_per_doc": extra / len(docs), **q}
        notes = ""
        if "verified_precision" in q:
            notes = (f"LSH candidates; verified by estimate: precision "
                     f"{q['verified_precision']:.4f}, recall {q['verified_recall']:.4f}")
        elif "family_precision" in q:
            notes = f"same-family precision {q['family_precision']:.4f}"
        prec = f"{q['precision']:.4f}" if q else "-"
        rec = f"{q['recall']:.4f}" if q else "-"
        print(f"{tool:<18}{seconds:>9.2f}{cpu:>8.2f}{len(docs) / cpu:>8.0f}{extra / 2**20:>9.1f}"
              f"{extra / len(docs):>8.0f}{len(r['pairs']):>9}{prec:>11}{rec:>8}  {notes}")
    print()
    for mine in ("newsdoc", "newsdoc-clusters"):
        if mine not in summary:
            continue
        ours = summary[mine]
        for other in ("datasketch", "rensa"):
            if other in summary:
                theirs = summary[other]
                print(f"{mine} vs {other}: {theirs['cpu_seconds'] / ours['cpu_seconds']:.2f}x "
                      f"faster in CPU time ({theirs['seconds'] / ours['seconds']:.2f}x in "
                      "wall-clock time), "
                      f"peak memory {ours['peak_bytes_per_doc']:.0f} vs "
                      f"{theirs['peak_bytes_per_doc']:.0f} bytes/document "
                      f"({theirs['peak_bytes_per_doc'] / max(ours['peak_bytes_per_doc'], 1):.1f}x)")
    print()
    print(json.dumps({"docs": len(docs), "seed": args.seed, "results": summary}, indent=1))


if __name__ == "__main__":
    main()
