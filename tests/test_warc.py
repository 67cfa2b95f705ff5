"""The ``warc`` format: WARC files we write here with warcio, read record by record.

Needs the ``warc`` and ``html`` extras (warcio, trafilatura, lxml); skipped without them."""

from __future__ import annotations

import datetime
import gzip
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdoc
from newsdoc import Severity
from newsdoc.exceptions import ParseError

pytest.importorskip("trafilatura", reason="the html extra (trafilatura) is not installed")
warcio = pytest.importorskip("warcio", reason="the warc extra (warcio) is not installed")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402


def page(title: str, body: str, charset: str = "utf-8") -> bytes:
    paragraphs = "".join(f"<p>{body} Paragraph {i} of the story goes on a while.</p>"
                         for i in range(6))
    html = (f"<!DOCTYPE html><html lang='en'><head><meta charset='{charset}'>"
            f"<meta property='og:title' content='{title}'></head><body><article>"
            f"<h1>{title}</h1>{paragraphs}<figure><img src='https://img.test/{len(title)}.jpg'>"
            f"<figcaption>A harbour at dawn (Photo by Kim Ng / AFP)</figcaption></figure>"
            f"</article></body></html>")
    return html.encode(charset)


def response(writer: WARCWriter, uri: str, payload: bytes, *, status: str = "200 OK",
             content_type: str = "text/html; charset=utf-8",
             date: str = "2024-05-01T10:00:00Z") -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                       http_headers=http,
                                       warc_headers_dict={"WARC-Date": date})
    write(writer, record)


def write(writer: WARCWriter, record: object) -> None:
    """Write a record and close its buffer (warcio leaves a temporary file open)."""
    writer.write_record(record)
    record.raw_stream.close()  # type: ignore[attr-defined]


def build_warc(gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    write(writer, writer.create_warcinfo_record("crawl.warc", {"software": "tests"}))
    req = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "news.test")], is_http_request=True)
    write(writer, writer.create_warc_record("https://news.test/a", "request", http_headers=req))
    response(writer, "https://news.test/a", page("First story", "Alpha beta."))
    response(writer, "https://news.test/missing", b"<html>gone</html>", status="404 Not Found")
    response(writer, "https://news.test/logo.png", b"\x89PNG....", content_type="image/png")
    response(writer, "https://news.test/b", page("Second storÿ", "Gamma delta.", "latin-1"),
             content_type="text/html; charset=ISO-8859-1", date="2024-05-02T11:30:00Z")
    return out.getvalue()


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def crawl(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    gz = request.param
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(build_warc(gz))
    return path


def test_html_responses_become_documents(crawl: Path) -> None:
    docs = newsdoc.read(crawl)
    assert [d.title for d in docs] == ["First story", "Second storÿ"]
    first, second = docs
    assert first.source is not None and second.source is not None
    assert first.source.format == "warc"
    assert first.source.fetched_from == "https://news.test/a"
    assert first.source.fetched_at == datetime.datetime(2024, 5, 1, 10, 0,
                                                        tzinfo=datetime.timezone.utc)
    assert second.source.fetched_at == datetime.datetime(2024, 5, 2, 11, 30,
                                                         tzinfo=datetime.timezone.utc)
    assert second.source.encoding == "iso-8859-1"
    for doc in docs:
        assert doc.id is not None and doc.id.startswith("urn:uuid:")
        assert doc.extra["warc:record-id"] == doc.id
        assert doc.url == doc.source.fetched_from  # the pages name no URL of their own
        assert doc.paragraphs and doc.images
        cap = doc.images[0].caption
        assert cap is not None and cap.credit is not None and cap.credit.agency == "AFP"


def test_byte_offset_is_the_record_start(crawl: Path) -> None:
    data = crawl.read_bytes()
    if crawl.suffix == ".gz":
        data = gzip.decompress(data)
    for doc in newsdoc.read(crawl):
        assert doc.source is not None and doc.source.byte_offset is not None
        head = data[doc.source.byte_offset:doc.source.byte_offset + 400]
        assert head.startswith(b"WARC/1.")
        assert b"WARC-Type: response" in head
        assert doc.id is not None and doc.id.encode() in head


def test_skipped_records_are_counted(crawl: Path) -> None:
    last = newsdoc.read(crawl)[-1]
    notes = [d for d in last.diagnostics if d.code == "warc-skipped"]
    assert len(notes) == 1 and notes[0].severity is Severity.INFO
    assert "1 non-HTML response(s)" in notes[0].message
    assert "1 response(s) with status 404" in notes[0].message


def test_detected_by_sniffing_without_a_name() -> None:
    docs = newsdoc.read(io.BytesIO(build_warc(True)))  # gzip, then "WARC/1.x"
    assert [d.source.format for d in docs if d.source] == ["warc", "warc"]


def test_truncated_warc_keeps_what_it_read(tmp_path: Path) -> None:
    data = build_warc(True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 200])
    docs = newsdoc.read(path)
    assert docs[0].title == "First story"
    assert any(d.severity is not Severity.INFO for doc in docs for d in doc.diagnostics)
    with pytest.raises(ParseError):
        newsdoc.read(path, strict=True)


