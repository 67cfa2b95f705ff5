"""The ``newsdoc`` command, run as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "newsdoc" / "samples" / "articles.txt"
GOOD = "Title\n\nTT\n\nTitle\n\nFirst paragraph.\n\nSecond paragraph."
BAD = "Title\n\nTT\n\nSomething else entirely\n\nFirst paragraph."


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsdoc", *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def problems(stderr: str) -> list[str]:
    """Standard error without the summary line."""
    return [line for line in stderr.splitlines() if not line.startswith("newsdoc: read ")]


def test_read_sample_to_jsonl() -> None:
    out = run("read", str(SAMPLE))
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["title"] for r in rows] == [
        "Harbour City Council Approves New Ferry Route to the Islands",
        "Regional Growers Report Record Olive Harvest",
        "Museum Returns Bronze Statue to Its Home Village",
    ]
    assert rows[0]["images"][0]["caption"]["credit"]["agency"] == "AFP"
    assert problems(out.stderr) == []


def test_read_to_scraped_text_gives_the_file_back() -> None:
    out = run("read", str(SAMPLE), "--to", "scraped-text")
    assert out.returncode == 0, out.stderr
    assert out.stdout == SAMPLE.read_text(encoding="utf-8")


def test_read_to_json_is_one_array() -> None:
    out = run("read", str(SAMPLE), str(SAMPLE), "--to", "json")
    assert out.returncode == 0
    assert len(json.loads(out.stdout)) == 6


def test_read_standard_input() -> None:
    out = run("read", "-", "--to", "jsonl", stdin=GOOD)
    assert out.returncode == 0, out.stderr
    (row,) = [json.loads(line) for line in out.stdout.splitlines()]
    assert row["title"] == "Title"
    assert [p["text"] for p in row["paragraphs"]] == ["First paragraph.", "Second paragraph."]


def test_lenient_read_reports_problems_and_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(BAD, encoding="utf-8")
    out = run("read", str(path))
    assert out.returncode == 0
    assert problems(out.stderr) == [
        f"{path}:5:1: warning: the header is not repeated before the body [header-not-repeated]"
    ]
    assert json.loads(out.stdout)["title"] == "Title"


def test_strict_read_fails_with_status_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(BAD, encoding="utf-8")
    out = run("read", "--strict", str(path))
    assert out.returncode == 1
    assert out.stderr.startswith(f"{path}:5:1: error: ")
    assert "Traceback" not in out.stderr


def test_missing_file_is_status_1_without_traceback(tmp_path: Path) -> None:
    out = run("read", str(tmp_path / "nope.txt"))
    assert out.returncode == 1
    assert str(tmp_path / "nope.txt") in out.stderr
    assert "Traceback" not in out.stderr


def test_unknown_format_of_input_is_status_1(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"words no format claims")
    out = run("read", str(path))
    assert out.returncode == 1
    assert "available formats" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("args", [[], ["read"], ["read", "x", "--to", "xml"], ["bogus"],
                                  ["read", "x", "--format", "nope"]])
def test_bad_usage_is_status_2(args: list[str]) -> None:
    out = run(*args)
    assert out.returncode == 2
    assert "usage:" in out.stderr
    assert "Traceback" not in out.stderr


def test_help_shows_examples() -> None:
    out = run("read", "--help")
    assert out.returncode == 0
    assert "examples:" in out.stdout
    assert "newsdoc read article.txt" in out.stdout
    assert "examples:" in run("--help").stdout


def test_formats_lists_builtins_with_their_origin() -> None:
    out = run("formats")
    assert out.returncode == 0
    rows = {line.split()[0]: line for line in out.stdout.splitlines()[1:]}
    for name in ("scraped-text", "json", "jsonl"):
        assert "newsdoc" in rows[name]


def test_version() -> None:
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.startswith("newsdoc ")
