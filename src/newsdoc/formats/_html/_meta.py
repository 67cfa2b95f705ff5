"""Page metadata: schema.org JSON-LD, OpenGraph and other ``meta`` tags, ``<html lang>``.

Each source gives candidate values; for every field the first source in
:data:`PRECEDENCE` that gives one wins. When a later source gives a different value for a
field in :data:`COMPARED`, the disagreement is recorded (the reader turns it into a
``metadata-conflict`` diagnostic).
"""

from __future__ import annotations

import datetime
import html
import json
import re
from collections.abc import Iterator
from typing import Any

import attrs
from dateutil import parser as date_parser

__all__ = ["PRECEDENCE", "Meta", "extract_meta", "parse_date"]

PRECEDENCE = ("json-ld", "opengraph", "meta", "html")
"""Which source wins, field by field: JSON-LD (the publisher's structured data), then
OpenGraph (``og:*``, ``article:*``), then other ``meta`` tags (``name=author``, Dublin Core,
``parsely-*``, ``twitter:*``, ``itemprop``), then the document itself (``<title>``,
``<html lang>``, ``<link rel=canonical>``)."""

COMPARED = ("title", "published", "modified", "url", "authors", "language")
"""Fields whose disagreement between sources is reported."""

ARTICLE_TYPES = {
    "NewsArticle": 0, "ReportageNewsArticle": 0, "AnalysisNewsArticle": 0,
    "OpinionNewsArticle": 0, "BackgroundNewsArticle": 0, "ReviewNewsArticle": 0,
    "AskPublicNewsArticle": 0, "LiveBlogPosting": 1, "Article": 1, "BlogPosting": 2,
    "Report": 2, "ScholarlyArticle": 2, "TechArticle": 2, "SatiricalArticle": 2,
    "SocialMediaPosting": 3, "WebPage": 4, "ItemPage": 4,
}
"""The schema.org types an article node may have, with their rank (lower is preferred)."""

Date = datetime.datetime | datetime.date


@attrs.frozen(kw_only=True)
class CoverImage:
    url: str
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None


@attrs.define(kw_only=True)
class Meta:
    """What the page says about itself; ``None``/empty where nothing says."""

    url: str | None = None
    id: str | None = None
    title: str | None = None
    published: Date | None = None
    modified: Date | None = None
    authors: list[tuple[str, str | None]] = attrs.Factory(list)
    section: str | None = None
    keywords: list[str] = attrs.Factory(list)
    summary: str | None = None
    publisher: str | None = None
    language: str | None = None
    cover: list[CoverImage] = attrs.Factory(list)
    conflicts: list[tuple[str, str, str, str, str]] = attrs.Factory(list)
    """(field, kept value, source kept, other value, other source)."""
    notes: list[tuple[str, str]] = attrs.Factory(list)
    """(code, message) for problems such as unreadable JSON-LD."""


_SPACE = re.compile(r"\s+")
_DATE_ONLY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_HAS_TIME = re.compile(r"\d:\d\d|T\d\d")


def _clean(value: object) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    if "&" in value and ";" in value:  # JSON-LD often holds HTML character references
        value = html.unescape(value)
    text = _SPACE.sub(" ", value.replace("\u00a0", " ")).strip()
    return text or None


def parse_date(value: object) -> Date | None:
    """A date or time from a metadata value: ISO 8601 first, then dateutil's parser; a
    value without a time of day is a :class:`datetime.date`. ``None`` if unreadable."""
    text = _clean(value)
    if text is None or len(text) > 100:
        return None
    m = _DATE_ONLY.match(text)
    try:
        if m:
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        try:
            parsed = date_parser.isoparse(text)
        except (ValueError, OverflowError):
            parsed = date_parser.parse(text)
    except (ValueError, OverflowError, TypeError, date_parser.ParserError):
        return None
    except Exception:  # dateutil raises odd things on odd input; a date is never worth a crash
        return None
    if not _HAS_TIME.search(text):
        return parsed.date()
    return parsed


def _same_date(a: Date, b: Date) -> bool:
    if isinstance(a, datetime.datetime) and isinstance(b, datetime.datetime):
        if (a.tzinfo is None) != (b.tzinfo is None):
            return a.replace(tzinfo=None) == b.replace(tzinfo=None) or a.date() == b.date()
        return a == b
    da = a.date() if isinstance(a, datetime.datetime) else a
    db = b.date() if isinstance(b, datetime.datetime) else b
    return da == db


# --- JSON-LD -------------------------------------------------------------------------------

_COMMENT = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def _load_json(text: str) -> Any:
    text = _COMMENT.sub("", text.strip()).strip().rstrip(";")
    try:
        return json.loads(text, strict=False)
    except ValueError:
        return json.loads(_TRAILING_COMMA.sub(r"\1", text), strict=False)


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("@type")
    items = t if isinstance(t, list) else [t]
    return [s.rsplit("/", 1)[-1] for s in items if isinstance(s, str)]


