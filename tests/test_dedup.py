"""newsdoc.dedup: fingerprints, near duplicates, the streaming Deduplicator and its files."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdoc import Caption, Document, Image, Paragraph
from newsdoc.dedup import (
    Cluster,
    Deduplicator,
    MinHashParams,
    Status,
    band_keys,
    banding,
    canonical_text,
    deduplicate,
    exact_duplicates,
    fingerprint,
    is_placeholder,
    near_duplicates,
    near_duplicates_streamed,
    signatures,
    similar_pairs,
    similarity,
)
from newsdoc.exceptions import NewsdocError, SchemaError
from newsdoc.testing import documents

# -- strategies -----------------------------------------------------------------------------

_VOCAB = [f"w{i}" for i in range(40)]


@st.composite
def _families(draw: st.DrawFn) -> list[Document]:
    """Small documents built from a few bases with random word edits: many exact and near
    duplicates, and unrelated documents."""
    bases = draw(st.lists(st.lists(st.sampled_from(_VOCAB), min_size=0, max_size=25),
                          min_size=1, max_size=3))
    docs = []
    for _ in range(draw(st.integers(1, 8))):
        words = list(draw(st.sampled_from(bases)))
        for _ in range(draw(st.integers(0, 3))):
            op = draw(st.integers(0, 2))
            if op == 0 or not words:
                words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(_VOCAB)))
            elif op == 1:
                words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(_VOCAB))
            else:
                del words[draw(st.integers(0, len(words) - 1))]
        docs.append(Document(title="T", paragraphs=(Paragraph(text=" ".join(words)),)))
    return docs


_SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2003", " \r\n "])


def _respace(text: str, data: st.DataObject) -> str:
    """``text`` with each run of whitespace replaced and whitespace added at the ends."""
    parts = text.split()
    if not parts:
        return data.draw(st.sampled_from(["", " ", "\n\t"]))
    glue = data.draw(st.lists(_SPACES, min_size=len(parts) - 1, max_size=len(parts) - 1))
    out = data.draw(st.sampled_from(["", " ", "\u00a0"])) + parts[0]
    for g, p in zip(glue, parts[1:], strict=True):
        out += g + p
    return out + data.draw(st.sampled_from(["", " ", "\n"]))


def _as_sets(
    clusters: tuple[Cluster, ...], mapping: list[int] | None = None
) -> set[frozenset[int]]:
    if mapping is None:
        return {frozenset(c.members) for c in clusters}
    return {frozenset(mapping[m] for m in c.members) for c in clusters}


# -- fingerprints and exact duplicates ---------------------------------------------------------


def test_fingerprint_is_documented_blake2b_of_canonical_text() -> None:
    doc = Document(
        title="  Talks \u201cresume\u201d ",
        images=(Image(caption=Caption(raw="A cafe\u0301 (AFP)", text="A café")),),
        paragraphs=(Paragraph(text="One\u00a0 two."), Paragraph(text="   "),
                    Paragraph(text="It\u2019s\nthree.")),
        chrome=("TT", "20"),
    )
    text = canonical_text(doc)
    assert text == 'Talks "resume"\n\nA caf\u00e9 (AFP)\n\nOne two.\nIt\'s three.'
    expected = hashlib.blake2b(text.encode(), digest_size=16, person=b"newsdoc-fp-v1").digest()
    assert fingerprint(doc) == expected
    # Pinned: the same bytes on every machine and Python version.
    assert fingerprint(doc).hex() == expected.hex()
    assert fingerprint(Document(title="Hello")).hex() == (
        hashlib.blake2b(b"Hello\n\n\n\n", digest_size=16, person=b"newsdoc-fp-v1").hexdigest()
    )


def test_fingerprint_pinned_value() -> None:
    """A golden value: changing the normalization or the hash must be deliberate."""
    doc = Document(title="A", paragraphs=(Paragraph(text="b c"),))
    assert fingerprint(doc).hex() == "605b92fb886988c93341525b9b66630a"
    assert fingerprint(doc).hex() == hashlib.blake2b(
        b"A\n\n\n\nb c", digest_size=16, person=b"newsdoc-fp-v1").hexdigest()


def test_fingerprint_ignores_chrome_and_provenance_but_not_content() -> None:
    a = Document(title="T", paragraphs=(Paragraph(text="x y"),), chrome=("TT", "20"))
    assert fingerprint(a) == fingerprint(Document(title="T", paragraphs=(Paragraph(text="x y"),)))
    assert fingerprint(a) != fingerprint(Document(title="T", paragraphs=(Paragraph(text="x z"),)))
    assert fingerprint(a) != fingerprint(Document(title="t", paragraphs=(Paragraph(text="x y"),)))
    # A caption is not a paragraph.
    captioned = Document(title="T", images=(Image(caption=Caption(raw="x y", text="x y")),))
    assert fingerprint(captioned) != fingerprint(a)


@given(doc=documents(), data=st.data())
def test_idempotent_fingerprint_under_whitespace_edits(doc: Document, data: st.DataObject) -> None:
    """The fingerprint is unchanged by whitespace-only edits: any run of whitespace replaced by
    another non-empty run, whitespace added or removed at the ends of the title, a caption or a
    paragraph, and whitespace-only paragraphs added. (Removing all whitespace between two words
    is not such an edit: it changes the words.)"""
    edited = Document(
        title=_respace(doc.title, data),
        images=tuple(Image(caption=Caption(raw=_respace(c.raw, data), text=c.text))
                     for c in doc.captions),
        paragraphs=(*(Paragraph(text=_respace(p.text, data)) for p in doc.paragraphs),
                    Paragraph(text=data.draw(st.sampled_from(["", " ", "\n\n"])))),
        chrome=doc.chrome,
    )
    assert fingerprint(edited) == fingerprint(doc)


@given(doc=documents())
def test_fingerprint_ignores_unicode_composition(doc: Document) -> None:
    """NFD and NFC spellings of the same text have the same fingerprint."""
    nfd = Document(
        title=unicodedata.normalize("NFD", doc.title),
        paragraphs=tuple(Paragraph(text=unicodedata.normalize("NFD", p.text))
                         for p in doc.paragraphs),
        images=tuple(Image(caption=Caption(raw=unicodedata.normalize("NFD", c.raw), text=c.text))
                     for c in doc.captions),
    )
    assert fingerprint(nfd) == fingerprint(doc)


def test_exact_duplicates_groups_and_keep() -> None:
    docs = [
        Document(title="A", paragraphs=(Paragraph(text="same body"),)),
        Document(title="B"),
        Document(title="A", paragraphs=(Paragraph(text="same  body "),), chrome=("TT",)),
        Document(title="B "),
        Document(title="C"),
    ]
    clusters = exact_duplicates(docs)
    assert [c.members for c in clusters] == [(0, 2), (1, 3)]
    assert [c.keep for c in clusters] == [0, 1]
    assert clusters[0].pairs[0].similarity == 1.0 and clusters[0].dropped == (2,)
    last = exact_duplicates(docs, keep=lambda d: len(d.chrome))
    assert [c.keep for c in last] == [2, 1]
    with pytest.raises(ValueError, match="keep"):
        exact_duplicates(docs, keep="last")  # type: ignore[arg-type]


@given(docs=_families(), data=st.data())
def test_total_exact_clusters_do_not_depend_on_order(docs: list[Document],
                                                      data: st.DataObject) -> None:
    """Exact-duplicate clusters, as sets of documents, are the same in any input order."""
    perm = data.draw(st.permutations(range(len(docs))))
    shuffled = [docs[i] for i in perm]
    assert _as_sets(exact_duplicates(shuffled), list(perm)) == _as_sets(exact_duplicates(docs))


# -- signatures ---------------------------------------------------------------------------------


def test_signatures_shape_determinism_and_seed() -> None:
    docs = [Document(title="the cat sat on the mat"), Document(title=""),
            Document(title="!!! ---")]
    sig = signatures(docs)
    assert sig.shape == (3, 256) and sig.dtype == np.uint16
    assert np.array_equal(sig, signatures(iter(docs)))
    assert np.all(sig[1] == 0xFFFF) and np.all(sig[2] == 0xFFFF)  # no words
    assert not np.any(sig[0] == 0xFFFF)
    other = signatures(docs, params=MinHashParams(seed=1))
    assert not np.array_equal(sig[0], other[0])
    assert signatures([]).shape == (0, 256)
    assert signatures(docs[:1], params=MinHashParams(num_perm=64)).shape == (1, 64)


def test_signatures_pinned_values() -> None:
    """Golden values: signatures must not change across machines, processes or releases
    (a saved index depends on it). Changing them needs a new index format version."""
    sig = signatures([Document(title="The quick brown fox jumps over the lazy dog")])
    assert sig[0, :8].tolist() == [2463, 2463, 14865, 2463, 33197, 25873, 5077, 62418]


def test_signatures_ignore_case_punctuation_and_composition() -> None:
    a = signatures([Document(title="Caf\u00e9 talks: \u201cthe PLAN\u201d, said Ahmed.")])
    b = signatures([Document(title="cafe\u0301 TALKS the plan said ahmed")])
    assert np.array_equal(a, b)


def test_signatures_separate_documents_with_nul() -> None:
    """A NUL character inside a text does not leak words into the next document."""
    sig = signatures([Document(title="a b c\x00d e f"), Document(title="g h i j")])
    alone = signatures([Document(title="g h i j")])
    assert np.array_equal(sig[1], alone[0])


def test_similarity_estimates_are_unbiased() -> None:
    """Estimated similarity tracks the exact Jaccard similarity: no bias (as an overflowing
    ``(a*x + b) mod p`` would give), and the spread expected from 256 slots."""
    rng = np.random.default_rng(7)
    errors = []
    docs = []
    exact = []
    for _ in range(200):
        base = [f"v{i}" for i in rng.integers(0, 5000, size=300)]
        copy = list(base)
        for i in rng.choice(len(copy), size=int(rng.integers(1, 40)), replace=False):
            copy[i] = f"v{rng.integers(0, 5000)}"
        sa = {tuple(base[i:i + 3]) for i in range(len(base) - 2)}
        sb = {tuple(copy[i:i + 3]) for i in range(len(copy) - 2)}
        exact.append(len(sa & sb) / len(sa | sb))
        docs += [Document(title=" ".join(base)), Document(title=" ".join(copy))]
    sig = signatures(docs)
    for k, j in enumerate(exact):
        errors.append(similarity(sig[2 * k], sig[2 * k + 1]) - j)
    err = np.array(errors)
    assert abs(err.mean()) < 0.01
    assert 0.005 < err.std() < 0.04


def test_band_keys_and_banding() -> None:
    assert banding(0.8, 256) == (32, 8)
    bands, rows = banding(0.5, 128)
    assert 1 - (1 - 0.5**rows) ** bands >= 0.995 and bands * rows <= 128
    sig = signatures([Document(title="one two three four five"), Document(title=""),
                      Document(title="one two three four five")])
    keys = band_keys(sig)
    assert keys.shape == (3, 32) and keys.dtype == np.uint64
    assert np.array_equal(keys[0], keys[2]) and np.all(keys[1] == 0)
    assert len(set(keys[0].tolist())) == 32  # the band number is mixed in
    pairs, sims = similar_pairs(sig)
    assert pairs.tolist() == [[0, 2]] and sims.tolist() == [1.0]
    with pytest.raises(ValueError, match="uint16"):
        band_keys(sig.astype(np.int64))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threshold"):
        band_keys(sig, threshold=0.0)
    with pytest.raises(ValueError, match="shapes"):
        similarity(sig[0], sig[0, :10])


def test_params_are_validated() -> None:
    with pytest.raises(ValueError, match="num_perm"):
        MinHashParams(num_perm=0)
    with pytest.raises(ValueError, match="shingle_size"):
        MinHashParams(shingle_size=True)
    with pytest.raises(ValueError, match="seed"):
        MinHashParams(seed=-1)
    with pytest.raises(ValueError, match="threshold"):
        near_duplicates([], threshold=1.5)
    with pytest.raises(ValueError, match="verify"):
        near_duplicates([], verify="maybe")  # type: ignore[arg-type]


# -- near duplicates ----------------------------------------------------------------------------


def _article(words: list[str]) -> Document:
    return Document(title="Title", paragraphs=(Paragraph(text=" ".join(words)),))


def test_near_duplicates_clusters_and_keep() -> None:
    rng = np.random.default_rng(3)
    base = [f"x{i}" for i in rng.integers(0, 10_000, size=200)]
    edited = list(base)
    edited[100] = "changed"
    longer = [*base, "and", "a", "few", "more", "words"]
    docs = [_article(base), _article([f"y{i}" for i in range(200)]), _article(edited),
            _article(longer), _article(base)]
    clusters = near_duplicates(docs)
    assert [c.members for c in clusters] == [(0, 2, 3, 4)]
    c = clusters[0]
    assert c.keep == 0 and c.dropped == (2, 3, 4)
    assert c.similarities[0] == 1.0 and c.similarities[3] == 1.0
    assert all(0.8 <= s <= 1.0 for s in c.similarities)
    assert {(p.first, p.second) for p in c.pairs} >= {(0, 4)}
    assert all(p.first < p.second and p.similarity >= 0.8 for p in c.pairs)
    assert near_duplicates(docs, keep="longest")[0].keep == 3
    assert near_duplicates(docs, keep=lambda d: "changed" in d.text)[0].keep == 2
    exact = near_duplicates(docs, verify="exact")
    assert [x.members for x in exact] == [(0, 2, 3, 4)]
    assert exact[0].similarities[1] == pytest.approx(196 / 202)  # 3 shingles of 198 changed
    assert near_duplicates([]) == ()
    assert near_duplicates(docs, threshold=1.0)[0].members == (0, 4)
    assert near_duplicates(docs, threshold=1.0, verify="estimate")[0].members == (0, 4)


def test_hybrid_checks_exactly_only_near_the_threshold() -> None:
    """verify="hybrid": a pair estimated within 3 standard errors of the threshold gets its
    exact similarity (and is decided on it); pairs far above keep their estimate; a
    generator cannot be read again, so it gets the estimate mode's answer."""
    rng = np.random.default_rng(4)
    base = [f"w{i}" for i in rng.integers(0, 100_000, size=400)]
    near = list(base)
    for i in range(0, 400, 60):  # 7 words changed: exact Jaccard about 0.9
        near[i] = f"new{i}"
    docs = [_article(base), _article(near), _article([f"z{i}" for i in range(300)])]
    sig = signatures(docs)
    est = similarity(sig[0], sig[1])
    exact = near_duplicates(docs, verify="exact")[0].pairs[0].similarity
    assert (est, exact) == (0.9140625, pytest.approx(379 / 419))  # pinned: seed 0
    # Threshold between the two, within the margin: the estimate accepts the pair, the
    # hybrid mode checks it exactly and rejects it.
    t = 0.91
    assert [c.members for c in near_duplicates(docs, threshold=t, verify="estimate")] == [(0, 1)]
    assert near_duplicates(docs, threshold=t) == ()
    # Below both, within the margin: accepted, with its exact similarity.
    assert near_duplicates(docs, threshold=0.9)[0].pairs[0].similarity == exact
    # Further below than the margin (0.075 and a bit at 0.8): decided on the estimate.
    assert near_duplicates(docs, threshold=0.8)[0].pairs[0].similarity == est


