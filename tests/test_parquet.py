"""Parquet and Arrow: a typed nested schema derived from the model, and equal round trips."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdoc
from newsdoc.testing import documents

pa = pytest.importorskip("pyarrow", reason="the extra newsdoc[parquet] is not installed")

from newsdoc.formats.parquet import (  # noqa: E402
    arrow_schema,
    iter_parquet,
    read_parquet,
    to_arrow,
    write_parquet,
)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@given(docs=st.lists(documents(), max_size=6), row_group=st.integers(1, 4))
@settings(max_examples=40, deadline=None)
def test_roundtrip_parquet(docs: list[newsdoc.Document], row_group: int) -> None:
    """Writing documents to Parquet (any row-group size) and reading them back gives equal
    documents, provenance and diagnostics included."""
    buf = io.BytesIO()
    assert write_parquet(docs, buf, row_group_size=row_group) == len(docs)
    buf.seek(0)
    back = list(iter_parquet(buf, batch_size=3))
    assert back == docs
    assert [d.source for d in back] == [d.source for d in docs]
    assert [d.diagnostics for d in back] == [d.diagnostics for d in docs]


def test_roundtrip_real_files_keeps_layout(tmp_path: Path) -> None:
    """Seed files read, written as Parquet and read back still write the original bytes."""
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip(f"the seed files are not here ({SEEDS} is absent)")
    for path in files:
        docs = newsdoc.read(path)
        write_parquet(docs, tmp_path / "x.parquet")
        back = read_parquet(tmp_path / "x.parquet")
        assert back == docs
        assert newsdoc.dumps(back, "scraped-text").encode() == path.read_bytes()


def test_schema_is_typed_and_nested() -> None:
    schema = arrow_schema()
    assert schema.field("title").type == pa.string()
    paragraphs = schema.field("paragraphs").type
    assert pa.types.is_list(paragraphs) and pa.types.is_struct(paragraphs.value_type)
    assert paragraphs.value_type.field("text").type == pa.string()
    caption = schema.field("images").type.value_type.field("caption").type
    assert caption.field("date").type == pa.date32()
    assert caption.field("credit").type.field("photographers").type == pa.list_(pa.string())
    published = schema.field("published").type
    assert published.field("instant").type == pa.timestamp("us", tz="UTC")
    assert published.field("date").type == pa.date32()
    assert pa.types.is_list(schema.field("authors").type)
    table = to_arrow([newsdoc.Document(title="A"), newsdoc.Document(title="B")])
    assert table.schema == schema and table.column("title").to_pylist() == ["A", "B"]
    assert to_arrow([]).num_rows == 0


def test_times_keep_their_zone_and_dates_stay_dates() -> None:
    import datetime as dt

    zone = dt.timezone(dt.timedelta(hours=5, minutes=30))
    docs = [newsdoc.Document(title="A", published=dt.datetime(2026, 3, 1, 9, 30, tzinfo=zone),
                             modified=dt.date(2026, 3, 2)),
            newsdoc.Document(title="B", published=dt.datetime(2026, 3, 1, 9, 30)),
            newsdoc.Document(title="C", extra={"rss:category": ["Politics", {"x": 1}]})]
    buf = io.BytesIO()
    write_parquet(docs, buf)
    buf.seek(0)
    back = read_parquet(buf)
    assert back == docs
    assert back[0].published.utcoffset() == dt.timedelta(hours=5, minutes=30)
    assert back[1].published.tzinfo is None
    assert type(back[0].modified) is dt.date
    assert to_arrow(docs[:1]).column("published").to_pylist()[0]["utc_offset_s"] == 19800


def test_row_groups_stream(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    docs = (newsdoc.Document(title=f"T{i}") for i in range(25))
    write_parquet(docs, tmp_path / "x.parquet", row_group_size=10)
    assert pq.ParquetFile(tmp_path / "x.parquet").metadata.num_row_groups == 3


def test_core_imports_no_pyarrow_and_the_error_names_the_extra() -> None:
    code = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "pyarrow":
            raise ImportError("blocked for the test")
sys.meta_path.insert(0, Block())
import importlib, newsdoc
p = importlib.import_module("newsdoc.formats.parquet")
assert "pyarrow" not in sys.modules
try:
    p.to_arrow([])
except ModuleNotFoundError as exc:
    print(exc)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "Parquet and Arrow need pyarrow: pip install 'newsdoc[parquet]'"
