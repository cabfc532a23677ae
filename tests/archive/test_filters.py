"""The readers' filter and the facets, on querysets: boundaries, any-of themes, public-only choices."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from archive.facets import AUTHOR, SOURCE, THEME
from archive.filters import ArticleFilter
from editorial.models import Article
from tests.factories import make_article, make_author, make_source, make_theme

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=12, minute=0):
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def offered(name, params=None):
    """Names in the panel's drop-down for ``name`` (without the «all» entry)."""
    return [label for value, label in ArticleFilter(params).form.fields[name].widget.choices if value]


def found(params):
    f = ArticleFilter(params, queryset=Article.objects.published())
    return sorted(a.title for a in f.qs), f


@pytest.fixture
def days():
    """Articles on 9, 10 (first and last minute), 11 and 12 March 2026, local time."""
    return {
        "9": make_article(title="9 марта", published_at=at(2026, 3, 9, 23, 59)),
        "10a": make_article(title="10 марта утро", published_at=at(2026, 3, 10, 0, 0)),
        "10b": make_article(title="10 марта вечер", published_at=at(2026, 3, 10, 23, 59)),
        "11": make_article(title="11 марта", published_at=at(2026, 3, 11, 0, 1)),
        "12": make_article(title="12 марта", published_at=at(2026, 3, 12)),
    }


def test_date_range_includes_both_boundary_days_whole(days):
    titles, _ = found({"date_from": "2026-03-10", "date_to": "2026-03-11"})
    assert titles == ["10 марта вечер", "10 марта утро", "11 марта"]


def test_one_day_range(days):
    assert found({"date_from": "2026-03-10", "date_to": "2026-03-10"})[0] == ["10 марта вечер", "10 марта утро"]


def test_open_ranges(days):
    assert found({"date_from": "2026-03-11"})[0] == ["11 марта", "12 марта"]
    assert found({"date_to": "2026-03-09"})[0] == ["9 марта"]


def test_reversed_range_is_a_form_error_and_only_the_valid_start_filters(days):
    titles, f = found({"date_from": "2026-03-12", "date_to": "2026-03-10"})
    assert f.form.errors["date_to"] == ["Дата «по» раньше даты «с»."]
    assert titles == ["12 марта"] and f.is_filtered  # filtered, so counted as such (not the archive's total)


def test_several_themes_mean_any_of_them_without_duplicates():
    kz, space, eaeu = make_theme("Казахстан"), make_theme("космос"), make_theme("ЕАЭС")
    make_article(title="Оба", themes=[kz, space])
    make_article(title="Только космос", themes=[space])
    make_article(title="ЕАЭС", themes=[eaeu])
    titles, f = found({"theme": [kz.slug, space.slug]})
    assert titles == ["Оба", "Только космос"]
    assert f.is_filtered


def test_author_source_and_kind():
    serenko, contur = make_author("Андрей Серенко"), make_source("Contur.kz")
    make_article(title="Колонка", kind="opinion", authors=[serenko])
    make_article(title="Перепечатка", source=contur)
    make_article(title="Новость", kind="news")
    assert found({"author": serenko.slug})[0] == ["Колонка"]
    assert found({"source": contur.slug})[0] == ["Перепечатка"]
    assert found({"kind": "opinion"})[0] == ["Колонка"]
    assert found({"kind": "news", "author": serenko.slug})[0] == []


def test_unknown_values_are_reported_and_ignored():
    make_article(title="Одна")
    titles, f = found({"theme": "net-takoy", "kind": "roman", "date_from": "2026-13-45"})
    assert titles == ["Одна"]
    assert set(f.form.errors) == {"theme", "kind", "date_from"}
    assert not f.is_filtered


def test_no_parameters_is_not_filtered_and_an_empty_value_is_not_a_filter():
    make_article(title="Одна")
    assert not ArticleFilter(None, queryset=Article.objects.all()).is_filtered
    assert not found({"q": "", "kind": ""})[1].is_filtered
    assert found({"kind": "analysis"})[1].is_filtered


