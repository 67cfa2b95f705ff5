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
import time
from collections.abc import Iterator, Sequence
from typing import IO, TextIO

from newsdoc._models import Document, Severity
from newsdoc._pipeline._io import expand_paths, iter_read, write
from newsdoc._pipeline._limits import DEFAULT_MAX_DOCUMENT_SIZE, DEFAULT_MAX_LINE_LENGTH
from newsdoc._registry import default_registry
from newsdoc.exceptions import NewsdocError, ParseError

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_READ_EXAMPLES = """\
examples:
  newsdoc read article.txt                      one JSON document a line
  newsdoc read shard1.txt shard2.txt --to json  one JSON array
  newsdoc read crawl/ > docs.jsonl              every readable file under crawl/
  newsdoc read 'shards/*.txt.gz'                a glob (gzip, bzip2, xz, zstd: transparent)
  newsdoc read --encoding cp1252 old.txt        skip encoding detection
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
    rd.add_argument("files", nargs="+", metavar="FILE",
                    help="a file, a directory (its readable files, recursively), a glob "
                    "pattern, or - for stdin; compressed files are read transparently")
    rd.add_argument("--format", "-f", choices=names, help="input format (default: by "
                    "extension, then by sniffing)")
    rd.add_argument("--to", "-t", default="jsonl", choices=names,
                    help="output format (default: jsonl)")
    rd.add_argument("--strict", action="store_true",
                    help="stop at the first problem with exit status 1")
    rd.add_argument("--encoding", help="decode input with this encoding instead of detecting")
    rd.add_argument("--max-line-length", type=_limit, default=DEFAULT_MAX_LINE_LENGTH,
                    metavar="N", help="characters of a line to keep; the rest is dropped with "
                    f"a diagnostic (default: {DEFAULT_MAX_LINE_LENGTH}; 0: no limit)")
    rd.add_argument("--max-document-size", type=_limit, default=DEFAULT_MAX_DOCUMENT_SIZE,
                    metavar="N", help="characters of a document to keep (default: "
                    f"{DEFAULT_MAX_DOCUMENT_SIZE}; 0: no limit)")
    rd.add_argument("--no-progress", action="store_true",
                    help="no progress line (shown by default only when standard error is a "
                    "terminal and standard output is not)")
    noise = rd.add_mutually_exclusive_group()
    noise.add_argument("--quiet", "-q", action="store_true",
                       help="print no diagnostics, no progress and no summary")
    noise.add_argument("--verbose", "-v", action="store_true",
                       help="print informational diagnostics too")
    rd.set_defaults(func=_cmd_read)

    fm = sub.add_parser("formats", help="list the formats newsdoc can read and write",
                        description="List the available formats and where each comes from.")
    fm.set_defaults(func=_cmd_formats)

    if importlib.util.find_spec("newsdoc._dedup_cli") is not None:
        importlib.import_module("newsdoc._dedup_cli").add_parser(sub)
    return parser


def _limit(value: str) -> int | None:
    """A limit option: a positive number of characters, or 0 for none."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more, not {n}")
    return n or None


def _error(message: str) -> None:
    print(f"newsdoc: error: {message}", file=sys.stderr)


