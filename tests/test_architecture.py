"""The import direction of docs/architecture.md, enforced.

Every module of ``src/newsdoc`` belongs to one layer; a module may import from its own layer
and the layers below it, never from a layer above. The table here is the one the page shows;
a new module must be placed in it (an unplaced module fails the test), so the picture stays
true as the tree grows.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "newsdoc"
ARCHITECTURE = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"

# (layer number, name, module prefixes), lowest first. A prefix names a module or a package
# (every module under it); ``newsdoc`` names only the package's ``__init__``.
LAYERS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (0, "foundation", ("newsdoc.exceptions", "newsdoc._models", "newsdoc._deprecation")),
    (1, "contract", ("newsdoc._registry", "newsdoc._convert", "newsdoc._pipeline",
                     "newsdoc.lines", "newsdoc._unreadable")),
    (2, "utilities", ("newsdoc.captions",)),
    (3, "formats", ("newsdoc.formats",)),
    (4, "applications", ("newsdoc.dedup", "newsdoc.records", "newsdoc._records", "newsdoc.schema",
                         "newsdoc.testing", "newsdoc.samples", "newsdoc.dask")),
    (5, "public face", ("newsdoc",)),
    (6, "command line", ("newsdoc.cli", "newsdoc.__main__")),
)


def layer_of(module: str) -> int | None:
    """The layer of a dotted module name, or ``None`` when it is in no layer."""
    for number, _, prefixes in LAYERS:
        for prefix in prefixes:
            # the package itself is only its __init__; its submodules are placed one by one
            if module == prefix or (prefix != "newsdoc" and module.startswith(prefix + ".")):
                return number
    return None


def module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(module: str, source: str, *, is_package: bool) -> set[str]:
    """The ``newsdoc`` modules ``source`` imports, anywhere in it (function bodies too)."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "newsdoc")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "newsdoc":
                continue
            # ``from newsdoc import formats`` imports the submodule newsdoc.formats; a name
            # that is no submodule comes from the package itself.
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                file = SRC.parent / sub.replace(".", "/")
                if file.is_dir() or file.with_suffix(".py").is_file():
                    found.add(sub)
                else:
                    found.add(target)
    return found


def violations(module: str, source: str, *, is_package: bool = False) -> list[str]:
    """Each import of ``source`` that reaches a layer above ``module``'s."""
    own = layer_of(module)
    if own is None:
        return [f"{module} is in no layer of docs/architecture.md"]
    out = []
    for target in sorted(imported(module, source, is_package=is_package)):
        theirs = layer_of(target)
        if theirs is None:
            out.append(f"{module} imports {target}, which is in no layer")
        elif theirs > own:
            out.append(f"{module} (layer {own}) imports {target} (layer {theirs})")
    return out


def all_modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)


def test_import_direction() -> None:
    """No module of src/newsdoc imports from a layer above its own."""
    problems: list[str] = []
    for path in all_modules():
        problems += violations(module_name(path), path.read_text("utf-8"),
                               is_package=path.name == "__init__.py")
    assert problems == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("newsdoc._models", "from newsdoc.cli import main\n"),
        ("newsdoc.captions._parse", "import newsdoc.formats.scraped_text\n"),
        ("newsdoc.formats.jsonl", "def f():\n    from newsdoc.dedup import fingerprint\n"),
        ("newsdoc._pipeline._io", "from .. import records\n"),
        ("newsdoc.captions", "from newsdoc import dedup\n"),
        ("newsdoc._unplaced", "import attrs\n"),
    ],
)
def test_wrong_import_is_caught(module: str, source: str) -> None:
    """A planted import from a higher layer (top level, in a function, relative, or through
    ``from newsdoc import x``) is reported."""
    assert violations(module, source, is_package=module == "newsdoc.captions") != []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("newsdoc.formats.scraped_text", "from newsdoc.captions import parse_caption\n"),
        ("newsdoc.cli._read", "import newsdoc\nfrom newsdoc.dedup import near_duplicates\n"),
        ("newsdoc.dedup._minhash", "from newsdoc._models import Document\n"),
    ],
)
def test_right_import_passes(module: str, source: str) -> None:
    """Imports from the same or a lower layer are allowed."""
    assert violations(module, source) == []


def test_every_layer_is_on_the_page() -> None:
    """docs/architecture.md names every layer and every prefix of the table above."""
    page = ARCHITECTURE.read_text("utf-8")
    for _, name, prefixes in LAYERS:
        assert name in page
        for prefix in prefixes:
            assert f"`{prefix}" in page, prefix
