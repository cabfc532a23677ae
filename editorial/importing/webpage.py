"""A saved web page → its own metadata and its main text, without the site around it.

The page's metadata comes first (its ``<h1>``, Open Graph, ``<meta name="author">``,
``article:published_time``, JSON-LD ``NewsArticle``, ``<time datetime>``,
canonical URL); the main text is found by trafilatura, which drops header,
menus, breadcrumbs, share buttons and sidebars. A plain HTML export (no site
around the text) is read whole, so nothing of a short document is lost.
"""

import json
import re

import lxml.html
from lxml import etree

from .blocks import _text_of, html_blocks
from .formats import Document
from .names import NAME_ONLY

_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/-]|$)")
_SITE_MARKERS = ("og:", "application/ld+json", "<nav", "<header", "<footer", "<aside", 'rel="canonical"')
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                  "BlogPosting", "ReviewNewsArticle", "Report", "ScholarlyArticle"}  # fmt: skip


def read_webpage(text, warnings):
    meta = page_metadata(text)
    if any(marker in text[:200_000].lower() for marker in _SITE_MARKERS):
        blocks = _main_text_blocks(text) or html_blocks(text)
        if not meta.get("authors"):
            from trafilatura.metadata import extract_metadata

            found = extract_metadata(text)
            if found is not None and found.author:  # a byline of the page («Автор Имя Фамилия»)
                meta["byline"] = found.author
    else:
        blocks = html_blocks(text)
    return Document(blocks, meta, list(warnings))


# Embedded posts: their text is the fallback shown until a script replaces it, not the article's.
_EMBEDS = re.compile(
    r"<blockquote\b[^>]*class=[\"'][^\"']*(?:twitter-tweet|telegram-post|instagram-media|tiktok-embed)[^>]*>.*?</blockquote>",
    re.I | re.S,
)


def _main_text_blocks(text):
    import trafilatura

    text = _EMBEDS.sub("", text)
    extracted = trafilatura.extract(
        text,
        output_format="html",
        include_formatting=True,
        include_links=True,
        include_tables=True,
        include_comments=False,
        include_images=False,
        favor_precision=True,
    )
    return html_blocks(extracted) if extracted else []


def _content(root, xpath):
    for value in root.xpath(xpath):
        value = re.sub(r"\s+", " ", str(value)).strip()
        if value:
            return value
    return ""


