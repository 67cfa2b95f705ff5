"""A generated news corpus with known duplicates, for the dedup benchmark and quality test.

Everything is invented (syllable words with Zipf frequencies, no real text) and seeded, so
the same arguments give the same corpus in every process. Each *base* article may get
copies of these kinds:

``exact``       the same content (chrome may differ: the ``20`` counter line)
``reformat``    whitespace changes (double spaces, no-break spaces), quote styles
                (straight/curly) and punctuation changes
``headline``    an updated headline and a changed counter ("12 dead" -> "15 dead")
``edit``        1-5% of the words replaced, inserted or deleted
``drop``        one paragraph dropped
``add``         one new paragraph added
``mixed``       an edit plus a dropped or added paragraph

Some copies are made from an earlier copy rather than from the base (republished wire copy).
Some bases are *follow-ups*: a new article reusing two or three background paragraphs of an
earlier base; they are distinct articles (hard negatives). Documents are shuffled.

Truth is the exact Jaccard similarity of the 3-word shingle sets, computed by an
independent reference (``reference_shingles``), for every pair within a family, every
follow-up pair, and every pair a tool reports.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable

import numpy as np
import regex

from newsdoc import Caption, Document, Image, Paragraph

_CONS = "b c d f g h j k l m n p r s t v w z br cr dr fr gr pr st tr ch sh th".split()
_VOWELS = "a e i o u ai ea ou io".split()
_WORD = regex.compile(r"[\p{L}\p{N}\p{M}]+")


class CorpusBuilder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.nrng = np.random.default_rng(seed)
        words: set[str] = set()
        while len(words) < 30000:
            n = self.rng.choice((1, 2, 2, 2, 3, 3, 4))
            words.add("".join(self.rng.choice(_CONS) + self.rng.choice(_VOWELS) for _ in range(n)))
        self.vocab = np.array(sorted(words), dtype=object)
        self.rng.shuffle(self.vocab)  # type: ignore[arg-type]
        weights = 1.0 / (np.arange(len(self.vocab)) + 20.0)
        self.cdf = np.cumsum(weights / weights.sum())

    def words(self, n: int) -> list[str]:
        idx = np.minimum(np.searchsorted(self.cdf, self.nrng.random(n)), len(self.vocab) - 1)
        return list(self.vocab[idx])

    def sentence(self) -> str:
        ws = self.words(self.rng.randint(7, 20))
        ws[0] = ws[0].capitalize()
        if self.rng.random() < 0.3:
            ws[self.rng.randrange(1, len(ws))] += ","
        if self.rng.random() < 0.15:
            ws.insert(self.rng.randrange(1, len(ws)), str(self.rng.randint(2, 500)))
        if self.rng.random() < 0.1:
            i = self.rng.randrange(0, len(ws) - 2)
            ws[i] = "\u201c" + ws[i]
            ws[i + 2] = ws[i + 2].rstrip(",") + "\u201d"
        return " ".join(ws) + self.rng.choice(".....?!")

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))

    def title(self) -> str:
        ws = self.words(self.rng.randint(5, 10))
        return " ".join(w.capitalize() for w in ws)

    def base(self, background: tuple[str, ...] = ()) -> Document:
        paras = [self.paragraph() for _ in range(self.rng.randint(5, 12))]
        for p in background:
            paras.insert(self.rng.randrange(1, len(paras) + 1), p)
        captions = tuple(
            Caption(raw=c, text=c) for c in (self.sentence() for _ in range(self.rng.randint(0, 2)))
        )
        chrome = ("TT", "20") if self.rng.random() < 0.5 else ("TT",)
        return Document(title=self.title(), images=tuple(Image(caption=c) for c in captions),
                        paragraphs=tuple(Paragraph(text=p) for p in paras), chrome=chrome)

    # ------------------------------------------------------------------ copies

    def copy(self, doc: Document, kind: str) -> Document:
        paras = [p.text for p in doc.paragraphs]
        title = doc.title
        if kind == "exact":
            chrome = ("TT",) if doc.chrome == ("TT", "20") else ("TT", "20")
            return Document(title=title, images=doc.images, paragraphs=doc.paragraphs,
                            chrome=chrome)
        if kind == "reformat":
            paras = [self._reformat(p) for p in paras]
            title = self._reformat(title)
        elif kind == "headline":
            title = self.title()
            paras = [regex.sub(r"\b\d+\b", lambda m: str(int(m[0]) + 3), p, count=1)
                     for p in paras]
        elif kind in ("edit", "mixed"):
            paras = self._edit(paras, self.rng.uniform(0.01, 0.05))
        if kind == "drop" or (kind == "mixed" and self.rng.random() < 0.5):
            if len(paras) > 2:
                del paras[self.rng.randrange(1, len(paras))]
        elif kind in ("add", "mixed"):
            paras.insert(self.rng.randrange(1, len(paras) + 1), self.paragraph())
        return Document(title=title, images=doc.images,
                        paragraphs=tuple(Paragraph(text=p) for p in paras), chrome=doc.chrome)

    def _reformat(self, text: str) -> str:
        out = []
        for w in text.split(" "):
            r = self.rng.random()
            if r < 0.05:
                out.append(w + " ")  # a double space
            elif r < 0.08:
                out.append(w + "\u00a0")
            elif r < 0.12:
                out.append(w.rstrip(",.") + self.rng.choice(("", ",", ";")))
            else:
                out.append(w)
        return " ".join(out).replace("\u201c", '"').replace("\u201d", '"').strip()

    def _edit(self, paras: list[str], rate: float) -> list[str]:
        tokens = [p.split(" ") for p in paras]
        total = sum(len(t) for t in tokens)
        for _ in range(max(1, round(total * rate))):
            t = tokens[self.rng.randrange(len(tokens))]
            i = self.rng.randrange(len(t))
            op = self.rng.random()
            if op < 0.6:
                t[i] = self.words(1)[0]
            elif op < 0.8:
                t.insert(i, self.words(1)[0])
            elif len(t) > 1:
                del t[i]
        return [" ".join(t) for t in tokens]


_KINDS = ("exact", "reformat", "headline", "edit", "edit", "drop", "add", "mixed")


def build(n: int, seed: int = 2026) -> tuple[list[Document], list[int], list[tuple[int, int]]]:
    """``n`` documents, the family of each, and the (follow-up, base) pairs (hard negatives).

    Returns:
        ``(documents, family, followups)``; ``family[i] == family[j]`` when one is a copy of
        the other (or both of the same base); indices refer to the shuffled order.
    """
    b = CorpusBuilder(seed)
    docs: list[Document] = []
    family: list[int] = []
    followup_of: list[tuple[int, int]] = []  # (family of follow-up, family of base)
    bases: list[Document] = []
    while len(docs) < n:
        fam = len(bases)
        if bases and b.rng.random() < 0.08:
            src = b.rng.randrange(len(bases))
            shared = bases[src].paragraphs
            background = tuple(p.text for p in b.rng.sample(shared, min(len(shared), 3)))
            base = b.base(background)
            followup_of.append((fam, src))
        else:
            base = b.base()
        bases.append(base)
        members = [base]
        r = b.rng.random()
        copies = 0 if r < 0.55 else 1 if r < 0.78 else 2 if r < 0.9 else b.rng.randint(3, 6)
        for _ in range(copies):
            parent = members[0] if b.rng.random() < 0.8 else b.rng.choice(members)
            members.append(b.copy(parent, b.rng.choice(_KINDS)))
        for m in members[: n - len(docs)]:
            docs.append(m)
            family.append(fam)
    order = list(range(len(docs)))
    b.rng.shuffle(order)
    docs = [docs[i] for i in order]
    family = [family[i] for i in order]
    by_family: dict[int, list[int]] = {}
    for i, f in enumerate(family):
        by_family.setdefault(f, []).append(i)
    followups = [(x, y) for f, g in followup_of for x in by_family.get(f, [])
                 for y in by_family.get(g, [])]
    return docs, family, followups


def save(path: str, docs: list[Document], family: list[int],
         followups: list[tuple[int, int]]) -> None:
    """Write a corpus as plain JSON (so that subprocesses need not generate it again)."""
    data = {
        "documents": [[d.title, [c.raw for c in d.captions], [p.text for p in d.paragraphs],
                       list(d.chrome)] for d in docs],
        "family": family,
        "followups": followups,
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)


def load(path: str) -> tuple[list[Document], list[int], list[tuple[int, int]]]:
    """Read a corpus written by :func:`save`."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    docs = [
        Document(title=t, images=tuple(Image(caption=Caption(raw=c, text=c)) for c in caps),
                 paragraphs=tuple(Paragraph(text=p) for p in paras), chrome=tuple(chrome))
        for t, caps, paras, chrome in data["documents"]
    ]
    return docs, data["family"], [(a, b) for a, b in data["followups"]]


