"""Build helpers for the docs site, named in mkdocs.yml; not part of the package.

* mkdocs hook ``on_files``: a page listed in the nav but not written yet gets a generated
  placeholder, so the strict build (``mkdocs build --strict``) passes while pages land one
  by one, and links to them resolve. Every other missing page or link is still an error.
* griffe extension ``DocstringMarkdown``: newsdoc's docstrings hold doctests (``>>>``) in
  their body, which pytest runs; Markdown would read them as quotes and their output as
  links, so they are fenced as ``pycon`` code for the API reference. A ``Raises:`` entry of
  ``Nothing.`` (the house way to say a function raises nothing of its own) is given the
  ``name: description`` form the Google docstring parser expects. The reStructuredText the
  docstrings also use for Sphinx and IDEs (``:class:`X```, ``.. versionadded:: 0.1.0``)
  becomes its Markdown equivalent.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import griffe

log = logging.getLogger("mkdocs.hooks.newsdoc")

_PLACEHOLDER = """# {title}

This page is being written and comes with a later change. Meanwhile, see the
[API reference](api.md).
"""


def _nav_pages(nav: Any) -> list[tuple[str, str]]:
    """(title, path) of every Markdown page in an mkdocs nav."""
    out: list[tuple[str, str]] = []
    items = nav if isinstance(nav, list) else [nav]
    for item in items:
        if isinstance(item, str) and item.endswith(".md"):
            out.append((item[:-3], item))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str) and value.endswith(".md"):
                    out.append((title, value))
                else:
                    out.extend(_nav_pages(value))
    return out


def on_files(files: Any, *, config: Any) -> Any:
    """Stand a placeholder in for each nav page that is not written yet."""
    from mkdocs.structure.files import File

    for title, path in _nav_pages(config["nav"] or []):
        if files.get_file_from_path(path) is None:
            log.info("docs/%s is not written yet; a placeholder stands in for it", path)
            files.append(File.generated(config, path, content=_PLACEHOLDER.format(title=title)))
    return files


_SECTION = re.compile(r"^(?P<indent>\s*)(?P<name>[A-Z][A-Za-z ]*):\s*$")
_NOTHING = re.compile(r"^(?P<indent>\s+)Nothing(?P<rest>[^:]*)$")
_PEP = re.compile(r":pep:`(\d+)`")
_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|data|mod|exc|obj|const):`~?([^`]+)`")
_VERSION = re.compile(r"^(?P<indent>\s*)\.\. version(?P<what>added|changed)::\s*(?P<v>\S+)\s*$")


def _role(m: re.Match[str]) -> str:
    target = m.group(1)
    shown = target.rsplit(".", 1)[-1] if "~" in m.group(0) else target
    return f"`{shown}`"


def _rst_inline(line: str) -> str:
    return _ROLE.sub(_role, _PEP.sub(r"PEP \1", line))


def docstring_markdown(text: str) -> str:
    """Fence body doctests as ``pycon`` and give ``Raises: Nothing.`` its ``name:`` form."""
    out: list[str] = []
    lines = text.splitlines()
    in_fence = False
    section = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
        m = _SECTION.match(line)
        if m and not in_fence:
            section = m["name"]
        elif not line.startswith((" ", "\t")) and stripped:
            section = ""
        if not in_fence and section not in ("Examples", "Example") and stripped.startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
            while i < len(lines) and lines[i].strip():
                out.append(lines[i])
                i += 1
            out.append(f"{indent}```")
            continue
        n = _NOTHING.match(line)
        if section == "Raises" and n is not None:
            rest = n["rest"].strip(" .")
            line = f"{n['indent']}Nothing: {rest or 'no exception of its own'}."
        v = _VERSION.match(line)
        if v is not None and not in_fence:
            word = "Added" if v["what"] == "added" else "Changed"
            line = f"{v['indent']}*{word} in version {v['v']}.*"
        elif not in_fence:
            line = _rst_inline(line)
        out.append(line)
        i += 1
    return "\n".join(out)


class DocstringMarkdown(griffe.Extension):
    """Apply :func:`docstring_markdown` to every docstring griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = docstring_markdown(obj.docstring.value)
