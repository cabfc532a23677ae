"""The trash: deleting moves an article there, it vanishes from every public place, restores, only superusers empty it."""

import re

import feedparser
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from editorial.models import Article, TrashedArticle
from tests.factories import make_article, make_theme

pytestmark = pytest.mark.django_db

TRASH = reverse("admin:editorial_trashedarticle_changelist")
EMPTY = reverse("admin:editorial_trashedarticle_empty")


@pytest.fixture
def trashed(editor_client):
    article = make_article(title="Байконур после аренды", themes=[make_theme("космос")])
    url = article.get_absolute_url()
    response = editor_client.post(reverse("admin:editorial_article_delete", args=[article.pk]), {"post": "yes"})
    assert response.status_code == 302
    article.public_url = url
    return article


def test_delete_in_the_admin_asks_about_the_trash_not_a_final_delete(editor_client):
    article = make_article(title="Статья для корзины")
    page = editor_client.get(reverse("admin:editorial_article_delete", args=[article.pk])).content.decode()
    assert "Переместить статью «Статья для корзины» в корзину?" in page
    assert "связанные объекты" not in page


def test_deleted_article_goes_to_the_trash_with_who_and_when(editor_client, trashed, editor):
    assert not Article.objects.filter(pk=trashed.pk).exists()
    kept = TrashedArticle.objects.get(pk=trashed.pk)
    assert kept.deleted_by == editor and kept.deleted_at is not None
    assert [t.name for t in kept.themes.all()] == ["космос"]  # nothing of it is lost
    page = editor_client.get(TRASH).content.decode()
    assert "Байконур после аренды" in page and "redaktor" in page
    assert "Очистить корзину" not in page  # an editor cannot empty it
    themes = editor_client.get(reverse("admin:editorial_theme_changelist")).content.decode()
    assert re.search(r'<td class="field-article_count">0</td>', themes)  # the trash is not counted


def test_trashed_article_is_gone_from_every_public_place(client, trashed):
    assert client.get(trashed.public_url).status_code == 404
    assert "после аренды" not in client.get("/").content.decode()
    search = client.get("/search/", {"q": "Байконур"}).content.decode()
    assert "после аренды" not in search and trashed.public_url not in search
    assert trashed.public_url not in client.get("/sitemap.xml").content.decode()
    feed = feedparser.parse(client.get("/feeds/rss/").content)
    assert all("Байконур" not in entry.title for entry in feed.entries)
    assert client.get("/themes/kosmos/").status_code == 404  # its only article is gone
    assert not Article.all_objects.published().filter(pk=trashed.pk).exists()  # the one rule, even unfiltered


def test_restoring_from_the_trash_brings_the_article_back(client, editor_client, trashed):
    response = editor_client.post(TRASH, {"action": "restore_selected", "_selected_action": [trashed.pk]}, follow=True)
    assert "Восстановлено: 1 статья." in response.content.decode()
    assert client.get(trashed.public_url).status_code == 200
    assert not TrashedArticle.objects.exists()


def test_restored_article_gets_a_free_address_if_a_new_one_took_it(editor_client, trashed):
    newcomer = make_article(title="Байконур после аренды", published_at=trashed.published_at)
    assert newcomer.slug == trashed.slug  # the trash does not hold the address
    response = editor_client.post(TRASH, {"action": "restore_selected", "_selected_action": [trashed.pk]}, follow=True)
    restored = Article.objects.get(pk=trashed.pk)
    assert restored.slug == f"{trashed.slug}-2"
    assert "адрес занят другой статьёй" in response.content.decode()


def test_an_editor_cannot_empty_the_trash(editor_client, trashed):
    assert editor_client.get(EMPTY).status_code == 403
    assert editor_client.post(EMPTY, {"confirm": "yes"}).status_code == 403
    editor_client.post(TRASH, {"action": "purge_selected", "_selected_action": [trashed.pk], "confirm": "yes"})
    assert TrashedArticle.objects.filter(pk=trashed.pk).exists()


def test_a_superuser_empties_the_trash_after_confirming(client, trashed):
    alive = make_article(title="Живая статья")
    client.force_login(User.objects.create_superuser("glavred", password="x-Slozhnyi-2025"))
    assert "Очистить корзину" in client.get(TRASH).content.decode()
    confirm = client.get(EMPTY).content.decode()
    assert "Будет удалено навсегда" in confirm and "Байконур после аренды" in confirm
    assert TrashedArticle.objects.exists()  # asking is not doing
    response = client.post(EMPTY, {"confirm": "yes"}, follow=True)
    assert "Удалено навсегда: 1 статья." in response.content.decode()
    assert not Article.all_objects.filter(pk=trashed.pk).exists()
    assert Article.objects.filter(pk=alive.pk).exists()


def test_a_superuser_deletes_selected_for_good(client, trashed):
    client.force_login(User.objects.create_superuser("glavred", password="x-Slozhnyi-2025"))
    data = {"action": "purge_selected", "_selected_action": [trashed.pk]}
    assert "Да, удалить навсегда" in client.post(TRASH, data).content.decode()
    client.post(TRASH, data | {"confirm": "yes"})
    assert not Article.all_objects.filter(pk=trashed.pk).exists()


def test_bulk_action_moves_selected_to_the_trash(editor_client):
    first, second = make_article(), make_article()
    response = editor_client.post(
        reverse("admin:editorial_article_changelist"),
        {"action": "trash_selected", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "перемещено: 2 статьи" in response.content.decode()
    assert TrashedArticle.objects.count() == 2
