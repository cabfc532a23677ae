"""Every feed's name, address and whole history: filtered titles, RFC 5005 pages and monthly archives."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive import feed_scope
from tests.archive.feed_helpers import links, parse, parse_json
from tests.factories import make_article, make_author, make_source, make_theme

pytestmark = pytest.mark.django_db

SITE = "Евразийский аналитический архив"
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def world():
    kz = make_theme("Казахстан")
    make_article(
        title="Мнение", kind="opinion", authors=[make_author("Иван Петров")], themes=[kz], published_at=at(2025, 12, 11)
    )
    make_article(title="Анализ", themes=[kz], published_at=at(2025, 11, 20))
    make_article(title="Новость", kind="news", published_at=at(2025, 11, 3))


@pytest.mark.parametrize(
    ("url", "title", "home"),
    [
        ("/feeds/{fmt}/", SITE, "/"),
        ("/feeds/{fmt}/?kind=opinion", f"Мнения — {SITE}", "/?kind=opinion"),
        ("/themes/kazakhstan/{fmt}/", f"Тема «Казахстан» — {SITE}", "/themes/kazakhstan/"),
        (
            "/themes/kazakhstan/{fmt}/?kind=analysis&bogus=1",
            f"Тема «Казахстан», Аналитика — {SITE}",
            "/themes/kazakhstan/?kind=analysis",
        ),
        (
            "/feeds/{fmt}/?date_to=2025-11-30&theme=kazakhstan",
            f"Тема «Казахстан», по 30.11.2025 — {SITE}",
            "/?theme=kazakhstan&date_to=2025-11-30",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_each_filtered_feed_has_its_own_title_id_home_and_self_link(client, world, fmt, url, title, home):
    url = url.format(fmt=fmt)
    canonical = "http://testserver" + url.replace("&bogus=1", "")
    canonical = canonical.replace("?date_to=2025-11-30&theme=kazakhstan", "?theme=kazakhstan&date_to=2025-11-30")
    if fmt == "json":
        data = parse_json(client, url)
        assert data["title"] == title
        assert data["home_page_url"] == "http://testserver" + home
        assert data["feed_url"] == canonical
        return
    feed = parse(client, url)
    assert feed.feed.title == title
    assert links(feed)["self"] == canonical
    assert feed.feed.link == "http://testserver" + home
    if fmt == "atom":
        assert feed.feed.id == canonical


def test_main_and_filtered_feeds_differ_for_readers(client, world):
    main, opinions = parse(client, "/feeds/atom/"), parse(client, "/feeds/atom/?kind=opinion")
    assert main.feed.id != opinions.feed.id and main.feed.title != opinions.feed.title


@pytest.fixture
def many(monkeypatch):
    """12 articles in pages of 5 (5 + 5 + 2): the paging of 50-item pages, quicker."""
    monkeypatch.setattr(feed_scope, "FEED_ITEMS", 5)
    theme = make_theme("Казахстан")
    start = at(2025, 10, 1)
    for i in range(12):
        make_article(title=f"Статья {i}", themes=[theme], published_at=start + timedelta(hours=12 * i))


@pytest.mark.parametrize("base", ["/feeds/{fmt}/", "/themes/kazakhstan/{fmt}/"])
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_rfc5005_pages_lead_through_the_whole_history(client, many, base, fmt):
    url = "http://testserver" + base.format(fmt=fmt)
    seen, page_url = [], url
    while page_url:
        feed = parse(client, page_url)
        seen += [entry.title for entry in feed.entries]
        rels = links(feed)
        assert rels["first"] == url and rels["last"] == url + "?page=3" and rels["self"] == page_url
        page_url = rels.get("next")
    assert seen == [f"Статья {i}" for i in range(11, -1, -1)]
    assert links(parse(client, url + "?page=2"))["previous"] == url


@pytest.mark.parametrize("base", ["/feeds/rss/", "/themes/kazakhstan/rss/", "/feeds/rss/?kind=analysis"])
def test_pages_stop_at_the_cap_and_older_articles_are_in_the_monthly_archives(client, many, monkeypatch, base):
    monkeypatch.setattr(feed_scope, "MAX_PAGES", 2)
    separator = "&" if "?" in base else "?"
    feed = parse(client, "http://testserver" + base)
    assert links(feed)["last"] == f"http://testserver{base}{separator}page=2"
    assert "next" not in links(parse(client, f"{base}{separator}page=2"))
    assert client.get(f"{base}{separator}page=3").status_code == 404
    assert "prev-archive" in links(feed)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the maintained counts are PostgreSQL's")
def test_a_feed_of_everything_counts_nothing(client, many):
    with CaptureQueriesContext(connection) as queries:
        assert links(parse(client, "/feeds/atom/"))["last"].endswith("?page=3")
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"] or "DATE_TRUNC" in q["sql"]]


def test_json_feed_pages_through_next_url(client, many):
    titles, url = [], "/feeds/json/"
    while url:
        data = parse_json(client, url)
        titles += [item["title"] for item in data["items"]]
        url = data.get("next_url")
    assert len(titles) == 12 and titles[-1] == "Статья 0"


@pytest.mark.parametrize("page", ["0", "2", "-1", "abc", "1.5", "٣", "99999999999999999999", ""])
@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/json/", "/themes/kazakhstan/atom/"])
def test_a_page_that_does_not_exist_is_404(client, world, url, page):
    assert client.get(f"{url}?page={page}").status_code == 404


def test_page_one_of_an_empty_feed_exists(client):
    assert parse(client, "/feeds/rss/?page=1").entries == []


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_monthly_archives_are_complete_and_linked(client, world, fmt):
    feed = parse(client, f"/feeds/{fmt}/")
    december = f"/feeds/archive/2025/12/{fmt}/"
    assert links(feed)["prev-archive"] == "http://testserver" + december  # the latest finished month
    archive = parse(client, december)
    assert [e.title for e in archive.entries] == ["Мнение"]
    assert "fh_archive" in archive.feed
    assert archive.feed.title == f"Архив за декабрь 2025 — {SITE}"
    rels = links(archive)
    assert rels["current"] == f"http://testserver/feeds/{fmt}/"
    assert rels["prev-archive"] == f"http://testserver/feeds/archive/2025/11/{fmt}/"
    older = parse(client, rels["prev-archive"])
    assert [e.title for e in older.entries] == ["Анализ", "Новость"]
    assert links(older)["next-archive"] == "http://testserver" + december
    assert "prev-archive" not in links(older)


def test_a_theme_has_its_own_archives(client, world):
    feed = parse(client, "/themes/kazakhstan/atom/?kind=analysis")
    november = links(feed)["prev-archive"]
    assert november == "http://testserver/themes/kazakhstan/archive/2025/11/atom/?kind=analysis"
    assert [e.title for e in parse(client, november).entries] == ["Анализ"]


def test_json_archive_is_expired(client, world):
    data = parse_json(client, "/feeds/archive/2025/11/json/")
    assert data["expired"] is True and [i["title"] for i in data["items"]] == ["Анализ", "Новость"]


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/archive/2025/10/rss/",  # no articles
        "/feeds/archive/2031/01/atom/",  # the future
        "/feeds/archive/2025/13/atom/",  # no such month
        "/themes/kazakhstan/archive/2025/10/json/",
    ],
)
def test_no_archive_for_an_empty_or_unfinished_month(client, world, url):
    assert client.get(url).status_code == 404


def test_the_current_month_has_no_archive_yet(client):
    make_article(title="Сегодня")
    today = timezone.localdate()
    assert client.get(f"/feeds/archive/{today:%Y}/{today:%m}/rss/").status_code == 404
    assert "prev-archive" not in links(parse(client, "/feeds/rss/"))


@pytest.mark.parametrize(
    ("query", "title", "canonical"),
    [
        (
            "?date_to=2025-12-31&q=итоги&kind=opinion&source=contur-kz&author=ivan-petrov&theme=kosmos"
            "&date_from=2025-11-01&theme=kazakhstan",
            "Мнения, Темы «Казахстан», «космос», Автор «Иван Петров», Источник «Contur.kz», "
            "с 01.11.2025 по 31.12.2025, Поиск «итоги»",
            "?q=%D0%B8%D1%82%D0%BE%D0%B3%D0%B8&theme=kazakhstan&theme=kosmos&author=ivan-petrov&source=contur-kz"
            "&kind=opinion&date_from=2025-11-01&date_to=2025-12-31",
        ),
        ("?date_from=2025-11-01", "С 01.11.2025", "?date_from=2025-11-01"),
        ("?source=contur-kz&page=1", "Источник «Contur.kz»", "?source=contur-kz"),
    ],
)
def test_a_feed_with_every_filter_names_each_and_has_one_canonical_address(client, world, query, title, canonical):
    make_article(title="Запуск", themes=[make_theme("космос")], source=make_source("Contur.kz"))
    feed = parse(client, "/feeds/atom/" + query)
    assert feed.feed.title == f"{title} — {SITE}"
    assert links(feed)["self"] == feed.feed.id == "http://testserver/feeds/atom/" + canonical


def test_an_authors_feed_is_named_after_the_author(client, world):
    feed = parse(client, "/authors/ivan-petrov/rss/")
    assert feed.feed.title == f"Автор «Иван Петров» — {SITE}" and [e.title for e in feed.entries] == ["Мнение"]


def descriptions(client, url):
    """A feed's description as each reader shows it: RSS <description>, Atom <subtitle>, JSON ``description``."""
    found = {fmt: parse(client, url.format(fmt=fmt)).feed.subtitle for fmt in ("rss", "atom")}
    return found | {"json": parse_json(client, url.format(fmt="json"))["description"]}


