"""Finding a photo credit at the end of a caption and telling its parts apart.

How it works, in two stages:

1. **Finding** (:func:`split`). A caption's credit is a run of one or more *units* at its end:
   a bracketed credit ``(Photo by NAME / AFP)``, a labelled one ``Photo: SOURCE``, or an
   unmarked chain ``REUTERS/NAME``, ``NAME/EPA``, ``- Reuters``. Units are peeled off the end
   one at a time until none is left, so the text part never ends in a credit (a line ending
   in more than :data:`MAX_UNITS` units is given no credit at all). Every search
   looks only at a bounded window at the end of what is left (:data:`WINDOW` characters) and
   uses plain string operations or patterns without nested quantifiers, so the cost per unit
   does not depend on the length of the caption.
2. **Reading** (:func:`read_body`). The credit's body (without brackets and label) is cut at
   its separators (``/``, ``|``, ``;``, ``,``, spaced dashes, ``via``, ``for``), each piece is
   classified (known agency, person, organisation, file or handout marker, social-media
   account) and roles are given by position: a name before an agency is the photographer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdoc._models import Credit, CreditKind
from newsdoc.captions._agencies import Agencies, is_acronym

__all__ = ["MAX_UNITS", "WINDOW", "parse_bare_credit", "read_body", "same_text", "split"]

WINDOW = 200
"""How many characters at the end of a caption a credit unit may span."""

MAX_BRACKET = 180
"""The longest bracketed credit, brackets excluded."""

MAX_UNITS = 4
"""The most credit units a caption may stack ("(AP Photo/NAME) AP Photo" has two). A line
that ends in more is not a caption with a credit but a run of credit-like junk: it is given
no credit at all, which keeps the text free of credits and the cost of a line bounded."""

def _wordset(text: str, *extra: str) -> frozenset[str]:
    return frozenset((*text.split(), *extra))


_TERMINATORS = frozenset(".!?…\"”'’)]")
_DASHES = frozenset("-–—|")

# Words that may stand lowercase inside a credit without making it read like a sentence.
_CONNECTORS = _wordset(
    """via vía for para of and the by de da di del della dos das du des van von der den ter
    ten le la al el bin ibn abu y e zu und photo photos file handout illustration
    illustrations left right centre center top bottom courtesy staff stringer contributor
    contributors images pool on in at"""
)
_PARTICLES = _wordset(
    "de da di del della dos das du des van von der den ter ten le la al el bin ibn abu y zu"
)
_FILE_MARKERS = frozenset(
    ["file", "files", "file photo", "file image", "file picture", "archive", "archives",
     "archive photo"]
)
_HANDOUT_MARKERS = frozenset(["handout", "handout photo", "supplied", "ho", "handout picture",
                              "courtesy", "courtesy photo"])
_SKIP_WORDS = _wordset(
    """stringer str stf staff contributor contributors photographer pool - – — photo photos
    left right centre center top bottom above below inset main from-left
    released screenshot""",
    "photo illustration", "illustration", "left to right", "from left", "staff photo",
    "getty - contributor", "all rights reserved", "best quality available",
)
_ORG_WORDS = _wordset(
    """university government police times news press pictures picture images image
    productions production resort agency council ministry office museum foundation
    collaboration project institute board school court live wire echo herald post guardian
    journal daily media group inc ltd llc plc co network tv radio channel service services
    department committee organization organisation association archive archives library
    collection studios studio films records company corporation corp centre center club
    league party army forces force embassy commission authority bureau administration
    registry hospital church team nasa esa un photo photos creative commons wikimedia
    wikipedia flickr rf vision estate technologies technology labs systems solutions partners
    holdings
    capital bank airlines airways motors energy games entertainment publishing publications
    magazine tribune gazette observer standard independent telegraph chronicle examiner
    review weekly sun mirror express star globe courier dispatch reporter stock handout
    navy marines military defence defense state city county region regional national
    international global federal royal republic kingdom union society trust fund reserve
    institution center zoo park gallery theatre theater festival records library lab
    presidency palace diwan parliament cabinet assembly senate congress municipality
    governorate command centcom coalition brigade guard guards corps interior affairs
    consulate mission front movement directorate division spokesperson photography
    broadcast broadcasting newspaper online digital channel pictures scanpix org com net"""
)
_PLATFORMS = "X|Twitter|Facebook|Instagram|Telegram|TikTok|YouTube|Threads|LinkedIn|Weibo|Bluesky"

# --- patterns -----------------------------------------------------------------------------

# A credit label ("Photo:", "Photo by", "Credit:", "Courtesy of", ...), anchored by callers.
_LABEL = (
    r"(?:(?:file[ \t])?(?:photo(?:graph)?s?|fotos?|pictures?|images?)[ \t]?(?:credits?[ \t]?)?"
    r"(?::|[ \t]by\b:?)"
    r"|(?:words|text|story)[ \t]and[ \t]photos?[ \t]by\b"
    r"|(?:photo[ \t])?credit[ \t]should[ \t]read\b"
    r"|(?:photo[ \t])?(?:illustrations?|montage|collage)[ \t]by\b"
    r"|(?:photo|image|picture)s?[ \t]via\b"
    r"|(?:image[ \t])?source[ \t]?[:,]"
    r"|(?:photo[ \t]|image[ \t]|picture[ \t])?credits?[ \t]?(?::|\.\.\.|…)"
    r"|(?:image[ \t])?copyright\b"
    r"|courtesy(?:[ \t]of)?\b"
    r"|file[ \t]?:"
    r"|©)"
)
_LABEL_AT_START = re.compile(r"[ \t]*(?P<label>" + _LABEL + r")[ \t]*", re.IGNORECASE)
_LABEL_ANYWHERE = re.compile(r"(?<!\w)(?P<label>" + _LABEL + r")[ \t]*", re.IGNORECASE)
# Words one of which every label contains (lowercased): a cheap test before the label
# patterns run.
_LABEL_HINTS = ("photo", "image", "picture", "credit", "source:", "source :", "source,",
                "copyright", "courtesy", "file:", "file :", "©", "illustrat", "montage",
                "collage", "foto", "words and", "text and", "story and")
_LABEL_FIRST = ("photo", "picture", "image", "credit", "source", "copyright", "courtesy",
                "file", "©", "illustration", "montage", "collage", "foto", "words", "text",
                "story")
# The New York Times' "Credit NAME" (no colon), only at the start of a sentence.
_NYT_CREDIT = re.compile(
    r"(?:^|(?<=[.!?\"”’)][ \t]))Credit(?:[ \t]Credit)?(?:[ \t](?=[A-ZÀ-Þ])|$)"
)
_SOCIAL = re.compile(
    r"^(?P<who>[^()\[\]]{1,80}?)['’]s?[ \t]+(?:official[ \t]+)?"
    r"(?:account|page|profile|feed|channel|post)[ \t]+on[ \t]+"
    rf"(?:{_PLATFORMS}|social[ \t]media)\.?$"
    rf"|^@\w{{1,40}}(?:[ \t]+on[ \t]+(?:{_PLATFORMS}))?$"
    rf"|^(?:{_PLATFORMS})[ \t]*/[ \t]*@\w{{1,40}}$",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"(?:(?:THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY|MANDATORY CREDIT|NO RESALES"
    r"|NO ARCHIVES|NO SALES|NO COMMERCIAL USE|EDITORIAL USE ONLY|NO THIRD PARTY SALES"
    r"|NOT FOR MARKETING OR ADVERTISING CAMPAIGNS|BEST QUALITY AVAILABLE|HANDOUT PHOTO|HANDOUT)"
    r"\.?[ \t]*){1,8}$"
)
_TRAILING_FILE = re.compile(r"(?:[ \t]*,[ \t]*|[ \t]+|[ \t]*/[ \t]*)(?:file|File|FILE)"
                               r"(?:[ \t]+(?:photo|Photo|PHOTO))?$")
_AGENCY_PHOTO_BY = re.compile(r"(?:^|(?<=[ \t]))(?:photos?|Photos?|PHOTOS?)[ \t]+by[ \t]+")
# Separators inside a credit body. A period separates only after a word of three lowercase
# letters or more ("Frank van Beek. Courtesy of ..."), never after an initial ("Edgar H. C").
# Each alternative starts with the separator character itself (the engine then skips fast to
# candidates); the spaces around a separator stay with the items, which are stripped.
_SEPARATORS = re.compile(
    r"/|\\|(?<=[ \t])\|(?=[ \t])|;|(?<=[ \t])[-–—](?=[ \t])|,(?=[ \t])"
    r"|(?<=[a-zà-ÿ]{3})\.(?=[ \t]+[A-ZÀ-Þ])|\.(?=[ \t]+[Cc]ourtesy\b)"
)
_PIECES = re.compile(r"[ \t]*[/\\][ \t]*|[ \t]+\|[ \t]+")
_VIA = re.compile(r"(?:^|/|(?<=[ \t]))(?:v[ií]a|VIA)[ \t]+")
_FOR = re.compile(r"[ \t]+(?:for|para)[ \t]+")
_SENTENCE_BREAK = re.compile(r"[.!?][ \t]+[a-zß-ÿ]|[?!]")
_ALNUM = re.compile(r"[^\W_]")
_TITLES = frozenset(["Jr", "Sr", "St", "Dr", "Mr", "Mrs", "Ms", "Prof", "Sgt", "Spc", "Pfc",
                     "Cpl", "Pvt", "Lt", "Capt", "Maj", "Col", "Gen", "Cmdr", "Adm", "Sen",
                     "Rep", "Gov", "Amn", "Sra", "Ssgt", "Tsgt", "Msgt"])
_EDGE_PUNCT = "\"'“”‘’()[]{}<>.,;:!?*©"


# --- small helpers ------------------------------------------------------------------------


def same_text(a: str, b: str) -> bool:
    """Equal once whitespace runs (non-breaking spaces included) are one space, ends trimmed."""
    return _squash(a) == _squash(b)


def _squash(text: str) -> str:
    return " ".join(text.replace("\u200b", "").replace("\ufeff", "").split())


_NAME_PREFIXES = ("al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ar-", "bin-", "ibn-",
                  "abu-", "bint-", "ul-", "d'", "d’", "l'", "l’", "dell'", "dell’")


def _is_name_token(token: str) -> bool:
    """A capitalised word ("Saife", "NEMENOV", "O'Neil", "H.W."), a capitalised word behind a
    lower-case particle ("al-Amri", "d'Souza") or a handle ("@user")."""
    if not token:
        return False
    if token[0] == "@":
        return len(token) > 1 and token[1:].replace("_", "").isalnum()
    if not token[0].isupper():
        if token.startswith(_NAME_PREFIXES):
            rest = token[next(len(p) for p in _NAME_PREFIXES if token.startswith(p)):]
            return rest[:1].isupper() and _is_name_token(rest)
        return False
    if token.isalpha():  # the common case: nothing to remove
        return True
    core = token.replace("'", "").replace("’", "").replace(".", "").replace("-", "")
    return core.isalpha()


def _is_initial(token: str) -> bool:
    """``J.``, ``H.W.``, ``Jr.``: a period that does not end a sentence."""
    if not token.endswith("."):
        return False
    core = token[:-1]
    if core in _TITLES:
        return True
    parts = core.split(".")
    return len(parts) <= 3 and all(len(p) == 1 and p.isupper() for p in parts)


def _is_caps(token: str) -> bool:
    if token.isascii():  # letters are A-Z and a-z: isupper() is "no a-z and one A-Z at least"
        return (token.isupper() and "." not in token
                and sum(c.isalpha() for c in token) >= 2)
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and "." not in token


def _ends_sentence(token: str) -> bool:
    """A token that ends with sentence punctuation and is not an initial (``J.``)."""
    if not token or token[-1] not in ".,;:!?\"”’)]":
        return False
    return not (token[-1] == "." and _is_initial(token))


def _credit_like(value: str, max_words: int = 16) -> bool:
    """Reads like a credit (names, agencies, connectors), not like a sentence."""
    words = value.split()
    if not words or len(words) > max_words or _SENTENCE_BREAK.search(value):
        return False
    lowercase = 0
    for word in words:
        core = word.strip(_EDGE_PUNCT)
        if (core and core[0].islower() and core.isalpha() and core.islower()
                and core not in _CONNECTORS):
            lowercase += 1
            if lowercase > 1:
                return False
    return True


def _balanced(value: str) -> bool:
    """No bracket closes that was not opened in ``value`` (and none is left open)."""
    if "(" not in value and ")" not in value and "[" not in value and "]" not in value:
        return True  # the common case, without a loop over the characters
    depth = 0
    for c in value:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _piece_like(piece: str, agencies: Agencies | None = None) -> bool:
    """A piece of a slash chain after the first: names, agencies (in any case when the table
    is given: "dpa via Getty Images"), connectors only."""
    words = piece.split()
    if not words or len(words) > 8 or (
        "(" in piece or ")" in piece or "[" in piece or "]" in piece
    ):
        return False
    for word in words:
        core = word.strip(_EDGE_PUNCT)
        if not core or core in ("-", "–", "—", "&", "+"):
            continue
        if core[0].isupper() or core[0].isdigit() or core.casefold() in _CONNECTORS:
            continue
        if core[0].islower() and any(c.isupper() for c in core):  # iStock, eBay
            continue
        if len(words) == 1 and core.isalpha():  # a lowercase handle alone: dpa, evgenyb
            continue
        if agencies is not None and agencies.canonical(core, any_case=True) is not None:
            continue
        return False
    return True


# --- reading a credit body ----------------------------------------------------------------


class _Reading:
    """What one credit body says; merged across the units of a caption's credit."""

    __slots__ = ("agencies", "ambiguous", "courtesy", "file_photo", "handout", "orgs",
                 "persons", "slot", "social", "unsure", "upstream")

    def __init__(self) -> None:
        self.persons: list[str] = []
        self.agencies: list[str] = []
        self.orgs: list[str] = []
        self.courtesy: list[str] = []  # "Courtesy of X": who supplied the photo
        self.slot: str | None = None  # an unknown organisation in the agency position
        self.ambiguous: str | None = None  # a lone labelled value: "Photo: Minky"
        self.unsure: str | None = None  # a credit by position only: "... the minister. Royal Court"
        self.social: str | None = None
        self.upstream = False  # an organisation credited before its agency: "ORG via AFP"
        self.file_photo = False
        self.handout = False

    def merge(self, other: _Reading) -> None:
        for name in other.persons:
            if name not in self.persons:
                self.persons.append(name)
        for agency in other.agencies:
            if agency not in self.agencies:
                self.agencies.append(agency)
        self.orgs.extend(o for o in other.orgs if o not in self.orgs)
        self.courtesy.extend(o for o in other.courtesy if o not in self.courtesy)
        self.slot = self.slot or other.slot
        self.unsure = self.unsure or other.unsure
        self.ambiguous = self.ambiguous or other.ambiguous
        self.social = self.social or other.social
        self.upstream = self.upstream or other.upstream
        self.file_photo = self.file_photo or other.file_photo
        self.handout = self.handout or other.handout

    @property
    def evidence(self) -> bool:
        """Whether the body is recognisably a credit (and not, say, "(stock image)")."""
        return bool(self.agencies or self.social or self.file_photo or self.handout)

    def credit(self, raw: str) -> Credit:
        agency = self.agencies[0] if self.agencies else self.slot
        source: str | None = None
        if self.unsure is not None and not (self.agencies or self.persons or self.social):
            kind = CreditKind.UNSURE
            source = self.unsure
        elif self.social is not None:
            kind = CreditKind.SOCIAL_MEDIA
            source = self.social
        elif self.persons and agency is not None:
            kind = CreditKind.PHOTOGRAPHER_AGENCY
        elif self.persons:
            kind = CreditKind.PHOTOGRAPHER
        elif self.orgs and (self.upstream or not self.agencies):
            kind = CreditKind.ORGANISATION
        elif self.agencies:
            kind = CreditKind.AGENCY
        elif self.ambiguous is not None or self.courtesy:
            kind = CreditKind.LABELLED
            source = self.ambiguous
        else:
            kind = CreditKind.UNKNOWN
        if source is None and (self.orgs or self.courtesy):
            source = " / ".join([*self.orgs, *self.courtesy])
        return Credit(
            raw=raw,
            photographers=tuple(self.persons),
            agency=agency,
            kind=kind,
            source=source,
            file_photo=self.file_photo,
            handout=self.handout,
            agencies=tuple(self.agencies),
        )


