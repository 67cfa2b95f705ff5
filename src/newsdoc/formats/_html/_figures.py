"""Figures: image URL, alt text, caption and credit, found in the page's own markup.

Extractors drop captions, so this is newsdoc's own code. A figure is a ``<figure>`` with an
image, or an image whose nearby container holds a caption-like element. Its caption is the
``<figcaption>`` (or an element marked as a caption by class or ``itemprop``); its credit is
an element marked as a credit (class or ``itemprop`` naming a credit, copyright, source or
photographer) whose text is then removed from the caption. Without such an element, the
credit inside the caption text is split off by :func:`newsdoc.captions.parse_caption` (the
reader does that).
"""

from __future__ import annotations

import re
from typing import Any

import attrs

__all__ = ["RawFigure", "extract_figures"]

_CAPTION_CLASS = re.compile(r"caption|figcaption|desc(?:ription)?(?![a-z])|image-text"
                            r"|img-text|legend|cutline|photo-?text|subtitle", re.I)
_CREDIT_CLASS = re.compile(r"credit|copyright|(?<![a-z])source|photographer|attribution"
                           r"|courtesy|byline|(?<![a-z])author|rights|provider|agency", re.I)
_CREDIT_PROP = {"copyrightholder", "creditText".lower(), "author", "copyrightnotice",
                "provider", "sourceorganization"}
_SKIP_PARTS = frozenset("""related recommended recommendations recommendation promo promos
    promoted newsletter advert adverts advertisement sponsored comments outbrain
    taboola teaser teasers morestories trending mostread author authors byline avatar
    headshot profile""".split())
"""Words that mark a container as not the article wherever they stand in a class name."""
_SKIP_WHOLE = _SKIP_PARTS | frozenset("""ad ads nav navbar navigation menu footer logo avatar
    social share sharing comment popular sidebar""".split())
"""Words that mark a container as not the article when they are a whole class name."""
_CLASS_SPLIT = re.compile(r"[_-]+")
_SKIP_TAGS = {"nav", "footer", "aside"}
_IMAGE_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-srcset", "data-lazy",
                "data-hi-res-src", "data-full-src", "src")
_SPACE = re.compile(r"\s+")
_CAPTION_LABEL = re.compile(r"^\s*(?:image|photo|picture|caption)\s*:?\s*$", re.I)


@attrs.define(kw_only=True)
class RawFigure:
    url: str | None
    urls: list[str]
    alt: str | None
    caption: str | None
    credit: str | None
    element: Any = attrs.field(repr=False)


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    out = _SPACE.sub(" ", text.replace("\u00a0", " ").replace("\u200b", "")).strip()
    return out or None


