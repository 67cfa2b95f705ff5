"""The format registry: built-in formats by decorator, third-party ones by entry point.

A format is a name, file extensions, a cheap sniff over a bounded prefix of decoded text, and
a reader and/or a writer. Built-in formats register where they are defined, with
:func:`register_format`. Third-party formats come from the entry-point group
``newsdoc.readers`` and are loaded the first time a lookup needs them, never at import.
"""

from __future__ import annotations

import os
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import metadata
from typing import IO, ClassVar, TextIO, TypeVar, overload

import attrs

from newsdoc._models import Diagnostic, Document, Severity, Source, Span
from newsdoc._pipeline._limits import (
    DEFAULT_MAX_DOCUMENT_SIZE,
    DEFAULT_MAX_LINE_LENGTH,
    Reporter,
    check_limit,
)
from newsdoc.exceptions import PluginError, UnknownFormatError

__all__ = [
    "ENTRY_POINT_GROUP",
    "SNIFF_BYTES",
    "Format",
    "FormatInfo",
    "ReadOptions",
    "Registry",
    "Reporter",
    "available_formats",
    "get_format",
    "register_format",
]

ENTRY_POINT_GROUP = "newsdoc.readers"
"""The entry-point group third-party packages declare their formats in."""

SNIFF_BYTES = 8192
"""How many bytes of the input a sniff sees at most (decoded to text)."""


def _default_reporter(options: ReadOptions) -> Reporter:
    return Reporter(path=options.path, strict=options.strict)


@attrs.frozen(kw_only=True)
class ReadOptions:
    """Everything a reader is told besides the text it reads.

    A reader gets nothing else: the path, the limits, where to report, and how to make the
    provenance of the documents it reads all come in here.

    Attributes:
        path: The file being read, for provenance and messages (``None`` for text/streams).
        strict: Raise :class:`~newsdoc.exceptions.ParseError` at the first problem instead of
            recording a diagnostic.
        encoding: The encoding the text was decoded with, when it came from bytes.
        max_line_length: Characters of a line a line-based reader keeps (``None``: no
            limit); :func:`newsdoc.lines.iter_lines` applies it.
        max_document_size: Characters of one document a reader keeps (``None``: no
            limit). A format that can keep the start of a document cuts it there; one that
            cannot leaves the document out; either way it reports ``document-too-large``.
        reporter: Where problems go; by default a :class:`Reporter` with this ``path``
            and ``strict``. Not part of equality.
        byte_offsets: Maps an offset of the decoded text to the byte offset of the input
            (``None`` when unknown), when the text came from bytes. Readers do not call it:
            :meth:`source` does. Not part of equality.

    Raises:
        TypeError: a limit is not an int or ``None``.
        ValueError: a limit is not positive.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
       Limits, the reporter and :meth:`source`: no other channel reaches a reader.
    """

    path: str | None = None
    strict: bool = False
    encoding: str | None = None
    max_line_length: int | None = attrs.field(
        default=DEFAULT_MAX_LINE_LENGTH,
        validator=lambda _, a, v: check_limit(v, a.name))
    max_document_size: int | None = attrs.field(
        default=DEFAULT_MAX_DOCUMENT_SIZE,
        validator=lambda _, a, v: check_limit(v, a.name))
    reporter: Reporter = attrs.field(
        default=attrs.Factory(_default_reporter, takes_self=True), eq=False, repr=False)
    byte_offsets: Callable[[int], int | None] | None = attrs.field(
        default=None, eq=False, repr=False)

    def report(self, code: str, message: str, span: Span | None = None, *, text: str = "",
               severity: Severity = Severity.WARNING) -> None:
        """Report a problem for newsdoc to put on the document it falls in
        (:meth:`Reporter.report`).

        Raises:
            newsdoc.exceptions.ParseError: ``strict`` and ``severity`` is not ``INFO``.
        """
        self.reporter.report(code, message, span, text=text, severity=severity)

    def diagnostic(self, code: str, message: str, span: Span | None = None, *,
                   text: str = "", severity: Severity = Severity.WARNING) -> Diagnostic:
        """A diagnostic for the reader to put on a document (:meth:`Reporter.diagnostic`).

        Raises:
            newsdoc.exceptions.ParseError: ``strict`` and ``severity`` is not ``INFO``.
        """
        return self.reporter.diagnostic(code, message, span, text=text, severity=severity)

    def source(self, format: str, span: Span | None) -> Source:
        """The provenance of a document this read makes from the text at ``span``: the
        path, the format, the encoding, and the byte offset in the input when known.

        A reader that restores provenance recorded elsewhere (newsdoc JSON) keeps that
        instead; newsdoc never changes the ``source`` a reader gives.

        Raises:
            Nothing.
        """
        byte_offset = None
        if span is not None and self.byte_offsets is not None:
            byte_offset = self.byte_offsets(span.start)
        return Source(path=self.path, format=format, span=span, encoding=self.encoding,
                      byte_offset=byte_offset)


