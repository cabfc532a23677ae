"""The three ways into the archive besides dates: themes, authors, sources — defined once.

Pages, feeds, sitemaps and the filter panel all read these definitions.
"""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from editorial.models import Author, Source, Theme
from editorial.querysets import having_public_articles, with_public_counts


@dataclass(frozen=True)
class Facet:
    name: str  # in URLs (/themes/…) and as the filter parameter (?theme=…)
    model: type
    article_lookup: str  # from Article to it
    articles_path: str  # from it to its articles
    label: str  # Russian, for headings and feed titles

    def public(self):
        """Those with at least one public article; the others do not exist for readers."""
        return having_public_articles(self.model, self.article_lookup)

    def get_public_or_404(self, slug):
        return get_object_or_404(self.public(), slug=slug)

    def with_counts(self):
        return with_public_counts(self.model.objects.all(), self.articles_path)

    def articles_of(self, articles, obj):
        return articles.filter(**{self.article_lookup: obj})


THEME = Facet("theme", Theme, "theme_links__tag", "article_links__content_object", "Тема")
AUTHOR = Facet("author", Author, "authors", "articles", "Автор")
SOURCE = Facet("source", Source, "source", "articles", "Источник")
FACETS = {facet.name: facet for facet in (THEME, AUTHOR, SOURCE)}
