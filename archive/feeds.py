"""Serving the feeds: RSS 2.0, Atom and JSON Feed 1.1, everything and per theme, author and source.

What a feed holds is ``feed_scope.FeedScope`` (facet, filters, page or archived
month); how it is written is ``feed_formats``; what an item is, ``feed_items``.
``feed_view`` adds conditional GET (ETag, Last-Modified, 304) and a short
cache, so a changed feed is never served stale while an unchanged one is not
rebuilt on every request.
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from .facets import FACETS
from .feed_formats import ArchiveFeed, json_feed, readable_in_browsers
from .feed_scope import FeedScope

__all__ = ["FACETS", "FORMATS", "build_feed", "feed_links", "feed_view", "readable_in_browsers"]

FEED_CACHE_SECONDS = 60
FORMATS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
MIME_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}


# Views and links ----------------------------------------------------------


def build_feed(format, scope, request):
    """The feed as a fresh response (not cached): what ``feed_view`` keeps and answers with."""
    if format == "json":
        return json_feed(scope, request)
    return ArchiveFeed(scope, request, atom=format == "atom")(request)


def feed_view(format, facet=None):
    """The view of one feed: 304 when the reader is up to date, else the (briefly cached) feed.

    The ETag is a hash of the feed itself, so any change a reader would see
    (a renamed theme, an edited disclaimer) changes it once the cache entry
    expires. The entry is keyed by the cheap validators as well, so an added,
    removed, edited or newly public article is never served stale.
    """

    def view(request, slug=None, year=None, month=None):
        scope = FeedScope.from_request(request, facet, slug, year, month)
        state, last_modified = scope.validators()
        key = "feed:" + hashlib.sha256(f"{request.get_full_path()}|{state}".encode()).hexdigest()
        cached = cache.get(key)
        if cached is None:
            built = build_feed(format, scope, request)
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
