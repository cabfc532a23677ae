"""What is public, and full-text search with Russian word forms."""

from datetime import timedelta

import pytest

from editorial.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_scheduled():
    public = make_article(title="Опубликована")
    make_article(title="Черновик", published=False)
    make_article(title="Запланирована", ago=-timedelta(days=1))
    assert list(Article.objects.published()) == [public]


def test_a_dated_draft_or_a_trashed_article_is_not_public_nor_scheduled():
    from django.utils import timezone

    make_article(
        title="Датированный черновик", published=False, status="draft", published_at=timezone.now() - timedelta(days=1)
    )
    make_article(title="В корзине", deleted_at=timezone.now())
    make_article(
        title="Черновик на завтра", published=False, status="draft", published_at=timezone.now() + timedelta(days=1)
    )
    assert list(Article.objects.published()) == []
    assert list(Article.all_objects.published()) == []  # the rule holds without the manager that hides the trash
    assert Article.objects.next_publication_time() is None


def test_scheduled_article_becomes_public_when_its_time_comes(settings):
    article = make_article(ago=-timedelta(minutes=5))
    assert not Article.objects.published().filter(pk=article.pk).exists()
    Article.objects.filter(pk=article.pk).update(published_at=article.published_at - timedelta(minutes=10))
    assert Article.objects.published().filter(pk=article.pk).exists()


@pytest.mark.parametrize("query", ["Казахстана", "Казахстане", "казахстан", "КАЗАХСТАНОМ"])
def test_search_finds_other_forms_of_a_word(query):
    found = make_article(title="Россия и Казахстан", body="Декларация о партнерстве.")
    make_article(title="Про космос", body="Байконур и запуски.")
    assert list(Article.objects.published().search(query)) == [found]


def test_search_requires_every_word():
    both = make_article(title="Россия и Казахстан", body="Энергетика и АЭС.")
    make_article(title="Казахстан", body="Космос.")
    assert list(Article.objects.search("Казахстана энергетики")) == [both]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Россия — Казахстан", ["Россия и Казахстан"]),  # a dash between words is not the end of the query
        ("Казахстан -Байконур -нефть", ["Россия и Казахстан"]),  # every minus word excludes
        ("Казахстан,Россия", ["Россия и Казахстан"]),  # two words, not a phrase
        ("Казахстан и Россия", ["Россия и Казахстан"]),  # «и» is a stop word, not a required prefix
        (
            '"Казахстана"',
            ["Россия и Казахстан", "Казахстан и космос", "Казахстан и нефть"],
        ),  # a one-word phrase: any form
        ("поставки", ["Газ для соседей"]),  # «поставок»: the stem's last letter dropped
        ("12345678", ["Закон номер 12345678"]),  # numbers are whole, not stems
    ],
)
def test_search_syntax_and_word_forms(query, expected):
    make_article(title="Россия и Казахстан", body="Партнерство.")
    make_article(title="Казахстан и космос", body="Байконур и запуски.")
    make_article(title="Казахстан и нефть", body="Нефть и газ.")
    make_article(title="Газ для соседей", body="Объём поставок в Россию вырос.")
    make_article(title="Закон номер 12345678", body="Текст закона.")
    make_article(title="Закон номер 12345679", body="Другой закон.")
    assert sorted(a.title for a in Article.objects.search(query)) == sorted(expected)


def test_search_with_only_punctuation_finds_nothing():
    make_article()
    assert list(Article.objects.search("«»—!")) == []


# Web-search syntax, names, bounded ranking ------------------------------------


def test_a_quoted_phrase_needs_its_words_side_by_side_in_that_order():
    phrase = make_article(
        title="Стратегическое партнерство", body="Всеобъемлющее стратегическое партнерство двух стран."
    )
    make_article(title="Партнерство", body="Партнерство, но не стратегическое.")
    assert list(Article.objects.search('"стратегическое партнерство"')) == [phrase]
    assert set(Article.objects.search("стратегическое партнерство")) == set(Article.objects.all())


