"""Sitemaps: an index of sections — one per month of articles (pages of at most 2,000 URLs),
the theme, author and source pages, the main pages — each with ``lastmod``.

Every number the index needs (articles per month, their latest change) comes from
the maintained counts (``editorial.tallies``), so the index costs two small queries
and a section one range scan of a month, however large the archive.
"""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from editorial import tallies
from editorial.models import Article

from .facets import AUTHOR, SOURCE, THEME

URLS_PER_PAGE = 2000  # the protocol allows 50,000; smaller pages are fast to build and to fetch


class KnownCountPaginator(Paginator):
    """A paginator told its count (from the tallies) instead of running ``COUNT(*)``."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


class MonthArticleSitemap(Sitemap):
    """The public articles of one month, oldest first."""

    changefreq = "monthly"
    priority = 0.8
    limit = URLS_PER_PAGE

    def __init__(self, key, count, last_modified):
        self.key, self.count, self.last_modified = key, count, last_modified

    def items(self):
        start = tallies.key_month(self.key)
        year, month = divmod(self.key, 100)
        end = timezone.make_aware(datetime(year + month // 12, month % 12 + 1, 1))
        return (
            Article.objects.published()
            .filter(published_at__gte=start, published_at__lt=end)
            .only("slug", "published_at", "updated_at")
            .order_by("published_at", "id")
        )

    @property
    def paginator(self):
        return KnownCountPaginator(self._items(), self.limit, self.count)

    def lastmod(self, article):
        return max(article.updated_at, article.published_at)

    def get_latest_lastmod(self):
        return self.last_modified


class FacetSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def __init__(self, facet):
        self.facet = facet

    def items(self):
        return self.facet.with_counts()


class PagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["archive:index", "archive:archive", "archive:themes", "archive:authors", "archive:sources"]

    def location(self, name):
        return reverse(name)


def sections():
    """Every section of the sitemap by name, newest months first."""
    counts, modified = tallies.month_counts(), tallies.month_last_modified()
    months = {
        f"articles-{key}": MonthArticleSitemap(key, count, modified.get(key))
        for key, count in sorted(counts.items(), reverse=True)
    }
    return {
        "pages": PagesSitemap,
        **months,
        "themes": FacetSitemap(THEME),
        "authors": FacetSitemap(AUTHOR),
        "sources": FacetSitemap(SOURCE),
    }


def sitemap_index(request):
    return sitemap_views.index(request, sections(), sitemap_url_name="archive:sitemap_section")


def sitemap_section(request, section):
    return sitemap_views.sitemap(request, sections(), section=section)
