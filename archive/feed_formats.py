"""The three formats of every feed — RSS 2.0, Atom 1.0, JSON Feed 1.1 — built from one scope.

A scope (``feeds.FeedScope``) says which articles, which page and which links
(paging, archives, hubs); ``feed_items`` says what each article becomes. This
module only writes them out; serving (caching, conditional GET) is elsewhere.
"""

import html
import json
import re
from functools import wraps

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.templatetags.static import static
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date
from django.utils.xmlutils import SimplerXMLGenerator

from .feed_items import (
    byline_text,
    item_authors,
    item_content_html,
    item_cover,
    item_guid,
    item_summary_html,
    item_summary_text,
    item_updated,
)

HISTORY_NS = "http://purl.org/syndication/history/1.0"  # RFC 5005
XSLT_STYLESHEET = "feeds/feed.xsl"
TAG_START = re.compile(r"<[A-Za-z/!?]")  # where an HTML parser starts a tag, comment or declaration


def rss_text(value):
    """Plain text for an RSS element that readers may take for HTML (titles, descriptions, categories, names).

    RSS never says whether these hold text or HTML, and readers differ: newsboat and sfeed show them as
    text, while feedparser and web readers render any that looks like HTML as HTML. Text that an HTML
    parser would read as a tag or a character reference is therefore HTML-escaped before the XML
    escaping: an HTML reader shows it literally, a text reader shows the entities. Everything else is
    left alone, so «A & B» and «A < B» read right in both kinds of reader.
    """
    if TAG_START.search(value) or html.unescape(value) != value:
        return html.escape(value, quote=False)
    return value


def feed_stylesheets():
    """The XSLT that turns RSS and Atom into a readable Russian page in a browser."""
    return [static(XSLT_STYLESHEET)]


def write_feed_links(handler, feed, tag):
    """Paging (RFC 5005 first/next/previous/last), archive and WebSub hub links of a feed."""
    for rel, href in feed["history_links"]:
        handler.addQuickElement(tag, "", {"rel": rel, "href": href})
    for hub in feed["hubs"]:
        handler.addQuickElement(tag, "", {"rel": "hub", "href": hub})
    if feed["is_archive"]:
        handler.addQuickElement("fh:archive", "")


class ArchiveRssFeed(Rss201rev2Feed):
    """RSS 2.0: one dc:creator naming every author, content:encoded, escaped-HTML description,
    and every other text as ``rss_text``."""

    def __init__(self, title, link, description, **kwargs):
        super().__init__(rss_text(title), link, rss_text(description), **kwargs)

    def add_item(self, title, link, description, categories=(), **kwargs):
        categories = [rss_text(category) for category in categories or ()]
        super().add_item(rss_text(title), link, description, categories=categories, **kwargs)

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:fh": HISTORY_NS,
            "xmlns:media": "http://search.yahoo.com/mrss/",
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        write_feed_links(handler, self.feed, "atom:link")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["authors"]:
            handler.addQuickElement("dc:creator", rss_text(byline_text(item["authors"])))
        handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("content:encoded", item["content_html"])
        cover = item["cover"]
        if cover:
            handler.startElement(
                "media:content",
                {"url": cover["url"], "type": cover["type"], "medium": "image", "width": str(cover["width"]),
                 "height": str(cover["height"]), "fileSize": str(cover["length"])},
            )  # fmt: skip
            if cover["caption"]:
                handler.addQuickElement("media:description", rss_text(cover["caption"]))
            if cover["credit"]:
                handler.addQuickElement("media:credit", rss_text(cover["credit"]))
            handler.endElement("media:content")


