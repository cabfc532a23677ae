"""The public cache as readers, editors and CDNs meet it: never stale, never shared with editors, 0 queries warm."""

import gzip
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

import pytest
import redis
from django.core import signals
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.http import HttpResponse, StreamingHttpResponse
from django.test import Client, RequestFactory
from django.urls import include, path, re_path
from django.utils import timezone
from django.utils.http import http_date

from archive import cache as public_cache
from editorial.models import Article
from editorial.signals import content_changed
from tests.factories import make_article, make_author, make_source, make_theme

pytestmark = pytest.mark.django_db

NEW_TITLE = "Новый договор о Байконуре"


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


@pytest.fixture
def world():
    aigerim = make_author("Айгерим Нурланова")
    contur = make_source("Contur.kz", url="https://contur.kz/")
    kz = make_theme("Казахстан")
    return {
        "aigerim": aigerim, "contur": contur, "kz": kz,
        "analysis": make_article(
            title="Стратегическое партнерство", authors=[aigerim], themes=[kz], source=contur,
            published_at=at(2025, 11, 20),
        ),
        "other": make_article(title="Совсем другая тема", kind="news", published_at=at(2024, 3, 5)),
    }  # fmt: skip


# Every page, feed and sitemap an article of the theme «Казахстан», by Айгерим Нурланова,
# from Contur.kz, published on 20 November 2025 appears on.
PAGES_OF_THE_ARTICLE = [
    "/", "/?theme=kazakhstan", "/search/?q=Байконур", "/themes/kazakhstan/", "/authors/aygerim-nurlanova/",
    "/sources/contur-kz/", "/2025/", "/2025/11/", "/2025/11/20/", "/feeds/rss/", "/feeds/atom/", "/feeds/json/",
    "/themes/kazakhstan/rss/", "/authors/aygerim-nurlanova/atom/", "/sources/contur-kz/json/",
]  # fmt: skip
# Pages that show it only through a count or a date: they must change too.
PAGES_COUNTING_IT = ["/archive/", "/themes/", "/authors/", "/sources/"]


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code in (200, 304), url
    return response


def warm(client, urls):
    """Each page requested twice: the second answer is the cached copy."""
    bodies = {}
    for url in urls:
        get(client, url)
        again = get(client, url)
        assert again["X-Cache"] == "HIT", url
        bodies[url] = again.content
    return bodies


def committed(django_capture_on_commit_callbacks):
    """The commit a real save makes: ``content_changed`` is sent then."""
    return django_capture_on_commit_callbacks(execute=True)


def test_a_publication_shows_at_once_on_every_page_it_appears_on(client, world, django_capture_on_commit_callbacks):
    article_page = world["analysis"].get_absolute_url()
    section = "/sitemap-articles-202511.xml"  # the sitemap of the article's month
    before = warm(client, [*PAGES_OF_THE_ARTICLE, *PAGES_COUNTING_IT, "/sitemap.xml", section, article_page])
    draft = make_article(title=NEW_TITLE, authors=[world["aigerim"]], themes=[world["kz"]], source=world["contur"],
                         published=False)  # fmt: skip
    with committed(django_capture_on_commit_callbacks):
        draft.publish(when=at(2025, 11, 20, 15))
    for url in PAGES_OF_THE_ARTICLE:
        assert NEW_TITLE in get(client, url).content.decode(), url
    for url in PAGES_COUNTING_IT:
        assert get(client, url).content != before[url], url
    assert draft.get_absolute_url() in get(client, section).content.decode()
    assert get(client, "/sitemap.xml").content != before["/sitemap.xml"]  # the month's lastmod
    assert NEW_TITLE in get(client, article_page).content.decode()  # «По теме», next article
    assert get(client, draft.get_absolute_url()).status_code == 200


