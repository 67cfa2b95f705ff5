"""The ``newsdoc`` command.

Exit status: 0 on success, 1 when a strict read failed or a file could not be read, 2 on bad
usage. Problems go to standard error as ``path:line:col: severity: message``; never a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from newsdoc._io import iter_read, write
from newsdoc._models import Document, Severity
from newsdoc._registry import default_registry
from newsdoc.exceptions import NewsdocError, ParseError

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_READ_EXAMPLES = """\
examples:
  newsdoc read article.txt                      one JSON document a line
  newsdoc read shard1.txt shard2.txt --to json  one JSON array
  newsdoc read --strict article.txt             fail (exit 1) at the first problem
  cat article.txt | newsdoc read - --to scraped-text
  newsdoc read docs.jsonl --to scraped-text > article.txt
"""

_MAIN_EXAMPLES = """\
examples:
  newsdoc read article.txt --to jsonl > docs.jsonl
  newsdoc formats
  newsdoc read --help
"""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsdoc")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newsdoc`` command."""
    parser = argparse.ArgumentParser(
        prog="newsdoc",
        description="Read, convert and check structured news documents.",
        epilog=_MAIN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsdoc {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    names = sorted(default_registry().formats())
    rd = sub.add_parser(
        "read", help="read files and write their documents to standard output",
        description="Read documents from FILEs (or - for standard input) and write them to "
        "standard output. Diagnostics go to standard error.",
        epilog=_READ_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rd.add_argument("files", nargs="+", metavar="FILE", help="a file to read, or - for stdin")
    rd.add_argument("--format", "-f", choices=names, help="input format (default: by "
                    "extension, then by sniffing)")
    rd.add_argument("--to", "-t", default="jsonl", choices=names,
                    help="output format (default: jsonl)")
    rd.add_argument("--strict", action="store_true",
                    help="stop at the first problem with exit status 1")
    rd.add_argument("--encoding", help="decode input with this encoding instead of detecting")
    noise = rd.add_mutually_exclusive_group()
    noise.add_argument("--quiet", "-q", action="store_true", help="print no diagnostics")
    noise.add_argument("--verbose", "-v", action="store_true",
                       help="print informational diagnostics too")
    rd.set_defaults(func=_cmd_read)

    fm = sub.add_parser("formats", help="list the formats newsdoc can read and write",
                        description="List the available formats and where each comes from.")
    fm.set_defaults(func=_cmd_formats)

    if importlib.util.find_spec("newsdoc._dedup_cli") is not None:
        importlib.import_module("newsdoc._dedup_cli").add_parser(sub)
    return parser


def _error(message: str) -> None:
    print(f"newsdoc: error: {message}", file=sys.stderr)


class _Reader:
    """Streams documents from several inputs, reporting diagnostics as they pass."""

    def __init__(self, args: argparse.Namespace, err: TextIO) -> None:
        self.args = args
        self.err = err
        self.failed = False
        self.documents = 0

    def report(self, doc: Document) -> None:
        if self.args.quiet:
            return
        for d in doc.diagnostics:
            if d.severity is Severity.INFO and not self.args.verbose:
                continue
            print(d.format(), file=self.err)

    def __iter__(self) -> Iterator[Document]:
        for name in self.args.files:
            source = sys.stdin.buffer if name == "-" else name
            try:
                for doc in iter_read(source, self.args.format, strict=self.args.strict,
                                     encoding=self.args.encoding):
                    self.report(doc)
                    self.documents += 1
                    yield doc
            except ParseError as exc:
                self.failed = True
                print(f"{exc.path or name}:{exc.line}:{exc.column}: error: {exc.message}"
                      + (f" [{exc.code}]" if exc.code else ""), file=self.err)
                if self.args.strict:
                    return
            except (NewsdocError, OSError, LookupError) as exc:
                self.failed = True
                detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                print(f"{name}:0:0: error: {detail}", file=self.err)


def _cmd_read(args: argparse.Namespace) -> int:
    reader = _Reader(args, sys.stderr)
    try:
        write(reader, sys.stdout.buffer, args.to)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except (ValueError, NewsdocError) as exc:
        _error(f"cannot write {args.to}: {exc}")
        return EXIT_FAILED
    return EXIT_FAILED if reader.failed else EXIT_OK


def _cmd_formats(args: argparse.Namespace) -> int:
    registry = default_registry()
    rows = [("NAME", "EXTENSIONS", "READ", "WRITE", "FROM", "DESCRIPTION")]
    for name, fmt in sorted(registry.formats().items()):
        rows.append((name, " ".join(fmt.extensions) or "-", "yes" if fmt.can_read else "no",
                     "yes" if fmt.can_write else "no", fmt.origin, fmt.description))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[5])
    for err in registry.plugin_errors():
        print(f"newsdoc: warning: {err}", file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``newsdoc`` command with ``argv`` (default: ``sys.argv[1:]``); return the
    exit status.

    Raises:
        SystemExit: only from ``--help``, ``--version`` and bad usage (status 2), as
            argparse does.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
