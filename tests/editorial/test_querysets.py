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


def test_search_with_only_punctuation_finds_nothing():
    make_article()
    assert list(Article.objects.search("«»—!")) == []


# Web-search syntax, names, bounded ranking ------------------------------------


def test_a_quoted_phrase_needs_its_words_side_by_side_in_that_order():
    phrase = make_article(title="Стратегическое партнерство", body="Всеобъемлющее стратегическое партнерство двух стран.")
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
    by_source = make_article(title="Новости", body="Текст.", source=make_source("Contur.kz"))
    by_author = make_article(title="Колонка", body="Текст.", authors=[make_author("Андрей Серенко")])
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
    old_title_match = make_article(title="Байконур", body="Текст.", ago=timedelta(days=30))
    newer = [make_article(title="Новости", body=f"Запуск с Байконура {i}.", ago=timedelta(days=i)) for i in range(2)]
    found = list(Article.objects.published().search("Байконур"))
    assert set(found) == set(newer) and old_title_match not in found
