"""Public pages: lists (filterable), date archives, the article, facets, search."""

import calendar
from datetime import date
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.views.generic import (
    DateDetailView,
    DayArchiveView,
    ListView,
    MonthArchiveView,
    TemplateView,
    YearArchiveView,
)

from editorial import tallies
from editorial.models import Article, OldArticlePath

from . import seo
from .dates import PublicMonths, date_navigator
from .facets import AUTHOR, FACETS, SOURCE, THEME
from .feeds import feed_links
from .filter_summary import filter_chips, summary
from .filters import ArticleFilter, capped_params
from .search import add_snippets


def public_articles():
    return Article.objects.published().with_related()


class CappedPaginator(Paginator):
    """Counts no further than ``MAX_PAGES`` pages: ``COUNT(*)`` over a million rows costs more
    than the page itself. Beyond the cap, readers go by dates (``/archive/``), as crawlers do
    by the sitemaps; ``is_capped`` says the list goes on."""

    MAX_PAGES = 500

    def __init__(self, *args, known_count=None, ids=None, best_of=None, **kwargs):
        """``ids``: the list's article ids in its order, read from a narrower index than the
        articles' (``editorial.listing``); by default they come from the list itself.
        ``best_of``: a search's list holds at most that many of its best matches."""
        super().__init__(*args, **kwargs)
        self.known_count, self.ids, self.best_of = known_count, ids, best_of

    @cached_property
    def count(self):
        if self.known_count is not None:
            return self.known_count
        limit = self.MAX_PAGES * self.per_page
        if not hasattr(self.object_list, "count"):
            return len(self.object_list)
        if isinstance(self.ids, list):  # a search's matches
            return len(self.ids)
        # Neither the order nor the annotations (a search's rank) change how many rows there are.
        ids = self.object_list.values("pk") if self.ids is None else self.ids
        return ids.order_by()[: limit + 1].count()

    def page(self, number):
        """The page's ids first (an index-only scan, however deep the page), then its rows."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        articles = self.object_list
        if not hasattr(articles, "values_list"):
            return super().page(number)
        ids = articles.values_list("pk", flat=True) if self.ids is None else self.ids
        ids = list(ids[bottom : bottom + self.per_page])
        position = {pk: i for i, pk in enumerate(ids)}
        rows = sorted(articles.filter(pk__in=ids), key=lambda article: position[article.pk])
        return self._get_page(rows, number, self)

    @cached_property
    def is_capped(self):
        return self.count > self.MAX_PAGES * self.per_page

    @cached_property
    def is_best_of(self):
        """Whether a search found more than it lists (only its ``best_of`` best are)."""
        return self.best_of is not None and self.count >= self.best_of

    @cached_property
    def num_pages(self):
        return min(super().num_pages, self.MAX_PAGES)


class ArticleListMixin:
    """A paginated, filterable list of public articles (the filter panel of every list page)."""

    paginate_by = 20
    paginator_class = CappedPaginator
    template_name = "archive/article_list.html"
    page_title = "Последние материалы"
    facet = None  # the theme, author or source object, on their pages
    facet_spec = None

    def base_queryset(self):
        return public_articles()

    def get_queryset(self):
        own = (self.facet_spec, self.facet) if self.facet is not None else None
        self.filterset = ArticleFilter(capped_params(self.request) or None, queryset=self.base_queryset(), facet=own)
        return self.filterset.qs

    def get_paginator(self, queryset, per_page, **kwargs):
        """A list of the whole archive, or of a whole theme, author or source, knows its length
        from the maintained counts: no counting at all. A theme's or author's list (of a kind, of
        some days) reads its ids from their links (``ArticleFilter.listed_ids``); a search's are
        those it found."""
        kwargs["known_count"] = self.filtered_count() if self.filterset.is_filtered else self.known_count()
        found = getattr(queryset, "ranked_ids", None)
        kwargs["ids"] = found if found is not None else self.filterset.listed_ids(self.facet_spec, self.facet)
        if "q" in self.filterset.applied():
            kwargs["best_of"] = Article.objects.search_cap()
        return super().get_paginator(queryset, per_page, **kwargs)

    def known_count(self):
        return sum(tallies.month_counts().values())

    def filtered_count(self):
        """The length of a list filtered by one theme, author or source and nothing else, from the
        counts the filter panel reads (``None``: counted)."""
        applied = self.filterset.applied()
        if self.facet is not None or len(applied) != 1:
            return None
        ((name, chosen),) = applied.items()
        if name not in FACETS or (name == "theme" and len(chosen) != 1):
            return None
        obj = chosen[0] if name == "theme" else chosen
        return self.filterset.form.counts()[FACETS[name].name].get(obj.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chips = filter_chips(self.filterset, self.request, self.hidden_filters())
        context |= {
            "filter": self.filterset,
            "page_title": summary(chips) if chips and self.facet is None else self.page_title,
            "feed_links": self.get_feed_links(),
            "hidden_filters": self.hidden_filters(),
            "chips": chips,
            "shown": summary(chips, self.facet),
            "breadcrumbs": self.get_breadcrumbs(),
        }
        return context

    def hidden_filters(self):
        # The filter that would repeat the facet is not offered on its own page.
        return [self.facet_spec.name] if self.facet_spec else []

    def get_breadcrumbs(self):
        """After «Главная» (added by the template); the home page itself has none until filtered."""
        return [("Выборка", None)] if self.filterset.is_filtered else []

    def get_feed_links(self):
        """The feeds of this list, with the reader's filters: subscribe to exactly what you see."""
        params = capped_params(self.request).copy()
        params.pop("page", None)
        return feed_links(self.facet_spec and self.facet_spec.name, self.facet, params.urlencode())


