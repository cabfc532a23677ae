"""What each item of a feed says, as feed readers parse it: content, summary, dates, authors, addresses."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from archive.feed_items import absolute_links
from editorial.models import Article
from tests.archive.feed_helpers import parse, parse_json
from tests.factories import make_article, make_author, make_source

pytestmark = pytest.mark.django_db

DISCLAIMER = "Автор выражает личное мнение, которое может не совпадать с позицией редакции."


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def opinion():
    return make_article(
        title="Итоги года",
        kind="opinion",
        authors=[make_author("Иван Петров"), make_author("Дәурен Әбенов")],
        source=make_source("Contur.kz", url="https://contur.kz/"),
        source_url="https://contur.kz/news/42",
        published_at=at(2025, 12, 11),
        lead="Первый абзац — <script>alert(1)</script> & «лид».",
        body='<p>Второй абзац со <a href="/themes/kazakhstan/">ссылкой</a> и <a href="notes/">заметками</a>.</p>'
        "<h2>Второй раздел</h2>",
    )


def entry(client, fmt):
    return parse(client, f"/feeds/{fmt}/").entries[0]


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_content_is_lead_body_disclaimer_then_source(client, opinion, fmt):
    if fmt == "json":
        content = parse_json(client, "/feeds/json/")["items"][0]["content_html"]
    else:
        content = entry(client, fmt).content[0].value
    lead = content.index("Первый абзац — &lt;script&gt;alert(1)&lt;/script&gt; &amp; «лид».")
    body = content.index("Второй абзац")
    disclaimer = content.index(DISCLAIMER)
    source = content.index('Источник: <a href="https://contur.kz/news/42"')
    assert lead < body < disclaimer < source
    assert "<script>" not in content


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_every_address_in_the_content_is_absolute(client, opinion, fmt):
    if fmt == "json":
        content = parse_json(client, "/feeds/json/")["items"][0]["content_html"]
    else:
        content = entry(client, fmt).content[0].value
    page = "http://testserver" + opinion.get_absolute_url()
    assert 'href="http://testserver/themes/kazakhstan/"' in content
    assert f'href="{page}notes/"' in content
    assert 'href="/' not in content and 'href="notes' not in content


def test_images_and_links_become_absolute_against_the_article_address():
    html = '<p><a href="../x/">x</a> <img src="/media/map.png" alt="Карта"> <a href="https://e.kz/">e</a></p>'
    assert absolute_links(html, "https://archive.example/2025/12/11/itogi/") == (
        '<p><a href="https://archive.example/2025/12/11/x/" rel="noopener noreferrer">x</a> '
        '<img src="https://archive.example/media/map.png" alt="Карта"> '
        '<a href="https://e.kz/" rel="noopener noreferrer">e</a></p>'
    )


def test_atom_summary_is_declared_text_and_keeps_markup_as_text(client, opinion):
    item = entry(client, "atom")
    assert item.summary_detail.type == "text/plain"
    assert item.content[0].type == "text/html"  # the content, though, is HTML for the reader to render
    assert item.summary.split("\n\n") == [
        "Первый абзац — <script>alert(1)</script> & «лид».",
        DISCLAIMER,
        "Источник: Contur.kz",
    ]


def test_rss_description_is_escaped_html_with_the_disclaimer(client, opinion):
    item = entry(client, "rss")
    assert item.summary_detail.type == "text/html"
    assert item.summary == (
        "<p>Первый абзац — &lt;script&gt;alert(1)&lt;/script&gt; &amp; «лид».</p>"
        f"<p>{DISCLAIMER}</p><p>Источник: Contur.kz</p>"
    )


def test_json_summary_is_text_with_the_disclaimer(client, opinion):
    item = parse_json(client, "/feeds/json/")["items"][0]
    assert item["summary"].startswith("Первый абзац — <script>alert(1)</script>")
    assert DISCLAIMER in item["summary"]


def test_a_non_opinion_summary_is_the_lead_alone(client):
    make_article(title="Анализ", lead="Лид анализа.", source=make_source())
    assert entry(client, "atom").summary == "Лид анализа."


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_authors_all_named_in_order(client, opinion, fmt):
    if fmt == "json":
        item = parse_json(client, "/feeds/json/")["items"][0]
        assert [a["name"] for a in item["authors"]] == ["Иван Петров", "Дәурен Әбенов"]
        assert item["author"]["name"] == "Иван Петров, Дәурен Әбенов"  # JSON Feed 1.0 readers
    elif fmt == "rss":
        item = entry(client, fmt)
        assert [a["name"] for a in item.authors] == ["Иван Петров, Дәурен Әбенов"]
    else:
        item = entry(client, fmt)
        assert [a["name"] for a in item.authors] == ["Иван Петров", "Дәурен Әбенов"]
        assert item.authors[1]["href"] == "http://testserver/authors/dauren-abenov/"


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_an_imported_old_article_is_not_updated_today(client, fmt):
    article = make_article(title="Импорт 2025 года", published_at=at(2025, 3, 1))
    assert article.updated_at > timezone.now() - timedelta(minutes=1)  # written just now
    if fmt == "json":
        item = parse_json(client, "/feeds/json/")["items"][0]
        assert datetime.fromisoformat(item["date_modified"]) == article.published_at
        assert datetime.fromisoformat(item["date_published"]) == article.published_at
    else:
        item = entry(client, fmt)
        assert item.published_parsed[:4] == (2025, 3, 1, 9)  # 12:00 in Moscow
        assert item.updated_parsed[:4] == (2025, 3, 1, 9)


@pytest.mark.parametrize("fmt", ["atom", "json"])
def test_an_edit_after_publication_moves_updated(client, fmt):
    article = make_article(title="Правленая", published_at=timezone.now() - timedelta(days=2))
    Article.objects.filter(pk=article.pk).update(created_at=article.published_at)  # written when published
    article.refresh_from_db()
    article.title = "Правленая статья"
    article.save()
    if fmt == "json":
        item = parse_json(client, "/feeds/json/")["items"][0]
        assert datetime.fromisoformat(item["date_modified"]) == article.updated_at
    else:
        item = entry(client, fmt)
        assert item.updated_parsed[:3] == article.updated_at.utctimetuple()[:3]
        assert item.published_parsed[:3] == article.published_at.utctimetuple()[:3]
        assert item.updated_parsed != item.published_parsed


@pytest.mark.parametrize(("site", "authority"), [("https://analitika.example", "analitika.example"), ("", "localhost")])
def test_the_item_id_is_a_tag_uri_of_the_site_and_the_day_the_article_came_in(client, settings, site, authority):
    settings.SITE_URL = site
    article = make_article(title="Итоги года", published_at=at(2025, 12, 11))
    expected = f"tag:{authority},{article.created_at:%Y-%m-%d}:article:{article.pk}"
    assert [entry(client, fmt).id for fmt in ("rss", "atom")] == [expected, expected]
    assert parse_json(client, "/feeds/json/")["items"][0]["id"] == expected


def test_without_a_lead_the_summary_is_the_first_300_characters_of_the_body(client):
    words = " ".join(f"слово{i}" for i in range(100))  # 789 characters
    make_article(title="Без лида", lead="  ", body=words)
    assert entry(client, "atom").summary == words[:300]
    assert entry(client, "rss").summary == f"<p>{words[:300]}</p>"


@pytest.mark.parametrize(
    ("source_url", "site", "href"),
    [
        ("https://contur.kz/news/42", "https://contur.kz/", "https://contur.kz/news/42"),  # the original
        ("", "https://contur.kz/", "https://contur.kz/"),  # else the source's site
        ("", "", "http://testserver/sources/contur-kz/"),  # else its page in the archive
    ],
)
def test_the_source_line_links_the_original_else_the_site_else_the_source_page(client, source_url, site, href):
    make_article(title="Анализ", source=make_source("Contur.kz", url=site), source_url=source_url)
    content = entry(client, "atom").content[0].value
    assert f'<p>Источник: <a href="{href}" rel="noopener noreferrer">Contur.kz</a></p>' in content


def test_mail_links_in_the_body_reach_the_feed(client):
    make_article(title="Письмо", body='<p>Пишите: <a href="mailto:redakciya@example.kz">редакция</a>.</p>')
    content = entry(client, "atom").content[0].value
    assert '<a href="mailto:redakciya@example.kz" rel="noopener noreferrer">редакция</a>' in content


def test_a_json_feed_item_and_the_feed_around_it_in_full(client, settings, opinion):
    settings.WEBSUB_HUBS, settings.SITE_URL = [], "https://archive.example"
    opinion.themes.add("Казахстан", "ЕАЭС")
    data = parse_json(client, "/feeds/json/")
    item = data.pop("items")[0]
    url = "http://testserver" + opinion.get_absolute_url()
    assert item.pop("content_html").startswith("<p><strong>Первый абзац")
    assert item.pop("summary").startswith("Первый абзац — <script>")
    assert item == {
        "id": f"tag:archive.example,{opinion.created_at:%Y-%m-%d}:article:{opinion.pk}",
        "url": url,
        "title": "Итоги года",
        "date_published": "2025-12-11T09:00:00+00:00",
        "date_modified": "2025-12-11T09:00:00+00:00",
        "authors": [
            {"name": "Иван Петров", "url": "http://testserver/authors/ivan-petrov/"},
            {"name": "Дәурен Әбенов", "url": "http://testserver/authors/dauren-abenov/"},
        ],
        "author": {"name": "Иван Петров, Дәурен Әбенов", "url": "http://testserver/authors/ivan-petrov/"},
        "tags": ["ЕАЭС", "Казахстан"],
        "language": "ru",
        "external_url": "https://contur.kz/news/42",
    }
    site = {"name": "Евразийский аналитический архив", "url": "http://testserver/"}
    assert data == {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Евразийский аналитический архив",
        "description": "Новые материалы архива: аналитика и мнения о политике России, Казахстана и Евразии.",
        "home_page_url": "http://testserver/",
        "feed_url": "http://testserver/feeds/json/",
        "language": "ru",
        "authors": [site],
        "author": site,
    }


def test_a_json_feed_is_utf_8_text_a_reader_can_show(client, opinion):
    response = client.get("/feeds/json/")
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    assert "Итоги года".encode() in response.content  # not \\u-escaped


def test_the_atom_feed_names_the_archive_as_its_author(client, opinion):
    assert parse(client, "/feeds/atom/").feed.author == "Евразийский аналитический архив"


def feed_contents(client):
    """The content of the newest item as each reader gets it: RSS and Atom through feedparser, JSON as sent."""
    contents = {fmt: entry(client, fmt).content[0].value for fmt in ("rss", "atom")}
    return contents | {"json": parse_json(client, "/feeds/json/")["items"][0]["content_html"]}


def test_a_body_stored_around_the_sanitiser_reaches_readers_with_the_archive_markup_only(client):
    """The feed cleans the body again: one written around ``save()`` (a bulk load, a data migration) or
    stored under an older allow-list reaches readers with today's tags, attributes and link schemes only."""
    article = make_article(title="Старая правка", lead="")
    Article.objects.filter(pk=article.pk).update(
        body='<div><p>Текст <span>со</span> <u>знаками</u>:</p></div><ol start="3"><li>пункт</li></ol>'
        '<p><a href="tel:+77001234567">Позвонить</a> или <a href="ftp://files.example/x">скачать</a></p>'
    )
    expected = (
        "<p>Текст со знаками:</p><ol><li>пункт</li></ol>"
        '<p><a rel="noopener noreferrer">Позвонить</a> или <a rel="noopener noreferrer">скачать</a></p>'
    )
    assert feed_contents(client) == {"rss": expected, "atom": expected, "json": expected}


