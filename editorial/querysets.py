"""Article querysets: what is public, what a list needs up front, full-text search."""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import snowballstemmer
from django.db import connections, models
from django.db.models import Exists, Func, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from . import search_documents

SEARCH_MAX_LENGTH = 200
# A word; «Contur.kz» and «Усть-Каменогорск» stay one (PostgreSQL's parser keeps them whole).
_WORD = re.compile(r"\w+(?:[.\-]\w+)*", re.UNICODE)
_TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')  # [-]"a phrase" or [-]word
SEARCH_CANDIDATES = 500  # matches ranked per query, newest first: a common word ranks 500, not 500,000
RELATED_CANDIDATES = 60  # per theme and direction, for «По теме»
_stemmer = snowballstemmer.stemmer("russian")


class UnicodeLower(Func):
    """Unicode-aware lower case on SQLite (its LOWER() knows only ASCII); see apps.py."""

    function = "unicode_lower"
    output_field = models.TextField()


def _stem(word):
    if len(word) >= 6 and word.isalpha():
        word = _stemmer.stemWord(word)
        if len(word) >= 7:
            word = word[:-1]
    return word


def _words(text):
    return _WORD.findall(text.lower().replace("ё", "е"))


@dataclass
class ParsedQuery:
    """A reader's query in web-search syntax: words (all required), «quoted phrases»
    (words in this order, side by side) and ``-words`` (must not occur)."""

    terms: list = field(default_factory=list)  # stems of required words
    phrases: list = field(default_factory=list)  # [stems], [words as typed]
    excluded: list = field(default_factory=list)

    @classmethod
    def parse(cls, query):
        parsed = cls()
        for minus, phrase, word in _TOKEN.findall((query or "")[:SEARCH_MAX_LENGTH]):
            words = _words(phrase if phrase else word)[:10]
            if not words:
                continue
            if minus:
                parsed.excluded += [_stem(w) for w in words]
            elif phrase and len(words) > 1:
                parsed.phrases.append(([_stem(w) for w in words], words))
            else:
                parsed.terms += [_stem(w) for w in words]
        return parsed

    @property
    def positive(self):
        """Every stem a result contains (what snippets highlight)."""
        return self.terms + [stem for stems, _ in self.phrases for stem in stems]

    def tsquery(self):
        """Raw ``to_tsquery`` text: prefix matches, ``<->`` for phrases, ``!`` for exclusions."""
        parts = [f"{term}:*" for term in self.terms]
        parts += ["(" + " <-> ".join(f"{stem}:*" for stem in stems) + ")" for stems, _ in self.phrases]
        parts += [f"!{term}:*" for term in self.excluded]
        return " & ".join(parts)


