"""What every subcommand shares: the input and output options, the inputs (files,
directories, glob patterns, standard input), the report of problems on standard error, the
exit status, and the handling of write errors and closed pipes.

Exit status (``docs/cli.md``): 0 on success; 1 when a problem of the severity
``--fail-on`` names (default: error) was reported, an input could not be read, or the output
could not be written; 2 on bad usage (argparse); 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import glob
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, TextIO

from newsdoc._models import Document, Severity
from newsdoc._pipeline._compress import Readable, open_decompressed, strip_compression
from newsdoc._pipeline._io import expand_paths, iter_read, write
from newsdoc._pipeline._limits import DEFAULT_MAX_DOCUMENT_SIZE, DEFAULT_MAX_LINE_LENGTH
from newsdoc._registry import SNIFF_BYTES, default_registry
from newsdoc._unreadable import BINARY_PROBE, binary_kind
from newsdoc.exceptions import NewsdocError, ParseError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

#: How standard input is named in every message.
STDIN = "<stdin>"
#: The severities ``--fail-on`` accepts, each with those that fail the command.
FAIL_ON = {
    "error": frozenset({Severity.ERROR}),
    "warning": frozenset({Severity.ERROR, Severity.WARNING}),
    "never": frozenset(),
}
_GLOB = frozenset("*?[")
# Raw bytes read ahead of an input to look at its (decompressed) start.
_HEAD = 1 << 16


class CommandError(Exception):
    """A failure the command reports as one line, ``newsdoc: error: MESSAGE``, with status 1."""


class _PipeClosed(Exception):
    """The reader of standard output went away (``newsdoc read ... | head``)."""


def error(message: str) -> None:
    """Print ``newsdoc: error: MESSAGE`` on standard error."""
    print(f"newsdoc: error: {message}", file=sys.stderr)


def format_names() -> list[str]:
    """The registered format names, sorted, for ``--format`` and ``--to``."""
    return sorted(default_registry().formats())


def _limit(value: str) -> int | None:
    """A limit option: a positive number of characters, or 0 for none."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more, not {n}")
    return n or None


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """The options every reading subcommand takes: the inputs, how to read them, which
    problems to print and which fail the command."""
    names = format_names()
    parser.add_argument(
        "files", nargs="+", metavar="FILE",
        help="a file, a directory (its readable files, recursively; hidden, empty and "
        "unclaimed files are skipped), a glob pattern ('crawl/**/*.txt'), or - for "
        f"standard input (named {STDIN} in messages); compressed files are read "
        "transparently")
    parser.add_argument("--format", "-f", choices=names,
                        help="input format (default: by extension, then by sniffing)")
    parser.add_argument("--strict", action="store_true",
                        help="stop at the first problem with exit status 1")
    parser.add_argument("--encoding",
                        help="decode input with this encoding instead of detecting")
    parser.add_argument("--max-line-length", type=_limit, default=DEFAULT_MAX_LINE_LENGTH,
                        metavar="N", help="characters of a line to keep; the rest is dropped "
                        f"with a diagnostic (default: {DEFAULT_MAX_LINE_LENGTH}; 0: no limit)")
    parser.add_argument("--max-document-size", type=_limit, default=DEFAULT_MAX_DOCUMENT_SIZE,
                        metavar="N", help="characters of a document to keep (default: "
                        f"{DEFAULT_MAX_DOCUMENT_SIZE}; 0: no limit)")
    parser.add_argument("--fail-on", choices=tuple(FAIL_ON), default="error",
                        help="exit with status 1 when a problem of this severity or worse was "
                        "reported (default: error; never: only when the output fails)")
    noise = parser.add_mutually_exclusive_group()
    noise.add_argument("--quiet", "-q", action="store_true",
                       help="print no diagnostics, no progress and no summary")
    noise.add_argument("--verbose", "-v", action="store_true",
                       help="print informational diagnostics and skipped files too")


