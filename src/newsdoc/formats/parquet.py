"""Documents as Apache Parquet and Arrow tables, with a typed nested schema (extra ``parquet``).

The schema is derived from the model itself (the attrs fields of :class:`newsdoc.Document`
and of every class it holds), so a field added to the model appears in the table:

* ``str``, ``int``, ``float``, ``bool`` -> ``string``, ``int64``, ``double``, ``bool``;
  an enum -> its value as ``string``; ``X | None`` -> a nullable ``X``;
* ``tuple[X, ...]`` -> ``list<X>`` (body blocks, images, captions, authors: lists of
  structs); a nested model class -> a ``struct`` of its fields;
* ``datetime.date`` -> ``date32``; ``datetime.datetime`` -> ``struct<instant:
  timestamp[us, UTC], utc_offset_s: int32>`` (the instant, and the zone's offset from UTC,
  null for a naive time, so a time keeps its zone); ``datetime | date`` -> ``struct<date:
  date32, instant: timestamp[us, UTC], utc_offset_s: int32>`` with ``date`` set for a date
  only;
* anything else (``Document.extra``, a JSON-valued mapping) -> its JSON text, ``string``.

Reading the table back gives equal documents (provenance, layout and diagnostics included).
Writing streams: documents are converted and written one row group at a time, so memory
stays flat whatever the number of documents.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime
import enum
import json
import os
import types
import typing
from collections.abc import Iterable, Iterator
from typing import IO, Any

import attrs

from newsdoc._convert import attach_layout, layout_to_json
from newsdoc._models import Document, Extra

__all__ = ["arrow_schema", "iter_parquet", "read_parquet", "to_arrow", "write_parquet"]

_HINT = "Parquet and Arrow need pyarrow: pip install 'newsdoc[parquet]'"
ROW_GROUP = 10_000
"""Documents per row group (and per conversion batch) by default."""


def _pa() -> Any:
    try:
        import pyarrow
    except ImportError as exc:
        raise ModuleNotFoundError(_HINT, name="pyarrow") from exc
    return pyarrow


# -- types ------------------------------------------------------------------------------------


def _optional(tp: Any) -> tuple[Any, bool]:
    """``X | None`` -> ``(X, True)``; other types -> ``(tp, False)``."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) < len(typing.get_args(tp)):
            inner = args[0] if len(args) == 1 else typing.Union[tuple(args)]  # noqa: UP007
            return inner, True
    return tp, False


