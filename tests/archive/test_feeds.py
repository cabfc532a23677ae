"""Feeds as a real reader sees them: parsed with feedparser, conditional GET, every facet."""

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from unittest import mock

import feedparser
import lxml.html
import pytest
from django.utils import timezone

from archive import feeds
from editorial.models import Article
from tests.factories import make_article, make_author, make_source, make_theme

pytestmark = pytest.mark.django_db

DISCLAIMER = "Автор выражает личное мнение, которое может не совпадать с позицией редакции."


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 12))


@pytest.fixture
def world():
    serenko = make_author("Андрей Серенко", position="директор центра")
    aigerim = make_author("Айгерим Нурланова")
    contur = make_source("Contur.kz", url="https://contur.kz/")
    kz, space = make_theme("Казахстан"), make_theme("космос")
    return {
        "opinion": make_article(
            title="Итоги года: «Россия & Казахстан» <союз>", kind="opinion", authors=[serenko, aigerim], themes=[kz, space],
            published_at=at(2025, 12, 11), lead="Лид с «кавычками» & <знаками>.",
            body='Текст с "кавычками", & амперсандом и a < b.\n\nВторой абзац.',
        ),
        "analysis": make_article(
            title="Стратегическое партнерство", themes=[kz], source=contur, source_url="https://contur.kz/news/42",
            published_at=at(2025, 11, 20), authors=[aigerim],
        ),
        "news": make_article(title="Байконур: запуск", kind="news", themes=[space], published_at=at(2025, 11, 3)),
        "draft": make_article(title="Черновик", themes=[kz, space], authors=[serenko], source=contur, published=False),
        "scheduled": make_article(title="Завтрашняя", themes=[kz, space], authors=[serenko], source=contur, ago=-timedelta(hours=2)),
    }  # fmt: skip


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return response, feed


