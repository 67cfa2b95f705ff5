"""The fast path: the commonest caption endings, answered without the general parser.

:func:`split` tries :func:`fast_split` first and falls back to the general parser
(:func:`newsdoc.captions._parse.split`) whenever the fast path does not answer. The fast path
answers only in shapes where it gives what the general parser gives (a Hypothesis property,
``tests/test_captions_properties.py``, checks exactly that on every caption where it answers):

- a caption ending in a plain sentence (a period or a lower-case word; its last 200
  characters hold no bracket, slash, pipe, label word or handle, and its last word is no
  agency's): no credit;
- a caption ending in ``(AGENCY)``, ``(Photo by NAME / AGENCY)``, a labelled credit
  (``Photo by NAME / AGENCY via Getty Images``, ``(Image: Getty)``, ``Photo: NAME``) or,
  in brackets or after a sentence, a slash chain of one name and known agencies
  (``REUTERS/NAME``, ``NAME/AFP/Getty Images``, ``(AP Photo/NAME)``), or a known agency alone
  after a sentence, when the text before it ends in a plain sentence as above.

Each form is one compiled pattern matched from where the form must start to the end of the
line, plus a few string operations and table lookups, so the common captions cost a few
microseconds (``benchmarks/captions.py``).
"""

from __future__ import annotations

import itertools
import re

from newsdoc._models import Credit
from newsdoc.captions import _parse
from newsdoc.captions._agencies import Agencies

__all__ = ["fast_split", "split"]

_WINDOW = _parse.WINDOW
_UNPLAIN = re.compile(r"[/|\\©@]")
_HINTS = _parse._LABEL_HINTS

# One compiled pattern per common form, each matched from where the form must start to the
# end of the line (``match`` with ``endpos``, so no scanning): a bracketed credit, a labelled
# one, and (after a sentence) a slash chain or a known agency alone. A body holds names,
# agencies, slashes and "via" only: any other separator or sign leaves it to the general
# parser.
_FAST_BRACKET = re.compile(r"\([ \t]?(?P<label>(?:Photo|Image|Picture|Credit):[ \t]?)?"
                           r"(?P<body>[\w&'’., /-]{1,80}?)[ \t]?\)\Z")
_FAST_LABEL = re.compile(r"(?P<label>Photo by|Photos? ?:|Image ?:|Credit ?:|Picture ?:"
                         r"|Photograph ?:)[ \t]?(?P<body>[\w&'’., /-]{1,80})\Z")
_FAST_BARE = re.compile(r"(?P<body>[A-Z][\w&'’. /-]{0,80})\Z")
_NAME_TOKEN = re.compile(r"[A-Z](?:[a-z]+(?:['’-][A-Z]?[a-z]+)?|[A-Z]+(?:['’-][A-Z]+)?|\.)")
_VIA = " via "
_SENTENCE_ENDS = (". ", "? ", "! ")


def split(raw: str, agencies: Agencies) -> tuple[str, Credit | None]:
    """Split ``raw`` into text and credit: the fast path when it answers, else the general
    parser; see :func:`newsdoc.captions.split_credit`."""
    found = fast_split(raw, agencies)
    return found if found is not None else _parse.split(raw, agencies)


def fast_split(raw: str, agencies: Agencies) -> tuple[str, Credit | None] | None:
    """What :func:`newsdoc.captions._parse.split` gives for ``raw``, when ``raw`` ends in one
    of the common forms of the module docstring; ``None`` otherwise."""
    end = len(raw.rstrip())
    if end < 2:
        return None
    if raw[end - 1] == ".":
        if _plain_end(raw, end, agencies) and _no_leading(raw):
            return raw.strip(), None
        return None
    if _parse._chrome_piece(raw, end) is not None:
        return None
    found = _unit(raw, end, agencies)
    if found is None:
        return None
    start, reading = found
    text_end = _parse._separator_start(raw, start)
    if text_end > 0 and not _plain_end(raw, text_end, agencies):
        return None
    return raw[:text_end].strip(), reading.credit(raw[start:end])


def _labelled(raw: str, start: int, end: int) -> bool:
    """Whether a label ("Photo:", "Credit", "Courtesy") starts in ``raw[start:end]``: the
    general parser reads labels before slash chains."""
    return (_parse._LABEL_ANYWHERE.search(raw, start, end) is not None
            or _parse._NYT_CREDIT.search(raw, start, end) is not None)


def _sentence_start(raw: str, end: int) -> int:
    """Where the last sentence of ``raw[:end]`` starts (0 for the first), or -1 when it
    starts more than 100 characters before ``end``."""
    low = max(0, end - 102)
    stop = max(raw.rfind(e, low, end) for e in _SENTENCE_ENDS)
    if stop < 0:
        return 0 if end <= 100 else -1
    prev = raw[max(0, stop - 24):stop + 1].rsplit(None, 1)[-1]
    if "." in prev[:-1] or _parse._is_initial(prev):
        return -1  # "Sgt. Joshua Risner", "Edgar H. Clemente", "Riyadh.Sgt.": not plain
    return stop + 2


