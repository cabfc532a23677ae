"""The readers' filter: one FilterSet for list pages, search and filtered feeds."""

import django_filters
from django import forms
from django.http import QueryDict

from editorial.models import Article
from editorial.querysets import SEARCH_MAX_LENGTH

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
    """The request's filter parameters, capped (see ``PARAMETER_MAX_LENGTHS``); computed once."""
    params = getattr(request, "_capped_params", None)
    if params is None:
        params = QueryDict(mutable=True)
        for key, limit in PARAMETER_MAX_LENGTHS.items():
            values = request.GET.getlist(key)[:MAX_VALUES_PER_PARAMETER]
            if values:
                params.setlist(key, [value[: limit + 1] for value in values])
        params._mutable = False
        request._capped_params = params
    return params


class DateInput(forms.DateInput):
    input_type = "date"


def _public(facet):
    """Choices limited to what has public articles: a draft's author or theme is not shown."""

    def choices(request):
        return facet.public().order_by("name")

    return choices


class ArticleFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
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
        field_name="theme_links__tag__slug",
        to_field_name="slug",
        queryset=_public(THEME),
    )
    author = django_filters.ModelChoiceFilter(
        label="Автор",
        field_name="authors",
        to_field_name="slug",
        queryset=_public(AUTHOR),
        empty_label="Все авторы",
    )
    source = django_filters.ModelChoiceFilter(
        label="Источник",
        field_name="source",
        to_field_name="slug",
        queryset=_public(SOURCE),
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

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    @property
    def is_filtered(self):
        """Whether any valid filter value was given."""
        return self.is_bound and self.form.is_valid() and any(self.form.cleaned_data.get(f) for f in self.filters)
