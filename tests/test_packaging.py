"""The package as users get it: version, metadata, and what the wheel ships.

CI goes further (``.ci/run``): it builds the sdist and the wheel with ``python -m build``,
runs ``twine check``, installs the wheel into a fresh virtualenv and runs ``.ci/smoke.py``
there.
"""

from __future__ import annotations

import email
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
import regex

import newsdoc
import newsdoc.samples
import newsdoc.schema

ROOT = Path(__file__).resolve().parents[1]


def _pyproject_version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    m = regex.search(r'^version = "([^"]+)"$', text, regex.M)
    assert m is not None, "pyproject.toml has no static version"
    return m.group(1)


def test_version_is_single_sourced() -> None:
    assert newsdoc.__version__ == metadata.version("newsdoc") == _pyproject_version()


def test_version_attribute_is_lazy_and_others_are_not_invented() -> None:
    assert "__version__" not in vars(newsdoc)
    with pytest.raises(AttributeError, match="no attribute 'version'"):
        newsdoc.version  # type: ignore[attr-defined]  # noqa: B018


def test_cli_version() -> None:
    run = subprocess.run([sys.executable, "-m", "newsdoc", "--version"], capture_output=True,
                         text=True, check=True)
    assert run.stdout.strip() == f"newsdoc {newsdoc.__version__}"


def test_metadata_is_complete() -> None:
    meta = metadata.metadata("newsdoc")
    assert meta["Name"] == "newsdoc"
    assert meta["Summary"]
    assert meta["License-Expression"] == "MIT" or meta["License"] == "MIT"
    assert meta["Requires-Python"] == ">=3.10"
    classifiers = meta.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers
    assert "Programming Language :: Python :: 3.10" in classifiers
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Changelog", "Issues", "Source"} <= set(urls)
    extras = set(meta.get_all("Provides-Extra") or [])
    assert {"dedup", "pandas", "testing", "docs", "test"} <= extras


def test_package_data_is_reachable() -> None:
    assert newsdoc.samples.path("articles.txt").read_text(encoding="utf-8").strip()
    assert newsdoc.schema.document_schema()["properties"]["schema_version"]["const"] == 2
    assert (Path(newsdoc.__file__).parent / "py.typed").is_file()


def test_samples_path_refuses_what_is_not_a_sample() -> None:
    for name in ("missing.txt", "../__init__.py", "__init__.py", ""):
        with pytest.raises(FileNotFoundError, match=r"samples: articles\.txt"):
            newsdoc.samples.path(name)


def test_wheel_ships_the_package_and_its_data(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Build the wheel in-process with the build backend (fast; CI also builds it the slow,
    isolated way) and look inside."""
    build = pytest.importorskip("hatchling.build")
    monkeypatch.chdir(ROOT)
    wheel = tmp_path / build.build_wheel(str(tmp_path))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = email.message_from_bytes(zf.read(meta_name))
        entry_points = zf.read(meta_name.replace("METADATA", "entry_points.txt")).decode()
    for required in ("newsdoc/__init__.py", "newsdoc/py.typed", "newsdoc/samples/articles.txt",
                     f"newsdoc/schema/document-v{newsdoc.schema.SCHEMA_VERSION}.schema.json",
                     "newsdoc/cli/__init__.py", "newsdoc/formats/scraped_text.py"):
        assert required in names, f"the wheel lacks {required}"
    assert not [n for n in names if n.startswith(("tests/", "docs/", "benchmarks/"))]
    assert not [n for n in names if n.endswith((".pyc", ".orig", ".rej"))]
    assert meta["Version"] == newsdoc.__version__
    assert meta["Description-Content-Type"] == "text/markdown"
    assert "newsdoc = newsdoc.cli:main" in entry_points


def test_the_documented_plugin_pin_admits_this_version() -> None:
    """The pin docs/plugins.md tells plugin authors to use (and the example plugin uses)
    admits the current version, as pip would read it (a development release only when the
    pin names one). CI also installs the example plugin with it against a wheel of this
    tree."""
    specifiers = pytest.importorskip("packaging.specifiers")
    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    pins = set(regex.findall(r"newsdoc(?:\[\w+\])?([<>=!~][^\"`\s]*)", text))
    example = (ROOT / "examples" / "newsdoc-reader-example" / "pyproject.toml").read_text(
        encoding="utf-8")
    assert pins, "docs/plugins.md names no newsdoc pin"
    declared = regex.search(r'dependencies = \["newsdoc([^"]*)"\]', example)
    assert declared is not None and declared[1] in pins
    for pin in pins:
        assert newsdoc.__version__ in specifiers.SpecifierSet(pin), pin
