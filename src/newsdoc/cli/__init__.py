"""The ``newsdoc`` command.

Subcommands: ``read`` (:mod:`newsdoc.cli._read`), ``dedup`` (:mod:`newsdoc.cli._dedup`) and
``formats``; the options they share, the report of problems, the exit status and the
handling of write errors live in :mod:`newsdoc.cli._common`.

Exit status: 0 on success; 1 when a problem of the severity ``--fail-on`` names (default:
error) was reported, an input could not be read or the output could not be written; 2 on
bad usage. Problems go to standard error as ``path:line:col: severity: message``; never a
traceback.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from newsdoc.cli import _dedup, _read
from newsdoc.cli._common import run

__all__ = ["main"]

_MAIN_EXAMPLES = """\
examples:
  newsdoc read article.txt --to jsonl > docs.jsonl
  newsdoc dedup crawl/ -o kept.jsonl
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
        description="Read, convert, deduplicate and check structured news documents.",
        epilog=_MAIN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsdoc {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    _read.add_parsers(sub)
    _dedup.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``newsdoc`` command with ``argv`` (default: ``sys.argv[1:]``); return the
    exit status.

    Raises:
        SystemExit: only from ``--help``, ``--version`` and bad usage (status 2), as
            argparse does.
    """
    args = build_parser().parse_args(argv)
    return run(args.func, args)