class ArticleIndexView(ArticleListMixin, ListView):
    pass


FACET_INDEX_TITLES = {THEME.name: "Темы", AUTHOR.name: "Авторы", SOURCE.name: "Источники"}


class FacetArticleListView(ArticleListMixin, ListView):
    """Articles of one theme, author or source (``facet_spec``): the object, then the filtered list."""

    template_name = "archive/facet_detail.html"

    def get(self, request, *args, **kwargs):
        self.facet = self.facet_spec.get_public_or_404(kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return self.facet_spec.articles_of(super().base_queryset(), self.facet)

    def known_count(self):
        return tallies.facet_counts(self.facet_spec.name).get(self.facet.pk, 0)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context |= {
            "facet": self.facet,
            "about": self.facet_spec.about(self.facet),
            "facet_label": self.facet_spec.label,
            "page_title": str(self.facet),
        }
        return context

    def get_breadcrumbs(self):
        index = FACET_INDEX_TITLES[self.facet_spec.name]
        return [(index, reverse(f"archive:{self.facet_spec.name}s")), (str(self.facet), None)]


class ThemeDetailView(FacetArticleListView):
    facet_spec = THEME


class AuthorDetailView(FacetArticleListView):
    facet_spec = AUTHOR


class SourceDetailView(FacetArticleListView):
    facet_spec = SOURCE


class FacetIndexView(ListView):
    """All themes, authors or sources that have public articles, with counts, most used first."""

    template_name = "archive/facet_index.html"
    facet_spec = None

    def get_queryset(self):
        return self.facet_spec.with_counts()

    def get_context_data(self, **kwargs):
        title = FACET_INDEX_TITLES[self.facet_spec.name]
        with_positions = "position" in self.facet_spec.listed_fields
        return super().get_context_data(
            page_title=title, breadcrumbs=[(title, None)], with_positions=with_positions, **kwargs
        )


class ThemeIndexView(FacetIndexView):
    facet_spec = THEME


class AuthorIndexView(FacetIndexView):
    facet_spec = AUTHOR


class SourceIndexView(FacetIndexView):
    facet_spec = SOURCE


class DateArchiveMixin:
    date_field = "published_at"
    month_format = "%m"
    day_format = "%d"
    paginate_by = 20
    paginator_class = CappedPaginator
    template_name = "archive/article_archive.html"

    def get_queryset(self):
        """Without related rows: Django also asks it for the neighbouring periods (one row each)."""
        return Article.objects.published()

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(queryset.with_related(), page_size)

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, known_count=self.known_count(), **kwargs)

    def known_count(self):
        return None

    @cached_property
    def months(self):
        return PublicMonths()

    # The neighbouring years and months come from the counts, not from two queries each.
    def get_next_year(self, date):
        return self.months.neighbour_year(date.year, later=True)

    def get_previous_year(self, date):
        return self.months.neighbour_year(date.year, later=False)

    def get_next_month(self, date):
        return self.months.neighbour_month(date.year, date.month, later=True)

    def get_previous_month(self, date):
        return self.months.neighbour_month(date.year, date.month, later=False)

    def get_feed_links(self, first_day, last_day):
        """The feed of the period: the main feed limited to its dates."""
        return feed_links(query_string=urlencode({"date_from": first_day, "date_to": last_day}))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feed_links"] = self.get_feed_links(*self.period())
        year = int(self.get_year())
        context["date_navigator"] = date_navigator(year, self.current_month(), self.months)
        context["breadcrumbs"] = period_breadcrumbs(*self.crumb_dates())
        return context

    def current_month(self):
        return None

    def crumb_dates(self):
        return (int(self.get_year()),)


def period_breadcrumbs(year, month=None, day=None, link_last=False):
    """«Архив › 2026 › март › 5»: every step a link but the page itself (unless ``link_last``)."""
    crumbs = [("Архив", reverse("archive:archive")), (str(year), reverse("archive:year", kwargs={"year": year}))]
    if month:
        label = date_format(date(year, month, 1), "F").lower()
        crumbs.append((label, reverse("archive:month", kwargs={"year": year, "month": month})))
    if day:
        crumbs.append((str(day), None))
    elif not link_last:
        crumbs[-1] = (crumbs[-1][0], None)
    return crumbs


