"""The review workflow: contributors submit «На проверку», editors publish; every path to publication
follows the same rules (the bulk action included)."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from editorial.models import Article
from tests.editorial.test_admin import ADD_ARTICLE, article_form, when
from tests.factories import make_article
from tests.html import attrs

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:editorial_article_changelist")
CONTUR = Path(__file__).resolve().parent.parent / "data" / "003_e280fcfc0b207261.txt"


def change_url(article):
    return reverse("admin:editorial_article_change", args=[article.pk])


def test_bulk_publish_refuses_the_undated_contur_analysis_instead_of_dating_it_today(editor_client):
    call_command("import_articles", str(CONTUR), stdout=StringIO())
    contur = Article.objects.get()
    assert contur.published_at is None and contur.status == "draft"

    response = editor_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [contur.pk]}, follow=True
    )

    contur.refresh_from_db()
    assert contur.status == "draft" and contur.published_at is None
    page = response.content.decode()
    assert "Не опубликована «Всеобъемлющее стратегическое партнерство России и Казахстана»" in page
    assert "Укажите время публикации" in page
    assert not Article.objects.published().exists()


def test_bulk_publish_publishes_a_dated_draft_and_says_how_many(editor_client):
    drafts = [make_article(published=False, published_at=timezone.now() - timedelta(days=d)) for d in (1, 2, 3)]
    response = editor_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]}, follow=True
    )
    assert "Опубликовано 3 статьи." in response.content.decode()
    assert Article.objects.published().count() == 3


def test_publish_keeps_the_article_unchanged_when_refused():
    article = make_article(published=False)
    with pytest.raises(ValidationError):
        article.publish()
    assert (article.status, article.published_at) == ("draft", None)


def test_contributor_submits_for_review_but_cannot_publish_or_schedule(contributor_client):
    tomorrow = when(timezone.now() + timedelta(days=1))
    for status, moment in [("published", when(timezone.now())), ("published", tomorrow)]:
        response = contributor_client.post(ADD_ARTICLE, article_form(status=status, **moment))
        assert response.status_code == 200
        assert "Публиковать и планировать статьи могут только редакторы" in response.content.decode()
    assert not Article.objects.exists()

    response = contributor_client.post(ADD_ARTICLE, article_form(status="review", **tomorrow), follow=True)
    article = Article.objects.get()
    assert article.status == "review" and not article.is_public
    assert "отправлена на проверку" in response.content.decode()

    # The form offers only «Черновик» and «На проверке».
    form = contributor_client.get(change_url(article)).content
    assert attrs(form, "select#id_status option", "value") == ["draft", "review"]


def test_contributor_cannot_publish_through_the_bulk_action_or_change_a_published_article(contributor_client):
    draft = make_article(published=False, published_at=timezone.now() - timedelta(hours=1))
    public = make_article()

    listing = contributor_client.get(CHANGELIST).content.decode()
    assert "publish_selected" not in listing and "unpublish_selected" not in listing
    contributor_client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk]})
    contributor_client.post(CHANGELIST, {"action": "unpublish_selected", "_selected_action": [public.pk]})
    draft.refresh_from_db()
    public.refresh_from_db()
    assert draft.status == "draft" and public.is_public

    # A published article is read-only for them: the form cannot be posted.
    response = contributor_client.post(change_url(public), article_form(title="Переписано", status="draft"))
    assert response.status_code == 403
    public.refresh_from_db()
    assert public.title != "Переписано" and public.is_public


def test_editor_sees_what_awaits_review_and_publishes_it(editor_client):
    waiting = make_article(title="Ждёт проверки", published=False, status="review")
    make_article(title="Просто черновик", published=False)

    listing = editor_client.get(CHANGELIST).content.decode()
    assert "На проверке: " in listing and "1 статья" in listing
    assert "На проверке (1)" in listing
    filtered = editor_client.get(CHANGELIST, {"state": "review"}).content.decode()
    assert "Ждёт проверки" in filtered and "Просто черновик" not in filtered

    form = editor_client.get(change_url(waiting)).content
    assert attrs(form, "select#id_status option", "value") == ["draft", "review", "published"]
    data = article_form(title=waiting.title, status="published", **when(timezone.now() - timedelta(minutes=5)))
    editor_client.post(change_url(waiting), data)
    waiting.refresh_from_db()
    assert waiting.is_public


def test_create_editor_makes_a_contributor_on_request(monkeypatch):
    from django.contrib.auth.models import User

    monkeypatch.setenv("EDITOR_PASSWORD", "Slozhnyi-parol-2025")
    call_command("create_editor", "dana", "--contributor", stdout=StringIO())
    user = User.objects.get(username="dana")
    assert user.has_perm("editorial.add_article") and not user.has_perm("editorial.publish_article")