def test_an_edit_and_an_unpublication_show_at_once(client, world, django_capture_on_commit_callbacks):
    article = world["analysis"]
    urls = [*PAGES_OF_THE_ARTICLE[:-6], article.get_absolute_url(), "/feeds/rss/", "/sources/contur-kz/json/"]
    urls.remove("/search/?q=Байконур")
    warm(client, urls)
    article.title = "Партнерство: уточнено"
    with committed(django_capture_on_commit_callbacks):
        article.save()
    for url in urls:
        assert "Партнерство: уточнено" in get(client, url).content.decode(), url
    article.status = Article.Status.DRAFT
    with committed(django_capture_on_commit_callbacks):
        article.save()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get("/2025/").status_code == 404  # its only article of the year
    for url in ["/", "/themes/", "/feeds/rss/", "/feeds/atom/", "/feeds/json/"]:
        assert "Партнерство" not in get(client, url).content.decode(), url


def test_bulk_unpublishing_in_the_admin_is_heard(client, editor, world, django_capture_on_commit_callbacks):
    warm(client, ["/", "/feeds/rss/"])
    admin = Client()
    admin.force_login(editor)
    with committed(django_capture_on_commit_callbacks):
        admin.post(
            "/admin/editorial/article/",
            {"action": "unpublish_selected", "_selected_action": [world["analysis"].pk]},
        )
    assert not Article.objects.published().filter(pk=world["analysis"].pk).exists()
    for url in ["/", "/feeds/rss/"]:
        assert "Стратегическое партнерство" not in get(client, url).content.decode(), url