def _nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD value that could be a node: top-level ones, list items,
    ``@graph`` members, ``mainEntity`` of a page."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart"):
            if key in data and isinstance(data[key], (list, dict)):
                yield from _nodes(data[key], depth + 1)


def _rank(node: dict[str, Any]) -> int | None:
    ranks = [ARTICLE_TYPES[t] for t in _types(node) if t in ARTICLE_TYPES]
    return min(ranks) if ranks else None


class _Graph:
    def __init__(self, nodes: list[dict[str, Any]]) -> None:
        self.by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.by_id.get(value["@id"], value)
        return value

    def many(self, value: Any) -> list[Any]:
        items = value if isinstance(value, list) else [value]
        return [self.resolve(v) for v in items if v is not None]


_BY = re.compile(r"^by\s+", re.I)


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        return _clean(value.get("name")) or _clean(value.get("legalName"))
    return _clean(value)


def _person(value: Any) -> str | None:
    """An author's name, without a leading "By "."""
    name = _name(value)
    return _BY.sub("", name) or None if name else None


def _url_of(value: Any) -> str | None:
    if isinstance(value, dict):
        return _clean(value.get("url")) or _clean(value.get("contentUrl")) or _clean(
            value.get("@id"))
    return _clean(value)


def _strings(value: Any) -> list[str]:
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        text = _clean(item)
        if text is not None:
            out.append(text)
    return out


def _json_ld(blocks: list[str], meta: dict[str, Any]) -> None:
    nodes: list[dict[str, Any]] = []
    bad = 0
    for text in blocks:
        try:
            data = _load_json(text)
        except (ValueError, RecursionError):
            bad += 1
            continue
        nodes.extend(_nodes(data))
    if bad:
        meta.setdefault("_notes", []).append(
            ("json-ld-invalid", f"{bad} JSON-LD block(s) could not be read as JSON; ignored"))
    best: dict[str, Any] | None = None
    best_rank = 99
    for node in nodes:
        rank = _rank(node)
        if rank is not None and rank < best_rank:
            best, best_rank = node, rank
    if best is None:
        return
    graph = _Graph(nodes)
    put = meta.setdefault("json-ld", {})
    put["title"] = _clean(best.get("headline")) or (
        _clean(best.get("name")) if best_rank < 4 else None)
    put["published"] = parse_date(best.get("datePublished") or best.get("dateCreated"))
    put["modified"] = parse_date(best.get("dateModified"))
    authors: list[tuple[str, str | None]] = []
    for a in graph.many(best.get("author") or best.get("creator")):
        name = _person(a)
        if name:
            authors.append((name, _clean(a.get("url")) if isinstance(a, dict) else None))
    put["authors"] = authors
    section = best.get("articleSection")
    sections = _strings(section)
    put["section"] = sections[0] if sections else None
    kw = best.get("keywords")
    put["keywords"] = _split_keywords(kw) if isinstance(kw, str) else _strings(kw)
    put["summary"] = _clean(best.get("description"))
    put["publisher"] = _name(graph.resolve(best.get("publisher")))
    lang = best.get("inLanguage")
    put["language"] = _name(lang[0] if isinstance(lang, list) and lang else lang)
    page = graph.resolve(best.get("mainEntityOfPage"))
    put["url"] = _clean(best.get("url")) or _url_of(page)
    ident = best.get("identifier")
    if isinstance(ident, dict):
        ident = ident.get("value")
    put["id"] = _clean(ident[0] if isinstance(ident, list) and ident else ident)
    covers: list[CoverImage] = []
    for img in graph.many(best.get("image")):
        url = _url_of(img)
        if not url or not url.startswith(("http", "/")):
            continue
        caption = credit = None
        if isinstance(img, dict):
            caption = _clean(img.get("caption")) or _clean(img.get("description"))
            credit = (_clean(img.get("creditText")) or _name(img.get("copyrightHolder"))
                      or _name(img.get("author")))
        covers.append(CoverImage(url=url, caption=caption, credit=credit))
    put["cover"] = covers


def _split_keywords(text: str) -> list[str]:
    sep = "," if "," in text else ";" if ";" in text else None
    parts = text.split(sep) if sep else [text]
    return [p for p in (_clean(x) for x in parts) if p]


# --- meta tags -----------------------------------------------------------------------------