def test_a_minus_word_excludes_articles_with_it():
    kept = make_article(title="Казахстан и энергетика", body="Нефть.")
    make_article(title="Казахстан и космос", body="Байконур.")
    assert list(Article.objects.search("Казахстан -Байконур")) == [kept]
    assert list(Article.objects.search("-Байконур")) == []  # nothing but exclusions: no results


def test_names_of_themes_authors_and_sources_are_searchable():
    from tests.factories import make_author, make_source, make_theme

    tagged = make_article(title="Про союз", body="Текст без названия союза.", themes=[make_theme("ЕАЭС")])
    by_source = make_article(title="Новости", body="Текст новостей.", source=make_source("Contur.kz"))
    by_author = make_article(title="Колонка", body="Текст колонки.", authors=[make_author("Андрей Серенко")])
    make_article(title="Другое", body="Ничего общего.")
    assert list(Article.objects.search("ЕАЭС")) == [tagged]
    assert list(Article.objects.search("Contur")) == [by_source]
    assert list(Article.objects.search("Contur.kz")) == [by_source]
    assert list(Article.objects.search("Серенко")) == [by_author]


def test_a_renamed_theme_is_found_by_its_new_name():
    from tests.factories import make_theme

    theme = make_theme("Союз")
    article = make_article(title="Статья", body="Текст.", themes=[theme])
    theme.name = "Евразийский союз"
    theme.save()
    assert list(Article.objects.search("Евразийский")) == [article]


def test_only_the_newest_matches_are_ranked(monkeypatch):
    from django.db import connection

    from editorial import querysets

    if connection.vendor != "postgresql":
        pytest.skip("ranking is PostgreSQL's")
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 2)
    newer = [make_article(title="Новости", body=f"Запуск с Байконура {i}.", ago=timedelta(days=i)) for i in range(2)]
    old_title_match = make_article(title="Байконур", body="Текст.", ago=timedelta(days=30))  # entered last
    found = list(Article.objects.published().search("Байконур"))
    assert set(found) == set(newer) and old_title_match not in found


def test_the_newest_matches_are_found_however_far_back_they_are(monkeypatch):
    from django.db import connection

    from editorial import querysets

    if connection.vendor != "postgresql":
        pytest.skip("ranking is PostgreSQL's")
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 2)
    recent, two_years, _older = (
        make_article(title=f"Байконур {n}", ago=timedelta(days=days)) for n, days in enumerate((10, 730, 2190))
    )
    assert set(Article.objects.published().search("Байконур")) == {recent, two_years}


def test_search_ranks_title_matches_first_then_the_newest():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("ranking is PostgreSQL's")
    newer_body_match = make_article(title="Новости", body="Запуск с Байконура.", ago=timedelta(days=1))
    older_body_match = make_article(title="Хроника", body="Пуск с Байконура.", ago=timedelta(days=2))
    old_title_match = make_article(title="Байконур", body="Текст.", ago=timedelta(days=30))
    assert list(Article.objects.search("Байконур")) == [old_title_match, newer_body_match, older_body_match]
    # entered in the other order, the same day each: still the newest first among equals
    earlier = make_article(title="Сводка", body="Космодром Плесецк.", ago=timedelta(days=5))
    later = make_article(title="Обзор", body="Вновь космодром Плесецк.", ago=timedelta(days=6))
    assert list(Article.objects.search("Плесецк")) == [earlier, later]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("партнеры", "Стратегическое партнерство двух стран."),
        ("Москвы", "Переговоры прошли в Москве."),  # a six-letter form
        ("Королёва", "Испытания прошли в Королеве."),  # ё in the query, е in the text
        ("Королева", "Испытания прошли в Королёве."),  # е in the query, ё in the text
    ],
)
def test_search_word_forms_and_yo(query, text):
    found = make_article(title="Статья", body=text)
    make_article(title="Другая", body="Совсем о другом: погода и урожай.")
    assert list(Article.objects.published().search(query)) == [found]


def test_search_finds_only_public_articles_when_asked_to():
    public = make_article(title="Байконур сегодня")
    make_article(title="Байконур завтра", ago=-timedelta(days=1))
    make_article(title="Байконур черновик", published=False)
    assert list(Article.objects.published().search("Байконур")) == [public]