def test_a_scheduled_article_appears_when_its_time_comes_without_any_save(client, world):
    start = timezone.now()
    scheduled = make_article(title=NEW_TITLE, authors=[world["aigerim"]], themes=[world["kz"]],
                             source=world["contur"], published_at=start + timedelta(seconds=5))  # fmt: skip
    urls = ["/", "/themes/kazakhstan/", "/authors/aygerim-nurlanova/", "/sources/contur-kz/", "/feeds/rss/",
            "/feeds/json/"]  # fmt: skip
    section = f"/sitemap-articles-{timezone.localdate(scheduled.published_at):%Y%m}.xml"
    with mock.patch("django.utils.timezone.now", return_value=start):  # the clock held: a slow machine stays on time
        warm(client, [*urls, "/sitemap.xml"])
        # Browsers and CDNs are not told to keep the page beyond the publication either.
        max_age = int(client.get("/")["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age == 5
    with mock.patch("django.utils.timezone.now", return_value=scheduled.published_at + timedelta(seconds=1)):
        for url in urls:
            page = get(client, url).content.decode()
            assert NEW_TITLE in page or scheduled.slug in page, url
        assert section in get(client, "/sitemap.xml").content.decode()  # its month's sitemap appears
        assert scheduled.slug in get(client, section).content.decode()


def test_a_scheduled_article_is_on_the_page_at_the_very_instant_of_its_publication(client, world):
    """At its publication time the article is public (``published_at <= now``): a copy made before is stale."""
    start = timezone.now()
    scheduled = make_article(title=NEW_TITLE, themes=[world["kz"]], published_at=start + timedelta(seconds=5))
    with mock.patch("django.utils.timezone.now", return_value=start):
        warm(client, ["/themes/kazakhstan/"])
    with mock.patch("django.utils.timezone.now", return_value=scheduled.published_at):
        page = get(client, "/themes/kazakhstan/")
    assert page["X-Cache"] == "MISS" and NEW_TITLE in page.content.decode()


@pytest.mark.parametrize("start", ["a change", "an empty cache"])
def test_the_generation_does_not_expire(client, world, start):
    """Copies are fresh for a minute however long ago the generation began, with a change or with the first
    page (no 5-minute default timeout on the generation, which would make every copy stale at once)."""
    if start == "a change":
        content_changed.send(sender=None, model=None, instance=None)
    else:
        cache.clear()
        assert get(client, "/themes/")["X-Cache"] == "MISS"
    later = time.time() + 299  # the cache's clock and the copies' own
    with mock.patch("time.time", return_value=later), mock.patch.object(public_cache, "now", return_value=later):
        assert get(client, "/")["X-Cache"] == "MISS"
    later += 30
    with mock.patch("time.time", return_value=later), mock.patch.object(public_cache, "now", return_value=later):
        assert get(client, "/")["X-Cache"] == "HIT"


def test_a_publication_within_the_second_tells_browsers_and_cdns_to_keep_nothing(client, world):
    start = timezone.now()
    make_article(title=NEW_TITLE, published_at=start + timedelta(milliseconds=500))
    with mock.patch("django.utils.timezone.now", return_value=start):
        cache_control = get(client, "/")["Cache-Control"]
    assert "max-age=0," in cache_control and "s-maxage=0," in cache_control


def test_last_modified_is_when_the_body_first_appeared_not_when_it_is_served(client, world):
    first = get(client, "/sources/contur-kz/")
    with mock.patch("time.time", return_value=time.time() + 5):
        again = get(client, "/sources/contur-kz/")
    assert again["X-Cache"] == "HIT" and again["Last-Modified"] == first["Last-Modified"]


def test_a_second_change_within_the_same_second_still_moves_last_modified(client, world):
    """HTTP dates count whole seconds: a browser holding the first body must not be told «not modified»."""
    moment = time.time()
    with mock.patch.object(public_cache, "now", return_value=moment):
        first = get(client, "/themes/kazakhstan/")
        Article.objects.filter(pk=world["analysis"].pk).update(title="Партнерство: уточнено")
        content_changed.send(sender=None, model=None, instance=None)
        again = client.get("/themes/kazakhstan/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200 and "Партнерство: уточнено" in again.content.decode()
    assert again["Last-Modified"] == http_date(int(moment) + 1)


def test_a_renamed_theme_shows_at_once_everywhere(client, world, django_capture_on_commit_callbacks):
    urls = ["/", "/themes/", "/themes/kazakhstan/", world["analysis"].get_absolute_url(), "/feeds/atom/",
            "/authors/aygerim-nurlanova/rss/"]  # fmt: skip
    warm(client, urls)
    theme = world["kz"]
    theme.name = "Республика Казахстан"
    with committed(django_capture_on_commit_callbacks):
        theme.save()
    for url in urls:
        assert "Республика Казахстан" in get(client, url).content.decode(), url


@pytest.mark.parametrize(
    "url",
    ["/", "/?kind=news&page=1", "/themes/kazakhstan/", "/authors/", "/2025/11/", "/archive/", "/search/?q=партнерство",
     "/feeds/rss/", "/themes/kazakhstan/atom/", "/feeds/json/?kind=analysis", "/sitemap.xml", "/robots.txt"],
)  # fmt: skip
def test_a_warm_page_costs_no_query(client, world, url, django_assert_num_queries):
    first = get(client, url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        again = get(client, url)
    assert again["X-Cache"] == "HIT" and again.content == first.content


def test_the_same_query_in_another_order_is_the_same_page(client, world, django_assert_num_queries):
    first = get(client, "/?kind=analysis&theme=kazakhstan")
    with django_assert_num_queries(0):
        assert get(client, "/?theme=kazakhstan&kind=analysis").content == first.content
    assert get(client, "/?kind=news")["X-Cache"] == "MISS"
    assert "Стратегическое партнерство" not in get(client, "/?kind=news").content.decode()


def test_an_editor_never_gets_nor_leaves_a_cached_page(client, editor, world):
    reader = Client()
    warm(reader, ["/"])
    # A change nobody announced: the reader's copy stays (for FRESH_SECONDS), the editor sees the truth.
    Article.objects.filter(pk=world["analysis"].pk).update(title="Правка редактора")
    client.force_login(editor)
    page = client.get("/")
    assert "Правка редактора" in page.content.decode()
    assert "X-Cache" not in page and page["Cache-Control"] == "private, no-cache"
    assert "Правка редактора" not in reader.get("/").content.decode()
    # Nor does an editor's visit leave a copy behind for readers.
    client.get("/themes/kazakhstan/")
    assert reader.get("/themes/kazakhstan/")["X-Cache"] == "MISS"


def test_admin_and_errors_are_not_cached(client, editor, world):
    assert "X-Cache" not in client.get("/admin/login/")
    assert client.get("/themes/nothing/").status_code == 404
    assert client.get("/themes/nothing/").status_code == 404
    assert "X-Cache" not in client.get("/themes/nothing/")


def test_headers_let_browsers_and_cdns_keep_the_page_briefly(client, world):
    response = get(client, "/themes/kazakhstan/")
    directives = {d.strip().split("=")[0]: d.strip() for d in response["Cache-Control"].split(",")}
    assert set(directives) == {"public", "max-age", "s-maxage", "stale-while-revalidate", "stale-if-error"}
    assert directives["max-age"] == "max-age=10" and directives["s-maxage"] == "s-maxage=30"
    assert response["Vary"] == "Accept-Encoding"  # not Cookie, not Accept-Language
    assert not response.cookies and response["ETag"].startswith('"') and response["Last-Modified"]


@pytest.mark.parametrize(
    "url", ["/", "/themes/kazakhstan/", "/2025/11/20/", "/feeds/rss/", "/feeds/json/", "/sitemap.xml"]
)
def test_a_304_carries_what_the_200_carries(client, world, url):
    first = get(client, url)
    for condition in ({"HTTP_IF_NONE_MATCH": first["ETag"]}, {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]}):
        again = client.get(url, **condition)
        assert again.status_code == 304 and again.content == b""
        for header in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
            assert again[header] == first[header], header
    assert client.get(url, HTTP_IF_NONE_MATCH='"another"').status_code == 200


def test_a_feed_is_cached_apart_for_browsers_and_for_feed_readers(client, world, django_assert_num_queries):
    """Feeds vary on Accept (browsers get application/xml and the XSLT): one copy per Accept value."""
    browser = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    for _ in range(2):
        for headers, content_type in ((browser, "application/xml"), ({}, "application/rss+xml")):
            response = get(client, "/feeds/rss/", **headers)
            assert response["Content-Type"].startswith(content_type) and response["Vary"] == "Accept, Accept-Encoding"
    with django_assert_num_queries(0):
        assert get(client, "/feeds/rss/", **browser)["X-Cache"] == "HIT"
        again = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["Vary"] == "Accept, Accept-Encoding"


def test_head_answers_like_get_without_a_body(client, world):
    body = get(client, "/").content
    head = client.head("/")
    assert head.status_code == 200 and head["X-Cache"] == "HIT" and head["Content-Length"] == str(len(body))


@contextmanager
def served_by_a_wsgi_server():
    """The bytes a WSGI server gets (the test client drops a HEAD's body itself); the connection is kept
    open between requests, as the test client keeps it, for the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    def serve(method, url):
        environ = {**RequestFactory()._base_environ(), "REQUEST_METHOD": method, "PATH_INFO": url}
        answer = {}
        body = b"".join(WSGIHandler()(environ, lambda status, headers: answer.update(status=status)))
        return answer["status"], body

    try:
        yield serve
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("state", ["MISS", "HIT"])
def test_head_sends_no_body(client, world, state):
    if state == "HIT":
        get(client, "/themes/kazakhstan/")
    with served_by_a_wsgi_server() as serve:
        assert serve("HEAD", "/themes/kazakhstan/") == ("200 OK", b"")
        status, body = serve("GET", "/themes/kazakhstan/")
    assert status == "200 OK" and "Стратегическое партнерство" in body.decode()


def test_gzip_for_readers_that_accept_it(client, world):
    plain = get(client, "/feeds/atom/")
    packed = get(client, "/feeds/atom/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip" and gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) and packed["Vary"] == "Accept, Accept-Encoding"
    assert packed["ETag"] == "W/" + plain["ETag"]
    again = client.get("/feeds/atom/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304 and again["ETag"] == packed["ETag"]
    assert "Content-Encoding" not in client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")  # CSRF tokens: BREACH


def test_an_unrelated_change_keeps_last_modified(client, world, django_capture_on_commit_callbacks):
    first = get(client, "/sources/contur-kz/")
    with committed(django_capture_on_commit_callbacks):
        make_article(title="Из другого источника", source=make_source("Tengrinews"))
    again = client.get("/sources/contur-kz/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    assert "Из другого источника" in get(client, "/").content.decode()


def test_a_full_cache_loses_copies_never_freshness(client, world, django_capture_on_commit_callbacks):
    """The generation evicted (a full cache) must not bring old copies back to life."""
    warm(client, ["/"])
    cache.delete("archive:generation")
    Article.objects.filter(pk=world["analysis"].pk).update(title="После вытеснения")
    assert "После вытеснения" in get(client, "/").content.decode()


def redis_is_up():
    try:
        return redis.Redis.from_url("redis://127.0.0.1:6379/4", socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_invalidation_through_redis_shared_by_processes(client, world, settings, django_capture_on_commit_callbacks):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/4",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    warm(client, ["/", "/feeds/rss/"])
    article = world["analysis"]
    article.title = "Через Redis"
    with committed(django_capture_on_commit_callbacks):
        article.save()
    for url in ["/", "/feeds/rss/"]:
        assert "Через Redis" in get(client, url).content.decode(), url
    cache.clear()


# Responses a public view might give that are someone's own or not final: never kept for other readers.
def own_response(request, kind):
    own_response.calls += 1
    if kind == "streaming":
        return StreamingHttpResponse(iter([b"part"]))
    response = HttpResponse("страница", status=404 if kind == "not-found" else 200)
    if kind == "cookie":
        response.set_cookie("seen", "1")
    elif kind == "cache-control":
        response["Cache-Control"] = "private, max-age=0"
    elif kind not in ("not-found", "plain"):
        response["Vary"] = {"vary-cookie": "Accept-Language, Cookie", "vary-cookie-first": "Cookie, Accept",
                            "vary-any": "*"}[kind]  # fmt: skip
    return response


own_response.calls = 0
urlpatterns = [
    path("", include(([path("own/<kind>/", own_response), re_path(r"^positional/(\w+)/$", own_response)], "archive")))
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "kind", ["cookie", "cache-control", "vary-cookie", "vary-cookie-first", "vary-any", "streaming", "not-found"]
)
def test_a_response_of_its_own_is_never_kept_for_another_reader(client, kind):
    own_response.calls = 0
    first, again = client.get(f"/own/{kind}/"), Client().get(f"/own/{kind}/")
    assert own_response.calls == 2  # the view answered each reader
    assert "X-Cache" not in first and "X-Cache" not in again


@pytest.mark.urls(__name__)
def test_the_same_view_answering_plainly_is_kept(client):
    """The control for the test above: what made those responses someone's own is all that kept them."""
    own_response.calls = 0
    assert client.get("/own/plain/")["X-Cache"] == "MISS" and Client().get("/own/plain/")["X-Cache"] == "HIT"
    assert client.get("/positional/plain/")["X-Cache"] == "MISS"  # arguments by position reach the view too
    assert own_response.calls == 2


@pytest.mark.urls(__name__)
def test_a_short_body_is_sent_plain_to_gzip_readers(client):
    """Gzip would make «страница» longer: no twin is kept, a gzip reader gets the plain bytes."""
    plain = get(client, "/own/plain/")
    packed = get(client, "/own/plain/", HTTP_ACCEPT_ENCODING="gzip")
    assert packed["X-Cache"] == "HIT" and "Content-Encoding" not in packed and packed.content == plain.content
