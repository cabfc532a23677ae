"""sitemap.xml: every public article, and the theme, author and source pages that have any."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from editorial.models import Article

from .facets import AUTHOR, SOURCE, THEME


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "published_at", "updated_at").order_by("-published_at", "id")

    def lastmod(self, article):
        return max(article.updated_at, article.published_at)


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


SITEMAPS = {
    "pages": PagesSitemap,
    "articles": ArticleSitemap,
    "themes": FacetSitemap(THEME),
    "authors": FacetSitemap(AUTHOR),
    "sources": FacetSitemap(SOURCE),
}