def reference_text(doc: Document) -> str:
    return "\n".join([doc.title, *(c.raw for c in doc.captions), *(p.text for p in doc.paragraphs)])


def reference_shingles(doc: Document, k: int = 3) -> frozenset[tuple[str, ...]]:
    """3-word shingles by an independent tokenizer: Unicode letters, numbers, marks."""
    words = _WORD.findall(reference_text(doc).lower())
    if len(words) < k:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i : i + k]) for i in range(len(words) - k + 1))


def family_pairs(family: list[int]) -> list[tuple[int, int]]:
    by: dict[int, list[int]] = {}
    for i, f in enumerate(family):
        by.setdefault(f, []).append(i)
    return [(g[a], g[c]) for g in by.values() for a in range(len(g)) for c in range(a + 1, len(g))]


def true_jaccard(
    docs: list[Document], pairs: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], float]:
    """Exact Jaccard of each pair (``i < j`` keys).

    Pairs are processed by connected component, each document's shingle set computed once
    and dropped after its component, so memory stays small.
    """
    keys = sorted({(min(i, j), max(i, j)) for i, j in pairs})
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in keys:
        parent[find(i)] = find(j)
    groups: dict[int, list[tuple[int, int]]] = {}
    for key in keys:
        groups.setdefault(find(key[0]), []).append(key)
    out: dict[tuple[int, int], float] = {}
    for group in groups.values():
        cache: dict[int, frozenset[tuple[str, ...]]] = {}
        for i, j in group:
            if i not in cache:
                cache[i] = reference_shingles(docs[i])
            if j not in cache:
                cache[j] = reference_shingles(docs[j])
            a, c = cache[i], cache[j]
            union = len(a | c)
            out[(i, j)] = len(a & c) / union if union else 1.0
    return out


def quality(reported: Iterable[tuple[int, int]], truth: dict[tuple[int, int], float],
            threshold: float = 0.8) -> dict[str, float]:
    """Pair precision and recall against exact Jaccard (``truth`` must cover ``reported``)."""
    rep = {(min(i, j), max(i, j)) for i, j in reported}
    true = {p for p, s in truth.items() if s >= threshold}
    hit = len(rep & true)
    return {
        "reported": len(rep),
        "true": len(true),
        "precision": hit / len(rep) if rep else 1.0,
        "recall": hit / len(true) if true else 1.0,
    }