@pytest.mark.parametrize(
    ("url", "description"),
    [
        ("/feeds/{fmt}/", "Новые материалы архива: аналитика и мнения о политике России, Казахстана и Евразии."),
        ("/feeds/{fmt}/?date_from=2025-11-01", "Новые материалы архива: с 01.11.2025."),
        ("/themes/kazakhstan/{fmt}/?kind=analysis", "Новые материалы архива: тема «Казахстан», Аналитика."),
        (
            "/feeds/archive/2025/11/{fmt}/",
            "Материалы архива за ноябрь 2025: аналитика и мнения о политике России, Казахстана и Евразии.",
        ),
        ("/themes/kazakhstan/archive/2025/11/{fmt}/", "Материалы архива за ноябрь 2025: тема «Казахстан»."),
    ],
)
def test_each_feed_describes_what_it_holds(client, world, url, description):
    assert descriptions(client, url) == {"rss": description, "atom": description, "json": description}


def test_a_themes_monthly_archive_is_named_after_the_theme_and_the_month(client, world):
    feed = parse(client, "/themes/kazakhstan/archive/2025/11/atom/")
    assert feed.feed.title == f"Тема «Казахстан», архив за ноябрь 2025 — {SITE}"


@pytest.mark.parametrize(
    ("url", "home"),
    [
        ("/feeds/archive/2025/11/{fmt}/", "/?date_from=2025-11-01&date_to=2025-11-30"),
        (
            "/themes/kazakhstan/archive/2025/11/{fmt}/?date_to=2025-12-31&kind=analysis",
            "/themes/kazakhstan/?kind=analysis&date_from=2025-11-01&date_to=2025-11-30",
        ),
    ],
)
def test_a_monthly_archive_links_home_to_the_list_of_that_month(client, world, url, home):
    """The reader's own dates give way to the month's: the page shows what the archive holds."""
    found = {fmt: parse(client, url.format(fmt=fmt)).feed.link for fmt in ("rss", "atom")}
    found["json"] = parse_json(client, url.format(fmt="json"))["home_page_url"]
    assert found == dict.fromkeys(("rss", "atom", "json"), "http://testserver" + home)


