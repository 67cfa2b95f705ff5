"""Throughput and memory of the ``warc`` reader on a generated crawl.

    pip install -e '.[warc,bench]'
    python benchmarks/warc_throughput.py [--size 20M] [--keep PATH]
    python benchmarks/warc_throughput.py --size 1G          # the figure in docs/html.md

Writes a WARC.gz of about ``--size`` compressed bytes made of generated news pages (each
with navigation, scripts, a related-links block, a footer and a figure with a credited
caption; one page in ten is an exact duplicate of an earlier one), images, 404 responses
and request records, as a crawl has. Then, each in a fresh process so that peak memory is
its own:

- ``newsdoc``: ``newsdoc.iter_read(path)``, every document consumed;
- ``baseline``: warcio iterating the same file and ``trafilatura.extract`` on each HTML
  200 response, the do-it-yourself way.

Prints for each: pages, seconds, MB/s of the compressed file, and peak RSS; then the ratio.
Memory stays flat when peak RSS does not grow with ``--size``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

WORDS = """the minister said on tuesday that talks would continue after a long night of
negotiations in the capital where protesters gathered outside parliament police officers
reported several arrests while officials declined to comment on the budget proposal
economists warned that inflation could rise again as energy prices climbed across europe
farmers in the north have struggled with drought for three seasons according to a report
published by the agency local residents described scenes of chaos as the river flooded
roads and bridges were closed schools remained shut and hospitals asked for volunteers""".split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
    return " ".join(words).capitalize() + "."


def make_page(rng: random.Random, n: int) -> bytes:
    paragraphs = "\n".join(
        f"<p>{' '.join(_sentence(rng) for _ in range(rng.randint(2, 5)))}</p>"
        for _ in range(rng.randint(8, 25)))
    nav = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(30))
    related = "".join(f"<li><a href='/a/{rng.randint(0, 10**6)}'>{_sentence(rng)}</a></li>"
                      for _ in range(8))
    script = "var x = " + json.dumps({"k": [rng.random() for _ in range(200)]}) + ";"
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": f"Story number {n}", "datePublished": "2024-05-01T10:00:00Z",
                     "author": {"@type": "Person", "name": "Staff Reporter"}})
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Story {n}"
            f"</title><script type='application/ld+json'>{ld}</script><script>{script}"
            f"</script></head><body><nav><ul>{nav}</ul></nav><article><h1>Story number {n}"
            f"</h1><figure><img src='https://img.test/{n}.jpg' alt='Photo {n}'><figcaption>"
            f"{_sentence(rng)} (Photo by Sam Lee / AFP)</figcaption></figure>{paragraphs}"
            f"</article><aside class='related'><ul>{related}</ul></aside><footer>"
            f"<p>Copyright 2024 Example News</p></footer></body></html>").encode()


def generate(path: str, size: int, seed: int = 1) -> tuple[int, int]:
    """Write the crawl; return (HTML pages written, records written)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    pages: list[bytes] = []
    n_pages = n_records = 0
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)

        def put(uri: str, payload: bytes, status: str, ctype: str) -> None:
            nonlocal n_records
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                            http_headers=http)
            writer.write_record(rec)
            rec.raw_stream.close()
            n_records += 1

        while out.tell() < size:
            i = n_pages
            if pages and rng.random() < 0.1:
                body = rng.choice(pages)  # an exact duplicate page, as crawls have
            else:
                body = make_page(rng, i)
                if len(pages) < 200:
                    pages.append(body)
            req = StatusAndHeaders(f"GET /a/{i} HTTP/1.1", [("Host", "news.test")],
                                   is_http_request=True)
            rec = writer.create_warc_record(f"https://news.test/a/{i}", "request",
                                            http_headers=req)
            writer.write_record(rec)
            rec.raw_stream.close()
            put(f"https://news.test/a/{i}", body, "200 OK", "text/html; charset=utf-8")
            n_pages += 1
            put(f"https://img.test/{i}.jpg", os.urandom(rng.randint(2000, 20000)), "200 OK",
                "image/jpeg")
            if rng.random() < 0.05:
                put(f"https://news.test/gone/{i}", b"<html>not found</html>", "404 Not Found",
                    "text/html")
    return n_pages, n_records


def _run_newsdoc(path: str) -> int:
    import newsdoc

    return sum(1 for _ in newsdoc.iter_read(path))


def _run_baseline(path: str) -> int:
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type != "response" or rec.http_headers.get_statuscode() != "200":
                continue
            if not (rec.http_headers.get_header("Content-Type") or "").startswith("text/html"):
                continue
            trafilatura.extract(rec.content_stream().read().decode("utf-8", "replace"))
            n += 1
    return n


def child(which: str, path: str) -> None:
    start = time.perf_counter()
    n = _run_newsdoc(path) if which == "newsdoc" else _run_baseline(path)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB (Linux)
    print(json.dumps({"pages": n, "seconds": seconds, "rss_mib": rss}))


def parse_size(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper().rstrip("B")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="20M", help="compressed size (20M, 1G, ...)")
    parser.add_argument("--keep", help="write the crawl here and keep it")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    tmp = None
    path = args.keep
    if path is None:
        tmp = tempfile.TemporaryDirectory()
        path = os.path.join(tmp.name, "crawl.warc.gz")
    try:
        t = time.perf_counter()
        pages, records = generate(path, parse_size(args.size))
        mb = os.path.getsize(path) / 1e6
        print(f"crawl: {path}, {mb:.1f} MB compressed, {records} response records, "
              f"{pages} HTML pages (generated in {time.perf_counter() - t:.0f} s)")
        results = {}
        for which in ("newsdoc", "baseline"):
            if which == "baseline" and args.skip_baseline:
                continue
            out = subprocess.run([sys.executable, __file__, "--child", which, path],
                                 capture_output=True, text=True, check=True).stdout
            r = json.loads(out.strip().splitlines()[-1])
            results[which] = r
            print(f"{which:<9} {r['pages']:>7} pages  {r['seconds']:8.1f} s  "
                  f"{mb / r['seconds']:7.2f} MB/s  {r['pages'] / r['seconds']:7.1f} pages/s  "
                  f"peak RSS {r['rss_mib']:.0f} MiB")
        if len(results) == 2:
            ratio = results["baseline"]["seconds"] / results["newsdoc"]["seconds"]
            print(f"newsdoc speed / baseline speed: {ratio:.2f}")
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
