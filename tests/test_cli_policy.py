"""The ``newsdoc`` command's policies, the same for every subcommand: the exit status
(``--fail-on``), binary input, placeholders, the summary's counts, skipped files, write
errors and closed pipes, the shared input and output options, the name of standard input."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsdoc
import newsdoc.samples
from newsdoc import cli
from newsdoc._unreadable import binary_kind
from newsdoc.dedup import is_placeholder

ARTICLE = "{t}\n\nTT\n\n{t}\n\nFirst paragraph about {t}.\n\nSecond paragraph."
MISMATCH = "Ferry Route Opens\n\nTT\n\nFerry Route Opened\n\nThe first ferry left."
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(range(256)) * 64


def article(title: str) -> str:
    return ARTICLE.format(t=title)


class _Std(io.TextIOWrapper):
    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", newline="")

    def isatty(self) -> bool:
        return False

    def text(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode()  # type: ignore[attr-defined]


def run(monkeypatch: pytest.MonkeyPatch, *args: str, stdin: bytes = b"",
        ) -> tuple[int, str, str]:
    """``newsdoc ARGS`` in this process: (status, standard output, standard error)."""
    out, err = _Std(), _Std()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    status = cli.main(list(args))
    return status, out.text(), err.text()


def command(*args: str, stdout: int | None = subprocess.PIPE, stdin: bytes | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "newsdoc", *args], stdout=stdout,
                          stderr=subprocess.PIPE, input=stdin, cwd=cwd, timeout=120,
                          check=False)


# -- exit status: --fail-on ----------------------------------------------------------------


@pytest.fixture
def future_jsonl(tmp_path: Path) -> Path:
    """A JSON Lines file of a schema version this newsdoc does not know, and one good line."""
    path = tmp_path / "future.jsonl"
    good = newsdoc.dumps([newsdoc.Document(title="Kept")], "jsonl")
    path.write_text('{"schema_version": 99, "title": "From the future"}\n' + good)
    return path


def test_an_error_diagnostic_fails_the_read(monkeypatch: pytest.MonkeyPatch,
                                            future_jsonl: Path) -> None:
    """A lenient read that reported an error exits 1; what it could read is still written,
    and the placeholder of the unreadable line is written too (``read`` converts)."""
    status, out, err = run(monkeypatch, "read", str(future_jsonl))
    assert status == 1
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["", "Kept"]
    assert f"{future_jsonl}:1:1: error: " in err
    status, _, _ = run(monkeypatch, "read", "--fail-on", "never", str(future_jsonl))
    assert status == 0


def test_fail_on_warning(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "mismatch.txt"
    path.write_text(MISMATCH)
    assert run(monkeypatch, "read", str(path))[0] == 0
    status, _, err = run(monkeypatch, "read", "--fail-on", "warning", str(path))
    assert status == 1 and "[title-mismatch]" in err
    with pytest.raises(SystemExit) as exc:
        run(monkeypatch, "read", "--fail-on", "notes", str(path))
    assert exc.value.code == 2


def test_fail_on_applies_to_dedup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    path = tmp_path / "mismatch.txt"
    path.write_text(MISMATCH)
    assert run(monkeypatch, "dedup", str(path))[0] == 0
    assert run(monkeypatch, "dedup", "--fail-on", "warning", str(path))[0] == 1


# -- binary input ------------------------------------------------------------------------------


def test_binary_input_is_an_error_not_a_document(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    """An ELF binary named .txt (plain, or gzip-compressed) gives no document and exit 1;
    the text file beside it is read."""
    (tmp_path / "program.txt").write_bytes(ELF)
    (tmp_path / "program2.txt.gz").write_bytes(gzip.compress(ELF))
    (tmp_path / "real.txt").write_text(article("Real"))
    status, out, err = run(monkeypatch, "read", str(tmp_path))
    assert status == 1
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Real"]
    for name in ("program.txt", "program2.txt.gz"):
        assert (f"{tmp_path / name}:0:0: error: not text but an ELF executable: not read "
                "[binary-input]") in err
    assert "2 errors" in err.splitlines()[-1]


def test_binary_stdin_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    status, out, err = run(monkeypatch, "read", "-", "--format", "scraped-text",
                           stdin=b"\x00\x01\x02\x03" * 100)
    assert status == 1 and out == ""
    assert err.startswith("<stdin>:0:0: error: not text but binary data (NUL bytes)")


@pytest.mark.parametrize("text", ["Title\n\nTT\n\nTitle\n\nBody.", "Café “quoted” — ça va\n",
                                  "\x1b[1mbold\x1b[0m and a\ttab\f"])
@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                   "cp1252"])
def test_text_in_any_encoding_is_not_binary(text: str, codec: str) -> None:
    """Property: text in a common encoding, UTF-16 with or without a byte-order mark, is
    never called binary."""
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        pytest.skip(f"{codec} cannot encode {text!r}")
    assert binary_kind(data) is None


@pytest.mark.parametrize(("data", "kind"), [
    (ELF, "an ELF executable"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "a PNG image"),
    (b"PK\x03\x04" + bytes(100), "a ZIP archive"),
    (b"text then a NUL\x00 byte and more text", "binary data (NUL bytes)"),
    (bytes(range(1, 32)) * 4, "binary data (control bytes)"),
])
def test_binary_kinds(data: bytes, kind: str) -> None:
    assert binary_kind(data) == kind


# -- placeholders --------------------------------------------------------------------------


def test_placeholders_give_no_record(future_jsonl: Path) -> None:
    docs = newsdoc.read(future_jsonl)
    assert [is_placeholder(d) for d in docs] == [True, False]
    assert [r["title"] for r in newsdoc.to_records(docs)] == ["Kept"]
    assert [r["title"] for r in newsdoc.to_records(docs, include_placeholders=True)] == [
        "", "Kept"]


def test_placeholders_give_no_row(future_jsonl: Path) -> None:
    pytest.importorskip("pandas")
    docs = newsdoc.read(future_jsonl)
    assert list(newsdoc.to_pandas(docs)["title"]) == ["Kept"]
    assert len(newsdoc.to_pandas(docs, include_placeholders=True)) == 2


def test_placeholders_stay_out_of_dedup(monkeypatch: pytest.MonkeyPatch,
                                        tmp_path: Path) -> None:
    """Two unreadable lines are neither kept nor clustered as duplicates of each other."""
    pytest.importorskip("numpy")
    path = tmp_path / "mixed.jsonl"
    good = newsdoc.dumps([newsdoc.Document(title="Kept")], "jsonl")
    path.write_text("{not json\n" + good + "{not json either\n")
    status, out, err = run(monkeypatch, "dedup", str(path), "--report",
                           str(tmp_path / "r.jsonl"))
    assert status == 1  # the invalid lines are errors
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Kept"]
    assert (tmp_path / "r.jsonl").read_text() == ""
    assert err.splitlines()[-1].endswith(
        "0 clusters of duplicates, 0 dropped, 1 kept, 2 unreadable left out")


# -- the summary counts what was reported ---------------------------------------------------


def test_summary_counts_a_missing_file(monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path) -> None:
    status, _, err = run(monkeypatch, "read", str(tmp_path / "absent.txt"))
    assert status == 1
    first, summary = err.splitlines()
    assert first.startswith(f"{tmp_path / 'absent.txt'}:0:0: error: ")
    assert summary == ("newsdoc: read 1 file, 0 documents, 1 diagnostics (1 errors, "
                       "0 warnings, 0 notes)")


def test_summary_counts_a_strict_failure(monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    path = tmp_path / "mismatch.txt"
    path.write_text(MISMATCH)
    status, _, err = run(monkeypatch, "read", "--strict", str(path))
    assert status == 1
    first, summary = err.splitlines()
    assert first.startswith(f"{path}:5:1: error: ") and first.endswith("[title-mismatch]")
    assert "(1 errors, 0 warnings, 0 notes)" in summary


# -- skipped files ---------------------------------------------------------------------------


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    root = tmp_path / "crawl"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "HEAD.txt").write_text(article("Hidden"))
    (root / "a.txt").write_text(article("Alpha"))
    (root / ".draft.txt").write_text(article("Draft"))
    (root / "notes.md").write_text("not an article")
    (root / "empty.txt").write_text("")
    return root


def test_skipped_files_are_named_at_verbose_and_counted(monkeypatch: pytest.MonkeyPatch,
                                                         crawl: Path) -> None:
    status, out, err = run(monkeypatch, "read", "-v", str(crawl))
    assert status == 0 and [json.loads(x)["title"] for x in out.splitlines()] == ["Alpha"]
    lines = err.splitlines()
    assert lines[:4] == [
        f"{crawl / '.draft.txt'}: skipped: hidden file",
        f"{crawl / '.git'}{os.sep}: skipped: hidden directory",
        f"{crawl / 'empty.txt'}: skipped: empty file",
        f"{crawl / 'notes.md'}: skipped: no format reads files named like this",
    ]
    assert lines[-1].startswith("newsdoc: read 1 file (4 skipped), 1 documents")
    _, _, quiet = run(monkeypatch, "read", str(crawl))
    assert quiet.splitlines() == [lines[-1]]  # counted, not named, without -v


def test_dedup_reads_directories_and_globs(monkeypatch: pytest.MonkeyPatch,
                                          crawl: Path) -> None:
    pytest.importorskip("numpy")
    (crawl / "b.txt").write_text(article("Alpha"))  # an exact copy
    (crawl / "c.txt").write_text(article("Gamma"))
    for target in (str(crawl), str(crawl / "*.txt")):
        status, out, err = run(monkeypatch, "dedup", target)
        assert status == 0, err
        assert [json.loads(x)["title"] for x in out.splitlines()] == ["Alpha", "Gamma"]
        assert "1 dropped, 2 kept" in err


# -- write errors and closed pipes -------------------------------------------------------------


needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")


@needs_dev_full
@pytest.mark.parametrize("args", [
    ["read", "{sample}"], ["read", "{sample}", "--to", "json"],
    ["read", "{sample}", "--to", "scraped-text"], ["formats"], ["read", "{sample}", "-q"],
    ["dedup", "{sample}"],
])
def test_a_full_disk_is_one_line_and_status_1(args: list[str], tmp_path: Path) -> None:
    if args[0] == "dedup":
        pytest.importorskip("numpy")
    sample = str(newsdoc.samples.path("articles.txt"))
    with open("/dev/full", "wb") as full:
        done = command(*(a.format(sample=sample) for a in args), stdout=full.fileno())
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "Traceback" not in err and "Exception ignored" not in err
    problems = [line for line in err.splitlines() if not line.startswith("newsdoc: read ")]
    assert problems == ["newsdoc: error: cannot write standard output: No space left on device"]


@needs_dev_full
def test_a_full_disk_for_output_and_report_names_the_file(tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    sample = str(newsdoc.samples.path("articles.txt"))
    done = command("read", sample, "-o", "/dev/full")
    assert done.returncode == 1
    assert "newsdoc: error: cannot write /dev/full: No space left on device" in (
        done.stderr.decode())
    done = command("dedup", sample, sample, "--report", "/dev/full")
    assert done.returncode == 1
    assert "newsdoc: error: cannot write /dev/full: No space left on device" in (
        done.stderr.decode())


@pytest.mark.parametrize("sub", ["read", "dedup"])
def test_a_closed_pipe_ends_quietly(sub: str, tmp_path: Path) -> None:
    """The reader of standard output goes away after one line (``| head -n 1``): no
    traceback, status 1, as Python itself does for a closed pipe."""
    if sub == "dedup":
        pytest.importorskip("numpy")
    big = tmp_path / "big.txt"
    big.write_text("\n\n\n\n".join(article(f"Title {i}") for i in range(3000)))
    proc = subprocess.Popen([sys.executable, "-m", "newsdoc", sub, str(big)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err and "Exception ignored" not in err and "error" not in err


# -- shared options --------------------------------------------------------------------------


def test_report_in_a_missing_directory_names_the_path(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    sample = str(newsdoc.samples.path("articles.txt"))
    target = tmp_path / "nonexistent" / "r.jsonl"
    status, _, err = run(monkeypatch, "dedup", sample, "--report", str(target))
    assert status == 1
    assert f"newsdoc: error: cannot write {target}: No such file or directory" in err
    status, _, err = run(monkeypatch, "read", sample, "-o", str(target))
    assert status == 1
    assert f"newsdoc: error: cannot write {target}: No such file or directory" in err


def test_read_writes_to_output(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    sample = newsdoc.samples.path("articles.txt")
    status, out, _ = run(monkeypatch, "read", str(sample), "--to", "scraped-text", "-o",
                         str(tmp_path / "copy.txt"))
    assert status == 0 and out == ""
    assert (tmp_path / "copy.txt").read_bytes() == sample.read_bytes()


def test_standard_input_has_one_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """Diagnostics and whole-input problems call standard input ``<stdin>``, in read and in
    dedup alike."""
    data = MISMATCH.encode()
    _, _, err = run(monkeypatch, "read", "-", stdin=data)
    assert err.startswith("<stdin>:5:1: warning: ")
    _, _, err = run(monkeypatch, "read", "--strict", "-", stdin=data)
    assert err.startswith("<stdin>:5:1: error: ")
    if pytest.importorskip("numpy"):
        _, _, err = run(monkeypatch, "dedup", "-", stdin=data)
        assert err.startswith("<stdin>:5:1: warning: ")


def test_subcommands_share_the_input_and_output_options() -> None:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    choices = sub.choices  # type: ignore[attr-defined]

    def options(name: str) -> dict[str, tuple[str, ...]]:
        return {a.dest: tuple(a.option_strings) for a in choices[name]._actions}

    read, dedup = options("read"), options("dedup")
    shared = {"files", "format", "strict", "encoding", "max_line_length",
              "max_document_size", "fail_on", "quiet", "verbose", "to", "output"}
    assert {k: read[k] for k in shared} == {k: dedup[k] for k in shared}
    helps = {a.dest: a.help for a in choices["dedup"]._actions}
    assert "directory" in (helps["files"] or "") and "glob" in (helps["files"] or "")


def test_input_of_a_format_that_reads_bytes_is_not_called_binary() -> None:
    """A WARC (a format that reads bytes) whose first record holds NUL bytes is left to its
    reader, whether the extension, the first bytes or --format choose it; the same bytes
    under a text format's name are binary."""
    from newsdoc.cli._common import _binary

    warc = (b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 64\r\n\r\n" + bytes(64))
    assert _binary(warc, "crawl.warc", None) is None
    assert _binary(gzip.compress(warc), "crawl.warc.gz", None) is None
    assert _binary(warc, "crawl.dat", None) is None  # sniffed
    assert _binary(warc, None, "warc") is None
    assert _binary(warc, "crawl.txt", "scraped-text") == "binary data (NUL bytes)"
    assert _binary(ELF, "program.txt", None) == "an ELF executable"


# -- output: --no-provenance and --output-encoding -------------------------------------------


def test_no_provenance_writes_only_the_content(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    """--no-provenance drops spans, source, layout and diagnostics; the content is equal and
    the JSON smaller."""
    src = tmp_path / "a.txt"
    src.write_text(article("First") + "\n\n\n\n" + article("Second"), encoding="utf-8")
    full, lean = tmp_path / "full.jsonl", tmp_path / "lean.jsonl"
    assert run(monkeypatch, "read", str(src), "-q", "-o", str(full))[0] == 0
    assert run(monkeypatch, "read", str(src), "-q", "--no-provenance", "-o", str(lean))[0] == 0
    rows = [json.loads(line) for line in lean.read_text("utf-8").splitlines()]
    assert rows and all("source" not in r and "layout" not in r for r in rows)
    assert newsdoc.read(lean) == newsdoc.read(full) == newsdoc.read(src)
    assert lean.stat().st_size < full.stat().st_size


def test_output_encoding(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--output-encoding encodes the output; an unknown encoding is one clear error line."""
    src = tmp_path / "a.txt"
    src.write_text(article("Café"), encoding="utf-8")
    out = tmp_path / "b.txt"
    status, _, _ = run(monkeypatch, "read", str(src), "-q", "--to", "scraped-text",
                       "--output-encoding", "cp1252", "-o", str(out))
    assert status == 0
    assert out.read_bytes() == src.read_text("utf-8").encode("cp1252")
    status, _, err = run(monkeypatch, "read", str(src), "-q", "--to", "scraped-text",
                         "--output-encoding", "no-such-codec", "-o", str(out))
    assert status == 1 and "no-such-codec" in err and "Traceback" not in err