def page_metadata(text):
    """What the page says about itself: ``title`` (its article's ``<h1>``, else og:title), ``authors``,
    ``published``, ``updated`` (strings as written), ``site_name``, ``url``, ``tags``, ``subtitle``, ``section``
    (also the label shown above the ``<h1>``). Missing keys are absent."""
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return {}
    meta = {}
    ld = _json_ld(root)

    def meta_value(*names):
        for name in names:
            value = _content(root, f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content')
            if value:
                return value
        return ""

    heading = _main_heading(root, meta_value("og:site_name"))
    shown = _heading_title(heading)  # what the page shows, over what it tells social networks («… | Сайт»)
    if shown and not heading.xpath("ancestor::article | ancestor::main"):
        shown = ""  # an <h1> outside the article only when the page says nothing else
    title = shown or meta_value("og:title", "twitter:title") or ld.get("headline", "") or _heading_title(heading)
    if title:
        meta["title"] = title
    authors = _ld_authors(ld) or [
        a for a in [meta_value("author", "article:author", "byl", "sailthru.author")] if a and "://" not in a
    ]
    if not authors:
        authors = [a for a in [_content(root, '//*[@itemprop="author"]//text()')] if a]
    if authors:
        meta["authors"] = authors
    published = (
        meta_value("article:published_time", "datePublished", "pubdate", "publish-date", "dcterms.date", "date")
        or ld.get("datePublished", "")
        or _content(root, '//article//time/@datetime | //*[@itemprop="datePublished"]/@datetime')
        or _content(root, "//time[@datetime][1]/@datetime")
    )
    shown_date, shown_authors, shown_byline = _shown_metadata(root)
    if not authors and shown_authors:
        meta["authors"] = shown_authors
    if shown_byline:  # «Досым Сарбасов, политолог» shown on the page: the positions of the authors
        meta["byline"] = shown_byline
    published = published or shown_date
    if published:
        meta["published"] = published
    updated = meta_value("article:modified_time", "dateModified") or ld.get("dateModified", "")
    if updated:
        meta["updated"] = updated
    site = meta_value("og:site_name", "application-name") or _ld_name(ld.get("publisher"))
    if not site and title:
        site = _site_from_title(_content(root, "//title/text()"), title)
    if site:
        meta["site_name"] = site
    url = _content(root, '//link[@rel="canonical"]/@href') or meta_value("og:url") or _ld_url(ld)
    if url.startswith(("http://", "https://")):
        meta["url"] = url
        if not meta.get("published") and (in_url := _URL_DATE.search(url)):
            meta["published"] = "-".join(in_url.groups())  # «/novosti/2026/11/23/…»: the page's own address
    tags = [t for t in root.xpath('//meta[@property="article:tag"]/@content') if t.strip()] or _shown_tags(root)
    if not tags and isinstance(ld.get("keywords"), list | str):
        keywords = ld["keywords"]
        tags = keywords if isinstance(keywords, list) else keywords.split(",")
    if tags:
        meta["tags"] = [re.sub(r"\s+", " ", str(t)).strip() for t in tags if str(t).strip()]
    if subtitle := _subtitle(heading):
        meta["subtitle"] = subtitle
    section = meta_value("article:section") or str(ld.get("articleSection") or "") or _kicker(heading)
    if section:
        meta["section"] = section
    return meta


_META_ELEMENTS = (
    "//*[contains(@class, 'date') or contains(@class, 'publish') or contains(@class, 'time')"
    " or contains(@id, 'date') or contains(@class, 'meta') or contains(@class, 'author')"
    " or contains(@class, 'byline') or contains(@class, 'info')][not(self::html or self::body)]"
)


def _shown_metadata(root):
    """``(date, names, byline with positions)`` shown in elements classed as such («<div class="post-meta">03.02.2026 |
    <a href="/author/x">Марина Иванова</a> | 👁 512</div>»), each part read by the recognisers."""
    from .recognisers import bare_date, labelled_byline, labelled_date, unlabelled_byline

    published, authors, byline = "", [], ""
    candidates = root.xpath("//article" + _META_ELEMENTS) + root.xpath(_META_ELEMENTS)
    candidates += root.xpath("//a[@rel='author' or contains(@href, '/author')]")
    texts = [re.sub(r"\s+", " ", element.text_content()).strip() for element in candidates[:30]]
    for text in sorted((t for t in texts if len(t) <= 200), key=len):  # the most specific element first
        for part in re.split(r"\s+[|·•]\s+|\s{2,}", text):
            found = labelled_date(part) or bare_date(part)
            if found and found.value["published"] and not found.rest and not published:
                published = found.value["published"].isoformat()
            found = labelled_byline(part) or unlabelled_byline(part)
            if not found or not all(NAME_ONLY.match(name) for name, _ in found.value):
                continue
            names = [name for name, _ in found.value]
            authors = authors or names
            if not byline and any(position for _, position in found.value) and set(names) <= set(authors):
                byline = part  # «Руслан Ибраев — эксперт …» in the author's card: the positions
    return published, authors, byline


def _shown_tags(root):
    """The page's tag links: «<div class="tags">Теги: <a>Хоргос</a> <a>Китай</a></div>», ``rel="tag"``."""
    links = root.xpath(
        "//a[@rel='tag'] | //*[contains(@class, 'tags') or contains(@class, 'keywords')]//a"
        " | //*[contains(@class, 'tags') or contains(@class, 'keywords')][self::a]"
    )
    names = [re.sub(r"\s+", " ", link.text_content()).strip(" #,") for link in links[:30]]
    return list(dict.fromkeys(name for name in names if 0 < len(name) <= 60))


def _text(element):
    """Plain text of an element on one line (``<br>`` a space)."""
    return "" if element is None else re.sub(r"\s+", " ", _text_of(element)).strip()


def _main_heading(root, site_name=""):
    """The ``<h1>`` that titles the article: the first one inside ``<article>`` or ``<main>`` (a ``<header>`` or
    ``<hgroup>`` there included, which the extraction of the text drops), else the first of the page; never a
    site's name set as a heading («<h1 class="logo"><a href="/">Сайт</a></h1>», the name ending ``<title>``),
    nor one in a menu or footer."""
    from .layout import TITLE_MAX_LENGTH, same_text

    parts = re.split(r"\s+[|—–-]\s+", _content(root, "//title/text()"))  # «Заголовок — Сайт», «Ъ - Заголовок»
    site_names = [name for name in (site_name, min(parts[0], parts[-1], key=len) if len(parts) > 1 else "") if name]
    for heading in root.xpath("//article//h1 | //main//h1") + root.xpath("//body//h1"):
        text = _text(heading)
        if heading.xpath("ancestor::nav | ancestor::footer | ancestor::aside") or heading.xpath(".//a[@href='/']"):
            continue
        if _is_site_name(heading) or any(same_text(text, name) for name in site_names):
            continue
        if 3 <= len(text) <= TITLE_MAX_LENGTH:
            return heading
    return None


def _heading_title(heading):
    """The title as the ``<h1>`` shows it, without an emoji before it or a period after it."""
    from .recognisers import strip_pictographs

    return strip_pictographs(_text(heading)).strip(" *_#").removesuffix(".") if heading is not None else ""


def _is_site_name(element):
    classes = (element.get("class") or "").lower()
    return any(name in classes for name in ("logo", "brand", "site-title", "site-name", "crumb"))


_SUBTITLE_CLASSES = ("subtitle", "subheader", "sub-title", "lead", "announce", "standfirst", "intro", "excerpt",
                     "descr")  # fmt: skip


def _subtitle(heading):
    """The subtitle standing right after the page's ``<h1>``: an ``<h2>``–``<h4>``, an element classed as a
    lead («<h2 class="doc_header__subheader">», «<p class="lead">», Tilda's «<div class="t-descr">»), or a plain
    paragraph beside the ``<h1>`` in its ``<hgroup>`` or ``<header>``. Extraction may drop it."""
    following = heading.getnext() if heading is not None else None
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    if following is None:
        return ""
    from .recognisers import recognise

    classes = (following.get("class") or "").lower()
    text = _text(following)
    in_heading_group = following.tag == "p" and heading.getparent().tag in {"hgroup", "header"}
    if (
        following.tag in {"h2", "h3", "h4"}
        or any(name in classes for name in _SUBTITLE_CLASSES)
        or (in_heading_group and recognise(text) is None)  # not the date or the byline under the title
    ):
        return text if 20 <= len(text) <= 300 else ""
    return ""


def _kicker(heading):
    """The short label shown right above the page's ``<h1>``: a rubric or a genre («<span class="kicker">Мнение</span>»,
    «<div class="cat-links"><a href="/category/analytics/">Аналитика</a></div>», «<p>Разбор</p>»), or ``""``.
    A date, a name, a breadcrumb trail or the site's logo there is none."""
    from .layout import short_label
    from .recognisers import recognise

    if heading is None:
        return ""
    element = heading
    for _ in range(2):  # the first thing in its box («<div class="title"><h1>»): the label may stand above the box
        if element.getprevious() is not None or element.getparent() is None:
            break
        element = element.getparent()
    if element.tag in {"article", "main", "body", "html"}:  # nothing of the article stands above it
        return ""
    above = element.getprevious()
    while above is not None and (not isinstance(above.tag, str) or (above.tag not in {"nav"} and not _text(above))):
        above = above.getprevious()  # comments, icons, empty boxes
    if above is None or above.tag == "nav" or _is_site_name(above) or above.xpath(".//a[@href='/']"):
        return ""
    text = _text(above).strip(" *_")
    found = recognise(text)
    if found is not None and found.line_class == "rubric":  # «Аналитика», «Рубрика: Точка зрения»
        return found.value[0]
    return text if found is None and short_label(text) and text[:1].isupper() else ""


def _site_from_title(page_title, title):
    """«Заголовок статьи - Название сайта» in ``<title>`` when the page's own title starts the same."""
    parts = re.split(r"\s+[|—–-]\s+", page_title)
    if len(parts) < 2:
        return ""
    head, site = " - ".join(parts[:-1]), parts[-1].strip()
    if head[:20].casefold() == title[:20].casefold() and len(site.split()) <= 6 and site not in title:
        return site
    return ""


def _json_ld(root):
    """The page's JSON-LD article object (``NewsArticle`` and kin), or ``{}``."""
    for script in root.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            kinds = item.get("@type")
            kinds = set(kinds) if isinstance(kinds, list) else {kinds}
            if kinds & _ARTICLE_TYPES:
                return item
            stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
    return {}


def _ld_name(value):
    if isinstance(value, dict):
        return str(value.get("name") or "").strip()
    if isinstance(value, str):
        return value.strip()
    return ""


def _ld_authors(ld):
    value = ld.get("author")
    values = value if isinstance(value, list) else [value] if value else []
    names = [_ld_person(v) for v in values]
    return [n for n in names if n and "://" not in n]


_ORGANISATIONS = {"Organization", "NewsMediaOrganization", "Corporation", "WebSite"}


def _ld_person(value):
    """«Name» or «Name, jobTitle» of a JSON-LD author (its position is read like a byline's); ``""``
    for an organisation («Kursiv.media» signing a news item is no person)."""
    if isinstance(value, dict) and value.get("@type") in _ORGANISATIONS:
        return ""
    name = _ld_name(value)
    if re.fullmatch(r"\S+\.\S+", name):  # a site's domain
        return ""
    job = value.get("jobTitle") if isinstance(value, dict) else ""
    return f"{name}, {job.strip()}" if name and isinstance(job, str) and job.strip() else name


def _ld_url(ld):
    """The article's own address in JSON-LD: ``url``, or ``mainEntityOfPage`` (a string or its ``@id``)."""
    page = ld.get("mainEntityOfPage")
    page = page.get("@id", "") if isinstance(page, dict) else page
    for value in (ld.get("url"), page):
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value
    return ""
