"""Exact and near-duplicate detection: the implementation behind :mod:`newsdoc.dedup`.

Exact duplicates need only the standard library. Near duplicates need numpy, imported
lazily (the extra ``newsdoc[dedup]``): importing this module never imports numpy.
"""

from __future__ import annotations

import enum
import hashlib
import itertools
import math
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeAlias

import attrs

from newsdoc._models import Document

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from newsdoc._dedup_index import Index

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
    "near_duplicates",
    "signatures",
    "similar_pairs",
    "similarity",
]

_INSTALL_HINT = "near-duplicate detection needs numpy: pip install 'newsdoc[dedup]'"
_FINGERPRINT_PERSON = b"newsdoc-fp-v1"
_CHUNK = 512  # documents whose texts are gathered at a time for sketching

_QUOTES = (
    ("\u2018", "'"), ("\u2019", "'"), ("\u201a", "'"), ("\u201b", "'"), ("\u2032", "'"),
    ("\u2039", "'"), ("\u203a", "'"),
    ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u201f", '"'), ("\u2033", '"'),
    ("\u00ab", '"'), ("\u00bb", '"'),
)


class _Comparable(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


Keep: TypeAlias = "Literal['first', 'longest'] | Callable[[Document], _Comparable]"
"""Which copy of a cluster to keep: ``"first"`` (the earliest in input order), ``"longest"``
(the most characters of :func:`canonical_text`), or a key function: the member with the
largest key is kept. Ties always go to the earliest."""


def _minhash() -> ModuleType:
    """The numpy implementation, or an ImportError that says what to install."""
    try:
        from newsdoc import _minhash
    except ImportError as exc:  # numpy is missing (or broken)
        raise ModuleNotFoundError(_INSTALL_HINT, name="numpy") from exc
    return _minhash


# --------------------------------------------------------------------------- exact


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        for curly, straight in _QUOTES:
            text = text.replace(curly, straight)  # str.replace is much faster than translate
    return " ".join(text.split())


def canonical_text(document: Document) -> str:
    """The normalized content that :func:`fingerprint` hashes.

    Normalization, applied to the title, to each caption (``Caption.raw``, credit included)
    and to each paragraph: Unicode NFC; curly and angle quotes to ``'`` and ``"``; every run
    of whitespace (any Unicode space, tab or line break) to one space; no space at either
    end. Parts that are then empty are dropped. Page chrome (``Document.chrome``) and
    provenance take no part; case and all other characters are kept.

    The result is the title, the captions and the paragraphs, each section's parts joined by
    ``"\\n"`` and the three sections joined by ``"\\n\\n"``.

    Args:
        document: Any document.

    Returns:
        The canonical text.

    >>> from newsdoc import Document, Paragraph
    >>> canonical_text(Document(title=" A  \u201cbig\u201d day ",
    ...                         paragraphs=(Paragraph(text="One\\u00a0two."),), chrome=("TT",)))
    'A "big" day\\n\\n\\n\\nOne two.'

    .. versionadded:: 0.1.0
    """
    captions = "\n".join(p for p in (_norm(c.raw) for c in document.captions) if p)
    paragraphs = "\n".join(p for p in (_norm(x.text) for x in document.paragraphs) if p)
    return f"{_norm(document.title)}\n\n{captions}\n\n{paragraphs}"


def fingerprint(document: Document) -> bytes:
    """A 16-byte fingerprint of the document's content, for exact-duplicate detection.

    It is BLAKE2b with a 16-byte digest and personalization ``b"newsdoc-fp-v1"`` over the
    UTF-8 bytes of :func:`canonical_text`: the same on every run, process, Python version
    and machine. Whitespace-only edits, quote styles, Unicode composition and page chrome
    do not change it.

    Args:
        document: Any document.

    Returns:
        16 bytes (``.hex()`` gives a 32-character string).

    >>> from newsdoc import Document
    >>> fingerprint(Document(title="Hello")) == fingerprint(Document(title=" Hello\\n"))
    True
    >>> len(fingerprint(Document(title="Hello")))
    16

    .. versionadded:: 0.1.0
    """
    data = canonical_text(document).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16, person=_FINGERPRINT_PERSON).digest()


# --------------------------------------------------------------------------- results