def test_related_articles_share_most_themes_first_and_never_the_article_itself():
    from tests.factories import make_theme

    a, b, c = make_theme("Россия"), make_theme("Казахстан"), make_theme("ЕАЭС")
    article = make_article(title="Исходная", themes=[a, b, c])
    one_shared_newer = make_article(title="Одна общая", themes=[a], ago=timedelta(minutes=1))
    three_shared_older = make_article(title="Три общих", themes=[a, b, c], ago=timedelta(days=3))
    two_shared = make_article(title="Две общих", themes=[a, b], ago=timedelta(days=2))
    make_article(title="Без общих", themes=[make_theme("Погода")])
    make_article(title="Черновик", themes=[a, b, c], published=False)
    related = list(Article.objects.published().related_to(article))
    assert related == [three_shared_older, two_shared, one_shared_newer]
    assert list(Article.objects.published().related_to(article, limit=1)) == [three_shared_older]


def test_related_are_those_sharing_most_themes_even_among_many_nearer_ones():
    from tests.factories import make_theme

    a, b = make_theme("Россия"), make_theme("Казахстан")
    make_article(title="Без общих, раньше", themes=[make_theme("Погода")], ago=timedelta(days=40))
    article = make_article(title="Исходная", themes=[a, b], ago=timedelta(days=30))
    one_shared = [make_article(title=f"Одна общая {i}", themes=[a], ago=timedelta(days=20 - i)) for i in range(6)]
    two_shared = make_article(title="Две общих", themes=[a, b], ago=timedelta(days=25))  # added after the six
    related = Article.objects.published().related_to
    assert related(article, limit=1) == [two_shared]
    assert related(article) == [two_shared, *reversed(one_shared[-3:])]  # four by default, newest first among equals
    assert related(article, limit=10) == [two_shared, *reversed(one_shared)]  # never one sharing no theme


def test_among_equally_related_ones_the_newest_near_the_article_is_shown():
    from tests.factories import make_theme

    theme = make_theme("Россия")
    earlier = [make_article(title=f"Раньше {i}", themes=[theme], ago=timedelta(days=20 - i)) for i in range(6)]
    article = make_article(title="Исходная", themes=[theme])
    assert Article.objects.published().related_to(article, limit=1) == [earlier[-1]]


def test_an_article_without_themes_has_no_related_ones():
    make_article(themes=["Россия"])
    assert list(Article.objects.published().related_to(make_article())) == []


def test_bylines_come_in_the_editors_order_not_the_order_of_creation():
    from editorial.models import ArticleAuthor
    from tests.factories import make_author

    article = make_article()
    second, first = make_author("Второй Автор"), make_author("Первый Автор")
    ArticleAuthor.objects.create(article=article, author=second, order=2)
    ArticleAuthor.objects.create(article=article, author=first, order=1)
    listed = Article.objects.with_related().get(pk=article.pk)
    assert [b.author.name for b in listed.ordered_bylines] == ["Первый Автор", "Второй Автор"]
    assert [b.author.name for b in article.ordered_bylines] == ["Первый Автор", "Второй Автор"]


def test_month_counts_newest_first_in_the_newsrooms_time_zone():
    from datetime import UTC, datetime

    from django.utils import timezone

    # 31 January 22:30 UTC is already 1 February in Moscow.
    make_article(published_at=datetime(2026, 1, 31, 22, 30, tzinfo=UTC))
    make_article(published_at=datetime(2026, 1, 15, 12, 0, tzinfo=UTC))
    make_article(published_at=datetime(2026, 1, 16, 12, 0, tzinfo=UTC))
    from editorial import tallies

    assert tallies.month_counts() == {202602: 1, 202601: 2}
    assert timezone.localtime(tallies.key_month(202602)).strftime("%Y-%m-%d %H:%M") == "2026-02-01 00:00"


def test_a_search_of_the_whole_archive_is_not_restricted_to_the_ids_of_a_list():
    """Only a list narrower than the public archive (another filter) hands its ids to the search."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the ranked search is PostgreSQL's (SQLite's parameters are text, not times)")
    make_article(title="Новость", kind="news")
    assert Article.objects.published()._narrower_than_archive() is None
    assert Article.objects.published().filter(kind="news")._narrower_than_archive() is not None