def _strip_item(item: str) -> str:
    item = item.strip(" \t\u00a0")
    if not item:
        return item
    if item[0] in "a&©(":
        for prefix in ("and ", "& ", "© ", "©", "(c) "):
            if item.startswith(prefix):
                item = item[len(prefix):].lstrip()
    while item and item[-1] in ".,;:©" and not _is_initial(item.rsplit(None, 1)[-1]):
        item = item[:-1].rstrip()
    if len(item) > 2 and item[0] in "([" and item[-1] in ")]":
        item = item[1:-1].strip()
    if item[:4].isdigit() and item[4:5] == " ":  # "© 2021 The Associated Press"
        item = item[5:].lstrip()
    return item


def _agency(
    item: str, agencies: Agencies, *, loose: bool = True, any_case: bool = False
) -> str | None:
    """The canonical agency ``item`` names: exactly, as "AGENCY Photo", or (``loose``) as
    "AGENCY Sub Brand" ("Getty Images Europe"); ``any_case`` as for
    :meth:`Agencies.canonical` (for an item already in a credit's agency slot)."""
    found = agencies.canonical(item, any_case=any_case)
    if found is not None:
        return found
    words = item.split()
    if len(words) < 2 or words[0].replace(".", "").casefold() not in agencies.first_words:
        return None
    if words[-1].casefold() in ("photo", "photos", "pictures", "images", "video"):
        found = agencies.canonical(" ".join(words[:-1]), any_case=any_case)
        if found is not None:
            return found
    if not loose:
        return None
    for k in range(min(agencies.max_words, len(words) - 1), 0, -1):
        rest = words[k:]
        if len(rest) <= 3 and all(w[:1].isupper() for w in rest):
            found = agencies.canonical(" ".join(words[:k]), any_case=any_case)
            if found is not None:
                return found
    return None


