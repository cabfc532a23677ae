"""Article querysets: what is public, what a list needs up front, full-text search."""

import re

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, models
from django.db.models import Count, F, Func, Prefetch, Q, Value
from django.db.models.functions import Concat, TruncMonth
from django.utils import timezone

SEARCH_MAX_LENGTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("russian")


class UnicodeLower(Func):
    """Unicode-aware lower case on SQLite (its LOWER() knows only ASCII); see apps.py."""

    function = "unicode_lower"
    output_field = models.TextField()


def search_terms(query):
    """Prefixes that every form of each query word starts with.

    The Russian Snowball stemmer is not consistent across case endings
    («Казахстан» → «казахста», «Казахстане» → «казахстан»), so a long stem
    loses its last letter and is matched as a prefix: any form of the word
    finds every other. Short words (and so stop words) are kept whole.
    """
    words = _WORD.findall((query or "")[:SEARCH_MAX_LENGTH].lower().replace("ё", "е"))
    terms = []
    for word in words[:10]:
        if len(word) >= 6:
            word = _stemmer.stemWord(word)
            if len(word) >= 7:
                word = word[:-1]
        terms.append(word)
    return terms


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and its time has come. The one rule."""
        return self.filter(status="published", published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status="published", published_at__gt=timezone.now())

    def next_publication_time(self):
        """When the next scheduled article goes public (``None`` if none is scheduled):
        a copy of a public page is stale from then on, though nothing was saved."""
        return self.scheduled().order_by("published_at").values_list("published_at", flat=True).first()

    def drafts(self):
        return self.filter(status="draft")

    def with_related(self):
        """Everything a list of articles shows, fetched in a constant number of queries."""
        from .models import ArticleAuthor

        bylines = ArticleAuthor.objects.select_related("author").order_by("order", "id")
        return self.select_related("source", "disclaimer").prefetch_related(
            Prefetch("bylines", queryset=bylines), "themes"
        )

    def related_to(self, article, limit=4):
        """Other articles sharing the most themes with ``article``, newest first among equals."""
        theme_ids = [theme.pk for theme in article.themes.all()]
        if not theme_ids:
            return self.none()
        return (
            self.exclude(pk=article.pk)
            .filter(theme_links__tag__in=theme_ids)
            .annotate(shared_themes=Count("theme_links", distinct=True))
            .order_by("-shared_themes", "-published_at")[:limit]
        )

    def by_same_authors(self, article, limit=4):
        """The newest other articles of ``article``'s authors (one query whatever their number)."""
        from .models import ArticleAuthor

        author_ids = [byline.author_id for byline in article.ordered_bylines]
        if not author_ids:
            return self.none()
        written = ArticleAuthor.objects.filter(author_id__in=author_ids).values("article_id")
        return self.exclude(pk=article.pk).filter(pk__in=written).order_by("-published_at", "-id")[:limit]

    def month_counts(self):
        """``[(month, count)]``, newest first, months read in the site's time zone."""
        rows = (
            self.annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(count=Count("id"))
            .order_by("-month")
        )
        return [(row["month"], row["count"]) for row in rows]

    def search(self, query):
        """Articles matching a reader's query, best first.

        PostgreSQL: the ``russian`` text-search configuration over a weighted
        vector (title > lead > body) kept by a trigger, ranked. SQLite: every
        term must occur in the text — simpler, unranked. Either way
        «Казахстана» finds «Казахстан» (see ``search_terms``).
        """
        terms = search_terms(query)
        if not terms:
            return self.none()
        if connections[self.db].vendor == "postgresql":
            # Stop words among the terms drop out of the query (the ``russian`` config).
            raw = " & ".join(f"{term}:*" for term in terms)
            ts_query = SearchQuery(raw, config="russian", search_type="raw")
            return (
                self.filter(search_vector=ts_query)
                .annotate(rank=SearchRank(F("search_vector"), ts_query))
                .order_by("-rank", "-published_at")
            )
        text = UnicodeLower(Concat("title", Value(" "), "lead", Value(" "), "body", output_field=models.TextField()))
        matches = self.annotate(search_text=text)
        for term in terms:
            matches = matches.filter(search_text__contains=term)
        return matches


def having_public_articles(model, article_lookup):
    """Themes, authors or sources with at least one public article (``article_lookup`` leads
    from Article to them: «theme_links__tag», «authors», «source»). Nothing else is shown to
    readers: a draft's author or theme must not surface anywhere."""
    from .models import Article

    return model.objects.filter(pk__in=Article.objects.published().values(article_lookup))


def with_public_counts(queryset, articles_path):
    """Authors, sources or themes annotated with ``article_count`` of their public articles,
    only those that have any, most used first. ``articles_path`` leads to the articles
    («articles» for authors and sources, «article_links__content_object» for themes)."""
    public = Q(**{f"{articles_path}__status": "published", f"{articles_path}__published_at__lte": timezone.now()})
    return (
        queryset.annotate(article_count=Count(articles_path, filter=public, distinct=True))
        .filter(article_count__gt=0)
        .order_by("-article_count", "name")
    )
