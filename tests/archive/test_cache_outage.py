"""The database goes away: readers get the last good copy, or a Russian 503 — never a 500; /healthz tells."""

import json
import socket
import time
from contextlib import contextmanager
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.template.response import SimpleTemplateResponse
from django.test import Client

from archive import cache as public_cache
from editorial.signals import content_changed
from tests.factories import make_article, make_theme

pytestmark = pytest.mark.django_db


REAL_RETRY_DELAYS = public_cache.RETRY_DELAYS


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    monkeypatch.setattr(public_cache, "RETRY_DELAYS", (0,) * len(public_cache.RETRY_DELAYS))
    monkeypatch.setattr(public_cache.Outage, "until", 0.0)


@pytest.fixture
def world():
    theme = make_theme("Казахстан")
    return {"article": make_article(title="Стратегическое партнерство", themes=[theme])}


@contextmanager
def database_down(error=None, times=None, passing=0, seconds=None):
    """Queries fail (after ``passing`` ones, ``times`` of them, for ``seconds`` or all), as when the server
    restarts under us."""
    error = error or OperationalError("server closed the connection unexpectedly")
    calls = {"n": 0}
    real = CursorWrapper._execute
    back_at = time.monotonic() + seconds if seconds is not None else None

    def execute(self, *args, **kwargs):
        calls["n"] += 1
        down = calls["n"] > passing and (times is None or calls["n"] <= passing + times)
        if down and (back_at is None or time.monotonic() < back_at):
            raise error
        return real(self, *args, **kwargs)

    with mock.patch.object(CursorWrapper, "_execute", execute):
        yield calls


def content_changes():
    content_changed.send(sender=None, model=None, instance=None)


URLS = ["/", "/themes/kazakhstan/", "/feeds/rss/", "/feeds/json/", "/themes/kazakhstan/atom/", "/sitemap.xml"]


@pytest.mark.parametrize("url", URLS)
def test_a_fresh_copy_is_served_without_asking_the_database(client, world, url):
    first = client.get(url)
    with database_down() as calls:
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content and calls["n"] == 0


@pytest.mark.parametrize("error", [OperationalError("connection refused"), InterfaceError("connection already closed")])
@pytest.mark.parametrize("url", URLS)
def test_a_stale_copy_is_served_when_the_database_is_unreachable(client, world, url, error):
    first = client.get(url)
    content_changes()  # the copy is no longer fresh: the page would be rendered again
    with database_down(error):
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content
    assert again["X-Cache"] == "STALE" and again["Cache-Control"] == "public, no-cache"


@pytest.mark.parametrize("url", [*URLS, "/2025/", "/search/?q=партнерство"])
def test_no_copy_is_a_russian_503_with_retry_after(client, world, url, caplog):
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "10" and response["Cache-Control"] == "no-store"
    assert "Архив временно недоступен" in response.content.decode()
    # The operator's log says which page was refused.
    path = url.split("?")[0]
    assert f"Database unreachable: {path} answered 503 (no copy kept)" in caplog.messages


def test_the_connection_is_retried_before_giving_up(client, world):
    with database_down(times=1) as calls:
        response = client.get("/")
    assert response.status_code == 200 and "Стратегическое партнерство" in response.content.decode()
    assert calls["n"] > 1 and response["X-Cache"] == "MISS"


def test_a_broken_connection_is_dropped_before_the_retry_outside_a_transaction(client, world):
    """Outside a transaction (as a request runs in production) the retry dials again; inside one (as a test
    runs) the connection is kept, since closing it would end the transaction."""
    with mock.patch.object(connection, "close") as close:
        with mock.patch.object(connection, "in_atomic_block", False), database_down(times=1):
            assert client.get("/").status_code == 200
        assert close.call_count == 1
        with database_down(times=1):
            assert client.get("/themes/kazakhstan/").status_code == 200
        assert close.call_count == 1


def test_once_retries_failed_readers_no_longer_wait_for_the_database(client, world):
    attempts = len(public_cache.RETRY_DELAYS) + 1
    with database_down() as calls:
        assert client.get("/").status_code == 503
        assert calls["n"] == attempts  # tried, then retried
        assert client.get("/themes/kazakhstan/").status_code == 503
        assert calls["n"] == attempts + 2  # one attempt and one on a new connection, no waiting
    assert client.get("/").status_code == 200  # the first success ends the outage


