"""Finding and reading the feeds from a browser: autodiscovery on every page, «Подписка», the XSLT view."""

from datetime import datetime
from html.parser import HTMLParser

import lxml.html
import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone
from lxml import etree

from tests.factories import make_article, make_author, make_source, make_theme

pytestmark = pytest.mark.django_db


class AlternateLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.feeds, self.titles = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate":
            self.feeds.append((attrs["type"], attrs["href"]))
            self.titles.append(attrs.get("title"))


def alternate_links(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = AlternateLinks()
    parser.feed(response.content.decode())
    return parser


def announced(client, url):
    return alternate_links(client, url).feeds


@pytest.fixture
def article():
    return make_article(
        title="Итоги года",
        authors=[make_author("Иван Петров")],
        themes=[make_theme("Казахстан")],
        source=make_source("Contur.kz"),
        published_at=timezone.make_aware(datetime(2025, 12, 11, 12)),
    )


MAIN = [
    ("application/rss+xml", "/feeds/rss/"),
    ("application/atom+xml", "/feeds/atom/"),
    ("application/feed+json", "/feeds/json/"),
]


@pytest.mark.parametrize(
    ("url", "own"),
    [
        ("/", None),
        ("/archive/", None),
        ("/themes/", None),
        ("/authors/", None),
        ("/subscribe/", None),
        ("/search/?q=итоги", "/feeds/rss/?q=%D0%B8%D1%82%D0%BE%D0%B3%D0%B8"),
        ("/2025/12/11/itogi-goda/", None),
        ("/2025/", "/feeds/rss/?date_from=2025-01-01&date_to=2025-12-31"),
        ("/2025/12/", "/feeds/rss/?date_from=2025-12-01&date_to=2025-12-31"),
        ("/2025/12/11/", "/feeds/rss/?date_from=2025-12-11&date_to=2025-12-11"),
        ("/themes/kazakhstan/", "/themes/kazakhstan/rss/"),
        ("/authors/ivan-petrov/?kind=analysis", "/authors/ivan-petrov/rss/?kind=analysis"),
        ("/?kind=opinion", "/feeds/rss/?kind=opinion"),
    ],
)
def test_every_page_announces_the_main_feed_and_its_own(client, article, url, own):
    feeds = announced(client, url)
    assert feeds[:3] == MAIN
    rss = [href for kind, href in feeds[3:] if kind == "application/rss+xml"]
    assert rss == ([own] if own else [])


@pytest.mark.parametrize(
    ("url", "own"),
    [("/", None), ("/themes/kazakhstan/", "Казахстан"), ("/authors/ivan-petrov/", "Иван Петров")],
)
def test_a_browser_names_each_announced_feed_by_format_and_subject(client, article, url, own):
    formats = ["RSS", "Atom", "JSON Feed"]
    expected = [f"{fmt}: все материалы" for fmt in formats] + ([f"{fmt}: {own}" for fmt in formats] if own else [])
    assert alternate_links(client, url).titles == expected


def test_the_header_links_to_the_subscription_page(client, article):
    page = client.get("/").content.decode()
    assert '<a href="/subscribe/">Подписаться</a>' in page


def test_the_subscription_page_lists_every_feed_to_copy(client, article):
    page = client.get("/subscribe/").content.decode()
    for url in (
        "http://testserver/feeds/rss/",
        "http://testserver/feeds/atom/",
        "http://testserver/feeds/json/",
        "http://testserver/feeds/rss/?kind=opinion",
        "http://testserver/themes/kazakhstan/atom/",
    ):
        assert f'readonly value="{url}"' in page
    assert "скопируйте адрес ленты" in page


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_a_browser_shows_the_feed_as_a_russian_page(client, article, fmt):
    xml = etree.fromstring(client.get(f"/feeds/{fmt}/").content)
    instruction = xml.getprevious()
    assert instruction.target == "xml-stylesheet" and instruction.get("href") == "/static/feeds/feed.xsl"
    assert instruction.get("type") == "text/xsl"
    transform = etree.XSLT(etree.parse(finders.find("feeds/feed.xsl")))
    html = etree.tostring(transform(xml), encoding="unicode", method="html")
    assert "Это лента новостей" in html and "Итоги года" in html and "Иван Петров" in html
    assert f"http://testserver/feeds/{fmt}/" in html and 'href="/subscribe/"' in html


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_browsers_get_xml_they_can_style_and_readers_their_feed_type(client, article, fmt):
    browser = client.get(
        f"/feeds/{fmt}/", HTTP_ACCEPT="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    )
    assert browser["Content-Type"] == "application/xml; charset=utf-8"
    reader = client.get(f"/feeds/{fmt}/", HTTP_ACCEPT="application/rss+xml, application/atom+xml, */*")
    assert reader["Content-Type"] == f"application/{fmt}+xml; charset=utf-8"
    assert "Accept" in reader["Vary"] and browser.content == reader.content


def test_the_feed_line_and_the_subscription_page_name_each_format(client, article):
    page = lxml.html.fromstring(client.get("/themes/kazakhstan/").content)
    links = page.cssselect("p.feed-line a[type]")
    assert [(a.text, a.get("href")) for a in links] == [
        ("RSS", "/themes/kazakhstan/rss/"),
        ("Atom", "/themes/kazakhstan/atom/"),
        ("JSON Feed", "/themes/kazakhstan/json/"),
    ]
    subscribe = lxml.html.fromstring(client.get("/subscribe/").content)
    first = subscribe.cssselect("ul.feed-urls")[0]
    assert [span.text for span in first.cssselect(".feed-format")] == ["RSS", "Atom", "JSON Feed"]