def add_output_options(parser: argparse.ArgumentParser, what: str = "the documents") -> None:
    """The options every writing subcommand takes: the output format and file."""
    parser.add_argument("--to", "-t", default="jsonl", choices=format_names(),
                        help="output format (default: jsonl)")
    parser.add_argument("--output", "-o", metavar="PATH",
                        help=f"write {what} here (default, or -: standard output)")
    parser.add_argument("--output-encoding", metavar="ENC",
                        help="encode the output with ENC (default: the encoding of the input "
                        "when written back in its own format, else UTF-8)")
    parser.add_argument("--no-provenance", action="store_true",
                        help="write only the content: no spans, source, layout or "
                        "diagnostics (JSON gets smaller; scraped text gets its canonical "
                        "layout)")


class Report:
    """Problems and skipped files on standard error, counted for the summary and the exit
    status."""

    def __init__(self, args: argparse.Namespace, err: TextIO) -> None:
        self.err = err
        self.quiet = bool(args.quiet)
        self.verbose = bool(args.verbose)
        self.fail_on = FAIL_ON[args.fail_on]
        self.counts = dict.fromkeys(Severity, 0)
        self.skipped = 0

    def line(self, severity: Severity, text: str) -> None:
        """Count a problem and print ``text`` unless quiet (notes only when verbose)."""
        self.counts[severity] += 1
        if self.quiet or (severity is Severity.INFO and not self.verbose):
            return
        print(text, file=self.err)

    def problem(self, where: str, message: str, code: str | None,
                severity: Severity = Severity.ERROR) -> None:
        """Report a problem with a whole input (``where`` is ``name:line:column``)."""
        self.line(severity, f"{where}: {severity.value}: {message}"
                  + (f" [{code}]" if code else ""))

    def document(self, doc: Document) -> None:
        """Report the diagnostics a document carries."""
        for d in doc.diagnostics:
            self.line(d.severity, d.format())

    def skip(self, path: str, reason: str) -> None:
        """Count a file skipped while walking a directory; name it when verbose."""
        self.skipped += 1
        if self.verbose and not self.quiet:
            print(f"{path}: skipped: {reason}", file=self.err)

    @property
    def errors(self) -> int:
        return self.counts[Severity.ERROR]

    def failed(self) -> bool:
        """Whether a problem of a severity ``--fail-on`` names was reported."""
        return any(self.counts[s] for s in self.fail_on)

    def diagnostics(self) -> str:
        """``N diagnostics (E errors, W warnings, I notes)`` for a summary line."""
        c = self.counts
        return (f"{sum(c.values())} diagnostics ({c[Severity.ERROR]} errors, "
                f"{c[Severity.WARNING]} warnings, {c[Severity.INFO]} notes)")

    def files(self, n: int) -> str:
        """``N files`` and how many were skipped, for a summary line."""
        text = "1 file" if n == 1 else f"{n} files"
        return text + (f" ({self.skipped} skipped)" if self.skipped else "")


class _Named(io.RawIOBase):
    """A binary stream that first gives back the bytes read ahead of it, under a name."""

    def __init__(self, head: bytes, stream: IO[bytes], name: str) -> None:
        super().__init__()
        self._head = head
        self._stream = stream
        self._name = name
        self.position = 0

    @property
    def name(self) -> str:
        return self._name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        size = len(view)
        if self._head:
            data, self._head = self._head[:size], self._head[size:]
        else:
            data = self._stream.read(size)
        view[: len(data)] = data
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position


