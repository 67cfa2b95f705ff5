"""The ``warc`` format: web archives (WARC, WARC.gz), each HTML page one document.

Needs the ``warc`` extra (``pip install 'newsdoc[warc]'``: warcio, plus the ``html`` extra's
trafilatura and lxml). Records are streamed one at a time with warcio; every ``response``
record with HTTP status 200 and an HTML content type goes through the ``html`` reader
(the same code as the ``html`` format). The record's target URI and date fill
``Source.fetched_from`` and ``Source.fetched_at``, its record id fills ``Document.id`` (and
``extra["warc:record-id"]``), and the record's offset in the decompressed input is kept in
``Source.byte_offset``. Other responses (not 200, not HTML) are skipped and counted; the
count is an info diagnostic (``warc-skipped``) on the last document.

This format reads bytes, not text (:attr:`Warc.binary`): the reading pipeline hands it the
decompressed byte stream.
"""

from __future__ import annotations

import datetime
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import IO, Any

import attrs

from newsdoc._models import Diagnostic, Document, Severity
from newsdoc._registry import Format, ReadOptions, register_format
from newsdoc.exceptions import ParseError

__all__ = ["MAX_PAGE_BYTES", "Warc"]

MAX_PAGE_BYTES = 8 << 20
"""The largest HTML payload read (bytes); a larger page is skipped and counted."""

_COMPANIONS = frozenset(["warcinfo", "request", "metadata"])
"""Record types that accompany responses in every crawl: not counted as skipped."""
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.I)


def _require() -> Any:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:
        raise ImportError(
            "reading WARC needs the 'warc' extra: pip install 'newsdoc[warc]' "
            f"({exc.name or exc} is missing)"
        ) from exc
    from newsdoc.formats.html import _require as require_html

    require_html()
    return ArchiveIterator


def _decode(payload: bytes, content_type: str) -> tuple[str, str]:
    """The page's text and the encoding used: the HTTP header's charset, else a
    ``<meta charset>`` in the first 4 KB, else UTF-8; bad bytes replaced."""
    names = []
    m = _HEADER_CHARSET.search(content_type)
    if m:
        names.append(m.group(1))
    m2 = _CHARSET.search(payload[:4096])
    if m2:
        names.append(m2.group(1).decode("ascii", "replace"))
    names.append("utf-8")
    for name in names:
        try:
            return payload.decode(name, errors="replace"), name.lower()
        except LookupError:
            continue
    return payload.decode("utf-8", errors="replace"), "utf-8"  # pragma: no cover


