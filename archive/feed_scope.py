"""What one feed request is about: facet, filters, page or archived month — and its name and links."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format

from editorial import tallies
from editorial.models import Article

from . import feed_history
from .facets import FACETS
from .filters import ArticleFilter, capped_params

FEED_ITEMS = 50
MAX_PAGES = 200  # of a subscription feed: 10,000 items, then the monthly archives
# Feed titles name what a filter keeps: «Мнения — Евразийский аналитический архив».
KIND_TITLES = {"news": "Новости", "analysis": "Аналитика", "opinion": "Мнения", "interview": "Интервью"}


def quoted(objects):
    return ", ".join(f"«{obj}»" for obj in objects)


@dataclass
class FeedScope:
    """The facet object (if any), the reader's filters and the page or month of one feed request."""

    facet: str | None
    obj: object
    filterset: ArticleFilter
    request: object
    page: int = 1
    month: object = None  # start of an archived month (RFC 5005 archive document)
    hubs: list = field(default_factory=lambda: list(settings.WEBSUB_HUBS))

    @classmethod
    def from_request(cls, request, facet=None, slug=None, year=None, month=None):
        obj = None
        articles = Article.objects.published().with_related()
        if facet:
            obj = FACETS[facet].get_public_or_404(slug)
            articles = FACETS[facet].articles_of(articles, obj)
        # Invalid filter values are ignored, as on the pages.
        own = (FACETS[facet], obj) if facet else None
        filterset = ArticleFilter(capped_params(request) or None, queryset=articles, facet=own)
        scope = cls(facet, obj, filterset, request)
        if year is not None:
            scope.month = feed_history.finished_month_or_404(year, month)
            if not scope.articles():
                raise Http404("В этом месяце нет материалов.")
        else:
            scope.page = feed_history.page_number_or_404(request.GET.get("page"))
            if scope.page > 1 and scope.page > scope.last_page:  # page 1 exists even when empty
                raise Http404("Нет такой страницы ленты.")
        return scope

    # Articles -----------------------------------------------------------

    def all_articles(self):
        """Every article of the feed, newest first, whatever the page or month."""
        return self.filterset.qs.order_by("-published_at", "-id")

    @property
    def is_archive(self):
        return self.month is not None

    def page_articles(self):
        if self.is_archive:
            return feed_history.in_month(self.all_articles(), self.month)
        start = (self.page - 1) * FEED_ITEMS
        return self.all_articles()[start : start + FEED_ITEMS]

    def articles(self):
        return self._articles

    @cached_property
    def _articles(self):
        return list(self.page_articles())

    @cached_property
    def last_page(self):
        """Pages go back ``MAX_PAGES`` at most (older articles are in the monthly archives):
        a feed of everything knows its length from the counts, a filtered one counts to the cap."""
        count = self.known_count()
        if count is None:
            count = self.all_articles()[: MAX_PAGES * FEED_ITEMS].count()
        return max(1, min(MAX_PAGES, -(-count // FEED_ITEMS)))

    def known_count(self):
        if self.filter_values:
            return None
        if self.obj is None:
            return sum(tallies.month_counts().values())
        return tallies.facet_counts(self.facet).get(self.obj.pk, 0)

    # Name ---------------------------------------------------------------

    @cached_property
    def filter_values(self):
        """The reader's valid filters: {name: cleaned value}, empty and invalid ones dropped."""
        if not self.filterset.is_bound:
            return {}
        self.filterset.form.is_valid()
        data = self.filterset.form.cleaned_data
        return {name: data[name] for name in self.filterset.filters if data.get(name)}

    def topic_parts(self):
        """What the feed keeps, in Russian words: [«Тема «Казахстан»», «Мнения»…]; empty for everything."""
        values, parts = self.filter_values, []
        if self.obj is not None:
            parts.append(f"{FACETS[self.facet].label} «{self.obj}»")
        if "kind" in values:
            parts.append(KIND_TITLES[values["kind"]])
        if "theme" in values:
            themes = list(values["theme"])
            parts.append(("Тема " if len(themes) == 1 else "Темы ") + quoted(themes))
        for name, label in (("author", "Автор"), ("source", "Источник")):
            if name in values:
                parts.append(f"{label} «{values[name]}»")
        if "date_from" in values or "date_to" in values:
            since = f"с {values['date_from']:%d.%m.%Y}" if "date_from" in values else ""
            until = f"по {values['date_to']:%d.%m.%Y}" if "date_to" in values else ""
            parts.append(" ".join(filter(None, (since, until))))
        if "q" in values:
            parts.append(f"Поиск «{values['q']}»")
        return parts

    @property
    def title(self):
        parts = self.topic_parts()
        if self.is_archive:
            parts.append(f"архив за {date_format(self.month, 'F Y').lower()}")
        parts[:1] = [parts[0][:1].upper() + parts[0][1:]] if parts else []
        return " — ".join(filter(None, [", ".join(parts), settings.SITE_NAME]))

    @property
    def description(self):
        topic = ", ".join(self.topic_parts())
        topic = topic[:1].lower() + topic[1:]
        about = f": {topic}" if topic else ": аналитика и мнения о политике России, Казахстана и Евразии"
        if self.is_archive:
            return f"Материалы архива за {date_format(self.month, 'F Y').lower()}{about}."
        return f"Новые материалы архива{about}."

    # Addresses ----------------------------------------------------------

    def query_params(self):
        """The valid filters as URL parameters, in a fixed order: one address per feed."""
        params = []
        for name, value in self.filter_values.items():
            if name == "theme":
                params += [(name, theme.slug) for theme in value]
            elif hasattr(value, "slug"):
                params.append((name, value.slug))
            elif isinstance(value, date):
                params.append((name, value.isoformat()))
            else:
                params.append((name, str(value)))
        return params

    def path(self, format, month=None):
        kwargs = {"slug": self.obj.slug} if self.obj is not None else {}
        prefix = f"{self.facet}_" if self.obj is not None else ""
        if month is not None:
            kwargs |= {"year": month.year, "month": month.month}
            return reverse(f"archive:{prefix}feed_archive_{format}", kwargs=kwargs)
        return reverse(f"archive:{prefix}feed_{format}", kwargs=kwargs)

    def url(self, format, page=1, month=None):
        params = self.query_params() + ([("page", page)] if page > 1 else [])
        query = f"?{urlencode(params)}" if params else ""
        return self.request.build_absolute_uri(self.path(format, month) + query)

    def self_url(self, format):
        return self.url(format, page=self.page, month=self.month)

    def feed_id(self, format):
        """The subscription feed's address: its pages and archives are the same feed."""
        return self.url(format)

    @property
    def home_path(self):
        """The list page showing what the feed holds (a month's archive: that month)."""
        path = self.obj.get_absolute_url() if self.obj is not None else reverse("archive:index")
        params = self.query_params()
        if self.is_archive:
            end = feed_history.next_month_start(self.month) - timedelta(days=1)
            params = [p for p in params if p[0] not in ("date_from", "date_to")]
            params += [("date_from", self.month.date().isoformat()), ("date_to", end.date().isoformat())]
        return path + (f"?{urlencode(params)}" if params else "")

    def history_links(self, format):
        """RFC 5005 links: pages (first/previous/next/last) and archives (prev-/next-archive, current)."""
        everything = self.all_articles()
        if self.is_archive:
            links = [("current", self.url(format))]
            previous, later = feed_history.neighbour_months(everything, self.month)
        else:
            links = [("first", self.url(format))]
            if self.page > 1:
                links.append(("previous", self.url(format, page=self.page - 1)))
            if self.page < self.last_page:
                links.append(("next", self.url(format, page=self.page + 1)))
            links.append(("last", self.url(format, page=self.last_page)))
            previous, later = feed_history.latest_finished_month(everything), None
        if previous:
            links.append(("prev-archive", self.url(format, month=previous)))
        if later:
            links.append(("next-archive", self.url(format, month=later)))
        return links
