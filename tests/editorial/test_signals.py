"""The ``content_changed`` announcement that public caches listen to."""

from datetime import timedelta

import pytest
from django.utils import timezone

from editorial.models import Article, Author, Theme
from editorial.signals import content_changed


@pytest.fixture
def heard():
    models = []

    def listener(sender, model, instance, **kwargs):
        models.append(model)

    content_changed.connect(listener)
    yield models
    content_changed.disconnect(listener)


@pytest.mark.django_db
def test_saving_deleting_and_retheming_an_article_is_announced_after_commit(heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = Article.objects.create(title="Байконур", body="Текст.")
        assert heard == []  # not before the commit
    assert Article in heard
    with django_capture_on_commit_callbacks(execute=True):
        article.themes.add("космос")
    assert Theme in heard
    heard.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert Article in heard


@pytest.mark.django_db
def test_an_author_edit_is_announced(heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Author.objects.create(name="Андрей Серенко")
    assert heard == [Author]


@pytest.mark.django_db
def test_next_publication_time_is_the_earliest_scheduled_one():
    assert Article.objects.next_publication_time() is None
    soon = timezone.now() + timedelta(hours=1)
    Article.objects.create(title="A", body="x", status="published", published_at=soon + timedelta(hours=1))
    Article.objects.create(title="B", body="y", status="published", published_at=soon)
    Article.objects.create(title="C", body="z", status="published", published_at=timezone.now() - timedelta(days=1))
    assert Article.objects.next_publication_time() == soon
