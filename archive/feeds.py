"""Serving the feeds: RSS 2.0, Atom and JSON Feed 1.1, everything and per theme, author and source.

What a feed holds is ``feed_scope.FeedScope`` (facet, filters, page or archived
month); how it is written is ``feed_formats``; what an item is, ``feed_items``.
Caching and conditional GET (ETag, Last-Modified, 304) are the public cache's
(``archive/cache.py``), as for every public page.
"""

from django.urls import reverse

from .facets import FACETS
from .feed_formats import ArchiveFeed, json_feed, readable_in_browsers
from .feed_scope import FeedScope

__all__ = ["FACETS", "FORMATS", "build_feed", "feed_links", "feed_view", "readable_in_browsers"]

FORMATS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
MIME_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}


# Views and links ----------------------------------------------------------


def build_feed(format, scope, request):
    """The feed as a fresh response."""
    if format == "json":
        return json_feed(scope, request)
    return ArchiveFeed(scope, request, atom=format == "atom")(request)


def feed_view(format, facet=None):
    """The view of one feed; the public cache (``archive/cache.py``) answers before it when it can."""

    def view(request, slug=None, year=None, month=None):
        return build_feed(format, FeedScope.from_request(request, facet, slug, year, month), request)

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
