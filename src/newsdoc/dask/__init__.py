"""newsdoc on Dask: read a corpus from many files and find its near duplicates, distributed.

Needs the extra ``newsdoc[dask]`` (dask, distributed, pyarrow); without it every function
raises :class:`ModuleNotFoundError` saying ``pip install 'newsdoc[dask]'``. Importing
``newsdoc`` or ``newsdoc.dedup`` never imports Dask. See ``docs/scale.md``.

* :func:`read_bag`: a :class:`dask.bag.Bag` of documents from paths and glob patterns (local
  or any fsspec URL). Plain scraped-text files bigger than ``blocksize`` are cut into byte
  ranges at article boundaries, so one big file gives many partitions.
* :func:`near_duplicates`: the clusters of :func:`newsdoc.dedup.near_duplicates` on the same
  documents and parameters, computed on the cluster, as a table.
* :func:`deduplicate`: the documents that no cluster drops, as a bag.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdoc.dedup import Keep, MinHashParams, is_placeholder

if TYPE_CHECKING:
    import dask.bag
    import pandas

__all__ = ["deduplicate", "near_duplicates", "read_bag"]

_HINT = "newsdoc on Dask needs dask, distributed and pyarrow: pip install 'newsdoc[dask]'"


def _require() -> None:
    try:
        import dask.bag
        import dask.dataframe  # noqa: F401
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise ModuleNotFoundError(_HINT, name=getattr(exc, "name", None)) from exc


def read_bag(
    paths: str | list[str],
    format: str | None = None,
    *,
    blocksize: int = 64 << 20,
    encoding: str | None = None,
    storage_options: dict[str, Any] | None = None,
) -> dask.bag.Bag:
    """A Dask bag of the documents in ``paths``, in order: file by file, then in the file.

    Plain (uncompressed) scraped-text files bigger than ``blocksize`` are cut into byte
    ranges; each range starts and ends at an article boundary (a run of three or more blank
    lines), found by the worker that reads it, so no article is cut or read twice.
    Compressed files and other formats are one partition each, streamed through
    :func:`newsdoc.iter_read` in the worker. Each document's ``source.path`` is the file and
    ``source.byte_offset`` its offset in the whole file (other positions count from the start
    of its range). A document's number (its position in the bag) is deterministic.

    Args:
        paths: A path, URL or glob pattern, or a list of them.
        format: The format name; by default each file's extension, then sniffing.
        blocksize: Bytes per range of a split file.
        encoding: The encoding of the files; by default detected in each partition (give it
            for files that are not UTF-8, so that every range decodes alike).
        storage_options: Passed to fsspec (credentials for remote storage).

    Returns:
        A bag of :class:`newsdoc.Document`, lazily read.

    Raises:
        ModuleNotFoundError: dask is not installed (``pip install 'newsdoc[dask]'``).
        FileNotFoundError: a path matches no file.
    """
    _require()
    import dask
    import dask.bag as db

    from newsdoc.dask._read import plan, read_piece

    urls = [paths] if isinstance(paths, str) else list(paths)
    pieces = plan(urls, format, blocksize, storage_options)
    if not pieces:
        raise FileNotFoundError(f"no file matches {paths!r}")
    parts = [dask.delayed(read_piece)(p, format, encoding, storage_options) for p in pieces]
    return db.from_delayed(parts)


def near_duplicates(
    documents: dask.bag.Bag,
    *,
    threshold: float = 0.8,
    keep: Keep = "first",
    params: MinHashParams | None = None,
    verify: str = "hybrid",
) -> pandas.DataFrame:
    """The near-duplicate clusters of a bag of documents, computed on Dask.

    The clusters equal :func:`newsdoc.dedup.near_duplicates` on the same documents (in bag
    order) and parameters: the same sketches, the same candidate rule, the same
    verification (``verify``) and the same components. Documents never travel to the client;
    it receives partition lengths, the exact-duplicate links and the verified pairs.

    Args:
        documents: A bag of documents (for example from :func:`read_bag`).
        threshold: See :func:`newsdoc.dedup.near_duplicates`.
        keep: See :func:`newsdoc.dedup.near_duplicates`; a key function runs in the workers.
        params: See :func:`newsdoc.dedup.near_duplicates`.
        verify: ``"hybrid"``, ``"estimate"`` or ``"exact"``, as for
            :func:`newsdoc.dedup.near_duplicates`.

    Returns:
        A pandas DataFrame with one row per document in a cluster: ``document`` (its position
        in the bag), ``cluster`` (the cluster's smallest member) and ``keep`` (whether it is
        the copy kept), sorted by document.

    Raises:
        ValueError: bad threshold, keep policy or verify mode.
        ModuleNotFoundError: dask or numpy is not installed (``pip install 'newsdoc[dask]'``).
    """
    _require()
    from newsdoc.dask._dedup import near_duplicate_table

    table: pandas.DataFrame = near_duplicate_table(
        documents, threshold=threshold, keep=keep, params=params,
        verify=verify)
    return table


def deduplicate(
    documents: dask.bag.Bag,
    *,
    threshold: float = 0.8,
    keep: Keep = "first",
    params: MinHashParams | None = None,
    verify: str = "hybrid",
    include_placeholders: bool = False,
) -> dask.bag.Bag:
    """The documents of the bag that no cluster drops, in order, as a bag.

    Args:
        documents: A bag of documents.
        threshold: See :func:`near_duplicates`.
        keep: See :func:`near_duplicates`.
        params: See :func:`near_duplicates`.
        verify: See :func:`near_duplicates`.
        include_placeholders: Also keep placeholders for unreadable input (see
            :func:`newsdoc.dedup.is_placeholder`); by default they are left out.

    Returns:
        A lazy bag; the clusters are computed when this is called (reading the documents
        again for the exact checks and for the result: persist a bag that is costly to
        read first, ``bag.persist()``).

    Raises:
        ValueError: bad threshold, keep policy or verify mode.
        ModuleNotFoundError: dask is not installed (``pip install 'newsdoc[dask]'``).
    """
    table = near_duplicates(documents, threshold=threshold, keep=keep, params=params,
                            verify=verify)
    import dask
    import dask.bag as db
    import numpy as np

    dropped = np.sort(table.loc[~table["keep"], "document"].to_numpy())
    parts = documents.to_delayed()
    sizes = dask.compute(*[dask.delayed(len)(p) for p in parts])
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    out = []
    for p, lo, hi in zip(parts, offsets[:-1], offsets[1:], strict=True):
        mine = set((dropped[(dropped >= lo) & (dropped < hi)] - lo).tolist())
        out.append(dask.delayed(_keep_part)(p, mine, include_placeholders))
    return db.from_delayed(out)


def _keep_part(docs: list[Any], dropped: set[int], include_placeholders: bool) -> list[Any]:
    return [d for i, d in enumerate(docs)
            if i not in dropped and (include_placeholders or not is_placeholder(d))]
