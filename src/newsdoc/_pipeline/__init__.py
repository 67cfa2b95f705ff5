"""The private reading pipeline: bytes -> decompression -> decoding -> the text stage ->
a format's reader (which splits lines with :mod:`newsdoc.lines`) -> documents.

- :mod:`._compress`: transparent, streaming decompression, by magic bytes;
- :mod:`._decode`: choosing the encoding, decoding in chunks, byte offsets;
- :mod:`._limits`: the limits and the :class:`~newsdoc.Reporter` every stage reports to;
- :mod:`._text`: the text stage every door shares, and placing reported diagnostics;
- :mod:`._io`: the doors: ``read``, ``iter_read``, ``loads``, ``dumps``, ``write``.
"""