def _is_when(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and set(
        typing.get_args(tp)) == {datetime.datetime, datetime.date}


def _fields(cls: type) -> list[tuple[attrs.Attribute[Any], Any]]:
    hints = typing.get_type_hints(cls)
    return [(f, hints[f.name]) for f in attrs.fields(cls) if f.init]


def _arrow_type(tp: Any) -> Any:
    pa = _pa()
    tp, _ = _optional(tp)
    if _is_when(tp):
        return pa.struct([("date", pa.date32()), ("instant", pa.timestamp("us", tz="UTC")),
                          ("utc_offset_s", pa.int32())])
    if tp is datetime.datetime:
        return pa.struct([("instant", pa.timestamp("us", tz="UTC")),
                          ("utc_offset_s", pa.int32())])
    if tp is datetime.date:
        return pa.date32()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return pa.string()
    for kind, arrow in ((bool, pa.bool_()), (str, pa.string()), (int, pa.int64()),
                        (float, pa.float64())):
        if tp is kind:
            return arrow
    if typing.get_origin(tp) is tuple:
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        return pa.list_(_arrow_type(args[0]))
    if attrs.has(tp):
        return pa.struct([pa.field(f.name, _arrow_type(t), nullable=True)
                          for f, t in _fields(tp)])
    return pa.string()  # JSON text


def arrow_schema() -> Any:
    """The Arrow schema of a table of documents, derived from the model.

    Returns:
        A :class:`pyarrow.Schema`: one column per field of :class:`newsdoc.Document`.

    Raises:
        ModuleNotFoundError: pyarrow is not installed (``pip install 'newsdoc[parquet]'``).
    """
    pa = _pa()
    return pa.schema([pa.field(f.name, _arrow_type(t), nullable=True)
                      for f, t in _fields(Document)],
                     metadata={b"newsdoc": b"documents", b"newsdoc-schema": b"1"})


# -- values -----------------------------------------------------------------------------------

_UTC = datetime.timezone.utc


def _instant(value: datetime.datetime) -> dict[str, Any]:
    offset = value.utcoffset()
    if offset is None:
        return {"instant": value.replace(tzinfo=_UTC), "utc_offset_s": None}
    return {"instant": value.astimezone(_UTC), "utc_offset_s": int(offset.total_seconds())}


def _from_instant(row: dict[str, Any]) -> datetime.datetime:
    instant: datetime.datetime = row["instant"]
    if row["utc_offset_s"] is None:
        return instant.replace(tzinfo=None)
    zone = datetime.timezone(datetime.timedelta(seconds=row["utc_offset_s"]))
    return instant.astimezone(zone)


def _to_row(value: Any, tp: Any) -> Any:
    if value is None:
        return None
    tp, _ = _optional(tp)
    if _is_when(tp):
        if isinstance(value, datetime.datetime):
            return {"date": None, **_instant(value)}
        return {"date": value, "instant": None, "utc_offset_s": None}
    if tp is datetime.datetime:
        return _instant(value)
    if isinstance(value, enum.Enum):
        return value.value
    if tp in (bool, str, int, float, datetime.date):
        return value
    if typing.get_origin(tp) is tuple:
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        return [_to_row(v, args[0]) for v in value]
    if attrs.has(tp):
        return {f.name: _to_row(getattr(value, f.name), t) for f, t in _fields(tp)}
    if isinstance(value, Extra):
        value = value.to_json()
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _from_row(value: Any, tp: Any) -> Any:
    if value is None:
        return None
    tp, _ = _optional(tp)
    if _is_when(tp):
        return value["date"] if value["date"] is not None else _from_instant(value)
    if tp is datetime.datetime:
        return _from_instant(value)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    if tp in (bool, str, int, float, datetime.date):
        return value
    if typing.get_origin(tp) is tuple:
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        return tuple(_from_row(v, args[0]) for v in value)
    if tp is Document:  # the layout goes back through its format (a JSON object)
        doc = Document(**{str(f.alias): _from_row(value[f.name], t) for f, t in _fields(tp)
                          if f.name != "layout"})
        layout = value.get("layout")
        return attach_layout(doc, json.loads(layout)) if layout is not None else doc
    if attrs.has(tp):
        return tp(**{str(f.alias): _from_row(value[f.name], t) for f, t in _fields(tp)})
    if tp is Extra:
        return Extra(json.loads(value))
    return json.loads(value)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for doc in documents:
        row = _to_row(attrs.evolve(doc, layout=None), Document)
        layout = layout_to_json(doc)
        row["layout"] = None if layout is None else json.dumps(layout, ensure_ascii=False)
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- public -----------------------------------------------------------------------------------


def to_arrow(documents: Iterable[Document]) -> Any:
    """The documents as an Arrow table with the schema of :func:`arrow_schema`.

    Args:
        documents: Any documents.

    Returns:
        A :class:`pyarrow.Table`, one row per document.

    Raises:
        ModuleNotFoundError: pyarrow is not installed (``pip install 'newsdoc[parquet]'``).

    >>> from newsdoc import Document, Paragraph
    >>> table = to_arrow([Document(title="T", paragraphs=(Paragraph(text="Body."),))])
    >>> table.num_rows, str(table.schema.field("paragraphs").type.value_type)[:11]
    (1, 'struct<text')

    .. versionadded:: 0.1.0
    """
    pa = _pa()
    schema = arrow_schema()
    tables = [pa.Table.from_pylist(rows, schema=schema) for rows in _batches(documents,
                                                                             ROW_GROUP)]
    return pa.concat_tables(tables) if tables else schema.empty_table()


def write_parquet(documents: Iterable[Document], path_or_file: str | os.PathLike[str] | IO[bytes],
                  *, row_group_size: int = ROW_GROUP, compression: str = "zstd") -> int:
    """Write documents to a Parquet file, one row group at a time (flat memory).

    Args:
        documents: Any documents, consumed once.
        path_or_file: A path or a binary file open for writing.
        row_group_size: Documents per row group.
        compression: A Parquet codec (``"zstd"``, ``"snappy"``, ``"gzip"``, ``"none"``).

    Returns:
        The number of documents written.

    Raises:
        ModuleNotFoundError: pyarrow is not installed (``pip install 'newsdoc[parquet]'``).
        OSError: the file cannot be written.

    .. versionadded:: 0.1.0
    """
    pa = _pa()
    import pyarrow.parquet as pq

    schema = arrow_schema()
    target = os.fspath(path_or_file) if isinstance(path_or_file, (str, os.PathLike)) \
        else path_or_file
    count = 0
    with pq.ParquetWriter(target, schema, compression=compression) as writer:
        for rows in _batches(documents, row_group_size):
            writer.write_table(pa.Table.from_pylist(rows, schema=schema),
                               row_group_size=row_group_size)
            count += len(rows)
    return count


def iter_parquet(path_or_file: str | os.PathLike[str] | IO[bytes], *,
                 batch_size: int = ROW_GROUP) -> Iterator[Document]:
    """Read documents back from a Parquet file written by :func:`write_parquet`, streaming.

    Args:
        path_or_file: A path or a binary file open for reading.
        batch_size: Rows converted at a time.

    Yields:
        The documents, equal to those written.

    Raises:
        ModuleNotFoundError: pyarrow is not installed (``pip install 'newsdoc[parquet]'``).
        OSError: the file cannot be read.

    .. versionadded:: 0.1.0
    """
    _pa()
    import pyarrow.parquet as pq

    source = os.fspath(path_or_file) if isinstance(path_or_file, (str, os.PathLike)) \
        else path_or_file
    for batch in pq.ParquetFile(source).iter_batches(batch_size=batch_size):
        for row in batch.to_pylist():
            yield _from_row(row, Document)


def read_parquet(path_or_file: str | os.PathLike[str] | IO[bytes]) -> list[Document]:
    """Every document of a Parquet file written by :func:`write_parquet`.

    Args:
        path_or_file: A path or a binary file open for reading.

    Returns:
        The documents.

    Raises:
        ModuleNotFoundError: pyarrow is not installed (``pip install 'newsdoc[parquet]'``).
        OSError: the file cannot be read.

    .. versionadded:: 0.1.0
    """
    return list(iter_parquet(path_or_file))
