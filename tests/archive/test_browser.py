"""The public pages in a real browser (headless Chromium)."""

import pytest

from tests.factories import make_article, make_author, make_theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_filters_by_kind_and_theme_in_the_browser(live_server, page):
    author = make_author("Андрей Серенко")
    make_article(title="Мнение о Казахстане", kind="opinion", authors=[author], themes=[make_theme("Казахстан")])
    make_article(title="Новость про Байконур", kind="news", themes=[make_theme("космос")])
    page.goto(live_server.url + "/")
    page.get_by_label("Жанр").select_option("opinion")
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url("**/?*kind=opinion*")
    assert page.locator(".card-title").all_inner_texts() == ["Мнение о Казахстане"]
    page.get_by_role("link", name="Казахстан", exact=True).first.click()
    page.wait_for_url("**/themes/kazakhstan/")
    assert page.locator("h1").inner_text() == "Казахстан"


def test_keyboard_user_sees_the_skip_link_and_focus(live_server, page):
    make_article(title="Статья")
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["x"] >= 0  # moved on screen when focused
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_mobile_layout_has_no_horizontal_scroll(live_server, page):
    make_article(title="Очень длинный заголовок статьи о российско-казахстанском стратегическом партнёрстве")
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_on_a_phone_the_articles_come_before_a_closed_filter_box(live_server, page):
    make_article(title="Статья для телефона")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + "/")
    assert page.locator("details.filter-box").get_attribute("open") is None
    assert page.locator(".card-title").first.is_visible()
    page.goto(live_server.url + "/?kind=opinion")
    assert page.locator("details.filter-box").get_attribute("open") is None  # filtering: still the results first
    page.goto(live_server.url + "/?date_from=2026-05-01&date_to=2026-01-01")
    assert page.locator("details.filter-box").get_attribute("open") is not None  # a refused condition: shown


def test_a_reader_finds_the_feeds_and_sees_one_as_a_page(live_server, page):
    make_article(title="Итоги года", authors=[make_author("Иван Петров")], themes=[make_theme("Казахстан")])
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Подписаться", exact=True).click()
    page.wait_for_url("**/subscribe/")
    main_rss = page.get_by_label("Адрес ленты RSS").first
    assert main_rss.input_value() == live_server.url + "/feeds/rss/"
    if not page.evaluate("typeof XSLTProcessor !== 'undefined'"):
        pytest.skip("this Chromium no longer applies XSLT; the «Подписка» page is the readable view")
    page.goto(live_server.url + "/themes/kazakhstan/atom/")
    assert page.locator("h1").inner_text() == "Тема «Казахстан» — Евразийский аналитический архив"
    assert "Это лента новостей" in page.locator(".about").inner_text()
    assert page.locator("article h2").all_inner_texts() == ["Итоги года"]
