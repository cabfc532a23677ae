"""What helps a reader find the way: numbered pages, filter chips, breadcrumbs, the date navigator."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from archive import views
from archive.filter_summary import period_label
from archive.paging import page_window
from tests.factories import make_article, make_author, make_source, make_theme
from tests.html import attrs, parse, text, texts

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 12))


@pytest.fixture
def small_pages(monkeypatch):
    """Two articles a page: page 5 needs ten articles, not a hundred."""
    monkeypatch.setattr(views.ArticleListMixin, "paginate_by", 2)
    monkeypatch.setattr(views.DateArchiveMixin, "paginate_by", 2)


@pytest.fixture
def kz_theme():
    theme = make_theme("Казахстан")
    for i in range(13):
        make_article(title=f"Казахстан {i:02}", themes=[theme], published_at=at(2026, 3, 1 + i))
    return theme


@pytest.mark.parametrize(
    "number, pages, expected",
    [(1, 1, [1]), (1, 3, [1, 2, 3]), (7, 40, [1, None, 5, 6, 7, 8, 9, None, 40]), (1, 40, [1, 2, 3, None, 40]),
     (40, 40, [1, None, 38, 39, 40]), (4, 40, [1, 2, 3, 4, 5, 6, None, 40]), (1, 6, [1, 2, 3, None, 6])],
)  # fmt: skip
def test_page_window_shows_first_last_and_neighbours(number, pages, expected):
    assert page_window(number, pages) == expected


def test_page_five_of_a_theme_has_its_number_in_title_canonical_and_head_links(client, small_pages, kz_theme):
    page = client.get("/themes/kazakhstan/?page=5").content.decode()
    assert text(page, "title").startswith("Казахстан — страница 5 — ")
    assert attrs(page, "link[rel=canonical]", "href") == ["http://testserver/themes/kazakhstan/?page=5"]
    assert attrs(page, "head link[rel=prev]", "href") == ["/themes/kazakhstan/?page=4"]
    assert attrs(page, "head link[rel=next]", "href") == ["/themes/kazakhstan/?page=6"]
    assert texts(page, ".pages [aria-current=page]") == ["Страница 5"]
    assert texts(page, ".pages a") == ["« Первая", "← Новее", "1", "2", "3", "4", "6", "7", "Старше →", "Последняя »"]
    assert attrs(page, ".pages a.page-edge", "href") == ["/themes/kazakhstan/", "/themes/kazakhstan/?page=7"]
    assert attrs(page, ".page-jump input[name=page]", "max") == ["7"]


def test_first_page_has_no_number_and_no_prev(client, small_pages, kz_theme):
    page = client.get("/themes/kazakhstan/").content.decode()
    assert text(page, "title").startswith("Казахстан — ") and "страница" not in text(page, "title")
    assert attrs(page, "link[rel=canonical]", "href") == ["http://testserver/themes/kazakhstan/"]
    assert attrs(page, "head link[rel=prev]", "href") == []
    assert attrs(page, "head link[rel=next]", "href") == ["/themes/kazakhstan/?page=2"]


def test_page_links_and_the_jump_keep_the_filters(client, small_pages, kz_theme):
    page = client.get("/?theme=kazakhstan&kind=analysis&page=2").content.decode()
    assert attrs(page, "head link[rel=prev]", "href") == ["/?theme=kazakhstan&kind=analysis"]
    assert attrs(page, "head link[rel=next]", "href") == ["/?theme=kazakhstan&kind=analysis&page=3"]
    assert text(page, ".page-status span") == "Страница 2 из 7"
    hidden = parse(page).cssselect(".page-jump input[type=hidden]")
    assert [(i.get("name"), i.get("value")) for i in hidden] == [("theme", "kazakhstan"), ("kind", "analysis")]


@pytest.mark.parametrize("url", ["/", "/themes/kazakhstan/", "/2026/", "/2026/03/", "/search/?q=Казахстан"])
def test_every_list_kind_is_numbered(client, small_pages, kz_theme, url):
    page = client.get(url + ("&" if "?" in url else "?") + "page=3").content.decode()
    assert "— страница 3 — " in text(page, "title"), url
    assert texts(page, ".pages [aria-current=page]") == ["Страница 3"], url


@pytest.mark.parametrize("page", ["0", "99", "-1", "abc", "1.5", "9" * 30])
def test_bad_page_numbers_are_404_in_russian(client, small_pages, kz_theme, page):
    for url in ["/", "/themes/kazakhstan/", "/2026/03/", "/search/?q=Казахстан"]:
        response = (
            client.get(url, {"page": page} if "?" not in url else None)
            if "?" not in url
            else client.get(url + "&page=" + page)
        )
        assert response.status_code == 404, (url, page)
        assert "Страница не найдена" in response.content.decode()


def test_filtered_list_says_what_it_shows_with_removable_chips(client):
    kz = make_theme("Қазақстан")
    make_article(title="Колонка", kind="opinion", themes=[kz], published_at=at(2026, 3, 10))
    make_article(title="Анализ", kind="analysis", themes=[kz], published_at=at(2026, 3, 11))
    url = "/?kind=opinion&theme=qazaqstan&date_from=2026-03-01&date_to=2026-03-31"
    page = client.get(url).content.decode()
    assert text(page, "h1") == "Мнение · Қазақстан · март 2026"
    assert text(page, "title").startswith("Мнение · Қазақстан · март 2026 — ")
    chips = parse(page).cssselect(".chips a.chip")
    assert [c.text_content().replace("×", "").strip() for c in chips] == ["Мнение", "Қазақстан", "март 2026"]
    assert [c.get("href") for c in chips] == [  # parameters in the one order of capped_params
        "/?theme=qazaqstan&date_from=2026-03-01&date_to=2026-03-31",
        "/?kind=opinion&date_from=2026-03-01&date_to=2026-03-31",
        "/?theme=qazaqstan&kind=opinion",
    ]
    assert texts(page, ".card-title") == ["Колонка"]
    assert text(page, ".filter-count") == "3 условия"  # on the toggle of the filter panel


def test_removing_one_of_several_themes_keeps_the_others(client):
    a, b = make_theme("Россия"), make_theme("ЕАЭС")
    make_article(themes=[a, b])
    page = client.get("/?theme=rossiya&theme=eaes&page=1").content.decode()
    hrefs = dict(
        zip([c.strip(" ×") for c in texts(page, ".chips a.chip")], attrs(page, ".chips a.chip", "href"), strict=True)
    )
    assert hrefs == {"ЕАЭС": "/?theme=rossiya", "Россия": "/?theme=eaes"}


def test_on_a_facet_page_the_heading_names_the_facet_and_its_filter_is_no_chip(client):
    author = make_author("Иван Петров")
    make_article(kind="opinion", authors=[author])
    page = client.get("/authors/ivan-petrov/?kind=opinion").content.decode()
    assert text(page, "h1") == "Иван Петров"
    assert text(page, ".shown").startswith("Показано: Мнение · Иван Петров")
    assert [c.strip(" ×") for c in texts(page, ".chips a.chip")] == ["Мнение"]


def test_on_a_facet_page_the_facet_follows_the_genre_and_precedes_the_other_conditions(client):
    author, theme = make_author("Иван Петров"), make_theme("Казахстан")
    make_article(kind="opinion", authors=[author], themes=[theme])
    for query, shown in [("kind=opinion&theme=kazakhstan", "Мнение · Иван Петров · Казахстан"),
                         ("theme=kazakhstan", "Иван Петров · Казахстан")]:  # fmt: skip
        page = client.get(f"/authors/ivan-petrov/?{query}").content.decode()
        assert text(page, ".shown").startswith(f"Показано: {shown} (")


def test_a_search_is_a_chip_that_removes_only_the_search(client):
    make_article(title="Байконур: новый запуск", kind="opinion")
    page = client.get("/?q=Байконур&kind=opinion").content.decode()
    assert list(zip(texts(page, ".chips a.chip"), attrs(page, ".chips a.chip", "href"), strict=True)) == [
        ("Мнение ×", "/?q=%D0%91%D0%B0%D0%B9%D0%BA%D0%BE%D0%BD%D1%83%D1%80"),
        ("«Байконур» ×", "/?kind=opinion"),
    ]
    assert text(page, "h1") == "Мнение · «Байконур»"


def chips(client, url):
    page = client.get(url).content.decode()
    return list(zip(texts(page, ".chips a.chip"), attrs(page, ".chips a.chip", "href"), strict=True))


def test_author_source_and_open_period_chips_remove_their_own_condition(client):
    make_article(authors=[make_author("Иван Петров")], source=make_source("Contur.kz"), published_at=at(2026, 3, 10))
    assert chips(client, "/?author=ivan-petrov&source=contur-kz") == [
        ("Иван Петров ×", "/?source=contur-kz"),
        ("Contur.kz ×", "/?author=ivan-petrov"),
    ]
    assert chips(client, "/?date_from=2026-03-05") == [("с 5 марта 2026 ×", "/")]
    assert chips(client, "/?date_to=2026-03-31&page=1") == [("по 31 марта 2026 ×", "/")]


def test_beside_an_invalid_condition_the_valid_ones_filter_are_shown_and_counted(client):
    make_article(title="Колонка", kind="opinion")
    make_article(title="Новость", kind="news")
    page = client.get("/?kind=opinion&date_from=abc").content.decode()
    assert "Некоторые условия не приняты" in page
    assert texts(page, ".card-title") == ["Колонка"]
    assert texts(page, ".chips a.chip") == ["Мнение ×"]
    assert text(page, ".shown-count") == "(материалов: 1)"  # not the whole archive's count


def test_on_a_facet_page_a_repeated_facet_parameter_is_no_chip(client):
    author, source, theme = make_author("Иван Петров"), make_source("Contur.kz"), make_theme("Казахстан")
    make_article(kind="opinion", authors=[author], source=source, themes=[theme])
    for url in ["/authors/ivan-petrov/?author=ivan-petrov", "/sources/contur-kz/?source=contur-kz",
                "/themes/kazakhstan/?theme=kazakhstan"]:  # fmt: skip
        assert chips(client, url + "&kind=opinion") == [("Мнение ×", url)]


@pytest.mark.parametrize(
    "start, end, expected",
    [(date(2026, 3, 1), date(2026, 3, 31), "март 2026"), (date(2026, 1, 1), date(2026, 12, 31), "2026 год"),
     (date(2026, 3, 5), None, "с 5 марта 2026"), (None, date(2026, 5, 5), "по 5 мая 2026"),
     (date(2026, 3, 2), date(2026, 3, 31), "2 марта 2026 — 31 марта 2026"), (date(2026, 3, 2), date(2026, 3, 2), "2 марта 2026")],
)  # fmt: skip
def test_period_labels(start, end, expected):
    assert period_label(start, end) == expected


def test_themes_are_checkboxes_in_a_fieldset(client):
    make_article(themes=[make_theme("Россия"), make_theme("ЕАЭС")])
    page = client.get("/?theme=eaes").content.decode()
    assert text(page, "fieldset.field-theme legend") == "Темы"
    boxes = parse(page).cssselect("fieldset.field-theme input[type=checkbox]")
    assert {b.get("value"): b.get("checked") is not None for b in boxes} == {"rossiya": False, "eaes": True}
    assert parse(page).cssselect("select[multiple]") == []


@pytest.mark.parametrize(
    "url, expected",
    [("/themes/", ["Главная", "Темы"]), ("/themes/kazakhstan/", ["Главная", "Темы", "Казахстан"]),
     ("/archive/", ["Главная", "Архив"]), ("/2026/", ["Главная", "Архив", "2026"]),
     ("/2026/03/", ["Главная", "Архив", "2026", "март"]), ("/2026/03/02/", ["Главная", "Архив", "2026", "март", "2"]),
     ("/search/?q=Казахстан", ["Главная", "Поиск"]), ("/subscribe/", ["Главная", "Подписка"])],
)  # fmt: skip
def test_breadcrumbs_on_every_page(client, kz_theme, url, expected):
    page = client.get(url).content.decode()
    assert texts(page, ".breadcrumbs li") == expected
    assert len(attrs(page, ".breadcrumbs a", "href")) == len(expected) - 1  # all but the page itself


def test_article_page_breadcrumbs_reading_time_and_same_authors(client, django_assert_max_num_queries):
    author = make_author("Иван Петров")
    others = [make_article(title=f"Другая {i}", authors=[author], published_at=at(2026, 2, 1 + i)) for i in range(6)]
    article = make_article(title="Главная статья", authors=[author], body="слово " * 400, published_at=at(2026, 3, 5))
    make_article(title="Чужая", authors=[make_author()])
    with django_assert_max_num_queries(12):
        page = client.get(article.get_absolute_url()).content.decode()
    assert texts(page, ".breadcrumbs li") == ["Главная", "Архив", "2026", "март", "Главная статья"]
    assert attrs(page, ".breadcrumbs a", "href")[-1] == "/2026/03/"
    assert texts(page, "#same-authors-title") == ["Другие материалы автора"]
    same = texts(page, "[aria-labelledby=same-authors-title] li a")
    assert same == [o.title for o in reversed(others)][:4]
    assert "3 мин чтения" in page
    assert "Адрес материала: http://testserver" + article.get_absolute_url() in text(page, ".print-url")


def test_other_articles_of_the_author_are_newest_first_whatever_order_they_were_entered_in(client):
    author = make_author("Иван Петров")
    same_minute = timezone.make_aware(datetime(2026, 2, 10, 9, 30))
    make_article(title="Внесена первой, вышла последней", authors=[author], published_at=at(2026, 2, 20))
    make_article(title="Внесена второй, вышла раньше", authors=[author], published_at=at(2026, 2, 1))
    make_article(title="В ту же минуту, внесена раньше", authors=[author], published_at=same_minute)
    make_article(title="В ту же минуту, внесена позже", authors=[author], published_at=same_minute)
    article = make_article(title="Главная статья", authors=[author], published_at=at(2026, 3, 5))
    page = client.get(article.get_absolute_url()).content.decode()
    assert texts(page, "[aria-labelledby=same-authors-title] li a") == [
        "Внесена первой, вышла последней",
        "В ту же минуту, внесена позже",
        "В ту же минуту, внесена раньше",
        "Внесена второй, вышла раньше",
    ]


def test_date_navigator_shows_a_years_months_with_counts(client, kz_theme):
    make_article(title="Старое", published_at=at(2024, 5, 1))
    page = client.get("/2026/03/").content.decode()
    assert texts(page, ".date-year-title a") == ["2026", "2024"]
    cells = parse(page).cssselect(".sidebar .month-grid li")
    assert len(cells) == 12  # a calendar year, months without articles shown but not linked
    assert texts(page, ".month-grid a[aria-current=page] .month-count") == ["13"]
    assert attrs(page, ".month-grid a", "href") == ["/2026/03/"]


def test_on_a_year_page_the_year_is_current_and_no_month(client, kz_theme):
    page = client.get("/2026/").content.decode()
    assert texts(page, ".date-year-title a[aria-current=page]") == ["2026"]
    assert texts(page, ".month-grid a[aria-current=page]") == []
    month = client.get("/2026/03/").content.decode()
    assert texts(month, ".date-year-title a[aria-current=page]") == []
