"""Sample files shipped with newsdoc, for trying it out and for smoke tests.

The articles in them are invented; the files follow the formats exactly.

>>> import newsdoc, newsdoc.samples
>>> docs = newsdoc.read(newsdoc.samples.path("articles.txt"))
>>> docs[0].source.format
'scraped-text'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["path"]

_HERE = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """The path of the shipped sample file ``name``.

    Args:
        name: A file name: ``"articles.txt"`` holds invented articles in the scraped-text
            format.

    Returns:
        The absolute path of the file, inside the installed package.

    Raises:
        FileNotFoundError: there is no sample of that name (the message lists those
            there are).

    .. versionadded:: 0.1.0
    """
    found = _HERE / name
    if Path(name).name != name or not found.is_file() or found.suffix == ".py":
        available = sorted(p.name for p in _HERE.iterdir() if p.is_file() and p.suffix != ".py")
        raise FileNotFoundError(f"newsdoc has no sample {name!r}; samples: {', '.join(available)}")
    return found