@pytest.mark.parametrize("verify", ["hybrid", "exact", "estimate"])
def test_generator_gives_the_same_clusters_as_a_list(verify: Any) -> None:
    """Issue 13 point 14: the container never changes the mode. A generator, a list and
    ``near_duplicates_streamed`` give equal clusters in every mode, at a threshold where the
    estimate and the exact similarity disagree (so "hybrid" acting as "estimate" fails)."""
    rng = np.random.default_rng(4)
    base = [f"w{i}" for i in rng.integers(0, 100_000, size=400)]
    near = list(base)
    for i in range(0, 400, 60):
        near[i] = f"new{i}"
    docs = [_article(base), _article(near), _article([f"z{i}" for i in range(300)])]
    t = 0.91  # estimate 0.914 accepts, exact 0.905 rejects (pinned above)
    expected = near_duplicates(docs, threshold=t, verify=verify)
    assert near_duplicates(iter(docs), threshold=t, verify=verify) == expected
    assert near_duplicates((d for d in docs), threshold=t, verify=verify) == expected
    assert near_duplicates_streamed(lambda: iter(docs), threshold=t, verify=verify) == expected
    assert (expected == ()) is (verify != "estimate")


def test_streamed_reads_again_and_checks_the_count(dedup_corpus: Any) -> None:
    """near_duplicates_streamed equals near_duplicates on a generated corpus with near pairs
    in the margin; it reads the documents once more only when verifying exactly, and a
    source that changes between passes is an error, not a silent wrong answer."""
    docs, _, _ = dedup_corpus.build(300, seed=5)
    assert near_duplicates(docs)  # the corpus has clusters
    opened = []

    def source() -> Any:
        opened.append(1)
        return iter(docs)

    assert near_duplicates_streamed(source, keep="longest") == near_duplicates(
        docs, keep="longest")
    assert len(opened) == 2
    opened.clear()
    near_duplicates_streamed(source, verify="estimate")
    assert len(opened) == 1
    calls = iter([docs, docs[:-1]])
    with pytest.raises(ValueError, match="300 documents in the first pass and 299"):
        near_duplicates_streamed(lambda: iter(next(calls)))