def _size(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"  # pragma: no cover - the loop returns


def _file_size(name: str) -> int:
    if name == "-":
        return 0
    try:
        return os.path.getsize(name)
    except OSError:
        return 0


class _Progress:
    """One status line on standard error, redrawn at most a few times a second."""

    INTERVAL = 0.25

    def __init__(self, err: TextIO, files: int, total: int) -> None:
        self.err = err
        self.files = files
        self.total = total
        self.done = 0  # bytes of the files finished
        self.last = 0.0
        self.width = 0

    def show(self, file_no: int, pos: int, documents: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < self.INTERVAL:
            return
        self.last = now
        read = self.done + pos
        share = f" ({100 * read / self.total:.0f}%)" if self.total else ""
        line = (f"newsdoc: file {file_no}/{self.files}, {_size(read)} of {_size(self.total)}"
                f"{share}, {documents} documents")
        self.err.write("\r" + line.ljust(self.width))
        self.width = len(line)
        self.err.flush()

    def close(self) -> None:
        if self.width:
            self.err.write("\r" + " " * self.width + "\r")
            self.err.flush()


class _Reader:
    """Streams documents from several inputs, reporting diagnostics as they pass."""

    def __init__(self, args: argparse.Namespace, err: TextIO) -> None:
        self.args = args
        self.err = err
        self.failed = False
        self.documents = 0
        self.files = 0
        self.counts = dict.fromkeys(Severity, 0)

    def report(self, doc: Document) -> None:
        for d in doc.diagnostics:
            self.counts[d.severity] += 1
            if self.args.quiet or (d.severity is Severity.INFO and not self.args.verbose):
                continue
            print(d.format(), file=self.err)

    def _inputs(self) -> list[str]:
        names: list[str] = []
        for name in self.args.files:
            if name == "-":
                names.append(name)
                continue
            found = [os.fspath(p) for p in expand_paths([name], glob_patterns=True)
                     if isinstance(p, (str, os.PathLike))]
            if not found:
                self.failed = True
                what = "directory holds no readable file" if os.path.isdir(name) else (
                    "pattern matches no file")
                print(f"{name}:0:0: error: the {what}", file=self.err)
            names.extend(found)
        return names

    def _progress(self, names: list[str]) -> _Progress | None:
        args = self.args
        if args.quiet or args.no_progress or not self.err.isatty() or sys.stdout.isatty():
            return None
        return _Progress(self.err, len(names), sum(map(_file_size, names)))

    def __iter__(self) -> Iterator[Document]:
        names = self._inputs()
        progress = self._progress(names)
        try:
            for file_no, name in enumerate(names, start=1):
                yield from self._read_one(name, file_no, progress)
                if self.failed and self.args.strict:
                    return
        finally:
            if progress is not None:
                progress.close()

    def _read_one(self, name: str, file_no: int, progress: _Progress | None,
                  ) -> Iterator[Document]:
        args = self.args
        self.files += 1
        fh: IO[bytes] | None = None
        try:
            fh = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
            for doc in iter_read(fh, args.format, strict=args.strict, encoding=args.encoding,
                                 max_line_length=args.max_line_length,
                                 max_document_size=args.max_document_size):
                self.report(doc)
                self.documents += 1
                if progress is not None and name != "-":
                    progress.show(file_no, fh.tell(), self.documents)
                yield doc
        except ParseError as exc:
            self.failed = True
            print(f"{exc.path or name}:{exc.line}:{exc.column}: error: {exc.message}"
                  + (f" [{exc.code}]" if exc.code else ""), file=self.err)
        except (NewsdocError, OSError, LookupError, ImportError, ValueError) as exc:
            self.failed = True
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            print(f"{name}:0:0: error: {detail}", file=self.err)
        finally:
            if fh is not None and name != "-":
                fh.close()
                if progress is not None:
                    progress.done += _file_size(name)

    def summary(self) -> str:
        c = self.counts
        parts = [f"{c[Severity.ERROR]} errors", f"{c[Severity.WARNING]} warnings",
                 f"{c[Severity.INFO]} notes"]
        files = "1 file" if self.files == 1 else f"{self.files} files"
        return (f"newsdoc: read {files}, {self.documents} documents, "
                f"{sum(c.values())} diagnostics ({', '.join(parts)})")


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
    if not args.quiet:
        print(reader.summary(), file=sys.stderr)
    return EXIT_FAILED if reader.failed else EXIT_OK


def _cmd_formats(args: argparse.Namespace) -> int:
    """Print the formats with where each comes from; warn about plugins that failed."""
    from importlib import metadata

    registry = default_registry()

    def origin(name: str) -> str:
        info = registry.info(name)
        if info.entry_point is None:
            return info.origin
        try:
            return f"{info.origin} {metadata.version(info.origin)}"
        except Exception:  # the distribution's metadata is gone or unreadable
            return info.origin

    rows = [("NAME", "EXTENSIONS", "READ", "WRITE", "FROM", "DESCRIPTION")]
    for name, fmt in sorted(registry.formats().items()):
        rows.append((name, " ".join(fmt.extensions) or "-", "yes" if fmt.can_read else "no",
                     "yes" if fmt.can_write else "no", origin(name), fmt.description))
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
