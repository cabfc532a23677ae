"""What one article is in a feed: content, summary, authors, dates — the same for RSS, Atom and JSON.

Independent of how feeds are served (caching, conditional GET): these are
plain functions of an article and the absolute address of the site.
"""

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import nh3
from django.conf import settings
from django.utils.html import escape

from editorial.covers import cover_figure_html
from editorial.text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

# Attributes holding an address that a feed reader resolves against... nothing
# reliable (xml:base is ignored by many readers): they are made absolute.
_URL_ATTRIBUTES = {"href", "src"}
# Images come with the cover (see ``item_cover_html``), in a figure with its caption.
_FEED_TAGS = ALLOWED_TAGS | {"img", "figure", "figcaption"}
_FEED_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "img": {"src", "alt", "width", "height"}}


def item_guid(article):
    """A tag: URI from the site, the creation day and the id: survives any edit of the article."""
    authority = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"tag:{authority},{article.created_at:%Y-%m-%d}:article:{article.pk}"


def item_updated(article):
    """When the article last changed for its readers: an editorial change after publication
    (``Article.was_updated``, the page's «Обновлено»), otherwise its publication time."""
    return article.updated_at if article.was_updated else article.published_at


def absolute_links(html, base_url):
    """``html`` with every ``href`` and ``src`` made absolute against ``base_url`` (the article's address)."""

    def resolve(tag, attribute, value):
        if attribute in _URL_ATTRIBUTES:
            return urljoin(base_url, value.strip())
        return value

    return nh3.clean(
        html,
        tags=_FEED_TAGS,
        attributes=_FEED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        attribute_filter=resolve,
    )


def item_cover_html(article, absolute):
    """The article's cover first in the content: the JPEG rendition (feed readers know neither
    srcset nor, all of them, WebP) in a <figure> with caption and credit; "" without a cover."""
    return cover_figure_html(article, absolute)


def item_cover(article, absolute):
    """The cover for enclosures, ``media:content`` and JSON ``image``: absolute URL, size, type,
    caption and credit; ``None`` without a cover."""
    share = article.cover_share
    if share is None:
        return None
    return {**share, "url": absolute(share["url"]), "caption": article.cover_caption, "credit": article.cover_credit}


def item_source_html(article, absolute):
    if not article.source_id:
        return ""
    href = article.source_url or article.source.url or absolute(article.source.get_absolute_url())
    return f'<p>Источник: <a href="{escape(href)}">{escape(article.source.name)}</a></p>'


def item_content_html(article, absolute):
    """Cover, lead, body, then the disclaimer and the source, with every address absolute."""
    url = absolute(article.get_absolute_url())
    parts = [item_cover_html(article, absolute)]
    if article.lead.strip():
        parts.append(f"<p><strong>{escape(article.lead.strip())}</strong></p>")
    parts.append(article.body)
    if article.disclaimer_text:
        parts.append(f"<p><em>{escape(article.disclaimer_text)}</em></p>")
    parts.append(item_source_html(article, absolute))
    return absolute_links("\n".join(part for part in parts if part), url)


def item_summary_paragraphs(article):
    """The lead (or the body's opening); for opinion pieces also the disclaimer and the source,
    so readers that show only summaries still show them."""
    paragraphs = [article.lead.strip() or article.body_text[:300]]
    if article.is_opinion:
        if article.disclaimer_text:
            paragraphs.append(article.disclaimer_text)
        if article.source_id:
            paragraphs.append(f"Источник: {article.source.name}")
    return [p for p in paragraphs if p]


def item_summary_text(article):
    """The summary as plain text (Atom ``type="text"``, JSON ``summary``)."""
    return "\n\n".join(item_summary_paragraphs(article))


def item_summary_html(article):
    """The summary as HTML whose text is escaped (RSS ``description``): «<b>» in a lead stays text."""
    return "".join(f"<p>{escape(p)}</p>" for p in item_summary_paragraphs(article))


@dataclass(frozen=True)
class ItemAuthor:
    name: str
    url: str


def item_authors(article, absolute):
    return [ItemAuthor(b.author.name, absolute(b.author.get_absolute_url())) for b in article.ordered_bylines]


def byline_text(authors):
    """All authors in order, as one name list: «Иван Петров, Дәурен Әбенов»."""
    return ", ".join(author.name for author in authors)