def _unit(raw: str, end: int, agencies: Agencies) -> tuple[int, _parse._Reading] | None:
    """The credit unit ending ``raw[:end]`` and its reading, for the common forms."""
    if raw[end - 1] == ")":
        start = raw.rfind("(", max(0, end - 100), end - 1)
        m = _FAST_BRACKET.match(raw, start, end) if start >= 0 else None
        if m is None:
            return None
        body = m["body"]
        reading = _parse._fast_bracket(body, agencies) if m["label"] is None else None
        if reading is None and _labelled(raw, m.start("body"), end - 1):
            return None
        if reading is None:
            reading = _body_reading(body, agencies, labelled=m["label"] is not None)
        return None if reading is None else (start, reading)
    start = _sentence_start(raw, end)
    if start < 0 or raw[start].isspace():
        return None
    m = _FAST_LABEL.match(raw, start, end)
    if m is not None:
        body = m["body"]
        if _labelled(raw, m.start("body"), end):
            return None
        if start == 0 and "/" not in body and len(body.split()) > 5:
            return None  # an opening label introduces the caption
        reading = _body_reading(body, agencies, labelled=True)
    else:
        m = _FAST_BARE.match(raw, start, end)
        if m is None or ("/" not in m["body"] and agencies.canonical(m["body"]) is None):
            return None
        if _labelled(raw, start, end):
            return None
        reading = _body_reading(m["body"], agencies, labelled=False)
    return None if reading is None else (start, reading)


def _body_reading(body: str, agencies: Agencies, *, labelled: bool) -> _parse._Reading | None:
    """The reading of a credit body made of one name and known agencies between slashes,
    the last of them perhaps "AGENCY via AGENCY" (``NAME/AFP via Getty Images``,
    ``REUTERS/NAME``, ``AP Photo/NAME``), or, after a label, of a name or agency alone;
    ``None`` for anything else."""
    if body != body.strip() or "  " in body or "." in body.replace(". ", ""):
        return None
    reading = _parse._Reading()
    pieces = [p.strip() for p in body.split("/")]
    if ", " in pieces[-1]:  # "NAME, AP"
        head, _, after = pieces[-1].rpartition(", ")
        if "," in head:
            return None
        pieces[-1:] = [head, after]
    if _VIA in pieces[-1]:
        head, _, upstream = pieces[-1].partition(_VIA)
        pieces[-1:] = [head.strip(), upstream.strip()]
    for i, piece in enumerate(pieces):
        agency = agencies.canonical(piece)
        if agency is not None:
            if agency not in reading.agencies:
                reading.agencies.append(agency)
        elif not reading.persons and (i == 0 or reading.agencies) and _name(piece, agencies):
            reading.persons.append(piece)
        else:
            return None
    if not reading.agencies and not (labelled and reading.persons):
        return None
    return reading


def _name(piece: str, agencies: Agencies) -> bool:
    """A person's name as the general parser reads one: two to four capitalised words (or
    words in capitals, or initials), no capitals-only word before a mixed-case one, no
    organisation word, no agency."""
    words = piece.split(" ")
    if not 2 <= len(words) <= 4 or not all(_NAME_TOKEN.fullmatch(w) for w in words):
        return False
    for a, b in itertools.pairwise(words):
        if len(a) > 1 and a.isupper() and not b.isupper():
            return False  # "UK Jon Super": the general parser starts the name later
    return (not _parse._org_like(piece)
            and _parse._agency(piece, agencies, any_case=True) is None
            and piece.casefold() not in _parse._SKIP_WORDS)


def _plain_end(raw: str, end: int, agencies: Agencies) -> bool:
    """Whether ``raw[:end]`` ends in a plain sentence, where no rule of the general parser
    finds a credit. In the last :data:`~newsdoc.captions._parse.WINDOW` characters:

    - the end is a period (not after a bracket), a number, or a word (lower-case, and no
      particle or organisation word, when a sentence ends less than 52 characters before);
    - no slash, pipe, backslash, copyright sign or handle;
    - after the last bracket, a lower-case word (no chrome, byline or credit after it);
    - after the last label word and the four words that may follow it, two lower-case words
      at least (so no label's value reads like a credit), and no "by ... photo";
    - a last word that is no agency's.
    """
    last = raw[end - 1]
    win = raw[max(0, end - _WINDOW):end]
    word = win[win.rfind(" ") + 1:]
    if last == ".":
        if end >= 2 and raw[end - 2] in ")]":
            return False
    elif not last.isdigit():
        if not last.isalpha():
            return False
        if max(win.rfind(e) for e in _SENTENCE_ENDS) >= len(win) - _BARE_REACH and not (
            word.islower() and word not in _parse._PARTICLES
            and word not in _parse._ORG_WORDS and word not in _CONNECTIVES
        ):
            return False  # a short last sentence of capitalised words may be a credit
    if _UNPLAIN.search(win) is not None:
        return False
    close = max(win.rfind(")"), win.rfind("]"))
    if close >= 0 and not win[close + 1:].lstrip()[:1].islower():
        return False
    low = win.lower()
    hint = max(low.rfind(h) for h in _HINTS)
    if hint >= 0 and (not _beyond_labels(win[hint:]) or (" by " in win and "hoto" in win)):
        return False
    word = word.strip(_parse._EDGE_PUNCT).replace(".", "").casefold()
    return word not in agencies.last_words and word not in _parse._BARE_LAST


def _beyond_labels(rest: str) -> bool:
    """Whether a label starting ``rest`` (at most five words) is followed by two lower-case
    words or more: then no label there or before has a value that reads like a credit."""
    lowercase = 0
    for w in rest.split()[_LABEL_WORDS:]:
        core = w.strip(_parse._EDGE_PUNCT)
        if core.isalpha() and core.islower() and core not in _parse._CONNECTORS:
            lowercase += 1
            if lowercase >= 2:
                return True
    return False


_LABEL_WORDS = 5  # "Photo credit should read NAME": a label and its words
_CONNECTIVES = frozenset(["of", "for", "and"])
_BARE_REACH = 52  # the general parser's bare last sentence is at most 50 characters


def _no_leading(raw: str) -> bool:
    """Whether no credit can start the line (see ``_parse._leading_credit``)."""
    line = raw.lstrip()
    return (not line.startswith(("Image", "Photo")) and " | " not in line[:64]
            and "/" not in line[:44])
