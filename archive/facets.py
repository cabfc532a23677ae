"""The three ways into the archive besides dates: themes, authors, sources — defined once.

Pages, feeds, sitemaps and the filter panel all read these definitions.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from editorial import tallies
from editorial.models import Author, Source, Theme


class Offer(NamedTuple):
    """A theme, author or source as the filter panel needs it: no model instance to build."""

    slug: str
    name: str
    article_count: int


@dataclass(frozen=True)
class Facet:
    name: str  # in URLs (/themes/…) and as the filter parameter (?theme=…)
    model: type
    article_lookup: str  # from Article to it
    articles_path: str  # from it to its articles
    label: str  # Russian, for headings and feed titles
    listed_fields: tuple = ("name", "slug")  # what lists of them show (not a photo, not a bio)

    def public(self):
        """Those with at least one public article; the others do not exist for readers.
        Read from the maintained counts (``editorial.tallies``), not from the articles."""
        return self.model.objects.filter(pk__in=list(tallies.facet_counts(self.name)))

    def get_public_or_404(self, slug):
        obj = get_object_or_404(self.model, slug=slug)
        if not tallies.has_public_articles(self.name, obj.pk):
            raise Http404(f"{self.label}: нет опубликованных материалов.")
        return obj

    def with_counts(self):
        """All that have public articles, each with ``article_count``, most used first."""
        counts = tallies.facet_counts(self.name)
        items = list(self.model.objects.filter(pk__in=list(counts)).only(*self.listed_fields))
        for item in items:
            item.article_count = counts[item.pk]
        return sorted(items, key=lambda item: (-item.article_count, item.name))

    def offers(self, counts, limit, chosen=()):
        """The ``limit`` most used (``with_counts()`` order) as plain ``Offer`` tuples, for the filter
        panel of every list page, then the public ones among the ``chosen`` slugs beyond them.
        ``counts``: this facet's ``tallies.facet_counts``. Only the rows offered are read (of
        hundreds): those used at least as often as the ``limit``-th, for ties by name at the edge."""
        least = sorted(counts.values(), reverse=True)[limit - 1] if len(counts) > limit else 0
        candidates = [pk for pk, n in counts.items() if n >= least]
        rows = self.model.objects.filter(Q(pk__in=candidates) | Q(slug__in=chosen)).values_list("pk", "slug", "name")
        offers = sorted(
            (Offer(slug, name, counts[pk]) for pk, slug, name in rows if pk in counts),
            key=lambda offer: (-offer.article_count, offer.name),
        )
        return offers[:limit] + [offer for offer in offers[limit:] if offer.slug in chosen]

    def about(self, obj):
        """What its page says of a theme, author or source (each has some of these), every key
        present: a missing attribute would cost the template a slow failed lookup."""
        return {
            "position": getattr(obj, "position", ""),
            "text": getattr(obj, "bio", "") or getattr(obj, "description", ""),
            "url": getattr(obj, "url", ""),
        }

    def articles_of(self, articles, obj):
        return articles.filter(**{self.article_lookup: obj})


THEME = Facet("theme", Theme, "theme_links__tag", "article_links__content_object", "Тема")
AUTHOR = Facet("author", Author, "authors", "articles", "Автор", ("name", "slug", "position"))
SOURCE = Facet("source", Source, "source", "articles", "Источник")
FACETS = {facet.name: facet for facet in (THEME, AUTHOR, SOURCE)}
