"""Near duplicates: MinHash signatures, LSH banding, verification and clustering.

Needs numpy, imported lazily (the extra ``newsdoc[dedup]``): importing this module never
imports numpy.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from newsdoc._models import Document
from newsdoc.dedup._exact import Cluster, Keep, Pair, _Scorer, fingerprint, is_placeholder

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_INSTALL_HINT = "near-duplicate detection needs numpy: pip install 'newsdoc[dedup]'"
_CHUNK = 512  # documents whose texts are gathered at a time for sketching


def _minhash() -> ModuleType:
    """The numpy implementation, or an ImportError that says what to install."""
    try:
        from newsdoc.dedup import _minhash
    except ImportError as exc:  # numpy is missing (or broken)
        raise ModuleNotFoundError(_INSTALL_HINT, name="numpy") from exc
    return _minhash



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


_MAX_RUN = 64  # buckets of more members than this are linked as a star, not all pairs


def _exact_first(sig: npt.NDArray[np.uint16], fingerprints: Sequence[bytes] | None
                 ) -> tuple[npt.NDArray[np.int64] | None, npt.NDArray[np.int64]]:
    """The representatives (the earliest document of each fingerprint, among documents with
    words) and the (representative, copy) pairs; ``(None, empty)`` without fingerprints."""
    np = _numpy()
    if fingerprints is None:
        return None, np.empty((0, 2), dtype=np.int64)
    first: dict[bytes, int] = {}
    copies: list[tuple[int, int]] = []
    for i in np.flatnonzero(sig[:, 0] != _minhash().EMPTY).tolist():
        r = first.setdefault(fingerprints[i], i)
        if r != i:
            copies.append((r, i))
    reps = np.array(sorted(first.values()), dtype=np.int64)
    return reps, np.array(copies, dtype=np.int64).reshape(-1, 2)


def _candidates(sig: npt.NDArray[np.uint16], rows: int,
                reps: npt.NDArray[np.int64] | None) -> npt.NDArray[np.int64]:
    """Candidate pairs among ``reps`` (all rows when ``None``): every pair sharing a band key
    in buckets of up to :data:`_MAX_RUN` members, a star from the member of lowest signature
    digest (an order defined by content, so nothing depends on the input order) in larger
    ones."""
    np = _numpy()
    mh = _minhash()
    sub = sig if reps is None else sig[reps]
    rank = mh.row_digests(sub).view(np.int64)
    pairs = mh.candidate_pairs(sub, rows, max_run=_MAX_RUN, rank=rank)
    return pairs if reps is None else reps[pairs]  # type: ignore[no-any-return]


def _cluster_signatures(
    sig: npt.NDArray[np.uint16],
    threshold: float,
    scorer: _Scorer,
    exact_sets: Callable[[list[int]], list[Any]] | None = None,
    exact_chunk: int | None = 4096,
    margin: float | None = None,
    fingerprints: Sequence[bytes] | None = None,
) -> tuple[Cluster, ...]:
    """Cluster documents given their signatures.

    With ``fingerprints`` (one per document), exact duplicates come first: each document
    with words whose fingerprint an earlier one has is linked to that earliest one
    (similarity 1.0) and left out of the banding, so that many copies of one document make
    no big bucket. The distributed engine does the same, which keeps the two equal.

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
    _, rows = banding(threshold, sig.shape[1])
    reps, copies = _exact_first(sig, fingerprints)
    pairs = _candidates(sig, rows, reps)
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
    if len(copies):
        pairs = np.concatenate([copies, pairs])
        sims = np.concatenate([np.ones(len(copies)), sims])
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


Verify: TypeAlias = Literal["hybrid", "estimate", "exact"]


def _check_verify(verify: str) -> None:
    if verify not in ("hybrid", "estimate", "exact"):
        raise ValueError(f"verify must be 'hybrid', 'estimate' or 'exact', not {verify!r}")


