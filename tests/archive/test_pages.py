"""The public archive as readers see it: pages, filters, search, dates, SEO, bad input."""

import json
import re
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from tests.factories import make_article, make_author, make_source, make_theme
from tests.html import attrs, text, texts

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def world():
    """Public articles with authors, themes and sources, plus a draft and a scheduled one."""
    serenko = make_author("Андрей Серенко", position="директор Аналитического центра")
    aigerim = make_author("Айгерим Нурланова", position="политолог")
    contur = make_source("Contur.kz", url="https://contur.kz/")
    kz, space = make_theme("Казахстан"), make_theme("космос")
    w = {
        "serenko": serenko, "aigerim": aigerim, "contur": contur, "kz": kz, "space": space,
        "opinion": make_article(
            title="Итоги года: Россия и Казахстан", kind="opinion", authors=[serenko], themes=[kz],
            published_at=at(2025, 12, 11), lead="Лид мнения.",
        ),
        "analysis": make_article(
            title="Всеобъемлющее стратегическое партнерство", authors=[aigerim], themes=[kz, space],
            source=contur, source_url="https://contur.kz/news/42", published_at=at(2025, 11, 20),
            body="Декларация подписана в Москве.\n\nКазахстан и Россия — союзники.",
        ),
        "space_news": make_article(title="Байконур: новый запуск", kind="news", themes=[space], published_at=at(2025, 11, 3)),
        "draft": make_article(title="Секретный черновик", themes=[kz], authors=[serenko], source=contur, published=False),
        "scheduled": make_article(
            title="Будущая статья про Казахстан", themes=[kz], authors=[serenko], source=contur,
            ago=-timedelta(days=2),
        ),
    }  # fmt: skip
    return w


def html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def titles(page):
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', page)


def test_index_lists_public_articles_newest_first_with_opinion_label(client, world):
    page = html(client, "/")
    assert titles(page) == [
        "Итоги года: Россия и Казахстан",
        "Всеобъемлющее стратегическое партнерство",
        "Байконур: новый запуск",
    ]
    assert texts(page, ".card .label-opinion") == ["Мнение"]
    assert texts(page, ".card time")[0] == "11 декабря 2025"
    # Names on the cards themselves (they are in the filter panel too).
    assert texts(page, ".card .card-authors") == ["Андрей Серенко", "Айгерим Нурланова"]
    assert texts(page, ".card .card-meta a") == ["Contur.kz"]
    assert texts(page, ".card .card-lead")[0] == "Лид мнения."
    assert texts(page, ".card .tags") == ["Казахстан", "Казахстанкосмос", "космос"]  # one list a card


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=kazakhstan", ["Итоги года: Россия и Казахстан", "Всеобъемлющее стратегическое партнерство"]),
        ("theme=kosmos&theme=kazakhstan", ["Итоги года: Россия и Казахстан", "Всеобъемлющее стратегическое партнерство", "Байконур: новый запуск"]),
        ("author=andrey-serenko", ["Итоги года: Россия и Казахстан"]),
        ("source=contur-kz", ["Всеобъемлющее стратегическое партнерство"]),
        ("kind=opinion", ["Итоги года: Россия и Казахстан"]),
        ("date_from=2025-11-10&date_to=2025-11-30", ["Всеобъемлющее стратегическое партнерство"]),
        ("q=декларации", ["Всеобъемлющее стратегическое партнерство"]),
        ("theme=kazakhstan&kind=analysis", ["Всеобъемлющее стратегическое партнерство"]),
    ],
)  # fmt: skip
def test_index_filters(client, world, query, expected):
    assert titles(html(client, f"/?{query}")) == expected


def test_filter_panel_offers_only_what_is_public(client, world):
    make_theme("Тема только черновика").article_links.create(content_object=world["draft"])
    make_author("Автор Черновиков")
    page = html(client, "/")
    assert "Тема только черновика" not in page and "Автор Черновиков" not in page
    assert 'name="theme" value="kazakhstan"' in page and '<option value="andrey-serenko">' in page


@pytest.mark.parametrize(
    "url",
    [
        "/authors/avtor-chernovikov/",
        "/authors/avtor-chernovikov/rss/",
        "/themes/tema-chernovika/",
        "/themes/tema-chernovika/atom/",
    ],
)
def test_a_facet_with_only_unpublished_articles_does_not_exist_for_readers(client, world, url):
    author, theme = make_author("Автор Черновиков"), make_theme("Тема черновика")
    world["scheduled"].bylines.create(author=author)
    world["draft"].themes.add(theme)
    response = client.get(url)
    assert response.status_code == 404 and "Автор Черновиков" not in response.content.decode()


