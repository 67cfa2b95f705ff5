"""``newsdoc dedup``: drop exact and near-duplicate documents.

The inputs are read once per pass of :func:`newsdoc.dedup.near_duplicates_streamed` (which
keeps only signatures), then once more to write the documents that no cluster drops.
Standard input is spooled to a temporary file so that it can be read again. Placeholders
(documents standing for input a read could not use) are left out: they are reported, never
clustered nor written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any, Literal, TypeAlias

from newsdoc._models import Document
from newsdoc.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    CommandError,
    Inputs,
    Report,
    add_input_options,
    add_output_options,
    open_output,
    write_documents,
)
from newsdoc.dedup import Cluster, is_placeholder, near_duplicates_streamed

__all__ = ["add_parser", "run"]

Verify: TypeAlias = Literal["hybrid", "estimate", "exact"]

_EXAMPLES = """\
examples:
  newsdoc dedup crawl.txt > kept.jsonl
  newsdoc dedup crawl/ 'more/*.jsonl' -o kept.jsonl   directories and globs, as read
  newsdoc dedup day1.jsonl day2.jsonl --threshold 0.9 --keep longest -o kept.jsonl
  newsdoc dedup crawl.txt --to scraped-text --report clusters.jsonl > kept.txt
  newsdoc dedup crawl.txt --exact -o kept.jsonl     decide on exact similarity
  newsdoc dedup crawl.txt --estimate -o kept.jsonl  decide on estimates only (faster)

Each line of the report is one cluster: {"size", "keep", "members"}, each document given
as {"file", "document" (its 0-based number in the file), "index" (in all input),
"title", "similarity" (Jaccard similarity to the kept one: estimated, exact with --exact)}.
"""


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
    p = subparsers.add_parser(
        "dedup",
        help="drop exact and near-duplicate documents",
        description="Read documents from FILEs (files, directories, glob patterns, or - "
        "for standard input, as newsdoc read does), drop exact and near duplicates "
        "(estimated Jaccard similarity of 3-word shingles >= THRESHOLD, clustered "
        "transitively) and write one kept document per cluster, with every unique document, "
        "in input order. Needs numpy: pip install 'newsdoc[dedup]'.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(p)
    add_output_options(p, "the kept documents")
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
    p.add_argument("--report", metavar="PATH",
                   help="write the clusters here, one JSON object a line")
    p.set_defaults(func=run)


def _documents(inputs: Inputs, report: bool = False) -> Iterator[tuple[int, int, Document]]:
    """The documents to deduplicate: every document read but placeholders."""
    for f, n, doc in inputs.read(report=report):
        if not is_placeholder(doc):
            yield f, n, doc


def run(args: argparse.Namespace) -> int:
    """Run ``newsdoc dedup``; return the exit status.

    0 when done; 1 when an input could not be read (nothing is written then) or a problem
    of the ``--fail-on`` severity was reported; argparse itself exits with 2 on bad usage.

    Raises:
        CommandError: numpy is missing, the inputs changed between passes, or an output
            cannot be written.
    """
    err = sys.stderr
    report = Report(args, err)
    verify: Verify = "exact" if args.exact else "estimate" if args.estimate else "hybrid"
    with Inputs(args, report, spool=True) as inputs:
        where: list[tuple[int, int]] = []  # (input, document in the input) of each document
        passes = 0

        def open_documents() -> Iterator[Document]:
            nonlocal passes
            passes += 1
            for f, n, doc in _documents(inputs, report=passes == 1):
                if passes == 1:
                    where.append((f, n))
                yield doc

        try:
            clusters = near_duplicates_streamed(open_documents, threshold=args.threshold,
                                                keep=args.keep, verify=verify)
        except ModuleNotFoundError as exc:
            raise CommandError(str(exc)) from None
        except ValueError as exc:  # an input gave other documents on a later pass
            raise CommandError(str(exc)) from None
        if inputs.failed:
            if not args.quiet:
                print(f"newsdoc: read {report.files(len(inputs.items))}, {inputs.documents} "
                      f"documents, {report.diagnostics()}; nothing written: an input could "
                      "not be read", file=err)
            return EXIT_FAILED
        dropped = {m for c in clusters for m in c.dropped}
        in_cluster = {m for c in clusters for m in c.members}
        titles: dict[int, str] = {}

        def kept() -> Iterator[Document]:
            for i, (_, _, doc) in enumerate(_documents(inputs)):
                if i in in_cluster:
                    titles[i] = doc.title
                if i not in dropped:
                    yield doc

        write_documents(kept(), args.output, args.to, encoding=args.output_encoding,
                        provenance=not args.no_provenance)
        if args.report:
            _write_report(args.report, clusters, where, titles,
                          [item.name for item in inputs.items])
    if not args.quiet:
        left_out = inputs.documents - len(where)
        print(f"newsdoc: read {report.files(len(inputs.items))}, {inputs.documents} "
              f"documents, {report.diagnostics()}; {len(clusters)} clusters of duplicates, "
              f"{len(dropped)} dropped, {len(where) - len(dropped)} kept"
              + (f", {left_out} unreadable left out" if left_out else ""), file=err)
    return EXIT_FAILED if report.failed() else EXIT_OK


def _write_report(path: str, clusters: tuple[Cluster, ...], where: list[tuple[int, int]],
                  titles: dict[int, str], names: list[str]) -> None:
    def member(i: int, similarity: float) -> dict[str, Any]:
        f, n = where[i]
        return {"file": names[f], "document": n, "index": i, "title": titles.get(i, ""),
                "similarity": round(similarity, 4)}

    with open_output(path) as (out, _):
        for c in clusters:
            sims = dict(zip(c.members, c.similarities, strict=True))
            line = {
                "size": len(c.members),
                "keep": member(c.keep, 1.0),
                "members": [member(m, sims[m]) for m in c.members],
            }
            out.write((json.dumps(line, ensure_ascii=False) + "\n").encode())
