"""The table of known photo and news agencies: canonical names and the forms credits use.

The table is immutable data. :data:`KNOWN_AGENCIES` is the built-in table; users extend it
with :meth:`Agencies.extended`, which returns a new table, and pass the result to the caption
functions as ``agencies=``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
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

    def canonical(self, name: str) -> str | None:
        """The canonical name of the agency ``name`` stands for, or ``None``.

        Args:
            name: A name as a credit writes it (``"REUTERS"``, ``"The Associated Press"``).

        Returns:
            The canonical name, or ``None`` when the table does not know ``name``.

        Raises:
            Nothing.

        >>> KNOWN_AGENCIES.canonical("REUTERS"), KNOWN_AGENCIES.canonical("Asharq Al-Awsat")
        ('Reuters', None)
        """
        found = self._exact.get(name)
        if found is None:
            folded = _fold(name)
            found = self._folded.get(folded)
            if found is None and " " in folded:
                found = self._exact.get(" ".join(name.split()))
        return found

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


KNOWN_AGENCIES = Agencies(
    {
        # Global wire services and picture agencies.
        "AFP": ("Agence France-Presse", "Agence France Presse", "AFP Photo"),
        "AP": ("Associated Press", "The Associated Press", "AP Photo", "AP Images"),
        "Reuters": ("Thomson Reuters",),
        "Getty Images": ("Getty",),
        "EPA": ("EPA-EFE", "European Pressphoto Agency"),
        "EFE": ("Agencia EFE",),
        "dpa": ("Deutsche Presse-Agentur", "picture alliance", "picture-alliance"),
        "Bloomberg": ("Bloomberg News",),
        "UPI": ("United Press International",),
        "Shutterstock": ("Rex Features", "REX/Shutterstock", "REX"),
        "Alamy": ("Alamy Stock Photo", "Alamy Live News"),
        "iStock": ("iStockphoto",),
        "Corbis": (),
        "NurPhoto": (),
        "SOPA Images": (),
        "ZUMA Press": ("ZUMA", "ZUMA Wire", "ZUMAPRESS"),
        "Sipa": ("Sipa USA", "Sipa Press"),
        "Abaca": ("Abaca Press",),
        "ANSA": (),
        "PA": ("PA Media", "PA Wire", "PA Images", "PA Archive", "Press Association"),
        "AAP": ("Australian Associated Press",),
        "SWNS": (),
        # Asia and Europe.
        "Xinhua": ("Xinhua News Agency",),
        "Kyodo": ("Kyodo News",),
        "Yonhap": ("Yonhap News Agency",),
        "Jiji Press": ("Jiji",),
        "TASS": ("ITAR-TASS",),
        "RIA Novosti": (),
        "Sputnik": (),
        "PTI": ("Press Trust of India",),
        "ANI": ("Asian News International",),
        "IANS": (),
        "Anadolu": ("Anadolu Agency", "Anadolu Ajansı"),
        # The Arab world and Iran.
        "SPA": ("Saudi Press Agency",),
        "WAM": ("Emirates News Agency",),
        "WAFA": ("Wafa", "Palestinian News and Info Agency"),
        "KUNA": ("Kuwait News Agency",),
        "QNA": ("Qatar News Agency",),
        "BNA": ("Bahrain News Agency",),
        "ONA": ("Oman News Agency",),
        "MENA": ("Middle East News Agency",),
        "SANA": ("Syrian Arab News Agency",),
        "NNA": ("National News Agency",),
        "INA": ("Iraqi News Agency",),
        "SUNA": ("Sudan News Agency",),
        "Saba": ("Saba News Agency",),
        "IRNA": ("Islamic Republic News Agency",),
        "Tasnim": ("Tasnim News Agency",),
        "Fars": ("Fars News Agency",),
        "Mehr": ("Mehr News Agency",),
    }
)
"""The agencies newsdoc knows out of the box. Extend it with :meth:`Agencies.extended`."""
