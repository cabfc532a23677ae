"""WebSub: every feed names its hub, and a change reaches a real (local) hub from a background job."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.core.cache import cache
from django.utils import timezone

from archive import websub
from editorial.models import Article
from tests.archive.feed_helpers import links, parse, parse_json
from tests.factories import make_article, make_author, make_source, make_theme

MAIN = ["http://archive.test/feeds/rss/", "http://archive.test/feeds/atom/", "http://archive.test/feeds/json/"]


class Hub:
    """A WebSub hub on 127.0.0.1 that records publish notifications; it can refuse the first ones."""

    def __init__(self, refuse=0):
        self.pings, self.refuse, hub = [], refuse, self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                ok = hub.refuse <= 0
                hub.refuse -= 1
                if ok:
                    form = parse_qs(body)
                    assert self.headers["Content-Type"] == "application/x-www-form-urlencoded"
                    assert form["hub.mode"] == ["publish"]
                    hub.pings.append(form["hub.url"][0])
                self.send_response(204 if ok else 503)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def queued(task):
    """The jobs of ``task`` a dummy backend holds (others are queued too: the tallies' own)."""
    return [result for result in task.get_backend().results if result.task.name == task.name]


@pytest.fixture
def hub(settings):
    hub = Hub()
    settings.WEBSUB_HUBS = [hub.url]
    settings.SITE_URL = "http://archive.test"
    settings.WEBSUB_RETRY_DELAYS = [0, 0]
    yield hub
    hub.close()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/feeds/rss/", "/feeds/atom/", "/themes/kazakhstan/rss/", "/feeds/archive/2025/01/atom/"]
)
def test_every_feed_names_its_hubs(client, settings, url):
    settings.WEBSUB_HUBS = ["https://hub.example/", "https://other-hub.example/"]
    make_article(themes=[make_theme("Казахстан")], published_at=timezone.make_aware(timezone.datetime(2025, 1, 5)))
    feed = parse(client, url)
    assert [link.href for link in feed.feed.links if link.rel == "hub"] == settings.WEBSUB_HUBS
    assert links(feed)["self"].startswith("http://testserver/")
    hubs = parse_json(client, "/feeds/json/")["hubs"]
    assert hubs == [
        {"type": "WebSub", "url": "https://hub.example/"},
        {"type": "WebSub", "url": "https://other-hub.example/"},
    ]


@pytest.mark.django_db(transaction=True)
def test_publishing_pings_every_feed_the_article_is_in(hub):
    theme, author, source = make_theme("Казахстан"), make_author("Иван Петров"), make_source("Contur.kz")
    article = make_article(
        title="Черновик",
        kind="opinion",
        published=False,
        authors=[author],
        themes=[theme],
        source=source,
    )
    assert hub.pings == []  # a draft is in no feed
    article.publish(when=timezone.now() - timedelta(minutes=1))  # an undated draft is never published
    expected = {
        *MAIN,
        *(f"{url}?kind=opinion" for url in MAIN),
        *(f"http://archive.test/themes/kazakhstan/{fmt}/" for fmt in ("rss", "atom", "json")),
        *(f"http://archive.test/authors/ivan-petrov/{fmt}/" for fmt in ("rss", "atom", "json")),
        *(f"http://archive.test/sources/contur-kz/{fmt}/" for fmt in ("rss", "atom", "json")),
    }
    assert set(hub.pings) == expected and len(hub.pings) == len(expected)


@pytest.mark.django_db(transaction=True)
def test_an_edit_pings_again(hub):
    article = make_article(title="Статья")
    hub.pings.clear()
    article.title = "Статья, исправленная"
    article.save()
    assert set(MAIN) <= set(hub.pings)


@pytest.mark.django_db(transaction=True)
def test_a_refusing_hub_is_asked_again(hub):
    hub.refuse = 2
    make_article(title="Статья")
    assert set(hub.pings) == {*MAIN, *(f"{url}?kind=analysis" for url in MAIN)}