def test_during_an_outage_nobody_sleeps(client, world, monkeypatch):
    slept = []
    monkeypatch.setattr(public_cache, "time", SimpleNamespace(monotonic=time.monotonic, sleep=slept.append))
    with database_down():
        assert client.get("/").status_code == 503
        slept.clear()
        assert client.get("/themes/kazakhstan/").status_code == 503
    assert slept == [0]  # the retry on a new connection comes at once


def test_during_an_outage_a_dead_kept_connection_is_replaced_at_once(client, world):
    """The database is back, but this thread's connection died with the old server: not a 503."""
    with database_down():
        assert client.get("/").status_code == 503
    with database_down(times=1):
        assert client.get("/themes/kazakhstan/").status_code == 200


def test_a_blink_of_a_second_and_a_half_is_invisible(client, world, monkeypatch):
    """The real delays: a reader with no copy of the page waits through the blink and gets the page."""
    monkeypatch.setattr(public_cache, "RETRY_DELAYS", REAL_RETRY_DELAYS)
    monkeypatch.setattr(public_cache, "RETRY_SECONDS", 60)  # slow attempts on a busy machine: tested below
    started = time.monotonic()
    with database_down(seconds=1.5):
        response = client.get("/themes/kazakhstan/")
    assert response.status_code == 200 and "Стратегическое партнерство" in response.content.decode()
    assert time.monotonic() - started >= 1.5


def test_a_reader_with_a_copy_does_not_wait_nor_stop_others_waiting(client, world):
    first = client.get("/feeds/rss/")
    content_changes()
    with database_down() as calls:
        assert client.get("/feeds/rss/").content == first.content
        assert calls["n"] == public_cache.RETRIES_WITH_COPY + 1
    with database_down(times=len(public_cache.RETRY_DELAYS)):  # no outage began: a page without a copy waits
        assert client.get("/themes/kazakhstan/").status_code == 200


def test_retries_stop_when_attempts_hang(client, world, monkeypatch):
    """An attempt that takes the whole connect timeout ends the retrying: a thread is held boundedly."""
    clock = {"now": 0.0}

    def hanging_attempt(*args, **kwargs):
        clock["now"] += 3  # as long as the connect timeout
        raise OperationalError("timeout expired")

    monkeypatch.setattr(public_cache, "time", SimpleNamespace(monotonic=lambda: clock["now"], sleep=lambda s: None))
    with mock.patch.object(CursorWrapper, "_execute", hanging_attempt):
        assert client.get("/").status_code == 503
    assert clock["now"] == 3  # one attempt, no retry


@pytest.mark.parametrize(("attempt", "attempts"), [(2.3, 2), (2.45, 1)])
def test_no_retry_starts_after_the_retry_time(client, world, monkeypatch, attempt, attempts):
    """A first attempt of 2.3 s leaves room for the retry after 0.1 s (2.4 s < 2.5 s); one of 2.45 s not."""
    monkeypatch.setattr(public_cache, "RETRY_DELAYS", REAL_RETRY_DELAYS)
    clock = {"now": 0.0, "attempts": 0}

    def slow_attempt(*args, **kwargs):
        clock["now"] += attempt if clock["attempts"] == 0 else 10
        clock["attempts"] += 1
        raise OperationalError("timeout expired")

    def sleep(seconds):
        clock["now"] += seconds

    monkeypatch.setattr(public_cache, "time", SimpleNamespace(monotonic=lambda: clock["now"], sleep=sleep))
    with mock.patch.object(CursorWrapper, "_execute", slow_attempt):
        assert client.get("/").status_code == 503
    assert clock["attempts"] == attempts


