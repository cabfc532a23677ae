"""The readers' filter: one FilterSet for list pages, search and filtered feeds."""

from datetime import date, datetime, timedelta

import django_filters
from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property

from editorial import listing, tallies
from editorial.models import Article
from editorial.querysets import SEARCH_MAX_LENGTH
from editorial.search_documents import Scope
from editorial.text import strip_control_chars

from .facets import AUTHOR, SOURCE, THEME

# The longest value each reader parameter can meaningfully have. Longer values are cut to one
# character more (so the form still sees them as too long and says so), other parameters are
# dropped, before anything reads them: nothing a reader sends is echoed back (the form, the
# pagination and feed links, the page title) beyond these lengths.
PARAMETER_MAX_LENGTHS = {
    "q": SEARCH_MAX_LENGTH, "theme": 100, "author": 120, "source": 120, "kind": 20,
    "date_from": 10, "date_to": 10, "page": 8,
}  # fmt: skip
MAX_VALUES_PER_PARAMETER = 10


def capped_params(request):
    """The request's filter parameters, capped (see ``PARAMETER_MAX_LENGTHS``): a new QueryDict."""
    params = QueryDict(mutable=True)
    for key, limit in PARAMETER_MAX_LENGTHS.items():
        values = request.GET.getlist(key)[:MAX_VALUES_PER_PARAMETER]
        if values:
            params.setlist(key, [value[: limit + 1] for value in values])
    return params


def publication_bounds(first_day, last_day):
    """``(since, before)``: the first moments of ``first_day`` and of the day after ``last_day`` in
    the site's time zone, for ``since <= published_at < before``; ``None`` where there is no bound
    (no day given, or a day at the calendar's end, which nothing is beyond and UTC cannot hold)."""

    def start(day):
        return timezone.make_aware(datetime.combine(day, datetime.min.time()))

    since = start(first_day) if first_day and first_day > date.min else None
    before = start(last_day + timedelta(days=1)) if last_day and last_day < date.max else None
    return since, before


class DateInput(forms.DateInput):
    input_type = "date"


OFFERED_CHOICES = 40  # per facet in the panel: a <select> of 400 authors helps nobody and costs 100 ms


FACET_FIELDS = (("theme", THEME), ("author", AUTHOR), ("source", SOURCE))


class OfferedChoices(BaseChoiceIterator):
    """The drop-down's choices, read from the counts only when the panel is rendered
    (feeds and list queries use the same form without ever showing it). A ``BaseChoiceIterator``:
    Django's widgets would otherwise iterate any other iterable as soon as it is assigned."""

    def __init__(self, form, name, facet):
        self.form, self.name, self.facet = form, name, facet

    @cached_property
    def offered(self):
        """The offers, alphabetical, read once however often the choices are gone through."""
        offered = self.facet.offers(self.form.counts()[self.facet.name], OFFERED_CHOICES, self.form.chosen(self.name))
        return sorted(offered, key=lambda o: o.name.casefold())

    def __iter__(self):
        if self.name != "theme":
            yield ("", self.form.fields[self.name].empty_label)
        yield from ((o.slug, o.name) for o in self.offered)


class ArticleFilterForm(forms.Form):
    """The panel offers the most used themes, authors and sources (and whatever is chosen);
    any public one is accepted from a link, and all are listed on /themes/, /authors/, /sources/."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._counts = None
        for name, facet in FACET_FIELDS:
            self.fields[name].widget.choices = OfferedChoices(self, name, facet)

    def counts(self):
        """``{facet: {id: public articles}}``: those with none (a draft's author) are neither
        offered nor accepted. The counts of all three facets are read at once, when first needed."""
        if self._counts is None:
            self._counts = tallies.several_facet_counts([facet.name for _, facet in FACET_FIELDS])
        return self._counts

    def chosen(self, name):
        """The slugs given for ``name``, as sent; but a NUL, which no slug has and PostgreSQL
        refuses in a query (they are looked for among those offered)."""
        raw = self.data.getlist(name) if hasattr(self.data, "getlist") else self.data.get(name) or []
        return {value for value in ([raw] if isinstance(raw, str) else raw) if "\x00" not in value}

    def clean_q(self):
        """Control characters (a pasted \\x08) would break the feeds' XML: they are not words."""
        return strip_control_chars(self.cleaned_data.get("q") or "", " ").strip()

    def clean(self):
        cleaned = super().clean()
        for name, facet in FACET_FIELDS:
            chosen = cleaned.get(name)
            chosen = list(chosen) if name == "theme" and chosen is not None else [chosen] if chosen else []
            if not chosen:
                continue
            public = self.counts()[facet.name]
            hidden = [obj.slug for obj in chosen if obj.pk not in public]
            if hidden:
                self.add_error(name, self.fields[name].error_messages["invalid_choice"] % {"value": hidden[0]})
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "Дата «по» раньше даты «с».")
        return cleaned


