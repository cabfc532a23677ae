"""A reader's visit, the keyboard, phones and axe-core on every page kind, in headless Chromium.

Screenshots (390 and 1366 px) and axe reports go to ``screenshots/`` when ``SCREENSHOTS=1`` (tests/browser.py).
"""

import io
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from archive import views
from editorial.models import Article
from tests.browser import axe, blocking, report, serve_media, shot
from tests.factories import make_article, make_author, make_source, make_theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 12))


def cover_image():
    """A photo-like JPEG: a sky gradient over the ground, large enough for every rendition."""
    sky = Image.linear_gradient("L").resize((1800, 1200)).convert("RGB")
    photo = Image.merge("RGB", [sky.getchannel(0).point(lambda v: 40 + v // 3)] * 2 + [sky.getchannel(0)])
    photo.paste((110, 95, 70), (0, 850, 1800, 1200))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG")
    return SimpleUploadedFile("baikonur.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def reader_world(monkeypatch, media):
    """Three themes, two authors, a source; 14 articles in March 2026 (two a page: page 5 exists)."""
    monkeypatch.setattr(views.ArticleListMixin, "paginate_by", 2)
    monkeypatch.setattr(views.DateArchiveMixin, "paginate_by", 2)
    kz, ru, eaes = make_theme("Казахстан"), make_theme("Россия"), make_theme("ЕАЭС")
    for name in ["энергетика", "космос", "дипломатия", "безопасность", "выборы", "экономика"]:
        make_theme(name)
    petrov, serenko = make_author("Иван Петров"), make_author("Андрей Серенко")
    contur = make_source("Contur.kz")
    for i in range(12):
        make_article(
            title=f"Казахстан и Россия: заметка {i + 1}", themes=[kz, ru] if i % 2 else [kz],
            authors=[petrov], source=contur, kind="news", published_at=at(2026, 3, 1 + i),
        )  # fmt: skip
    column = make_article(
        title="Мнение: Байконур после аренды", kind=Article.Kind.OPINION, themes=[kz, eaes], authors=[serenko],
        body=("<p>" + "Текст колонки о космодроме. " * 30 + "</p>") * 5, published_at=at(2026, 3, 20),
        cover=cover_image(), cover_caption="Стартовый стол «Гагаринский старт»", cover_credit="Фото: Роскосмос",
    )  # fmt: skip
    make_article(title="Старый обзор ЕАЭС", themes=[eaes], authors=[serenko], published_at=at(2025, 11, 5))
    for name in [f"Тема {n}" for n in range(1, 10)]:
        make_article(themes=[make_theme(name)], published_at=at(2025, 10, 1))
    return {"column": column}


@pytest.fixture
def browser_context(chromium, media):
    contexts = []

    def new(width=1366, height=900):
        context = chromium.new_context(locale="ru-RU", viewport={"width": width, "height": height}, bypass_csp=True)
        serve_media(context, media)
        contexts.append(context)
        return context.new_page()

    yield new
    for context in contexts:
        context.close()


def test_a_readers_visit(live_server, reader_world, browser_context):
    page = browser_context()
    url = live_server.url
    page.goto(url + "/")
    page.locator(".card .tags a", has_text="Казахстан").first.click()
    page.wait_for_url("**/themes/kazakhstan/")
    assert page.locator("h1").inner_text() == "Казахстан"
    page.locator(".card-authors a", has_text="Иван Петров").first.click()
    page.wait_for_url("**/authors/ivan-petrov/")
    page.get_by_role("link", name="Архив", exact=True).first.click()
    page.wait_for_url("**/archive/")
    page.locator(".month-grid a", has_text="Март").click()
    page.wait_for_url("**/2026/03/")
    assert page.locator("h1").inner_text() == "Март 2026"
    page.get_by_label("Поиск по архиву").fill("Байконур")
    page.get_by_label("Поиск по архиву").press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.get_by_role("link", name="Мнение: Байконур после аренды").click()
    page.wait_for_url("**" + reader_world["column"].get_absolute_url())
    assert "мин чтения" in page.locator(".article-header").inner_text()
    assert page.locator("#same-authors-title").count() == 1
    page.get_by_role("link", name="ЕАЭС").first.click()  # the article's theme → the filtered home list
    page.wait_for_url("**/themes/eaes/")
    page.goto(url + "/")
    page.locator(".choice", has_text="ЕАЭС").click()
    page.get_by_label("Жанр").select_option("opinion")
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url("**/?*kind=opinion*")
    assert page.locator("h1").inner_text() == "Мнение · ЕАЭС"
    assert page.locator(".card-title").all_inner_texts() == ["Мнение: Байконур после аренды"]
    page.locator(".feed-line a", has_text="RSS").click()  # the feed of exactly this list
    page.wait_for_url("**/feeds/rss/?*kind=opinion*")
    page.go_back()
    page.locator(".chip", has_text="Мнение").click()  # removing a chip: the URL is the state
    page.wait_for_url(lambda u: "kind=" not in u and "theme=eaes" in u)
    assert page.locator("h1").inner_text() == "ЕАЭС"
    page.go_back()
    assert page.locator("h1").inner_text() == "Мнение · ЕАЭС"
    page.goto(url + "/themes/kazakhstan/")
    page.get_by_label("Перейти на страницу").fill("5")
    page.get_by_role("button", name="Перейти").click()
    page.wait_for_url("**/themes/kazakhstan/?page=5")
    assert page.title().startswith("Казахстан — страница 5")
    assert page.locator(".pages [aria-current=page]").text_content() == "Страница 5"


def test_theme_checkboxes_can_be_searched(live_server, reader_world, browser_context):
    page = browser_context()
    page.goto(live_server.url + "/")
    search = page.get_by_label("Найти тему")
    search.fill("ничего такого")
    assert page.locator(".choice-none").inner_text() == "Нет такой темы"
    search.fill("тема 3")
    assert [t.strip() for t in page.locator(".choice:visible").all_inner_texts()] == ["Тема 3"]
    page.locator(".choice:visible").click()
    search.fill("каз")
    assert [t.strip() for t in page.locator(".choice:visible").all_inner_texts()] == [
        "Казахстан",
        "Тема 3",
    ]  # chosen stay
    search.press("Enter")  # does not submit
    assert page.url == live_server.url + "/"


def test_on_a_phone_filters_are_closed_with_a_count_and_nothing_scrolls_sideways(
    live_server, reader_world, browser_context
):
    page = browser_context(390, 844)
    page.goto(live_server.url + "/?kind=news&theme=kazakhstan")
    box = page.locator("details.filter-box")
    assert box.get_attribute("open") is None  # even while filtering: the results come first
    assert box.locator("summary").inner_text().startswith("Фильтр и поиск 2")
    assert page.locator(".card-title").first.is_visible()
    shot(page, "list-filtered-390")
    for path in ["/", "/themes/kazakhstan/?page=5", "/2026/03/", "/search/?q=Казахстан", "/archive/",
                 reader_world["column"].get_absolute_url(), "/subscribe/"]:  # fmt: skip
        page.set_viewport_size({"width": 360, "height": 800})
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path


def test_a_printed_article_has_no_navigation_and_gives_its_address_and_date(live_server, browser_context):
    article = make_article(title="Для печати", body="<p>Текст.</p>", published_at=at(2026, 3, 5))
    page = browser_context()
    page.goto(live_server.url + article.get_absolute_url())
    assert not page.locator(".print-url").is_visible()
    page.emulate_media(media="print")
    for hidden in [".site-header", ".site-footer", ".breadcrumbs"]:
        assert not page.locator(hidden).is_visible(), hidden
    printed = page.locator(".print-url").inner_text()
    assert printed == f"Адрес материала: {live_server.url}{article.get_absolute_url()} · опубликовано 5 марта 2026"


def test_keyboard_only_reader_reaches_pages_with_visible_focus(live_server, reader_world, browser_context):
    page = browser_context()
    page.goto(live_server.url + "/themes/kazakhstan/")
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const el = document.activeElement, s = getComputedStyle(el);
                 return [el.textContent.trim(), s.outlineStyle, parseFloat(s.outlineWidth), el.closest('.pagination') !== null] }"""
        )
        seen.append(info)
        if info[3] and info[0] == "2":
            break
    assert all(style != "none" and width >= 2 for _, style, width, _ in seen), [s for s in seen if s[1] == "none"]
    assert seen[-1][0] == "2" and seen[-1][3], "the page numbers are reachable by keyboard"
    page.keyboard.press("Enter")
    page.wait_for_url("**/themes/kazakhstan/?page=2")


# One page of each template (the source page is the author's, year and day pages the month's).
PUBLIC_PAGES = {
    "home": "/",
    "filtered": "/?kind=opinion&theme=kazakhstan&theme=eaes",
    "theme-page5": "/themes/kazakhstan/?page=5",
    "author": "/authors/andrey-serenko/",
    "themes": "/themes/",
    "archive": "/archive/",
    "month": "/2026/03/",
    "search": "/search/?q=Казахстан",
    "subscribe": "/subscribe/",
    "not-found": "/themes/no-such-theme/",
}


PHONE_CHECKED = {"home", "filtered", "theme-page5", "article"}


def test_axe_finds_nothing_serious_on_public_pages(live_server, reader_world, browser_context):
    pages = {**PUBLIC_PAGES, "article": reader_world["column"].get_absolute_url()}
    problems, found_all = {}, {}
    for width in (1366, 390):
        page = browser_context(width)
        for name, path in pages.items():
            if width == 390 and name not in PHONE_CHECKED:
                continue  # the same markup; the phone layout differs only in these
            page.goto(live_server.url + path)
            found_all[f"{name}@{width}"] = axe(page)
            if found := blocking(found_all[f"{name}@{width}"]):
                problems[f"{name}@{width}"] = found
            if name in PHONE_CHECKED:
                shot(page, f"{name}-{width}")
    report(found_all, "axe-public")
    assert problems == {}
