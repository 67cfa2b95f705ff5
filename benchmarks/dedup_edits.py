"""How similar an edited copy stays: exact Jaccard similarity by edit kind and article length.

The guidance in ``docs/dedup.md`` ("which threshold catches which edit") comes from this
table. For each article length (paragraphs of about 45 words, from the generator of
``benchmarks/_dedup_corpus.py``) and each kind of edit, it makes ``--samples`` pairs (a base
article and one edited copy) and measures their exact Jaccard similarity over 3-word
shingles (the similarity :func:`newsdoc.dedup.near_duplicates` compares with its threshold,
computed by the corpus module's independent reference tokenizer). It prints the median, the
10th and 90th percentiles, and the share of copies at or above 0.8, 0.7 and 0.6.

Run: ``python benchmarks/dedup_edits.py`` (about 20 s; ``--samples 200`` by default).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

import attrs

from newsdoc import Document, Paragraph

_spec = importlib.util.spec_from_file_location(
    "_dedup_corpus", Path(__file__).with_name("_dedup_corpus.py"))
assert _spec is not None
assert _spec.loader is not None
corpus = importlib.util.module_from_spec(_spec)
sys.modules["_dedup_corpus"] = corpus
_spec.loader.exec_module(corpus)

LENGTHS = (3, 5, 8, 12, 20)


def _with(doc: Document, paras: list[str], title: str | None = None) -> Document:
    return attrs.evolve(doc, title=doc.title if title is None else title,
                        paragraphs=tuple(Paragraph(text=p) for p in paras))


def _edits(b: corpus.CorpusBuilder) -> dict[str, Callable[[Document], Document]]:
    def words(rate: float) -> Callable[[Document], Document]:
        return lambda d: _with(d, b._edit([p.text for p in d.paragraphs], rate))

    def drop(d: Document) -> Document:
        paras = [p.text for p in d.paragraphs]
        del paras[b.rng.randrange(1, len(paras))]
        return _with(d, paras)

    def add(d: Document) -> Document:
        paras = [p.text for p in d.paragraphs]
        paras.insert(b.rng.randrange(1, len(paras) + 1), b.paragraph())
        return _with(d, paras)

    return {
        "whitespace, quotes, punctuation": lambda d: b.copy(d, "reformat"),
        "new headline and counter": lambda d: b.copy(d, "headline"),
        "1% of words changed": words(0.01),
        "2% of words changed": words(0.02),
        "5% of words changed": words(0.05),
        "10% of words changed": words(0.10),
        "one paragraph dropped": drop,
        "one paragraph added": add,
        "one paragraph dropped, 2% of words": lambda d: words(0.02)(drop(d)),
    }


def jaccard(a: Document, b: Document) -> float:
    x, y = corpus.reference_shingles(a), corpus.reference_shingles(b)
    return len(x & y) / len(x | y) if x | y else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    b = corpus.CorpusBuilder(args.seed)
    edits = _edits(b)
    print(f"exact Jaccard similarity of 3-word shingles, {args.samples} copies per cell: "
          "median (10th-90th percentile); share >= 0.8 / >= 0.7 / >= 0.6")
    print("| edit | " + " | ".join(f"{n} paragraphs" for n in LENGTHS) + " |")
    print("|---|" + "---|" * len(LENGTHS))
    words_per_length = {}
    for name, edit in edits.items():
        cells = []
        for n in LENGTHS:
            sims = []
            count = 0
            for _ in range(args.samples):
                base = b.base()
                base = _with(base, [p.text for p in base.paragraphs][:n]
                             + [b.paragraph() for _ in range(n - len(base.paragraphs))])
                count += len(corpus.reference_text(base).split())
                sims.append(jaccard(base, edit(base)))
            words_per_length[n] = count // args.samples
            dec = statistics.quantiles(sims, n=10)
            share = [sum(s >= t - 1e-12 for s in sims) / len(sims) for t in (0.8, 0.7, 0.6)]
            cells.append(f"{statistics.median(sims):.2f} ({dec[0]:.2f}-{dec[-1]:.2f}); "
                         + " / ".join(f"{x:.0%}" for x in share))
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("words per article (mean): "
          + ", ".join(f"{n} paragraphs: {w}" for n, w in words_per_length.items()))


if __name__ == "__main__":
    main()