class YearView(DateArchiveMixin, YearArchiveView):
    """A year; whether it exists, its length, months and neighbours come from the counts."""

    make_object_list = True
    allow_empty = True  # an empty year is a 404 all the same: get_date_list() says so, without a query

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        months = self.months.of_year(int(self.get_year()))
        if not months:
            raise Http404("Нет материалов за этот год.")
        return months if ordering == "ASC" else months[::-1]

    def known_count(self):
        return self.months.count(int(self.get_year()))

    def period(self):
        year = int(self.get_year())
        return date(year, 1, 1), date(year, 12, 31)


class MonthView(DateArchiveMixin, MonthArchiveView):
    """A month; whether it exists, its length and neighbours come from the counts."""

    allow_empty = True  # an empty month is a 404 all the same: get_date_list() says so, without a query

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        """The month's days are not shown (the navigator shows months): no DISTINCT over its articles."""
        if not self.known_count():
            raise Http404("Нет материалов за этот месяц.")
        return []

    def known_count(self):
        return self.months.count(int(self.get_year()), int(self.get_month()))

    def current_month(self):
        return int(self.get_month())

    def crumb_dates(self):
        return int(self.get_year()), int(self.get_month())

    def period(self):
        year, month = int(self.get_year()), int(self.get_month())
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


class DayView(DateArchiveMixin, DayArchiveView):
    def current_month(self):
        return int(self.get_month())

    def crumb_dates(self):
        return int(self.get_year()), int(self.get_month()), int(self.get_day())

    def period(self):
        day = date(int(self.get_year()), int(self.get_month()), int(self.get_day()))
        return day, day


class ArchiveIndexView(TemplateView):
    """The whole archive as years and their months, with counts."""

    template_name = "archive/archive_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            date_navigator=date_navigator(), page_title="Архив по датам", breadcrumbs=[("Архив", None)], **kwargs
        )


class ArticleDetailView(DateDetailView):
    date_field = "published_at"
    month_format = "%m"
    day_format = "%d"
    template_name = "archive/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return public_articles()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # The article may have moved (its date or slug changed): its old address still leads to it.
            moved = OldArticlePath.objects.public_target(request.path)
            if moved is None:
                raise
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(moved.get_absolute_url() + (f"?{query}" if query else ""))

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | article_page_context(self.object, self.request)


def article_page_context(article, request):
    """What the article page shows around the article (also for previews of unpublished ones)."""
    public = Article.objects.published().only("title", "slug", "published_at")
    context = {"related": public.related_to(article), "share_image": seo.share_image(article, request)}
    if article.published_at is None:  # an undated draft, in preview
        return context | {"previous": None, "next": None, "json_ld": ""}
    local = timezone.localtime(article.published_at)
    return context | {
        "by_same_authors": public.by_same_authors(article),
        "breadcrumbs": [*period_breadcrumbs(local.year, local.month, link_last=True), (article.title, None)],
        "previous": public.filter(published_at__lt=article.published_at).exclude(pk=article.pk).first(),
        "next": public.filter(published_at__gt=article.published_at).order_by("published_at", "id").first(),
        "json_ld": seo.article_json_ld(article, request),
    }


class SearchView(ArticleListMixin, ListView):
    template_name = "archive/search.html"
    page_title = "Поиск"

    def get_breadcrumbs(self):
        return [("Поиск", None)]

    def known_count(self):
        return None  # no query, no results: nothing to count

    def get_queryset(self):
        articles = super().get_queryset()
        if not self.filterset.is_bound or not self.filterset.form.is_valid():
            return Article.objects.none()
        if not self.filterset.form.cleaned_data.get("q"):
            return Article.objects.none()
        return articles

    def get_context_data(self, **kwargs):
        return super().get_context_data(with_snippets=True, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginated = super().paginate_queryset(queryset, page_size)
        query = self.filterset.form.cleaned_data.get("q") if self.filterset.is_bound else ""
        if query:
            add_snippets(paginated[1], query)
        return paginated


class SubscribeView(TemplateView):
    """«Подписка»: how to follow the archive in a feed reader, with every feed's address to copy."""

    template_name = "archive/subscribe.html"

    def get_context_data(self, **kwargs):
        absolute = self.request.build_absolute_uri

        def feeds(facet=None, obj=None, query=""):
            return [link | {"url": absolute(link["href"])} for link in feed_links(facet, obj, query)]

        kinds = [(label, feeds(query=f"kind={value}")) for value, label in Article.Kind.choices]
        themes = [(theme, feeds(THEME.name, theme)) for theme in THEME.with_counts()]
        return super().get_context_data(
            page_title="Подписка",
            breadcrumbs=[("Подписка", None)],
            everything=feeds(),
            kinds=kinds,
            themes=themes,
            archive_example=absolute("/feeds/archive/2025/12/atom/"),
            **kwargs,
        )
