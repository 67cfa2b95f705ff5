"""Near-duplicate detection on Dask, equal to :func:`newsdoc.dedup.near_duplicates`.

The steps, each the distributed form of a step of the single-machine engine:

1. Each partition of documents is sketched where it lives: signatures, fingerprints and keep
   scores stay in the workers (persisted); only partition lengths reach the client.
2. Exact duplicates first: fingerprints are shuffled (Dask DataFrame) and each copy is linked
   to the earliest document of its fingerprint, which alone goes on.
3. Band keys of the remaining documents are shuffled by key; each bucket gives its candidate
   pairs by the rule of the single machine: every pair in buckets of up to 64 members, a star
   from the member of lowest signature digest in bigger ones. Pairs are made distinct.
4. Signatures are joined to the pairs (two hash joins) and each pair's estimate computed.
5. Pairs within the hybrid margin (or all with ``verify="exact"``) are checked exactly: the
   shingle sets of just their documents are made in the workers that hold them and joined.
6. The verified pairs (8 bytes each side) and the exact links come to the client, where
   :func:`newsdoc.dedup._near._components` labels the connected components, exactly as on one
   machine (memory: 8 bytes a document and 16 bytes a verified pair).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdoc._models import Document
from newsdoc.dedup._exact import Keep, _Scorer, fingerprint
from newsdoc.dedup._near import (
    _MARGIN,
    _MAX_RUN,
    MinHashParams,
    Verify,
    _check_threshold,
    _check_verify,
    _components,
    _hybrid_margin,
    _sketch_text,
    _sketcher,
    banding,
)


def _sketch_part(docs: Sequence[Document], params: MinHashParams, keep: Keep) -> dict[str, Any]:
    import numpy as np

    scorer = _Scorer(keep)
    for d in docs:
        scorer.add(d)
    sketcher = _sketcher(params)
    texts = [_sketch_text(d) for d in docs]
    sig = (sketcher.signatures(texts) if texts
           else np.empty((0, params.num_perm), dtype=np.uint16))
    fps = np.frombuffer(b"".join(fingerprint(d) for d in docs), dtype=np.uint64).reshape(-1, 2)
    return {"sig": sig, "fp": fps, "scores": scorer.scores, "n": len(docs)}


def _fp_frame(part: dict[str, Any], offset: int) -> Any:
    import numpy as np
    import pandas as pd

    from newsdoc.dedup import _minhash

    words = np.flatnonzero(part["sig"][:, 0] != _minhash.EMPTY) if part["n"] else np.empty(
        0, np.int64)
    return pd.DataFrame({"h": part["fp"][words, 0], "l": part["fp"][words, 1],
                         "doc": (words + offset).astype(np.int64)})


def _copies(df: Any) -> Any:
    import pandas as pd

    rep = df.groupby(["h", "l"])["doc"].transform("min")
    out = pd.DataFrame({"a": rep.to_numpy(), "b": df["doc"].to_numpy()})
    return out[out["a"] != out["b"]]


def _key_frame(part: dict[str, Any], offset: int, copies: Any, rows: int) -> Any:
    import numpy as np
    import pandas as pd

    from newsdoc.dedup import _minhash

    sig = part["sig"]
    local = np.arange(part["n"], dtype=np.int64)
    keep = np.ones(part["n"], dtype=bool)
    if len(copies):
        keep[copies - offset] = False
    if part["n"]:
        keep &= sig[:, 0] != _minhash.EMPTY
    local = local[keep]
    sub = sig[local]
    keys = _minhash.band_keys(sub, rows, 0)
    rank = _minhash.row_digests(sub).view(np.int64)
    width = keys.shape[1]
    return pd.DataFrame({"key": keys.reshape(-1),
                         "doc": np.repeat(local + offset, width),
                         "rank": np.repeat(rank, width)})


def _bucket_pairs(df: Any) -> Any:
    import numpy as np
    import pandas as pd

    from newsdoc.dedup import _minhash

    if not len(df):
        return pd.DataFrame({"a": np.empty(0, np.int64), "b": np.empty(0, np.int64)})
    df = df.sort_values(["key", "doc"], kind="stable")
    docs = df["doc"].to_numpy()
    keys = df["key"].to_numpy().astype(np.uint64)[:, None]
    found = _minhash._runs_to_pairs(keys, _MAX_RUN, df["rank"].to_numpy())
    if not found:
        return pd.DataFrame({"a": np.empty(0, np.int64), "b": np.empty(0, np.int64)})
    rows = np.concatenate(found)
    a, b = docs[rows[:, 0]], docs[rows[:, 1]]
    return pd.DataFrame({"a": np.minimum(a, b), "b": np.maximum(a, b)})


def _payload_frame(part: dict[str, Any], offset: int) -> Any:
    import numpy as np
    import pandas as pd

    sig = part["sig"]
    return pd.DataFrame({"doc": np.arange(part["n"], dtype=np.int64) + offset,
                         "v": pd.Series([row.tobytes() for row in sig], dtype=object)})


def _estimate(df: Any, num_perm: int) -> Any:
    import numpy as np

    if not len(df):
        return df.assign(sim=np.empty(0))[["a", "b", "sim"]]
    sa = np.frombuffer(b"".join(df["va"]), dtype=np.uint16).reshape(-1, num_perm)
    sb = np.frombuffer(b"".join(df["vb"]), dtype=np.uint16).reshape(-1, num_perm)
    return df.assign(sim=(sa == sb).mean(axis=1))[["a", "b", "sim"]]


def _shingle_frame(docs: Sequence[Document], offset: int, wanted: Any,
                   params: MinHashParams) -> Any:
    import numpy as np
    import pandas as pd

    local = [int(w) - offset for w in wanted]
    sets = _sketcher(params).shingle_sets([_sketch_text(docs[i]) for i in local]) if local else []
    return pd.DataFrame({"doc": np.asarray(wanted, dtype=np.int64),
                         "v": pd.Series([s.tobytes() for s in sets], dtype=object)})


def _exact(df: Any) -> Any:
    import numpy as np

    out = np.empty(len(df))
    for i, (x, y) in enumerate(zip(df["va"], df["vb"], strict=True)):
        sx, sy = np.frombuffer(x, dtype=np.uint64), np.frombuffer(y, dtype=np.uint64)
        if len(sx) and len(sy):
            pos = np.minimum(np.searchsorted(sx, sy), len(sx) - 1)
            both = int(np.count_nonzero(sx[pos] == sy))
        else:
            both = 0
        union = len(sx) + len(sy) - both
        out[i] = both / union if union else 1.0
    return df.assign(sim=out)[["a", "b", "sim"]]


def _join(pairs: Any, payload: Any) -> Any:
    left = pairs.merge(payload.rename(columns={"doc": "a", "v": "va"}), on="a", how="inner")
    return left.merge(payload.rename(columns={"doc": "b", "v": "vb"}), on="b", how="inner")


def near_duplicate_table(documents: Any, **options: Any) -> Any:
    """Implementation of :func:`newsdoc.dask.near_duplicates`: signatures and shingle sets
    travel as bytes, which Dask must not turn into strings."""
    import dask

    with dask.config.set({"dataframe.convert-string": False,
                          "dataframe.shuffle.method": "tasks"}):
        return _table(documents, **options)


def _table(
    documents: Any,
    *,
    threshold: float = 0.8,
    keep: Keep = "first",
    params: MinHashParams | None = None,
    verify: Verify = "hybrid",
) -> Any:
    import dask
    import dask.dataframe as dd
    import numpy as np
    import pandas as pd

    threshold = _check_threshold(threshold)
    _check_verify(verify)
    params = params or MinHashParams()
    _, rows = banding(threshold, params.num_perm)
    parts = documents.to_delayed()
    sketched = dask.persist(*[dask.delayed(_sketch_part)(p, params, keep) for p in parts])
    sizes = dask.compute(*[dask.delayed(lambda s: s["n"])(s) for s in sketched])
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    n = int(offsets[-1])
    empty_pairs = pd.DataFrame({"a": np.empty(0, np.int64), "b": np.empty(0, np.int64)})
    nparts = max(1, len(parts))

    # 2. exact duplicates by fingerprint
    fp_meta = pd.DataFrame({"h": np.empty(0, np.uint64), "l": np.empty(0, np.uint64),
                            "doc": np.empty(0, np.int64)})
    fps = dd.from_delayed([dask.delayed(_fp_frame)(s, int(o))
                           for s, o in zip(sketched, offsets, strict=False)], meta=fp_meta)
    copies = fps.shuffle(on=["h", "l"], npartitions=nparts).map_partitions(
        _copies, meta=empty_pairs).compute()
    copy_b = np.sort(copies["b"].to_numpy())

    # 3. band keys shuffled, candidate pairs per bucket
    key_meta = pd.DataFrame({"key": np.empty(0, np.uint64), "doc": np.empty(0, np.int64),
                             "rank": np.empty(0, np.int64)})
    frames = []
    for s, lo, hi in zip(sketched, offsets[:-1], offsets[1:], strict=True):
        mine = copy_b[(copy_b >= lo) & (copy_b < hi)]
        frames.append(dask.delayed(_key_frame)(s, int(lo), mine, rows))
    keys = dd.from_delayed(frames, meta=key_meta)
    pairs = keys.shuffle(on="key", npartitions=nparts).map_partitions(
        _bucket_pairs, meta=empty_pairs).drop_duplicates(split_out=nparts)

    # 4. estimates
    payload_meta = pd.DataFrame({"doc": np.empty(0, np.int64), "v": pd.Series([], dtype=object)})
    sigs = dd.from_delayed([dask.delayed(_payload_frame)(s, int(o))
                            for s, o in zip(sketched, offsets, strict=False)], meta=payload_meta)
    sim_meta = pd.DataFrame({"a": np.empty(0, np.int64), "b": np.empty(0, np.int64),
                             "sim": np.empty(0)})
    est = _join(pairs, sigs).map_partitions(_estimate, params.num_perm, meta=sim_meta)
    if verify == "estimate":
        edges = est[est["sim"] >= threshold - 1e-9].compute()
    else:
        if verify == "hybrid":
            margin = _hybrid_margin(threshold, params.num_perm)
            sure_ddf = est[est["sim"] >= threshold + margin - 1e-9]
            unsure_ddf = est[(est["sim"] < threshold + margin - 1e-9)
                             & (est["sim"] >= threshold - margin - 1e-9)]
            sure, unsure = dask.compute(sure_ddf, unsure_ddf)
        else:
            sure = sim_meta
            unsure = est[est["sim"] >= threshold - _MARGIN].compute()
        # 5. exact check of the unsure pairs: shingle sets made where the documents are
        wanted = np.unique(np.concatenate([unsure["a"].to_numpy(), unsure["b"].to_numpy()]))
        shingle_frames = []
        for p, lo, hi in zip(parts, offsets[:-1], offsets[1:], strict=True):
            mine = wanted[(wanted >= lo) & (wanted < hi)]
            shingle_frames.append(dask.delayed(_shingle_frame)(p, int(lo), mine, params))
        sets = dd.from_delayed(shingle_frames, meta=payload_meta)
        unsure_dd = dd.from_pandas(unsure[["a", "b"]], npartitions=nparts)
        checked = _join(unsure_dd, sets).map_partitions(_exact, meta=sim_meta).compute()
        checked = checked[checked["sim"] >= threshold - 1e-12]
        edges = pd.concat([sure, checked])
    # 6. components on the client
    a = np.concatenate([copies["a"].to_numpy(), edges["a"].to_numpy()]).astype(np.int64)
    b = np.concatenate([copies["b"].to_numpy(), edges["b"].to_numpy()]).astype(np.int64)
    label = _components(n, a, b) if n else np.empty(0, np.int64)
    scorer = _Scorer(keep)
    if scorer.fn is not None:
        scorer.scores = [x for part in dask.compute(
            *[dask.delayed(lambda s: s["scores"])(s) for s in sketched]) for x in part]
    counts = np.bincount(label, minlength=n) if n else np.empty(0, np.int64)
    members = np.flatnonzero(counts[label] > 1) if n else np.empty(0, np.int64)
    table = pd.DataFrame({"document": members, "cluster": label[members]})
    kept = np.zeros(len(members), dtype=bool)
    order = table.groupby("cluster", sort=True)["document"]
    chosen = {int(c): scorer.choose(sorted(int(x) for x in g)) for c, g in order}
    kept = table["document"].to_numpy() == np.array(
        [chosen[int(c)] for c in table["cluster"]], dtype=np.int64).reshape(-1)
    return table.assign(keep=kept).reset_index(drop=True)
