"""The ``content_changed`` announcement that public caches listen to."""

from datetime import timedelta

import pytest
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone

from editorial.models import Article, Author, Disclaimer, Source, Theme
from editorial.signals import connect_content_signals, content_changed


@pytest.fixture
def heard():
    models = []

    def listener(sender, model, instance, **kwargs):
        models.append(model)

    content_changed.connect(listener)
    yield models
    content_changed.disconnect(listener)


@pytest.fixture
def announcements():
    """(sender, model, instance) of every announcement."""
    sent = []

    def listener(sender, model, instance, **kwargs):
        sent.append((sender, model, instance))

    content_changed.connect(listener)
    yield sent
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


@pytest.mark.django_db
def test_an_announcement_names_the_model_and_the_instance_so_a_listener_may_pick_one_model(
    announcements, django_capture_on_commit_callbacks
):
    articles_only = []

    def article_listener(instance, **kwargs):
        articles_only.append(instance)

    content_changed.connect(article_listener, sender=Article)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            source = Source.objects.create(name="Contur.kz")
            article = Article.objects.create(title="Байконур", body="Текст.")
    finally:
        content_changed.disconnect(article_listener, sender=Article)
    assert announcements == [(Source, Source, source), (Article, Article, article)]
    assert articles_only == [article]


@pytest.mark.django_db
def test_each_change_is_announced_once_even_if_the_app_connects_again(heard, django_capture_on_commit_callbacks):
    connect_content_signals()  # ready() may run twice (tests, management commands): no second announcement
    with django_capture_on_commit_callbacks(execute=True):
        author = Author.objects.create(name="Андрей Серенко")
    with django_capture_on_commit_callbacks(execute=True):
        author.delete()
    with django_capture_on_commit_callbacks(execute=True):
        Disclaimer.objects.create(title="Ещё одна", text="Оговорка.")
    assert heard == [Author, Author, Disclaimer]


@pytest.mark.django_db
def test_loading_a_fixture_announces_nothing(heard, tmp_path, django_capture_on_commit_callbacks):
    """Rows loaded raw (a fixture, demo data) are not announced one by one: hubs would be pinged mid-load."""
    fixture = tmp_path / "authors.json"
    fixture.write_text(serializers.serialize("json", [Author(pk=7, name="Андрей Серенко", slug="andrey-serenko")]))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", str(fixture), verbosity=0)
    assert heard == [] and Author.objects.get(pk=7).name == "Андрей Серенко"
