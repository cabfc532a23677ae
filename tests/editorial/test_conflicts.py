"""Two editors on one article: a save based on a stale version is refused with the difference;
history records only real changes."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from editorial.models import Article
from tests.editorial.test_admin import article_form, when
from tests.factories import make_article, make_author, make_theme

pytestmark = pytest.mark.django_db


def version_in(page):
    return re.search(r'name="version" value="([^"]*)"', page).group(1)


def form_of(article, **changes):
    data = article_form(
        title=article.title, slug=article.slug, lead=article.lead, body=article.body,
        status=article.status, **(when(article.published_at) if article.published_at else {}),
    )  # fmt: skip
    return data | changes


@pytest.fixture
def second_editor(db):
    user = User.objects.create_user("vtoroy", password="Slozhnyi-parol-2025", is_staff=True)
    user.groups.add(Group.objects.get(name="Редакторы"))
    client = Client()
    client.force_login(user)
    return client


def test_a_stale_save_is_refused_with_the_difference_and_either_version_can_be_kept(editor_client, second_editor):
    article = make_article(title="Итоги года", body="Общий абзац.\n\nСтарый вывод.")
    url = reverse("admin:editorial_article_change", args=[article.pk])
    first_seen = version_in(editor_client.get(url).content.decode())
    second_seen = version_in(second_editor.get(url).content.decode())
    assert first_seen == second_seen

    # The second editor saves first.
    theirs = form_of(article, body="Общий абзац.\n\nВывод коллеги.", version=second_seen)
    assert second_editor.post(url, theirs).status_code == 302

    # The first editor's save, based on the old version, is refused: nothing is overwritten.
    mine = form_of(article, body="Общий абзац.\n\nМой вывод.", version=first_seen)
    response = editor_client.post(url, mine)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Статью уже изменили после того, как вы открыли её" in page
    assert "<del>Вывод коллеги.</del>" in page and "<ins>Мой вывод.</ins>" in page
    assert "vtoroy" in page  # who saved the newer version
    assert "Мой вывод." in page  # the editor's text is still in the form
    article.refresh_from_db()
    assert "Вывод коллеги." in article.body

    # «Оставить мою версию»: the form now carries the newer version, so saving again is deliberate.
    assert version_in(page) != first_seen
    response = editor_client.post(url, mine | {"version": version_in(page), "_continue": "1"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert "Мой вывод." in article.body


def test_a_bulk_action_in_between_also_makes_the_form_stale(editor_client):
    article = make_article(title="Снимут с публикации")
    url = reverse("admin:editorial_article_change", args=[article.pk])
    seen = version_in(editor_client.get(url).content.decode())
    editor_client.post(
        reverse("admin:editorial_article_changelist"),
        {"action": "unpublish_selected", "_selected_action": [article.pk]},
    )
    response = editor_client.post(url, form_of(article, title="Новый заголовок", version=seen))
    assert response.status_code == 200 and "Статью уже изменили" in response.content.decode()
    assert Article.objects.get().title == "Снимут с публикации"


def test_the_same_version_saves_normally(editor_client):
    article = make_article(title="Обычная правка")
    url = reverse("admin:editorial_article_change", args=[article.pk])
    seen = version_in(editor_client.get(url).content.decode())
    assert editor_client.post(url, form_of(article, title="Поправленный", version=seen)).status_code == 302
    assert Article.objects.get().title == "Поправленный"


def test_saving_without_changes_leaves_no_history_entry_and_a_real_change_does(editor_client):
    article = make_article(authors=[make_author()], themes=[make_theme()])
    byline = article.bylines.get()
    url = reverse("admin:editorial_article_change", args=[article.pk])
    data = form_of(
        article, body=article.body.replace("</p><p>", "</p>\r\n\r\n<p>"), themes=[t.pk for t in article.themes.all()]
    )
    data |= {
        "bylines-TOTAL_FORMS": "1", "bylines-INITIAL_FORMS": "1", "bylines-0-id": byline.pk,
        "bylines-0-article": article.pk, "bylines-0-author": byline.author_id,
        "bylines-0-position": byline.position, "bylines-0-order": "0",
    }  # fmt: skip
    assert editor_client.post(url, data).status_code == 302
    assert [entry.get_change_message() for entry in LogEntry.objects.all()] == []

    assert editor_client.post(url, data | {"lead": "Новый лид."}).status_code == 302
    assert [entry.get_change_message() for entry in LogEntry.objects.all()] == ["Изменено Лид."]