def search_terms(query):
    """Prefixes that every form of each query word starts with.

    The Russian Snowball stemmer is not consistent across case endings
    («Казахстан» → «казахста», «Казахстане» → «казахстан»), so a long stem
    loses its last letter and is matched as a prefix: any form of the word
    finds every other. Short words (and so stop words) are kept whole.
    Words of phrases count; excluded words do not.
    """
    return ParsedQuery.parse(query).positive


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, its time has come, not in the trash. The one rule."""
        return self.filter(status="published", published_at__lte=timezone.now(), deleted_at__isnull=True)

    def scheduled(self):
        return self.filter(status="published", published_at__gt=timezone.now())

    def next_publication_time(self):
        """When the next scheduled article goes public (``None`` if none is scheduled):
        a copy of a public page is stale from then on, though nothing was saved."""
        return self.scheduled().order_by("published_at").values_list("published_at", flat=True).first()

    def drafts(self):
        return self.filter(status="draft")

    def in_review(self):
        """Submitted by a contributor («На проверке»), waiting for an editor."""
        return self.filter(status="review")

    def with_related(self):
        """Everything a list of articles shows, fetched in a constant number of queries. Bylines
        and themes as plain lists (``Article.ordered_bylines``, ``sorted_themes`` read them): a
        prefetch into the managers builds a queryset per article, a third of a list's CPU."""
        from .models import ArticleAuthor

        bylines = ArticleAuthor.objects.select_related("author").order_by("order", "id")
        return self.select_related("source", "disclaimer").prefetch_related(
            Prefetch("bylines", queryset=bylines, to_attr="fetched_bylines"),
            Prefetch("themes", to_attr="fetched_themes"),
        )

    def with_any_theme(self, themes):
        """Articles with at least one of ``themes``, each once: a semi-join, not a join made
        DISTINCT (which would sort every match, every column, before taking a page)."""
        from .models import ThemedArticle

        return self.filter(pk__in=ThemedArticle.objects.filter(tag__in=themes).values("content_object"))

    def related_to(self, article, limit=4):
        """Up to ``limit`` of these articles sharing the most themes with ``article``, newest
        first among equals — chosen among a bounded set of candidates: per theme, the
        ``RELATED_CANDIDATES`` articles added just before and just after it. A list."""
        from .models import ThemedArticle

        theme_ids = [theme.pk for theme in article.sorted_themes]
        if not theme_ids:
            return []
        links = ThemedArticle.objects.using(self.db).values_list("content_object_id", flat=True)
        around = [
            query
            for tag in theme_ids
            for query in (
                links.filter(tag=tag, content_object__lt=article.pk).order_by("-content_object_id")[
                    :RELATED_CANDIDATES
                ],
                links.filter(tag=tag, content_object__gt=article.pk).order_by("content_object_id")[:RELATED_CANDIDATES],
            )
        ]
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            candidates = list(around[0].union(*around[1:], all=True))
        else:
            candidates = [pk for query in around for pk in query]
        shared = Counter(candidates)
        best = sorted(shared, key=lambda pk: (-shared[pk], abs(pk - article.pk)))[: limit * 5]
        found = self.filter(pk__in=best).only("title", "slug", "published_at")
        return sorted(found, key=lambda a: (-shared[a.pk], -a.published_at.timestamp()))[:limit]

    def by_same_authors(self, article, limit=4):
        """The newest other articles of ``article``'s authors (one query whatever their number)."""
        from .models import ArticleAuthor

        author_ids = [byline.author_id for byline in article.ordered_bylines]
        if not author_ids:
            return self.none()
        written = ArticleAuthor.objects.filter(author_id__in=author_ids).values("article_id")
        return self.exclude(pk=article.pk).filter(pk__in=written).order_by("-published_at", "-id")[:limit]

    def search(self, query, scope=None):
        """Articles matching a reader's query (web-search syntax, see ``ParsedQuery``), best first.

        PostgreSQL: the ``russian`` text-search configuration over a weighted
        vector (title > theme, author and source names, lead > body) kept by
        triggers in the search table (``search_documents``), which finds only
        published articles; the newest ``SEARCH_CANDIDATES`` matches are ranked
        (title, then names and lead; the newest first among equals), so a
        word found in half the archive costs what a rare one does. SQLite:
        every term must occur in the text or the names — simpler, unranked,
        a phrase as typed. Either way «Казахстана» finds «Казахстан».

        On PostgreSQL the result carries ``ranked_ids``, its ids in its order: a list of them
        need not be read again (counted, paged) from the articles. ``scope``: what these
        articles are beyond the public archive (``search_documents.Scope``: themes, author,
        source, kind, period), which the search table then answers itself; without it, any
        other filter of this queryset is checked on each match.
        """
        parsed = ParsedQuery.parse(query)
        if not parsed.terms and not parsed.phrases:
            return self.none()
        if connections[self.db].vendor == "postgresql":
            return self._ranked_search(parsed, scope)
        return self._simple_search(parsed)

    def search_cap(self):
        """How many matches a search lists at most: ``SEARCH_CANDIDATES`` on PostgreSQL (the
        newest matches ranked), ``None`` elsewhere (every match listed)."""
        return SEARCH_CANDIDATES if connections[self.db].vendor == "postgresql" else None

    def _ranked_search(self, parsed, scope):
        within = self._narrower_than_archive() if scope is None else None
        ids = search_documents.newest_matches(
            parsed.tsquery(), parsed.positive, SEARCH_CANDIDATES, self.db, within, scope or search_documents.Scope()
        )
        # Each id's place, looked up by key (not searched for along a list of hundreds).
        places = Value({str(pk): place for place, pk in enumerate(ids)}, output_field=models.JSONField())
        key = Cast("pk", models.TextField())
        place = Cast(Func(places, key, arg_joiner=" ->> ", template="(%(expressions)s)"), models.IntegerField())
        found = self.filter(pk__in=ids).alias(search_place=place).order_by("search_place")
        found.ranked_ids = ids
        return found

    def _narrower_than_archive(self):
        """SQL and parameters of these articles' ids when they are fewer than the public archive
        (a filter beside the words: the matches must be theirs), else ``None``."""
        mine = self.order_by().values("pk").query.sql_with_params()
        public = self.model.objects.published().order_by().values("pk").query.sql_with_params()

        def shape(sql_params):
            sql, params = sql_params
            return sql, [p for p in params if not isinstance(p, datetime)]  # «now» differs

        return None if shape(mine) == shape(public) else mine

    def _simple_search(self, parsed):
        matches = self.annotate(search_text=UnicodeLower(_ALL_TEXT))
        for term in parsed.terms:
            matches = matches.filter(_sqlite_match(term))
        for _, words in parsed.phrases:
            matches = matches.filter(search_text__contains=" ".join(words))
        for term in parsed.excluded:
            matches = matches.exclude(_sqlite_match(term))
        return matches


_ALL_TEXT = Concat("title", Value(" "), "lead", Value(" "), "body", output_field=models.TextField())


def _sqlite_match(term):
    """The term in the article's text or in the name of one of its themes, authors or source."""
    from .models import ArticleAuthor, ThemedArticle

    article = OuterRef("pk")
    return (
        Q(search_text__contains=term)
        | Q(source__name__icontains=term)
        | Exists(ThemedArticle.objects.filter(content_object=article, tag__name__icontains=term))
        | Exists(ArticleAuthor.objects.filter(article=article, author__name__icontains=term))
    )
