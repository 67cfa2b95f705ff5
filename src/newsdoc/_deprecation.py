"""The one way newsdoc deprecates something (``docs/stability.md``).

A deprecated feature keeps working and warns with a :class:`DeprecationWarning` that names
the release removing it and what to use instead, pointing at the caller's line
(``stacklevel``). Deprecated functions also carry ``__deprecated__``, the message, as
:pep:`702` has it, so tools and the API snapshot test can find them.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import regex

__all__ = ["deprecated", "deprecation_message", "warn_deprecated"]

P = ParamSpec("P")
R = TypeVar("R")

_RELEASE = regex.compile(r"\d+\.\d+(?:\.\d+)?")


def deprecation_message(what: str, *, removed_in: str, instead: str | None = None) -> str:
    """The text of a deprecation warning.

    Args:
        what: The deprecated feature, fully qualified (``"newsdoc.old_read()"``, ``"the
            'lenient' argument of newsdoc.read()"``).
        removed_in: The release that removes it, ``MAJOR.MINOR`` or ``MAJOR.MINOR.PATCH``.
        instead: What to use instead, when there is a replacement.

    Returns:
        ``"<what> is deprecated and will be removed in newsdoc <removed_in>; use <instead>
        instead."``

    Raises:
        ValueError: ``removed_in`` is not a release number.

    >>> deprecation_message("newsdoc.old()", removed_in="1.0", instead="newsdoc.new()")
    'newsdoc.old() is deprecated and will be removed in newsdoc 1.0; use newsdoc.new() instead.'
    """
    if _RELEASE.fullmatch(removed_in) is None:
        raise ValueError(f"removed_in must be a release such as '1.0' or '1.2.3', not "
                         f"{removed_in!r}")
    text = f"{what} is deprecated and will be removed in newsdoc {removed_in}"
    return text + (f"; use {instead} instead." if instead else ".")


def warn_deprecated(what: str, *, removed_in: str, instead: str | None = None,
                    stacklevel: int = 2) -> None:
    """Emit the :class:`DeprecationWarning` of :func:`deprecation_message`.

    Call it from the deprecated code path itself (a deprecated argument, attribute or
    format); for a whole function use :func:`deprecated`.

    Args:
        what: The deprecated feature, fully qualified.
        removed_in: The release that removes it.
        instead: What to use instead, when there is a replacement.
        stacklevel: As for :func:`warnings.warn`; the default 2 points at the caller of
            the function that calls this one.

    Raises:
        ValueError: ``removed_in`` is not a release number.
        DeprecationWarning: only when warnings are turned into errors
            (``python -W error``).
    """
    message = deprecation_message(what, removed_in=removed_in, instead=instead)
    warnings.warn(message, DeprecationWarning, stacklevel=stacklevel + 1)


def _public_name(func: Callable[..., object]) -> str:
    module = ".".join(p for p in func.__module__.split(".") if not p.startswith("_"))
    return f"{module}.{func.__qualname__}()"


def deprecated(*, removed_in: str, instead: str | None = None,
               name: str | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a function deprecated: each call warns, then runs it unchanged.

    Args:
        removed_in: The release that removes it.
        instead: What to use instead, when there is a replacement.
        name: The function's public name; by default its module path without private
            parts (``newsdoc._io.read`` is ``newsdoc.read()``).

    Returns:
        A decorator. The wrapped function keeps its name, docstring and signature and has
        ``__deprecated__`` set to the warning's message.

    Raises:
        ValueError: ``removed_in`` is not a release number (at decoration time).
    """
    deprecation_message("", removed_in=removed_in)  # validate now, not at the first call

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        message = deprecation_message(name or _public_name(func), removed_in=removed_in,
                                      instead=instead)

        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            warnings.warn(message, DeprecationWarning, stacklevel=2)
            return func(*args, **kwargs)

        wrapper.__deprecated__ = message  # type: ignore[attr-defined]
        return wrapper

    return decorate
