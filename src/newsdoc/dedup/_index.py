"""The streaming dedup index behind :class:`newsdoc.dedup.Deduplicator`, and its files.

Imports numpy at the top: import this module lazily.

The index keeps, for each stored document (an *entry*: every document that was not an exact
duplicate), its signature, its fingerprint and its number. Band keys and the first 8 bytes
of the fingerprint point to entries through a log-structured set of sorted runs: new keys go
to a small dict; when it fills up it becomes a sorted run, and runs of similar sizes are
merged. A lookup gathers the matches of every run and of the dict, so its answer does not
depend on how the keys happen to be split between them.

On disk (see ``docs/dedup.md``): ``dedup.json`` holds the format name, version, parameters
and the name of the arrays file, ``index-<16 hex digits>.npz`` (a new name at each save, so
that a save is atomic), which holds ``signatures`` (uint16, ``(m, num_perm)``), ``fingerprints``
(uint8, ``(m, 16)``) and ``documents`` (uint64, ``(m,)``, the number of each entry's
document). Band keys are not stored: loading recomputes them from the signatures.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import zipfile
from typing import Any

import numpy as np
import numpy.typing as npt

from newsdoc.dedup import _minhash
from newsdoc.exceptions import NewsdocError, SchemaError

FORMAT = "newsdoc-dedup-index"
VERSION = 2
_ARRAYS_NAME = re.compile(r"index-[0-9a-f]{16}\.npz")
_BLOCK = 4096  # entries per storage block
_PENDING_MAX = 1 << 15  # keys held in the dict before it becomes a sorted run
_MAX_PER_KEY = 64  # entries considered per key (the earliest ones)

_Run = tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32]]


class Index:
    """Signatures, fingerprints and key lookups for the entries added so far."""

    def __init__(self, *, num_perm: int, rows: int, threshold: float, seen: int = 0) -> None:
        self.num_perm = num_perm
        self.rows = rows
        self.threshold = threshold
        self.seen = seen
        self.entries = 0
        self._sigs: list[npt.NDArray[np.uint16]] = []
        self._fps: list[npt.NDArray[np.uint8]] = []
        self._docs: list[npt.NDArray[np.uint64]] = []
        self._pending: dict[int, list[int]] = {}
        self._pending_keys = 0
        self._runs: list[_Run] = []

    # ------------------------------------------------------------------ storage

    def _store(self, sig: npt.NDArray[np.uint16], fp: bytes, doc: int) -> int:
        entry = self.entries
        block, slot = divmod(entry, _BLOCK)
        if block == len(self._sigs):
            self._sigs.append(np.empty((_BLOCK, self.num_perm), dtype=np.uint16))
            self._fps.append(np.empty((_BLOCK, 16), dtype=np.uint8))
            self._docs.append(np.empty(_BLOCK, dtype=np.uint64))
        self._sigs[block][slot] = sig
        self._fps[block][slot] = np.frombuffer(fp, dtype=np.uint8)
        self._docs[block][slot] = doc
        self.entries += 1
        return entry

    def _sig(self, entry: int) -> npt.NDArray[np.uint16]:
        row: npt.NDArray[np.uint16] = self._sigs[entry // _BLOCK][entry % _BLOCK]
        return row

    def _fp(self, entry: int) -> bytes:
        return bytes(self._fps[entry // _BLOCK][entry % _BLOCK].tobytes())

    def _doc(self, entry: int) -> int:
        return int(self._docs[entry // _BLOCK][entry % _BLOCK])

    def _arrays(self) -> tuple[npt.NDArray[np.uint16], npt.NDArray[np.uint8],
                               npt.NDArray[np.uint64]]:
        m = self.entries

        def cat(blocks: list[Any], shape: tuple[int, ...], dtype: Any) -> Any:
            if not blocks:
                return np.empty(shape, dtype=dtype)
            full, rest = divmod(m, _BLOCK)
            return np.concatenate([*blocks[:full], blocks[full][:rest]] if rest else blocks[:full])

        return (cat(self._sigs, (0, self.num_perm), np.uint16), cat(self._fps, (0, 16), np.uint8),
                cat(self._docs, (0,), np.uint64))

    # ------------------------------------------------------------------ keys

    def _insert(self, keys: list[int], entry: int) -> None:
        for key in keys:
            self._pending.setdefault(key, []).append(entry)
        self._pending_keys += len(keys)

    def _flush(self) -> None:
        if not self._pending:
            return
        counts = [len(v) for v in self._pending.values()]
        keys = np.repeat(np.fromiter(self._pending.keys(), dtype=np.uint64, count=len(counts)),
                         counts)
        ids = np.fromiter((e for v in self._pending.values() for e in v), dtype=np.uint32,
                          count=sum(counts))
        self._pending.clear()
        self._pending_keys = 0
        self._runs.append(_sorted_run(keys, ids))
        while len(self._runs) >= 2 and 2 * len(self._runs[-1][0]) >= len(self._runs[-2][0]):
            (k2, i2), (k1, i1) = self._runs.pop(), self._runs.pop()
            self._runs.append(_merge(k1, i1, k2, i2))

    def _run_hits(self, query: npt.NDArray[np.uint64]) -> list[dict[int, list[int]]]:
        """For each row of ``query`` (a batch of documents' keys): key -> entries, from runs."""
        hits: list[dict[int, list[int]]] = [{} for _ in range(query.shape[0])]
        flat = query.reshape(-1)
        width = query.shape[1]
        for run_keys, run_ids in self._runs:
            lo = np.searchsorted(run_keys, flat, side="left")
            found = np.flatnonzero(run_keys[np.minimum(lo, len(run_keys) - 1)] == flat)
            if not len(found):
                continue
            hi = np.searchsorted(run_keys, flat[found], side="right")
            for f, start, stop in zip(found.tolist(), lo[found].tolist(), hi.tolist(),
                                      strict=True):
                row = hits[f // width]
                row.setdefault(int(flat[f]), []).extend(run_ids[start:stop].tolist())
        return hits

    def _candidates(self, keys: list[int], hits: dict[int, list[int]]) -> list[int]:
        """Entries sharing a key with ``keys``: per key the earliest ``_MAX_PER_KEY``."""
        out: set[int] = set()
        for key in keys:
            entries = hits.get(key, [])
            pending = self._pending.get(key)
            if pending:
                entries = entries + pending
            if len(entries) > _MAX_PER_KEY:
                entries = sorted(entries)[:_MAX_PER_KEY]
            out.update(entries)
        return sorted(out)

    # ------------------------------------------------------------------ adding

    def add_batch(
        self, fps: list[bytes], sigs: npt.NDArray[np.uint16], band_keys: npt.NDArray[np.uint64]
    ) -> list[tuple[int, str, int | None, float | None]]:
        """Add documents in order; for each return ``(number, status, of, similarity)``.

        The sorted runs do not change during a batch, so they are searched for the whole
        batch at once; the dict of pending keys (which gets this batch's keys as it goes)
        is searched document by document.
        """
        fp_keys = np.array([int.from_bytes(fp[:8], "little") for fp in fps], dtype=np.uint64)
        query = np.concatenate([fp_keys[:, None], band_keys], axis=1)
        hits = self._run_hits(query) if self._runs else [{} for _ in fps]
        out = []
        for fp, sig, row, row_hits in zip(fps, sigs, query.tolist(), hits, strict=True):
            keys = [row[0], *(k for k in row[1:] if k != 0)]
            out.append(self._add(fp, sig, keys, row_hits))
        if self._pending_keys >= _PENDING_MAX:
            self._flush()
        return out

    def _add(self, fp: bytes, sig: npt.NDArray[np.uint16], keys: list[int],
             hits: dict[int, list[int]]) -> tuple[int, str, int | None, float | None]:
        doc = self.seen
        self.seen += 1
        candidates = self._candidates(keys, hits)
        for entry in candidates:
            if self._fp(entry) == fp:
                return doc, "exact", self._doc(entry), 1.0
        verdict: tuple[int, str, int | None, float | None] = (doc, "new", None, None)
        if candidates and len(keys) > 1:
            rows = np.stack([self._sig(e) for e in candidates])
            sims = (rows == sig).mean(axis=1)
            best = int(np.argmax(sims))  # the first of the most similar: the earliest
            if sims[best] >= self.threshold - 1e-9:
                verdict = (doc, "near", self._doc(candidates[best]), float(sims[best]))
        entry = self._store(sig, fp, doc)
        self._insert(keys, entry)
        return verdict

    # ------------------------------------------------------------------ files

    def save(self, folder: str, params: dict[str, Any]) -> None:
        """Save atomically: a new arrays file, then ``dedup.json`` pointing to it, renamed
        over the old one (the commit point), then the old arrays file (and any left by an
        interrupted save) removed. Killed at any moment, the folder holds the old index or
        the new one, whole."""
        os.makedirs(folder, exist_ok=True)
        sigs, fps, docs = self._arrays()
        arrays = f"index-{secrets.token_hex(8)}.npz"
        meta = {"format": FORMAT, "version": VERSION, **params,
                "documents": self.seen, "entries": self.entries, "arrays": arrays}
        _atomic_write(folder, arrays,
                      lambda f: np.savez(f, signatures=sigs, fingerprints=fps, documents=docs))
        _atomic_write(folder, "dedup.json",
                      lambda f: f.write(json.dumps(meta, indent=2).encode("utf-8") + b"\n"))
        # Committed: remove the old arrays file and whatever an interrupted save left.
        for name in os.listdir(folder):
            if name != arrays and (_ARRAYS_NAME.fullmatch(name) or name.startswith(".tmp-")):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(folder, name))

    @classmethod
    def load(cls, folder: str, *, num_perm: int, rows: int, threshold: float,
             seen: int) -> Index:
        meta = read_params(folder)
        path = os.path.join(folder, meta["arrays"])
        sigs, fps, docs = _read_arrays(path, num_perm)
        meta_entries = meta["entries"]
        if len(sigs) != meta_entries:
            raise NewsdocError(f"{path}: {len(sigs)} entries, dedup.json says {meta_entries}")
        if len(docs) and (int(docs[-1]) >= seen or np.any(docs[1:] <= docs[:-1])):
            raise NewsdocError(f"{path}: document numbers out of order or beyond "
                               f"the {seen} documents in dedup.json")
        index = cls(num_perm=num_perm, rows=rows, threshold=threshold, seen=seen)
        for start in range(0, len(sigs), _BLOCK):
            stop = min(start + _BLOCK, len(sigs))
            block_sig = np.empty((_BLOCK, num_perm), dtype=np.uint16)
            block_fp = np.empty((_BLOCK, 16), dtype=np.uint8)
            block_doc = np.empty(_BLOCK, dtype=np.uint64)
            block_sig[: stop - start] = sigs[start:stop]
            block_fp[: stop - start] = fps[start:stop]
            block_doc[: stop - start] = docs[start:stop]
            index._sigs.append(block_sig)
            index._fps.append(block_fp)
            index._docs.append(block_doc)
        index.entries = len(sigs)
        if len(sigs):
            band = _minhash.band_keys(sigs, rows, 0)
            band[sigs[:, 0] == _minhash.EMPTY] = 0
            fp_keys = fps[:, :8].copy().view("<u8").reshape(-1).astype(np.uint64)
            all_keys = np.concatenate([fp_keys[:, None], band], axis=1)
            ids = np.repeat(np.arange(len(sigs), dtype=np.uint32), all_keys.shape[1])
            flat = all_keys.reshape(-1)
            keep = flat != 0
            keep[:: all_keys.shape[1]] = True  # fingerprint keys are always indexed
            index._runs.append(_sorted_run(flat[keep], ids[keep]))
        return index


def _merge(k1: npt.NDArray[np.uint64], i1: npt.NDArray[np.uint32],
           k2: npt.NDArray[np.uint64], i2: npt.NDArray[np.uint32]) -> _Run:
    """Merge two sorted runs without sorting again; for equal keys, run 1's entries first
    (they are the older, smaller entries, so each key's entries stay ascending)."""
    at2 = np.searchsorted(k1, k2, side="right") + np.arange(len(k2))
    keys = np.empty(len(k1) + len(k2), dtype=np.uint64)
    ids = np.empty(len(keys), dtype=np.uint32)
    from1 = np.ones(len(keys), dtype=bool)
    from1[at2] = False
    keys[at2], ids[at2] = k2, i2
    keys[from1], ids[from1] = k1, i1
    return keys, ids


def _sorted_run(keys: npt.NDArray[np.uint64], ids: npt.NDArray[np.uint32]) -> _Run:
    order = np.lexsort((ids, keys))
    return keys[order], ids[order]


def _atomic_write(folder: str, name: str, write: Any) -> None:
    """Write ``folder/name`` whole or not at all: a new temporary file created with mode
    0o666 less the umask (as ``open()`` does), written, flushed to disk, renamed over
    ``name``, and the folder flushed so that the rename itself is durable."""
    tmp = os.path.join(folder, f".tmp-{secrets.token_hex(8)}-{name}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, os.path.join(folder, name))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # Windows cannot open a folder; its renames are durable enough
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_params(folder: str) -> dict[str, Any]:
    """Read and check ``dedup.json``; raise :class:`SchemaError` when it does not fit."""
    path = os.path.join(folder, "dedup.json")
    with open(path, "rb") as f:
        raw = f.read()
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SchemaError(f"not a JSON file: {exc}", path=path) from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise SchemaError(f"not a newsdoc dedup index (expected format {FORMAT!r})", path=path)
    if meta.get("version") != VERSION:
        raise SchemaError(
            f"unknown dedup index version {meta.get('version')!r}; this newsdoc reads "
            f"version {VERSION}", path=path)
    expected = {"format", "version", "threshold", "num_perm", "shingle_size", "seed",
                "documents", "entries", "arrays"}
    if set(meta) != expected:
        missing, extra = expected - set(meta), set(meta) - expected
        raise SchemaError(f"fields missing {sorted(missing)} or unknown {sorted(extra)}",
                          path=path)
    for name in ("num_perm", "shingle_size", "seed", "documents", "entries"):
        value = meta[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise SchemaError(f"{name} must be a non-negative integer, not {value!r}", path=path)
    if not isinstance(meta["arrays"], str) or not _ARRAYS_NAME.fullmatch(meta["arrays"]):
        raise SchemaError(f"arrays must name a file index-<16 hex digits>.npz in the same "
                          f"folder, not {meta['arrays']!r}", path=path)
    if isinstance(meta["threshold"], bool) or not isinstance(meta["threshold"], (int, float)):
        raise SchemaError(f"threshold must be a number, not {meta['threshold']!r}", path=path)
    return meta


def _read_arrays(path: str, num_perm: int) -> tuple[npt.NDArray[np.uint16],
                                                     npt.NDArray[np.uint8],
                                                     npt.NDArray[np.uint64]]:
    expected = {"signatures": (np.uint16, 2), "fingerprints": (np.uint8, 2),
                "documents": (np.uint64, 1)}
    arrays: dict[str, Any] = {}
    try:
        with open(path, "rb") as f, np.load(f, allow_pickle=False) as npz:
            if set(npz.files) != set(expected):
                raise NewsdocError(f"{path}: expected arrays {sorted(expected)}, "
                                   f"found {sorted(npz.files)}")
            for name in expected:
                arrays[name] = npz[name]
    except NewsdocError:
        raise
    except FileNotFoundError:
        raise
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, KeyError) as exc:
        raise NewsdocError(f"{path}: corrupt or truncated dedup index: {exc}") from exc
    for name, (dtype, ndim) in expected.items():
        arr = arrays[name]
        if arr.dtype != dtype or arr.ndim != ndim:
            raise NewsdocError(f"{path}: {name} is {arr.dtype} with {arr.ndim} dimensions, "
                               f"expected {np.dtype(dtype)} with {ndim}")
    sigs, fps, docs = arrays["signatures"], arrays["fingerprints"], arrays["documents"]
    if sigs.shape[1] != num_perm or fps.shape[1] != 16 or not (
        len(sigs) == len(fps) == len(docs)
    ):
        raise NewsdocError(f"{path}: array shapes {sigs.shape}, {fps.shape}, {docs.shape} do "
                           f"not fit num_perm={num_perm}")
    return sigs, fps, docs