def parse_json_feed(client, url):
    """JSON Feed 1.1 checked against the spec's required structure (feedparser 6 reads XML only)."""
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/feed+json")
    data = json.loads(response.content)
    assert data["version"] == "https://jsonfeed.org/version/1.1" and isinstance(data["title"], str)
    for item in data["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert item.get("content_html") or item.get("content_text")
        datetime.fromisoformat(item["date_published"])
        datetime.fromisoformat(item["date_modified"])
        assert all("name" in author for author in item["authors"])
    return data


FEEDS = {
    "/feeds/{fmt}/": ["Итоги года: «Россия & Казахстан» <союз>", "Стратегическое партнерство", "Байконур: запуск"],
    "/themes/kazakhstan/{fmt}/": ["Итоги года: «Россия & Казахстан» <союз>", "Стратегическое партнерство"],
    "/themes/kosmos/{fmt}/": ["Итоги года: «Россия & Казахстан» <союз>", "Байконур: запуск"],
    "/authors/aygerim-nurlanova/{fmt}/": ["Итоги года: «Россия & Казахстан» <союз>", "Стратегическое партнерство"],
    "/authors/andrey-serenko/{fmt}/": ["Итоги года: «Россия & Казахстан» <союз>"],
    "/sources/contur-kz/{fmt}/": ["Стратегическое партнерство"],
    "/feeds/{fmt}/?theme=kazakhstan&theme=kosmos&kind=opinion": ["Итоги года: «Россия & Казахстан» <союз>"],
    "/feeds/{fmt}/?date_from=2025-11-10&date_to=2025-11-30": ["Стратегическое партнерство"],
}


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
@pytest.mark.parametrize(("url", "titles"), FEEDS.items())
def test_every_feed_parses_with_its_items_newest_first(client, world, fmt, url, titles):
    if fmt == "json":
        found = [item["title"] for item in parse_json_feed(client, url.format(fmt=fmt))["items"]]
    else:
        found = [entry.title for entry in parse(client, url.format(fmt=fmt))[1].entries]
    assert found == titles


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_items_carry_everything_a_reader_needs(client, world, fmt):
    response, feed = parse(client, f"/feeds/{fmt}/")
    assert feed.feed.title == "Евразийский аналитический архив"
    assert feed.feed.language == "ru"
    assert feed.feed.updated_parsed is not None  # lastBuildDate / updated
    opinion, analysis = feed.entries[0], feed.entries[1]
    assert opinion.link == "http://testserver" + world["opinion"].get_absolute_url()
    assert opinion.id.startswith("tag:") and opinion.id.endswith(f":article:{world['opinion'].pk}")
    assert opinion.published_parsed[:3] == (2025, 12, 11)
    assert opinion.updated_parsed is not None
    if fmt == "atom":
        assert [a["name"] for a in opinion.authors] == ["Андрей Серенко", "Айгерим Нурланова"]
    else:  # one dc:creator naming both, in order
        assert [a["name"] for a in opinion.authors] == ["Андрей Серенко, Айгерим Нурланова"]
    assert [t.term for t in opinion.tags] == ["Казахстан", "космос"]
    assert opinion.summary.startswith("Лид с «кавычками» & <знаками>.") or opinion.summary.startswith(
        "<p>Лид с «кавычками» &amp; &lt;знаками&gt;.</p>"
    )
    content = opinion.content[0].value
    assert (
        "Текст с &quot;кавычками&quot;, &amp; амперсандом и a &lt; b." in content
        or 'Текст с "кавычками", &amp; амперсандом и a &lt; b.' in content
    )
    assert DISCLAIMER in content
    assert (
        'Источник: <a href="https://contur.kz/news/42" rel="noopener noreferrer">Contur.kz</a>'
        in analysis.content[0].value
    )
    assert DISCLAIMER not in analysis.content[0].value
    ET.fromstring(response.content)  # well-formed XML with «», quotes, & and <


def test_rss_has_a_self_link_and_one_creator_naming_every_author(client, world):
    _, feed = parse(client, "/feeds/rss/?kind=opinion")
    assert {link.rel: link.href for link in feed.feed.links}["self"] == "http://testserver/feeds/rss/?kind=opinion"
    assert feed.entries[0].author == "Андрей Серенко, Айгерим Нурланова"
    assert len(feed.entries[0].authors) == 1


def test_json_feed_1_1(client, world):
    data = parse_json_feed(client, "/feeds/json/")
    assert data["feed_url"] == "http://testserver/feeds/json/" and data["language"] == "ru"
    item = data["items"][0]
    assert set(item) >= {
        "id",
        "url",
        "title",
        "content_html",
        "summary",
        "date_published",
        "date_modified",
        "authors",
        "tags",
    }
    assert [a["name"] for a in item["authors"]] == ["Андрей Серенко", "Айгерим Нурланова"]
    assert DISCLAIMER in item["content_html"]
    assert data["items"][1]["external_url"] == "https://contur.kz/news/42"


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_conditional_get_answers_304(client, world, fmt):
    first = client.get(f"/feeds/{fmt}/")
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(f"/feeds/{fmt}/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(f"/feeds/{fmt}/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(f"/feeds/{fmt}/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_an_edit_changes_the_validators_and_the_feed(client, world, django_capture_on_commit_callbacks):
    first = client.get("/feeds/atom/")
    article = world["news"]
    article.title = "Байконур: запуск перенесён"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    second = client.get("/feeds/atom/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert "Байконур: запуск перенесён" in [e.title for e in feedparser.parse(second.content).entries]
    # The id stays the same when the article is edited.
    old = {e.title: e.id for e in feedparser.parse(first.content).entries}["Байконур: запуск"]
    assert old in second.content.decode()


def test_renaming_a_theme_changes_the_feed_at_once(client, world, django_capture_on_commit_callbacks):
    first = client.get("/feeds/rss/")
    theme = world["opinion"].themes.get(name="космос")
    theme.name = "Космос и Байконур"
    with django_capture_on_commit_callbacks(execute=True):
        theme.save()
    second = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and second["ETag"] != first["ETag"]
    assert "Космос и Байконур" in [t.term for t in feedparser.parse(second.content).entries[0].tags]


def test_a_scheduled_article_appears_by_itself_when_its_time_comes(client, world):
    first = client.get("/feeds/rss/")
    assert "Завтрашняя" not in first.content.decode()
    # Its time comes: nothing is saved, the clock moves on.
    with mock.patch("django.utils.timezone.now", return_value=world["scheduled"].published_at + timedelta(seconds=1)):
        second = client.get(
            "/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
        )
    assert second.status_code == 200
    assert feedparser.parse(second.content).entries[0].title == "Завтрашняя"


def test_unpublishing_removes_the_item_even_from_a_cached_feed(client, world, django_capture_on_commit_callbacks):
    first = client.get("/feeds/rss/")
    world["news"].status = Article.Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        world["news"].save()
    second = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and "Байконур" not in second.content.decode()


def test_the_feed_is_not_rebuilt_for_every_reader(client, world, django_assert_max_num_queries):
    client.get("/feeds/rss/")
    with django_assert_max_num_queries(0):  # the cache answers before the database is asked anything
        assert client.get("/feeds/rss/").status_code == 200


@pytest.mark.parametrize("url", ["/themes/nothing/rss/", "/authors/nobody/atom/", "/sources/nowhere/json/"])
def test_unknown_facet_is_404(client, world, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query", ["?theme=%3Cscript%3E", "?date_from=abc", "?page=1&kind=poem", "?q=" + "ж" * 10000, "?%FF=%FE"]
)
def test_garbage_query_strings_are_ignored(client, world, query):
    _, feed = parse(client, "/feeds/rss/" + query)
    assert len(feed.entries) == 3


def test_many_items_are_capped_and_query_count_is_constant(client, django_assert_max_num_queries):
    theme = make_theme("Казахстан")
    for i in range(60):
        make_article(
            title=f"Статья {i}",
            themes=[theme],
            authors=[make_author()],
            published_at=at(2025, 1, 1) + timedelta(hours=i),
        )
    with django_assert_max_num_queries(8):
        _, feed = parse(client, "/themes/kazakhstan/rss/")
    assert len(feed.entries) == 50 and feed.entries[0].title == "Статья 59"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", "/feeds/rss/"),
        ("/?theme=kazakhstan&kind=opinion&page=1", "/feeds/rss/?theme=kazakhstan&amp;kind=opinion"),
        ("/themes/kazakhstan/", "/themes/kazakhstan/rss/"),
        ("/authors/andrey-serenko/", "/authors/andrey-serenko/rss/"),
        ("/sources/contur-kz/", "/sources/contur-kz/rss/"),
    ],
)
def test_pages_announce_their_feeds(client, world, url, expected):
    page = client.get(url).content.decode()
    assert '<link rel="alternate" type="application/rss+xml" title="RSS: ' in page
    assert f'href="{expected}"' in page
    atom = expected.replace("/rss/", "/atom/")
    assert 'type="application/atom+xml"' in page and f'href="{atom}"' in page
    assert 'type="application/feed+json"' in page


def test_control_characters_pasted_from_word_never_break_a_feed(client):
    author = make_author("Андрей\x0bСеренко", position="директор\x01 центра")
    theme = make_theme("Казахстан\x0c")
    make_article(
        title="Заголовок\x0bиз Word",
        lead="Лид\x0c",
        body="Текст\x01 абзаца.",
        authors=[author],
        themes=[theme],
        kind="opinion",
    )
    for fmt in ("rss", "atom"):
        _, feed = parse(client, f"/feeds/{fmt}/")
        assert feed.entries[0].title.split() == ["Заголовок", "из", "Word"]
        assert feed.entries[0].authors[0]["name"].split() == ["Андрей", "Серенко"]
    content = parse_json_feed(client, "/feeds/json/")["items"][0]["content_html"]
    assert content.startswith("<p><strong>Лид</strong></p>\n<p>Текст абзаца.</p>")


def test_rss_text_reads_right_in_text_readers_and_in_html_readers(client):
    """RSS does not say whether a title is text or HTML: newsboat and sfeed show the XML text, feedparser and
    web readers render it as HTML when it looks like HTML. Ordinary titles read the same in both; a title
    that would read as markup is escaped for HTML readers, who then show what the editor typed."""
    ordinary = ["Итоги года: «Россия & Казахстан» <союз>", "Он сказал: \"нет\" и 'да'", "AT&T, A < B и B > C"]
    markup = ["Закон <b>о СМИ</b>", "<img src=x onerror=alert(1)>", "Знак &amp; и &lt;i&gt;"]
    theme = make_theme("Теги <i>курсив</i>")
    for hours, title in enumerate(ordinary + markup, start=1):
        make_article(title=title, authors=[make_author(f"Автор {title}")], themes=[theme], ago=timedelta(hours=hours))
    response, feed = parse(client, "/feeds/rss/")
    xml_titles = [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]
    assert xml_titles[:3] == ordinary  # what a text reader shows
    assert [(e.title, e.title_detail.type) for e in feed.entries[:3]] == [(t, "text/plain") for t in ordinary]
    for entry, title in zip(feed.entries[3:], markup, strict=True):
        assert entry.title_detail.type == "text/html"
        for text in (entry.title, entry.author, entry.tags[0].term):
            shown = lxml.html.fragment_fromstring(text, create_parent="div")
            assert len(shown) == 0  # no element
        assert lxml.html.fragment_fromstring(entry.title, create_parent="div").text_content() == title
    assert xml_titles[3] == "Закон &lt;b&gt;о СМИ&lt;/b&gt;"  # the price: a text reader shows the entities


VIEWS = [  # format, facet, the address's arguments, query string, the titles served
    ("rss", None, {}, "?kind=opinion", ["Итоги года: «Россия & Казахстан» <союз>"]),
    ("atom", "theme", {"slug": "kosmos"}, "", ["Итоги года: «Россия & Казахстан» <союз>", "Байконур: запуск"]),
    ("json", None, {"year": 2025, "month": 11}, "", ["Стратегическое партнерство", "Байконур: запуск"]),
    ("atom", "author", {"slug": "aygerim-nurlanova", "year": 2025, "month": 11}, "", ["Стратегическое партнерство"]),
]


@pytest.mark.parametrize(("fmt", "facet", "kwargs", "query", "titles"), VIEWS)
def test_each_feed_view_serves_its_format_facet_filters_and_month(rf, world, fmt, facet, kwargs, query, titles):
    """The views behind the feed addresses, called as the URL resolver calls them.

    The URL patterns build these views once, when they are imported, so the addresses alone cannot
    tell a view that forgot its format, facet, filters or month from one that kept them.
    """
    response = feeds.feed_view(fmt, facet)(rf.get(f"/feed/{query}"), **kwargs)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(feeds.MIME_TYPES[fmt])
    if fmt == "json":
        found = [item["title"] for item in json.loads(response.content)["items"]]
    else:
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0 and feed.version == {"rss": "rss20", "atom": "atom10"}[fmt]
        found = [entry.title for entry in feed.entries]
    assert found == titles


NAMESPACES = {
    "atom": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "fh": "http://purl.org/syndication/history/1.0",
}


def test_rss_extensions_are_in_their_namespaces(client, world):
    """Readers that go by namespace (as XML says they should), not by prefix as feedparser does, find each one."""
    rss = ET.fromstring(client.get("/feeds/rss/").content)
    item = rss.find("channel/item")
    assert item.findtext("dc:creator", namespaces=NAMESPACES) == "Андрей Серенко, Айгерим Нурланова"
    assert item.findtext("content:encoded", namespaces=NAMESPACES).startswith("<p><strong>Лид с «кавычками»")
    assert item.findtext("atom:updated", namespaces=NAMESPACES) == "2025-12-11T09:00:00+00:00"
    assert rss.find("channel/atom:link[@rel='self']", NAMESPACES).get("href") == "http://testserver/feeds/rss/"
    archive = ET.fromstring(client.get("/feeds/archive/2025/11/rss/").content)
    assert [(m.text, len(m)) for m in archive.iterfind("channel/fh:archive", NAMESPACES)] == [(None, 0)]  # one, empty


def test_an_atom_archive_says_so_in_the_history_namespace(client, world):
    archive = ET.fromstring(client.get("/feeds/archive/2025/11/atom/").content)
    assert [(m.text, len(m)) for m in archive.iterfind("fh:archive", NAMESPACES)] == [(None, 0)]
    assert ET.fromstring(client.get("/feeds/atom/").content).find("fh:archive", NAMESPACES) is None


def test_quotes_in_an_rss_title_that_looks_like_html_stay_quotes(client):
    """Only what HTML would read as markup is escaped: a text reader still shows the editor's quotes."""
    title = "Закон <b>\"о СМИ\"</b> и 'поправки'"
    make_article(title=title)
    response, feed = parse(client, "/feeds/rss/")
    shown_as_text = ET.fromstring(response.content).findtext("channel/item/title")
    assert shown_as_text == "Закон &lt;b&gt;\"о СМИ\"&lt;/b&gt; и 'поправки'"
    assert lxml.html.fragment_fromstring(feed.entries[0].title, create_parent="div").text_content() == title