def test_an_article_without_a_source_ends_with_its_body(client):
    make_article(title="Без источника", lead="Лид.", body="<p>Текст.</p>")
    expected = "<p><strong>Лид.</strong></p>\n<p>Текст.</p>"
    assert feed_contents(client) == {"rss": expected, "atom": expected, "json": expected}


def test_an_item_without_authors_names_nobody(client):
    make_article(title="Редакционная")
    for fmt in ("rss", "atom"):
        assert "author" not in entry(client, fmt), fmt  # no empty dc:creator, no empty <author>
    item = parse_json(client, "/feeds/json/")["items"][0]
    assert item["authors"] == [] and "author" not in item


def test_the_rss_guid_is_an_id_readers_do_not_open(client):
    """A tag: URI is no address: the guid says so, and readers open the item's <link>."""
    article = make_article(title="Итоги года")
    guid = ET.fromstring(client.get("/feeds/rss/").content).find("channel/item/guid")
    assert guid.get("isPermaLink") == "false" and guid.text.startswith("tag:")
    assert entry(client, "rss").link == "http://testserver" + article.get_absolute_url()


ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def test_the_atom_entry_is_spelled_as_rfc_4287_says(client, opinion):
    """feedparser forgives a wrongly cased element and guesses a missing type; XML readers do neither."""
    xml = ET.fromstring(client.get("/feeds/atom/").content).find("atom:entry", ATOM)
    authors = [
        (a.findtext("atom:name", "", ATOM), a.findtext("atom:uri", "", ATOM)) for a in xml.iterfind("atom:author", ATOM)
    ]
    assert authors == [
        ("Иван Петров", "http://testserver/authors/ivan-petrov/"),
        ("Дәурен Әбенов", "http://testserver/authors/dauren-abenov/"),
    ]
    summary, content = xml.find("atom:summary", ATOM), xml.find("atom:content", ATOM)
    assert summary.get("type") == "text" and summary.text.startswith("Первый абзац — <script>alert(1)</script>")
    assert content.get("type") == "html" and content.text.startswith("<p><strong>Первый абзац")
