"""The exceptions newsdoc raises: a small tree rooted at :class:`NewsdocError`.

Each leaf also subclasses the fitting builtin, so ``except ValueError`` keeps working for
callers that do not know newsdoc.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

__all__ = [
    "NewsdocError",
    "ParseError",
    "PluginError",
    "SchemaError",
    "UnknownFormatError",
]


class NewsdocError(Exception):
    """The root of every exception newsdoc raises on purpose."""


class ParseError(NewsdocError, ValueError):
    """Input that a strict read cannot accept.

    Attributes:
        path: The file being read, or ``None`` for text and streams.
        line: 1-based line of the problem (0 when it concerns the whole input).
        column: 1-based column of the problem (0 when unknown).
        source_line: The offending line, verbatim.
        code: The stable diagnostic code (``"title-mismatch"``), when there is one.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int = 0,
        column: int = 0,
        source_line: str = "",
        code: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.source_line = source_line
        self.code = code
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path if self.path is not None else '<input>'}:{self.line}:{self.column}"
        text = f"{where}: {self.message}"
        if self.code:
            text += f" [{self.code}]"
        if self.source_line:
            shown = self.source_line
            if len(shown) > 200:
                shown = shown[:200] + "…"
            text += f"\n    {shown!r}"
        return text

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_parse_error, (self.message, self.path, self.line, self.column,
                                        self.source_line, self.code))


def _rebuild_parse_error(
    message: str, path: str | None, line: int, column: int, source_line: str, code: str | None
) -> ParseError:
    return ParseError(message, path=path, line=line, column=column, source_line=source_line,
                      code=code)


class SchemaError(ParseError):
    """A newsdoc JSON document that does not fit the schema: an unknown schema version,
    an unknown or missing field, or a value of the wrong type."""


class UnknownFormatError(NewsdocError, LookupError):
    """No format could be chosen for the input.

    Attributes:
        tried: What was tried, in order (``"format='xml'"``, ``"extension '.foo'"``,
            ``"sniffing"``).
        available: The names of the formats that exist.
    """

    def __init__(self, message: str, *, tried: tuple[str, ...] = (),
                 available: tuple[str, ...] = ()) -> None:
        self.tried = tried
        self.available = available
        full = message
        if tried:
            full += "; tried " + ", ".join(tried)
        if available:
            full += "; available formats: " + ", ".join(available)
        super().__init__(full)

    def __str__(self) -> str:
        return str(self.args[0])


class PluginError(NewsdocError, ImportError):
    """A third-party format (entry point) that could not be loaded or registered.

    Attributes:
        plugin: The entry point's name.
        distribution: The distribution that declared it, when known.
    """

    def __init__(self, message: str, *, plugin: str, distribution: str | None = None) -> None:
        self.plugin = plugin
        self.distribution = distribution
        super().__init__(message)