def _org_like(item: str) -> bool:
    if item.startswith(("The ", "the ", "THE ")):
        return True
    words = item.split()
    for w in words:
        if w.strip(_EDGE_PUNCT).casefold() in _ORG_WORDS:
            return True
    return len(words) == 1 and is_acronym(item)


def _person_like(item: str) -> bool:
    words = item.split()
    if not 2 <= len(words) <= 5:
        return False
    if words[0] in _PARTICLES or words[-1] in _PARTICLES:
        return False
    return all(_is_name_token(w) or w in _PARTICLES for w in words)


_AGENCY, _PERSON, _ORG, _AMBIG, _SOCIAL_ITEM, _COURTESY = range(6)

_Part = tuple[int, str]  # a classified part of a credit body: its class and its text
_Item = tuple[int, str, bool]  # a part and whether it comes after "via"

_MARKED_SUFFIXES = (" file photo", " file", " archive", " handout", " screenshot")


def _classify(item: str, agencies: Agencies, reading: _Reading, out: list[_Part]) -> None:
    """Append the classified parts of one separated item to ``out``; set markers on reading.

    In order: an inner label is dropped (``photo illustration by X``; ``courtesy of X``
    makes X a supplier), markers and filler words are consumed (``File``, ``Handout``,
    ``Stringer``), a trailing marker is cut off (``NAME file``), then a social-media
    account, a known agency, ``AGENCY photo by NAME`` or ``NAME for CLIENT``, and last the
    item's shape: a person's name, an organisation, or neither.
    """
    item = _strip_item(item)
    if not item:
        return
    item, courtesy = _drop_inner_label(item)
    if courtesy:
        reading.handout = True
        if item:
            out.append(_shape(item) if _person_like(item) else (_COURTESY, item))
        return
    if _consume_marker(item, reading):
        return
    rest = _cut_marked_suffix(item, reading)
    if rest is not None:
        _classify(rest, agencies, reading, out)
        return
    if not _named_parts(item, agencies, reading, out):
        out.append(_shape(item))


def _drop_inner_label(item: str) -> tuple[str, bool]:
    """``item`` without a label at its start, and whether that label was "courtesy (of)"."""
    if not item.casefold().startswith(_LABEL_FIRST):
        return item, False
    m = _LABEL_AT_START.match(item)
    if m is None or m.end() >= len(item):
        return item, False
    return _strip_item(item[m.end():]), m["label"].casefold().startswith("courtesy")


def _consume_marker(item: str, reading: _Reading) -> bool:
    """Whether ``item`` is a marker (file, handout: noted on ``reading``) or a filler word
    (``Stringer``, ``left``) or has no letter or digit: nothing to classify."""
    low = item.casefold()
    if low in _FILE_MARKERS:
        reading.file_photo = True
        return True
    if low in _HANDOUT_MARKERS:
        reading.handout = True
        return True
    return (low in _SKIP_WORDS or _ALNUM.search(item) is None
            or (" " not in item and sum(c.isdigit() for c in item) >= 4))  # "X90061"


def _cut_marked_suffix(item: str, reading: _Reading) -> str | None:
    """``NAME file`` / ``ORG handout`` / ``Stringer MANDATORY CREDIT``: the item without
    the marker or boilerplate (noted on ``reading``), or ``None`` when it ends in none."""
    if item[-1:].isupper() and " " in item:
        boiler = _BOILERPLATE.search(item, max(0, len(item) - 200))
        if boiler is not None and boiler.start() > 0 and item[boiler.start() - 1] == " ":
            reading.handout = reading.handout or "HANDOUT" in boiler.group()
            return item[: boiler.start()]
    low = item.casefold()
    for suffix in _MARKED_SUFFIXES:
        if low.endswith(suffix):
            if suffix == " handout":
                reading.handout = True
            elif suffix != " screenshot":
                reading.file_photo = True
            return item[: len(item) - len(suffix)]
    return None


def _named_parts(item: str, agencies: Agencies, reading: _Reading, out: list[_Part]) -> bool:
    """Append the parts of a social-media account, a known agency, ``AGENCY photo by NAME``
    or ``NAME for CLIENT``; whether ``item`` was one of these."""
    low = item.casefold()
    if ("@" in item or " on " in low) and _SOCIAL.match(item):
        out.append((_SOCIAL_ITEM, item))
        return True
    found = _agency(item, agencies, any_case=True)
    if found is not None:
        out.append((_AGENCY, found))
        return True
    if low in _PLATFORM_NAMES:
        out.append((_SOCIAL_ITEM, item))
        return True
    if " and " in item or " & " in item:
        pair = re.split(r"[ \t]+(?:and|&)[ \t]+", item, maxsplit=1)
        if len(pair) == 2 and all(_person_like(p) and not _org_like(p) for p in pair):
            out.extend((_PERSON, p) for p in pair)  # "Anisur Rahman and Prabir Das"
            return True
    return (_agency_photo_by(item, low, agencies, reading, out)
            or _for_client(item, low, agencies, reading, out))


def _agency_photo_by(
    item: str, low: str, agencies: Agencies, reading: _Reading, out: list[_Part]
) -> bool:
    """``AFP photo by NAME``, ``U.S. Army photo by NAME``: the agency or organisation, then
    the photographer."""
    by = _AGENCY_PHOTO_BY.search(item) if " by " in low else None
    if by is None or by.start() == 0:
        return False
    head = item[: by.start()].strip()
    found = _agency(head, agencies, any_case=True)
    if found is not None:
        out.append((_AGENCY, found))
    elif _org_like(head):
        out.append((_ORG, head))  # "U.S. Army photo by NAME"
    else:
        return False
    _classify(item[by.end():], agencies, reading, out)
    return True