def _classes(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _srcset_urls(value: str) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    for part in value.split(","):
        bits = part.strip().split()
        if not bits or bits[0].startswith("data:"):
            continue
        size = 0.0
        if len(bits) > 1:
            try:
                size = float(bits[1].rstrip("wWxX"))
            except ValueError:
                size = 0.0
        out.append((size, bits[0]))
    return out


def _image_urls(img: Any) -> list[str]:
    """Every URL an image (or a ``<picture>``'s sources) gives, the preferred first."""
    urls: list[str] = []
    for name in _IMAGE_ATTRS:
        value = (img.get(name) or "").strip()
        if not value or value.startswith("data:"):
            continue
        if "srcset" in name:
            urls.extend(u for _, u in sorted(_srcset_urls(value), reverse=True))
        else:
            urls.append(value)
    for name in ("srcset", "data-srcset"):
        if img.get(name):
            urls.extend(u for _, u in sorted(_srcset_urls(img.get(name)), reverse=True))
    parent = img.getparent()
    if parent is not None and parent.tag == "picture":
        for source in parent.iter("source"):
            for name in ("srcset", "data-srcset"):
                if source.get(name):
                    urls.extend(u for _, u in sorted(_srcset_urls(source.get(name)),
                                                     reverse=True))
    seen: list[str] = []
    for u in urls:
        if u not in seen:
            seen.append(u)
    return seen


def _skip_class(classes: str) -> bool:
    for token in classes.lower().split():
        if token in _SKIP_WHOLE or not _SKIP_PARTS.isdisjoint(_CLASS_SPLIT.split(token)):
            return True
    return False


def _skipped(el: Any) -> bool:
    node = el
    depth = 0
    while node is not None and depth < 30:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP_TAGS and depth > 0:
            return True
        if depth > 0 and _skip_class(_classes(node)):
            return True
        node = node.getparent()
        depth += 1
    return False


def _images(el: Any) -> list[Any]:
    imgs = [i for i in el.iter("img") if isinstance(i.tag, str)]
    if not imgs:
        # lazy pages put the real <img> in <noscript>
        for ns in el.iter("noscript"):
            text = ns.text_content() if hasattr(ns, "text_content") else ""
            if "<img" in text:
                from lxml import html as lxml_html

                try:
                    frag = lxml_html.fragment_fromstring(text, create_parent="div")
                except Exception:
                    continue
                imgs.extend(frag.iter("img"))
    return imgs


def _tiny(img: Any) -> bool:
    for name in ("width", "height"):
        value = (img.get(name) or "").strip().rstrip("px")
        if value.isdigit() and int(value) < 40:
            return True
    return False


def _marked(el: Any, pattern: re.Pattern[str], props: set[str] | None = None) -> bool:
    if pattern.search(_classes(el)):
        return True
    prop = (el.get("itemprop") or el.get("data-testid") or "").lower()
    return bool(prop) and (pattern.search(prop) is not None or (props is not None
                                                                 and prop in props))


def _text_without(el: Any, drop: list[Any]) -> str:
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node in drop or not isinstance(node.tag, str) or node.tag in (
                "script", "style", "button", "svg", "noscript"):
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join("".join(parts).split())


def _hidden_label(el: Any) -> bool:
    cls = _classes(el).lower()
    return "sr-only" in cls or "visually-hidden" in cls or "screen-reader" in cls or (
        el.get("aria-hidden") == "true")


def _caption_and_credit(container: Any) -> tuple[str | None, str | None]:
    caption_el = None
    for el in container.iter("figcaption"):
        caption_el = el
        break
    credit_els: list[Any] = []
    for el in container.iter():
        if not isinstance(el.tag, str) or el is container:
            continue
        if caption_el is None and _marked(el, _CAPTION_CLASS, {"caption", "description"}) and (
                not _marked(el, _CREDIT_CLASS, _CREDIT_PROP)):
            caption_el = el
        elif _marked(el, _CREDIT_CLASS, _CREDIT_PROP) and el.tag not in (
                "img", "picture") and not any(c in el.iterancestors() for c in credit_els):
            credit_els.append(el)
    credit = None
    hidden: list[Any] = []
    if credit_els:
        texts = []
        for el in credit_els:
            hidden.extend(h for h in el.iter() if isinstance(h.tag, str) and _hidden_label(h))
            t = _clean(_text_without(el, hidden))
            if t and t not in texts:
                texts.append(t)
        credit = "; ".join(texts) or None
    caption = None
    if caption_el is not None:
        drop = credit_els + [h for h in caption_el.iter() if isinstance(h.tag, str)
                             and _hidden_label(h)]
        caption = _clean(_text_without(caption_el, drop))
        if caption and _CAPTION_LABEL.match(caption):
            caption = None
    return caption, credit


def _count_images(el: Any) -> int:
    """How many different images ``el`` shows (a ``<noscript>`` copy is not another)."""
    urls = set()
    for img in el.iter("img"):
        urls.add(img.get("alt") or img.get("src") or id(img))
    return len(urls)


def _has_caption(el: Any) -> bool:
    return any(isinstance(c.tag, str) and c is not el and (
        c.tag == "figcaption" or _marked(c, _CAPTION_CLASS, {"caption"})) for c in el.iter())


def _container(img: Any) -> Any:
    """The nearest ancestor of a loose ``<img>`` (or of a ``<figure>`` without a caption)
    that holds a caption-like element, within a few levels, or ``None``."""
    node = img.getparent()
    while node is not None and node.tag in ("source", "picture"):
        node = node.getparent()
    for _ in range(4):
        if node is None or _count_images(node) > 1:
            return None
        if len(node.text_content()) > 1500:
            return None
        for el in node.iter():
            if el is not img and isinstance(el.tag, str) and (
                    el.tag == "figcaption" or _marked(el, _CAPTION_CLASS, {"caption"})):
                return node
        node = node.getparent()
    return None


def extract_figures(tree: Any) -> list[RawFigure]:
    """The figures of a parsed page in document order, without those in navigation,
    asides, footers or blocks marked as related links, promotions or ads."""
    figures: list[RawFigure] = []
    done: set[Any] = set()
    seen_urls: set[str] = set()
    candidates: list[Any] = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "figure":
            if any(a in done for a in el.iterancestors()) or any(
                    next(f.iter("img"), None) is not None for f in el.iterdescendants("figure")):
                continue  # inside a figure taken, or a gallery of figures: take the inner ones
            box = el
            if not _has_caption(el):  # a caption beside the figure, in a small wrapper
                first = next(el.iter("img"), None)
                outer = _container(el) if first is not None else None
                if outer is not None and not any(a in done for a in outer.iterancestors()):
                    box = outer
            done.add(box)
            candidates.append(box)
        elif el.tag == "img" and not any(a in done for a in el.iterancestors()):
            box = _container(el)
            if box is not None and box not in done and not any(
                    a in done for a in box.iterancestors()):
                done.add(box)
                candidates.append(box)
    for box in candidates:
        if _skipped(box):
            continue
        imgs = [i for i in _images(box) if not _tiny(i)]
        if not imgs:
            continue
        img = imgs[0]
        urls = _image_urls(img)
        caption, credit = _caption_and_credit(box)
        if not urls and not caption:
            continue
        url = urls[0] if urls else None
        if url is not None and url in seen_urls and not caption:
            continue
        if url is not None:
            seen_urls.add(url)
        figures.append(RawFigure(url=url, urls=urls, alt=_clean(img.get("alt")),
                                 caption=caption, credit=credit, element=box))
    return figures
