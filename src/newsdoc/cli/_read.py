"""``newsdoc read``: read inputs, write their documents; and ``newsdoc formats``."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from newsdoc._registry import FormatInfo, default_registry
from newsdoc.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    Input,
    Inputs,
    Report,
    _Named,
    add_input_options,
    add_output_options,
    write_documents,
)

__all__ = ["add_parsers"]

_READ_EXAMPLES = """\
examples:
  newsdoc read article.txt                      one JSON document a line
  newsdoc read shard1.txt shard2.txt --to json  one JSON array
  newsdoc read crawl/ -o docs.jsonl             every readable file under crawl/
  newsdoc read 'shards/*.txt.gz'                a glob (gzip, bzip2, xz, zstd: transparent)
  newsdoc read --encoding cp1252 old.txt        skip encoding detection
  newsdoc read --strict article.txt             fail (exit 1) at the first problem
  newsdoc read --fail-on warning crawl/         exit 1 on warnings too
  cat article.txt | newsdoc read - --to scraped-text
  newsdoc read docs.jsonl --to scraped-text > article.txt
"""


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``read`` and ``formats`` to the ``newsdoc`` command's subcommands."""
    rd = sub.add_parser(
        "read", help="read files and write their documents to standard output",
        description="Read documents from FILEs (or - for standard input) and write them to "
        "standard output or to --output. Diagnostics and a summary go to standard error.",
        epilog=_READ_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(rd)
    add_output_options(rd)
    rd.add_argument("--no-progress", action="store_true",
                    help="no progress line (shown by default only when standard error is a "
                    "terminal and standard output is not)")
    rd.set_defaults(func=_cmd_read)

    fm = sub.add_parser("formats", help="list the formats newsdoc can read and write",
                        description="List the available formats and where each comes from.")
    fm.set_defaults(func=_cmd_formats)


def _size(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"  # pragma: no cover - the loop returns


class _Progress:
    """One status line on standard error, redrawn at most a few times a second."""

    INTERVAL = 0.25

    def __init__(self, err: TextIO, items: list[Input]) -> None:
        self.err = err
        self.items = items
        self.sizes = [item.size() for item in items]
        self.total = sum(self.sizes)
        self.last = 0.0
        self.width = 0

    def show(self, number: int, stream: _Named, documents: int) -> None:
        now = time.monotonic()
        if now - self.last < self.INTERVAL:
            return
        self.last = now
        pos = stream.tell() if self.items[number].path is not None else 0
        read = sum(self.sizes[:number]) + min(pos, self.sizes[number])
        share = f" ({100 * read / self.total:.0f}%)" if self.total else ""
        line = (f"newsdoc: file {number + 1}/{len(self.items)}, {_size(read)} of "
                f"{_size(self.total)}{share}, {documents} documents")
        self.err.write("\r" + line.ljust(self.width))
        self.width = len(line)
        self.err.flush()

    def close(self) -> None:
        if self.width:
            self.err.write("\r" + " " * self.width + "\r")
            self.err.flush()


def _cmd_read(args: argparse.Namespace) -> int:
    err = sys.stderr
    report = Report(args, err)
    inputs = Inputs(args, report)
    to_terminal = args.output in (None, "-") and sys.stdout.isatty()
    progress = None
    if not (args.quiet or args.no_progress or not err.isatty() or to_terminal):
        progress = _Progress(err, inputs.items)
    try:
        documents = (doc for _, _, doc in inputs.read(
            progress=progress.show if progress is not None else None))
        write_documents(documents, args.output, args.to, encoding=args.output_encoding,
                        provenance=not args.no_provenance)
    finally:
        if progress is not None:
            progress.close()
    if not args.quiet:
        print(f"newsdoc: read {report.files(len(inputs.items))}, {inputs.documents} "
              f"documents, {report.diagnostics()}", file=err)
    return EXIT_FAILED if report.failed() else EXIT_OK


def _origin(info: FormatInfo) -> str:
    from importlib import metadata

    if info.entry_point is None:
        return info.origin
    try:
        return f"{info.origin} {metadata.version(info.origin)}"
    except Exception:  # the distribution's metadata is gone or unreadable
        return info.origin


def _cmd_formats(args: argparse.Namespace) -> int:
    """Print the formats with where each comes from; warn about plugins that failed."""
    registry = default_registry()
    rows = [("NAME", "EXTENSIONS", "READ", "WRITE", "FROM", "DESCRIPTION")]
    for name, fmt in sorted(registry.formats().items()):
        rows.append((name, " ".join(fmt.extensions) or "-", "yes" if fmt.can_read else "no",
                     "yes" if fmt.can_write else "no", _origin(registry.info(name)),
                     fmt.description))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[5])
    for problem in registry.plugin_errors():
        print(f"newsdoc: warning: {problem}", file=sys.stderr)
    return EXIT_OK