def _for_client(
    item: str, low: str, agencies: Agencies, reading: _Reading, out: list[_Part]
) -> bool:
    """``NAME for The New York Times``: the photographer, then the client."""
    parts = _FOR.split(item, maxsplit=1) if (" for " in low or " para " in low) else ()
    if len(parts) != 2 or not parts[0] or not parts[1]:
        return False
    _classify(parts[0], agencies, reading, out)
    client = _strip_item(parts[1])
    if client:
        found = _agency(client, agencies)
        out.append((_AGENCY, found) if found is not None else (_ORG, client))
    return True


def _shape(item: str) -> _Part:
    """What an item that names no known agency is, from its shape alone."""
    if item.casefold().startswith(("photo ", "foto ")) and _person_like(item[5:].strip()):
        return _PERSON, item[5:].strip()  # "(Photo Prakash Mathema. AFP)"
    if _org_like(item):
        return _ORG, item
    if _person_like(item):
        return _PERSON, item
    return _AMBIG, item


def read_body(body: str, agencies: Agencies, *, label: str | None = None) -> _Reading:
    """Classify the parts of a credit body (brackets and label already removed).

    The body is cut at ``via`` and at its separators, each piece classified
    (:func:`_classify`), and roles given by position (:func:`_assign_roles`).
    """
    reading = _Reading()
    body = body.strip()
    if ("@" in body or " on " in body) and _SOCIAL.match(body):
        reading.social = body.rstrip(".")
        return reading
    items = _classified_items(body, agencies, reading)
    if label is not None and label.casefold().startswith("courtesy"):
        reading.handout = True
        items = [(_COURTESY if c in (_ORG, _AMBIG) else c, t, v) for c, t, v in items]
    _assign_roles(items, reading, label)
    if (len(reading.persons) == 2 and not reading.agencies and reading.slot is None
            and "/" in body and not any(x in body for x in (",", " and ", "&", ";"))):
        reading.slot = reading.persons.pop()  # "NAME/Business Insider": the employer
    return reading


def _classified_items(body: str, agencies: Agencies, reading: _Reading) -> list[_Item]:
    """The classified parts of ``body``, each with whether it comes after a ``via``."""
    groups = _VIA.split(body) if ("v" in body or "V" in body) else [body]
    items: list[_Item] = []
    for g, group in enumerate(groups):
        out: list[_Part] = []
        for piece in _SEPARATORS.split(group):
            if piece:
                _classify(piece, agencies, reading, out)
        items.extend((cls, text, g > 0) for cls, text in out)
    return items


def _assign_roles(items: list[_Item], reading: _Reading, label: str | None) -> None:
    """Record each classified part on ``reading`` in the role its class and position give."""
    first_agency = next((i for i, it in enumerate(items) if it[0] == _AGENCY), len(items))
    for i, (cls, text, _) in enumerate(items):
        if cls == _AGENCY:
            if text not in reading.agencies:
                reading.agencies.append(text)
        elif cls == _SOCIAL_ITEM:
            reading.social = text
        elif cls == _PERSON:
            reading.persons.append(text)
        elif cls == _COURTESY:
            reading.courtesy.append(text)
        else:
            _assign_unnamed(items, i, reading, label, first_agency)


def _assign_unnamed(
    items: list[_Item], i: int, reading: _Reading, label: str | None, first_agency: int
) -> None:
    """Place an organisation or unclassified part ``items[i]``: a photographer by position
    (``ipopba / Getty Images``, ``Photo by Minky``), the lone value of a label, the
    photographer's employer (``NAME/CBC``), or else an organisation."""
    cls, text, after_via = items[i]
    n = len(items)
    by_label = label is not None and label.casefold().rstrip().endswith("by")
    if cls == _AMBIG and not after_via and (
        (i == 0 and n > 1 and items[1][0] in (_AGENCY, _ORG) and not items[1][2])
        or (n == 1 and by_label)
    ):
        reading.persons.append(text)
        return
    if n == 1 and cls == _AMBIG and label is not None:
        reading.ambiguous = text
        return
    if (cls == _AMBIG and i == 1 and n == 2 and items[0][0] == _AGENCY and not after_via
            and _is_name_token(text) and not _is_caps(text)):
        reading.persons.append(text)  # "REUTERS/Parwiz": one name after the agency
        return
    is_last = all(c[0] not in (_PERSON, _ORG, _AMBIG, _AGENCY) for c in items[i + 1:])
    if reading.persons and is_last and reading.slot is None and not any(
        c[0] == _AGENCY for c in items
    ):
        reading.slot = text
        return
    if text not in reading.orgs:
        reading.orgs.append(text)
    if i < first_agency:
        reading.upstream = True


def parse_bare_credit(raw: str, agencies: Agencies) -> Credit | None:
    """Parse a credit printed on its own; see :func:`newsdoc.captions.parse_credit`."""
    body = raw.strip()
    if not body:
        return None
    if len(body) >= 2 and body[0] in _DASHES and body[1].isspace():
        body = body[1:].lstrip()
    if len(body) > 2 and body[0] in "([" and body[-1] == {"(": ")", "[": "]"}[body[0]]:
        body = body[1:-1].strip()
    label = None
    m = _LABEL_AT_START.match(body)
    if m is not None and m.end() < len(body):
        label = m["label"]
        body = body[m.end():]
        if label.casefold().startswith("courtesy"):
            reading = read_body(body, agencies, label=label)
            reading.handout = True
            return reading.credit(raw.strip())
    m = _NYT_CREDIT.match(body)
    if m is not None:
        label = m.group().strip()
        body = body[m.end():]
    tail = _BOILERPLATE.search(body)
    reading = read_body(body[: tail.start()] if tail and tail.start() else body, agencies,
                        label=label)
    if tail is not None:
        reading.handout = True
    return reading.credit(raw.strip())


# --- finding credit units at the end of a caption -----------------------------------------


def _before(win: str, start: int) -> str:
    """What precedes a unit starting at ``start``: ``""`` (start), ``"dash"``, ``"stop"``
    (sentence punctuation) or the previous word."""
    left = win[:start].rstrip()
    if not left:
        return ""
    last = left[-1]
    if last in _DASHES and (len(left) == 1 or left[-2].isspace()):
        return "dash"
    if last in _TERMINATORS:
        return "stop"
    return left.rsplit(None, 1)[-1]


_STOP_BEFORE = _wordset(
    """to by with from of for and or nor but told tells tell said says say via at on in the a
    an per according like than as about into against reported reports report cited citing
    quoted quoting wrote writes published obtained shared provided released issued
    distributed sent gave given showed shows under over after before near toward towards
    versus vs between among across through that this which who whose whom when where while
    is are was were his her their its our your my"""
)


_PHOTO_BY_FAST = re.compile(r"Photo by ([^/()\[\];,|@]{1,60}?) / ([^/()\[\];,|]{1,40})")


def _fast_bracket(inner: str, agencies: Agencies) -> _Reading | None:
    """The two commonest bracketed credits, read without the general machinery:
    ``(AGENCY)`` and ``(Photo by NAME / AGENCY)``; ``None`` for anything else."""
    reading = _Reading()
    agency = agencies.canonical(inner)
    if agency is not None:
        reading.agencies.append(agency)
        return reading
    m = _PHOTO_BY_FAST.fullmatch(inner)
    if m is None:
        return None
    name = m[1]
    agency = agencies.canonical(m[2])
    if (agency is None or not _person_like(name) or _org_like(name)
            or agencies.canonical(name) is not None):
        return None
    reading.persons.append(name)
    reading.agencies.append(agency)
    return reading


def _opening_bracket(win: str) -> int:
    """Where the bracket that closes ``win`` opens (nested pairs inside are skipped), or -1
    when it opens nowhere in the last :data:`MAX_BRACKET` characters."""
    close = win[-1]
    opener = "(" if close == ")" else "["
    low = max(0, len(win) - MAX_BRACKET - 2)
    start = win.rfind(opener, low, len(win) - 1)
    if start < 0 or close not in win[start + 1: -1]:
        return start  # the common case: no nesting
    depth = 0
    for i in range(len(win) - 1, low - 1, -1):
        if win[i] == close:
            depth += 1
        elif win[i] == opener:
            depth -= 1
            if depth == 0:
                return i
    return -1