class ArchiveAtomFeed(Atom1Feed):
    """Atom: an <author> per author, a plain-text summary and the full content."""

    def write(self, outfile, encoding):
        # Django writes stylesheets only into RSS; the same XSLT reads Atom.
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", str(stylesheet))
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:fh": HISTORY_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        write_feed_links(handler, self.feed, "link")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        for author in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            handler.addQuickElement("uri", author.url)
            handler.endElement("author")
        handler.addQuickElement("summary", item["summary_text"], {"type": "text"})
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class ArchiveFeed(Feed):
    """Every XML feed of the archive; ``scope`` and ``atom`` choose which.

    One instance serves one request, so it may keep the request.
    """

    item_guid_is_permalink = False

    def __init__(self, scope, request, *, atom):
        super().__init__()
        self.scope, self.request = scope, request
        self.feed_type = ArchiveAtomFeed if atom else ArchiveRssFeed
        self.format = "atom" if atom else "rss"

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
        return scope.self_url(self.format)

    def feed_guid(self, scope):
        return scope.feed_id(self.format)

    def author_name(self, scope):
        return settings.SITE_NAME

    def stylesheets(self, scope):
        return feed_stylesheets()

    def feed_extra_kwargs(self, scope):
        return {
            "history_links": scope.history_links(self.format),
            "hubs": scope.hubs,
            "is_archive": scope.is_archive,
        }

    def items(self, scope):
        return scope.articles()

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return item_summary_html(article)

    def item_guid(self, article):
        return item_guid(article)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return item_updated(article)

    def item_categories(self, article):
        return [theme.name for theme in article.sorted_themes]

    def item_enclosures(self, article):
        cover = item_cover(article, self.request.build_absolute_uri)
        return [Enclosure(cover["url"], str(cover["length"]), cover["type"])] if cover else []

    def item_extra_kwargs(self, article):
        absolute = self.request.build_absolute_uri
        return {
            "cover": item_cover(article, absolute),
            "authors": item_authors(article, absolute),
            "content_html": item_content_html(article, absolute),
            "summary_text": item_summary_text(article),
        }


def json_feed(scope, request):
    """JSON Feed 1.1, with the 1.0 ``author`` for older readers and ``next_url`` for paging."""
    absolute = request.build_absolute_uri
    items = []
    for article in scope.articles():
        authors = item_authors(article, absolute)
        item = {
            "id": item_guid(article),
            "url": absolute(article.get_absolute_url()),
            "title": article.title,
            "content_html": item_content_html(article, absolute),
            "summary": item_summary_text(article),
            "date_published": article.published_at.isoformat(),
            "date_modified": item_updated(article).isoformat(),
            "authors": [{"name": author.name, "url": author.url} for author in authors],
            "tags": [theme.name for theme in article.sorted_themes],
            "language": article.language,
        }
        if authors:
            item["author"] = {"name": byline_text(authors), "url": authors[0].url}
        if article.source_url:
            item["external_url"] = article.source_url
        cover = item_cover(article, absolute)
        if cover:
            item["image"] = cover["url"]
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": scope.title,
        "description": scope.description,
        "home_page_url": absolute(scope.home_path),
        "feed_url": scope.self_url("json"),
        "language": "ru",
        "authors": [{"name": settings.SITE_NAME, "url": absolute("/")}],
        "author": {"name": settings.SITE_NAME, "url": absolute("/")},
        "items": items,
    }
    next_url = dict(scope.history_links("json")).get("next")
    if next_url:
        feed["next_url"] = next_url
    if scope.hubs:
        feed["hubs"] = [{"type": "WebSub", "url": hub} for hub in scope.hubs]
    if scope.is_archive:
        feed["expired"] = True  # a finished month: nothing will be added
    return HttpResponse(json.dumps(feed, ensure_ascii=False), content_type="application/feed+json; charset=utf-8")


def readable_in_browsers(view):
    """RSS and Atom as ``application/xml`` to a browser (it asks for text/html first), so that it
    applies the XSLT instead of showing raw text or downloading; feed readers get their own types."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["Accept"])
        xml_feed = response.get("Content-Type", "").startswith(("application/rss+xml", "application/atom+xml"))
        if xml_feed and "text/html" in request.headers.get("Accept", ""):
            response["Content-Type"] = "application/xml; charset=utf-8"
        return response

    return wrapper