@attrs.frozen(kw_only=True)
class Pair:
    """Two documents found similar.

    Attributes:
        first: Index (input order) of one document.
        second: Index of the other; ``first < second``.
        similarity: Their estimated Jaccard similarity (1.0 for exact duplicates).

    .. versionadded:: 0.1.0
    """

    first: int
    second: int
    similarity: float


@attrs.frozen(kw_only=True)
class Cluster:
    """A group of duplicates.

    Attributes:
        members: Indices (input order) of the documents in the cluster, ascending; at least
            two.
        keep: The member to keep, chosen by the ``keep`` policy.
        similarities: For each member (aligned with ``members``), its estimated Jaccard
            similarity to the kept one (1.0 for the kept one itself and for exact copies).
            A member joined through another can be less similar to the kept one than the
            threshold.
        pairs: The links found: pairs of members whose similarity reached the threshold
            (for exact duplicates: each member with the kept one).

    .. versionadded:: 0.1.0
    """

    members: tuple[int, ...]
    keep: int
    similarities: tuple[float, ...]
    pairs: tuple[Pair, ...]

    @property
    def dropped(self) -> tuple[int, ...]:
        """The members other than :attr:`keep`."""
        return tuple(m for m in self.members if m != self.keep)


class _Scorer:
    """Turns a keep policy into a per-document score (highest wins, ties to the earliest)."""

    def __init__(self, keep: Keep) -> None:
        if keep == "first":
            self.fn: Callable[[Document], _Comparable] | None = None
        elif keep == "longest":
            self.fn = lambda d: len(canonical_text(d))
        elif callable(keep):
            self.fn = keep
        else:
            raise ValueError(f"keep must be 'first', 'longest' or a function, not {keep!r}")
        self.scores: list[_Comparable] = []

    def add(self, document: Document) -> None:
        if self.fn is not None:
            self.scores.append(self.fn(document))

    def choose(self, members: Sequence[int]) -> int:
        best = members[0]
        if self.fn is not None:
            for m in members[1:]:
                if self.scores[best] < self.scores[m]:
                    best = m
        return best


def exact_duplicates(documents: Iterable[Document], *, keep: Keep = "first") -> tuple[Cluster, ...]:
    """Groups of documents with the same :func:`fingerprint`. Standard library only.

    Args:
        documents: The documents, consumed once.
        keep: Which copy each cluster keeps (see :data:`Keep`).

    Returns:
        The clusters, ordered by their first member; documents without a copy are in none.
        The clusters do not depend on the input order (as sets of documents).

    Raises:
        ValueError: ``keep`` is not a valid policy.

    >>> from newsdoc import Document
    >>> docs = [Document(title="A"), Document(title="B"), Document(title=" A ")]
    >>> [c.members for c in exact_duplicates(docs)]
    [(0, 2)]

    .. versionadded:: 0.1.0
    """
    scorer = _Scorer(keep)
    groups: dict[bytes, list[int]] = {}
    for i, doc in enumerate(documents):
        groups.setdefault(fingerprint(doc), []).append(i)
        scorer.add(doc)
    clusters = []
    for members in groups.values():
        if len(members) > 1:
            kept = scorer.choose(members)
            clusters.append(
                Cluster(
                    members=tuple(members),
                    keep=kept,
                    similarities=(1.0,) * len(members),
                    pairs=tuple(
                        Pair(first=min(kept, m), second=max(kept, m), similarity=1.0)
                        for m in members
                        if m != kept
                    ),
                )
            )
    clusters.sort(key=lambda c: c.members[0])
    return tuple(clusters)


# --------------------------------------------------------------------------- near


def _check_threshold(threshold: float) -> float:
    if not (isinstance(threshold, (int, float)) and 0.0 < threshold <= 1.0):
        raise ValueError(f"threshold must be a number in (0, 1], not {threshold!r}")
    return float(threshold)