def _sketch_stream(documents: Iterable[Document], sketcher: Any, scorer: _Scorer,
                   texts: list[str] | None, fingerprints: list[bytes]) -> npt.NDArray[np.uint16]:
    """Signatures of a stream of documents, :data:`_CHUNK` at a time; scores for ``keep``;
    fingerprints appended to ``fingerprints``, the texts sketched to ``texts`` unless it is
    ``None``."""
    np = _numpy()
    parts = []
    batch: list[str] = []
    for doc in documents:
        scorer.add(doc)
        fingerprints.append(fingerprint(doc))
        text = _sketch_text(doc)
        batch.append(text)
        if texts is not None:
            texts.append(text)
        if len(batch) == _CHUNK:
            parts.append(sketcher.signatures(batch))
            batch = []
    if batch:
        parts.append(sketcher.signatures(batch))
    if not parts:
        return np.empty((0, sketcher.num_perm), dtype=np.uint16)  # type: ignore[no-any-return]
    return np.concatenate(parts)  # type: ignore[no-any-return]


def _verify_and_cluster(sig: npt.NDArray[np.uint16], threshold: float, scorer: _Scorer,
                        verify: Verify, num_perm: int,
                        exact_sets: Callable[[list[int]], list[Any]],
                        exact_chunk: int | None,
                        fingerprints: Sequence[bytes]) -> tuple[Cluster, ...]:
    if verify == "estimate":
        return _cluster_signatures(sig, threshold, scorer, fingerprints=fingerprints)
    if verify == "exact":
        return _cluster_signatures(sig, threshold, scorer, exact_sets, exact_chunk=exact_chunk,
                                   fingerprints=fingerprints)
    return _cluster_signatures(sig, threshold, scorer, exact_sets, exact_chunk=exact_chunk,
                               margin=_hybrid_margin(threshold, num_perm),
                               fingerprints=fingerprints)