def test_filter_choices_and_facets_offer_only_what_has_public_articles():
    public_author, draft_author = make_author("Публичный Автор"), make_author("Автор Черновика")
    later_author = make_author("Автор Будущего")
    make_article(authors=[public_author])
    make_article(authors=[draft_author], published=False)
    make_article(authors=[later_author], ago=-timedelta(days=1))
    assert offered("author") == [public_author.name]
    assert list(AUTHOR.public()) == [public_author]
    for hidden in (draft_author, later_author):  # nor accepted from a hand-made link
        _, f = found({"author": hidden.slug})
        assert "author" in f.form.errors and not f.is_filtered


def test_facet_counts_are_public_articles_most_used_first_not_alphabetical():
    a_theme, ya_theme = make_theme("Азия"), make_theme("Япония")
    make_article(themes=[ya_theme])
    make_article(themes=[ya_theme])
    make_article(themes=[a_theme])
    make_article(themes=[a_theme], published=False)
    make_article(themes=[a_theme], ago=-timedelta(hours=2))
    assert [(t.name, t.article_count) for t in THEME.with_counts()] == [("Япония", 2), ("Азия", 1)]


def test_equal_counts_are_ordered_by_name():
    make_article(source=make_source("Бета"))
    make_article(source=make_source("Альфа"))
    assert [s.name for s in SOURCE.with_counts()] == ["Альфа", "Бета"]


def test_articles_of_a_facet():
    kz = make_theme("Казахстан")
    make_article(title="Про Казахстан", themes=[kz])
    make_article(title="Про другое")
    assert [a.title for a in THEME.articles_of(Article.objects.published(), kz)] == ["Про Казахстан"]
    assert THEME.get_public_or_404(kz.slug) == kz


def test_choices_are_in_alphabetical_order():
    make_article(authors=[make_author("Яков Петров")])
    make_article(authors=[make_author("Андрей Серенко")])
    assert offered("author") == ["Андрей Серенко", "Яков Петров"]


def test_the_panel_offers_the_most_used_and_whatever_was_chosen(monkeypatch):
    from archive import filters

    monkeypatch.setattr(filters, "OFFERED_CHOICES", 2)
    busy = [make_theme(f"Тема {n}") for n in range(3)]
    for theme, times in zip(busy, (3, 2, 1), strict=True):
        for _ in range(times):
            make_article(themes=[theme])
    assert offered("theme") == ["Тема 0", "Тема 1"]
    assert offered("theme", {"theme": [busy[2].slug]}) == ["Тема 0", "Тема 1", "Тема 2"]
    assert found({"theme": [busy[2].slug]})[1].is_filtered  # a less used one still works


def test_at_the_edge_of_the_offered_equally_used_ones_go_by_name(monkeypatch):
    from archive import filters

    monkeypatch.setattr(filters, "OFFERED_CHOICES", 2)
    themes = {name: make_theme(name) for name in ("Бета", "Вега", "Альфа", "Гамма")}
    for name in ("Бета", "Бета", "Вега", "Альфа", "Гамма"):
        make_article(themes=[themes[name]])
    assert offered("theme") == ["Альфа", "Бета"]
    chosen = [themes["Гамма"].slug, "nikakoy"]
    assert offered("theme", {"theme": chosen}) == ["Альфа", "Бета", "Гамма"]


def test_the_query_filters_by_words():
    make_article(title="Байконур: новый запуск")
    make_article(title="Выборы в Казахстане")
    titles, f = found({"q": "Байконура"})
    assert titles == ["Байконур: новый запуск"] and f.is_filtered


def test_control_characters_in_the_query_are_not_words_and_feeds_stay_valid(client):
    import feedparser

    make_article(title="Байконур: новый запуск")
    f = ArticleFilter({"q": "\x08Байконур\x1f"}, queryset=Article.objects.published())
    assert [a.title for a in f.qs] == ["Байконур: новый запуск"]
    response = client.get("/feeds/rss/?q=%08&q=%08")
    assert response.status_code == 200 and not feedparser.parse(response.content).bozo