def test_not_found_page_is_in_russian(client, settings):
    settings.DEBUG = False
    response = client.get("/themes/no-such-theme/")
    assert response.status_code == 404 and "Страница не найдена" in response.content.decode()


def test_reversed_dates_are_a_form_error(client, world):
    page = html(client, "/?date_from=2025-12-01&date_to=2025-11-01")
    assert "раньше даты" in page


@pytest.mark.parametrize(
    "query",
    [
        "date_from=abc",
        "theme=%3Cscript%3Ealert(1)%3C/script%3E",
        "kind=poem",
        "author=nobody",
        "q=" + "я" * 10000,
        "q=%00",
        "theme=%00",
        "author=a%00b",
        "date_to=9999-99-99",
    ],
)
def test_garbage_filter_values_give_the_page_with_an_error_message(client, world, query):
    page = html(client, f"/?{query}")
    assert "Некоторые условия не приняты" in page
    assert "<script>alert" not in page
    assert len(titles(page)) == 3  # the invalid condition is ignored


@pytest.mark.parametrize("url", ["/?page=2", "/?page=abc", "/?page=-1", "/2025/13/", "/2025/02/30/", "/1999/", "/2025/12/11/no-such-slug/",
                                 "/themes/no-such-theme/", "/authors/nobody/", "/sources/nothing/", "/2025/13/40/x/",
                                 "/9999/12/31/", "/9999/12/31/x/", "/0000/01/01/", "/2025/00/10/", "/2025/1/5/"])  # fmt: skip
def test_bad_urls_are_404(client, world, url):
    html(client, url, status=404)


def test_article_page(client, world):
    article = world["analysis"]
    page = html(client, article.get_absolute_url())
    assert text(page, "h1") == "Всеобъемлющее стратегическое партнерство"
    assert text(page, ".article-header time") == "20 ноября 2025"
    assert texts(page, ".bylines li") == ["Айгерим Нурланова, политолог"]
    assert attrs(page, ".bylines a", "href") == ["/authors/aygerim-nurlanova/"]
    assert attrs(page, ".article-footer .source a", "href") == ["/sources/contur-kz/", "https://contur.kz/news/42"]
    assert texts(page, ".article-footer .tags a") == ["Казахстан", "космос"]
    assert texts(page, ".article-body p") == ["Декларация подписана в Москве.", "Казахстан и Россия — союзники."]
    # Related by one shared theme each (Казахстан, космос): the newer first; never the article itself.
    assert texts(page, ".related li a") == ["Итоги года: Россия и Казахстан", "Байконур: новый запуск"]
    assert 'rel="prev" href="' + world["space_news"].get_absolute_url() in page
    assert 'rel="next" href="' + world["opinion"].get_absolute_url() in page
    assert '<link rel="canonical" href="http://testserver' + article.get_absolute_url() in page
    assert '<meta property="og:type" content="article">' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "AnalysisNewsArticle" and data["inLanguage"] == "ru"
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Айгерим Нурланова",
            "url": "http://testserver/authors/aygerim-nurlanova/",
            "jobTitle": "политолог",
        }
    ]
    assert data["isBasedOn"] == "https://contur.kz/news/42"
    assert data["datePublished"].startswith("2025-11-20")


def test_the_article_page_makes_as_many_queries_with_four_related_articles_as_with_one(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(article):
        with CaptureQueriesContext(connection) as captured:
            page = html(client, article.get_absolute_url())
        return len(captured), len(texts(page, ".related li a"))

    few, many = make_theme("Погода"), make_theme("Казахстан")
    make_article(themes=[few], ago=timedelta(days=9))
    one = make_article(themes=[few], ago=timedelta(days=8))
    for days in range(5):
        make_article(themes=[many], ago=timedelta(days=7 - days))
    four = make_article(themes=[many])
    (one_count, one_related), (four_count, four_related) = queries(one), queries(four)
    assert (one_related, four_related) == (1, 4)  # four at most
    assert four_count == one_count


def test_opinion_page_shows_the_disclaimer_once_and_is_typed_as_opinion(client, world):
    page = html(client, world["opinion"].get_absolute_url())
    assert page.count("Автор выражает личное мнение") == 1
    assert text(page, ".disclaimer") == "Автор выражает личное мнение, которое может не совпадать с позицией редакции."
    assert '"@type": "OpinionNewsArticle"' in page


def test_updated_is_shown_when_edited_after_publication(client, world, django_capture_on_commit_callbacks):
    article = world["space_news"]  # published in 2025, entered into the archive now
    assert texts(html(client, article.get_absolute_url()), ".updated") == []
    edited = article.created_at + timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=edited):
        with django_capture_on_commit_callbacks(execute=True):  # an editor's save, three hours later
            article.save()
        updated = texts(html(client, article.get_absolute_url()), ".updated")
    assert updated == [f"Обновлено {timezone.localtime(edited).day} " + updated[0].split(" ", 2)[2]]