def _bracket_unit(
    win: str, agencies: Agencies, *, last: bool = True
) -> tuple[int, _Reading] | None:
    """A bracketed credit closing ``win``: ``(AFP)``, ``(Photo: SOURCE)``, ``[NAME/AGENCY]``,
    and (when ``last``: it ends the caption) an organisation, platform or name alone."""
    start = _opening_bracket(win)
    if start < 0:
        return None
    inner = win[start + 1: -1]
    if not inner.strip():
        return None
    fast = _fast_bracket(inner, agencies)
    if fast is not None:
        return start, fast
    m = _LABEL_AT_START.match(inner)
    if m is not None and m.end() < len(inner) and inner[m.end():].strip():
        label = m["label"]
        reading = read_body(inner[m.end():], agencies, label=label)
        if label.casefold().startswith("courtesy"):
            reading.handout = True
        return start, reading
    if not _credit_like(inner, max_words=14):
        return None
    reading = read_body(inner, agencies)
    if reading.evidence:
        return start, reading
    shaped = _unmarked_bracket(win, start, inner.strip(), reading, last=last)
    return None if shaped is None else (start, shaped)


def _unmarked_bracket(
    win: str, start: int, body: str, reading: _Reading, *, last: bool
) -> _Reading | None:
    """The reading of a bracketed body with no agency, label or marker, when its shape makes
    it a credit: ``- (UNSMIL)``, ``[SpaceX via Nasa]``, ``(Mohamed El Saife/CBC)``, and at
    the end of a caption an organisation (``(Syrian Civil Defence)``), a platform
    (``(Telegram)``) or a run of capitalised words (``(Asharq Al-Awsat)``: unsure)."""
    before = _before(win, start)
    if before in ("", "dash", "stop") and (
        is_acronym(body) or (before != "stop" and all(_is_name_token(w) or w in _PARTICLES
                                                         for w in body.split()))
    ):
        return reading
    via = _VIA.split(body)
    if len(via) == 2 and all(v.strip()[:1].isupper() and _piece_like(v) for v in via):
        return reading
    if _PIECES.search(body) is not None and all(
        _piece_like(p) and p[:1].isupper() for p in _PIECES.split(body)
    ) and (reading.persons or reading.slot or any(_org_like(o) for o in reading.orgs)):
        return reading
    if last:
        return _lone_name(body, before, win[:start])
    return None


_PLATFORM_NAMES = frozenset(p.casefold() for p in _PLATFORMS.split("|"))
_DOMAIN = re.compile(r"[\w-]{2,40}\.(?:com|org|net|gov|info|tv|co|io|news)(?:\.[a-z]{2})?")


def _lone_name(body: str, before: str, text: str) -> _Reading | None:
    """A short name standing alone for the credit (bracketed at the end of a caption, or a
    bare last sentence): a platform (social media), a website or an organisation, or else a
    run of capitalised words that may be a person or an organisation (unsure). ``None`` for
    anything else, and for an acronym spelling out the words before it ("Gulf Cooperation
    Council (GCC)")."""
    words = body.split()
    if not 1 <= len(words) <= 5 or len(body) > 48 or len(body) < 2:
        return None
    if before.casefold().strip(_EDGE_PUNCT) in _STOP_BEFORE:
        return None
    low = body.casefold()
    if low in _FILE_MARKERS or low in _HANDOUT_MARKERS or low in _SKIP_WORDS:
        return None
    reading = _Reading()
    if low in _PLATFORM_NAMES:
        reading.social = body
        return reading
    if _DOMAIN.fullmatch(body):
        reading.orgs.append(body)
        return reading
    if not words[0][:1].isupper() or not all(
        _is_name_token(w) or is_acronym(w) or w in _PARTICLES or w in ("of", "for", "and", "&")
        or w in _ORG_WORDS for w in words
    ):
        return None
    if is_acronym(body) and before not in ("", "dash", "stop") and _spells(body, text):
        return None
    if _org_like(body):
        reading.orgs.append(_without_photo_word(body))
    else:
        reading.unsure = body
    return reading


def _spells(acronym: str, text: str) -> bool:
    """Whether ``acronym`` spells out initials of the capitalised words that end ``text``."""
    letters = [c for c in acronym if c.isalpha()]
    initials = "".join(w[0] for w in text.split()[-(len(letters) + 4):] if w[:1].isupper())
    rest = iter(initials)
    return bool(initials) and initials[-1] == letters[-1] and all(c in rest for c in letters)


def _without_photo_word(name: str) -> str:
    """``HT Photo`` -> ``HT``: an organisation's name without a trailing "Photo"."""
    head, _, last = name.rpartition(" ")
    return head if head and last.casefold() in ("photo", "photos") else name


def _label_matches(win: str, low: str) -> list[re.Match[str]]:
    """The label matches of ``win``, as ``finditer`` would give them (left to right, not
    overlapping), but tried only where a label word starts (every label starts with one)."""
    starts: list[int] = []
    for hint in _LABEL_HINTS:
        i = low.find(hint)
        while i != -1:
            starts.append(i)
            i = low.find(hint, i + 1)
    starts.sort()
    matches: list[re.Match[str]] = []
    end = -1
    for p in starts:
        if p < end:
            continue
        m = _LABEL_ANYWHERE.match(win, p)
        if m is not None:
            matches.append(m)
            end = m.end()
    return matches


def _label_unit(win: str, agencies: Agencies) -> tuple[int, _Reading] | None:
    low = win.lower()
    for hint in _LABEL_HINTS:
        if hint in low:
            break
    else:
        return None
    if len(low) == len(win):
        matches = _label_matches(win, low)
    else:  # lowercasing changed the length ("İ"): scan it all
        matches = list(_LABEL_ANYWHERE.finditer(win))
    for m in reversed(matches):
        label = m["label"]
        if not (label[0].isupper() or label[0] == "©"):
            continue
        value = win[m.end():]
        if not value.strip():
            continue
        if label.casefold().startswith(("copyright", "image copyright", "courtesy")) and (
            not value[:1].isupper()
        ):
            continue
        if not _balanced(value):
            continue
        if m.start() == 0 and _opens_caption(label, value):
            continue  # "Image: Jose Mourinho has agreed ...", "File photo: The minister ..."
        if _SOCIAL.match(value.strip()) or _credit_like(value):
            reading = read_body(value, agencies, label=label)
            if label.casefold().startswith("courtesy"):
                reading.handout = True
            return m.start(), reading
    for nyt in reversed(list(_NYT_CREDIT.finditer(win))):
        if nyt.end() == len(win) or _credit_like(win[nyt.end():]):
            return nyt.start(), read_body(win[nyt.end():], agencies, label="Credit")
    return None


_MAX_OPENING_LABEL_WORDS = 5


def _opens_caption(label: str, value: str) -> bool:
    """Whether a label that opens the line introduces the caption rather than a credit: a
    file label always ("File photo: The minister"), an "Image:" or "Photo:" label when
    more than :data:`_MAX_OPENING_LABEL_WORDS` words follow and no slash or pipe
    ("Image: Jose Mourinho has agreed a deal")."""
    low = label.casefold()
    if low.startswith("file"):
        return True
    return (low.endswith(":") and len(value.split()) > _MAX_OPENING_LABEL_WORDS
            and "/" not in value and "|" not in value)

_Word = tuple[int, str]  # a word's offset and text


def _last_words(text: str, count: int = 10) -> tuple[list[_Word], bool]:
    """The last ``count`` whitespace-separated words of ``text`` with their offsets, and
    whether they are all of its words."""
    parts = text.rsplit(None, count)
    complete = len(parts) <= count
    if not complete:
        parts = parts[1:]
    out: list[_Word] = []
    pos = len(text)
    for word in reversed(parts):
        pos = text.rfind(word, 0, pos)
        glued = _GLUED_STOP.search(word) if "." in word else None
        if glued is not None:  # "Amman.REUTERS": a sentence's end, then the credit
            out.append((pos + glued.end(), word[glued.end():]))
            out.append((pos, word[:glued.end()]))
        else:
            out.append((pos, word))
    out.reverse()
    return out, complete


_GLUED_STOP = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z])")


