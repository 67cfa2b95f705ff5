"""Exact and near-duplicate detection for news documents.

* :func:`exact_duplicates` groups documents with the same :func:`fingerprint`: a documented
  BLAKE2b hash of normalized content, standard library only.
* :func:`near_duplicates` clusters documents whose estimated Jaccard similarity over word
  shingles reaches a threshold (MinHash with LSH banding); :func:`deduplicate` keeps one
  copy per cluster.
* :class:`Deduplicator` does the same one document at a time, keeping signatures rather than
  documents, and saves its index to continue a crawl later.
* :func:`signatures`, :func:`band_keys`, :func:`similarity` and :func:`similar_pairs` expose
  the plain data underneath (numpy arrays), for storage or a distributed engine.

Near-duplicate detection needs numpy, the extra ``newsdoc[dedup]``; without it those
functions raise :class:`ModuleNotFoundError` saying ``pip install 'newsdoc[dedup]'``.
How it works, and how to choose the threshold: ``docs/dedup.md``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from newsdoc.dedup._exact import (
    Cluster,
    Keep,
    Pair,
    canonical_text,
    exact_duplicates,
    fingerprint,
    is_placeholder,
)
from newsdoc.dedup._near import (
    MinHashParams,
    band_keys,
    banding,
    deduplicate,
    near_duplicates,
    near_duplicates_streamed,
    signatures,
    similar_pairs,
    similarity,
)
from newsdoc.dedup._stream import Deduplicator, Status, Verdict

__all__ = [
    "Cluster",
    "Deduplicator",
    "Keep",
    "MinHashParams",
    "Pair",
    "Status",
    "Verdict",
    "band_keys",
    "banding",
    "canonical_text",
    "deduplicate",
    "exact_duplicates",
    "fingerprint",
    "is_placeholder",
    "near_duplicates",
    "near_duplicates_streamed",
    "signatures",
    "similar_pairs",
    "similarity",
]