def test_a_filtered_feed_ends_at_its_own_last_page(client, world, monkeypatch):
    """A filtered feed counts its own articles, not those of the whole archive."""
    monkeypatch.setattr(feed_scope, "FEED_ITEMS", 1)
    feed = parse(client, "/feeds/atom/?kind=opinion")
    assert links(feed)["last"] == "http://testserver/feeds/atom/?kind=opinion" and "next" not in links(feed)
    assert client.get("/feeds/atom/?kind=opinion&page=2").status_code == 404
    assert links(parse(client, "/feeds/atom/"))["last"] == "http://testserver/feeds/atom/?page=3"


@pytest.mark.parametrize(("fmt", "path"), [("rss", "channel/atom:link"), ("atom", "atom:link")])
def test_history_and_hub_links_are_empty_atom_links_with_rel_and_href(client, world, settings, fmt, path):
    """As XML readers find them (feedparser forgives the case of names and text inside a link)."""
    settings.WEBSUB_HUBS = ["https://hub.example/"]
    expected = {
        "first": f"http://testserver/feeds/{fmt}/",
        "last": f"http://testserver/feeds/{fmt}/",
        "prev-archive": f"http://testserver/feeds/archive/2025/12/{fmt}/",
        "hub": "https://hub.example/",
    }
    xml = ET.fromstring(client.get(f"/feeds/{fmt}/").content)
    found = {link.get("rel"): (link.attrib, link.text) for link in xml.iterfind(path, ATOM)}
    assert {rel: found.get(rel) for rel in expected} == {
        rel: ({"rel": rel, "href": href}, None) for rel, href in expected.items()
    }


def test_a_theme_after_the_genre_keeps_its_capital_in_the_title(client, world):
    assert (
        parse(client, "/feeds/atom/?kind=opinion&theme=kazakhstan").feed.title == f"Мнения, Тема «Казахстан» — {SITE}"
    )


def test_a_monthly_archive_names_its_own_address_as_self(client, world):
    """The archive document's self link is the archive's address; «current» leads back to the subscription."""
    for fmt in ("rss", "atom"):
        rels = links(parse(client, f"/themes/kazakhstan/archive/2025/11/{fmt}/"))
        assert rels["self"] == f"http://testserver/themes/kazakhstan/archive/2025/11/{fmt}/"
    data = parse_json(client, "/themes/kazakhstan/archive/2025/11/json/")
    assert data["feed_url"] == "http://testserver/themes/kazakhstan/archive/2025/11/json/"


def raw_rels(client, url):
    """{rel: href} of a feed's links as an XML reader reads them (feedparser lowercases rel values)."""
    xml = ET.fromstring(client.get(url).content)
    return {link.get("rel"): link.get("href") for link in xml.iterfind("atom:link", ATOM)}


def test_previous_leads_one_page_back_and_page_one_has_none(client, many):
    base = "http://testserver/feeds/atom/"
    assert raw_rels(client, "/feeds/atom/?page=3")["previous"] == base + "?page=2"
    assert "previous" not in raw_rels(client, "/feeds/atom/")
    assert raw_rels(client, "/feeds/archive/2025/10/atom/")["current"] == base