def test_not_a_warc_strict_raises() -> None:
    with pytest.raises(ParseError):
        newsdoc.read(io.BytesIO(b"WARC/1.0\r\nnonsense\r\n\r\n"), "warc", strict=True)


def test_cli_reads_a_crawl(crawl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsdoc.cli import main

    assert main(["read", str(crawl), "--to", "jsonl", "--no-progress"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [d.title for d in newsdoc.loads("\n".join(lines), "jsonl")] == [
        "First story", "Second storÿ"]


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400),
       st.sampled_from([b"", b"WARC/1.0\r\n", b"WARC/1.0\r\nWARC-Type: response\r\n"
                        b"Content-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n"
                        b"Content-Type: text/html\r\n\r\n"]))
def test_total_warc_bytes(data: bytes, prefix: bytes) -> None:
    """Lenient reading of any bytes as WARC never raises; whatever is read is a list of
    documents."""
    docs = newsdoc.read(io.BytesIO(prefix + data), "warc")
    assert isinstance(docs, list)


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=300))
def test_total_warc_text(text: str) -> None:
    """Lenient reading of any text as WARC (``loads``) never raises."""
    assert isinstance(newsdoc.loads("WARC/1.0\r\n" + text, "warc"), list)


def test_dedup_finds_the_duplicate_pages(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A crawl that fetched the same article under three URLs (once with a changed footer)
    reads as five documents; ``newsdoc dedup`` keeps three."""
    pytest.importorskip("numpy", reason="newsdoc dedup needs numpy")
    from newsdoc.cli import main

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    same = page("Port reopens", "The port reopened after the storm passed over the coast.")
    response(writer, "https://news.test/port", same)
    response(writer, "https://news.test/port?ref=rss", same)
    response(writer, "https://m.news.test/port", same.replace(b"</article>",
                                                             b"<p>Share this.</p></article>"))
    response(writer, "https://news.test/rail", page("Rail strike ends", "Trains run again."))
    response(writer, "https://news.test/farm", page("Harvest late", "Rain delayed the crop."))
    crawl = tmp_path / "crawl.warc.gz"
    crawl.write_bytes(out.getvalue())
    to = "parquet" if "parquet" in newsdoc.available_formats() else "jsonl"
    read_out = tmp_path / f"pages.{to}"
    assert main(["read", str(crawl), "--to", to, "--output", str(read_out)]) == 0
    assert len(newsdoc.read(read_out)) == 5
    kept = tmp_path / "kept.jsonl"
    assert main(["dedup", str(read_out), "--to", "jsonl", "--output", str(kept)]) == 0
    docs = newsdoc.read(kept)
    assert sorted(d.title for d in docs) == ["Harvest late", "Port reopens", "Rail strike ends"]
    capsys.readouterr()