def _name_start(
    words: Sequence[_Word], end: int, *, allow_handle: bool, limit: int = 5,
    complete: bool = True,
) -> int:
    """Index of the first word of the name that ends with ``words[end - 1]`` (``end`` when
    there is none): walking back over name tokens, particles and spaced dashes."""
    i = end
    count = 0
    while i > 0 and count < limit:
        token = words[i - 1][1]
        if token in ("-", "–", "—") and i < end:
            if i - 1 > 0 and _is_name_token(words[i - 2][1]):
                i -= 1
                continue
            break
        if i < end and _ends_sentence(token):
            break
        bare = token.rstrip(",") if i == end else token
        if _is_name_token(bare) or (token in _PARTICLES and i < end):
            i -= 1
            count += 1
            continue
        break
    while i < end and (words[i][1] in _PARTICLES or words[i][1] in ("-", "–", "—")):
        i += 1
    for j in range(end - 1, i, -1):  # "the UK Jon Super": capitals only end a name
        if _is_caps(words[j - 1][1]) and not _is_caps(words[j][1]):
            i = j
            break
    if i == end and allow_handle and end > 0:
        token = words[end - 1][1]
        before = words[end - 2][1] if end > 1 else ("" if complete else "?")
        if token.isalnum() and token[:1].islower() and (not before or _ends_sentence(before)):
            i = end - 1  # "evgenyb/iStock/Getty Images"
    return i


# Last words (case-folded, no periods) that may end an unmarked credit other than an agency's.
_BARE_LAST = _wordset(
    "photo photos file supplied handout party credit resales archives sales use only campaigns"
)


def _chain_unit(win: str, agencies: Agencies) -> tuple[int, _Reading] | None:
    tail = win[-200:]
    if "/" not in tail and "|" not in tail and "\\" not in tail:
        last = win[win.rfind(" ") + 1:].strip(_EDGE_PUNCT).replace(".", "").casefold()
        if last not in agencies.last_words and last not in _BARE_LAST and not (
            " by " in tail and "hoto" in tail
        ):
            return None  # the common case: a caption that ends in plain words
    core_end = len(win)
    end = win[-11:].lower()
    trailing_file = (_TRAILING_FILE.search(win, max(0, len(win) - 24))
                     if "file" in end else None)
    if trailing_file is not None:
        core_end = trailing_file.start()
    core = win[:core_end]
    if not core.strip():
        return None
    seps = _chain_separators(core)
    found = _slash_chain(core, seps, agencies) if seps else None
    if found is None:
        found = _bare_chain(core, agencies)
    if found is None:
        return None
    start, reading = found
    if trailing_file is not None:
        reading.file_photo = True
    return start, reading


def _mentions_agency(text: str, agencies: Agencies) -> bool:
    """Whether one of the separated parts of ``text`` is a known agency (``AFP``,
    ``via Getty Images``, ``AFP photo by NAME``): the cheap half of :func:`read_body`."""
    for group in _VIA.split(text) if ("v" in text or "V" in text) else (text,):
        for piece in _SEPARATORS.split(group):
            item = _strip_item(piece)
            if item and _agency(item, agencies) is not None:
                return True
            by = _AGENCY_PHOTO_BY.search(item) if " by " in item else None
            if by is not None and _agency(item[: by.start()].strip(), agencies) is not None:
                return True
    return False


def _chain_separators(core: str) -> list[tuple[int, int]]:
    """The spans of the slashes and backslashes (with their spaces) and spaced pipes of
    ``core``, in order."""
    seps: list[tuple[int, int]] = []
    n = len(core)
    for char in "/|\\":
        i = core.find(char)
        while i != -1:
            if char != "|" or (0 < i < n - 1 and core[i - 1] in " \t" and core[i + 1] in " \t"):
                a, b = i, i + 1
                while a > 0 and core[a - 1] in " \t":
                    a -= 1
                while b < n and core[b] in " \t":
                    b += 1
                seps.append((a, b))
            i = core.find(char, i + 1)
    seps.sort()
    kept: list[tuple[int, int]] = []
    for a, b in seps:  # "a / | b": overlapping separators count once
        if kept and a < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(b, kept[-1][1]))
        else:
            kept.append((a, b))
    return kept


