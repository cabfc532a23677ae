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
    counts = [(timezone.localtime(m).strftime("%Y-%m"), n) for m, n in Article.objects.published().month_counts()]
    assert counts == [("2026-02", 1), ("2026-01", 2)]