def test_the_lists_are_alphabetical_by_name_not_by_address():
    """«Цой» before «Шамиль», though their addresses (tsoy-…, shamil-…) sort the other way."""
    make_article(authors=[make_author("Шамиль Султанов")])
    make_article(authors=[make_author("Цой Виктор")])
    assert offered("author") == ["Цой Виктор", "Шамиль Султанов"]


def test_only_the_single_choice_lists_start_with_an_all_entry():
    """Themes are checkboxes: none ticked is «all»; author and source are drop-downs with «all» on top."""
    make_article(authors=[make_author("Цой Виктор")], themes=[make_theme("Казахстан")], source=make_source("Бета"))
    fields = ArticleFilter(None).form.fields
    assert list(fields["theme"].widget.choices) == [("kazakhstan", "Казахстан")]
    assert list(fields["author"].widget.choices) == [("", "Все авторы"), ("tsoy-viktor", "Цой Виктор")]
    assert list(fields["source"].widget.choices) == [("", "Все источники"), ("beta", "Бета")]


def test_the_panel_reads_the_counts_of_its_three_lists_at_once(django_assert_num_queries):
    make_article(authors=[make_author()], themes=[make_theme()], source=make_source("Бета"))
    form = ArticleFilter(None).form
    # The counts (one query on PostgreSQL, one per facet on SQLite), then the names of each list.
    with django_assert_num_queries(1 + 3 if connection.vendor == "postgresql" else 3 + 3):
        for _ in range(2):
            for name in ("theme", "author", "source"):
                assert len(list(form.fields[name].widget.choices)) >= 1


def test_every_chosen_theme_is_offered_beyond_the_most_used(monkeypatch):
    """From a link with several themes (a QueryDict), and from a plain dict with one author."""
    from archive import filters

    monkeypatch.setattr(filters, "OFFERED_CHOICES", 1)
    themes = [make_theme(f"Тема {n}") for n in range(3)]
    authors = [make_author(f"Автор {n}") for n in range(2)]
    for n, theme in enumerate(themes):
        for _ in range(3 - n):
            make_article(themes=[theme], authors=[authors[min(n, 1)]])
    chosen = QueryDict(f"theme={themes[1].slug}&theme={themes[2].slug}")
    assert offered("theme", chosen) == ["Тема 0", "Тема 1", "Тема 2"]
    assert offered("author", {"author": authors[1].slug}) == ["Автор 0", "Автор 1"]


def test_a_line_break_pasted_from_word_separates_words():
    """Word's line break (a vertical tab) between two words of the query is a space, not nothing."""
    make_article(title="Байконур: новый запуск")
    make_article(title="Байконур")
    titles, f = found({"q": "Байконур\x0bзапуск"})
    assert f.form.cleaned_data["q"] == "Байконур запуск" and titles == ["Байконур: новый запуск"]


