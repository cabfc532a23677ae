"""Stable addresses: every URL a public article has had answers 301 to the current one."""

from datetime import timedelta

import feedparser
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from editorial.models import Article, OldArticlePath
from tests.editorial.test_admin import article_form, when
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_a_date_change_leaves_a_301_from_the_old_address(client):
    article = make_article(title="Итоги саммита", ago=timedelta(days=3))
    old = article.get_absolute_url()
    article.published_at -= timedelta(days=2)
    article.save()
    new = article.get_absolute_url()
    assert new != old

    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new
    assert client.get(new).status_code == 200


def test_every_former_address_leads_to_the_current_one_in_one_step(client):
    article = make_article(title="Первое название", ago=timedelta(days=5))
    first = article.get_absolute_url()
    article.slug = "vtoroe-nazvanie"
    article.save()
    second = article.get_absolute_url()
    article.published_at -= timedelta(days=1)
    article.save()
    current = article.get_absolute_url()

    for old in (first, second):
        response = client.get(old + "?utm_source=x")
        assert response.status_code == 301 and response["Location"] == current + "?utm_source=x"


def test_going_back_to_a_former_address_makes_it_live_again(client):
    article = make_article(title="Туда и обратно")
    original_slug, original = article.slug, article.get_absolute_url()
    article.slug = "drugoy-adres"
    article.save()
    article.slug = original_slug
    article.save()
    assert not OldArticlePath.objects.filter(path=original).exists()
    assert client.get(original).status_code == 200
    assert client.get("/" + "/".join(original.strip("/").split("/")[:3]) + "/drugoy-adres/").status_code == 301


def test_drafts_and_unpublished_articles_leave_no_redirect_to_follow(client):
    draft = make_article(published=False, published_at=timezone.now() - timedelta(days=1), slug="chernovik")
    draft.slug = "chernovik-2"
    draft.save()
    assert not OldArticlePath.objects.exists()  # never public: nobody has its address

    article = make_article(title="Снятая статья")
    old = article.get_absolute_url()
    article.slug = "snyataya-2"
    article.save()
    Article.objects.filter(pk=article.pk).update(status="draft")
    assert client.get(old).status_code == 404


def test_unknown_addresses_are_still_404(client):
    assert client.get("/2025/01/01/nichego-net/").status_code == 404


def test_the_feed_item_id_survives_the_address_change(client):
    article = make_article(title="Статья для ленты", ago=timedelta(days=2))
    before = feedparser.parse(client.get(reverse("archive:feed_atom")).content).entries[0]
    article.published_at -= timedelta(days=1)
    article.slug = "novyy-adres"
    article.save()
    cache.clear()
    after = feedparser.parse(client.get(reverse("archive:feed_atom")).content).entries[0]
    assert after.id == before.id
    assert after.link.endswith(article.get_absolute_url()) and after.link != before.link


def test_the_admin_asks_before_changing_a_public_address_then_redirects(editor_client, client):
    article = make_article(title="Россия и Казахстан", ago=timedelta(days=3))
    old = article.get_absolute_url()
    url = reverse("admin:editorial_article_change", args=[article.pk])
    moved = when(article.published_at - timedelta(days=1))
    data = article_form(title=article.title, slug=article.slug, status="published", **moved)

    response = editor_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Адрес опубликованной статьи изменится" in page and old in page
    assert 'name="confirm_address_change"' in page
    article.refresh_from_db()
    assert article.get_absolute_url() == old  # nothing saved yet

    response = editor_client.post(url, data | {"confirm_address_change": "on"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.get_absolute_url() != old
    assert client.get(old)["Location"] == article.get_absolute_url()
    form = editor_client.get(url).content.decode()
    assert "Прежние адреса (перенаправляют сюда)" in form and f"<code>{old}</code>" in form


def test_the_admin_does_not_ask_when_the_address_stays(editor_client):
    article = make_article(title="Без смены адреса")
    url = reverse("admin:editorial_article_change", args=[article.pk])
    data = article_form(title="Новый заголовок", slug=article.slug, status="published", **when(article.published_at))
    assert editor_client.post(url, data).status_code == 302
    assert not OldArticlePath.objects.exists()