class Format:
    """Base class of a format: subclass it, set the class attributes, override what applies.

    Attributes:
        name: The registry name, such as ``"scraped-text"``.
        extensions: File extensions with their dot, lower case (``(".txt",)``).
        description: One line for ``newsdoc formats``.

    A reader receives the decoded text as an iterable of chunks of any size (a chunk may end
    in the middle of a line) and a :class:`ReadOptions`, which carries everything else it
    needs (path, limits, where to report, how to make provenance); it yields documents as
    soon as each is complete, so that a file of any size streams. A writer receives
    documents and writes text. Where a format comes from is the registry's record
    (:meth:`Registry.info`), not an attribute of the format.

    .. versionadded:: 0.1.0
    """

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""
    binary: ClassVar[bool] = False
    """True for a format that reads bytes (WARC): :func:`newsdoc.read` then calls
    :meth:`read_binary` with the decompressed byte stream instead of :meth:`read`."""

    @property
    def can_read(self) -> bool:
        """Whether the format overrides :meth:`read`."""
        return type(self).read is not Format.read

    @property
    def can_write(self) -> bool:
        """Whether the format overrides :meth:`write`."""
        return type(self).write is not Format.write

    def sniff(self, prefix: str) -> bool:
        """Say cheaply whether ``prefix`` (the first :data:`SNIFF_BYTES` of the input,
        decoded) looks like this format. No side effects; the default says no.

        Raises:
            Nothing: a sniff must not raise.
        """
        return False

    def read(self, chunks: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        """Yield the documents in ``chunks``.

        Raises:
            newsdoc.exceptions.ParseError: only when ``options.strict`` is true.
        """
        raise NotImplementedError(f"format {self.name!r} cannot read")

    def read_binary(self, stream: IO[bytes], options: ReadOptions) -> Iterator[Document]:
        """Yield the documents in the decompressed byte ``stream`` (formats with
        :attr:`binary` set; ``options.encoding`` is ``None``).

        Raises:
            newsdoc.exceptions.ParseError: only when ``options.strict`` is true.
        """
        raise NotImplementedError(f"format {self.name!r} does not read bytes")

    def write(self, documents: Iterable[Document], out: TextIO) -> None:
        """Write ``documents`` to ``out``.

        Raises:
            ValueError: when a document cannot be represented in the format.
        """
        raise NotImplementedError(f"format {self.name!r} cannot write")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


@attrs.frozen(kw_only=True)
class FormatInfo:
    """What the registry knows about a registered format besides the format itself.

    Attributes:
        format: The format instance.
        origin: Where it comes from: ``"newsdoc"`` for built-ins, the distribution name for
            a plugin loaded from an entry point, the defining module's name for a format
            registered at run time by other code.
        entry_point: For a plugin, its entry point as declared (``"rss =
            newsdoc_reader_example:RssFormat"``); ``None`` otherwise.

    .. versionadded:: 0.1.0
    """

    format: Format
    origin: str
    entry_point: str | None = None


F = TypeVar("F", bound=type[Format])


class Registry:
    """Formats by name, with lazy discovery of plugins.

    newsdoc keeps one default registry, used by :func:`newsdoc.read` and friends; create
    your own only to test plugins in isolation.

    .. versionadded:: 0.1.0
    """

    def __init__(self, *, entry_point_group: str | None = ENTRY_POINT_GROUP) -> None:
        self._formats: dict[str, Format] = {}
        self._info: dict[str, FormatInfo] = {}
        self._group = entry_point_group
        self._plugins_loaded = entry_point_group is None
        self._errors: list[PluginError] = []
        self._failed: dict[str, PluginError] = {}

    def register(self, fmt: Format, *, replace: bool = False) -> Format:
        """Add ``fmt`` under ``fmt.name``.

        The registry records where it comes from (see :meth:`info`): ``"newsdoc"`` for a
        format defined in newsdoc, else its class's module, so ``newsdoc formats`` can say.

        Args:
            fmt: The format instance.
            replace: Replace a format already registered under the same name.

        Returns:
            ``fmt``.

        Raises:
            ValueError: the name is empty, or already taken and ``replace`` is false.
        """
        if not fmt.name:
            raise ValueError(f"{fmt!r} has no name")
        existing = self._info.get(fmt.name)
        if existing is not None and not replace:
            raise ValueError(
                f"format name {fmt.name!r} is already registered (by {existing.origin}); "
                "pass replace=True to replace it"
            )
        module = type(fmt).__module__
        origin = "newsdoc" if module == "newsdoc" or module.startswith("newsdoc.") else module
        self._add(FormatInfo(format=fmt, origin=origin))
        return fmt

    def _add(self, info: FormatInfo) -> None:
        self._formats[info.format.name] = info.format
        self._info[info.format.name] = info

    def _load_plugins(self) -> None:
        if self._plugins_loaded:
            return
        self._plugins_loaded = True  # first, so that a plugin importing newsdoc cannot recurse
        assert self._group is not None
        try:
            eps = list(metadata.entry_points(group=self._group))
        except Exception as exc:  # a corrupt installed distribution: keep the built-ins
            err = PluginError(
                f"the installed {self._group!r} entry points could not be listed: "
                f"{type(exc).__name__}: {exc}",
                plugin="*",
            )
            err.__cause__ = exc
            self._errors.append(err)
            return
        for ep in eps:
            self._load_entry_point(ep)

    def _load_entry_point(self, ep: metadata.EntryPoint) -> None:
        """Load and register one plugin; record a :class:`PluginError` if that fails."""
        dist, version = _distribution(ep)
        declared = f"{ep.name} = {ep.value}"
        where = f"plugin {ep.name!r} ({ep.value}) from distribution " + (
            f"{dist} {version}" if dist and version else repr(dist or "unknown")
        )
        stage = "loaded"
        try:
            loaded = ep.load()
            fmt = loaded() if isinstance(loaded, type) and issubclass(loaded, Format) else loaded
            _check_plugin_format(fmt, ep.value)
            assert isinstance(fmt, Format)
            stage = "registered"
            existing = self._info.get(fmt.name)
            if existing is not None and type(existing.format) is type(fmt) and (
                existing.origin in (type(fmt).__module__, "newsdoc")
            ):
                fmt = existing.format  # the plugin module registered itself on import
            elif existing is not None:
                raise ValueError(
                    f"format name {fmt.name!r} is already taken by {existing.origin}"
                    + (f" ({existing.entry_point})" if existing.entry_point else "")
                )
            self._add(FormatInfo(format=fmt, origin=dist or ep.value.partition(":")[0],
                                 entry_point=declared))
        except Exception as exc:  # a broken plugin must not break the others
            err = PluginError(
                f"{where} could not be {stage}: {type(exc).__name__}: {exc}",
                plugin=ep.name,
                distribution=dist,
            )
            err.__cause__ = exc
            self._errors.append(err)
            self._failed.setdefault(ep.name, err)

    def formats(self) -> Mapping[str, Format]:
        """All formats by name, plugins included, as a read-only mapping.

        The first call loads the plugins of the entry-point group. A plugin that fails to
        load or to register is left out and recorded (see :meth:`plugin_errors`); the
        built-in formats and the other plugins are unaffected.

        Raises:
            Nothing: plugin failures are recorded, not raised.
        """
        self._load_plugins()
        return types.MappingProxyType(self._formats)

    def info(self, name: str) -> FormatInfo:
        """Where the format called ``name`` comes from, with the format.

        Raises:
            newsdoc.exceptions.PluginError: ``name`` is a plugin that failed to load.
            newsdoc.exceptions.UnknownFormatError: no format has that name.
        """
        self.get(name)
        return self._info[name]

    def plugin_errors(self) -> tuple[PluginError, ...]:
        """The plugins that failed to load or register, in discovery order.

        Each error's message names the entry point, the object it points at, and the
        distribution (with its version) that declared it, then the cause; its ``plugin`` and
        ``distribution`` attributes hold the names, and ``__cause__`` the original exception.
        A plugin whose format name is already taken (by a built-in or an earlier plugin) is
        such an error; the format that held the name keeps it.

        Raises:
            Nothing: this is where failures are reported instead.
        """
        self._load_plugins()
        return tuple(self._errors)

    def get(self, name: str) -> Format:
        """The format called ``name``.

        Raises:
            newsdoc.exceptions.PluginError: ``name`` is a plugin that failed to load.
            newsdoc.exceptions.UnknownFormatError: no format has that name.
        """
        fmt = self._formats.get(name)
        if fmt is not None:
            return fmt
        self._load_plugins()
        fmt = self._formats.get(name)
        if fmt is not None:
            return fmt
        if name in self._failed:
            raise self._failed[name]
        raise UnknownFormatError(
            f"unknown format {name!r}", tried=(f"format={name!r}",),
            available=tuple(sorted(self._formats)),
        )

    def for_extension(self, path: str | os.PathLike[str]) -> Format | None:
        """The format whose extensions match ``path``'s, or ``None``.

        The longest matching extension wins, so ``.jsonl`` is not taken for ``.json``.
        """
        name = os.fspath(path).lower()
        self._load_plugins()
        best: tuple[int, Format] | None = None
        for fmt in self._formats.values():
            for ext in fmt.extensions:
                if name.endswith(ext.lower()) and (best is None or len(ext) > best[0]):
                    best = (len(ext), fmt)
        return best[1] if best else None

    def sniff(self, prefix: str) -> Format | None:
        """The first readable format whose sniff accepts ``prefix``, built-ins first."""
        self._load_plugins()
        for fmt in self._formats.values():
            if not fmt.can_read:
                continue
            try:
                if fmt.sniff(prefix):
                    return fmt
            except Exception:  # a sniff that raises is a no
                continue
        return None

    def detect(
        self,
        *,
        format: str | None = None,
        path: str | os.PathLike[str] | None = None,
        prefix: str | None = None,
        purpose: str = "read",
    ) -> Format:
        """Choose a format: explicit ``format`` first, then ``path``'s extension, then sniffing
        ``prefix``.

        Raises:
            newsdoc.exceptions.UnknownFormatError: nothing matched; the message lists what
                was tried and what exists.
            newsdoc.exceptions.PluginError: ``format`` names a plugin that failed to load.
        """
        if format is not None:
            fmt = self.get(format)
            _check_capable(fmt, purpose)
            return fmt
        tried: list[str] = []
        if path is not None:
            by_ext = self.for_extension(path)
            if by_ext is not None and _capable(by_ext, purpose):
                return by_ext
            ext = os.path.splitext(os.fspath(path))[1]
            tried.append(f"extension {ext!r}" if ext else f"extension of {os.fspath(path)!r}")
        if prefix is not None:
            sniffed = self.sniff(prefix)
            if sniffed is not None:
                return sniffed
            tried.append("sniffing the first bytes")
        available = tuple(sorted(n for n, f in self._formats.items() if _capable(f, purpose)))
        where = f" for {os.fspath(path)!r}" if path is not None else ""
        raise UnknownFormatError(
            f"cannot tell which format to {purpose}{where}; name one",
            tried=tuple(tried), available=available,
        )


def _distribution(ep: metadata.EntryPoint) -> tuple[str | None, str | None]:
    """The name and version of the distribution declaring ``ep``, where known."""
    try:
        dist = ep.dist
        if dist is None:
            return None, None
        return dist.name, dist.version
    except Exception:  # unreadable metadata: the message says "unknown"
        return None, None


def _check_plugin_format(fmt: object, value: str) -> None:
    """Raise ``TypeError`` unless ``fmt`` is a usable :class:`Format` instance."""
    if not isinstance(fmt, Format):
        what = f"the class {fmt.__name__}" if isinstance(fmt, type) else type(fmt).__name__
        raise TypeError(f"{value} is {what}, not a newsdoc.Format subclass or instance")
    if not isinstance(fmt.name, str) or not fmt.name:
        raise TypeError(f"{value} has no format name (set the class attribute 'name')")
    exts = fmt.extensions
    if not isinstance(exts, tuple) or not all(
        isinstance(e, str) and e.startswith(".") and len(e) > 1 for e in exts
    ):
        raise TypeError(
            f"{value}: extensions must be a tuple of strings starting with '.', "
            f"not {exts!r}"
        )
    if not (fmt.can_read or fmt.can_write):
        raise TypeError(f"{value} overrides neither read() nor write()")


def _capable(fmt: Format, purpose: str) -> bool:
    return fmt.can_read if purpose == "read" else fmt.can_write


def _check_capable(fmt: Format, purpose: str) -> None:
    if not _capable(fmt, purpose):
        raise UnknownFormatError(f"format {fmt.name!r} cannot {purpose}")


_default = Registry()


@overload
def register_format(cls: F, /) -> F: ...
@overload
def register_format(*, replace: bool = False, registry: Registry | None = None
                    ) -> Callable[[F], F]: ...


def register_format(cls: F | None = None, /, *, replace: bool = False,
                    registry: Registry | None = None) -> F | Callable[[F], F]:
    """Class decorator: register an instance of a :class:`Format` subclass by its name.

    Args:
        cls: The class (when used as ``@register_format`` without arguments).
        replace: Replace a format already registered under the same name.
        registry: The registry to add it to; by default newsdoc's own, which
            :func:`newsdoc.read` and friends use.

    >>> import io, newsdoc
    >>> registry = newsdoc.Registry(entry_point_group=None)  # keep the example to itself
    >>> @newsdoc.register_format(registry=registry)
    ... class Shout(newsdoc.Format):
    ...     name = "shout-example"
    ...     extensions = (".shout",)
    ...     def write(self, documents, out):
    ...         for d in documents:
    ...             out.write(d.title.upper() + "\\n")
    >>> out = io.StringIO()
    >>> registry.get("shout-example").write([newsdoc.Document(title="Hi")], out)
    >>> out.getvalue(), "shout-example" in newsdoc.available_formats()
    ('HI\\n', False)

    Raises:
        ValueError: the name is taken and ``replace`` is false.

    .. versionadded:: 0.1.0
    """
    target = registry if registry is not None else _default

    def deco(c: F) -> F:
        target.register(c(), replace=replace)
        return c

    return deco(cls) if cls is not None else deco


def available_formats() -> Mapping[str, Format]:
    """All available formats by name (built-ins and plugins), read-only.

    >>> import newsdoc
    >>> {"scraped-text", "json", "jsonl"} <= set(newsdoc.available_formats())
    True
    >>> newsdoc.available_formats()["scraped-text"].extensions
    ('.txt',)

    Raises:
        Nothing: plugins that fail to load are left out; see ``newsdoc formats``.

    .. versionadded:: 0.1.0
    """
    return _default.formats()


def get_format(name: str) -> Format:
    """The format registered as ``name``.

    Raises:
        newsdoc.exceptions.UnknownFormatError: no such format.
        newsdoc.exceptions.PluginError: the plugin providing it failed to load.

    .. versionadded:: 0.1.0
    """
    return _default.get(name)


def default_registry() -> Registry:
    """The registry newsdoc's functions use."""
    return _default