def _positive(name: str, limit: int) -> Callable[[Any, Any, int], None]:
    def check(_inst: Any, _attr: Any, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limit:
            raise ValueError(f"{name} must be an integer from 1 to {limit}, not {value!r}")

    return check


def _check_seed(_inst: Any, _attr: Any, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**62:
        raise ValueError(f"seed must be an integer from 0 to 2**62 - 1, not {value!r}")


@attrs.frozen(kw_only=True)
class MinHashParams:
    """How documents are sketched for near-duplicate detection.

    Attributes:
        num_perm: Slots in a signature (each a 16-bit value). More slots, a more precise
            similarity estimate and a larger index: the standard error at similarity ``s``
            is about ``sqrt(s * (1 - s) / num_perm)`` (0.025 at 0.8 with 256).
        shingle_size: Words in a shingle. Smaller is more lenient to edits: changing 2% of
            the words lowers the Jaccard similarity to about 0.89 with 3-word shingles and
            to about 0.82 with 5-word shingles.
        seed: Selects the hash functions. Signatures made with different seeds (or other
            parameters) cannot be compared.

    .. versionadded:: 0.1.0
    """

    num_perm: int = attrs.field(default=256, validator=_positive("num_perm", 4096))
    shingle_size: int = attrs.field(default=3, validator=_positive("shingle_size", 32))
    seed: int = attrs.field(default=0, validator=_check_seed)


def _sketch_text(document: Document) -> str:
    """The text near-duplicate detection looks at: everything but chrome and provenance."""
    parts = [document.title, *(c.raw for c in document.captions)]
    parts.extend(p.text for p in document.paragraphs)
    return "\n".join(parts)


def _sketcher(params: MinHashParams) -> Any:
    return _minhash().Sketcher(
        num_perm=params.num_perm, shingle_size=params.shingle_size, seed=params.seed
    )


def _chunks(documents: Iterable[Document], size: int = _CHUNK) -> Iterator[list[Document]]:
    it = iter(documents)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def signatures(
    documents: Iterable[Document], *, params: MinHashParams | None = None
) -> npt.NDArray[np.uint16]:
    """MinHash signatures of the documents: plain data, for storing or for other engines.

    One-permutation MinHash over word shingles (see ``docs/dedup.md``): row ``i`` is the
    signature of document ``i``. Equal parameters give equal signatures on every machine.

    Args:
        documents: The documents, consumed once.
        params: Sketch parameters; the defaults when ``None``.

    Returns:
        A uint16 array of shape ``(n, params.num_perm)``. A document without words has
        every slot 0xFFFF.

    Raises:
        ModuleNotFoundError: numpy is not installed (``pip install 'newsdoc[dedup]'``).

    >>> from newsdoc import Document
    >>> sig = signatures([Document(title="The cat sat on the mat")])
    >>> sig.shape, sig.dtype.name
    ((1, 256), 'uint16')

    .. versionadded:: 0.1.0
    """
    np = _numpy()
    params = params or MinHashParams()
    sketcher = _sketcher(params)
    if isinstance(documents, Sequence):  # known length: fill one array, no copy at the end
        out = np.empty((len(documents), params.num_perm), dtype=np.uint16)
        for start in range(0, len(documents), _CHUNK):
            chunk = documents[start : start + _CHUNK]
            out[start : start + len(chunk)] = sketcher.signatures([_sketch_text(d) for d in chunk])
        return out  # type: ignore[no-any-return]
    parts = [sketcher.signatures([_sketch_text(d) for d in chunk]) for chunk in _chunks(documents)]
    if not parts:
        return np.empty((0, params.num_perm), dtype=np.uint16)  # type: ignore[no-any-return]
    return np.concatenate(parts)  # type: ignore[no-any-return]


def _numpy() -> ModuleType:
    _minhash()
    import numpy

    return numpy


def banding(threshold: float, num_perm: int) -> tuple[int, int]:
    """The LSH banding used for ``threshold``: ``(bands, rows)``.

    ``rows`` is the largest number of slots per band such that a pair whose Jaccard
    similarity equals ``threshold`` shares at least one band with probability >= 0.995;
    ``bands = num_perm // rows``. Candidates are then verified by their estimated similarity.

    Args:
        threshold: The similarity threshold, in (0, 1].
        num_perm: Slots in the signatures.

    Returns:
        ``(bands, rows)``.

    Raises:
        ValueError: the threshold is not in (0, 1] or ``num_perm`` is not positive.

    >>> banding(0.8, 256)
    (32, 8)

    .. versionadded:: 0.1.0
    """
    threshold = _check_threshold(threshold)
    if isinstance(num_perm, bool) or not isinstance(num_perm, int) or num_perm < 1:
        raise ValueError(f"num_perm must be a positive integer, not {num_perm!r}")
    best = 1
    for r in range(1, num_perm + 1):
        if 1.0 - (1.0 - threshold**r) ** (num_perm // r) >= 0.995:
            best = r
    return num_perm // best, best


def _as_signatures(sig: Any) -> npt.NDArray[np.uint16]:
    np = _numpy()
    arr = np.asarray(sig)
    if arr.ndim != 2 or arr.dtype != np.uint16:
        raise ValueError(f"signatures must be a 2-D uint16 array, not {arr.dtype}{arr.shape}")
    return arr  # type: ignore[no-any-return]


def band_keys(
    signatures: npt.NDArray[np.uint16], *, threshold: float = 0.8
) -> npt.NDArray[np.uint64]:
    """LSH band keys: documents sharing a key in any band are candidate near duplicates.

    Each band's key hashes the band number with its slots, so keys of different bands never
    need to be told apart: to run the same dedup on a distributed engine, emit
    ``(key, document id)`` for every key, group by key, and verify the pairs of each group
    with :func:`similarity`.

    Args:
        signatures: From :func:`signatures` (uint16, shape ``(n, num_perm)``).
        threshold: The similarity threshold; it sets the banding (see :func:`banding`).

    Returns:
        A uint64 array of shape ``(n, bands)``. A document without words has key 0 in every
        band: leave those out.

    Raises:
        ValueError: bad signatures or threshold.
        ModuleNotFoundError: numpy is not installed.

    .. versionadded:: 0.1.0
    """
    sig = _as_signatures(signatures)
    _, rows = banding(threshold, sig.shape[1])
    return _minhash().band_keys(sig, rows, 0)  # type: ignore[no-any-return]


def similarity(a: npt.NDArray[np.uint16], b: npt.NDArray[np.uint16]) -> float:
    """The estimated Jaccard similarity of two signatures: the share of equal slots.

    Args:
        a: One signature (a row of :func:`signatures`).
        b: Another, made with the same parameters.

    Returns:
        A number from 0 to 1.

    Raises:
        ValueError: the signatures differ in length.
        ModuleNotFoundError: numpy is not installed.

    >>> from newsdoc import Document
    >>> sig = signatures([Document(title="the cat sat on the mat today"),
    ...                   Document(title="the cat sat on the mat today!")])
    >>> similarity(sig[0], sig[1])
    1.0

    .. versionadded:: 0.1.0
    """
    np = _numpy()
    x, y = np.asarray(a), np.asarray(b)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError(f"signatures of different shapes: {x.shape} and {y.shape}")
    return float(np.mean(x == y))


def similar_pairs(
    signatures: npt.NDArray[np.uint16], *, threshold: float = 0.8
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Every pair of rows that shares a band key and whose estimated similarity >= threshold.

    The plain-data step under :func:`near_duplicates`: a group of ``m`` identical
    signatures yields all its ``m * (m - 1) / 2`` pairs.

    Args:
        signatures: From :func:`signatures`.
        threshold: The similarity threshold.

    Returns:
        ``(pairs, similarities)``: an int64 array of shape ``(m, 2)`` with ``i < j`` in each
        row, sorted, and the estimated similarity of each pair.

    Raises:
        ValueError: bad signatures or threshold.
        ModuleNotFoundError: numpy is not installed.

    .. versionadded:: 0.1.0
    """
    sig = _as_signatures(signatures)
    threshold = _check_threshold(threshold)
    mh = _minhash()
    _, rows = banding(threshold, sig.shape[1])
    pairs = mh.candidate_pairs(sig, rows)
    sims = mh.estimate(sig, pairs[:, 0], pairs[:, 1])
    ok = sims >= threshold - 1e-9
    return pairs[ok], sims[ok]


def _components(n: int, a: Any, b: Any) -> Any:
    """Connected-component labels (the smallest member) of a graph given by its edges."""
    np = _numpy()
    label = np.arange(n, dtype=np.int64)
    while True:
        low = np.minimum(label[a], label[b])
        before = label.copy()
        np.minimum.at(label, a, low)
        np.minimum.at(label, b, low)
        label = label[label]  # pointer jumping
        if np.array_equal(label, before):
            return label


_MARGIN = 0.15  # with verify="exact", candidates estimated this far below the threshold are checked
_SIGMAS = 3.0  # with verify="hybrid", the half-width of the margin in standard errors
_HYBRID_CHUNK = 256  # with verify="hybrid", pairs checked at a time: bounds the sets held


def _hybrid_margin(threshold: float, num_perm: int) -> float:
    """The half-width of the band around ``threshold`` where ``verify="hybrid"`` checks exactly.

    Three standard errors of the estimate at the threshold, ``3 * sqrt(t * (1 - t) /
    num_perm)`` (0.075 at 0.8 with 256 slots), and at least one slot's worth, ``1 /
    num_perm``, so that a threshold of 1.0 still checks the estimates just below it.
    """
    return max(_SIGMAS * math.sqrt(threshold * (1.0 - threshold) / num_perm), 1.0 / num_perm)


def _exact_pairs(
    n: int,
    pairs: npt.NDArray[np.int64],
    threshold: float,
    exact_sets: Callable[[list[int]], list[Any]],
    exact_chunk: int | None,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """The ``pairs`` whose exact Jaccard similarity reaches ``threshold``, and it."""
    np = _numpy()
    mh = _minhash()
    # Pairs grouped by connected component, so that each chunk of pairs needs few
    # documents and a document is sketched again about once.
    group = _components(n, pairs[:, 0], pairs[:, 1])[pairs[:, 0]]
    pairs = pairs[np.argsort(group, kind="stable")]
    sims = mh.exact_jaccard(exact_sets, pairs[:, 0], pairs[:, 1],
                            chunk=exact_chunk or max(len(pairs), 1))
    ok = sims >= threshold - 1e-12
    return pairs[ok], sims[ok]


def _cluster_signatures(
    sig: npt.NDArray[np.uint16],
    threshold: float,
    scorer: _Scorer,
    exact_sets: Callable[[list[int]], list[Any]] | None = None,
    exact_chunk: int | None = 4096,
    margin: float | None = None,
) -> tuple[Cluster, ...]:
    """Cluster documents given their signatures.

    With ``exact_sets`` (document indices -> their sorted shingle hashes), candidates are
    verified and every reported similarity computed by exact Jaccard instead of estimated;
    ``exact_sets`` is called once per ``exact_chunk`` pairs (``None``: once for all).
    With ``margin`` as well (the hybrid mode), only candidates estimated within ``margin``
    of the threshold are checked exactly: those above are accepted and those below rejected
    on their estimate, and the similarities to the kept copies are estimated.
    """
    np = _numpy()
    mh = _minhash()
    n = sig.shape[0]
    if n == 0:
        return ()
    # Stars for big runs of a band key link to the member of lowest digest: an order
    # defined by content, so that nothing depends on the input order.
    rank = mh.row_digests(sig).view(np.int64)
    _, rows = banding(threshold, sig.shape[1])
    pairs = mh.candidate_pairs(sig, rows, max_run=64, rank=rank)
    del rank
    sims = mh.estimate(sig, pairs[:, 0], pairs[:, 1])
    if exact_sets is None:
        ok = sims >= threshold - 1e-9
        pairs, sims = pairs[ok], sims[ok]
    elif margin is not None:
        sure = sims >= threshold + margin - 1e-9
        unsure = ~sure & (sims >= threshold - margin - 1e-9)
        checked, checked_sims = _exact_pairs(n, pairs[unsure], threshold, exact_sets,
                                             exact_chunk)
        pairs = np.concatenate([pairs[sure], checked])
        sims = np.concatenate([sims[sure], checked_sims])
    else:
        pairs, sims = _exact_pairs(n, pairs[sims >= threshold - _MARGIN], threshold,
                                   exact_sets, exact_chunk)
    label = _components(n, pairs[:, 0], pairs[:, 1])
    # Documents without words (signature all EMPTY) have no band key, hence no pair: they
    # stay alone.
    order = np.argsort(label, kind="stable")
    bounds = np.flatnonzero(np.diff(label[order])) + 1
    groups = [g for g in np.split(order, bounds) if len(g) > 1]
    links_by_label: dict[int, list[Pair]] = {}
    for (p, q), s in zip(pairs.tolist(), sims.tolist(), strict=True):
        links_by_label.setdefault(int(label[p]), []).append(Pair(first=p, second=q, similarity=s))
    # Members and kept copies; then the similarities to the kept copy, in one go.
    chosen = []
    for g in groups:
        members = [int(m) for m in g]  # ascending: a stable sort of ascending indices
        chosen.append((members, scorer.choose(members)))
    kept_idx = np.array([k for members, k in chosen for _ in members], dtype=np.int64)
    member_idx = np.array([m for members, _ in chosen for m in members], dtype=np.int64)
    if exact_sets is None or margin is not None:
        to_kept = mh.estimate(sig, kept_idx, member_idx)
    else:
        to_kept = mh.exact_jaccard(exact_sets, kept_idx, member_idx,
                                   chunk=exact_chunk or max(len(kept_idx), 1))
    clusters = []
    at = 0
    for members, kept in chosen:
        links = links_by_label.get(int(label[members[0]]), [])
        links.sort(key=lambda p: (p.first, p.second))
        clusters.append(
            Cluster(
                members=tuple(members),
                keep=kept,
                similarities=tuple(float(x) for x in to_kept[at : at + len(members)]),
                pairs=tuple(links),
            )
        )
        at += len(members)
    clusters.sort(key=lambda c: c.members[0])
    return tuple(clusters)


def near_duplicates(
    documents: Iterable[Document],
    *,
    threshold: float = 0.8,
    keep: Keep = "first",
    params: MinHashParams | None = None,
    verify: Literal["hybrid", "estimate", "exact"] = "hybrid",
) -> tuple[Cluster, ...]:
    """Clusters of near-duplicate documents (Jaccard similarity >= threshold).

    Each document is sketched once (:func:`signatures`). Candidates come from LSH banding
    (:func:`banding`) and are verified (see ``verify``); clusters are the connected
    components of the verified pairs. Exact copies (after the normalization of
    :func:`canonical_text`) have similarity 1.0 and always cluster.

    Properties: the clusters do not depend on the input order (as sets of documents), and
    deduplicating the kept documents again finds no cluster.

    Args:
        documents: The documents, consumed once.
        threshold: The Jaccard similarity from which two documents are near duplicates, in
            (0, 1]. See ``docs/dedup.md`` for how to choose it.
        keep: Which copy each cluster keeps (see :data:`Keep`).
        params: Sketch parameters; the defaults when ``None``.
        verify: ``"hybrid"`` (the default): candidates whose estimated similarity is
            clearly above the threshold are accepted, those clearly below rejected, and
            those within three standard errors of it (``3 * sqrt(t * (1 - t) /
            num_perm)``: 0.075 at 0.8 with 256 slots) are checked by their exact Jaccard
            similarity, which is then the similarity reported for them; only the documents
            of those pairs are sketched again. When ``documents`` is not a sequence (a
            generator) they cannot be read again, and ``"hybrid"`` acts as
            ``"estimate"``. ``"estimate"``: candidates are accepted by their estimated
            similarity (one pass, signatures only). ``"exact"``: candidates estimated
            within 0.15 of the threshold or above are checked by their exact Jaccard
            similarity, which is then every similarity reported; ``documents`` must be a
            sequence. Slowest, but no pair is accepted or missed by estimation error.

    Returns:
        The clusters, ordered by their first member.

    Raises:
        ValueError: bad threshold, keep policy or verify mode.
        TypeError: ``verify="exact"`` and ``documents`` is not a sequence.
        ModuleNotFoundError: numpy is not installed (``pip install 'newsdoc[dedup]'``).

    >>> from newsdoc import Document, Paragraph
    >>> body = "Ministers met on Monday to discuss the budget and agreed to meet again soon."
    >>> docs = [Document(title="Talks", paragraphs=(Paragraph(text=body),)),
    ...         Document(title="Other", paragraphs=(Paragraph(text="Nothing alike here."),)),
    ...         Document(title="Talks", paragraphs=(Paragraph(text=body + " More."),))]
    >>> [(c.members, c.keep) for c in near_duplicates(docs, threshold=0.7, keep="longest")]
    [((0, 2), 2)]

    .. versionadded:: 0.1.0
    """
    threshold = _check_threshold(threshold)
    scorer = _Scorer(keep)
    params = params or MinHashParams()
    if verify not in ("hybrid", "estimate", "exact"):
        raise ValueError(f"verify must be 'hybrid', 'estimate' or 'exact', not {verify!r}")
    exact_sets = None
    margin = None
    if verify == "exact" and not isinstance(documents, Sequence):
        raise TypeError("verify='exact' needs a sequence of documents (a list or tuple)")
    if verify == "hybrid" and isinstance(documents, Sequence):
        margin = _hybrid_margin(threshold, params.num_perm)
    if verify == "exact" or margin is not None:
        assert isinstance(documents, Sequence)
        docs = documents
        sketcher = _sketcher(params)

        def exact_sets(indices: list[int]) -> list[Any]:
            return sketcher.shingle_sets([_sketch_text(docs[i]) for i in indices])  # type: ignore[no-any-return]

    def scored(docs: Iterable[Document]) -> Iterator[Document]:
        for d in docs:
            scorer.add(d)
            yield d

    if isinstance(documents, Sequence):
        for d in documents:
            scorer.add(d)
        sig = signatures(documents, params=params)
    else:
        sig = signatures(scored(documents), params=params)
    return _cluster_signatures(sig, threshold, scorer, exact_sets,
                               exact_chunk=4096 if margin is None else _HYBRID_CHUNK,
                               margin=margin)


def deduplicate(
    documents: Iterable[Document],
    *,
    threshold: float = 0.8,
    keep: Keep = "first",
    params: MinHashParams | None = None,
    verify: Literal["hybrid", "estimate", "exact"] = "hybrid",
) -> list[Document]:
    """The documents without their near duplicates: one kept copy per cluster.

    Deduplicating the result again removes nothing more.

    Args:
        documents: The documents; a sequence is used as is, any other iterable is read into
            a list first.
        threshold: See :func:`near_duplicates`.
        keep: See :func:`near_duplicates`.
        params: See :func:`near_duplicates`.
        verify: See :func:`near_duplicates`.

    Returns:
        The documents that no cluster drops, in input order.

    Raises:
        ValueError: bad threshold, keep policy or verify mode.
        ModuleNotFoundError: numpy is not installed.

    .. versionadded:: 0.1.0
    """
    docs = documents if isinstance(documents, Sequence) else list(documents)
    clusters = near_duplicates(docs, threshold=threshold, keep=keep, params=params,
                               verify=verify)
    dropped = {m for c in clusters for m in c.dropped}
    return [d for i, d in enumerate(docs) if i not in dropped]


# --------------------------------------------------------------------------- streaming


class Status(str, enum.Enum):
    """What :meth:`Deduplicator.add` found a document to be.

    .. versionadded:: 0.1.0
    """

    NEW = "new"
    """Neither an exact nor a near duplicate of any earlier document."""
    EXACT = "exact"
    """Same :func:`fingerprint` as an earlier document."""
    NEAR = "near"
    """Estimated similarity to an earlier document >= the threshold."""


@attrs.frozen(kw_only=True)
class Verdict:
    """What the :class:`Deduplicator` says about one document.

    Attributes:
        index: The document's number: 0 for the first document ever added (saving and
            loading keep counting).
        status: See :class:`Status`.
        of: For a duplicate, the number of the earlier document it duplicates (for a near
            duplicate the most similar one, the earliest among equals); ``None`` when new.
        similarity: 1.0 for an exact duplicate, the estimated Jaccard similarity for a near
            one, ``None`` when new.

    .. versionadded:: 0.1.0
    """

    index: int
    status: Status
    of: int | None = None
    similarity: float | None = None

    @property
    def is_duplicate(self) -> bool:
        """Whether the document duplicates an earlier one (exactly or nearly)."""
        return self.status is not Status.NEW


class Deduplicator:
    """Streaming dedup: documents one at a time, keeping signatures, not documents.

    Each document is compared with every earlier one (through the index): an exact
    duplicate (same :func:`fingerprint`) of the earliest such, a near duplicate of the most
    similar one reaching the threshold, or new. Exact duplicates add nothing to the index;
    other documents add their signature (``num_perm * 2`` bytes), fingerprint, number and
    band keys: 932 bytes per stored document with the defaults, plus transient memory while
    the index merges its sorted runs of keys (at most about as much again).

    Unlike :func:`near_duplicates`, a document is only compared with earlier ones: if C is
    near B and B near A, C is reported as a near duplicate of B even when not of A.

    Properties: a saved and reloaded deduplicator gives the same verdicts as one that never
    stopped; adding the kept (new) documents to a fresh one finds no duplicate.

    Args:
        threshold: The Jaccard similarity from which two documents are near duplicates.
        params: Sketch parameters; the defaults when ``None``.

    Raises:
        ValueError: bad threshold.
        ModuleNotFoundError: numpy is not installed (``pip install 'newsdoc[dedup]'``).

    >>> from newsdoc import Document
    >>> dd = Deduplicator()
    >>> text = "the quick brown fox jumps over the lazy dog near the river bank"
    >>> [v.status.value for v in dd.add_many([Document(title=text), Document(title="Else"),
    ...                                       Document(title=" " + text + "\\n"),
    ...                                       Document(title=text + " again")])]
    ['new', 'new', 'exact', 'near']

    .. versionadded:: 0.1.0
    """

    def __init__(self, *, threshold: float = 0.8, params: MinHashParams | None = None) -> None:
        self._threshold = _check_threshold(threshold)
        self._params = params or MinHashParams()
        _, rows = banding(self._threshold, self._params.num_perm)
        self._sketcher = _sketcher(self._params)  # first: it says when numpy is missing
        from newsdoc._dedup_index import Index

        self._index: Index = Index(num_perm=self._params.num_perm, rows=rows,
                                   threshold=self._threshold)

    @property
    def threshold(self) -> float:
        """The similarity threshold."""
        return self._threshold

    @property
    def params(self) -> MinHashParams:
        """The sketch parameters."""
        return self._params

    def __len__(self) -> int:
        """The number of documents added so far (saved and loaded ones included)."""
        return self._index.seen

    def add(self, document: Document) -> Verdict:
        """Add one document and say what it is.

        Args:
            document: The next document.

        Returns:
            The verdict.
        """
        return next(self.add_many((document,)))

    def add_many(self, documents: Iterable[Document]) -> Iterator[Verdict]:
        """Add documents in order, yielding a verdict for each (sketched in batches).

        The verdicts are the same as from calling :meth:`add` on each document, but the
        documents are sketched 256 at a time, which is much faster. The iterator is lazy:
        stop it and the documents after the current batch are not added.

        Args:
            documents: The documents, consumed once.

        Yields:
            One verdict per document, in order.
        """
        for chunk in _chunks(documents, 256):
            sig = self._sketcher.signatures([_sketch_text(d) for d in chunk])
            keys = _minhash().band_keys(sig, self._index.rows, 0)
            found = self._index.add_batch([fingerprint(d) for d in chunk], sig, keys)
            for index, status, of, sim in found:
                yield Verdict(index=index, status=Status(status), of=of, similarity=sim)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Save the index to the directory ``path`` (created if needed), to continue later.

        Two files: ``dedup.json`` (the format version and the parameters) and ``index.npz``
        (numpy arrays, no pickles). Existing files of those names are replaced.

        Args:
            path: A directory.

        Raises:
            OSError: the files cannot be written.
        """
        self._index.save(os.fspath(path), _params_json(self))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Deduplicator:
        """Load a deduplicator saved with :meth:`save`.

        Args:
            path: The directory given to :meth:`save`.

        Returns:
            A deduplicator that continues where the saved one stopped.

        Raises:
            OSError: the files cannot be read.
            newsdoc.exceptions.SchemaError: ``dedup.json`` is not a newsdoc dedup index, or
                has an unknown format version or bad parameters.
            newsdoc.exceptions.NewsdocError: ``index.npz`` is corrupt, truncated or does not
                match ``dedup.json``.
            ModuleNotFoundError: numpy is not installed.
        """
        _minhash()  # says when numpy is missing
        from newsdoc._dedup_index import Index, read_params

        folder = os.fspath(path)
        meta = read_params(folder)
        try:
            params = MinHashParams(
                num_perm=meta["num_perm"], shingle_size=meta["shingle_size"], seed=meta["seed"]
            )
            threshold = _check_threshold(meta["threshold"])
        except (ValueError, TypeError) as exc:
            from newsdoc.exceptions import SchemaError

            raise SchemaError(f"bad parameter in dedup.json: {exc}",
                              path=os.path.join(folder, "dedup.json")) from exc
        self = cls(threshold=threshold, params=params)
        self._index = Index.load(folder, num_perm=params.num_perm, rows=self._index.rows,
                                 threshold=threshold, seen=meta["documents"])
        return self


def _params_json(dd: Deduplicator) -> dict[str, Any]:
    return {
        "threshold": dd.threshold,
        "num_perm": dd.params.num_perm,
        "shingle_size": dd.params.shingle_size,
        "seed": dd.params.seed,
    }
