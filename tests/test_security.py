"""Site-wide hardening: Content-Security-Policy, Russian refusal pages, admin login throttling."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.factories import make_article

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


def csp(response):
    return dict(
        (part.split()[0], part.split()[1:]) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )


def test_public_pages_and_the_admin_forbid_inline_script(client, editor_client):
    article = make_article()
    for response in (client.get("/"), client.get(article.get_absolute_url()), editor_client.get("/admin/")):
        policy = csp(response)
        assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy["script-src"]
        assert policy["style-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]


def test_no_page_of_ours_has_an_inline_script_or_style(client, editor_client):
    """What the policy would block must not be there: every script is a file (JSON data blocks
    are not run), no <style> element, no style or on… attributes."""
    article = make_article()
    pages = [
        client.get(url).content.decode()
        for url in ("/", article.get_absolute_url(), "/search/?q=статья", "/themes/", "/subscribe/", "/no-such-page/")
    ] + [
        editor_client.get(url).content.decode()
        for url in (
            "/admin/",
            reverse("admin:editorial_article_changelist"),
            reverse("admin:editorial_article_add"),
            reverse("admin:editorial_article_upload"),
        )
    ]
    for page in pages:
        for attrs in re.findall(r"<script\b([^>]*)>", page):
            assert "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs, attrs
        assert "<style" not in page
        assert not re.search(r"\s(style|on[a-z]+)=\"", page)


def test_a_bad_request_is_answered_in_russian(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Некорректный запрос" in response.content.decode()


def test_a_forbidden_page_is_answered_in_russian(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(user)
    response = client.get(reverse("admin:editorial_article_upload"))
    assert response.status_code == 403
    assert "Доступ запрещён" in response.content.decode()


def test_a_form_without_its_csrf_token_is_explained_in_russian(editor):
    response = Client(enforce_csrf_checks=True).post(LOGIN, {"username": "redaktor", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Форма не принята" in page and "обновите страницу" in page


def login(client, password, username="redaktor"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_the_sixth_wrong_password_is_refused_and_the_right_one_too(client, editor):
    for _ in range(4):
        response = login(client, "wrong")
        assert response.status_code == 200 and "Пожалуйста, введите корректные" in response.content.decode()
    response = login(client, "wrong")  # the fifth locks
    assert response.status_code == 429
    response = login(client, "wrong")  # the sixth is refused without being checked
    assert response.status_code == 429
    page = response.content.decode()
    assert "Вход временно заблокирован" in page and "5 подряд" in page and "15 мин" in page
    assert login(client, "Slozhnyi-parol-2025").status_code == 429  # even the right password, for now
    # Another user, or the same user from another address, is not locked out.
    User.objects.create_user("drugoi", password="Drugoi-parol-2025", is_staff=True)
    assert login(client, "Drugoi-parol-2025", "drugoi").status_code == 302
    other_address = Client(REMOTE_ADDR="10.0.0.2")
    assert login(other_address, "Slozhnyi-parol-2025").status_code == 302


def test_a_successful_login_resets_the_count(client, editor):
    for _ in range(4):
        login(client, "wrong")
    assert login(client, "Slozhnyi-parol-2025").status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, "wrong").status_code == 200
