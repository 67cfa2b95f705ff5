"""The public API, pinned: names, signatures and model fields against a checked-in snapshot.

``tests/test_api.snapshot.json`` records ``newsdoc.__all__``, every public submodule (any
module whose dotted name has no part starting with ``_``) with its ``__all__``, the signature
of every public function and method, and every field of every attrs model (name, type,
default). Any difference fails :func:`test_public_api_matches_snapshot`.

A deliberate change is recorded with one command, after adding its line to CHANGELOG.md:

    python tests/test_api.py --update

The update refuses to record an API change while the ``Unreleased`` section of CHANGELOG.md
is the same as at the previous update (``--no-changelog`` overrides that, for a change no
user can see, such as a new field in this snapshot's own format).
"""

from __future__ import annotations

import difflib
import enum
import hashlib
import importlib
import inspect
import json
import pkgutil
import sys
import types
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest
import regex

import newsdoc

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = Path(__file__).with_name("test_api.snapshot.json")
CHANGELOG = ROOT / "CHANGELOG.md"
UPDATE = "python tests/test_api.py --update"
_ADDRESS = regex.compile(r" at 0x[0-9a-fA-F]+")


# -- describing the API ------------------------------------------------------------------


def _public_modules() -> list[str]:
    """``newsdoc`` and every submodule whose dotted name has no private part, sorted."""
    names = ["newsdoc"]
    for info in pkgutil.walk_packages(newsdoc.__path__, "newsdoc.", onerror=lambda _: None):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return sorted(names)


def _public_path(module: str) -> str:
    """``newsdoc._models`` -> ``newsdoc``: where a user finds what the module defines."""
    return ".".join(p for p in module.split(".") if not p.startswith("_"))


def _type_name(tp: object) -> str:
    if isinstance(tp, str):
        return tp
    if isinstance(tp, typing.ForwardRef):
        return tp.__forward_arg__
    if isinstance(tp, type):
        if tp.__module__ == "builtins":
            return tp.__qualname__
        return f"{_public_path(tp.__module__)}.{tp.__qualname__}"
    return _ADDRESS.sub("", inspect.formatannotation(tp))


def _value(value: object) -> str:
    if isinstance(value, enum.Enum):
        return f"{type(value).__qualname__}.{value.name}"
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
        return _type_name(value) if isinstance(value, type) else value.__qualname__
    return _ADDRESS.sub("", repr(value))


def _signature(obj: Any) -> str:
    """The signature as written in the source: annotations as their text, defaults by repr."""
    sig = inspect.signature(obj)
    parts: list[str] = []
    star_done = False
    params = list(sig.parameters.values())
    for i, p in enumerate(params):
        if p.kind is p.KEYWORD_ONLY and not star_done:
            parts.append("*")
            star_done = True
        text = {p.VAR_POSITIONAL: "*", p.VAR_KEYWORD: "**"}.get(p.kind, "") + p.name
        if p.kind is p.VAR_POSITIONAL:
            star_done = True
        if p.annotation is not p.empty:
            text += f": {_type_name(p.annotation)}"
        if p.default is not p.empty:
            text += f" = {_value(p.default)}"
        parts.append(text)
        nxt = params[i + 1] if i + 1 < len(params) else None
        if p.kind is p.POSITIONAL_ONLY and (nxt is None or nxt.kind is not p.POSITIONAL_ONLY):
            parts.append("/")
    out = f"({', '.join(parts)})"
    if sig.return_annotation is not sig.empty:
        out += f" -> {_type_name(sig.return_annotation)}"
    return out


