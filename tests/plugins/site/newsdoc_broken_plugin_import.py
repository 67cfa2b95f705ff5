"""A plugin module that cannot be imported: it needs a dependency that is not installed."""

from __future__ import annotations

import newsdoc_fixture_dependency_that_is_not_installed  # noqa: F401

from newsdoc import Format


class BrokenFormat(Format):
    name = "broken"
