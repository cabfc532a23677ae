"""Sitemaps: an index of sections — one per month of articles (pages of at most 2,000 URLs),
the theme, author and source pages, the main pages — each with ``lastmod``.

Every number the index needs (articles per month, their latest change) comes from
the maintained counts (``editorial.tallies``), so the index costs two small queries
and a section one range scan of a month, however large the archive.

A page of a month is written from plain rows (``month_urlset``), not through
Django's sitemap template: 2,000 model instances, ``reverse()`` calls and
template loops cost half a second; tuples and one ``join`` cost a few milliseconds.
"""

from datetime import datetime
from functools import cache

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import InvalidPage, Paginator
from django.db.models.functions import Greatest, TruncDate
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape

from editorial import tallies
from editorial.models import Article

from .facets import AUTHOR, SOURCE, THEME

URLS_PER_PAGE = 2000  # the protocol allows 50,000; smaller pages are fast to build and to fetch


class KnownCountPaginator(Paginator):
    """A paginator told its count (from the tallies) instead of running ``COUNT(*)``, and its items
    as a function called only for a page: the index needs only the number of pages of each
    section (some 200 months), not a queryset built for each."""

    def __init__(self, items, per_page, count):
        super().__init__((), per_page)
        self.items, self.known_count = items, count

    @cached_property
    def count(self):
        return self.known_count

    def page(self, number):
        self.object_list = self.items()
        return super().page(number)


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

    def entries(self, page):
        """``(path, lastmod day)`` of the articles on ``page`` (``InvalidPage`` beyond the last).
        An article's address is its day's page plus its slug: one ``reverse()`` per day."""
        articles = self.paginator.page(page).object_list
        # The last change's local day from the database: dates, not 5,000 aware datetimes to convert.
        rows = articles.values_list("slug", "publication_day", TruncDate(Greatest("updated_at", "published_at")))
        day_paths = {}
        for slug, day, changed in rows:
            if day not in day_paths:
                day_paths[day] = reverse("archive:day", kwargs={"year": day.year, "month": day.month, "day": day.day})
            yield f"{day_paths[day]}{slug}/", changed

    @property
    def paginator(self):
        return KnownCountPaginator(self._items, self.limit, self.count)

    def lastmod(self, article):
        return max(article.updated_at, article.published_at)

    def get_latest_lastmod(self):
        return self.last_modified


class FacetSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def __init__(self, facet, counts):
        self.facet, self.counts = facet, counts  # counts(): ``{facet name: {id: public articles}}``

    def items(self):
        return self.facet.with_counts()

    @property
    def paginator(self):
        return KnownCountPaginator(self._items, self.limit, len(self.counts()[self.facet.name]))


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
    facet_counts = cache(lambda: tallies.several_facet_counts([facet.name for facet in (THEME, AUTHOR, SOURCE)]))
    return {
        "pages": PagesSitemap,
        **months,
        "themes": FacetSitemap(THEME, facet_counts),
        "authors": FacetSitemap(AUTHOR, facet_counts),
        "sources": FacetSitemap(SOURCE, facet_counts),
    }


SITEMAP_INDEX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    "{}\n</sitemapindex>\n"
)


def sitemap_index(request):
    """Every section and its pages, as Django's index view writes them (``sitemap_views.index``),
    from strings: one ``reverse()`` and no template loop for some 200 sections. (Its Last-Modified
    header, set only when every section has a ``lastmod``, would not be: the pages have none.)"""
    before, _, after = reverse("archive:sitemap_section", kwargs={"section": "section"}).rpartition("section")
    site = f"{request.scheme}://{request.get_host()}{before}"
    entries = []
    for section, sitemap in sections().items():
        sitemap = sitemap() if callable(sitemap) else sitemap
        lastmod = sitemap.get_latest_lastmod()
        tail = f"<lastmod>{timezone.localtime(lastmod).isoformat()}</lastmod></sitemap>" if lastmod else "</sitemap>"
        location = escape(f"{site}{section}{after}")
        entries.append(f"<sitemap><loc>{location}</loc>{tail}")
        entries.extend(f"<sitemap><loc>{location}?p={page}</loc>{tail}" for page in sitemap.paginator.page_range[1:])
    response = HttpResponse(SITEMAP_INDEX.format("".join(entries)), content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def sitemap_section(request, section):
    every = sections()
    if isinstance(every.get(section), MonthArticleSitemap):
        return month_urlset(request, every[section])
    return sitemap_views.sitemap(request, every, section=section)


URLSET = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n{}\n</urlset>\n'
)


def month_urlset(request, sitemap):
    """A page of a month's articles (``?p=N``), as Django's sitemap view writes it."""
    try:
        entries = list(sitemap.entries(request.GET.get("p", 1)))
    except InvalidPage:
        raise Http404("Нет такой страницы карты сайта.") from None
    site = escape(f"{request.scheme}://{request.get_host()}")
    tail = f"</lastmod><changefreq>{sitemap.changefreq}</changefreq><priority>{sitemap.priority}</priority></url>"
    urls = "".join(f"<url><loc>{site}{escape(path)}</loc><lastmod>{day.isoformat()}{tail}" for path, day in entries)
    response = HttpResponse(URLSET.format(urls), content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