_OG = {
    "og:title": "title", "og:url": "url", "og:description": "summary",
    "og:site_name": "publisher", "og:locale": "language",
    "article:published_time": "published", "article:modified_time": "modified",
    "og:updated_time": "modified", "article:section": "section", "article:tag": "keywords",
    "article:author": "authors", "og:image": "cover",
}
_META = {
    "author": "authors", "byl": "authors", "parsely-author": "authors",
    "sailthru.author": "authors", "dc.creator": "authors", "citation_author": "authors",
    "cxenseparse:author": "authors",
    "description": "summary", "twitter:description": "summary", "dc.description": "summary",
    "twitter:title": "title", "parsely-title": "title", "dc.title": "title",
    "citation_title": "title", "headline": "title",
    "keywords": "keywords", "news_keywords": "keywords", "parsely-tags": "keywords",
    "parsely-pub-date": "published", "sailthru.date": "published", "pubdate": "published",
    "publishdate": "published", "date": "published", "dc.date": "published",
    "dc.date.issued": "published", "citation_publication_date": "published",
    "datepublished": "published", "article.published": "published",
    "datemodified": "modified", "article.updated": "modified", "lastmod": "modified",
    "parsely-section": "section", "section": "section",
    "dc.language": "language", "content-language": "language", "language": "language",
    "dc.publisher": "publisher", "citation_publisher": "publisher",
    "twitter:image": "cover", "parsely-link": "url", "dc.identifier": "id",
}


def _meta_tags(tree: Any, meta: dict[str, Any]) -> None:
    og: dict[str, list[str]] = {}
    other: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop")
               or el.get("http-equiv") or "").strip().lower()
        value = el.get("content")
        if not key or value is None:
            continue
        if key in _OG:
            og.setdefault(_OG[key], []).append(value)
        elif key in _META:
            other.setdefault(_META[key], []).append(value)
    meta["opengraph"] = _fields(og)
    meta["meta"] = _fields(other)


def _fields(raw: dict[str, list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field, values in raw.items():
        if field in ("published", "modified"):
            dates = [d for d in map(parse_date, values) if d is not None]
            out[field] = dates[0] if dates else None
        elif field == "authors":
            names: list[tuple[str, str | None]] = []
            for v in values:
                text = _clean(v)
                if text is None:
                    continue
                if text.startswith(("http://", "https://")):
                    continue  # article:author is often the author's page: no name in it
                for part in _split_keywords(text) if ";" in text else [text]:
                    part = _BY.sub("", part)
                    if part and part not in (n for n, _ in names):
                        names.append((part, None))
            out[field] = names
        elif field == "keywords":
            kws: list[str] = []
            for v in values:
                for k in _split_keywords(v):
                    if k not in kws:
                        kws.append(k)
            out[field] = kws
        elif field == "cover":
            out[field] = [CoverImage(url=u) for u in (_clean(v) for v in values) if u]
        else:
            out[field] = next((c for c in map(_clean, values) if c), None)
    return out


def _document(tree: Any, meta: dict[str, Any]) -> None:
    put: dict[str, Any] = {}
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    put["language"] = _clean(root.get("lang") or root.get("xml:lang"))
    for el in tree.iter("title"):
        put["title"] = _clean(el.text_content())
        break
    for el in tree.iter("link"):
        if (el.get("rel") or "").strip().lower() == "canonical" and el.get("href"):
            put["url"] = _clean(el.get("href"))
            break
    meta["html"] = put


def _normal(field: str, value: Any) -> Any:
    if field == "authors":
        return frozenset(n.casefold() for n, _ in value)
    if field == "language":
        return str(value).replace("_", "-").split("-")[0].lower()
    if field == "url":
        return str(value).rstrip("/").split("://", 1)[-1]
    if field == "title":
        return _SPACE.sub(" ", str(value)).strip().casefold()
    return value


def extract_meta(tree: Any) -> Meta:
    """Read every metadata source of a parsed page and merge them by :data:`PRECEDENCE`."""
    sources: dict[str, Any] = {}
    scripts = [el.text or "" for el in tree.iter("script")
               if (el.get("type") or "").strip().lower() == "application/ld+json"]
    _json_ld(scripts, sources)
    _meta_tags(tree, sources)
    _document(tree, sources)
    result = Meta()
    for code, message in sources.get("_notes", []):
        result.notes.append((code, message))
    for field in ("url", "id", "title", "published", "modified", "authors", "section",
                  "keywords", "summary", "publisher", "language", "cover"):
        kept: Any = None
        kept_from = ""
        for name in PRECEDENCE:
            value = sources.get(name, {}).get(field)
            if value in (None, [], ""):
                continue
            if kept is None:
                kept, kept_from = value, name
                continue
            if field not in COMPARED or _agree(field, kept, value):
                continue
            if field == "title" and name == "html":
                continue  # <title> carries the site's name more often than not
            if any(c[0] == field and c[3] == _show(value) for c in result.conflicts):
                continue  # the same other value from one more source
            result.conflicts.append((field, _show(kept), kept_from, _show(value), name))
        if kept is not None:
            setattr(result, field, kept)
    if result.language:
        result.language = result.language.replace("_", "-")
    return result


def _agree(field: str, a: Any, b: Any) -> bool:
    if field in ("published", "modified"):
        return _same_date(a, b)
    return bool(_normal(field, a) == _normal(field, b))


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(n if isinstance(n, str) else n[0] for n in value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)