def test_documents_without_words_are_not_near_duplicates() -> None:
    docs = [Document(title="!!!"), Document(title="..."), Document(title="")]
    assert near_duplicates(docs) == ()
    assert [c.members for c in exact_duplicates(docs)] == []


@given(docs=_families(), data=st.data())
def test_total_near_clusters_do_not_depend_on_order(docs: list[Document],
                                                     data: st.DataObject) -> None:
    """Near-duplicate clusters, as sets of documents, are the same in any input order."""
    perm = data.draw(st.permutations(range(len(docs))))
    shuffled = [docs[i] for i in perm]
    assert _as_sets(near_duplicates(shuffled, threshold=0.6), list(perm)) == _as_sets(
        near_duplicates(docs, threshold=0.6)
    )


@given(docs=_families(), keep=st.sampled_from(["first", "longest"]),
       verify=st.sampled_from(["hybrid", "estimate", "exact"]))
def test_idempotent_deduplicate(docs: list[Document], keep: Any, verify: Any) -> None:
    """Deduplicating the kept set removes nothing more."""
    kept = deduplicate(docs, threshold=0.6, keep=keep, verify=verify)
    assert near_duplicates(kept, threshold=0.6, verify=verify) == ()  # so dedup(kept) == kept


@pytest.fixture(scope="module")
def corpus(dedup_corpus: Any) -> Any:
    c = dedup_corpus
    docs, family, followups = c.build(2000, seed=11)
    return c, docs, family, followups


