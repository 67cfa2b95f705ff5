"""How fast the RSS reader streams a feed, against ElementTree's iterparse in the same run.

    python examples/newsdoc-reader-example/benchmarks/read_rss.py [MEGABYTES]

Writes an invented feed of about MEGABYTES (default 20) to a temporary file, then reads it
(1) with ``xml.etree.ElementTree.iterparse``, clearing each item: the baseline, a bare parse
that keeps no positions and builds no documents; (2) with ``newsdoc.iter_read``, which picks
the plugin by extension and yields one document per item with exact provenance. Prints
wall-clock and CPU seconds, MB/s, the ratio to the baseline, and the peak memory the
streaming read allocates (tracemalloc, a separate pass): it does not grow with the feed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import tracemalloc
import xml.etree.ElementTree as ET

import newsdoc

ITEM = (
    "<item>\n  <title>Harbour {i}: ferries &amp; fog</title>\n"
    "  <link>https://example.org/{i}</link>\n"
    "  <pubDate>Sat, 03 May 2025 10:00:00 +0000</pubDate>\n"
    "  <description>&lt;p&gt;The council met on Monday, é {i}.&lt;/p&gt;"
    "&lt;p&gt;It approved a new route to the islands.&lt;/p&gt;</description>\n"
    '  <media:content url="https://example.org/{i}.jpg" medium="image">'
    "<media:description>The harbour at dawn on May 3, 2025.</media:description>"
    "<media:credit>Ada OBI / AFP</media:credit></media:content>\n</item>\n"
)


def make_feed(path: str, megabytes: float) -> int:
    items = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
                  'xmlns:media="http://search.yahoo.com/mrss/"><channel>\n')
        while out.tell() < megabytes * 1e6:
            out.write(ITEM.format(i=items))
            items += 1
        out.write("</channel></rss>\n")
    return items


def timed(fn: object) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    n = fn()  # type: ignore[operator]
    return time.perf_counter() - wall, time.process_time() - cpu, n


def baseline(path: str) -> int:
    n = 0
    for _, elem in ET.iterparse(path):
        if elem.tag == "item":
            n += 1
            elem.clear()
    return n


def newsdoc_read(path: str) -> int:
    return sum(1 for _ in newsdoc.iter_read(path))


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "feed.rss")
        items = make_feed(path, megabytes)
        size = os.path.getsize(path) / 1e6
        print(f"feed: {size:.1f} MB, {items} items")
        b_wall, b_cpu, b_n = timed(lambda: baseline(path))
        n_wall, n_cpu, n_n = timed(lambda: newsdoc_read(path))
        assert b_n == n_n == items
        print(f"ElementTree iterparse (baseline): {b_wall:6.2f} s wall, {b_cpu:6.2f} s CPU, "
              f"{size / b_cpu:6.1f} MB/s CPU")
        print(f"newsdoc.iter_read (rss plugin):   {n_wall:6.2f} s wall, {n_cpu:6.2f} s CPU, "
              f"{size / n_cpu:6.1f} MB/s CPU, {n_cpu / b_cpu:.1f}x the baseline's CPU time")
        tracemalloc.start()
        newsdoc_read(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"peak memory allocated while streaming: {peak / 1e6:.1f} MB "
              "(run with another size: it does not grow with the feed)")


if __name__ == "__main__":
    main()
