"""The readers' filter: one FilterSet for list pages, search and filtered feeds."""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import cached_property

from editorial import tallies
from editorial.models import Article
from editorial.querysets import SEARCH_MAX_LENGTH
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


class DateInput(forms.DateInput):
    input_type = "date"


OFFERED_CHOICES = 40  # per facet in the panel: a <select> of 400 authors helps nobody and costs 100 ms


FACET_FIELDS = (("theme", THEME), ("author", AUTHOR), ("source", SOURCE))


class OfferedChoices(BaseChoiceIterator):
    """The drop-down's choices, read from the counts only when the panel is rendered
    (feeds and list queries use the same form without ever showing it). A ``BaseChoiceIterator``:
    Django's widgets would otherwise iterate any other iterable as soon as it is assigned."""

    def __init__(self, form, name):
        self.form, self.name = form, name

    def __iter__(self):
        offered, chosen = self.form.public[self.name], self.form.chosen(self.name)
        top = sorted(offered[:OFFERED_CHOICES] + [o for o in offered[OFFERED_CHOICES:] if o.slug in chosen],
                     key=lambda o: o.name.casefold())  # fmt: skip
        if self.name != "theme":
            yield ("", self.form.fields[self.name].empty_label)
        yield from ((o.slug, o.name) for o in top)


class ArticleFilterForm(forms.Form):
    """The panel offers the most used themes, authors and sources (and whatever is chosen);
    any public one is accepted from a link, and all are listed on /themes/, /authors/, /sources/."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, _ in FACET_FIELDS:
            self.fields[name].widget.choices = OfferedChoices(self, name)

    @cached_property
    def public(self):
        """{field: those with public articles, most used first}: a draft's author is not offered.
        The counts of all three facets are read at once, when the first is needed."""
        counts = tallies.several_facet_counts([facet.name for _, facet in FACET_FIELDS])
        return {field: facet.offers(counts[facet.name]) for field, facet in FACET_FIELDS}

    def chosen(self, name):
        raw = self.data.getlist(name) if hasattr(self.data, "getlist") else self.data.get(name) or []
        return {raw} if isinstance(raw, str) else set(raw)

    def clean_q(self):
        """Control characters (a pasted \\x08) would break the feeds' XML: they are not words."""
        return strip_control_chars(self.cleaned_data.get("q") or "", " ").strip()

    def clean(self):
        cleaned = super().clean()
        for name, _ in FACET_FIELDS:
            chosen = cleaned.get(name)
            chosen = list(chosen) if name == "theme" and chosen is not None else [chosen] if chosen else []
            if not chosen:
                continue
            slugs = {o.slug for o in self.public[name]}
            hidden = [obj.slug for obj in chosen if obj.slug not in slugs]
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
    date_from = django_filters.DateFilter(
        label="С даты", field_name="published_at", lookup_expr="date__gte", widget=DateInput
    )
    date_to = django_filters.DateFilter(
        label="По дату", field_name="published_at", lookup_expr="date__lte", widget=DateInput
    )

    class Meta:
        model = Article
        form = ArticleFilterForm
        fields = ["q", "theme", "author", "source", "kind", "date_from", "date_to"]

    def filter_themes(self, queryset, name, value):
        return queryset.with_any_theme(value) if value else queryset  # none chosen: an empty queryset

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

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

    def applied(self):
        """The valid conditions given, which ``filter_queryset`` applies ({} when unbound)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()  # fills cleaned_data with the valid fields, reports the others
        return {name: value for name, value in self.form.cleaned_data.items() if value}