class ArticleFilter(django_filters.FilterSet):
    """``?theme=a&theme=b&author=…&source=…&kind=…&date_from=…&date_to=…&q=…``.

    Several themes mean any of them. An invalid value (unknown slug, bad
    date, an over-long query) is reported on the form and ignored.
    """

    q = django_filters.CharFilter(
        label="Поиск",
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Слова из текста"}),
    )
    theme = django_filters.ModelMultipleChoiceFilter(
        label="Темы",
        to_field_name="slug",
        queryset=THEME.model.objects.all(),
        widget=forms.CheckboxSelectMultiple,  # searchable by site.js: no Ctrl-click in a scrolled <select>
        method="filter_themes",
    )
    author = django_filters.ModelChoiceFilter(
        label="Автор",
        field_name="authors",
        to_field_name="slug",
        queryset=AUTHOR.model.objects.all(),
        empty_label="Все авторы",
    )
    source = django_filters.ModelChoiceFilter(
        label="Источник",
        field_name="source",
        to_field_name="slug",
        queryset=SOURCE.model.objects.all(),
        empty_label="Все источники",
    )
    kind = django_filters.ChoiceFilter(label="Жанр", choices=Article.Kind.choices, empty_label="Все жанры")
    # Whole local days, as ranges of the publication time: the date index answers them.
    date_from = django_filters.DateFilter(label="С даты", method="filter_date_from", widget=DateInput)
    date_to = django_filters.DateFilter(label="По дату", method="filter_date_to", widget=DateInput)

    class Meta:
        model = Article
        form = ArticleFilterForm
        fields = ["q", "theme", "author", "source", "kind", "date_from", "date_to"]

    def __init__(self, *args, facet=None, **kwargs):
        """``facet``: ``(Facet, object)`` of the page's own theme, author or source, whose
        articles ``queryset`` already is."""
        super().__init__(*args, **kwargs)
        self.facet = facet

    def filter_themes(self, queryset, name, value):
        return queryset.with_any_theme(value) if value else queryset  # none chosen: an empty queryset

    def filter_search(self, queryset, name, value):
        return queryset.search(value, scope=self.search_scope())

    def search_scope(self):
        """The other filters, and the page's own theme, author or source (``facet``), as the
        search table reads them: it then picks the matches of all at once."""
        data = self.form.cleaned_data
        own = {self.facet[0].name: self.facet[1].pk} if self.facet else {}
        since, before = publication_bounds(data.get("date_from"), data.get("date_to"))
        chosen = {name: getattr(data.get(name), "pk", None) for name in ("author", "source")}
        scope = {
            "themes": [theme.pk for theme in data.get("theme") or []],
            "theme": own.get("theme"),
            "authors": {key for key in (own.get("author"), chosen["author"]) if key},  # both required
            "sources": {key for key in (own.get("source"), chosen["source"]) if key},
            "kind": data.get("kind") or None,
        }
        listed = self.listed_ids(*(self.facet or ()), for_search=True)
        return Scope.of(**scope, since=since, before=before, listed=listed)

    def filter_date_from(self, queryset, name, value):
        since, _ = publication_bounds(value, None)
        return queryset.filter(published_at__gte=since) if since else queryset

    def filter_date_to(self, queryset, name, value):
        _, before = publication_bounds(None, value)
        return queryset.filter(published_at__lt=before) if before else queryset

    def filter_queryset(self, queryset):
        """The search last: it ranks a bounded set of the newest matches, which must already
        be the matches of the other filters."""
        cleaned = dict(self.form.cleaned_data)
        query = cleaned.pop("q", None)
        for name, value in cleaned.items():
            queryset = self.filters[name].filter(queryset, value)
        return self.filters["q"].filter(queryset, query) if query else queryset

    @property
    def is_filtered(self):
        """Whether any valid filter value was given: those filter the list even beside an invalid one."""
        return self.is_bound and self.applied() != {}

    def listed_ids(self, facet=None, obj=None, *, for_search=False):
        """The matching articles' ids, newest first, from theme links or bylines alone
        (``editorial.listing``): when the conditions are one author or theme — the page's
        ``facet`` ``obj`` or the one chosen — or any of the chosen themes, and at most a kind and
        dates. ``None``: the list is read from the articles (another condition, a source, SQLite).
        ``for_search``: the list a search of it looks in (its words aside), as pairs of id and
        publication time."""
        applied = self.applied()
        if for_search:
            applied.pop("q", None)
        chosen = [(facet.name, [obj])] if facet is not None else []
        chosen += [("theme", list(applied.pop("theme")))] if "theme" in applied else []
        chosen += [(name, [applied.pop(name)]) for name in ("author", "source") if name in applied]
        if len(chosen) != 1 or set(applied) - {"kind", "date_from", "date_to"}:
            return None
        (name, objects), kind = chosen[0], applied.get("kind")
        since, before = publication_bounds(applied.get("date_from"), applied.get("date_to"))
        keys = [o.pk for o in objects]
        conditions = {"kind": kind, "since": since, "before": before, "using": self.queryset.db}
        return listing.listed_ids(name, keys, **conditions, **({"with_times": True} if for_search else {}))

    def applied(self):
        """The valid conditions given, which ``filter_queryset`` applies ({} when unbound)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()  # fills cleaned_data with the valid fields, reports the others
        return {name: value for name, value in self.form.cleaned_data.items() if value}