def _warc_date(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


class _Counting(io.RawIOBase):
    """A read-only stream that never raises on read: an error ends the stream (recorded)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.error is not None:
            return 0
        try:  # read1: one read below, so that data read before an error is not lost
            read1 = getattr(self._stream, "read1", None)
            data = read1(len(buffer)) if read1 is not None else self._stream.read(len(buffer))
        except Exception as exc:  # a truncated or corrupt compressed stream
            self.error = exc
            return 0
        if not isinstance(data, bytes):
            self.error = TypeError("the stream must be binary")
            return 0
        n = len(data)
        buffer[:n] = data
        return n


@register_format
class Warc(Format):
    """Web archives (``"warc"``): each HTML 200 response one document; needs
    ``newsdoc[warc]``.

    Attributes:
        binary: True: the pipeline passes the decompressed bytes to :meth:`read_binary`
            instead of decoded text to :meth:`read`.

    .. versionadded:: 0.1.0
    """

    name = "warc"
    extensions = (".warc", ".arc")
    description = "WARC web archives, each HTML response one document (needs newsdoc[warc])"
    binary = True

    def sniff(self, prefix: str) -> bool:
        """The input starts with a WARC version line (``WARC/1.0``, ``WARC/1.1``)."""
        return prefix.lstrip("\ufeff").startswith("WARC/")

    def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        """Read a WARC given as text (its bytes as UTF-8); see :meth:`read_binary`.

        Raises:
            ImportError: the ``warc`` extra is not installed.
            newsdoc.exceptions.ParseError: only with ``options.strict``.
        """
        data = "".join(chunks).encode("utf-8", errors="surrogateescape")
        yield from self.read_binary(io.BytesIO(data), options)

    def read_binary(self, stream: IO[bytes], options: ReadOptions) -> Iterator[Document]:
        """Yield one document per HTML response with status 200, streaming.

        Raises:
            ImportError: the ``warc`` extra is not installed.
            newsdoc.exceptions.ParseError: only with ``options.strict``: input that is not
                a WARC, or a corrupt record.
        """
        archive_iterator = _require()
        safe = _Counting(stream)
        skipped: Counter[str] = Counter()
        last: Document | None = None
        error: str | None = None
        try:
            records = archive_iterator(io.BufferedReader(safe, 1 << 16),
                                       no_record_parse=False, arc2warc=True)
            for record in records:
                doc = self._record(record, records, options, skipped)
                if doc is None:
                    continue
                if last is not None:
                    yield last
                last = doc
        except ParseError:
            raise
        except Exception as exc:  # warcio's ArchiveLoadFailed and friends: not a WARC
            error = f"not a readable WARC record: {type(exc).__name__}: {exc}"[:300]
        if safe.error is not None and error is None:
            error = f"the input ended early: {type(safe.error).__name__}: {safe.error}"[:300]
        notes: list[Diagnostic] = []
        if error is not None:
            if options.strict:
                raise ParseError(error, path=options.path, code="warc-invalid")
            notes.append(Diagnostic(code="warc-invalid", message=error,
                                    severity=Severity.ERROR, path=options.path))
        invalid = skipped.pop("invalid record(s)", 0)
        if invalid:
            notes.append(Diagnostic(
                code="warc-invalid", severity=Severity.WARNING, path=options.path,
                message=f"{invalid} record(s) without WARC-Type or WARC-Record-ID skipped"))
        if skipped:
            parts = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items()))
            notes.append(Diagnostic(code="warc-skipped",
                                    message=f"records skipped: {parts}",
                                    severity=Severity.INFO, path=options.path))
        if last is not None:
            yield attrs.evolve(last, diagnostics=(*last.diagnostics, *notes))
        elif any(d.severity is not Severity.INFO for d in notes):
            yield Document(title="", diagnostics=tuple(notes))

    def _record(self, record: Any, records: Any, options: ReadOptions,
                skipped: Counter[str]) -> Document | None:
        from newsdoc.formats.html import _page_document

        rec_type = record.rec_type
        if not rec_type or not record.rec_headers.get_header("WARC-Record-ID"):
            message = "a record without WARC-Type or WARC-Record-ID: not a WARC record"
            if options.strict:
                raise ParseError(message, path=options.path, code="warc-invalid")
            skipped["invalid record(s)"] += 1
            return None
        if rec_type != "response":
            if rec_type not in _COMPANIONS:
                skipped[f"{rec_type or 'untyped'} record(s)"] += 1
            return None
        http = record.http_headers
        status = http.get_statuscode() if http is not None else None
        if status != "200":
            skipped[f"response(s) with status {status or 'none'}"] += 1
            return None
        content_type = (http.get_header("Content-Type") or "").lower()
        if not content_type.startswith(_HTML_TYPES):
            skipped["non-HTML response(s)"] += 1
            return None
        payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
        if len(payload) > MAX_PAGE_BYTES:
            skipped[f"page(s) over {MAX_PAGE_BYTES} bytes"] += 1
            return None
        text, encoding = _decode(payload, content_type)
        headers = record.rec_headers
        uri = headers.get_header("WARC-Target-URI")
        record_id = (headers.get_header("WARC-Record-ID") or "").strip("<> ") or None
        offset = records.get_record_offset()
        page_options = ReadOptions(path=options.path, strict=options.strict,
                                   encoding=encoding)
        doc = _page_document(text, options=page_options, format_name=self.name, url=uri)
        if doc is None:
            skipped["empty page(s)"] += 1
            return None
        src = doc.source
        assert src is not None
        source = attrs.evolve(src, span=None, byte_offset=offset, fetched_from=uri,
                              fetched_at=_warc_date(headers.get_header("WARC-Date")))
        extra = dict(doc.extra)
        if record_id is not None:
            extra["warc:record-id"] = record_id
        return attrs.evolve(doc, id=record_id or doc.id, source=source, extra=extra,
                            url=doc.url or uri)
