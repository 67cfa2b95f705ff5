"""Reading many files: lists of sources, directories, mixed formats and compressions,
streams, and the seed files."""

from __future__ import annotations

import gzip
import io
import lzma
from pathlib import Path

import pytest

import newsdoc
from newsdoc._pipeline._io import expand_paths
from newsdoc.exceptions import UnknownFormatError

ARTICLE = "{t}\n\nTT\n\n{t}\n\nFirst paragraph.\n\nSecond paragraph."


def article(title: str) -> str:
    return ARTICLE.format(t=title)


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    """A directory as a crawler leaves it: plain, compressed and legacy-encoded shards,
    JSON Lines, a nested directory, and files no format reads."""
    root = tmp_path / "crawl"
    (root / "2024" / "b").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "a.txt").write_text(article("Alpha"), encoding="utf-8")
    (root / "2024" / "c.txt.gz").write_bytes(gzip.compress(article("Gamma").encode()))
    (root / "2024" / "b" / "d.txt").write_bytes(article("Délta “quoted”").encode("cp1252"))
    docs = newsdoc.loads(article("Epsilon"), "scraped-text")
    (root / "2024" / "e.jsonl.xz").write_bytes(lzma.compress(
        newsdoc.dumps(docs, "jsonl").encode()))
    (root / "README.md").write_text("not news")
    (root / ".hidden.txt").write_text(article("Hidden"))
    (root / ".cache" / "x.txt").write_text(article("Cached"))
    return root


def test_directory_is_read_recursively_in_order(crawl: Path) -> None:
    docs = newsdoc.read(crawl)
    assert [d.title for d in docs] == ["Délta “quoted”", "Gamma", "Epsilon", "Alpha"]
    paths = [d.source.path for d in docs if d.source]
    # JSON Lines keeps the provenance stored in it (here: read from a string, no path).
    assert paths == [str(crawl / "2024" / "b" / "d.txt"), str(crawl / "2024" / "c.txt.gz"),
                     None, str(crawl / "a.txt")]
    encodings = {d.title: d.source.encoding for d in docs if d.source}
    assert encodings["Délta “quoted”"] == "cp1252"
    assert [x.code for x in docs[0].diagnostics] == ["encoding-detected"]


def test_expand_paths_skips_hidden_and_unknown(crawl: Path) -> None:
    names = [Path(p).name for p in expand_paths([crawl])]  # type: ignore[arg-type]
    assert names == ["d.txt", "c.txt.gz", "e.jsonl.xz", "a.txt"]


def test_globs_only_when_asked(crawl: Path) -> None:
    pattern = str(crawl / "**" / "*.txt*")
    found = list(expand_paths([pattern], glob_patterns=True))
    assert sorted(Path(str(p)).name for p in found) == ["a.txt", "c.txt.gz", "d.txt"]
    assert list(expand_paths([pattern])) == [pattern]


def test_several_sources_in_order(tmp_path: Path) -> None:
    first = tmp_path / "one.txt"
    first.write_text(article("One") + "\n\n\n\n" + article("Two"))
    stream = io.BytesIO(article("Three").encode())
    docs = list(newsdoc.iter_read([first, stream, str(first)], "scraped-text"))
    assert [d.title for d in docs] == ["One", "Two", "Three", "One", "Two"]
    assert docs[2].source is not None and docs[2].source.path is None


def test_explicit_unknown_file_is_an_error(crawl: Path) -> None:
    with pytest.raises(UnknownFormatError, match="README"):
        newsdoc.read([crawl / "a.txt", crawl / "README.md"])


def test_missing_file_is_an_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        newsdoc.read(tmp_path / "absent.txt")


def test_text_mode_stream_is_a_type_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(article("A"))
    with path.open() as fh, pytest.raises(TypeError, match="binary"):
        newsdoc.read(fh, "scraped-text")  # type: ignore[arg-type]


def test_empty_file_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert newsdoc.read(tmp_path / "empty.txt") == []
    (tmp_path / "nothing").mkdir()
    assert newsdoc.read(tmp_path / "nothing") == []


def test_iter_read_streams_documents_as_separators_arrive() -> None:
    """The first document comes out before the stream is read to its end."""

    class Slow(io.RawIOBase):
        def __init__(self) -> None:
            self.parts = [(article("First") + "\n\n\n\n").encode(), article("Next").encode()]
            self.reads = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            if not self.parts:
                return 0
            self.reads += 1
            data = self.parts.pop(0)
            buffer[: len(data)] = data
            return len(data)

    raw = Slow()
    it = newsdoc.iter_read(raw, "scraped-text")  # type: ignore[arg-type]
    first = next(it)
    assert first.title == "First"
    assert raw.parts == []  # the next article's start was needed to end the first ...
    assert next(it).title == "Next"  # ... and the stream was not read past it


def test_seed_files_read_the_same_compressed(seed_files: list[Path], tmp_path: Path) -> None:
    for seed in seed_files:
        packed = tmp_path / (seed.name + ".gz")
        packed.write_bytes(gzip.compress(seed.read_bytes()))
        plain, compressed = newsdoc.read(seed), newsdoc.read(packed)
        assert plain == compressed and len(plain) == 2
        for a, b in zip(plain, compressed, strict=True):
            assert a.source is not None and b.source is not None
            assert (a.source.span, a.source.byte_offset) == (b.source.span, b.source.byte_offset)
            assert a.source.byte_offset is not None
            assert seed.read_bytes()[a.source.byte_offset:].startswith(a.title.encode())


def test_restored_provenance_is_left_alone(tmp_path: Path) -> None:
    """A JSON Lines document keeps the provenance it was written with: spans and byte
    offsets into its first source, not into the JSON Lines file, even after a cut line."""
    text = article("Alpha") + "\n\n\n\n" + article("Beta")
    docs = newsdoc.loads(text, "scraped-text")
    path = tmp_path / "docs.jsonl"
    long = newsdoc.Document(title="L", paragraphs=(newsdoc.Paragraph(text="p" * 5000),))
    path.write_text(newsdoc.dumps([long, *docs], "jsonl"))
    back = newsdoc.read(path, max_line_length=2000)
    assert [d.title for d in back] == ["", "Alpha", "Beta"]  # the cut line: an error document
    for got, want in zip(back[1:], docs, strict=True):
        assert got.source == want.source  # span into `text`, no byte offset invented
        assert [p.span for p in got.paragraphs] == [p.span for p in want.paragraphs]
    error = back[0]
    assert error.source is not None and error.source.path == str(path)
    assert error.source.byte_offset == 0


@pytest.mark.parametrize("data", [b"Title\n\nTT\n\nTitle\n\nBody.", bytearray(b"abc")])
def test_loads_refuses_bytes_and_says_where_they_go(data: bytes) -> None:
    with pytest.raises(TypeError, match=r"takes the text as a str.*newsdoc\.read\(io\.BytesIO"):
        newsdoc.loads(data, "scraped-text")  # type: ignore[arg-type]
    assert newsdoc.read(io.BytesIO(data), "scraped-text")  # the way the message gives


def test_loads_goes_through_the_text_stage() -> None:
    """Lone-CR line ends, as read() has them (issue 10's example)."""
    text = "Title\r\rTT\r\rTitle\r\rBody."
    (doc,) = newsdoc.loads(text, "scraped-text")
    assert [p.text for p in doc.paragraphs] == ["Body."]
    assert [d.code for d in doc.diagnostics] == ["line-ends-cr"]
    assert newsdoc.read(io.BytesIO(text.encode()), "scraped-text") == [doc]
