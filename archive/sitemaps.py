"""sitemap.xml: every public article, and the theme, author and source pages that have any."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from editorial.models import Article, Author, Source, Theme
from editorial.querysets import with_public_counts


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

    def __init__(self, model, articles_path="articles"):
        self.model, self.articles_path = model, articles_path

    def items(self):
        return with_public_counts(self.model.objects.all(), self.articles_path)


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
    "themes": FacetSitemap(Theme, "article_links__content_object"),
    "authors": FacetSitemap(Author),
    "sources": FacetSitemap(Source),
}