def test_quality_on_generated_corpus(corpus: Any) -> None:
    """Pair precision and recall against exact Jaccard >= 0.8 on a generated corpus with
    known truth (near copies with 1-5% of words changed, paragraphs dropped or added,
    whitespace and punctuation changes, exact copies, and related articles). The estimate
    mode errs only near the threshold; exact verification removes those errors."""
    c, docs, family, followups = corpus
    sig = signatures(docs)
    pairs, _ = similar_pairs(sig)
    reported = [tuple(p) for p in pairs.tolist()]
    truth = c.true_jaccard(docs, c.family_pairs(family) + followups + reported)
    q = c.quality(reported, truth)
    assert q["true"] > 800
    assert q["precision"] >= 0.93 and q["recall"] >= 0.93, q
    same_family = sum(family[i] == family[j] for i, j in reported) / len(reported)
    assert same_family >= 0.995
    # verify="exact": clusters' links are exact; their union of pairs has no false pair.
    clusters = near_duplicates(docs, verify="exact")
    links = [(p.first, p.second) for cl in clusters for p in cl.pairs]
    truth2 = c.true_jaccard(docs, list(truth) + links)
    assert all(truth2[(i, j)] >= 0.8 - 1e-12 for i, j in links)
    covered = {frozenset(cl.members) for cl in clusters}
    member_of = {m: cl for cl in covered for m in cl}
    true_pairs = [p for p, s in truth2.items() if s >= 0.8]
    together = sum(member_of.get(i) is not None and j in member_of[i] for i, j in true_pairs)
    assert together / len(true_pairs) >= 0.99
    # The default, verify="hybrid": exact checks only near the threshold; the requirement
    # is precision >= 0.99 over the clusters' links and recall >= 0.95 over true pairs.
    clusters = near_duplicates(docs)
    links = [(p.first, p.second) for cl in clusters for p in cl.pairs]
    truth3 = c.true_jaccard(docs, list(truth2) + links)
    precision = sum(truth3[p] >= 0.8 - 1e-12 for p in links) / len(links)
    member_of = {m: cl for cl in {frozenset(cl.members) for cl in clusters} for m in cl}
    true_pairs = [p for p, s in truth3.items() if s >= 0.8]
    together = sum(member_of.get(i) is not None and j in member_of[i] for i, j in true_pairs)
    assert precision >= 0.99 and together / len(true_pairs) >= 0.95, (precision, together)


