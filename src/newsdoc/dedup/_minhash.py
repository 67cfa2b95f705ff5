"""MinHash sketching in numpy: words, shingles, signatures, band keys and candidate pairs.

This module imports numpy at the top: only import it lazily (``newsdoc.dedup._near._minhash()``),
so that ``import newsdoc.dedup`` works without numpy.

Everything here is a pure function of its inputs and of the parameters (seed included): no
state outlives a call except what the :class:`Sketcher` instance holds (its lookup tables).
The algorithm and every constant are documented in ``docs/dedup.md``; changing any of them
changes the signatures and needs a new index format version.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = [
    "EMPTY",
    "Sketcher",
    "band_keys",
    "candidate_pairs",
    "estimate",
    "exact_jaccard",
    "fmix64",
    "row_digests",
]

U64: TypeAlias = npt.NDArray[np.uint64]
U16: TypeAlias = npt.NDArray[np.uint16]
I64: TypeAlias = npt.NDArray[np.int64]

EMPTY = 0xFFFF
"""The value of every slot of the signature of a document with no words."""

_M1 = 0xFF51AFD7ED558CCD  # MurmurHash3 fmix64 multipliers
_M2 = 0xC4CEB9FE1A85EC53
_POLY = 0x100000001B3  # base of the polynomial word hash (the 64-bit FNV prime; odd)
_POLY_INV = pow(_POLY, -1, 1 << 64)
_COMBINE = 0x9E3779B97F4A7C15  # multiplier that chains words into a shingle, bins into a band
_MASK32 = 0xFFFFFFFF
_TABLE_SIZE = 0x80  # code points folded by table lookup (ASCII); others are folded lazily
_ATTEMPTS = 16  # densification attempts made at once
_MAX_BATCH_CHARS = 1 << 17  # code points sketched per numpy batch: bounds transient memory


def fmix64(x: U64) -> U64:
    """MurmurHash3's 64-bit finalizer, in place on a fresh array: a bijection that mixes bits.

    Arithmetic on uint64 arrays wraps modulo 2**64, which is what the finalizer wants.
    """
    x = x ^ (x >> np.uint64(33))
    x *= np.uint64(_M1)
    x ^= x >> np.uint64(33)
    x *= np.uint64(_M2)
    x ^= x >> np.uint64(33)
    return x


def _seed_key(seed: int, purpose: int) -> np.uint64:
    """A 64-bit key derived from the user's seed, different for each purpose."""
    mixed = fmix64(np.array([(seed * 4 + purpose) & ((1 << 64) - 1)], dtype=np.uint64))
    return np.uint64(int(mixed[0]))  # type: ignore[no-any-return]


def _fold(cp: int) -> int:
    """``cp`` lower-cased if it is a word character, else 0.

    Word characters are those of the Unicode categories L (letters), N (numbers) and M
    (marks); everything else (spaces, punctuation, symbols, controls) separates words.
    Lower-casing is ``str.lower`` where that gives one character.
    """
    char = chr(cp)
    if cp == 0 or unicodedata.category(char)[0] not in "LNM":
        return 0
    lower = char.lower()
    return ord(lower) if len(lower) == 1 else cp


