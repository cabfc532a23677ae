"""Previews: the public article page for drafts and scheduled articles, never cached, never indexed;
signed links for outside reviewers that expire."""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from editorial import preview
from tests.factories import make_article, make_author, make_theme

pytestmark = pytest.mark.django_db


def assert_private_noindex(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex' in response.content.decode()


def shared_link(editor_client, article):
    page = editor_client.get(reverse("admin:editorial_article_change", args=[article.pk])).content.decode()
    return re.search(r'id="preview-link" type="text" readonly value="http://testserver([^"]+)"', page).group(1)


def test_editor_previews_a_draft_with_the_public_template(editor_client):
    author, theme = make_author(name="Андрей Серенко", position="политолог"), make_theme(name="ЕАЭС")
    draft = make_article(
        title="Черновик о союзе", body="Первый абзац черновика.", published=False, authors=[author], themes=[theme]
    )
    anonymous = Client().get(reverse("archive:preview", args=[draft.pk]))
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]

    response = editor_client.get(reverse("archive:preview", args=[draft.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "archive/article_detail.html" in [t.name for t in response.templates]
    assert "<h1>Черновик о союзе</h1>" in page and "<p>Первый абзац черновика.</p>" in page
    assert "Андрей Серенко" in page and "ЕАЭС" in page
    assert "Предпросмотр — черновик: читатели эту страницу не видят" in page
    assert_private_noindex(response)


def test_a_scheduled_article_preview_says_when_it_will_appear(editor_client):
    moment = timezone.now() + timedelta(days=2)
    scheduled = make_article(title="Выйдет послезавтра", ago=-timedelta(days=2), published_at=moment)
    page = editor_client.get(reverse("archive:preview", args=[scheduled.pk])).content.decode()
    assert "Выйдет послезавтра" in page and "статья выйдет " in page
    assert timezone.localtime(moment).strftime("%H:%M") in page
    assert editor_client.get(scheduled.get_absolute_url()).status_code == 404  # not public yet


def test_the_change_form_offers_preview_and_a_link_with_its_lifetime(editor_client):
    draft = make_article(title="С предпросмотром", published=False)
    page = editor_client.get(reverse("admin:editorial_article_change", args=[draft.pk])).content.decode()
    assert f'href="{reverse("archive:preview", args=[draft.pk])}"' in page and ">Предпросмотр</a>" in page
    assert "Ссылка действует 3 дня — до " in page


def test_a_shared_link_works_without_an_account_until_it_expires(editor_client, monkeypatch):
    draft = make_article(title="Для рецензента", published=False)
    link = shared_link(editor_client, draft)
    client = Client()  # the reviewer has no account

    response = client.get(link)
    assert response.status_code == 200 and "Для рецензента" in response.content.decode()
    assert "Ссылка временная" in response.content.decode()
    assert_private_noindex(response)

    # Three days and a minute later.
    later = time.time() + preview.lifetime().total_seconds() + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = client.get(link)
    assert response.status_code == 410
    assert "Ссылка для предпросмотра устарела" in response.content.decode()
    assert "Для рецензента" not in response.content.decode()
    assert_private_noindex(response)


def test_a_tampered_or_foreign_link_is_404(editor_client, client):
    draft = make_article(title="Чужая ссылка", published=False)
    other = make_article(title="Другая статья", published=False)
    token = shared_link(editor_client, draft).rstrip("/").rsplit("/", 1)[1]
    _payload, stamp, signature = token.split(":")
    other_payload = signing.dumps({"article": other.pk}, salt=preview.SALT).split(":")[0]
    forged = f"{other_payload}:{stamp}:{signature}"  # another article under this link's signature
    assert client.get(reverse("archive:shared_preview", args=[forged])).status_code == 404
    wrong_salt = signing.dumps({"article": other.pk}, salt="something-else")
    assert client.get(reverse("archive:shared_preview", args=[wrong_salt])).status_code == 404
    assert client.get(reverse("archive:shared_preview", args=["abc:def"])).status_code == 404


def test_the_lifetime_is_a_setting(settings):
    settings.PREVIEW_LINK_SECONDS = 12 * 3600
    assert preview.lifetime_text() == "12 часов"
    settings.PREVIEW_LINK_SECONDS = 86400
    assert preview.lifetime_text() == "1 день"


def test_robots_txt_keeps_crawlers_off_previews(client):
    assert "Disallow: /preview/" in client.get("/robots.txt").content.decode()
