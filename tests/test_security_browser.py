"""The Content-Security-Policy in a real browser: the admin's scripts and styles still work."""

import pytest

from tests.factories import make_article, make_theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_and_public_pages_work_under_the_policy(live_server, page, django_user_model):
    make_theme("Россия")
    make_article(title="Статья о России")
    django_user_model.objects.create_superuser("glavred", password="Glavnyi-parol-2025")
    refused = []
    page.on(
        "console",
        lambda m: refused.append(page.url + " " + m.text[:400]) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: refused.append(str(error)))

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "glavred")
    page.fill("#id_password", "Glavnyi-parol-2025")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + "/admin/editorial/article/add/")
    # The themes autocomplete (select2) and the calendar are scripts from files: they run.
    page.click(".field-themes .select2-selection")
    page.keyboard.type("Рос")
    page.locator(".select2-results__option", has_text="Россия").wait_for()
    page.click("#calendarlink0")
    assert page.locator(".calendarbox").first.is_visible()
    page.goto(live_server.url + "/admin/editorial/article/upload/")
    page.goto(live_server.url + "/")
    assert page.locator(".card-title").all_inner_texts() == ["Статья о России"]
    assert refused == []
    if page.evaluate("typeof XSLTProcessor !== 'undefined'"):
        # A feed opened in the browser: the XSLT page's style is a file, so it applies (Chromium's
        # XSLT engine still logs inline-style refusals of its own there: not checked).
        page.goto(live_server.url + "/feeds/atom/")
        color = page.locator(".about").evaluate("el => getComputedStyle(el).backgroundColor")
        assert color == "rgb(243, 239, 230)"
