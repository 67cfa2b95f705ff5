"""Smoke test of an installed newsdoc, run by .ci/run in a fresh virtualenv holding only the
built wheel (not an editable install), from outside the source tree: what a user who ran
`pip install newsdoc` gets must work.

Usage: [NEWSDOC_SMOKE_FORMATS=rss,...] <venv>/bin/python .ci/smoke.py (the variable names the
formats of plugins installed beside newsdoc, which `newsdoc formats` must list)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> int:
    import newsdoc
    import newsdoc.samples
    import newsdoc.schema

    package = Path(newsdoc.__file__).resolve().parent
    prefix = Path(sys.prefix).resolve()
    assert prefix in package.parents, f"newsdoc imported from {package}, not from {prefix}"
    assert (package / "py.typed").is_file(), "py.typed is missing"

    sample = newsdoc.samples.path("articles.txt")
    assert prefix in sample.parents, f"the sample is not the installed one: {sample}"
    cli = Path(sys.executable).with_name("newsdoc")

    def run(*args: str) -> str:
        done = subprocess.run([str(cli), *args], capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"newsdoc {' '.join(args)}: exit {done.returncode}\n" \
                                     f"{done.stderr}"
        return done.stdout

    version = run("--version").strip()
    assert version == f"newsdoc {newsdoc.__version__}", version
    lines = run("read", str(sample)).splitlines()
    assert lines, "newsdoc read wrote nothing"
    docs = [json.loads(line) for line in lines]
    assert all(d["schema_version"] == newsdoc.schema.SCHEMA_VERSION and d["title"] for d in docs)
    again = run("read", "--strict", str(sample), "--to", "scraped-text")
    assert again == sample.read_text(encoding="utf-8"), "scraped text did not round-trip"
    listed = {line.split()[0] for line in run("formats").splitlines()[1:]}
    wanted = {"scraped-text", *filter(None, os.environ.get("NEWSDOC_SMOKE_FORMATS", "").split(","))}
    assert wanted <= listed, f"newsdoc formats lacks {sorted(wanted - listed)}"

    read = newsdoc.read(sample)
    assert [d.title for d in read] == [d["title"] for d in docs]
    rows = newsdoc.to_records(read)
    assert len(rows) == len(read)
    assert rows[0]["title"] == read[0].title
    schema = newsdoc.schema.document_schema()
    assert set(docs[0]) <= set(schema["properties"])
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "docs.jsonl")
        newsdoc.write(read, out)
        assert newsdoc.read(out) == read
    print(f"smoke: {version} from {package}: {len(docs)} documents read from the shipped "
          f"sample; CLI, round trip, records and schema work")
    return 0


if __name__ == "__main__":
    sys.exit(main())