def _slash_chain(
    core: str, seps: list[tuple[int, int]], agencies: Agencies
) -> tuple[int, _Reading] | None:
    """A chain of pieces separated by slashes or spaced pipes that ends ``core``: the agency
    first (``REUTERS/NAME``), or a name first (``NAME/AFP via Getty Images``,
    ``NAME / The National``)."""
    bounds = [0, *(x for sep in seps for x in sep), len(core)]
    pieces = [core[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]
    j = len(pieces) - 1
    while j > 0 and _piece_like(pieces[j], agencies):
        j -= 1
    if j == len(pieces) - 1:
        return None
    sep_start, sep_end = seps[j]
    head = core[:sep_start]
    words, complete = _last_words(head)
    tail = core[sep_end:]
    tail_agency = _mentions_agency(tail, agencies)
    start = _agency_first(head, words, tail, tail_agency, agencies)
    if start is None:
        start = _name_first(words, complete, tail, tail_agency)
    if start is None:
        return None
    return start, read_body(core[start:], agencies)


def _agency_first(
    head: str, words: list[_Word], tail: str, tail_agency: bool, agencies: Agencies
) -> int | None:
    """``REUTERS/NAME``, ``AP Photo/NAME/Pool``, ``epa/NAME``: where the agency that ends
    ``head`` starts, when the pieces after it (``tail``) start with a name."""
    first_words = agencies.first_words
    for k in range(min(agencies.max_words + 1, len(words)), 0, -1):
        if words[-k][1].replace(".", "").casefold() not in first_words:
            continue
        cand = head[words[-k][0]:]
        prev = words[-k - 1][1] if k < len(words) else ""
        if prev in ("-", "–", "—"):
            continue
        alone = not prev or _ends_sentence(prev) or prev.endswith(".")  # "N.Y. Reuters/"
        if _agency(cand, agencies) is None and not (
            alone and _agency(cand, agencies, any_case=True) is not None
        ):
            continue
        if not (alone or not _is_name_token(prev) or _is_caps(cand)):
            continue
        first = _PIECES.split(tail, maxsplit=1)[0]
        if tail_agency or _person_like(first) or all(_is_name_token(w) for w in first.split()):
            return words[-k][0]
        return None
    return None


def _name_first(
    words: list[_Word], complete: bool, tail: str, tail_agency: bool
) -> int | None:
    """``NAME/AFP``, ``NAME / The National``: where the name that ends the words before the
    chain starts. Without a known agency after it, the name must start the line or a
    sentence and the pieces after it be capitalised."""
    i = _name_start(words, len(words), allow_handle=True, complete=complete)
    if i == len(words):
        return None
    if tail_agency:
        return words[i][0]
    at_start = (i == 0 and complete) or (i > 0 and (
        _ends_sentence(words[i - 1][1]) or words[i - 1][1] in _DASH_TOKENS))
    name = " ".join(w for _, w in words[i:])
    if at_start and _person_like(name) and not _org_like(name) and all(
        p.strip()[:1].isupper() for p in _PIECES.split(tail)
    ):
        return words[i][0]
    return None


_DASH_TOKENS = frozenset(["-", "–", "—", "|"])


_HANDOUT_LAST = frozenset(["Supplied", "SUPPLIED", "Handout", "HANDOUT"])


def _bare_chain(core: str, agencies: Agencies) -> tuple[int, _Reading] | None:
    """An unmarked credit at the end of ``core``, one shape after the other: a handout word,
    agency boilerplate (``MANDATORY CREDIT``), ``AGENCY photo by NAME``, or a known agency
    with the name or organisation that may lead it."""
    words, complete = _last_words(core)
    if not words:
        return None
    if words[-1][1] in _HANDOUT_LAST:
        return _handout_word(core, words[-1][0])
    found = _boilerplate(core)
    if found is None:
        found = _agency_photo_by_unit(core, agencies)
    if found is None:
        found = _trailing_agency(core, words, complete, agencies)
    return found


def _handout_word(core: str, start: int) -> tuple[int, _Reading] | None:
    """``... - Handout``, ``... . Supplied``: a handout marker standing alone."""
    if _before(core, start) not in ("", "dash", "stop"):
        return None
    reading = _Reading()
    reading.handout = True
    return start, reading


def _boilerplate(core: str) -> tuple[int, _Reading] | None:
    """Agency boilerplate at the end: ``THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY.``"""
    boiler = _BOILERPLATE.search(core, max(0, len(core) - 200))
    if boiler is None or boiler.start() >= len(core):
        return None
    start = boiler.start()
    while start < len(core) and core[start].isspace():
        start += 1
    if start != 0 and not core[start - 1].isspace():
        return None
    reading = _Reading()
    reading.handout = True
    return start, reading


def _agency_photo_by_unit(core: str, agencies: Agencies) -> tuple[int, _Reading] | None:
    """``SPA photo by NAME`` at the end: a known agency, ``photo by`` and a short name."""
    by = None
    for found in _AGENCY_PHOTO_BY.finditer(core, max(0, len(core) - 80)):
        by = found
    if by is None or by.start() == 0 or not _credit_like(core[by.end():], 6):
        return None
    head_words, _ = _last_words(core[: by.start()], agencies.max_words)
    for k in range(min(agencies.max_words, len(head_words)), 0, -1):
        start = head_words[-k][0]
        if _agency(core[start: by.start()].strip(), agencies) is not None:
            return start, read_body(core[start:], agencies)
    return None


def _trailing_agency(
    core: str, words: list[_Word], complete: bool, agencies: Agencies
) -> tuple[int, _Reading] | None:
    """The longest known agency that ends ``core`` (``- Reuters``, ``Michael Conroy, AP``,
    ``ORG via AP``), when what precedes it lets it be a credit."""
    first_words = agencies.first_words
    for k in range(min(agencies.max_words + 1, len(words)), 0, -1):
        if words[-k][1].replace(".", "").casefold() not in first_words:
            continue
        if _agency(core[words[-k][0]:], agencies, loose=False) is not None:
            return _agency_with_lead(core, words, complete, k, agencies)
    return None


def _agency_with_lead(
    core: str, words: list[_Word], complete: bool, k: int, agencies: Agencies
) -> tuple[int, _Reading] | None:
    """The credit ending in the agency of the last ``k`` words, decided by what precedes the
    agency: nothing, a dash or a full stop (the agency alone), a comma (``NAME, AP``),
    ``via`` (``ORG via AP``), or a word that makes it part of a sentence ("told Reuters")."""
    start = words[-k][0]
    cand = core[start:]
    before = _before(core, start)
    if before in ("", "dash", "stop"):
        return start, read_body(cand, agencies)
    if before in ("Photo", "Photos", "PHOTO", "Foto") and len(words) > k:
        photo = words[-k - 1][0]
        if _before(core, photo) in ("", "dash", "stop"):
            return photo, read_body(cand, agencies)  # "- Photo AFP"
    if before.endswith(","):  # "Michael Conroy, AP"
        return _led_by_name(core, words, len(words) - k, agencies, complete=complete, limit=5)
    if before in ("via", "vía") and len(words) > k + 1:  # "ORG via AP"
        return _led_by_name(core, words, len(words) - k - 1, agencies, complete=complete,
                            limit=8)
    if before.casefold().strip(_EDGE_PUNCT) in _STOP_BEFORE:
        return None
    if (" " not in cand and not _is_caps(cand) and _is_name_token(before)
            and not _is_caps(before)):
        return None  # "Mayor Michael Bloomberg"
    return start, read_body(cand, agencies)


def _led_by_name(
    core: str, words: list[_Word], end: int, agencies: Agencies, *, complete: bool, limit: int
) -> tuple[int, _Reading] | None:
    """The credit from the name that ends with ``words[end - 1]`` to the end of ``core``,
    when that name starts the caption or a sentence."""
    i = _name_start(words, end, allow_handle=False, limit=limit, complete=complete)
    if i < end and ((i == 0 and complete) or (i > 0 and (
        _ends_sentence(words[i - 1][1]) or words[i - 1][1] in _DASH_TOKENS
    ))):
        s = words[i][0]
        if s == 0 or _before(core, s) in ("", "dash", "stop"):
            return s, read_body(core[s:], agencies)
    return None


def _last_unit(
    win: str, agencies: Agencies, *, last: bool = True
) -> tuple[int, _Reading] | None:
    """The last credit unit of ``win`` (stripped, non-empty): its start and its reading.
    ``last``: the unit would end the caption (not stacked before another unit)."""
    if win[-1] in ")]":
        found = _bracket_unit(win, agencies, last=last)
        if found is not None:
            return found
    elif win[-1] in _CLOSING_QUOTES:
        found = _quoted_agency(win, agencies)
        if found is not None:
            return found
    found = _label_unit(win, agencies)
    if found is not None:
        return found
    found = _chain_unit(win, agencies)
    if found is None and last:
        found = _bare_group(win)
    return found


# Page chrome after a caption's credit, matched at the end of the last 64 characters:
# "hide caption", "...more", "less", HTML tags, Reuters' picture ids, "Purchase Licensing
# Rights", a byline or a date after a bracket, a lone separator.
_CHROME_TAIL = re.compile(
    r"""(?:
      [ \t]*(?:hide|toggle)[ \t]caption
    | [ \t]*\[/caption\]
    | [ \t]*</?[a-zA-Z][a-zA-Z0-9]{0,9}[ \t]*/?>
    | [ \t]*(?:\.\.\.|…)[ \t]*(?:more|less|More|Less)
    | [ \t]+(?:more|less|More|Less|MORE|LESS)(?:[ \t]*>)?
    | [ \t]*(?:Purchase[ \t]Licensing[ \t]Rights|Read[ \t]more|Show[ \t]more)
    | [ \t]*,?[ \t]*opens[ \t]new[ \t]tab
    | [ \t]*TPX[ \t]IMAGES[ \t]OF[ \t]THE[ \t]DAY
    | [ \t]*(?:[-–—][ \t]*)?RT[RX][0-9A-Z]{3,12}
    | (?<=[)\]])\.?[ \t]*(?:By|BY)[ \t]?[A-Z][\w.'’-]{1,24}(?:[ \t][A-Z][\w.'’-]{1,24}){0,2}
    | (?<=[)\]])\.?[ \t]*[A-Z][a-z]{2,8}\.?[ \t]\d{1,2},?[ \t]\d{4}
    | [ \t]+[-–—|#]
    )\Z""",
    re.VERBOSE,
)
_CHROME_LAST = frozenset(
    """caption [/caption] more less More Less MORE LESS > Rights tab DAY - – — | #""".split()
)
# Reuters' tags in brackets: "(TUNISIA - Tags: POLITICS)".
_TAGS = re.compile(r"[ \t]*\([A-Z][A-Z .&/-]{1,40}[ \t]?[-–][ \t]+Tags:[^()]{0,160}\)\Z")


def _chrome_piece(raw: str, end: int) -> int | None:
    """Where one piece of page chrome ending at ``raw[end - 1]`` starts, or ``None``."""
    c = raw[end - 1]
    if c == "." and end >= 2 and raw[end - 2] in ")]":
        return end - 1  # the sentence's final period after a bracketed credit
    if c == ")":
        low = max(0, end - 420)
        if "Tags:" in raw[max(0, end - 200):end]:
            m = _TAGS.search(raw, max(0, end - 220), end)
            return None if m is None else m.start()
        j = raw.rfind("](", low, end)  # a markdown image: "![... [NAME/AGENCY]](/a.jpg)"
        if j >= 1 and raw[j - 1] == "]" and not any(ch in "() \t" for ch in raw[j + 2:end - 1]):
            return j
        return None
    tail = raw[max(0, end - 64):end]
    last = tail.rsplit(None, 1)[-1] if not tail.isspace() else ""
    if (last in _CHROME_LAST or c == ">" or last.startswith(("RTX", "RTR"))
            or last.endswith(("...more", "…more", "...less", "…less", "[/caption]"))
            or (c.isdigit() and (")" in tail or "]" in tail))
            or "By" in tail or "BY" in tail):
        m = _CHROME_TAIL.search(tail)
        if m is not None:
            return end - len(tail) + m.start()
    return None


def _chrome_start(raw: str, end: int) -> int:
    """Where the page chrome at the end of ``raw[:end]`` starts (``end`` when there is none);
    chrome pieces are peeled off one after the other."""
    for _ in range(6):
        if end == 0:
            return end
        start = _chrome_piece(raw, end)
        if start is None or start <= 0:
            return end
        end = start
        while end > 0 and raw[end - 1].isspace():
            end -= 1
    return end


def _units(raw: str, end: int, agencies: Agencies) -> tuple[int, int, _Reading] | None:
    """The credit units that end ``raw[:end]``, peeled off one at a time: where the text
    ends, where the credit starts, and what the units say together."""
    credit_start = -1
    merged: _Reading | None = None
    units = 0
    while end > 0:
        w0 = max(0, end - WINDOW)
        while w0 < end and raw[w0].isspace():
            w0 += 1
        found = _last_unit(raw[w0:end], agencies)
        if found is None:
            break
        units += 1
        if units > MAX_UNITS:
            return None
        start, reading = found
        if merged is not None:
            reading.merge(merged)
        merged = reading
        credit_start = start + w0
        end = _separator_start(raw, credit_start)
    return None if merged is None else (end, credit_start, merged)


def _separator_start(raw: str, start: int) -> int:
    """Where the text before a unit starting at ``start`` ends: before the spaces and a
    spaced dash (or pipe) that separate it from the unit."""
    p = start
    while p > 0 and raw[p - 1].isspace():
        p -= 1
    if p > 0 and raw[p - 1] in _DASHES and (p == 1 or raw[p - 2].isspace()):
        p -= 1
        while p > 0 and raw[p - 1].isspace():
            p -= 1
    return p


_Found = tuple[int, int, int, _Reading]  # text end, credit start, credit end, reading


_CLOSING_QUOTES = {'"': '"', "”": "“", "'": "'", "’": "‘"}


def _quoted_agency(win: str, agencies: Agencies) -> tuple[int, _Reading] | None:
    """A known agency in quotes standing alone: ``... in Riyadh. "SPA"``."""
    start = win.rfind(_CLOSING_QUOTES[win[-1]], max(0, len(win) - 40), len(win) - 1)
    if start < 0 or _before(win, start) not in ("", "dash", "stop"):
        return None
    found = agencies.canonical(win[start + 1:-1].strip())
    if found is None:
        return None
    reading = _Reading()
    reading.agencies.append(found)
    return start, reading


def split(raw: str, agencies: Agencies) -> tuple[str, Credit | None]:
    """Split ``raw`` into text and credit; see :func:`newsdoc.captions.split_credit`.

    The credit is looked for, in order: at the end of the line once page chrome is set
    aside (:func:`_chrome_start`); in brackets followed by a short tail (a byline, a teaser:
    :func:`_inner_credit`); at the start of the line (:func:`_leading_credit`). A credit
    found before the end takes in any credit the text before it still ends in, so that the
    text never holds one (at most :data:`MAX_UNITS` times; past that, no credit at all).
    """
    found = _find(raw, agencies)
    if found is None:
        return _leading_credit(raw, agencies)
    text_end, credit_start, credit_end, reading = found
    for _ in range(MAX_UNITS):
        more = _find(raw[:text_end], agencies, ends_plain=True)
        if more is None:
            return raw[:text_end].strip(), reading.credit(raw[credit_start:credit_end])
        text_end, credit_start, _, earlier = more
        earlier.merge(reading)
        reading = earlier
    return raw.strip(), None


def _find(raw: str, agencies: Agencies, *, ends_plain: bool = False) -> _Found | None:
    """The credit at the end of ``raw`` (page chrome set aside) or in brackets before a
    short tail. ``ends_plain``: no unit ends ``raw`` (known from an earlier search), so
    units are looked for only behind page chrome."""
    end = len(raw.rstrip())
    credit_end = _chrome_start(raw, end)
    found = None if ends_plain and credit_end == end else _units(raw, credit_end, agencies)
    if found is None and credit_end != end:
        credit_end = end
        found = _units(raw, end, agencies)
    if found is not None:
        return found[0], found[1], credit_end, found[2]
    inner = _inner_credit(raw, end, agencies)
    if inner is None:
        return None
    return inner[1][0], inner[1][1], inner[0], inner[1][2]


_TAIL_WORDS = 12


def _inner_credit(
    raw: str, end: int, agencies: Agencies
) -> tuple[int, tuple[int, int, _Reading]] | None:
    """A bracketed credit with evidence (an agency, a label, a marker) followed by a short
    tail, a byline or a teaser: ``(Handout via AFP) Staff reporter``."""
    low = max(0, end - WINDOW)
    close = max(raw.rfind(")", low, end), raw.rfind("]", low, end))
    if close < 0:
        return None
    tail = raw[close + 1:end].strip()
    if not tail[:1].isupper() or (
        len(tail.split()) > _TAIL_WORDS and not tail.endswith(("...", "…"))
    ):
        return None
    found = _units(raw, close + 1, agencies)
    if found is None or not (found[2].evidence or found[2].persons):
        return None
    if raw[found[1]] not in "([" or _before(raw, found[1]) not in ("", "dash", "stop"):
        return None
    return close + 1, found


_LEADING = re.compile(
    r"(?P<credit>(?:Image|Photo)[ \t](?:copyright|source),?[ \t](?P<value>.{1,80}?))"
    r"[ \t]+(?:Image|Photo)[ \t]caption,?[ \t]+"
)
_LEADING_DATE = re.compile(r"/[ \t]*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6},?[ \t]")


def _leading_credit(raw: str, agencies: Agencies) -> tuple[str, Credit | None]:
    """A credit at the start of the line: ``Image copyright X Image caption TEXT``,
    ``NAME | AGENCY TEXT``, ``AGENCY / Friday, January 23, 2015``; the text is the rest
    of the line, which must hold no credit of its own."""
    line = raw.strip()
    m = _LEADING.match(line)
    if m is not None:
        credit_end, text_start = m.end("credit"), m.end()
    else:
        found = _leading_agency(line, agencies)
        if found is None:
            return line, None
        credit_end, text_start = found
    credit = parse_bare_credit(line[:credit_end], agencies)
    text = line[text_start:].strip()
    if credit is None or not text or split(text, agencies)[1] is not None:
        return line, None
    return text, credit


def _leading_agency(line: str, agencies: Agencies) -> tuple[int, int] | None:
    """``NAME | AGENCY TEXT`` or ``AGENCY / weekday, date``: where the credit ends and the
    text starts."""
    bar = line.find(" | ", 0, 60)
    if bar > 0 and _person_like(line[:bar]):
        rest = line[bar + 3:]
        words = rest.split(None, agencies.max_words + 1)
        for k in range(min(agencies.max_words, len(words) - 1), 0, -1):
            name = " ".join(words[:k])
            if rest.startswith(name) and agencies.canonical(name) is not None:
                return bar + 3 + len(name), bar + 3 + len(name)
        return None
    slash = line.find("/", 0, 40)
    if slash > 0 and agencies.canonical(line[:slash].strip()) is not None:
        m = _LEADING_DATE.match(line, slash)
        if m is not None:
            return len(line[:slash].rstrip()), slash + 1
    return None


def _bare_group(win: str) -> tuple[int, _Reading] | None:
    """A last sentence that is only a short run of capitalised words, with no punctuation
    of its own: ``... the minister. Royal Court`` (a credit by its place only, so unsure
    unless it names a platform or a website)."""
    if win[-1] in _EDGE_PUNCT or win[-1].isdigit():
        return None
    stop = max(win.rfind(". ", 0, len(win)), win.rfind("? "), win.rfind("! "))
    if stop < 0 or len(win) - stop > 50:
        return None
    head = win[:stop + 1]
    words = head.split()
    if len(words) < 3 or words[-1][-1] not in ".?!" or not _ends_sentence(words[-1]):
        return None
    start = stop + 2
    while start < len(win) and win[start].isspace():
        start += 1
    found = _lone_name(win[start:], "stop", head)
    if found is None:
        return None
    return start, found
