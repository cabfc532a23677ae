"""The article form in a real browser: autosave and restore, the question before leaving,
new themes from the autocomplete, the list on a 1366-pixel screen."""

import pytest
from django.urls import reverse

from editorial.models import Article, Theme
from tests.factories import make_article, make_author, make_source, make_theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEAVING_IS_QUESTIONED = """() => {
  const event = new Event("beforeunload", {cancelable: true});
  window.dispatchEvent(event);
  return event.defaultPrevented;
}"""


def log_in(page, live_server):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def test_unsaved_text_is_questioned_on_leaving_and_offered_back_after_a_closed_tab(live_server, page, admin_user):
    article = make_article(title="Исходный заголовок")
    log_in(page, live_server)
    url = live_server.url + reverse("admin:editorial_article_change", args=[article.pk])
    page.goto(url)
    assert page.evaluate(LEAVING_IS_QUESTIONED) is False

    page.fill("#id_title", "Заголовок, который не успели сохранить")
    page.fill("#id_lead", "Лид из закрытой вкладки.")
    assert page.evaluate(LEAVING_IS_QUESTIONED) is True
    page.wait_for_timeout(1200)  # the autosave runs after a short pause in typing

    # The tab is closed; the editor comes back in a new one.
    page.close()
    page = page.context.new_page()
    page.goto(url)
    offer = page.locator(".autosave-offer")
    assert "несохранённый вариант" in offer.inner_text()
    assert page.input_value("#id_title") == "Исходный заголовок"
    offer.get_by_role("button", name="Восстановить").click()
    assert page.input_value("#id_title") == "Заголовок, который не успели сохранить"
    assert page.input_value("#id_lead") == "Лид из закрытой вкладки."

    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert Article.objects.get().title == "Заголовок, который не успели сохранить"
    # Saved: nothing is offered any more.
    page.goto(url)
    assert page.locator(".autosave-offer").count() == 0


def test_a_new_theme_is_typed_into_the_autocomplete(live_server, page, admin_user):
    make_theme(name="Россия")
    log_in(page, live_server)
    page.goto(live_server.url + reverse("admin:editorial_article_add"))
    page.fill("#id_title", "Статья с новой темой")
    page.locator(".field-themes .select2-selection").click()
    page.keyboard.type("Қазақ хандығы")
    option = page.locator(".select2-results__option", has_text="Қазақ хандығы")
    option.first.click()
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    article = Article.objects.get()
    assert [t.name for t in article.themes.all()] == ["Қазақ хандығы"]
    assert Theme.objects.count() == 2


def test_the_article_list_fits_1366_pixels_with_the_filters_open_and_titles_are_wide(live_server, page, admin_user):
    author, source = make_author("Андрей Серенко"), make_source("Contur.kz")
    themes = [make_theme(name) for name in ("Россия", "Казахстан", "Россия–Казахстан", "дипломатия", "ЕАЭС")]
    for n in range(5):
        make_article(
            title=f"Всеобъемлющее стратегическое партнерство России и Казахстана, часть {n}",
            authors=[author, make_author("Данияр Ашимбаев")] if n == 0 else [author], source=source, themes=themes,
        )  # fmt: skip
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server)
    page.goto(live_server.url + reverse("admin:editorial_article_changelist"))
    assert page.locator("#changelist-filter").is_visible() and page.locator("#nav-sidebar").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    # The table scrolls inside its box when too wide: nothing may be hidden there either.
    results = page.locator(".results")
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth")
    right_edge = results.bounding_box()["x"] + results.bounding_box()["width"]
    for header in ("Источник", "Темы"):
        box = page.locator("#result_list thead th", has_text=header).bounding_box()
        assert box["x"] + box["width"] <= right_edge

    page.goto(live_server.url + reverse("admin:editorial_article_add"))
    for field in ("#id_title", "#id_slug"):
        assert page.locator(field).bounding_box()["width"] >= 600
