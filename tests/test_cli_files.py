"""``newsdoc read`` on real inputs: directories, globs, compressed and legacy files, stdin,
the summary line, the progress line and the limits."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdoc import cli
from newsdoc.cli import _read

ARTICLE = "{t}\n\nTT\n\n{t}\n\nFirst paragraph.\n\nSecond paragraph."


def article(title: str) -> str:
    return ARTICLE.format(t=title)


class FakeStd(io.TextIOWrapper):
    """A text stream over bytes that can pretend to be a terminal."""

    def __init__(self, tty: bool = False) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", newline="")
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def text(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode()  # type: ignore[attr-defined]


def run(monkeypatch: pytest.MonkeyPatch, *args: str, stdin: bytes = b"",
        err_tty: bool = False, out_tty: bool = False) -> tuple[int, str, str]:
    out, err = FakeStd(out_tty), FakeStd(err_tty)
    fake_in = io.TextIOWrapper(io.BytesIO(stdin))
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdin", fake_in)
    status = cli.main(list(args))
    return status, out.text(), err.text()


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    root = tmp_path / "crawl"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(article("Alpha") + "\n\n\n\n" + article("Beta"))
    (root / "sub" / "b.txt.gz").write_bytes(gzip.compress(article("Gamma").encode()))
    (root / "sub" / "c.txt").write_bytes(article("Café “old”").encode("cp1252"))
    (root / "notes.md").write_text("skipped")
    return root


def titles(out: str) -> list[str]:
    return [json.loads(line)["title"] for line in out.splitlines()]


def test_read_directory_with_summary(monkeypatch: pytest.MonkeyPatch, crawl: Path) -> None:
    status, out, err = run(monkeypatch, "read", str(crawl))
    assert status == 0
    assert titles(out) == ["Alpha", "Beta", "Gamma", "Café “old”"]
    assert err.splitlines()[-1] == (
        "newsdoc: read 3 files (1 skipped), 4 documents, 1 diagnostics (0 errors, 0 warnings, "
        "1 notes)"
    )
    assert "\r" not in err  # not a terminal: no progress line


def test_verbose_shows_the_detected_encoding(monkeypatch: pytest.MonkeyPatch,
                                             crawl: Path) -> None:
    _, _, err = run(monkeypatch, "read", "-v", str(crawl / "sub" / "c.txt"))
    assert "info: the input is not valid UTF-8" in err and "[encoding-detected]" in err


def test_read_glob_pattern(monkeypatch: pytest.MonkeyPatch, crawl: Path) -> None:
    status, out, _ = run(monkeypatch, "read", str(crawl / "**" / "*.txt*"))
    assert status == 0
    assert sorted(titles(out)) == ["Alpha", "Beta", "Café “old”", "Gamma"]


def test_glob_matching_nothing_is_an_error(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    status, out, err = run(monkeypatch, "read", str(tmp_path / "*.nothing"))
    assert status == 1 and out == ""
    assert "pattern matches no file" in err


def test_quiet_prints_nothing(monkeypatch: pytest.MonkeyPatch, crawl: Path) -> None:
    status, out, err = run(monkeypatch, "read", "--quiet", str(crawl), err_tty=True)
    assert status == 0 and len(titles(out)) == 4
    assert err == ""


def test_progress_line_on_a_terminal(monkeypatch: pytest.MonkeyPatch, crawl: Path) -> None:
    monkeypatch.setattr(_read._Progress, "INTERVAL", 0.0)
    _, out, err = run(monkeypatch, "read", str(crawl), err_tty=True)
    assert "\rnewsdoc: file 1/3" in err and "documents" in err
    assert len(titles(out)) == 4
    # Not when the output goes to the terminal too, nor with --no-progress.
    _, _, err = run(monkeypatch, "read", str(crawl), err_tty=True, out_tty=True)
    assert "\r" not in err
    _, _, err = run(monkeypatch, "read", "--no-progress", str(crawl), err_tty=True)
    assert "\r" not in err


def test_compressed_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = gzip.compress(article("Piped").encode())
    status, out, _ = run(monkeypatch, "read", "-", "--format", "scraped-text", stdin=data)
    assert status == 0 and titles(out) == ["Piped"]


def test_unreadable_file_does_not_stop_the_others(monkeypatch: pytest.MonkeyPatch,
                                                  crawl: Path, tmp_path: Path) -> None:
    status, out, err = run(monkeypatch, "read", str(tmp_path / "absent.txt"),
                           str(crawl / "a.txt"), str(crawl / "notes.md"))
    assert status == 1
    assert titles(out) == ["Alpha", "Beta"]
    assert "absent.txt:0:0: error:" in err and "notes.md:0:0: error:" in err
    assert "read 3 files, 2 documents" in err


def test_line_limit_option(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(article("Long") + "\n" + "x" * 500)
    status, out, err = run(monkeypatch, "read", "--max-line-length", "100", str(path))
    assert status == 0
    paragraphs = json.loads(out)["paragraphs"]
    assert paragraphs[-1]["text"] == "x" * 100
    assert "long.txt:10:101: warning: line 10 is 500 characters long" in err
    status, out, _ = run(monkeypatch, "read", "--max-line-length", "0", str(path))
    assert json.loads(out)["paragraphs"][-1]["text"] == "x" * 500
    with pytest.raises(SystemExit):
        run(monkeypatch, "read", "--max-line-length", "-1", str(path))


def test_strict_stops_at_the_first_problem(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(article("Bad").encode() + b"\n\xff")
    good = tmp_path / "good.txt"
    good.write_text(article("Good"))
    status, out, err = run(monkeypatch, "read", "--strict", "--encoding", "utf-8", str(bad),
                           str(good))
    assert status == 1 and out == ""
    assert "bad.txt:10:1: error:" in err and "[decode-error]" in err


def test_command_piped_end_to_end(crawl: Path) -> None:
    """The installed command, its output piped: documents out, summary on stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "newsdoc", "read", str(crawl), "--to", "jsonl"],
        capture_output=True, check=False, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 4
    assert proc.stderr.decode().endswith("1 notes)\n")
