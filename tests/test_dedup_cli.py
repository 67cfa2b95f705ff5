"""``newsdoc dedup``, run as a user runs it: a subprocess on files made in tmp_path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import newsdoc
from newsdoc import Document, Paragraph
from newsdoc.dedup import fingerprint, near_duplicates


def _run(*args: str, stdin: bytes | None = None, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "newsdoc", "dedup", *args], input=stdin,
                          capture_output=True, cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory,
          dedup_corpus: Any) -> tuple[Path, list[Document]]:
    """80 generated articles with copies: half as JSON Lines, half as scraped text."""
    folder = tmp_path_factory.mktemp("dedup-cli")
    docs, _, _ = dedup_corpus.build(80, seed=5)
    newsdoc.write(docs[:40], folder / "a.jsonl", "jsonl")
    newsdoc.write(docs[40:], folder / "b.txt", "scraped-text")
    read_back = newsdoc.read(folder / "a.jsonl") + newsdoc.read(folder / "b.txt")
    return folder, read_back


def test_dedup_writes_kept_documents_and_report(files: tuple[Path, list[Document]]) -> None:
    folder, docs = files
    result = _run("a.jsonl", "b.txt", "--report", "clusters.jsonl", cwd=folder)
    assert result.returncode == 0, result.stderr.decode()
    kept = newsdoc.loads(result.stdout.decode(), "jsonl")
    clusters = near_duplicates(docs)
    dropped = {m for c in clusters for m in c.dropped}
    assert len(clusters) > 5
    assert [fingerprint(d) for d in kept] == [
        fingerprint(d) for i, d in enumerate(docs) if i not in dropped
    ]
    lines = [json.loads(x) for x in (folder / "clusters.jsonl").read_text().splitlines()]
    assert len(lines) == len(clusters)
    for line, cluster in zip(lines, clusters, strict=True):
        assert line["size"] == len(cluster.members)
        assert line["keep"]["index"] == cluster.keep
        assert [m["index"] for m in line["members"]] == list(cluster.members)
        for m in line["members"]:
            assert m["file"] in ("a.jsonl", "b.txt")
            assert m["title"] == docs[m["index"]].title
            assert 0.0 <= m["similarity"] <= 1.0
            offset = 0 if m["file"] == "a.jsonl" else 40
            assert m["document"] + offset == m["index"]
    summary = result.stderr.decode()
    assert (f"newsdoc: read 2 files, 80 documents, 0 diagnostics (0 errors, 0 warnings, "
            f"0 notes); {len(clusters)} clusters of duplicates, {len(dropped)} dropped, "
            f"{80 - len(dropped)} kept\n") == summary
    assert "Traceback" not in summary


def test_dedup_of_kept_output_removes_nothing_more(files: tuple[Path, list[Document]]) -> None:
    """Deduplicating the kept set again keeps every document."""
    folder, _ = files
    first = _run("a.jsonl", "b.txt", "-o", "kept.jsonl", "--quiet", cwd=folder)
    assert first.returncode == 0 and first.stdout == b"" and first.stderr == b""
    again = _run("kept.jsonl", "--quiet", cwd=folder)
    assert again.returncode == 0
    assert again.stdout.decode() == (folder / "kept.jsonl").read_text()


def test_dedup_exact(files: tuple[Path, list[Document]]) -> None:
    """--exact keeps what near_duplicates(verify="exact") keeps."""
    folder, docs = files
    result = _run("a.jsonl", "b.txt", "--exact", "--quiet", "--report", "exact.jsonl",
                  cwd=folder)
    assert result.returncode == 0, result.stderr.decode()
    kept = newsdoc.loads(result.stdout.decode(), "jsonl")
    clusters = near_duplicates(docs, verify="exact")
    dropped = {m for c in clusters for m in c.dropped}
    assert [fingerprint(d) for d in kept] == [
        fingerprint(d) for i, d in enumerate(docs) if i not in dropped
    ]
    lines = [json.loads(x) for x in (folder / "exact.jsonl").read_text().splitlines()]
    assert [[m["similarity"] for m in line["members"]] for line in lines] == [
        [round(s, 4) for s in c.similarities] for c in clusters
    ]


def test_dedup_keep_longest_and_stdin(files: tuple[Path, list[Document]]) -> None:
    folder, docs = files
    data = (folder / "a.jsonl").read_bytes()
    result = _run("-", "--format", "jsonl", "--keep", "longest", "--to", "scraped-text",
                  "--quiet", stdin=data, cwd=folder)
    assert result.returncode == 0, result.stderr.decode()
    kept = newsdoc.loads(result.stdout.decode(), "scraped-text")
    expected = near_duplicates(docs[:40], keep="longest")
    dropped = {m for c in expected for m in c.dropped}
    assert [d.title for d in kept] == [d.title for i, d in enumerate(docs[:40])
                                       if i not in dropped]


def test_dedup_threshold_changes_the_clusters(tmp_path: Path) -> None:
    body = " ".join(f"word{i}" for i in range(60))
    edited = body.replace("word30", "other").replace("word31", "else")
    docs = [Document(title="A", paragraphs=(Paragraph(text=body),)),
            Document(title="A", paragraphs=(Paragraph(text=edited),))]
    newsdoc.write(docs, tmp_path / "in.jsonl", "jsonl")
    loose = _run("in.jsonl", "--threshold", "0.8", "--quiet", cwd=tmp_path)
    strict = _run("in.jsonl", "--threshold", "0.99", "--quiet", cwd=tmp_path)
    assert len(loose.stdout.decode().splitlines()) == 1
    assert len(strict.stdout.decode().splitlines()) == 2


def test_dedup_unreadable_file_is_reported_without_traceback(tmp_path: Path) -> None:
    newsdoc.write([Document(title="A")], tmp_path / "ok.jsonl", "jsonl")
    result = _run("ok.jsonl", "missing.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == b""
    err = result.stderr.decode()
    assert err.startswith("missing.txt:0:0: error: ")
    assert err.splitlines()[-1] == (
        "newsdoc: read 2 files, 1 documents, 1 diagnostics (1 errors, 0 warnings, 0 notes); "
        "nothing written: an input could not be read")
    assert "Traceback" not in err


def test_dedup_bad_usage_exits_2(tmp_path: Path) -> None:
    for args in (["x.txt", "--threshold", "0"], ["x.txt", "--threshold", "many"],
                 ["x.txt", "--keep", "last"], []):
        result = _run(*args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr.decode()


def test_dedup_estimate(files: tuple[Path, list[Document]]) -> None:
    """--estimate keeps what near_duplicates(verify="estimate") keeps (on these files, not
    what the default keeps: the test would not tell the modes apart otherwise)."""
    folder, docs = files
    result = _run("a.jsonl", "b.txt", "--estimate", "--quiet", cwd=folder)
    assert result.returncode == 0, result.stderr.decode()
    kept = newsdoc.loads(result.stdout.decode(), "jsonl")
    clusters = near_duplicates(docs, verify="estimate")
    dropped = {m for c in clusters for m in c.dropped}
    expected = [fingerprint(d) for i, d in enumerate(docs) if i not in dropped]
    assert [fingerprint(d) for d in kept] == expected
    default = {m for c in near_duplicates(docs) for m in c.dropped}
    assert default != dropped
    both = _run("a.jsonl", "--estimate", "--exact", cwd=folder)
    assert both.returncode == 2
