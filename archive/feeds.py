"""RSS 2.0, Atom and JSON Feed 1.1: everything, and per theme, author and source.

One feed class (``ArchiveFeed``) serves every facet and both XML formats; the
JSON feed is built from the same item data. Each feed accepts the archive's
filter parameters. ``feed_view`` adds conditional GET (ETag, Last-Modified,
304) and a short cache, so a changed feed is never served stale while an
unchanged one is not rebuilt on every request.
"""

import hashlib
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import http_date, quote_etag

from editorial.models import Article

from .facets import FACETS
from .filters import ArticleFilter, capped_full_path, capped_params

FEED_ITEMS = 50
FEED_CACHE_SECONDS = 60
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
        return cls(facet, obj, ArticleFilter(capped_params(request) or None, queryset=articles))

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

    def validators(self):
        """(state digest, Last-Modified) of the feed as it is now — without building it.

        They change when an item is added, removed, edited, or when a
        scheduled article's time comes (its ``published_at`` enters the set).
        """
        rows = list(
            self.filterset.qs.order_by("-published_at", "-id").values_list("id", "updated_at", "published_at")[
                :FEED_ITEMS
            ]
        )
        last = max((max(updated, published) for _, updated, published in rows), default=None)
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()[:32]
        return digest, last


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
        return capped_full_path(self.request)

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
        "feed_url": absolute(capped_full_path(request)),
        "language": "ru",
        "authors": [{"name": settings.SITE_NAME, "url": absolute("/")}],
        "items": items,
    }
    return HttpResponse(json.dumps(feed, ensure_ascii=False), content_type="application/feed+json; charset=utf-8")


# Views and links ----------------------------------------------------------


def feed_view(format, facet=None):
    """The view of one feed: 304 when the reader is up to date, else the (briefly cached) feed.

    The ETag is a hash of the feed itself, so any change a reader would see
    (a renamed theme, an edited disclaimer) changes it once the cache entry
    expires. The entry is keyed by the cheap validators as well, so an added,
    removed, edited or newly public article is never served stale.
    """

    def view(request, slug=None):
        scope = FeedScope.from_request(request, facet, slug)
        state, last_modified = scope.validators()
        key = "feed:" + hashlib.sha256(f"{request.get_full_path()}|{state}".encode()).hexdigest()
        cached = cache.get(key)
        if cached is None:
            if format == "json":
                built = json_feed(scope, request)
            else:
                built = ArchiveFeed(scope, request, atom=format == "atom")(request)
            etag = quote_etag(f"{format}-{hashlib.sha256(built.content).hexdigest()[:32]}")
            cached = (built.content, built["Content-Type"], etag)
            cache.set(key, cached, FEED_CACHE_SECONDS)
        content, content_type, etag = cached
        timestamp = int(last_modified.timestamp()) if last_modified else None  # HTTP dates have whole seconds
        not_modified = get_conditional_response(request, etag=etag, last_modified=timestamp)
        if not_modified is not None:
            return not_modified
        response = HttpResponse(content, content_type=content_type)
        response["ETag"] = etag
        if timestamp:
            response["Last-Modified"] = http_date(timestamp)
        response["Cache-Control"] = f"public, max-age={FEED_CACHE_SECONDS}"
        return response

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
