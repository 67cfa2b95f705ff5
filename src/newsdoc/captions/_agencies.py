"""The table of known photo and news agencies: canonical names and the forms credits use.

The table is immutable data. :data:`KNOWN_AGENCIES` is the built-in table; users extend it
with :meth:`Agencies.extended`, which returns a new table, and pass the result to the caption
functions as ``agencies=``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from types import MappingProxyType

__all__ = ["KNOWN_AGENCIES", "Agencies", "is_acronym"]


def _fold(name: str) -> str:
    """The lookup key of a name: case-folded, one space between words, no periods."""
    return " ".join(name.replace(".", "").replace("\u2011", "-").casefold().split())


def is_acronym(item: str) -> bool:
    """``UNSMIL``, ``ICJ-CIJ``: capitals (two letters at least), digits, ``&`` and ``-``.

    The one definition of an acronym for the caption code: the parser uses it to tell an
    organisation's initials, the agency table to decide which aliases match only in capitals.
    """
    if not 2 <= len(item) <= 10 or item in ("L-R", "R-L") or item[0] == "-":
        return False
    letters = item.replace("&", "").replace("-", "")
    return letters.isalnum() and letters.isupper() and sum(c.isalpha() for c in letters) >= 2


_EXACT_CASE_MAX = 5
"""Acronym aliases this short (``AP``, ``SPA``, ``WAM``) match only when written in capitals:
in lower case they are ordinary words ("ap", "spa", "wam")."""


def _exact_case(alias: str) -> bool:
    return len(alias) <= _EXACT_CASE_MAX and is_acronym(alias)


class Agencies(Mapping[str, tuple[str, ...]]):
    """An immutable table of agencies: canonical name -> the aliases credits use for it.

    Looking a name up (:meth:`canonical`) ignores case, periods and runs of spaces, except
    for short all-capitals aliases (``AP``, ``SPA``, ``WAM``): those match only when written
    in capitals, so that the words "ap" or "spa" in a sentence are never taken for agencies.
    The canonical name itself is always an alias.

    Args:
        entries: Canonical name -> aliases.

    Raises:
        ValueError: an empty name, or an alias given to two different agencies.

    >>> table = Agencies({"AFP": ("Agence France-Presse",)})
    >>> table.canonical("AGENCE FRANCE-PRESSE"), table.canonical("afp"), table.canonical("AFP")
    ('AFP', None, 'AFP')
    >>> bigger = table.extended({"Kyodo": ("Kyodo News",)})
    >>> sorted(bigger), "Kyodo" in table
    (['AFP', 'Kyodo'], False)

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_entries", "_exact", "_first", "_folded", "_last", "_max_words")

    def __init__(self, entries: Mapping[str, Iterable[str]] = MappingProxyType({})) -> None:
        table: dict[str, tuple[str, ...]] = {}
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for canonical, aliases in entries.items():
            names = tuple(dict.fromkeys((canonical, *aliases)))
            if any(not n.strip() for n in names):
                raise ValueError(f"agency {canonical!r}: names must not be blank")
            table[canonical] = names
            for alias in names:
                key = " ".join(alias.split())
                target = exact if _exact_case(key) else folded
                key = key if target is exact else _fold(key)
                if target.get(key, canonical) != canonical:
                    raise ValueError(
                        f"alias {alias!r} given to both {target[key]!r} and {canonical!r}"
                    )
                target[key] = canonical
        self._entries: Mapping[str, tuple[str, ...]] = MappingProxyType(table)
        # Plain dicts, never handed out and never changed after this: a lookup through a
        # MappingProxyType costs an extra call on the caption parser's hottest path.
        self._exact: dict[str, str] = exact
        self._folded: dict[str, str] = folded
        keys = [_fold(k) for k in (*exact, *folded)]
        self._max_words = max((len(k.split()) for k in keys), default=0)
        self._first = frozenset(k.split()[0] for k in keys)
        self._last = frozenset(k.split()[-1] for k in keys)

    def __getitem__(self, canonical: str) -> tuple[str, ...]:
        return self._entries[canonical]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Agencies(<{len(self)} agencies>)"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Agencies):
            return dict(self._entries) == dict(other._entries)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self._entries.items()))

    @property
    def max_words(self) -> int:
        """The number of words in the longest alias."""
        return self._max_words

    @property
    def first_words(self) -> frozenset[str]:
        """The first words of all aliases, case-folded without periods: a quick pre-test."""
        return self._first

    @property
    def last_words(self) -> frozenset[str]:
        """The last words of all aliases, case-folded without periods: a quick pre-test."""
        return self._last

    def canonical(self, name: str, *, any_case: bool = False) -> str | None:
        """The canonical name of the agency ``name`` stands for, or ``None``.

        Args:
            name: A name as a credit writes it (``"REUTERS"``, ``"The Associated Press"``).
            any_case: Match short all-capitals aliases in any case too (``"epa"``,
                ``"Afp"``): for a name that already stands where a credit puts its agency.

        Returns:
            The canonical name, or ``None`` when the table does not know ``name``.

        Raises:
            Nothing.

        >>> KNOWN_AGENCIES.canonical("REUTERS"), KNOWN_AGENCIES.canonical("Asharq Al-Awsat")
        ('Reuters', None)
        >>> KNOWN_AGENCIES.canonical("epa"), KNOWN_AGENCIES.canonical("epa", any_case=True)
        (None, 'EPA')
        """
        found = self._exact.get(name)
        if found is None:
            folded = _fold(name)
            found = self._folded.get(folded)
            if found is None and " " in folded:
                found = self._exact.get(" ".join(name.split()))
            if found is None and any_case:
                found = self._exact.get(" ".join(name.split()).upper())
        return found

    @classmethod
    def from_text(cls, text: str) -> Agencies:
        """A table read from text in the form of the package's ``agencies.tsv``.

        One agency a line: its canonical name, a tab, and its aliases separated by ``|``
        (there may be none). Blank lines and lines starting with ``#`` are ignored; an
        agency named on two lines gets the aliases of both.

        Args:
            text: The table.

        Returns:
            The table.

        Raises:
            ValueError: a line with more than one tab or no name, a blank alias, or an
                alias given to two different agencies.

        >>> table = Agencies.from_text("# my agencies\\nKyodo\\tKyodo News|Kyodo Photo\\n")
        >>> table["Kyodo"]
        ('Kyodo', 'Kyodo News', 'Kyodo Photo')
        """
        return cls(_read_table(text))

    def extended(self, entries: Mapping[str, Iterable[str]]) -> Agencies:
        """A new table with ``entries`` added; aliases of an agency already known are merged.

        Args:
            entries: Canonical name -> aliases, as for the constructor.

        Returns:
            The extended table; this one is unchanged.

        Raises:
            ValueError: an empty name, or an alias already given to another agency.

        >>> KNOWN_AGENCIES.extended({"Reuters": ("Thomson Reuters Foundation",)})["Reuters"][-1]
        'Thomson Reuters Foundation'
        """
        merged: dict[str, tuple[str, ...]] = dict(self._entries)
        for canonical, aliases in entries.items():
            merged[canonical] = (*merged.get(canonical, ()), *aliases)
        return Agencies(merged)


def _read_table(text: str) -> dict[str, tuple[str, ...]]:
    entries: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        canonical, _, aliases = line.partition("\t")
        if not canonical.strip() or "\t" in aliases:
            raise ValueError(f"agency table line {number}: expected NAME<TAB>ALIAS|ALIAS...")
        names = tuple(a.strip() for a in aliases.split("|") if a.strip())
        entries[canonical.strip()] = (*entries.get(canonical.strip(), ()), *names)
    return entries


KNOWN_AGENCIES = Agencies.from_text(
    resources.files("newsdoc.captions").joinpath("agencies.tsv").read_text(encoding="utf-8")
)
"""The agencies newsdoc knows out of the box (the package's ``agencies.tsv``): the world's
wire services and picture agencies and the national news agencies of the Arab world, Iran
and Turkey. Extend it with :meth:`Agencies.extended` or :meth:`Agencies.from_text`."""
