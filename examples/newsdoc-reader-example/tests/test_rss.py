"""The plugin author's own tests: newsdoc's conformance kit does the heavy lifting."""

from __future__ import annotations

import pytest
from newsdoc_reader_example import RssFormat
from newsdoc_reader_example.testing import limits

import newsdoc
from newsdoc.testing import CHECKS, check_format


@pytest.mark.parametrize("check", CHECKS)
def test_conformance(check: str) -> None:
    """RSS keeps newsdoc's promises within its declared limits."""
    check_format(RssFormat(), limits(), checks=[check])


def test_installed_as_a_plugin() -> None:
    fmt = newsdoc.get_format("rss")
    assert isinstance(fmt, RssFormat)
    assert newsdoc.Registry().info("rss").origin == "newsdoc-reader-example"