def _read_ahead(stream: Readable, n: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    while size < n:
        data = stream.read(n - size)
        if not data:
            break
        parts.append(data)
        size += len(data)
    return b"".join(parts)


def _binary(head: bytes, path: str | None, format: str | None) -> str | None:
    """What binary data the input starting with the raw bytes ``head`` is, decompressed
    first, or ``None`` when it may be text, when the format that reads it reads bytes (named,
    or chosen by extension or sniffing, as the read will choose it: WARC), or when it cannot
    be decompressed here (the read then reports that)."""
    try:
        opened = open_decompressed(io.BytesIO(head), path)
        start = _read_ahead(opened.stream, BINARY_PROBE)
    except Exception:  # truncated or unsupported: the read says why
        return None
    kind = binary_kind(start)
    if kind is None:
        return None
    try:
        fmt = default_registry().detect(
            format=format, path=strip_compression(path) if path is not None else None,
            prefix=start[:SNIFF_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff"))
    except NewsdocError:  # no format claims it: say that it is binary
        return kind
    return None if fmt.binary else kind


class Input:
    """One input: its name in messages, and the file to open (``None``: standard input)."""

    def __init__(self, name: str, path: str | None) -> None:
        self.name = name
        self.path = path

    def size(self) -> int:
        """Its size in bytes (0 for standard input or when unknown)."""
        if self.path is None:
            return 0
        try:
            return os.path.getsize(self.path)
        except OSError:
            return 0


class Inputs:
    """The inputs of a command line: files, directories, glob patterns and ``-``, expanded,
    read with the shared input options, their problems reported as they pass.

    With ``spool``, standard input is copied to a temporary file so that the inputs can be
    read more than once (use as a context manager then).
    """

    def __init__(self, args: argparse.Namespace, report: Report, *, spool: bool = False
                 ) -> None:
        self.args = args
        self.report = report
        self.spool = spool
        self._spooled: str | None = None
        self.failed = False  # an input could not be read
        self.documents = 0
        self.items: list[Input] = self._expand(list(args.files))

    def __enter__(self) -> Inputs:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._spooled is not None:
            os.unlink(self._spooled)
            self._spooled = None

    # -- expansion ---------------------------------------------------------------------------

    def _expand(self, names: list[str]) -> list[Input]:
        items: list[Input] = []
        for name in names:
            if name == "-":
                items.append(Input(STDIN, None))
            elif not os.path.exists(name) and _GLOB & set(name):
                matches = sorted(glob.glob(name, recursive=True))
                if not matches:
                    self._no_input(name, "the pattern matches no file")
                for match in matches:
                    items.extend(self._walk(match) if os.path.isdir(match)
                                 else [Input(match, match)])
            elif os.path.isdir(name):
                found = self._walk(name)
                if not found:
                    self._no_input(name, "the directory holds no readable file")
                items.extend(found)
            else:
                items.append(Input(name, name))
        return items

    def _no_input(self, name: str, message: str) -> None:
        self.failed = True
        self.report.problem(f"{name}:0:0", message, "no-input")

    def _walk(self, root: str) -> list[Input]:
        """The files under ``root`` that a format reads (``expand_paths`` decides), the rest
        reported as skipped: hidden, no format for its extension, or empty."""
        kept = [os.fspath(p) for p in expand_paths([root])
                if isinstance(p, (str, os.PathLike))]
        chosen = set(kept)
        skipped: list[tuple[str, str]] = []
        for folder, dirs, files in os.walk(root):
            skipped.extend((os.path.join(folder, d) + os.sep, "hidden directory")
                           for d in dirs if d.startswith("."))
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for f in files:
                path = os.path.join(folder, f)
                if path not in chosen:
                    skipped.append((path, "hidden file" if f.startswith(".")
                                    else "no format reads files named like this"))
        found = []
        for path in kept:
            if os.path.isfile(path) and os.path.getsize(path) == 0:
                skipped.append((path, "empty file"))
            else:
                found.append(Input(path, path))
        for path, reason in sorted(skipped):
            self.report.skip(path, reason)
        return found

    # -- reading -----------------------------------------------------------------------------

    def _open(self, item: Input) -> IO[bytes]:
        if item.path is not None:
            return open(item.path, "rb")  # closed by the caller
        if not self.spool:
            return sys.stdin.buffer
        if self._spooled is None:
            fd, self._spooled = tempfile.mkstemp(prefix="newsdoc-stdin-")
            with os.fdopen(fd, "wb") as out:
                shutil.copyfileobj(sys.stdin.buffer, out)
        return open(self._spooled, "rb")  # closed by the caller

    def read(self, *, report: bool = True,
             progress: Callable[[int, _Named, int], None] | None = None,
             ) -> Iterator[tuple[int, int, Document]]:
        """``(input number, document number in the input, document)`` for every document,
        in order. With ``report``, problems are reported and counted as they pass; an input
        that cannot be read is reported and skipped (with ``--strict``, the read stops
        there). ``progress(input number, stream, documents)`` is called after each
        document.

        Raises:
            Nothing: problems are reported.
        """
        for number, item in enumerate(self.items):
            yield from self._read_one(number, item, report, progress)
            if self.failed and self.args.strict:
                return

    def _read_one(self, number: int, item: Input, report: bool,
                  progress: Callable[[int, _Named, int], None] | None,
                  ) -> Iterator[tuple[int, int, Document]]:
        args = self.args
        name = item.name
        raw: IO[bytes] | None = None
        try:
            raw = self._open(item)
            head = _read_ahead(raw, _HEAD)
            kind = _binary(head, item.path, args.format)
            if kind is not None:
                self.failed = True
                if report:
                    self.report.problem(f"{name}:0:0", f"not text but {kind}: not read",
                                        "binary-input")
                return
            stream = _Named(head, raw, name)
            documents = iter_read(io.BufferedReader(stream), args.format, strict=args.strict,
                                  encoding=args.encoding, max_line_length=args.max_line_length,
                                  max_document_size=args.max_document_size)
            for n, doc in enumerate(documents):
                if report:
                    self.report.document(doc)
                    self.documents += 1
                    if progress is not None:
                        progress(number, stream, self.documents)
                yield number, n, doc
        except ParseError as exc:
            self.failed = True
            if report:
                self.report.problem(f"{exc.path or name}:{exc.line}:{exc.column}", exc.message,
                                    exc.code)
        except (NewsdocError, OSError, LookupError, ImportError, ValueError) as exc:
            self.failed = True
            if report:
                detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                self.report.problem(f"{name}:0:0", str(detail), None)
        finally:
            if raw is not None and raw is not sys.stdin.buffer:
                raw.close()


# -- output ----------------------------------------------------------------------------------


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[tuple[IO[bytes], str]]:
    """The binary stream to write to and its name in messages: the file ``path``, or
    standard output for ``None`` and ``-``.

    Raises:
        CommandError: the file cannot be created (the message names it).
    """
    if path is None or path == "-":
        yield sys.stdout.buffer, "standard output"
        return
    try:
        out = open(path, "wb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        yield out, path
        out.close()  # the last flush: a full disk may show only here
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            out.close()


def write_documents(documents: Iterable[Document], path: str | None, format: str, *,
                    encoding: str | None = None, provenance: bool = True) -> None:
    """Write ``documents`` in ``format`` to the file ``path`` or standard output, encoded
    with ``encoding`` (``None``: as :func:`newsdoc.write` decides), without provenance when
    ``provenance`` is false.

    Raises:
        CommandError: the output cannot be written (disk full, no such directory) or the
            format cannot represent a document.
        _PipeClosed: standard output is a pipe whose reader went away.
    """
    name = path or "standard output"
    try:
        if not provenance:
            documents = map(Document.without_provenance, documents)
        with open_output(path) as (out, name):
            write(documents, out, format, encoding=encoding)
            out.flush()
    except BrokenPipeError:
        raise _PipeClosed from None
    except OSError as exc:
        raise CommandError(f"cannot write {name}: {exc.strerror or exc}") from None
    except LookupError as exc:
        raise CommandError(f"cannot write {format}: {exc}") from None
    except (ValueError, NewsdocError) as exc:
        raise CommandError(f"cannot write {format}: {exc}") from None


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the flush at exit cannot fail
    again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def run(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a subcommand: its exit status, with the failures every subcommand shares turned
    into one line on standard error and status 1 (never a traceback): a
    :class:`CommandError`, a write error on standard output (``> /dev/full``); a closed
    pipe ends the command quietly with status 1, as Python does. Ctrl-C gives 130.

    Raises:
        Nothing.
    """
    try:
        status = command(args)
        sys.stdout.flush()
    except CommandError as exc:
        error(str(exc))
        status = EXIT_FAILED
    except (BrokenPipeError, _PipeClosed):
        _silence_stdout()
        status = EXIT_FAILED
    except OSError as exc:
        if exc.errno not in _WRITE_ERRNOS:
            raise
        error(f"cannot write standard output: {exc.strerror or exc}")
        _silence_stdout()
        status = EXIT_FAILED
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
    return status


# Errors of a write to standard output that reach :func:`run` (a buffered print).
_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF,
                           errno.EROFS})