@pytest.mark.django_db(transaction=True)
def test_no_hub_configured_means_no_job(settings, monkeypatch):
    settings.WEBSUB_HUBS = []
    monkeypatch.setattr(websub, "ping", lambda *a: pytest.fail("pinged without a hub"))
    make_article(title="Статья")


@pytest.mark.django_db(transaction=True)
def test_the_save_never_waits_for_the_hub(hub, settings):
    """With a queue (the database backend in production) the save only enqueues the job."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_article(title="Статья")
    assert hub.pings == []
    assert [r.task.name for r in queued(websub.notify_article_feeds)] == ["notify_article_feeds"]


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_article_is_announced_when_its_time_comes(hub, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    when = timezone.now() + timedelta(hours=2)
    article = make_article(title="Завтрашняя", ago=-timedelta(hours=2))
    (job,) = queued(websub.notify_article_feeds)
    assert job.task.run_after == article.published_at == pytest.approx(when, abs=timedelta(seconds=5))
    # Not yet public: the job does nothing if run early (or after the article was withdrawn).
    assert job.task.call(*job.args, **job.kwargs) == 0 and hub.pings == []
    cache.clear()  # forget that early run
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))  # its time comes
    assert job.task.call(*job.args, **job.kwargs) == 6
    assert set(MAIN) <= set(hub.pings)


@pytest.mark.django_db(transaction=True)
def test_a_theme_added_after_the_save_is_announced_too(hub):
    article = make_article(title="Статья")
    hub.pings.clear()
    article.themes.add(make_theme("Казахстан"))  # outside the article's own save
    assert "http://archive.test/themes/kazakhstan/atom/" in hub.pings


@pytest.mark.django_db(transaction=True)
def test_bulk_unpublishing_in_the_admin_pings_too(hub, admin_client):
    article = make_article(title="Статья", kind="news")
    hub.pings.clear()
    admin_client.post("/admin/editorial/article/", {"action": "unpublish_selected", "_selected_action": [article.pk]})
    assert Article.objects.get(pk=article.pk).status == "draft"
    assert set(hub.pings) == {*MAIN, *(f"{url}?kind=news" for url in MAIN)}


@pytest.mark.django_db(transaction=True)
def test_a_theme_taken_off_an_article_pings_that_themes_feed(hub):
    article = make_article(title="Статья", themes=[make_theme("Казахстан"), make_theme("космос")])
    hub.pings.clear()
    article.themes.remove(article.themes.get(slug="kosmos"))
    assert "http://archive.test/themes/kosmos/rss/" in hub.pings
    assert "http://archive.test/themes/kazakhstan/rss/" in hub.pings


@pytest.mark.django_db(transaction=True)
def test_queued_jobs_of_one_save_ping_once(hub, settings):
    """With a queue, the jobs of one admin save (article, bylines, themes) ping once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_article(title="Статья", authors=[make_author()], themes=[make_theme("Казахстан")])
    jobs = queued(websub.notify_article_feeds)
    assert len(jobs) == 3
    assert [job.task.call(*job.args, **job.kwargs) for job in jobs] == [12, 0, 0]
    assert len(hub.pings) == 12  # main, kind, theme, author × 3 formats


@pytest.mark.django_db(transaction=True)
def test_imported_articles_ping_the_feeds_they_are_in(hub, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    for n in range(2):
        (tmp_path / f"doc{n}.txt").write_text(
            f"Дата: 0{n + 1}.03.2024\nЗаголовок {n}\n\nТекст номер {n}.\n\nАвтор: Иван Петров", encoding="utf-8"
        )
    call_command("import_articles", str(tmp_path), "--publish", stdout=StringIO())
    assert set(MAIN) | {f"http://archive.test/authors/ivan-petrov/{fmt}/" for fmt in ("rss", "atom", "json")} <= set(
        hub.pings
    )
