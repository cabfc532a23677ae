"""RSS 2.0, Atom and JSON Feed 1.1: everything, and per theme, author and source.

One feed class (``ArchiveFeed``) serves every facet and both XML formats; the
JSON feed is built from the same item data. Each feed accepts the archive's
filter parameters. Caching and conditional GET are the public cache's
(``archive/cache.py``), as for every public page.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from editorial.models import Article

from .facets import FACETS
from .filters import ArticleFilter

FEED_ITEMS = 50
FORMATS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
MIME_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}


# What a feed is about -------------------------------------------------------


@dataclass
class FeedScope:
    """The facet object (if any) and the reader's filters of one feed request."""

    facet: str | None
    obj: object
    filterset: ArticleFilter

    @classmethod
    def from_request(cls, request, facet=None, slug=None):
        obj = None
        articles = Article.objects.published().with_related()
        if facet:
            obj = FACETS[facet].get_public_or_404(slug)
            articles = FACETS[facet].articles_of(articles, obj)
        # Invalid filter values are ignored, as on the pages.
        return cls(facet, obj, ArticleFilter(request.GET or None, queryset=articles))

    def articles(self):
        return self.filterset.qs.order_by("-published_at", "-id")[:FEED_ITEMS]

    @property
    def title(self):
        if self.obj is None:
            return settings.SITE_NAME
        return f"{FACETS[self.facet].label} «{self.obj}» — {settings.SITE_NAME}"

    @property
    def description(self):
        if self.obj is None:
            return "Новые материалы архива: аналитика и мнения о политике России, Казахстана и Евразии."
        return f"Новые материалы архива: {FACETS[self.facet].label.lower()} «{self.obj}»."

    @property
    def home_path(self):
        return self.obj.get_absolute_url() if self.obj is not None else reverse("archive:index")


# Items --------------------------------------------------------------------


def item_guid(article):
    """A tag: URI from the site, the creation day and the id: survives any edit of the article."""
    authority = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"tag:{authority},{article.created_at:%Y-%m-%d}:article:{article.pk}"


def item_content_html(article, absolute):
    """The full body, then the disclaimer and the source, visibly."""
    parts = [article.body]
    if article.disclaimer_text:
        parts.append(f"<p><em>{escape(article.disclaimer_text)}</em></p>")
    if article.source_id:
        href = article.source_url or article.source.url or absolute(article.source.get_absolute_url())
        parts.append(f'<p>Источник: <a href="{escape(href)}">{escape(article.source.name)}</a></p>')
    return "\n".join(parts)


def item_authors(article, absolute):
    return [(b.author.name, absolute(b.author.get_absolute_url())) for b in article.ordered_bylines]


# XML formats --------------------------------------------------------------


class ArchiveRssFeed(Rss201rev2Feed):
    """RSS 2.0 with every author (dc:creator), the full content (content:encoded) and the update time."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _ in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["updateddate"]:
            handler.addQuickElement("atom:updated", item["updateddate"].isoformat())
        handler.addQuickElement("content:encoded", item["content_html"])


class ArchiveAtomFeed(Atom1Feed):
    """Atom with an <author> per author and the full content besides the summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, uri in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", uri)
            handler.endElement("author")
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class ArchiveFeed(Feed):
    """Every XML feed of the archive; ``scope`` and ``atom`` choose which.

    One instance serves one request (see ``feed_view``), so it may keep the request.
    """

    item_guid_is_permalink = False

    def __init__(self, scope, request, atom=False):
        super().__init__()
        self.scope, self.request = scope, request
        self.feed_type = ArchiveAtomFeed if atom else ArchiveRssFeed

    def get_object(self, request, *args, **kwargs):
        return self.scope

    def title(self, scope):
        return scope.title

    def description(self, scope):
        return scope.description

    subtitle = description

    def link(self, scope):
        return scope.home_path

    def feed_url(self, scope):
        return self.request.get_full_path()

    def author_name(self, scope):
        return settings.SITE_NAME

    def items(self, scope):
        return scope.articles()

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.lead or article.body_text[:300]

    def item_guid(self, article):
        return item_guid(article)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return max(article.updated_at, article.published_at)

    def item_categories(self, article):
        return [theme.name for theme in article.sorted_themes]

    def item_extra_kwargs(self, article):
        absolute = self.request.build_absolute_uri
        return {"authors": item_authors(article, absolute), "content_html": item_content_html(article, absolute)}


# JSON Feed ----------------------------------------------------------------


def json_feed(scope, request):
    absolute = request.build_absolute_uri
    items = []
    for article in scope.articles():
        item = {
            "id": item_guid(article),
            "url": absolute(article.get_absolute_url()),
            "title": article.title,
            "content_html": item_content_html(article, absolute),
            "summary": article.lead,
            "date_published": article.published_at.isoformat(),
            "date_modified": max(article.updated_at, article.published_at).isoformat(),
            "authors": [{"name": name, "url": url} for name, url in item_authors(article, absolute)],
            "tags": [theme.name for theme in article.sorted_themes],
            "language": article.language,
        }
        if article.source_url:
            item["external_url"] = article.source_url
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": scope.title,
        "description": scope.description,
        "home_page_url": absolute(scope.home_path),
        "feed_url": absolute(request.get_full_path()),
        "language": "ru",
        "authors": [{"name": settings.SITE_NAME, "url": absolute("/")}],
        "items": items,
    }
    return HttpResponse(json.dumps(feed, ensure_ascii=False), content_type="application/feed+json; charset=utf-8")


# Views and links ----------------------------------------------------------


def feed_view(format, facet=None):
    """The view of one feed; the public cache (``archive/cache.py``) answers before it when it can."""

    def view(request, slug=None):
        scope = FeedScope.from_request(request, facet, slug)
        if format == "json":
            return json_feed(scope, request)
        return ArchiveFeed(scope, request, atom=format == "atom")(request)

    return view


def feed_links(facet=None, obj=None, query_string=""):
    """``<link rel="alternate">`` data for a page: its feed in each format, with its filters."""
    suffix = f"?{query_string}" if query_string else ""
    links = []
    for format, label in FORMATS.items():
        if obj is None:
            href = reverse(f"archive:feed_{format}")
        else:
            href = reverse(f"archive:{facet}_feed_{format}", kwargs={"slug": obj.slug})
        links.append(
            {
                "type": MIME_TYPES[format],
                "label": label,
                "title": f"{label}: {obj or 'все материалы'}",
                "href": href + suffix,
            }
        )
    return links