def near_duplicates(
    documents: Iterable[Document],
    *,
    threshold: float = 0.8,
    keep: Keep = "first",
    params: MinHashParams | None = None,
    verify: Verify = "hybrid",
) -> tuple[Cluster, ...]:
    """Clusters of near-duplicate documents (Jaccard similarity >= threshold).

    Each document is sketched once (:func:`signatures`). Candidates come from LSH banding
    (:func:`banding`) and are verified (see ``verify``); clusters are the connected
    components of the verified pairs. Exact copies (after the normalization of
    :func:`canonical_text`) have similarity 1.0 and always cluster. Documents without words,
    placeholders for unreadable input among them (:func:`is_placeholder`), are in no
    cluster.

    Properties: the clusters do not depend on the input order (as sets of documents), nor on
    whether ``documents`` is a list or a generator; deduplicating the kept documents again
    finds no cluster.

    Args:
        documents: The documents, consumed once. The ``"hybrid"`` and ``"exact"`` modes
            need some documents again after sketching them all: a sequence (a list or
            tuple) is indexed again; from any other iterable (a generator) the text of every
            document (title, captions and paragraphs) is kept in memory as it goes by. For
            more documents than fit, use :func:`near_duplicates_streamed`.
        threshold: The Jaccard similarity from which two documents are near duplicates, in
            (0, 1]. See ``docs/dedup.md`` for how to choose it.
        keep: Which copy each cluster keeps (see :data:`Keep`).
        params: Sketch parameters; the defaults when ``None``.
        verify: ``"hybrid"`` (the default): candidates whose estimated similarity is
            clearly above the threshold are accepted, those clearly below rejected, and
            those within three standard errors of it (``3 * sqrt(t * (1 - t) /
            num_perm)``: 0.075 at 0.8 with 256 slots) are checked by their exact Jaccard
            similarity, which is then the similarity reported for them; only the documents
            of those pairs are sketched again. ``"estimate"``: candidates are accepted by
            their estimated similarity (one pass, signatures only, nothing else kept).
            ``"exact"``: candidates estimated within 0.15 of the threshold or above are
            checked by their exact Jaccard similarity, which is then every similarity
            reported. Slowest, but no pair is accepted or missed by estimation error.

    Returns:
        The clusters, ordered by their first member.

    Raises:
        ValueError: bad threshold, keep policy or verify mode.
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
    _check_verify(verify)
    sketcher = _sketcher(params)
    texts: Callable[[int], str]
    if isinstance(documents, Sequence):
        docs = documents
        for d in docs:
            scorer.add(d)
        fps = [fingerprint(d) for d in docs]
        sig = signatures(docs, params=params)

        def texts(i: int) -> str:
            return _sketch_text(docs[i])
    else:
        kept: list[str] | None = None if verify == "estimate" else []
        fps = []
        sig = _sketch_stream(documents, sketcher, scorer, kept, fps)
        texts = (kept or []).__getitem__

    def exact_sets(indices: list[int]) -> list[Any]:
        return sketcher.shingle_sets([texts(i) for i in indices])  # type: ignore[no-any-return]

    return _verify_and_cluster(sig, threshold, scorer, verify, params.num_perm, exact_sets,
                               exact_chunk=_HYBRID_CHUNK if verify == "hybrid" else 4096,
                               fingerprints=fps)


def near_duplicates_streamed(
    open_documents: Callable[[], Iterable[Document]],
    *,
    threshold: float = 0.8,
    keep: Keep = "first",
    params: MinHashParams | None = None,
    verify: Verify = "hybrid",
) -> tuple[Cluster, ...]:
    """:func:`near_duplicates` for more documents than memory holds, reading them again.

    ``open_documents()`` is called for each pass and must give the same documents in the
    same order each time (for example ``lambda: newsdoc.iter_read(path)``). The first pass
    sketches every document, :data:`_CHUNK` (512) at a time, and keeps only its signature
    (``num_perm * 2`` bytes) and, for a ``keep`` other than ``"first"``, its key. With
    ``verify="hybrid"`` or ``"exact"`` one more pass gathers the documents of the candidate
    pairs to check exactly, and holds their shingle sets (8 bytes a shingle) while checking.
    ``"estimate"`` reads the documents once. The clusters equal :func:`near_duplicates` on
    the same documents and parameters.

    Args:
        open_documents: Gives a new iterator over the documents at each call.
        threshold: See :func:`near_duplicates`.
        keep: See :func:`near_duplicates`.
        params: See :func:`near_duplicates`.
        verify: See :func:`near_duplicates`.

    Returns:
        The clusters, ordered by their first member (indices count the documents of the
        first pass from 0).

    Raises:
        ValueError: bad threshold, keep policy or verify mode, or a later pass gave another
            number of documents than the first.
        ModuleNotFoundError: numpy is not installed (``pip install 'newsdoc[dedup]'``),
            raised before ``open_documents`` is called.

    >>> from newsdoc import Document
    >>> text = "the quick brown fox jumps over the lazy dog near the river bank"
    >>> docs = [Document(title=text), Document(title="Else"), Document(title=text + " too")]
    >>> [c.members for c in near_duplicates_streamed(lambda: iter(docs), threshold=0.7)]
    [(0, 2)]

    .. versionadded:: 0.1.0
    """
    threshold = _check_threshold(threshold)
    scorer = _Scorer(keep)
    params = params or MinHashParams()
    _check_verify(verify)
    sketcher = _sketcher(params)  # first: it says when numpy is missing
    fps: list[bytes] = []
    sig = _sketch_stream(open_documents(), sketcher, scorer, None, fps)
    total = len(sig)

    def exact_sets(indices: list[int]) -> list[Any]:
        wanted = set(indices)
        found: dict[int, Any] = {}
        batch: list[tuple[int, str]] = []

        def flush() -> None:
            sets = sketcher.shingle_sets([t for _, t in batch])
            found.update((i, shingles) for (i, _), shingles in zip(batch, sets, strict=True))
            batch.clear()

        count = 0
        for i, doc in enumerate(open_documents()):
            count = i + 1
            if i in wanted:
                batch.append((i, _sketch_text(doc)))
                if len(batch) == _CHUNK:
                    flush()
        flush()
        if count != total:
            raise ValueError(f"open_documents() gave {total} documents in the first pass and "
                             f"{count} in a later one")
        return [found[i] for i in indices]

    return _verify_and_cluster(sig, threshold, scorer, verify, params.num_perm, exact_sets,
                               exact_chunk=None, fingerprints=fps)


def deduplicate(
    documents: Iterable[Document],
    *,
    threshold: float = 0.8,
    keep: Keep = "first",
    params: MinHashParams | None = None,
    verify: Verify = "hybrid",
    include_placeholders: bool = False,
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
        include_placeholders: Also return the placeholders for unreadable input (see
            :func:`is_placeholder`); by default they are left out of the result.

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
    return [d for i, d in enumerate(docs)
            if i not in dropped and (include_placeholders or not is_placeholder(d))]
