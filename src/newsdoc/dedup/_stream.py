"""Streaming dedup: :class:`Deduplicator`, one document at a time, and its saved index."""

from __future__ import annotations

import enum
import itertools
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from newsdoc._models import Document
from newsdoc.dedup._exact import fingerprint, is_placeholder
from newsdoc.dedup._near import (
    MinHashParams,
    _check_threshold,
    _chunks,
    _minhash,
    _sketch_text,
    _sketcher,
    banding,
)

if TYPE_CHECKING:
    from newsdoc.dedup._index import Index


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
    PLACEHOLDER = "placeholder"
    """A placeholder for unreadable input (:func:`is_placeholder`): not compared, not stored.
    Only given when the deduplicator does not include placeholders (the default)."""


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
        return self.status is Status.EXACT or self.status is Status.NEAR


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
        include_placeholders: Compare placeholders for unreadable input (see
            :func:`is_placeholder`) like other documents. By default each gets the status
            ``Status.PLACEHOLDER`` (it still takes a number) and the index does not change.
            Not saved with the index: give it again to :meth:`load`.

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

    def __init__(self, *, threshold: float = 0.8, params: MinHashParams | None = None,
                 include_placeholders: bool = False) -> None:
        self._threshold = _check_threshold(threshold)
        self._include_placeholders = include_placeholders
        self._params = params or MinHashParams()
        _, rows = banding(self._threshold, self._params.num_perm)
        self._sketcher = _sketcher(self._params)  # first: it says when numpy is missing
        from newsdoc.dedup._index import Index

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
        skip = (lambda _: False) if self._include_placeholders else is_placeholder
        for chunk in _chunks(documents, 256):
            for skipped, group in itertools.groupby(chunk, key=skip):
                run = list(group)
                if skipped:
                    for _ in run:
                        self._index.seen += 1
                        yield Verdict(index=self._index.seen - 1, status=Status.PLACEHOLDER)
                    continue
                sig = self._sketcher.signatures([_sketch_text(d) for d in run])
                keys = _minhash().band_keys(sig, self._index.rows, 0)
                found = self._index.add_batch([fingerprint(d) for d in run], sig, keys)
                for index, status, of, sim in found:
                    yield Verdict(index=index, status=Status(status), of=of, similarity=sim)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Save the index to the directory ``path`` (created if needed), to continue later.

        Two files: ``dedup.json`` (the format version, the parameters and the name of the
        arrays file) and ``index-<16 hex digits>.npz`` (numpy arrays, no pickles). The save
        is atomic: the new arrays file is written under a new name and flushed to disk, then
        ``dedup.json`` is written to a temporary file, flushed and renamed over the old one,
        and only then is the old arrays file removed. A save interrupted at any point (the
        process killed, the disk full) leaves the previous index whole. The files get the
        permissions of any new file (0o666 less the umask).

        Args:
            path: A directory.

        Raises:
            OSError: the files cannot be written.
        """
        self._index.save(os.fspath(path), _params_json(self))

    @classmethod
    def load(cls, path: str | os.PathLike[str], *,
             include_placeholders: bool = False) -> Deduplicator:
        """Load a deduplicator saved with :meth:`save`.

        Args:
            path: The directory given to :meth:`save`.
            include_placeholders: See :class:`Deduplicator`.

        Returns:
            A deduplicator that continues where the saved one stopped.

        Raises:
            OSError: the files cannot be read.
            newsdoc.exceptions.SchemaError: ``dedup.json`` is not a newsdoc dedup index, or
                has an unknown format version or bad parameters.
            newsdoc.exceptions.NewsdocError: the arrays file is corrupt, truncated or does not
                match ``dedup.json``.
            ModuleNotFoundError: numpy is not installed.
        """
        _minhash()  # says when numpy is missing
        from newsdoc.dedup._index import Index, read_params

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
        self = cls(threshold=threshold, params=params, include_placeholders=include_placeholders)
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
