"""The ``newsdoc dedup`` subcommand (wired into :mod:`newsdoc.cli` by ``add_parser``).

Two passes over the inputs: the first sketches every document and keeps only signatures (and,
for ``--keep longest``, one length per document); the second reads the inputs again and
writes the documents that no cluster drops. Standard input is spooled to a temporary file so
that it can be read twice.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from newsdoc._dedup import (
    _CHUNK,
    Cluster,
    MinHashParams,
    _cluster_signatures,
    _hybrid_margin,
    _minhash,
    _Scorer,
    _sketch_text,
    _sketcher,
)
from newsdoc._models import Document, Severity
from newsdoc._pipeline._io import iter_read, write
from newsdoc.exceptions import NewsdocError, ParseError

__all__ = ["add_parser", "run"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_EXAMPLES = """\
examples:
  newsdoc dedup crawl.txt > kept.jsonl
  newsdoc dedup day1.jsonl day2.jsonl --threshold 0.9 --keep longest -o kept.jsonl
  newsdoc dedup crawl.txt --to scraped-text --report clusters.jsonl > kept.txt
  newsdoc dedup crawl.txt --exact -o kept.jsonl     decide on exact similarity
  newsdoc dedup crawl.txt --estimate -o kept.jsonl  decide on estimates only (faster)

Each line of the report is one cluster: {"size", "keep", "members"}, each document given
as {"file", "document" (its 0-based number in the file), "index" (in all input),
"title", "similarity" (Jaccard similarity to the kept one: estimated, exact with --exact)}.
"""


class _UsageError(Exception):
    pass


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], not {text}")
    return value


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``dedup`` subcommand to the ``newsdoc`` command's subparsers."""
    from newsdoc._registry import default_registry

    names = sorted(default_registry().formats())
    p = subparsers.add_parser(
        "dedup",
        help="drop exact and near-duplicate documents",
        description="Read documents from FILEs (or - for standard input), drop exact and "
        "near duplicates (estimated Jaccard similarity of 3-word shingles >= THRESHOLD, "
        "clustered transitively) and write one kept document per cluster, with every "
        "unique document, in input order. Needs numpy: pip install 'newsdoc[dedup]'.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="a file to read, or - for stdin")
    p.add_argument("--threshold", type=_threshold, default=0.8, metavar="T",
                   help="Jaccard similarity from which documents are near duplicates "
                   "(default: 0.8)")
    p.add_argument("--keep", choices=("first", "longest"), default="first",
                   help="which copy of a cluster to keep (default: first)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--exact", action="store_true",
                      help="decide on the exact Jaccard similarity of the candidate pairs "
                      "instead of the estimate (reads the inputs twice more and holds the "
                      "shingles of the candidate documents in memory)")
    mode.add_argument("--estimate", action="store_true",
                      help="decide every candidate pair on its estimated similarity (reads "
                      "the inputs once less). By default only the pairs estimated within "
                      "3 standard errors of the threshold are checked exactly")
    p.add_argument("--format", "-f", choices=names,
                   help="input format (default: by extension, then by sniffing)")
    p.add_argument("--to", "-t", choices=names, default="jsonl",
                   help="output format (default: jsonl)")
    p.add_argument("--output", "-o", metavar="PATH",
                   help="write the kept documents here (default: standard output)")
    p.add_argument("--report", metavar="PATH",
                   help="write the clusters here, one JSON object a line")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="print neither diagnostics nor the summary")
    p.set_defaults(func=run)


class _Inputs:
    """The input files, readable any number of times (standard input spooled to disk)."""

    def __init__(self, names: list[str], fmt: str | None, err: IO[str]) -> None:
        self.names = names
        self.format = fmt
        self.err = err
        self.paths: list[str] = []
        self._spool: str | None = None

    def __enter__(self) -> _Inputs:
        for name in self.names:
            if name == "-":
                if self._spool is None:
                    fd, self._spool = tempfile.mkstemp(prefix="newsdoc-dedup-")
                    with os.fdopen(fd, "wb") as out:
                        shutil.copyfileobj(sys.stdin.buffer, out)
                self.paths.append(self._spool)
            else:
                self.paths.append(name)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._spool is not None:
            os.unlink(self._spool)

    def documents(self, report: bool) -> Iterator[tuple[int, int, Document]]:
        """``(file number, document number in the file, document)`` for every document.

        Raises:
            _ReadFailed: a file could not be read (the message is printed already).
        """
        for f, (name, path) in enumerate(zip(self.names, self.paths, strict=True)):
            try:
                for n, doc in enumerate(iter_read(path, self.format)):
                    if report:
                        for d in doc.diagnostics:
                            if d.severity is not Severity.INFO:
                                text = d.format()
                                if name == "-":
                                    text = text.replace(path, "<stdin>", 1)
                                print(text, file=self.err)
                    yield f, n, doc
            except ParseError as exc:
                print(f"{name}:{exc.line}:{exc.column}: error: {exc.message}", file=self.err)
                raise _ReadFailed from exc
            except (NewsdocError, OSError, LookupError) as exc:
                detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                print(f"{name}:0:0: error: {detail}", file=self.err)
                raise _ReadFailed from exc


