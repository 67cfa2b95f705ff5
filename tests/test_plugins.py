"""Plugin discovery: broken plugins are reported clearly and break nothing else.

The fixture distributions in ``tests/plugins/site`` are put on ``sys.path`` (never
installed): ``newsdoc-broken-plugin`` declares a module that fails to import, a format
named like a built-in, an object that is not a format and a format with malformed
extensions; ``newsdoc-fixture-plugin`` is healthy.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import newsdoc
from newsdoc.exceptions import PluginError

SITE = Path(__file__).resolve().parent / "plugins" / "site"
BUILTINS = ("scraped-text", "json", "jsonl")
ARTICLE = "Rain in Lagos\n\nTT\n\nRain in Lagos\n\nIt rained all day.\n\nThen it stopped."


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> newsdoc.Registry:
    """A fresh registry holding the built-in formats, with the fixtures discoverable."""
    monkeypatch.syspath_prepend(str(SITE))
    reg = newsdoc.Registry()
    for name in BUILTINS:
        reg.register(newsdoc.get_format(name))
    return reg


def _errors(reg: newsdoc.Registry) -> dict[str, PluginError]:
    return {e.plugin: e for e in reg.plugin_errors()}


def test_import_failure_names_plugin_and_distribution(registry: newsdoc.Registry) -> None:
    err = _errors(registry)["broken"]
    assert err.distribution == "newsdoc-broken-plugin"
    message = str(err)
    assert "plugin 'broken'" in message
    assert "newsdoc_broken_plugin_import:BrokenFormat" in message
    assert "newsdoc-broken-plugin 0.1.0" in message
    assert "could not be loaded" in message
    assert "newsdoc_fixture_dependency_that_is_not_installed" in message
    assert isinstance(err.__cause__, ModuleNotFoundError)
    assert isinstance(err, ImportError)  # PluginError is an ImportError for plain callers


def test_taken_name_is_an_error_and_the_builtin_keeps_it(registry: newsdoc.Registry) -> None:
    err = _errors(registry)["json"]
    assert err.distribution == "newsdoc-broken-plugin"
    assert "could not be registered" in str(err)
    assert "format name 'json' is already taken by newsdoc" in str(err)
    fmt = registry.get("json")
    assert registry.info("json").origin == "newsdoc"
    assert type(fmt).__module__ == "newsdoc.formats.jsonl"


def test_objects_that_are_not_formats_are_reported(registry: newsdoc.Registry) -> None:
    errors = _errors(registry)
    assert "is int, not a newsdoc.Format subclass or instance" in str(errors["not-a-format"])
    assert "extensions must be a tuple of strings starting with '.'" in str(
        errors["bad-extensions"])
    assert "bad-extensions" not in registry.formats()


def test_other_plugins_and_builtins_keep_working(registry: newsdoc.Registry) -> None:
    formats = registry.formats()
    assert set(BUILTINS) | {"headlines"} <= set(formats)
    assert "broken" not in formats
    headlines = formats["headlines"]
    info = registry.info("headlines")
    assert (info.format, info.origin) == (headlines, "newsdoc-fixture-plugin")
    assert info.entry_point == "headlines = newsdoc_fixture_plugin:Headlines"
    assert not hasattr(headlines, "origin") and not hasattr(headlines, "entry_point")
    assert registry.detect(path="today.headlines") is headlines
    assert registry.detect(path="a.txt").name == "scraped-text"
    assert registry.detect(prefix='{"schema_version": 1}').name == "jsonl"
    docs = list(formats["scraped-text"].read([ARTICLE], newsdoc.ReadOptions()))
    assert [d.title for d in docs] == ["Rain in Lagos"]


def test_asking_for_a_broken_plugin_raises_its_error(registry: newsdoc.Registry) -> None:
    with pytest.raises(PluginError, match=r"plugin 'broken' .* newsdoc-broken-plugin 0\.1\.0"):
        registry.get("broken")
    with pytest.raises(newsdoc.exceptions.UnknownFormatError, match="headlines"):
        registry.get("no-such-format")


def test_plugins_load_lazily_and_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(SITE))
    monkeypatch.delitem(sys.modules, "newsdoc_fixture_plugin", raising=False)
    reg = newsdoc.Registry()
    reg.register(newsdoc.get_format("json"))
    assert reg.get("json").name == "json"  # a registered name needs no discovery
    assert "newsdoc_fixture_plugin" not in sys.modules
    first = reg.plugin_errors()
    assert reg.plugin_errors() == first  # not loaded (nor reported) twice
    assert "newsdoc_fixture_plugin" in sys.modules


def test_no_entry_point_group_means_no_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(SITE))
    reg = newsdoc.Registry(entry_point_group=None)
    assert dict(reg.formats()) == {}
    assert reg.plugin_errors() == ()


class _Local(newsdoc.Format):
    name = "local-test-format"

    def read(self, chunks: Iterable[str], options: newsdoc.ReadOptions) -> Iterator[
            newsdoc.Document]:
        yield newsdoc.Document(title="".join(chunks))


def test_runtime_registration_reports_its_module() -> None:
    reg = newsdoc.Registry(entry_point_group=None)
    fmt = reg.register(_Local())
    assert reg.info(fmt.name) == newsdoc.FormatInfo(format=fmt, origin=__name__)
    assert vars(fmt) == {}  # the registry keeps its records to itself
    with pytest.raises(ValueError, match="already registered"):
        reg.register(_Local())
    assert reg.register(_Local(), replace=True) is not fmt


def _run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SITE), env.get("PYTHONPATH")) if p)
    return subprocess.run([sys.executable, "-m", "newsdoc", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_cli_formats_reports_broken_plugin_and_lists_the_rest(tmp_path: Path) -> None:
    result = _run_cli("formats", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    header, *lines = result.stdout.splitlines()
    assert re.split(r"\s{2,}", header) == ["NAME", "EXTENSIONS", "READ", "WRITE", "FROM",
                                            "DESCRIPTION"]
    rows = {cells[0]: cells for cells in (re.split(r"\s{2,}", ln) for ln in lines)}
    assert set(BUILTINS) | {"headlines"} <= set(rows)
    for name in BUILTINS:
        assert rows[name][4] == "newsdoc"
    assert rows["headlines"][1:5] == [".headlines", "yes", "yes", "newsdoc-fixture-plugin 0.2.0"]
    assert "broken" not in rows
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("newsdoc: warning:")]
    assert any("plugin 'broken'" in w and "newsdoc-broken-plugin 0.1.0" in w
               and "ModuleNotFoundError" in w for w in warnings), result.stderr
    assert any("format name 'json' is already taken by newsdoc" in w for w in warnings)
    assert "Traceback" not in result.stderr


def test_cli_reads_with_a_broken_plugin_installed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.headlines").write_text("One\nTwo\n", encoding="utf-8")
    result = _run_cli("read", "a.txt", "b.headlines", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    docs = newsdoc.read(io.BytesIO(result.stdout.encode()), "jsonl")
    assert [d.title for d in docs] == ["Rain in Lagos", "One", "Two"]
