"""The rules the database enforces on articles: one per day and slug, per text, per original URL."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from editorial.models import Article, Author
from tests.editorial.test_admin import ADD_ARTICLE, article_form, when
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def refused(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_publication_day_is_the_day_in_the_newsrooms_time_zone():
    # 22:30 UTC on 1 March is 01:30 on 2 March in Moscow: the URL says 2 March.
    article = make_article(published_at=datetime(2025, 3, 1, 22, 30, tzinfo=UTC))
    assert article.publication_day.isoformat() == "2025-03-02"
    assert "/2025/03/02/" in article.get_absolute_url()


def noon_yesterday():
    """Midday of yesterday, Moscow time: minutes later are the same day at any hour the tests run."""
    day = timezone.localdate() - timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=12))


def test_the_database_refuses_a_second_article_with_the_same_day_and_slug():
    first = make_article(title="Итоги года", published_at=noon_yesterday())
    second = make_article(title="Другое", published_at=first.published_at + timedelta(minutes=1))
    refused(lambda: Article.objects.filter(pk=second.pk).update(slug=first.slug))
    # Another day, or no date at all, is fine.
    Article.objects.filter(pk=second.pk).update(
        slug=first.slug, publication_day=first.publication_day - timedelta(days=1)
    )


def test_the_database_refuses_the_same_text_and_the_same_original_url_twice():
    make_article(body="Один и тот же текст.", source_url="https://contur.kz/a/1")
    refused(lambda: make_article(body="Один  и тот же ТЕКСТ.", published=False))
    refused(lambda: make_article(source_url="https://contur.kz/a/1", published=False))
    # Empty texts and empty URLs are not duplicates of each other.
    Article.objects.create(title="Пустая 1")
    Article.objects.create(title="Пустая 2")
    assert Article.objects.filter(source_url="").count() == 2


def test_a_lead_only_article_has_a_fingerprint_from_its_lead():
    article = Article.objects.create(title="Заметка", lead="Только лид, без текста.")
    assert article.content_hash
    refused(lambda: Article.objects.create(title="Заметка 2", lead="Только лид,\x01 без текста."))


def test_save_resolves_a_same_day_slug_taken_by_a_concurrent_save(monkeypatch):
    """Between save()'s own check and its insert another save took the slug: the
    database refuses, save() picks the next free one instead of failing."""
    existing = make_article(title="Итоги года")
    original = Article._ensure_slug
    calls = []

    def late_check(self):  # the first check runs «before» the other article existed
        calls.append(1)
        if len(calls) > 1:
            original(self)

    monkeypatch.setattr(Article, "_ensure_slug", late_check)
    article = Article(title="Итоги года", slug=existing.slug, body="Другой текст.", published_at=existing.published_at)
    article.save()
    assert article.slug == existing.slug + "-2" and len(calls) == 2


def test_publish_resolves_a_same_day_slug_clash():
    existing = make_article(title="Итоги года", published_at=noon_yesterday())
    draft = make_article(title="Итоги года", published=False, body="Иной текст.")
    draft.publish(when=existing.published_at + timedelta(minutes=5))
    assert draft.slug == existing.slug + "-2"


def form_errors(response):
    return response.context["adminform"].form.errors


def test_admin_shows_a_duplicate_text_on_the_body_field(editor_client):
    make_article(body="Первый абзац «с кавычками».\n\nВторой абзац.")
    response = editor_client.post(ADD_ARTICLE, article_form())
    assert response.status_code == 200
    assert form_errors(response)["body"] == ["Статья с таким же текстом уже есть в архиве."]


def test_admin_shows_a_duplicate_original_url_on_its_field(editor_client):
    make_article(source_url="https://contur.kz/a/1")
    response = editor_client.post(ADD_ARTICLE, article_form(source_url="https://contur.kz/a/1"))
    assert response.status_code == 200
    assert form_errors(response)["source_url"] == ["Статья с этой ссылкой на оригинал уже есть в архиве."]


def test_admin_save_that_loses_a_race_shows_the_field_error_not_a_500(editor_client, monkeypatch):
    """The form's checks pass, then the insert is refused (another save got there first):
    the admin checks the form again and shows the message."""
    make_article(body="Первый абзац «с кавычками».\n\nВторой абзац.")
    original = Article.validate_constraints
    calls = []

    def blind_first_time(self, exclude=None):
        calls.append(1)
        if len(calls) > 1:
            original(self, exclude)

    monkeypatch.setattr(Article, "validate_constraints", blind_first_time)
    response = editor_client.post(ADD_ARTICLE, article_form(**when(timezone.now())))
    assert response.status_code == 200
    assert form_errors(response)["body"] == ["Статья с таким же текстом уже есть в архиве."]
    assert Article.objects.count() == 1


def test_admin_author_with_a_taken_slug_is_a_form_error(editor_client):
    Author.objects.create(name="Андрей Серенко", slug="serenko")
    response = editor_client.post(
        reverse("admin:editorial_author_add"), {"name": "Другой", "slug": "serenko", "position": "", "bio": ""}
    )
    assert response.status_code == 200 and "slug" in response.context["adminform"].form.errors
