"""Every code example in docs/ runs as a test.

pytest's doctest collection (``--doctest-glob=*.md``) already runs each ``>>>`` example in
docs/*.md. This module runs the rest and checks that nothing escapes:

* ```` ```console ```` blocks: each ``$ command`` runs in bash (with ``pipefail``) in a fresh
  directory holding the shipped sample as ``articles.txt``, commands of one page sharing
  it; its standard output followed by its standard error must match the lines that follow,
  as a doctest would (``...`` matches anything, whitespace runs are equal). A command must
  exit 0 unless the expected output ends with ``[exit N]``.
* ```` ```python ```` blocks with no ``>>>``: run, in order, as one script per page, in a
  fresh interpreter in such a directory.
* ```` ```pycon ```` blocks: must hold ``>>>`` examples (the doctest collection runs them).

Other fences (``text``, ``json``, ``toml``, ``yaml``, ``sh``...) are listings, not examples.
"""

from __future__ import annotations

import doctest
import os
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
import regex

import newsdoc.samples

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
_FENCE = regex.compile(
    r"^(?P<indent>[ ]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ ]*$",
    regex.M | regex.S,
)
_EXIT = regex.compile(r"\n?\[exit (\d+)\]\s*\Z")
_CHECKER = doctest.OutputChecker()
_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@attrs.frozen
class Block:
    page: str
    line: int
    lang: str
    body: str


def _blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    out = []
    for m in _FENCE.finditer(text):
        indent = len(m["indent"])
        body = "".join(line[indent:] for line in m["body"].splitlines(keepends=True))
        out.append(Block(path.name, text.count("\n", 0, m.start()) + 1, m["lang"], body))
    return out


PAGES = sorted(DOCS.glob("*.md"))
BLOCKS = [b for page in PAGES for b in _blocks(page)]
CONSOLE_PAGES = sorted({b.page for b in BLOCKS if b.lang == "console"})
SCRIPT_PAGES = sorted(
    {b.page for b in BLOCKS if b.lang in ("python", "py") and ">>>" not in b.body}
)


def _workdir(tmp_path: Path) -> Path:
    shutil.copyfile(newsdoc.samples.path("articles.txt"), tmp_path / "articles.txt")
    return tmp_path


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env["COLUMNS"] = "100"
    env.pop("PYTHONWARNINGS", None)
    return env


def _commands(block: Block) -> list[tuple[int, str, str]]:
    """(line, command, expected output) for each ``$ `` line of a console block."""
    out: list[tuple[int, str, list[str]]] = []
    for i, line in enumerate(block.body.splitlines()):
        if line.startswith("$ "):
            out.append((block.line + 1 + i, line[2:], []))
        elif out:
            out[-1][2].append(line)
        elif line.strip():
            raise AssertionError(f"{block.page}:{block.line + 1 + i}: output before any $ line")
    return [(n, cmd, "".join(f"{w}\n" for w in want)) for n, cmd, want in out]


def _run_console(blocks: list[Block], cwd: Path) -> None:
    for block in blocks:
        page = block.page
        for line, command, want in _commands(block):
            m = _EXIT.search(want)
            status = int(m.group(1)) if m else 0
            want = want[: m.start()] + "\n" if m else want
            run = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd,
                                 env=_env(), capture_output=True, text=True, timeout=120,
                                 check=False)
            got = run.stdout + run.stderr
            where = f"docs/{page}:{line}: $ {command}"
            assert run.returncode == status, f"{where}\nexit {run.returncode}\n{got}"
            if not _CHECKER.check_output(want.strip("\n") + "\n" if want.strip() else "",
                                         got, _FLAGS):
                example = doctest.Example(command, want)
                pytest.fail(where + "\n" + _CHECKER.output_difference(example, got, _FLAGS))


@pytest.mark.parametrize("page", CONSOLE_PAGES)
def test_console_examples(page: str, tmp_path: Path) -> None:
    blocks = [b for b in BLOCKS if b.page == page and b.lang == "console"]
    _run_console(blocks, _workdir(tmp_path))


def _run_script(blocks: list[Block], cwd: Path) -> None:
    page = blocks[0].page
    script = "".join(f"# docs/{b.page}:{b.line}\n{b.body}\n" for b in blocks)
    run = subprocess.run([sys.executable, "-W", "error", "-c", script], cwd=cwd, env=_env(),
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, f"docs/{page}: a python example failed\n{run.stderr}"


def test_python_examples(tmp_path: Path) -> None:
    """Python blocks that are not doctests run, page by page (there may be none)."""
    for page in SCRIPT_PAGES:
        blocks = [b for b in BLOCKS if b.page == page and b.lang in ("python", "py")
                  and ">>>" not in b.body]
        cwd = tmp_path / page
        cwd.mkdir()
        _run_script(blocks, _workdir(cwd))


def test_script_runner_catches_a_failing_example(tmp_path: Path) -> None:
    _run_script([Block("fake.md", 1, "python", "import newsdoc\nassert newsdoc.read\n")],
                _workdir(tmp_path))
    with pytest.raises(AssertionError, match=r"docs/fake\.md: a python example failed"):
        _run_script([Block("fake.md", 1, "python", "raise SystemExit(3)\n")], tmp_path)


def test_every_pycon_block_is_a_doctest() -> None:
    empty = [f"docs/{b.page}:{b.line}" for b in BLOCKS if b.lang == "pycon" and ">>>" not in b.body]
    assert not empty, "pycon blocks without >>> examples: " + ", ".join(empty)


def test_doctest_blocks_end_with_a_blank_line() -> None:
    """The doctest collection reads a closing fence right after output as part of the
    expected output; a blank line must end each doctest block."""
    bad = [f"docs/{b.page}:{b.line}" for b in BLOCKS
           if ">>>" in b.body and not b.body.endswith("\n\n")]
    assert not bad, "add a blank line before the closing ``` of: " + ", ".join(bad)


def _nav_pages() -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text[text.index("\nnav:"):]
    nav = nav[: regex.search(r"\n\S", nav[1:]).start() + 1]  # type: ignore[union-attr]
    return regex.findall(r":\s*(\S+\.md)\s*$", nav, regex.M)


def test_every_page_is_in_the_nav() -> None:
    listed = set(_nav_pages())
    assert {"index.md", "quickstart.md", "api.md", "stability.md", "changelog.md"} <= listed
    missing = sorted(p.name for p in PAGES if p.name not in listed)
    assert not missing, f"docs pages missing from the nav in mkdocs.yml: {missing}"


def test_console_runner_catches_wrong_output(tmp_path: Path) -> None:
    """The test of the runner: a wrong expectation and a wrong exit status both fail."""
    bad = Block("fake.md", 1, "console", "$ echo hello\nhullo\n")
    with pytest.raises(pytest.fail.Exception, match="hullo"):
        _run_console([bad], tmp_path)
    failing = Block("fake.md", 1, "console", "$ false\n")
    with pytest.raises(AssertionError, match="exit 1"):
        _run_console([failing], tmp_path)
    _run_console([Block("fake.md", 1, "console", "$ false\n[exit 1]\n$ echo a   b\na b\n")],
                 tmp_path)