@pytest.mark.parametrize("url", ["/themes/kazakhstan/", "/feeds/rss/"])  # a feed's copy is kept per Accept value
def test_a_copy_made_hours_ago_is_still_served_but_not_after_a_day(client, world, url):
    first = client.get(url)
    for hours, status in ((6, 200), (25, 503)):
        later = time.time() + hours * 3600  # the cache's clock and the copies' own
        with mock.patch("time.time", return_value=later), mock.patch.object(public_cache, "now", return_value=later):
            with database_down():
                again = client.get(url)
        assert again.status_code == status, hours
        assert status == 503 or (again.content == first.content and again["X-Cache"] == "STALE")
    assert client.get(url).status_code == 200


def test_a_failure_in_the_middle_of_rendering_falls_back_too(client, world):
    first = client.get("/themes/kazakhstan/")
    content_changes()
    with database_down(passing=2) as calls:  # the publication schedule and the theme pass; the list fails
        again = client.get("/themes/kazakhstan/")
    assert again.status_code == 200 and again.content == first.content and calls["n"] > 3


@contextmanager
def database_down_while_rendering():
    """Queries fail only once the template renders: a lazy queryset the view left to the template (facets)."""
    real_render = SimpleTemplateResponse.render
    calls = {"n": 0}

    def refuse(execute, sql, params, many, context):
        calls["n"] += 1
        raise OperationalError("server closed the connection unexpectedly")

    def render(self):
        with connection.execute_wrapper(refuse):
            return real_render(self)

    with mock.patch.object(SimpleTemplateResponse, "render", render):
        yield calls


@pytest.mark.parametrize("url", ["/", "/themes/kazakhstan/"])
def test_a_failure_while_the_template_renders_serves_the_stale_copy(client, world, url):
    first = client.get(url)
    content_changes()
    with database_down_while_rendering() as calls:
        again = client.get(url)
    assert again.status_code == 200 and again["X-Cache"] == "STALE" and calls["n"] > 0
    assert again.content == first.content


def test_editors_get_a_503_not_a_500(client, editor, world, caplog):
    client.force_login(editor)
    with database_down():
        assert client.get("/").status_code == 503
        assert client.get("/admin/editorial/article/").status_code == 503
    refused = [
        r
        for r in caplog.records
        if r.getMessage() == "Database unreachable: GET /admin/editorial/article/ answered 503"
    ]
    assert len(refused) == 1 and refused[0].levelname == "ERROR" and refused[0].exc_info  # with its traceback


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real connection to a closed port: PostgreSQL")
def test_a_real_unreachable_server_stale_copy_or_503(world):
    reader = Client()
    first = reader.get("/feeds/atom/")
    content_changes()
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = closed_port()
    try:
        stale = reader.get("/feeds/atom/")
        none = reader.get("/feeds/rss/")
        health = reader.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    assert stale.status_code == 200 and stale.content == first.content and stale["X-Cache"] == "STALE"
    assert none.status_code == 503 and health.status_code == 503
    assert reader.get("/feeds/rss/").status_code == 200  # and back


def test_healthz_up(client, world):
    response = client.get("/healthz")
    assert response.status_code == 200 and json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"] and "X-Cache" not in response


def test_healthz_database_down(client, world):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable", "database": "down"}


def test_healthz_checks_a_configured_cache(client, world, settings):
    settings.CACHE_URL = "redis://127.0.0.1:6379/4"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/4",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503 and json.loads(response.content)["cache"] == "down"
    # Readers still get their pages, without the cache.
    page = client.get("/")
    assert page.status_code == 200 and "Стратегическое партнерство" in page.content.decode()


def test_with_the_cache_down_the_page_is_served_without_claiming_a_copy(client, world, settings):
    """X-Cache: MISS says a copy was stored; with the cache unreachable none was, nor is anything promised."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/4",
        }
    }
    page = client.get("/")
    assert page.status_code == 200 and "Стратегическое партнерство" in page.content.decode()
    assert "X-Cache" not in page and "ETag" not in page


def test_a_copy_outlives_visits_to_many_other_pages(client, world):
    first = client.get("/themes/kazakhstan/")
    cache.set_many({f"archive:page:other-{i}": b"x" * 100 for i in range(1000)})  # a day of other addresses
    with database_down():
        again = client.get("/themes/kazakhstan/")
    assert again.status_code == 200 and again.content == first.content
