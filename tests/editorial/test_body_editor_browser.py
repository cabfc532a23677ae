"""The body editor in a real browser, under a Content-Security-Policy that forbids inline script."""

import pytest
from django.urls import reverse

from editorial.models import Article

pytestmark = pytest.mark.browser

CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"


def test_editor_works_under_a_strict_csp_and_saves_sanitised_html(live_server, page, admin_user):
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )

    def with_csp(route):
        if route.request.method != "GET":
            return route.continue_()
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})

    page.route(f"{live_server.url}/admin/editorial/article/add/", with_csp)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:editorial_article_add"))
    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.wait_for(timeout=10000)
    assert page.locator(".prose-editor .prose-menubar").count() == 1, page.content()[:3000]  # the toolbar
    assert page.locator(".prose-menubar [title='Полужирный (Ctrl+B)']").count() == 1  # toolbar in Russian
    page.fill("#id_title", "Проверка редактора")
    editor.click()
    page.keyboard.type("Обычный текст ")
    page.keyboard.press("Control+b")
    page.keyboard.type("и жирный")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/editorial/article/")
    assert Article.objects.get().body == "<p>Обычный текст <strong>и жирный</strong></p>"
    assert [v for v in violations if "script" in v.lower()] == []