class Sketcher:
    """Turns texts into one-permutation MinHash signatures (see ``docs/dedup.md``).

    Args:
        num_perm: Slots in a signature.
        shingle_size: Words in a shingle.
        seed: Selects the hash functions; equal seeds give equal signatures.
    """

    def __init__(self, *, num_perm: int, shingle_size: int, seed: int) -> None:
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        self._table = np.array([_fold(cp) for cp in range(_TABLE_SIZE)], dtype=np.uint32)
        self._folded: dict[int, int] = {}  # other code points met so far, folded
        self._word_key = _seed_key(seed, 1)
        self._shingle_key = _seed_key(seed, 2)
        self._dense_key = _seed_key(seed, 3)
        self._pow = np.empty(0, dtype=np.uint64)
        self._inv_pow = np.empty(0, dtype=np.uint64)
        self._first_round: I64 | None = None  # the first densification attempts, all slots

    def _powers(self, n: int) -> tuple[U64, U64]:
        """``_POLY**i`` and ``_POLY**-i`` modulo 2**64 for i < n (grown on demand)."""
        if len(self._pow) < n:
            size = max(n, 2 * len(self._pow), 1024)
            pw = np.full(size, _POLY, dtype=np.uint64)
            pw[0] = 1
            np.cumprod(pw, out=pw)
            inv = np.full(size, _POLY_INV, dtype=np.uint64)
            inv[0] = 1
            np.cumprod(inv, out=inv)
            self._pow, self._inv_pow = pw, inv
        return self._pow, self._inv_pow

    def _batches(
        self, texts: Sequence[str], max_docs: int | None = None
    ) -> Iterator[tuple[int, int]]:
        """Split ``texts`` into runs of about ``_MAX_BATCH_CHARS`` characters."""
        start = 0
        limit = max_docs or len(texts)
        while start < len(texts):
            stop, chars = start, 0
            while stop < len(texts) and stop - start < limit and (
                stop == start or chars + len(texts[stop]) <= _MAX_BATCH_CHARS
            ):
                chars += len(texts[stop]) + 1
                stop += 1
            yield start, stop
            start = stop

    def signatures(self, texts: Sequence[str]) -> U16:
        """Signatures of ``texts``: an array of shape ``(len(texts), num_perm)``, uint16."""
        out = np.empty((len(texts), self.num_perm), dtype=np.uint16)
        for start, stop in self._batches(texts):
            batch = texts[start:stop]
            shingles, doc_of_shingle = self._shingle_hashes(batch)
            out[start:stop] = self._one_permutation(shingles, doc_of_shingle, len(batch))
        return out

    def shingle_sets(self, texts: Sequence[str]) -> list[U64]:
        """The sorted, distinct shingle hashes of each text, for exact Jaccard similarity.

        Each hash is cut to its high 48 bits (the low 16 hold the text's number in the batch
        while sorting): two distinct shingles of a pair of documents share 48 bits with a
        probability of about 1e-9.
        """
        out: list[U64] = []
        for start, stop in self._batches(texts, max_docs=1 << 16):
            shingles, doc = self._shingle_hashes(texts[start:stop])
            keys = (doc.astype(np.uint64) << np.uint64(48)) | (shingles >> np.uint64(16))
            keys.sort()
            fresh = np.ones(len(keys), dtype=bool)
            fresh[1:] = keys[1:] != keys[:-1]
            keys = keys[fresh]
            bounds = np.searchsorted(keys, np.arange(1, stop - start, dtype=np.uint64) << 48)
            out.extend(part & np.uint64((1 << 48) - 1) for part in np.split(keys, bounds))
        return out

    def _shingle_hashes(self, texts: Sequence[str]) -> tuple[U64, I64]:
        """The 64-bit hash of every shingle of ``texts``, and the text each comes from."""
        n_docs = len(texts)
        # One string: a separator before, between and after the texts; NFC so that canonically
        # equivalent texts give the same words.
        joined = "\x00".join(unicodedata.normalize("NFC", t.replace("\x00", " ")) for t in texts)
        joined = "\x00" + joined + "\x00"
        cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        folded = self._table[np.minimum(cp, _TABLE_SIZE - 1)]
        beyond = cp >= _TABLE_SIZE
        if beyond.any():  # rarer characters: fold each distinct one once per instance
            distinct, where = np.unique(cp[beyond], return_inverse=True)
            memo = self._folded
            mapped = [memo.get(c) for c in distinct.tolist()]
            for i, c in enumerate(distinct.tolist()):
                if mapped[i] is None:
                    mapped[i] = memo[c] = _fold(c)
            folded[beyond] = np.array(mapped, dtype=np.uint32)[where.reshape(-1)]
        word = folded != 0
        # Word boundaries: positions where ``word`` flips. It is False at both ends.
        flips = np.flatnonzero(word[1:] != word[:-1]) + 1
        starts, ends = flips[0::2], flips[1::2]
        # Polynomial hash of each word's code points, from prefix sums: sum(c_j * P**j).
        pw, inv = self._powers(len(cp))
        prefix = np.cumsum(folded.astype(np.uint64) * pw[: len(cp)])
        raw = (prefix[ends - 1] - prefix[starts - 1]) * inv[starts]
        words = fmix64(raw ^ self._word_key)
        # Which document each word belongs to: separators are the NUL characters.
        seps = np.flatnonzero(cp == 0)  # n_docs + 1 of them
        doc_of_word = np.searchsorted(seps, starts) - 1
        counts = np.bincount(doc_of_word, minlength=n_docs)
        return self._shingles(words, counts)

    def _shingles(self, words: U64, counts: I64) -> tuple[U64, I64]:
        """Hash every run of ``shingle_size`` consecutive words within a document.

        A document with fewer words than ``shingle_size`` (but at least one) has one shingle:
        all its words.
        """
        k = self.shingle_size
        n_docs = len(counts)
        ends = np.cumsum(counts)
        starts = ends - counts
        per_doc = np.where(counts >= k, counts - k + 1, np.minimum(counts, 1))
        doc_of_shingle = np.repeat(np.arange(n_docs), per_doc)
        before = np.cumsum(per_doc) - per_doc
        first_word = np.arange(len(doc_of_shingle)) - np.repeat(before, per_doc)
        first_word += starts[doc_of_shingle]
        acc = np.zeros(len(first_word), dtype=np.uint64)
        limit = ends[doc_of_shingle]
        padded = np.concatenate([words, np.zeros(k, dtype=np.uint64)])
        for j in range(k):
            pos = first_word + j
            part = padded[pos]
            part[pos >= limit] = 0  # short documents: missing words count as 0
            acc = acc * np.uint64(_COMBINE) + part
        return fmix64(acc ^ self._shingle_key), doc_of_shingle

    def _one_permutation(self, shingles: U64, doc: I64, n_docs: int) -> U16:
        """One-permutation MinHash with optimal densification (b-bit, 16-bit slots)."""
        k = self.num_perm
        # Slot: the high 32 bits, reduced to [0, k) by multiply-shift; value: the low 32 bits.
        slot = ((shingles >> np.uint64(32)) * np.uint64(k)) >> np.uint64(32)
        cell = doc.astype(np.uint64) * np.uint64(k) + slot
        keys = (cell << np.uint64(32)) | (shingles & np.uint64(_MASK32))
        keys.sort()
        cells = keys >> np.uint64(32)
        first = np.ones(len(keys), dtype=bool)
        first[1:] = cells[1:] != cells[:-1]
        flat = np.full(n_docs * k, EMPTY, dtype=np.uint16)
        low = (keys[first] & np.uint64(0xFFFF)).astype(np.uint16)
        low[low == EMPTY] = EMPTY - 1  # keep EMPTY unambiguous
        flat[cells[first].astype(np.int64)] = low
        sig = flat.reshape(n_docs, k)
        self._densify(sig)
        return sig

    def _densify(self, sig: U16) -> None:
        """Fill empty slots of non-empty documents, the same way for every document.

        Slot ``i`` tries slots ``h(i, 1), h(i, 2), ...`` (a fixed pseudo-random sequence
        given the seed) and copies the first one that is not empty: two documents with the
        same set of shingles get the same signature, and similar sets get similar ones.
        Attempts are made in rounds: the first 16 from a table made once per instance, then
        32, 64, ... up to 1024 at once, computed for the slots still empty. A document with
        a single filled slot gets that value everywhere (what any sequence would give).
        """
        k = self.num_perm
        original = sig.copy()
        empty = original == EMPTY
        n_filled = k - empty.sum(axis=1)
        single = np.flatnonzero(n_filled == 1)
        if len(single):
            sig[single] = original[single].min(axis=1)[:, None]  # EMPTY is the largest value
        docs, slots = np.nonzero(empty & (n_filled > 1)[:, None])
        first, size = 1, _ATTEMPTS
        while len(docs):
            if first > 64 * k:  # practically unreachable: use the first filled slot
                first_filled = np.argmax(~empty, axis=1)
                sig[docs, slots] = original[docs, first_filled[docs]]
                break
            found_any = np.zeros(len(docs), dtype=bool)
            step = max(1, (1 << 20) // size)  # cells at once: bounds the temporaries
            for start in range(0, len(docs), step):
                d, sl = docs[start : start + step], slots[start : start + step]
                values = original[d[:, None], self._sources(sl, first, size)]  # (cells, size)
                hit = values != EMPTY
                found = hit.any(axis=1)
                done = np.flatnonzero(found)
                sig[d[done], sl[done]] = values[done, hit.argmax(axis=1)[done]]
                found_any[start : start + step] = found
            docs, slots = docs[~found_any], slots[~found_any]
            first += size
            size = min(2 * size, 1024)

    def _sources(self, slots: I64, first: int, size: int) -> I64:
        """The slots that ``slots`` try at attempts ``first`` to ``first + size - 1``: an
        int64 array of shape ``(len(slots), size)``."""
        if first == 1 and size == _ATTEMPTS:
            if self._first_round is None:
                every = np.arange(self.num_perm, dtype=np.int64)
                self._first_round = self._compute_sources(every, 1, _ATTEMPTS)
            chosen: I64 = self._first_round[slots]
            return chosen
        return self._compute_sources(slots, first, size)

    def _compute_sources(self, slots: I64, first: int, size: int) -> I64:
        attempt = np.arange(first, first + size, dtype=np.uint64)[None, :]
        mixed = fmix64(((slots.astype(np.uint64)[:, None] << np.uint64(32)) + attempt)
                       ^ self._dense_key)
        source = ((mixed >> np.uint64(32)) * np.uint64(self.num_perm)) >> np.uint64(32)
        out: I64 = source.astype(np.int64)
        return out


def band_keys(sig: U16, rows: int, seed: int, bands: range | None = None) -> U64:
    """Hash each band of ``rows`` slots to one uint64 key, the band number mixed in.

    Returns an array of shape ``(n, len(bands))`` (all ``num_perm // rows`` bands by
    default). Documents with no words (every slot :data:`EMPTY`) get key 0 in every band.
    """
    n, k = sig.shape
    if bands is None:
        bands = range(k // rows)
    first, count = bands.start, len(bands)
    cube = sig[:, first * rows : (first + count) * rows].reshape(n, count, rows)
    acc = np.broadcast_to(
        (np.arange(first + 1, first + count + 1, dtype=np.uint64) ^ _seed_key(seed, 4))[None, :],
        (n, count),
    ).copy()
    for j in range(rows):
        acc *= np.uint64(_COMBINE)
        acc += cube[:, :, j]
    keys = fmix64(acc)
    keys[sig[:, 0] == EMPTY] = 0
    return keys


def row_digests(sig: U16) -> U64:
    """A 64-bit digest of each whole signature (equal signatures, equal digests)."""
    k = sig.shape[1]
    weights = np.full(k, _COMBINE, dtype=np.uint64)
    weights[0] = 1
    weights = np.cumprod(weights)[::-1].copy()  # _COMBINE ** (k - 1 - j), wrapping
    acc = np.zeros(sig.shape[0], dtype=np.uint64)
    step = 1 << 11
    for i in range(0, sig.shape[0], step):
        acc[i : i + step] = sig[i : i + step].astype(np.uint64) @ weights  # wraps mod 2**64
    return fmix64(acc)


def estimate(sig: U16, a: I64, b: I64) -> npt.NDArray[np.float64]:
    """Estimated Jaccard similarity of the rows ``a[i]`` and ``b[i]`` of ``sig``."""
    out = np.empty(len(a), dtype=np.float64)
    step = 1 << 11
    for i in range(0, len(a), step):
        out[i : i + step] = (sig[a[i : i + step]] == sig[b[i : i + step]]).mean(axis=1)
    return out


def exact_jaccard(
    sets: Callable[[list[int]], list[U64]], a: I64, b: I64, *, chunk: int = 4096
) -> npt.NDArray[np.float64]:
    """Exact Jaccard similarity of the shingle sets of ``a[i]`` and ``b[i]``.

    ``sets(indices)`` returns the sorted distinct shingle hashes of those documents; it is
    called once per chunk of pairs, so only a chunk's sets are held at a time.
    """
    out = np.empty(len(a), dtype=np.float64)
    for start in range(0, len(a), chunk):
        xs, ys = a[start : start + chunk].tolist(), b[start : start + chunk].tolist()
        wanted = sorted(set(xs) | set(ys))
        got = dict(zip(wanted, sets(wanted), strict=True))
        for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
            sx, sy = got[x], got[y]
            if len(sx) and len(sy):
                pos = np.minimum(np.searchsorted(sx, sy), len(sx) - 1)
                both = int(np.count_nonzero(sx[pos] == sy))
            else:
                both = 0
            union = len(sx) + len(sy) - both
            out[start + i] = both / union if union else 1.0
    return out


def candidate_pairs(
    sig: U16, rows: int, *, max_run: int | None = None, rank: I64 | None = None
) -> I64:
    """Pairs ``(i, j)``, ``i < j``, of rows of ``sig`` that share a band key, each pair once.

    Band keys are made a few bands at a time (bounded memory) and, as the band number is
    hashed into each key, the bands of a group are sorted together. Documents with no words
    are left out. A run of more than ``max_run`` rows sharing a key is linked as a star to its
    row of lowest ``rank`` (a content-defined order, so that the result does not depend on the
    input order) instead of as all its pairs: enough for clustering, and linear instead of
    quadratic.

    Returns:
        An int64 array of shape ``(m, 2)``, sorted.
    """
    n, k = sig.shape
    n_bands = k // rows
    per_group = max(1, min(n_bands, (1 << 18) // max(n, 1)))
    codes = np.empty(0, dtype=np.int64)  # i * n + j, distinct, merged group by group
    for first in range(0, n_bands, per_group):
        keys = band_keys(sig, rows, 0, range(first, min(first + per_group, n_bands)))
        found = _runs_to_pairs(keys, max_run, rank)
        del keys
        if found:
            pairs = np.concatenate(found)
            codes = np.union1d(codes, pairs[:, 0] * n + pairs[:, 1])
    return np.stack([codes // n, codes % n], axis=1)


def _runs_to_pairs(keys: U64, max_run: int | None, rank: I64 | None) -> list[I64]:
    n, width = keys.shape
    flat = keys.reshape(-1)
    ids = np.repeat(np.arange(n, dtype=np.int64), width)
    nonzero = flat != 0
    flat, ids = flat[nonzero], ids[nonzero]
    order = np.argsort(flat, kind="stable")  # rows stay ascending within a key
    ordered, ids = flat[order], ids[order]
    del flat, order
    same = ordered[1:] == ordered[:-1]
    if not same.any():
        return []
    # Runs of equal keys: [run_start, run_end) in sorted order.
    edges = np.flatnonzero(np.diff(np.concatenate(([0], same.view(np.int8), [0]))))
    run_start, run_end = edges[0::2], edges[1::2] + 1
    lengths = run_end - run_start
    small = lengths if max_run is None else np.where(lengths <= max_run, lengths, 0)
    found: list[I64] = []
    # All pairs within small runs: for each offset d, pair position p with p + d.
    for d in range(1, int(small.max(initial=0))):
        ok = small > d
        starts, count = run_start[ok], small[ok] - d
        pos = np.repeat(starts - np.cumsum(count) + count, count) + np.arange(count.sum())
        found.append(np.stack([ids[pos], ids[pos + d]], axis=1))
    if max_run is not None:
        big = lengths > max_run
        for s, e in zip(run_start[big], run_end[big], strict=True):
            members = ids[s:e]
            hub = members[np.argmin(rank[members])] if rank is not None else members[0]
            others = members[members != hub]
            pair = np.stack([np.minimum(others, hub), np.maximum(others, hub)], axis=1)
            found.append(pair)
    return found