def _function(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": "function", "signature": _signature(obj)}
    deprecated = getattr(obj, "__deprecated__", None)
    if deprecated:
        out["deprecated"] = deprecated
    return out


def _annotation(cls: type, field: attrs.Attribute[Any]) -> object:
    """The field's annotation as written: ``field.type`` turns into the type object once
    anything (cattrs) resolves the class's types, the class annotations stay as written."""
    for klass in cls.__mro__:
        written = vars(klass).get("__annotations__", {}).get(field.name)
        if written is not None:
            return written
    return field.type


def _field(cls: type, field: attrs.Attribute[Any]) -> str:
    text = f"{field.name}: {_type_name(_annotation(cls, field))}"
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        text += f" = <factory {_value(default.factory)}>"  # type: ignore[attr-defined]
    elif default is not attrs.NOTHING:
        text += f" = {_value(default)}"
    flags = [name for name in ("eq", "init") if not getattr(field, name)]
    if not field.kw_only:
        flags.append("positional")
    if flags:
        text += "  [" + ", ".join(f"{f}=False" if f != "positional" else f for f in flags) + "]"
    return text


def _members(cls: type, skip: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in vars(cls).items():
        if name.startswith("_") or name in skip:
            continue
        if isinstance(value, property):
            ret = inspect.signature(value.fget).return_annotation if value.fget else None
            out[name] = {"kind": "property", "type": _type_name(ret)}
        elif isinstance(value, (staticmethod, classmethod)):
            out[name] = {**_function(value.__func__), "kind": type(value).__name__}
        elif inspect.isfunction(value):
            out[name] = _function(value)
        elif not isinstance(value, types.MemberDescriptorType):
            out[name] = {"kind": "attribute", "value": _value(value)}
    return out


def _class(cls: type) -> dict[str, Any]:
    bases = [_type_name(b) for b in cls.__bases__ if b is not object]
    if typing.is_typeddict(cls):
        keys = {k: _type_name(v) for k, v in cls.__annotations__.items()}
        return {"kind": "TypedDict", "keys": [f"{k}: {v}" for k, v in keys.items()]}
    if issubclass(cls, enum.Enum):
        return {"kind": "enum", "bases": bases,
                "members": [f"{m.name} = {m.value!r}" for m in cls]}
    if attrs.has(cls):
        fields = attrs.fields(cls)
        out: dict[str, Any] = {"kind": "attrs class", "bases": bases,
                               "frozen": bool(getattr(cls.__setattr__, "__module__", "")
                                              == "attr._make"),
                               "fields": [_field(cls, f) for f in fields]}
        out["members"] = _members(cls, {f.name for f in fields})
        return out
    out = {"kind": "exception" if issubclass(cls, BaseException) else "class", "bases": bases}
    if "__init__" in vars(cls):
        out["signature"] = _signature(cls)
    out["members"] = _members(cls, set())
    return out


def describe(obj: object) -> dict[str, Any]:
    """What the snapshot records of one public object."""
    if isinstance(obj, types.ModuleType):
        return {"kind": "module", "name": obj.__name__}
    if isinstance(obj, type):
        return _class(obj)
    if callable(obj):
        return _function(obj)
    return {"kind": "constant", "type": _type_name(type(obj)), "value": _value(obj)}


def describe_module(module: types.ModuleType) -> dict[str, Any]:
    """A module's ``__all__`` and the description of each name in it."""
    names = getattr(module, "__all__", None)
    if names is None:
        return {"error": "a public module without __all__: add one, or make the module private"}
    return {"__all__": list(names),
            "members": {name: describe(getattr(module, name)) for name in names}}


def api() -> dict[str, Any]:
    """The whole public API as the snapshot records it."""
    return {name: describe_module(importlib.import_module(name)) for name in _public_modules()}


# -- comparing ---------------------------------------------------------------------------


def _text(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def compare(expected: dict[str, Any], actual: dict[str, Any]) -> str:
    """A unified diff from the expected API to the actual one; empty when they agree."""
    return "".join(difflib.unified_diff(
        _text(expected).splitlines(keepends=True), _text(actual).splitlines(keepends=True),
        "snapshot", "actual API",
    ))


def _load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return data


def _unreleased_hash() -> str:
    """A digest of CHANGELOG.md's ``## Unreleased`` section (empty when there is none)."""
    text = CHANGELOG.read_text(encoding="utf-8") if CHANGELOG.exists() else ""
    m = regex.search(r"^## \[?Unreleased\]?.*?(?=^## |\Z)", text, regex.M | regex.S)
    section = m.group() if m else ""
    return hashlib.sha256(section.encode()).hexdigest()


# -- the tests ---------------------------------------------------------------------------


def test_public_api_matches_snapshot() -> None:
    diff = compare(_load()["api"], api())
    assert not diff, (
        "The public API differs from tests/test_api.snapshot.json:\n\n" + diff + "\nIf the "
        "change is intended: add a line to CHANGELOG.md (Unreleased), run "
        f"`{UPDATE}`, and commit both with the change. If it is not, undo it. A removal or "
        "an incompatible change needs a deprecation first (docs/stability.md)."
    )


def test_snapshot_covers_the_public_surface() -> None:
    recorded = _load()["api"]
    assert {"newsdoc", "newsdoc.exceptions", "newsdoc.captions", "newsdoc.dedup",
            "newsdoc.testing", "newsdoc.cli", "newsdoc.schema"} <= set(recorded)
    assert recorded["newsdoc"]["__all__"] == list(newsdoc.__all__)
    assert recorded["newsdoc.cli"]["__all__"] == ["main"]
    assert [name for name, data in recorded.items() if "error" in data] == []


def _isort_key(name: str) -> tuple[int, str]:
    """ruff's RUF022 order: CONSTANTS, then Classes, then functions."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


def test_all_is_sorted_and_resolves() -> None:
    for name in _public_modules():
        module = importlib.import_module(name)
        names = list(getattr(module, "__all__", []))
        assert names == sorted(names, key=_isort_key), f"{name}.__all__ is not sorted"
        for attr in names:
            assert hasattr(module, attr), f"{name}.__all__ names {attr!r}, which is missing"


# The test of the test: the comparison fails on each kind of change it exists to catch.


def test_comparison_fails_on_a_renamed_public_name() -> None:
    doctored = _load()["api"]
    names = doctored["newsdoc"]["__all__"]
    names[names.index("read")] = "read_file"
    doctored["newsdoc"]["members"]["read_file"] = doctored["newsdoc"]["members"].pop("read")
    diff = compare(doctored, api())
    assert '\n-      "read_file",\n+      "read",\n' in diff
    assert '\n-      "read_file": {\n' in diff


def test_comparison_fails_on_a_changed_model_field() -> None:
    doctored = _load()["api"]
    fields = doctored["newsdoc"]["members"]["Credit"]["fields"]
    doctored["newsdoc"]["members"]["Credit"]["fields"] = [
        f.replace("agency: str | None", "agency: str") for f in fields
    ]
    diff = compare(doctored, api())
    assert '\n-          "agency: str = None",\n+          "agency: str | None = None",\n' in diff


def test_comparison_fails_on_a_removed_submodule() -> None:
    doctored = _load()["api"]
    doctored["newsdoc.dedup.gone"] = {"__all__": [], "members": {}}
    assert '-  "newsdoc.dedup.gone": {' in compare(doctored, api())


def test_describe_sees_a_new_public_name(monkeypatch: pytest.MonkeyPatch) -> None:
    before = describe_module(newsdoc)
    monkeypatch.setattr(newsdoc, "__all__", [*newsdoc.__all__, "read_all"], raising=True)
    monkeypatch.setattr(newsdoc, "read_all", lambda paths: [], raising=False)
    after = describe_module(newsdoc)
    assert '\n+      "read_all"\n' in compare({"newsdoc": before}, {"newsdoc": after})


def _thing_module(**fields: Any) -> types.ModuleType:
    module = types.ModuleType("fake")
    module.__all__ = ["Thing", "make"]  # type: ignore[attr-defined]
    module.Thing = attrs.make_class("Thing", fields, frozen=True, kw_only=True)  # type: ignore[attr-defined]

    def make(title: str, *, strict: bool = False) -> None:
        """A stand-in public function."""

    module.make = make  # type: ignore[attr-defined]
    return module


def test_describe_sees_field_changes() -> None:
    base = describe_module(_thing_module(title=attrs.field(type=str)))
    added = describe_module(_thing_module(title=attrs.field(type=str),
                                          lang=attrs.field(type=str, default="en")))
    retyped = describe_module(_thing_module(title=attrs.field(type=int)))
    defaulted = describe_module(_thing_module(title=attrs.field(type=str, default="")))
    assert base["members"]["Thing"]["fields"] == ["title: str"]
    assert added["members"]["Thing"]["fields"] == ["title: str", "lang: str = 'en'"]
    assert retyped["members"]["Thing"]["fields"] == ["title: int"]
    assert defaulted["members"]["Thing"]["fields"] == ["title: str = ''"]
    assert base["members"]["make"]["signature"] == "(title: str, *, strict: bool = False) -> None"


def test_describe_records_signatures_exactly() -> None:
    def f(a: int, /, b: str = "x", *args: int, c: bool, d: float = 1.0, **kw: Any) -> str:
        return ""

    assert _signature(f) == (
        "(a: int, /, b: str = 'x', *args: int, c: bool, d: float = 1.0, **kw: Any) -> str"
    )


def _release(version: str) -> tuple[int, ...]:
    m = regex.match(r"\d+(?:\.\d+)*", version)
    assert m is not None, version
    return tuple(int(p) for p in m.group().split("."))


def test_no_deprecation_is_past_its_removal() -> None:
    """A deprecated public function names the release that removes it; once the version
    reaches that release, the function must be gone (docs/stability.md)."""
    current = _release(newsdoc.__version__)
    due = []
    for module, data in api().items():
        for name, member in data.get("members", {}).items():
            inner = member.get("members")
            inner = inner if isinstance(inner, dict) else {}
            items = [(name, member), *((f"{name}.{k}", v) for k, v in inner.items())]
            for qual, item in items:
                m = regex.search(r"removed in newsdoc (\S+?)[;.]", item.get("deprecated", ""))
                if m and current >= _release(m.group(1)):
                    due.append(f"{module}.{qual} (removal due in {m.group(1)})")
    assert not due


# -- the update command ------------------------------------------------------------------


def update(*, require_changelog: bool = True) -> int:
    """Write the snapshot from the current API; see the module docstring."""
    new = api()
    changelog = _unreleased_hash()
    if SNAPSHOT.exists():
        old = _load()
        diff = compare(old["api"], new)
        if not diff:
            print("the API matches the snapshot; nothing to do")
            return 0
        if require_changelog and old.get("changelog_unreleased_sha256") == changelog:
            print(diff)
            print("The API changed but CHANGELOG.md's Unreleased section did not: add a line "
                  "for the change first (or pass --no-changelog for a change no user sees).",
                  file=sys.stderr)
            return 1
        print(diff)
    data = {
        "about": f"The public API of newsdoc, pinned by tests/test_api.py. Generated by "
                 f"`{UPDATE}`; do not edit by hand.",
        "changelog_unreleased_sha256": changelog,
        "api": new,
    }
    SNAPSHOT.write_text(_text(data), encoding="utf-8")
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] != "--update" or set(args[1:]) - {"--no-changelog"}:
        sys.exit(f"usage: {UPDATE} [--no-changelog]")
    sys.exit(update(require_changelog="--no-changelog" not in args))
