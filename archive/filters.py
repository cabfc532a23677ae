"""The readers' filter: one FilterSet for list pages, search and filtered feeds."""

import django_filters
from django import forms

from editorial.models import Article
from editorial.querysets import SEARCH_MAX_LENGTH

from .facets import AUTHOR, SOURCE, THEME


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
        widget=forms.CheckboxSelectMultiple,  # searchable by site.js: no Ctrl-click in a scrolled <select>
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
