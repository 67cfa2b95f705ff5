"""The deprecation helper behind docs/stability.md."""

from __future__ import annotations

import warnings

import pytest

from newsdoc._deprecation import deprecated, deprecation_message, warn_deprecated


def test_message_names_the_removal_release_and_the_replacement() -> None:
    assert deprecation_message("newsdoc.old()", removed_in="0.3") == (
        "newsdoc.old() is deprecated and will be removed in newsdoc 0.3."
    )
    assert deprecation_message("newsdoc.old()", removed_in="1.2.3", instead="newsdoc.new()") == (
        "newsdoc.old() is deprecated and will be removed in newsdoc 1.2.3; use newsdoc.new() "
        "instead."
    )


@pytest.mark.parametrize("release", ["", "next", "1", "v1.0", "1.0-beta", "1.0 "])
def test_removal_release_must_be_a_release_number(release: str) -> None:
    with pytest.raises(ValueError, match="removed_in must be a release"):
        deprecation_message("x", removed_in=release)
    with pytest.raises(ValueError, match="removed_in must be a release"):
        deprecated(removed_in=release)


def _old_api() -> None:
    warn_deprecated("the 'lenient' argument of newsdoc.read()", removed_in="0.4",
                    instead="strict=False")


def test_warn_deprecated_points_at_the_caller() -> None:
    with pytest.warns(DeprecationWarning, match=r"removed in newsdoc 0\.4; use strict") as rec:
        _old_api()  # the warning must name this line
    assert len(rec) == 1
    assert rec[0].filename == __file__
    assert rec[0].lineno == test_warn_deprecated_points_at_the_caller.__code__.co_firstlineno + 2


@deprecated(removed_in="0.5", instead="newsdoc.read()")
def read_old(path: str, *, strict: bool = False) -> str:
    """Read the old way."""
    return f"{path}:{strict}"


def test_deprecated_function_warns_at_the_call_site_and_still_works() -> None:
    with pytest.warns(DeprecationWarning, match=r"read_old\(\) is deprecated") as rec:
        assert read_old("a.txt", strict=True) == "a.txt:True"
    assert str(rec[0].message) == (
        "tests.test_api_deprecation.read_old() is deprecated and will be removed in newsdoc "
        "0.5; use newsdoc.read() instead."
    ) or str(rec[0].message).endswith(
        "read_old() is deprecated and will be removed in newsdoc 0.5; use newsdoc.read() "
        "instead."
    )
    assert rec[0].filename == __file__
    assert read_old.__name__ == "read_old"
    assert read_old.__doc__ == "Read the old way."
    assert read_old.__deprecated__ == str(rec[0].message)  # type: ignore[attr-defined]


def test_deprecated_function_gets_its_public_name() -> None:
    def f() -> None:
        pass

    f.__module__ = "newsdoc._io"
    f.__qualname__ = "read_old"
    wrapped = deprecated(removed_in="1.0")(f)
    assert wrapped.__deprecated__.startswith(  # type: ignore[attr-defined]
        "newsdoc.read_old() is deprecated"
    )
    named = deprecated(removed_in="1.0", name="newsdoc.Document.body")(f)
    assert named.__deprecated__.startswith("newsdoc.Document.body is")  # type: ignore[attr-defined]


def test_warning_becomes_an_error_when_asked() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        with pytest.raises(DeprecationWarning, match=r"removed in newsdoc 0\.4"):
            _old_api()
