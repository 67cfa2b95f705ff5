"""How well the ``html`` reader reads real news pages, next to trafilatura, and how fast.

    pip install -e '.[html]'
    python benchmarks/html_accuracy.py [--repeat N] [--verbose]

Reads every ``NAME.html`` in ``../shared/data/html/`` (beside the repository) with
``newsdoc.loads(text, "html")`` and with trafilatura (``bare_extraction`` for the metadata,
``extract`` for the body text, default settings), and compares both with
``NAME.expected.json``. For each field, the share of the pages whose ground truth gives it
that each tool gets right:

- title: equal after collapsing whitespace;
- published: the same instant when both sides have a UTC offset, else the same day;
- authors: the same set of names (case and whitespace ignored);
- body: token-level F1 (bag of lower-cased words) of the body text against the ground
  truth's sub-headings and paragraphs, averaged over the pages;
- captions / credits: of the ground-truth images with a caption (credit), the share for
  which an extracted image, matched by any URL rendition or by caption, has that caption
  (similarity >= 0.9 after collapsing whitespace) or that credit (every credit item found in
  the extracted credit). trafilatura gives neither ("-").

Then the speed: pages per second of ``newsdoc.loads(text, "html")`` and of
``trafilatura.extract(text)`` over the same pages in the same run, and their ratio.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "html"
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"[\s\u200b\u200c\u2060]+")


def norm(text: str | None) -> str:
    return _SPACE.sub(" ", (text or "").replace("\u00a0", " ")).strip()


def tokens(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def f1(candidate: str, reference: str) -> float:
    c, r = tokens(candidate), tokens(reference)
    common = sum((c & r).values())
    if not common:
        return 0.0
    p, rec = common / sum(c.values()), common / sum(r.values())
    return 2 * p * rec / (p + rec)


def parse_when(value: Any) -> datetime.date | datetime.datetime | None:
    if value is None:
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value
    try:
        return datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        try:
            return datetime.date.fromisoformat(str(value)[:10])
        except ValueError:
            return None


def same_when(got: Any, want: Any) -> bool:
    a, b = parse_when(got), parse_when(want)
    if a is None or b is None:
        return False
    if isinstance(a, datetime.datetime) and isinstance(b, datetime.datetime) and (
            a.tzinfo is not None and b.tzinfo is not None):
        return a == b
    da = a.date() if isinstance(a, datetime.datetime) else a
    db = b.date() if isinstance(b, datetime.datetime) else b
    return da == db


def url_key(url: str) -> str:
    return url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()


def similar(a: str | None, b: str | None) -> bool:
    x, y = norm(a).casefold(), norm(b).casefold()
    if not x or not y:
        return False
    return x == y or difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() >= 0.9


def ours(text: str) -> dict[str, Any]:
    import newsdoc

    doc = newsdoc.loads(text, "html")[0]
    images = []
    for im in doc.images:
        cap = im.caption
        images.append({
            "url": im.url or "",
            "caption": cap.text if cap is not None else None,
            "raw": cap.raw if cap is not None else None,
            "credit": cap.credit.raw if cap is not None and cap.credit is not None else None,
        })
    return {
        "title": doc.title or None,
        "published": doc.published,
        "authors": [a.name for a in doc.authors],
        "body": "\n".join(p.text for p in doc.paragraphs),
        "images": images,
    }


def theirs(text: str) -> dict[str, Any]:
    import trafilatura

    meta = trafilatura.bare_extraction(text, with_metadata=True)
    body = trafilatura.extract(text) or ""
    authors = [a.strip() for a in (getattr(meta, "author", None) or "").split(";")]
    return {
        "title": getattr(meta, "title", None),
        "published": getattr(meta, "date", None),
        "authors": [a for a in authors if a],
        "body": body,
        "images": None,
    }


def image_found(want: dict[str, Any], got: list[dict[str, Any]], what: str) -> bool:
    keys = {url_key(u) for u in want["urls"] or [want["url"]]}
    for g in got:
        by_url = bool(g["url"]) and url_key(g["url"]) in keys
        by_caption = want["caption"] is not None and (
            similar(g["caption"], want["caption"]) or similar(g["raw"], want["caption"]))
        if not (by_url or by_caption):
            continue
        if what == "caption" and (similar(g["caption"], want["caption"])
                                  or similar(g["raw"], want["caption"])):
            return True
        if what == "credit":
            have = norm(" ".join(filter(None, [g["credit"], g["raw"]]))).casefold()
            if all(norm(c).casefold() in have for c in want["credits"]):
                return True
    return False


def score(pages: list[tuple[str, str, dict[str, Any]]], tool: Any, verbose: bool,
          ) -> dict[str, tuple[float, int]]:
    sums: dict[str, float] = Counter()
    counts: dict[str, int] = Counter()
    for name, text, gt in pages:
        got = tool(text)
        fields = set(gt["ground_truth_fields"])
        misses = []
        if "title" in fields and gt["title"]:
            counts["title"] += 1
            ok = norm(got["title"]) == norm(gt["title"])
            sums["title"] += ok
            if not ok:
                misses.append(f"title {got['title']!r} != {gt['title']!r}")
        if "published" in fields and gt["published"]:
            counts["published"] += 1
            ok = same_when(got["published"], gt["published"])
            sums["published"] += ok
            if not ok:
                misses.append(f"published {got['published']} != {gt['published']}")
        if "authors" in fields and gt["authors"]:
            counts["authors"] += 1
            ok = {norm(a).casefold() for a in got["authors"]} == {
                norm(a).casefold() for a in gt["authors"]}
            sums["authors"] += ok
            if not ok:
                misses.append(f"authors {got['authors']} != {gt['authors']}")
        if gt["paragraphs"]:
            counts["body F1"] += 1
            ref = "\n".join([*gt["subheadings"], *gt["paragraphs"]])
            value = f1(got["body"], ref)
            sums["body F1"] += value
            if value < 0.9:
                misses.append(f"body F1 {value:.2f}")
        if "images" in fields and got["images"] is not None:
            counts["images listed"] += len(gt["images"])
            sums["images listed"] += len(got["images"])
            for want in gt["images"]:
                for what in ("caption", "credit"):
                    if not (want[what] if what == "caption" else want["credits"]):
                        continue
                    counts[what + "s"] += 1
                    ok = image_found(want, got["images"], what)
                    sums[what + "s"] += ok
                    if not ok:
                        misses.append(f"{what} not found: {want['caption']!r} "
                                      f"{want['credits']}")
        if verbose and misses:
            print(f"[{tool.__name__}] {name}")
            for m in misses:
                print("    " + m[:200])
    return {k: (sums[k] / counts[k], counts[k]) for k in counts if k != "images listed"} | (
        {"images listed": (sums["images listed"], counts["images listed"])}
        if counts["images listed"] else {})


def pages_per_second(pages: list[tuple[str, str, dict[str, Any]]], fn: Any,
                     repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for _, text, _ in pages:
            fn(text)
    return repeat * len(pages) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeat", type=int, default=2, help="speed: passes over the pages")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no pages at {args.data}; nothing to measure")
        return 0
    import trafilatura

    import newsdoc

    pages = []
    for path in sorted(args.data.glob("*.html")):
        gt = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
        pages.append((path.stem, path.read_text("utf-8"), gt))
    mine = score(pages, ours, args.verbose)
    other = score(pages, theirs, args.verbose)
    print(f"{len(pages)} pages from {args.data}")
    print(f"{'field':<12} {'pages':>6} {'newsdoc':>9} {'trafilatura':>12}")
    for field in ("title", "published", "authors", "body F1", "captions", "credits"):
        if field not in mine:
            continue
        value, n = mine[field]
        theirs_value = f"{other[field][0]:12.1%}" if field in other else f"{'-':>12}"
        print(f"{field:<12} {n:>6} {value:9.1%} {theirs_value}")
    if "images listed" in mine:
        got_n, want_n = mine["images listed"]
        print(f"images: newsdoc lists {got_n:.0f} on the pages whose ground truth lists "
              f"{want_n} (duplicates and cover images included there)")
    # speed, in one run: newsdoc's reader against trafilatura's extract()
    ours_pps = pages_per_second(pages, lambda t: newsdoc.loads(t, "html"), args.repeat)
    theirs_pps = pages_per_second(pages, trafilatura.extract, args.repeat)
    print(f"speed: newsdoc html reader {ours_pps:.1f} pages/s, trafilatura.extract "
          f"{theirs_pps:.1f} pages/s, ratio {ours_pps / theirs_pps:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