# -- the streaming Deduplicator -------------------------------------------------------------------


def test_deduplicator_verdicts(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    base = [f"x{i}" for i in rng.integers(0, 10_000, size=120)]
    edited = list(base)
    edited[60] = "changed"
    dd = Deduplicator()
    v = list(dd.add_many([_article(base), _article([f"y{i}" for i in range(50)]),
                          Document(title=" Title", paragraphs=(Paragraph(text=" ".join(base)),),
                                   chrome=("TT",)),
                          _article(edited), Document(title="...")]))
    assert [x.status for x in v] == [Status.NEW, Status.NEW, Status.EXACT, Status.NEAR,
                                    Status.NEW]
    assert [x.index for x in v] == [0, 1, 2, 3, 4]
    assert (v[2].of, v[2].similarity) == (0, 1.0)
    assert v[3].of == 0 and v[3].similarity is not None and 0.9 < v[3].similarity < 1.0
    assert v[0].of is None and v[0].similarity is None and not v[0].is_duplicate
    assert v[3].is_duplicate
    assert len(dd) == 5 and dd.threshold == 0.8 and dd.params == MinHashParams()
    assert dd.add(_article(base)).status is Status.EXACT
    assert dd.add(Document(title="...")).status is Status.EXACT
    dd.save(tmp_path / "idx")
    meta = json.loads((tmp_path / "idx" / "dedup.json").read_text())
    arrays = meta.pop("arrays")
    assert meta == {"format": "newsdoc-dedup-index", "version": 2, "threshold": 0.8,
                    "num_perm": 256, "shingle_size": 3, "seed": 0, "documents": 7,
                    "entries": 4}
    assert re.fullmatch(r"index-[0-9a-f]{16}\.npz", arrays)
    assert sorted(p.name for p in (tmp_path / "idx").iterdir()) == ["dedup.json", arrays]
    with np.load(tmp_path / "idx" / arrays, allow_pickle=False) as npz:
        assert sorted(npz.files) == ["documents", "fingerprints", "signatures"]
        assert npz["signatures"].shape == (4, 256)
        assert npz["documents"].tolist() == [0, 1, 3, 4]


@given(docs=_families(), cut=st.integers(0, 10), threshold=st.sampled_from([0.5, 0.8]))
@settings(max_examples=200, deadline=None)
def test_roundtrip_saved_deduplicator_answers_the_same(
    tmp_path_factory: pytest.TempPathFactory, docs: list[Document], cut: int, threshold: float
) -> None:
    """A saved and reloaded Deduplicator gives the same verdicts as one that never stopped."""
    folder = tmp_path_factory.mktemp("idx")
    whole = Deduplicator(threshold=threshold)
    expected = list(whole.add_many(docs))
    first = Deduplicator(threshold=threshold)
    got = list(first.add_many(docs[:cut]))
    first.save(folder)
    again = Deduplicator.load(folder)
    assert again.threshold == threshold and len(again) == len(docs[:cut])
    got += [again.add(d) for d in docs[cut:]]
    assert got == expected


@given(docs=_families())
def test_idempotent_deduplicator_kept_set(docs: list[Document]) -> None:
    """Feeding the documents a Deduplicator kept (the new ones) to a fresh one finds no
    duplicate."""
    kept = [d for d, v in zip(docs, Deduplicator().add_many(docs), strict=True)
            if v.status is Status.NEW]
    assert all(v.status is Status.NEW for v in Deduplicator().add_many(kept))


def test_deduplicator_many_runs_match_one(corpus: Any) -> None:
    """Enough documents to flush and merge sorted runs: same verdicts as after a reload."""
    _, docs, family, _ = corpus
    dd = Deduplicator()
    verdicts = list(dd.add_many(docs))
    assert all(family[v.of] == family[v.index] for v in verdicts if v.of is not None)
    assert sum(v.status is Status.EXACT for v in verdicts) > 50
    assert sum(v.status is Status.NEAR for v in verdicts) > 300


def _arrays(folder: Path) -> Path:
    return folder / json.loads((folder / "dedup.json").read_text())["arrays"]


def _saved(tmp_path: Path) -> Path:
    folder = tmp_path / "idx"
    dd = Deduplicator()
    list(dd.add_many([_article(["a", "b", "c", "d"]), _article(["e", "f", "g"])]))
    dd.save(folder)
    return folder


def test_load_rejects_unknown_version(tmp_path: Path) -> None:
    folder = _saved(tmp_path)
    meta = json.loads((folder / "dedup.json").read_text())
    meta["version"] = 99
    (folder / "dedup.json").write_text(json.dumps(meta))
    with pytest.raises(SchemaError, match="unknown dedup index version 99"):
        Deduplicator.load(folder)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: {**m, "format": "other"}, "not a newsdoc dedup index"),
        (lambda m: {**m, "extra": 1}, "unknown"),
        (lambda m: {k: v for k, v in m.items() if k != "seed"}, "missing"),
        (lambda m: {**m, "num_perm": "256"}, "num_perm"),
        (lambda m: {**m, "threshold": 3}, "threshold"),
        (lambda m: {**m, "shingle_size": 0}, "shingle_size"),
        (lambda m: {**m, "arrays": "../index-0123456789abcdef.npz"}, "arrays must name"),
        (lambda m: {**m, "arrays": None}, "arrays must name"),
    ],
)
def test_load_rejects_bad_parameters(tmp_path: Path, change: Any, message: str) -> None:
    folder = _saved(tmp_path)
    meta = json.loads((folder / "dedup.json").read_text())
    (folder / "dedup.json").write_text(json.dumps(change(meta)))
    with pytest.raises(SchemaError, match=message):
        Deduplicator.load(folder)