def test_json_ld_cannot_be_broken_out_of(client):
    article = make_article(title="</script><script>alert(1)</script>")
    page = html(client, article.get_absolute_url())
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert json.loads(block)["headline"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in page


def test_date_archives(client, world):
    year = html(client, "/2025/")
    assert len(titles(year)) == 3 and "Ноябрь" in year and "Декабрь" in year
    month = html(client, "/2025/11/")
    assert titles(month) == ["Всеобъемлющее стратегическое партнерство", "Байконур: новый запуск"]
    assert 'href="/2025/12/"' in month  # next month with articles
    day = html(client, "/2025/11/20/")
    assert titles(day) == ["Всеобъемлющее стратегическое партнерство"]
    html(client, "/2025/11/21/", status=404)  # a day without articles


def test_archive_index_groups_months_by_year_with_counts(client, world):
    make_article(title="Старое", published_at=at(2024, 5, 1))
    page = html(client, "/archive/")
    assert page.index('id="year-2025"') < page.index('id="year-2024"')
    assert re.search(
        r'href="/2025/11/"><span class="month-name">Ноябрь</span> <span class="month-count"[^>]*>2</span>', page
    )


def test_facet_pages(client, world):
    theme = html(client, "/themes/kazakhstan/")
    assert titles(theme) == ["Итоги года: Россия и Казахстан", "Всеобъемлющее стратегическое партнерство"]
    assert titles(html(client, "/themes/kazakhstan/?kind=opinion")) == ["Итоги года: Россия и Казахстан"]
    author = html(client, "/authors/andrey-serenko/")
    assert "директор Аналитического центра" in author and titles(author) == ["Итоги года: Россия и Казахстан"]
    assert titles(html(client, "/sources/contur-kz/")) == ["Всеобъемлющее стратегическое партнерство"]


def test_facet_indexes_count_only_public_articles(client, world):
    themes = html(client, "/themes/")
    assert texts(themes, ".facet-index li") == ["Казахстан 2", "космос 2"]
    authors = html(client, "/authors/")
    assert texts(authors, ".facet-index li") == [
        "Айгерим Нурланова — политолог 1",
        "Андрей Серенко — директор Аналитического центра 1",
    ]


@pytest.mark.parametrize("query", ["Казахстана", "Казахстане", "казахстан"])
def test_search_finds_other_word_forms_and_highlights(client, world, query):
    page = html(client, f"/search/?q={query}")
    assert sorted(titles(page)) == ["Всеобъемлющее стратегическое партнерство", "Итоги года: Россия и Казахстан"]
    assert "Казахстан" in texts(page, ".card mark")


@pytest.mark.parametrize(
    ("query", "body", "marked"),
    [
        ("Москвы", "Переговоры прошли в Москве и закончились.", ["Москве"]),  # a six-letter form
        ("Пётр", "Гостей встречал Петр Иванов.", ["Петр"]),  # ё typed, е printed: a short word, not stemmed
        ("Петр", "Гостей встречал Пётр Иванов.", ["Пётр"]),  # and the other way round
    ],
)
def test_search_page_finds_and_highlights_other_forms_and_yo(client, query, body, marked):
    make_article(title="Визит", lead="", body=body)
    make_article(title="Другое", lead="", body="Погода и урожай.")
    page = html(client, f"/search/?q={query}")
    assert titles(page) == ["Визит"]
    assert texts(page, ".card-snippet mark") == marked


def test_the_search_page_asks_as_many_queries_for_many_results_as_for_two(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            page = html(client, "/search/?q=Байконур")
        return len(captured), len(titles(page))

    theme, author = make_theme("Космос"), make_author("Иван Петров")
    for n in range(2):
        make_article(title=f"Байконур {n}", body=f"Пуск {n}.", themes=[theme], authors=[author])
    few = queries()
    for n in range(2, 22):
        make_article(title=f"Байконур {n}", body=f"Пуск {n}.", themes=[make_theme()], authors=[make_author()])
    many = queries()
    assert (few[1], many[1]) == (2, 20) and many[0] == few[0]


def test_a_search_page_takes_its_length_and_order_from_the_search_without_counting(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's search is a filter of the articles, counted as any list")
    for n in range(25):
        make_article(title=f"Байконур {n}", body=f"Пуск {n}.", ago=timedelta(days=n + 1))
    with CaptureQueriesContext(connection) as captured:
        page = html(client, "/search/?q=Байконур&page=2")
    assert text(page, ".result-count") == "Найдено материалов: 25"
    assert titles(page) == [f"Байконур {n}" for n in range(20, 25)]
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"] and '"editorial_article"' in q["sql"]]
    assert counts == []


def test_a_search_on_a_theme_page_with_filters_lists_their_matches_read_from_the_search_table(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    theme, other = make_theme("Космос"), make_theme("Спорт")
    author = make_author("Иван Петров")
    wanted = make_article(
        title="Байконур: мнение", kind="opinion", themes=[theme, other], authors=[author], ago=timedelta(days=40)
    )
    make_article(title="Байконур: анализ", themes=[theme, other], authors=[author], ago=timedelta(days=40))
    make_article(title="Байконур: мнение без темы", kind="opinion", themes=[other], ago=timedelta(days=40))
    make_article(title="Байконур: давно", kind="opinion", themes=[theme, other], ago=timedelta(days=400))
    day = timezone.localdate(wanted.published_at)
    period = f"date_from={day - timedelta(days=5)}&date_to={day + timedelta(days=5)}"
    url = f"/themes/{theme.slug}/?q=Байконур&kind=opinion&theme={other.slug}&author={author.slug}&{period}"
    with CaptureQueriesContext(connection) as captured:
        page = html(client, url)
    assert titles(page) == ["Байконур: мнение"]
    searched = [q["sql"] for q in captured if "editorial_searchdocument d" in q["sql"]]
    if connection.vendor == "postgresql":
        assert searched and not any("d.article_id IN (" in sql for sql in searched)


def test_the_search_page_says_how_many_it_found_and_when_it_lists_only_the_best(client, settings):
    from django.db import connection

    for n in range(3):
        make_article(title=f"Байконур {n}", body=f"Пуск {n}.")
    make_article(title="Другое", body="Погода.")
    page = html(client, "/search/?q=Байконур")
    assert text(page, ".result-count") == "Найдено материалов: 3"
    with mock.patch("editorial.querysets.SEARCH_CANDIDATES", 2):
        from django.core.cache import cache

        cache.clear()
        page = html(client, "/search/?q=Байконур")
        listed = html(client, "/?q=Байконур")
    if connection.vendor != "postgresql":  # SQLite lists every match, whatever the bound
        assert text(page, ".result-count") == "Найдено материалов: 3" and len(titles(page)) == 3
        assert text(listed, ".shown-count") == "(материалов: 3)"
        return
    assert text(listed, ".shown-count") == "(материалов: 2+)"
    assert text(page, ".result-count") == (
        "Найдено много материалов: показаны 2 самых подходящих. Уточните запрос, чтобы сузить поиск."
    )
    assert len(titles(page)) == 2
    assert text(page, ".shown-count") == "(материалов: 2+)"


def test_search_without_query_invites_one(client, world):
    page = html(client, "/search/")
    assert "Введите слова для поиска" in page and titles(page) == []


def test_drafts_and_scheduled_appear_nowhere(client, world):
    urls = ["/", "/?theme=kazakhstan", "/search/?q=Казахстан", "/search/?q=черновик", "/2025/", "/archive/",
            "/themes/kazakhstan/", "/authors/andrey-serenko/", "/sources/contur-kz/", "/themes/", "/sitemap.xml"]  # fmt: skip
    for url in urls:
        page = html(client, url)
        assert "Секретный черновик" not in page and "Будущая статья" not in page, url
        assert world["draft"].slug not in page and world["scheduled"].slug not in page, url
    for hidden in ("draft", "scheduled"):
        article = world[hidden]
        day = timezone.localdate(article.published_at or timezone.now())
        html(client, f"/{day:%Y/%m/%d}/{article.slug}/", status=404)


def test_sitemap_and_robots(client, world):
    index = html(client, "/sitemap.xml")
    sections = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index)
    sitemap = "".join(html(client, url) for url in sections)
    assert "http://testserver" + world["opinion"].get_absolute_url() in sitemap
    assert "/themes/kazakhstan/" in sitemap and "/authors/andrey-serenko/" in sitemap
    assert world["draft"].slug not in sitemap and world["scheduled"].slug not in sitemap
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert (
        "Disallow: /admin/" in robots.content.decode()
        and "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    )


def test_every_page_has_title_description_canonical_and_og(client, world):
    for url in ["/", "/themes/", "/themes/kazakhstan/", "/2025/11/", "/archive/", world["opinion"].get_absolute_url()]:
        page = html(client, url)
        assert re.search(r"<title>[^<]+</title>", page), url
        assert '<meta name="description" content="' in page and '<link rel="canonical"' in page, url
        assert '<meta property="og:title"' in page, url
        assert '<a class="skip-link" href="#content">' in page and "<main" in page and "<nav" in page


@pytest.mark.parametrize(
    "url", ["/", "/?theme=kazakhstan&q=Казахстан", "/themes/kazakhstan/", "/authors/andrey-serenko/", "/sources/contur-kz/",
            "/2025/", "/2025/11/", "/2025/11/03/", "/archive/", "/themes/", "/authors/", "/sources/",
            "/search/?q=Казахстан", "/?theme=kazakhstan", "/?theme=kazakhstan&kind=analysis",
            "/themes/kazakhstan/?kind=analysis&date_from=2025-11-02", "/?author=andrey-serenko&date_to=2025-11-20",
            "/?kind=analysis", "/sources/contur-kz/?kind=analysis"],
)  # fmt: skip
@pytest.mark.parametrize("extra", [3, 30])
def test_list_pages_make_a_constant_number_of_queries(client, django_assert_max_num_queries, url, extra):
    serenko = make_author("Андрей Серенко")
    contur = make_source("Contur.kz")
    kz = make_theme("Казахстан")
    for i in range(extra):
        make_article(
            title=f"Казахстан {i}", authors=[serenko, make_author()], themes=[kz, make_theme()], source=contur,
            published_at=at(2025, 11, 1 + i % 28),
        )  # fmt: skip
    # The filter panel and the facet's own check read the maintained counts (on PostgreSQL the tally
    # and the articles due since its watermark, one small query) — never a scan; and the next
    # scheduled publication (archive/cache.py).
    with django_assert_max_num_queries(21):
        response = client.get(url)
    assert response.status_code == 200


def test_the_page_of_a_theme_author_or_source_says_what_is_known_of_it_and_nothing_else(client):
    """Position and biography of an author, description and site of a source, description of a theme."""
    author = make_author("Андрей Серенко", position="политолог", bio="Пишет о Центральной Азии.")
    bare = make_author("Иван Петров")
    source = make_source("Contur.kz", url="https://contur.kz/", description="Казахстанское издание.")
    theme = make_theme("Казахстан", description="Всё о Казахстане.")
    make_article(authors=[author, bare], source=source, themes=[theme])
    header = ".facet-header"
    page = html(client, f"/authors/{author.slug}/")
    assert text(page, f"{header} .position") == "политолог"
    assert text(page, f"{header} .bio") == "Пишет о Центральной Азии."
    assert texts(page, f"{header} a[rel=noopener]") == []
    page = html(client, f"/authors/{bare.slug}/")
    assert texts(page, f"{header} .position") == texts(page, f"{header} .bio") == []
    page = html(client, f"/sources/{source.slug}/")
    assert text(page, f"{header} .bio") == "Казахстанское издание."
    assert attrs(page, f"{header} a[rel=noopener]", "href") == ["https://contur.kz/"]
    assert texts(page, f"{header} .position") == []
    page = html(client, f"/themes/{theme.slug}/")
    assert text(page, f"{header} .bio") == "Всё о Казахстане."
    assert texts(page, f"{header} .position") == texts(page, f"{header} a[rel=noopener]") == []


def test_a_search_on_an_author_page_with_another_author_chosen_lists_their_shared_articles(client):
    first, second = make_author("Анна Ким"), make_author("Борис Ли")
    make_article(title="Семипалатинск", body="Первый.", authors=[first])
    make_article(title="Семипалатинск вдвоём", body="Второй.", authors=[first, second])
    make_article(title="Семипалатинск без неё", body="Третий.", authors=[second])
    page = html(client, f"/authors/{first.slug}/?author={second.slug}&q=Семипалатинск")
    assert titles(page) == ["Семипалатинск вдвоём"]
    assert text(page, ".shown-count") == "(материалов: 1)"