def test_a_theme_without_public_articles_is_named_in_the_error():
    make_article(title="Одна")
    hidden = make_theme("Черновая тема")
    make_article(themes=[hidden], published=False)
    titles, f = found({"theme": [hidden.slug]})
    assert f.form.errors["theme"] == [f"Выберите корректный вариант. {hidden.slug} нет среди допустимых значений."]
    assert titles == ["Одна"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bounded ranking is PostgreSQL's search")
def test_the_search_ranks_the_matches_of_the_other_filters(monkeypatch):
    """Only the newest matches are ranked: the other filters come first, or an older match of the chosen
    kind would be cut off by newer matches of another kind."""
    monkeypatch.setattr("editorial.querysets.SEARCH_CANDIDATES", 2)
    make_article(title="Байконур: анализ", kind="analysis", ago=timedelta(days=3))
    make_article(title="Байконур: новость", kind="news", ago=timedelta(days=2))
    make_article(title="Байконур: ещё новость", kind="news", ago=timedelta(days=1))
    assert found({"q": "Байконур", "kind": "analysis"})[0] == ["Байконур: анализ"]


def test_the_first_and_last_days_of_the_calendar_bound_nothing(days):
    """0001-01-01 and 9999-12-31 (a date picker's ends) list every article, with no error."""
    everything = sorted(a.title for a in days.values())
    for params in (
        {"date_from": "0001-01-01"},
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
    ):
        titles, f = found(params)
        assert titles == everything and not f.form.errors, params


def test_a_list_is_read_from_the_links_only_for_one_theme_or_author(monkeypatch):
    """Which links (``editorial.listing``) a list is read from, with which conditions; ``None``: from the articles."""
    from archive import filters

    monkeypatch.setattr(filters.listing, "listed_ids", lambda name, keys, **conditions: (name, keys, conditions))
    kz, space = make_theme("Казахстан"), make_theme("Космос")
    serenko, contur = make_author("Андрей Серенко"), make_source("Contur.kz")
    make_article(themes=[kz, space], authors=[serenko], source=contur)

    def listed(params, facet=None, obj=None):
        f = ArticleFilter(params, queryset=Article.objects.published())
        return f.listed_ids(facet, obj)

    def bounds(first_day, last_day):
        return filters.publication_bounds(first_day, last_day)

    everything = {"kind": None, "since": None, "before": None, "using": "default"}
    assert listed(None, THEME, kz) == ("theme", [kz.pk], everything)
    assert listed({"theme": [kz.slug, space.slug]}) == ("theme", [kz.pk, space.pk], everything)
    assert listed({"author": serenko.slug}) == ("author", [serenko.pk], everything)
    since, before = bounds(datetime(2026, 3, 10).date(), datetime(2026, 3, 11).date())
    dated = {"kind": "news", "since": since, "before": before, "using": "default"}
    params = {"author": serenko.slug, "kind": "news", "date_from": "2026-03-10", "date_to": "2026-03-11"}
    assert listed(params) == ("author", [serenko.pk], dated)
    assert listed({"kind": "news", "date_to": "2026-03-11"}, AUTHOR, serenko)[2]["before"] == before
    # Two conditions of the facets, a search, or none at all: read from the articles.
    assert listed({"theme": [kz.slug], "author": serenko.slug}) is None
    assert listed({"author": serenko.slug}, THEME, kz) is None
    assert listed({"source": contur.slug, "kind": "news"}) == ("source", [contur.pk], {**everything, "kind": "news"})
    assert listed({"theme": [kz.slug], "source": contur.slug}) is None
    assert listed({"author": serenko.slug, "q": "Байконур"}) is None
    assert listed(None) is None
    assert listed({"kind": "news"}) is None


def test_a_nul_in_a_chosen_value_is_no_choice_and_no_error():
    """PostgreSQL refuses a NUL in a query: the panel is offered as if nothing was chosen."""
    make_article(themes=[make_theme("Казахстан")], authors=[make_author("Цой Виктор")])
    assert offered("theme", {"theme": ["kazakh\x00stan"]}) == ["Казахстан"]
    assert offered("author", {"author": "tsoy\x00"}) == ["Цой Виктор"]


def test_the_most_used_are_offered_not_the_first_by_address(monkeypatch):
    """Whatever the slugs' order; and the cut-off count is the limit-th largest, not the limit-th smallest."""
    from archive import filters

    themes = {name: make_theme(name) for name in ("Яблоко", "Юг", "Альфа", "Бета")}
    for name, times in (("Яблоко", 4), ("Юг", 3), ("Альфа", 1), ("Бета", 1)):
        for _ in range(times):
            make_article(themes=[themes[name]])
    monkeypatch.setattr(filters, "OFFERED_CHOICES", 2)
    assert offered("theme") == ["Юг", "Яблоко"]
    monkeypatch.setattr(filters, "OFFERED_CHOICES", 3)
    assert offered("theme") == ["Альфа", "Юг", "Яблоко"]  # «Альфа» before «Бета» at the edge, by name