def test_load_rejects_non_json(tmp_path: Path) -> None:
    folder = _saved(tmp_path)
    (folder / "dedup.json").write_bytes(b"\xff{")
    with pytest.raises(SchemaError, match="not a JSON file"):
        Deduplicator.load(folder)


def test_load_rejects_truncated_or_corrupt_arrays(tmp_path: Path) -> None:
    folder = _saved(tmp_path)
    data = _arrays(folder).read_bytes()
    _arrays(folder).write_bytes(data[: len(data) // 2])
    with pytest.raises(NewsdocError, match="corrupt or truncated"):
        Deduplicator.load(folder)
    _arrays(folder).write_bytes(b"not a zip file at all")
    with pytest.raises(NewsdocError, match="corrupt or truncated"):
        Deduplicator.load(folder)


@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        ({"signatures": np.zeros((2, 256), np.uint16),
          "fingerprints": np.zeros((2, 16), np.uint8)}, "expected arrays"),
        ({"signatures": np.zeros((2, 256), np.int64), "fingerprints": np.zeros((2, 16), np.uint8),
          "documents": np.arange(2, dtype=np.uint64)}, "signatures is int64"),
        ({"signatures": np.zeros((2, 128), np.uint16), "fingerprints": np.zeros((2, 16), np.uint8),
          "documents": np.arange(2, dtype=np.uint64)}, "shapes"),
        ({"signatures": np.zeros((3, 256), np.uint16), "fingerprints": np.zeros((3, 16), np.uint8),
          "documents": np.arange(3, dtype=np.uint64)}, "3 entries"),
        ({"signatures": np.zeros((2, 256), np.uint16), "fingerprints": np.zeros((2, 16), np.uint8),
          "documents": np.array([1, 0], dtype=np.uint64)}, "out of order"),
        ({"signatures": np.zeros((2, 256), np.uint16), "fingerprints": np.zeros((2, 16), np.uint8),
          "documents": np.array(["a", None], dtype=object)}, "corrupt or truncated"),
    ],
)
def test_load_rejects_arrays_that_do_not_fit(tmp_path: Path, arrays: dict[str, Any],
                                             message: str) -> None:
    folder = _saved(tmp_path)
    with open(_arrays(folder), "wb") as f:
        np.savez(f, **arrays)  # type: ignore[arg-type]
    with pytest.raises(NewsdocError, match=message):
        Deduplicator.load(folder)


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_saved_index_respects_the_umask(tmp_path: Path, umask: int) -> None:
    """Issue 13 point 10: the index files get 0o666 less the umask, like every file newsdoc
    writes (they were created 0o600 whatever the umask)."""
    old = os.umask(umask)
    try:
        folder = _saved(tmp_path)
    finally:
        os.umask(old)
    for path in (folder / "dedup.json", _arrays(folder)):
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path.name


