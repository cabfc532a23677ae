"""What readers are told about a scheduled article before and after its time: the counts of the
theme, author and source lists and of the date archive, the filter panel,
the pages of what only it has — at its time without any save, and after every change made to it
(issue 10: the tallies count it from then on, whatever their watermark)."""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from editorial.models import Article, Author, Source, Theme
from tests.factories import make_article, make_author, make_source, make_theme
from tests.html import parse, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    kz, author, contur = make_theme("Казахстан"), make_author("Андрей Серенко"), make_source("Contur.kz")
    make_article(themes=[kz], authors=[author], source=contur, published_at=timezone.make_aware(datetime(2020, 5, 4)))
    start = timezone.now()
    scheduled = make_article(
        themes=[kz, make_theme("Космос")], authors=[author, make_author("Айгерим Нурланова")],
        source=make_source("Tengrinews"), published_at=start + timedelta(hours=1),
    )  # fmt: skip
    return {"start": start, "due": scheduled.published_at, "article": scheduled}


def listed(page):
    """``{name: count}`` of a list of themes, authors or sources."""
    return {
        item.cssselect("a")[0].text_content(): int(item.cssselect(".count")[0].text_content())
        for item in parse(page).cssselect(".facet-index li")
    }


def seen(client, moment, world):
    """What a reader sees at ``moment`` of the scheduled article's themes, authors, source and month."""
    local = timezone.localtime(world["due"])
    with mock.patch("django.utils.timezone.now", return_value=moment):
        home = client.get("/").content.decode()
        space = client.get("/themes/kosmos/")
        archive = client.get("/archive/").content.decode()
        return {
            "themes": listed(client.get("/themes/").content.decode()),
            "authors": listed(client.get("/authors/").content.decode()),
            "sources": listed(client.get("/sources/").content.decode()),
            "month": texts(archive, f'a[href="/{local:%Y}/{local:%m}/"] .month-count'),
            "year": texts(archive, f"#year-{local:%Y} .count"),
            "space page": space.status_code,
            "panel themes": sorted(el.get("value") for el in parse(home).cssselect('input[name="theme"]')),
            "panel authors": sorted(el.get("value") for el in parse(home).cssselect('select[name="author"] option')),
        }


HIDDEN = {
    "themes": {"Казахстан": 1},
    "authors": {"Андрей Серенко": 1},
    "sources": {"Contur.kz": 1},
    "month": [],
    "year": [],
    "space page": 404,
    "panel themes": ["kazakhstan"],
    "panel authors": ["", "andrey-serenko"],
}
SHOWN = {
    "themes": {"Казахстан": 2, "Космос": 1},
    "authors": {"Андрей Серенко": 2, "Айгерим Нурланова": 1},
    "sources": {"Contur.kz": 1, "Tengrinews": 1},
    "month": ["1"],
    "year": ["1"],
    "space page": 200,
    "panel themes": ["kazakhstan", "kosmos"],
    "panel authors": ["", "andrey-serenko", "aygerim-nurlanova"],
}


def test_a_scheduled_article_is_counted_everywhere_from_its_time_without_any_save(client, world):
    assert seen(client, world["start"], world) == HIDDEN
    assert seen(client, world["due"], world) == SHOWN
    assert seen(client, world["due"] + timedelta(days=40), world) == SHOWN


def change(article, moment, django_capture_on_commit_callbacks, **fields):
    """An editor's save at ``moment``, committed (the cache hears of it, the worker's step runs)."""
    with (
        mock.patch("django.utils.timezone.now", return_value=moment),
        django_capture_on_commit_callbacks(execute=True),
    ):
        for name, value in fields.items():
            setattr(article, name, value)
        article.save()


def test_counts_follow_a_rescheduled_unpublished_trashed_restored_or_deleted_scheduled_article(
    client, world, django_capture_on_commit_callbacks
):
    article, due = world["article"], world["due"]
    assert seen(client, due, world) == SHOWN
    later = due + timedelta(hours=1)
    change(article, due + timedelta(minutes=1), django_capture_on_commit_callbacks, published_at=later)
    assert seen(client, due + timedelta(minutes=1), world) == HIDDEN  # rescheduled after it had appeared
    assert seen(client, later, world) == SHOWN
    change(article, later, django_capture_on_commit_callbacks, status=Article.Status.DRAFT)
    assert seen(client, later, world) == HIDDEN
    change(article, later, django_capture_on_commit_callbacks, status=Article.Status.PUBLISHED)
    assert seen(client, later, world) == SHOWN
    with django_capture_on_commit_callbacks(execute=True):
        article.move_to_trash()
    assert seen(client, later, world) == HIDDEN
    with django_capture_on_commit_callbacks(execute=True):
        article.restore_from_trash()
    assert seen(client, later, world) == SHOWN
    with django_capture_on_commit_callbacks(execute=True):
        Article.all_objects.filter(pk=article.pk).delete()
    assert seen(client, later, world) == HIDDEN


@pytest.mark.parametrize(
    "url", ["/", "/themes/", "/authors/", "/archive/", "/themes/kazakhstan/", "/authors/andrey-serenko/",
            "/sources/contur-kz/", "/2020/05/", "/sitemap.xml"],
)  # fmt: skip
def test_pages_make_as_many_queries_whatever_the_number_of_scheduled_or_just_published_articles(client, world, url):
    kz, serenko, contur = (
        Theme.objects.get(slug="kazakhstan"),
        Author.objects.get(slug="andrey-serenko"),
        Source.objects.get(slug="contur-kz"),
    )

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for i in range(30):
        make_article(themes=[kz], authors=[serenko], source=contur, ago=-timedelta(hours=2, minutes=i))  # scheduled
        make_article(themes=[kz], authors=[serenko], source=contur, ago=timedelta(seconds=i))  # counted live
    assert queries() == few
