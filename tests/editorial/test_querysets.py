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