@pytest.mark.parametrize("fail_at", ["arrays-write", "arrays-rename", "json-write",
                                     "json-rename"])
def test_interrupted_save_leaves_the_old_index(tmp_path: Path, fail_at: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A save that fails at any step (a write raising halfway, a rename failing) leaves
    the previous index loadable and unchanged, with no stray temporary file."""
    from newsdoc.dedup import _index

    folder = _saved(tmp_path)
    before = sorted(p.name for p in folder.iterdir())
    dd = Deduplicator.load(folder)
    list(dd.add_many([_article([f"n{i}" for i in range(40)]) for _ in range(3)]))
    real_savez, real_replace = _index.np.savez, os.replace

    class Crash(Exception):
        pass

    def savez(f: Any, **arrays: Any) -> None:
        if fail_at == "arrays-write":
            f.write(b"PK\x03\x04 half an archive")
            raise Crash
        real_savez(f, **arrays)

    def replace(src: Any, dst: Any) -> None:
        name = os.path.basename(dst)
        if (fail_at == "arrays-rename" and name.endswith(".npz")) or (
                fail_at == "json-rename" and name == "dedup.json"):
            raise Crash
        real_replace(src, dst)

    def dumps(*args: Any, **kwargs: Any) -> str:
        if fail_at == "json-write":
            raise Crash
        return json.JSONEncoder(**kwargs).encode(args[0])

    monkeypatch.setattr(_index.np, "savez", savez)
    monkeypatch.setattr(_index.os, "replace", replace)
    monkeypatch.setattr(_index.json, "dumps", dumps)
    with pytest.raises(Crash):
        dd.save(folder)
    monkeypatch.undo()
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(".npz")
                  or p.name in before) == before
    if fail_at.startswith("arrays"):  # once the new arrays are renamed, they stay till...
        assert sorted(p.name for p in folder.iterdir()) == before
    assert len(Deduplicator.load(folder)) == 2
    dd.save(folder)  # ... the next save, which works and removes what the failed one left
    assert len(Deduplicator.load(folder)) == 5
    assert len(list(folder.iterdir())) == 2


_SAVER = """
import sys
from newsdoc import Document
from newsdoc.dedup import Deduplicator
folder = sys.argv[1]
dd = Deduplicator.load(folder)
def docs(k):
    n = len(dd)
    return [Document(title=f"doc {n + i} " + " ".join(f"w{n + i}x{j}" for j in range(30)))
            for i in range(k)]
if len(dd) < 1500:  # a first index big enough that saving it takes a while
    list(dd.add_many(docs(1500)))
    dd.save(folder)
    print(len(dd), flush=True)
while True:  # from now on most of the time goes into saving
    list(dd.add_many(docs(20)))
    dd.save(folder)
    print(len(dd), flush=True)
"""


def test_killed_save_leaves_a_whole_index(tmp_path: Path) -> None:
    """Issue 13 point 10: a process killed (SIGKILL) while it saves again and again always
    leaves an index that loads and holds the documents of a save that completed.

    Each round waits for the saver to report a completed save (so the kill lands among the
    later saves however slow the machine is), then kills it after a different short delay.
    """
    folder = _saved(tmp_path)
    counts = {2}
    for delay in (0.0, 0.05, 0.15, 0.3, 0.6):
        proc = subprocess.Popen([sys.executable, "-c", _SAVER, str(folder)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        first = proc.stdout.readline()  # a save completed
        counts.add(int(first))
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        counts.update(int(x) for x in out.split())
        n = len(Deduplicator.load(folder))
        # The last save may have completed before its count was printed: n is a printed
        # count or the one after the last printed.
        assert n in counts or n == max(counts) + 20, (n, sorted(counts))
        counts.add(n)
        assert sum(not p.name.startswith(".tmp-") for p in folder.iterdir()) <= 3
    assert max(counts) > 1500


def test_load_missing_folder_is_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Deduplicator.load(tmp_path / "nothing")


# -- without numpy ----------------------------------------------------------------------------


def test_works_without_numpy_for_exact_duplicates() -> None:
    """``import newsdoc.dedup`` and exact duplicates need no numpy; near duplicates say what
    to install."""
    code = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "numpy" or name.startswith("numpy."):
            raise ImportError("blocked for the test")
sys.meta_path.insert(0, Block())
import newsdoc, newsdoc.dedup as dd
assert "numpy" not in sys.modules
docs = [newsdoc.Document(title="A"), newsdoc.Document(title=" A")]
print([c.members for c in dd.exact_duplicates(docs)])
for call in (lambda: dd.near_duplicates(docs), lambda: dd.Deduplicator(),
             lambda: dd.signatures(docs)):
    try:
        call()
    except ModuleNotFoundError as exc:
        print(exc)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[0] == "[(0, 1)]"
    assert out[1:] == ["near-duplicate detection needs numpy: pip install 'newsdoc[dedup]'"] * 3


def test_public_names() -> None:
    import newsdoc.dedup

    assert newsdoc.dedup.__all__ == sorted(newsdoc.dedup.__all__)
    assert set(newsdoc.dedup.__all__) == {
        "Cluster", "Deduplicator", "Keep", "MinHashParams", "Pair", "Status", "Verdict",
        "band_keys", "banding", "canonical_text", "deduplicate", "exact_duplicates",
        "fingerprint", "is_placeholder", "near_duplicates", "near_duplicates_streamed",
        "signatures", "similar_pairs", "similarity",
    }


# -- placeholders for unreadable input ----------------------------------------------------------


def _placeholder(code: str = "not-json") -> Document:
    from newsdoc import Diagnostic, Severity

    return Document(title="", diagnostics=(
        Diagnostic(code=code, message="could not read this input", severity=Severity.ERROR),))


def test_is_placeholder() -> None:
    from newsdoc import Diagnostic, Severity

    warn = Diagnostic(code="w", message="m", severity=Severity.WARNING)
    assert is_placeholder(_placeholder())
    assert is_placeholder(Document(title=" \n", paragraphs=(Paragraph(text="\u00a0"),),
                                   diagnostics=_placeholder().diagnostics))
    assert not is_placeholder(Document(title="", diagnostics=(warn,)))  # no error
    assert not is_placeholder(Document(title=""))
    assert not is_placeholder(Document(title="", paragraphs=(Paragraph(text="Some text."),),
                                       diagnostics=_placeholder().diagnostics))


def test_placeholders_are_kept_out_of_dedup_unless_asked() -> None:
    """Issue 13 point 3: placeholders (all alike: no content) were exact duplicates of each
    other, so dedup dropped all but one and counted that one as kept. Now they are in no
    cluster and deduplicate() leaves them out; include_placeholders=True restores them."""
    text = "the quick brown fox jumps over the lazy dog near the river bank"
    docs = [_placeholder(), Document(title=text), _placeholder("binary"),
            Document(title=" " + text), _placeholder()]
    assert [c.members for c in exact_duplicates(docs)] == [(1, 3)]
    assert [c.members for c in exact_duplicates(docs, include_placeholders=True)] == [
        (0, 2, 4), (1, 3)]
    assert [c.members for c in near_duplicates(docs)] == [(1, 3)]
    assert deduplicate(docs) == [docs[1]]
    assert deduplicate(docs, include_placeholders=True) == [docs[0], docs[1], docs[2], docs[4]]
    verdicts = list(Deduplicator().add_many(docs))
    assert [v.status for v in verdicts] == [Status.PLACEHOLDER, Status.NEW, Status.PLACEHOLDER,
                                            Status.EXACT, Status.PLACEHOLDER]
    assert [v.index for v in verdicts] == [0, 1, 2, 3, 4]
    assert verdicts[3].of == 1 and not verdicts[0].is_duplicate
    included = list(Deduplicator(include_placeholders=True).add_many(docs))
    assert [v.status for v in included] == [Status.NEW, Status.NEW, Status.EXACT, Status.EXACT,
                                            Status.EXACT]
