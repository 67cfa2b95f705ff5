"""The HTML article reader's implementation (private): metadata, body, figures, positions.

:mod:`newsdoc.formats.html` is the public face; nothing here is API. Only the body module
imports trafilatura, and only the modules that parse markup import lxml, so importing
``newsdoc`` imports neither.
"""