class _ReadFailed(Exception):
    pass


def _sketch(inputs: _Inputs, scorer: _Scorer, report: bool) -> tuple[Any, list[tuple[int, int]]]:
    """Pass 1: the signature of every document, and where each document is."""
    import numpy as np

    sketcher = _sketcher(MinHashParams())
    where: list[tuple[int, int]] = []
    parts = []
    texts: list[str] = []
    for f, n, doc in inputs.documents(report):
        where.append((f, n))
        scorer.add(doc)
        texts.append(_sketch_text(doc))
        if len(texts) == _CHUNK:
            parts.append(sketcher.signatures(texts))
            texts = []
    if texts:
        parts.append(sketcher.signatures(texts))
    sig = np.concatenate(parts) if parts else np.empty((0, 256), dtype=np.uint16)
    return sig, where


def _exact_sets(inputs: _Inputs) -> Any:
    """A callable giving the shingle sets of the requested documents: one pass per call."""
    sketcher = _sketcher(MinHashParams())

    def sets(indices: list[int]) -> list[Any]:
        wanted = set(indices)
        found: dict[int, Any] = {}
        batch: list[tuple[int, str]] = []

        def flush() -> None:
            for (i, _), shingles in zip(batch, sketcher.shingle_sets([t for _, t in batch]),
                                        strict=True):
                found[i] = shingles
            batch.clear()

        for i, (_, _, doc) in enumerate(inputs.documents(report=False)):
            if i in wanted:
                batch.append((i, _sketch_text(doc)))
                if len(batch) == _CHUNK:
                    flush()
        flush()
        return [found[i] for i in indices]

    return sets


def run(args: argparse.Namespace) -> int:
    """Run ``newsdoc dedup``; return the exit status.

    0 when done; 1 when an input could not be read (nothing is written then), an output
    could not be written, or numpy is missing; argparse itself exits with 2 on bad usage.
    """
    err = sys.stderr
    try:
        _minhash()
    except ImportError as exc:
        print(f"newsdoc: error: {exc}", file=err)
        return EXIT_FAILED
    quiet = bool(getattr(args, "quiet", False))
    scorer = _Scorer(args.keep)
    try:
        with _Inputs(list(args.files), args.format, err) as inputs:
            sig, where = _sketch(inputs, scorer, report=not quiet)
            exact_mode = bool(getattr(args, "exact", False))
            estimate_mode = bool(getattr(args, "estimate", False))
            exact = None if estimate_mode else _exact_sets(inputs)
            margin = None if exact_mode or estimate_mode else _hybrid_margin(
                args.threshold, MinHashParams().num_perm)
            clusters = _cluster_signatures(sig, args.threshold, scorer, exact, exact_chunk=None,
                                           margin=margin)
            dropped = {m for c in clusters for m in c.dropped}
            in_cluster = {m for c in clusters for m in c.members}
            titles: dict[int, str] = {}

            def kept() -> Iterator[Document]:
                for i, (_, _, doc) in enumerate(inputs.documents(report=False)):
                    if i in in_cluster:
                        titles[i] = doc.title
                    if i not in dropped:
                        yield doc

            _write(kept(), args)
            if args.report:
                _write_report(args.report, clusters, where, titles, args.files)
    except _ReadFailed:
        return EXIT_FAILED
    except (OSError, ValueError, NewsdocError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"newsdoc: error: {detail}", file=err)
        return EXIT_FAILED
    if not quiet:
        print(f"newsdoc: {len(where)} documents, {len(clusters)} clusters of duplicates, "
              f"{len(dropped)} dropped, {len(where) - len(dropped)} kept", file=err)
    return EXIT_OK


def _write(documents: Iterator[Document], args: argparse.Namespace) -> None:
    if args.output:
        write(documents, args.output, args.to)
        return
    try:
        write(documents, sys.stdout.buffer, args.to)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _write_report(path: str, clusters: tuple[Cluster, ...], where: list[tuple[int, int]],
                  titles: dict[int, str], names: list[str]) -> None:
    def member(i: int, similarity: float) -> dict[str, Any]:
        f, n = where[i]
        return {"file": names[f], "document": n, "index": i, "title": titles.get(i, ""),
                "similarity": round(similarity, 4)}

    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for c in clusters:
            sims = dict(zip(c.members, c.similarities, strict=True))
            line = {
                "size": len(c.members),
                "keep": member(c.keep, 1.0),
                "members": [member(m, sims[m]) for m in c.members],
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
