"""Exact duplicates and the result types: standard library only.

Also the keep policies (:data:`Keep`) and :func:`is_placeholder`, shared by every engine.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, Protocol, TypeAlias

import attrs

from newsdoc._models import Document, Severity

_FINGERPRINT_PERSON = b"newsdoc-fp-v1"

_QUOTES = (
    ("\u2018", "'"), ("\u2019", "'"), ("\u201a", "'"), ("\u201b", "'"), ("\u2032", "'"),
    ("\u2039", "'"), ("\u203a", "'"),
    ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u201f", '"'), ("\u2033", '"'),
    ("\u00ab", '"'), ("\u00bb", '"'),
)


class _Comparable(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


Keep: TypeAlias = "Literal['first', 'longest'] | Callable[[Document], _Comparable]"
"""Which copy of a cluster to keep: ``"first"`` (the earliest in input order), ``"longest"``
(the most characters of :func:`canonical_text`), or a key function: the member with the
largest key is kept. Ties always go to the earliest."""



# --------------------------------------------------------------------------- exact


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        for curly, straight in _QUOTES:
            text = text.replace(curly, straight)  # str.replace is much faster than translate
    return " ".join(text.split())


def canonical_text(document: Document) -> str:
    """The normalized content that :func:`fingerprint` hashes.

    Normalization, applied to the title, to each caption (``Caption.raw``, credit included)
    and to each paragraph: Unicode NFC; curly and angle quotes to ``'`` and ``"``; every run
    of whitespace (any Unicode space, tab or line break) to one space; no space at either
    end. Parts that are then empty are dropped. Page chrome (``Document.chrome``) and
    provenance take no part; case and all other characters are kept.

    The result is the title, the captions and the paragraphs, each section's parts joined by
    ``"\\n"`` and the three sections joined by ``"\\n\\n"``.

    Args:
        document: Any document.

    Returns:
        The canonical text.

    >>> from newsdoc import Document, Paragraph
    >>> canonical_text(Document(title=" A  \u201cbig\u201d day ",
    ...                         paragraphs=(Paragraph(text="One\\u00a0two."),), chrome=("TT",)))
    'A "big" day\\n\\n\\n\\nOne two.'

    .. versionadded:: 0.1.0
    """
    captions = "\n".join(p for p in (_norm(c.raw) for c in document.captions) if p)
    paragraphs = "\n".join(p for p in (_norm(x.text) for x in document.paragraphs) if p)
    return f"{_norm(document.title)}\n\n{captions}\n\n{paragraphs}"


def fingerprint(document: Document) -> bytes:
    """A 16-byte fingerprint of the document's content, for exact-duplicate detection.

    It is BLAKE2b with a 16-byte digest and personalization ``b"newsdoc-fp-v1"`` over the
    UTF-8 bytes of :func:`canonical_text`: the same on every run, process, Python version
    and machine. Whitespace-only edits, quote styles, Unicode composition and page chrome
    do not change it.

    Args:
        document: Any document.

    Returns:
        16 bytes (``.hex()`` gives a 32-character string).

    >>> from newsdoc import Document
    >>> fingerprint(Document(title="Hello")) == fingerprint(Document(title=" Hello\\n"))
    True
    >>> len(fingerprint(Document(title="Hello")))
    16

    .. versionadded:: 0.1.0
    """
    data = canonical_text(document).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16, person=_FINGERPRINT_PERSON).digest()


def is_placeholder(document: Document) -> bool:
    """Whether the document only stands for input that could not be read.

    A lenient read that cannot make a document of some input (a file that is not what its
    format says, undecodable JSON, a binary file) still yields one document carrying the
    problem as a diagnostic, so that nothing is lost silently. Such a *placeholder* has an
    error-severity diagnostic and no content: its :func:`canonical_text` has no title, no
    caption and no paragraph. The dedup functions leave placeholders out unless asked
    (``include_placeholders=True``): they are in no cluster, :func:`deduplicate` does not
    return them and :class:`Deduplicator` gives them the status ``Status.PLACEHOLDER``.

    Args:
        document: Any document.

    Returns:
        ``True`` for a placeholder.

    Raises:
        Nothing: any document is accepted.

    >>> from newsdoc import Diagnostic, Document, Severity
    >>> bad = Diagnostic(code="not-json", message="not JSON", severity=Severity.ERROR)
    >>> is_placeholder(Document(title="", diagnostics=(bad,)))
    True
    >>> is_placeholder(Document(title="Kept", diagnostics=(bad,)))
    False
    >>> is_placeholder(Document(title=""))
    False

    .. versionadded:: 0.1.0
    """
    if not any(d.severity is Severity.ERROR for d in document.diagnostics):
        return False
    return canonical_text(document) == _EMPTY_CANONICAL


_EMPTY_CANONICAL = "\n\n\n\n"


# --------------------------------------------------------------------------- results


@attrs.frozen(kw_only=True)
class Pair:
    """Two documents found similar.

    Attributes:
        first: Index (input order) of one document.
        second: Index of the other; ``first < second``.
        similarity: Their estimated Jaccard similarity (1.0 for exact duplicates).

    .. versionadded:: 0.1.0
    """

    first: int
    second: int
    similarity: float


@attrs.frozen(kw_only=True)
class Cluster:
    """A group of duplicates.

    Attributes:
        members: Indices (input order) of the documents in the cluster, ascending; at least
            two.
        keep: The member to keep, chosen by the ``keep`` policy.
        similarities: For each member (aligned with ``members``), its estimated Jaccard
            similarity to the kept one (1.0 for the kept one itself and for exact copies).
            A member joined through another can be less similar to the kept one than the
            threshold.
        pairs: The links found: pairs of members whose similarity reached the threshold
            (for exact duplicates: each member with the kept one).

    .. versionadded:: 0.1.0
    """

    members: tuple[int, ...]
    keep: int
    similarities: tuple[float, ...]
    pairs: tuple[Pair, ...]

    @property
    def dropped(self) -> tuple[int, ...]:
        """The members other than :attr:`keep`."""
        return tuple(m for m in self.members if m != self.keep)


class _Scorer:
    """Turns a keep policy into a per-document score (highest wins, ties to the earliest)."""

    def __init__(self, keep: Keep) -> None:
        if keep == "first":
            self.fn: Callable[[Document], _Comparable] | None = None
        elif keep == "longest":
            self.fn = lambda d: len(canonical_text(d))
        elif callable(keep):
            self.fn = keep
        else:
            raise ValueError(f"keep must be 'first', 'longest' or a function, not {keep!r}")
        self.scores: list[_Comparable] = []

    def add(self, document: Document) -> None:
        if self.fn is not None:
            self.scores.append(self.fn(document))

    def choose(self, members: Sequence[int]) -> int:
        best = members[0]
        if self.fn is not None:
            for m in members[1:]:
                if self.scores[best] < self.scores[m]:
                    best = m
        return best


def exact_duplicates(
    documents: Iterable[Document], *, keep: Keep = "first", include_placeholders: bool = False
) -> tuple[Cluster, ...]:
    """Groups of documents with the same :func:`fingerprint`. Standard library only.

    Args:
        documents: The documents, consumed once.
        keep: Which copy each cluster keeps (see :data:`Keep`).
        include_placeholders: Also group placeholders for unreadable input (see
            :func:`is_placeholder`); by default they are in no cluster.

    Returns:
        The clusters, ordered by their first member; documents without a copy are in none.
        The clusters do not depend on the input order (as sets of documents).

    Raises:
        ValueError: ``keep`` is not a valid policy.

    >>> from newsdoc import Document
    >>> docs = [Document(title="A"), Document(title="B"), Document(title=" A ")]
    >>> [c.members for c in exact_duplicates(docs)]
    [(0, 2)]

    .. versionadded:: 0.1.0
    """
    scorer = _Scorer(keep)
    groups: dict[bytes, list[int]] = {}
    for i, doc in enumerate(documents):
        scorer.add(doc)
        if include_placeholders or not is_placeholder(doc):
            groups.setdefault(fingerprint(doc), []).append(i)
    clusters = []
    for members in groups.values():
        if len(members) > 1:
            kept = scorer.choose(members)
            clusters.append(
                Cluster(
                    members=tuple(members),
                    keep=kept,
                    similarities=(1.0,) * len(members),
                    pairs=tuple(
                        Pair(first=min(kept, m), second=max(kept, m), similarity=1.0)
                        for m in members
                        if m != kept
                    ),
                )
            )
    clusters.sort(key=lambda c: c.members[0])
    return tuple(clusters)
