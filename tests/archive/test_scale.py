"""What keeps pages cheap at a million articles: capped pagination, the sitemap index,
bounded «По теме», constant query counts, replica reads."""

import re
from datetime import datetime

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.views import CappedPaginator
from editorial.models import Article
from tests.factories import make_article, make_author, make_source, make_theme

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


def test_pagination_stops_counting_at_the_cap_and_points_to_the_date_archive(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "MAX_PAGES", 2)
    for day in range(1, 46):
        make_article(published_at=at(2024, 1 + day // 28, 1 + day % 28))
    first = client.get("/").content.decode()
    assert "Страница 1 из 2+" in first
    last = client.get("/?page=2").content.decode()
    assert 'rel="next"' not in last and "Более ранние — в архиве по датам" in last
    assert client.get("/?page=3").status_code == 404


def test_small_lists_show_their_exact_page_count(client):
    for day in range(1, 23):
        make_article(published_at=at(2024, 2, day))
    assert "Страница 1 из 2</span>" in client.get("/").content.decode()


def test_sitemap_index_has_a_section_per_month_with_lastmod(client):
    old = make_article(published_at=at(2023, 5, 2))
    new = make_article(published_at=at(2025, 11, 20))
    draft = make_article(published=False)
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-articles-202511.xml</loc><lastmod>" in index
    assert "/sitemap-articles-202305.xml</loc><lastmod>" in index
    may = client.get("/sitemap-articles-202305.xml").content.decode()
    assert old.get_absolute_url() in may and new.get_absolute_url() not in may
    assert draft.slug not in index + may
    assert client.get("/sitemap-articles-209901.xml").status_code == 404


def test_sitemap_section_splits_into_pages(client, monkeypatch):
    from archive import sitemaps

    monkeypatch.setattr(sitemaps.MonthArticleSitemap, "limit", 2)
    for day in range(1, 6):
        make_article(published_at=at(2024, 6, day))
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-articles-202406.xml?p=3" in index
    assert client.get("/sitemap-articles-202406.xml?p=3").content.decode().count("<url>") == 1


def test_related_articles_share_themes_most_shared_first():
    from editorial.models import Article

    kz, space, oil = make_theme("Казахстан"), make_theme("космос"), make_theme("нефть")
    article = make_article(themes=[kz, space, oil])
    one = make_article(themes=[kz])
    two = make_article(themes=[kz, space])
    make_article(themes=[make_theme("другое")])
    draft = make_article(themes=[kz, space, oil], published=False)
    related = Article.objects.published().related_to(article)
    assert related == [two, one] and draft not in related


def test_article_page_queries_do_not_grow_with_the_archive(client, django_assert_max_num_queries):
    kz, author = make_theme("Казахстан"), make_author("Андрей Серенко")
    for day in range(1, 29):
        make_article(themes=[kz, make_theme()], authors=[author], published_at=at(2024, 3, day))
    article = make_article(themes=[kz], authors=[author], source=make_source(), published_at=at(2024, 3, 15))
    with django_assert_max_num_queries(10):  # 9 + the authors' other articles (one query)
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("extra", [3, 30])
def test_sitemaps_make_a_constant_number_of_queries(client, django_assert_max_num_queries, extra):
    for i in range(extra):
        make_article(themes=[make_theme()], authors=[make_author()], published_at=at(2024, 1 + i % 12, 1 + i % 28))
    with django_assert_max_num_queries(14):  # counts per month and per facet, not per article
        index = client.get("/sitemap.xml").content.decode()
    for url in re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_readers_pages_read_from_the_replica_and_editors_from_the_primary(settings):
    from django.contrib.auth.models import User

    client, editor_client = Client(), Client()  # a reader (no session) and a signed-in editor
    # A transactional test: the data migration's «Редакторы» group may have been flushed.
    editor_client.force_login(User.objects.create_superuser("glavred", password="Slozhnyi-parol-2025"))
    settings.DATABASE_REPLICA_URL = "postgres://replica.example/archive"  # the alias itself mirrors default
    make_article(title="Статья с реплики", themes=[make_theme("ЕАЭС")])
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        page = client.get("/").content.decode()
    assert "Статья с реплики" in page and len(replica) > 0 and len(primary) == 0
    with CaptureQueriesContext(connections["replica"]) as replica:
        assert editor_client.get("/admin/editorial/article/").status_code == 200
        assert editor_client.get("/").status_code == 200  # signed in: sees their own writes at once
    assert len(replica) == 0


def test_without_a_replica_everything_reads_the_primary(client):
    make_article()
    with CaptureQueriesContext(connections["default"]) as primary:
        client.get("/")
    assert len(primary) > 0


def test_period_pages_link_to_the_nearest_periods_that_have_articles(client):
    for day in (at(2023, 11, 5), at(2024, 3, 9), at(2024, 7, 1), at(2025, 1, 20)):
        make_article(published_at=day)
    make_article(published_at=at(2024, 5, 5), published=False)  # a draft's month has nothing to show
    make_article(published_at=at(2024, 12, 1), deleted_at=timezone.now())  # nor has the trash's
    july = client.get("/2024/07/").content.decode()
    assert 'rel="prev" href="/2024/03/"' in july and 'rel="next" href="/2025/01/"' in july
    year = client.get("/2024/").content.decode()
    assert 'rel="prev" href="/2023/"' in year and 'rel="next" href="/2025/"' in year
    day = client.get("/2024/03/09/").content.decode()
    assert 'rel="prev" href="/2023/11/05/"' in day and 'rel="next" href="/2024/07/01/"' in day
    assert 'rel="prev"' not in client.get("/2023/").content.decode()
    for empty in ("/2024/05/", "/2024/12/", "/2022/"):
        assert client.get(empty).status_code == 404, empty


@pytest.mark.parametrize("extra", [3, 30])
def test_period_pages_make_a_constant_number_of_queries(client, django_assert_max_num_queries, extra):
    for i in range(extra):
        make_article(themes=[make_theme()], authors=[make_author()], published_at=at(2024, 3, 1 + i % 28))
    for url in ("/2024/", "/2024/03/"):
        # The next publication, the counts, the page's ids, its rows, their bylines and themes.
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200


def test_sitemap_addresses_are_the_articles_own_at_any_hour(client):
    """Just after midnight in Moscow it is still the day before in UTC: the address has the local day."""
    articles = [make_article(published_at=at(2024, 6, 1, hour)) for hour in (0, 1, 12, 23)]
    section = client.get("/sitemap-articles-202406.xml").content.decode()
    assert re.findall(r"<loc>http://testserver([^<]+)</loc>", section) == [a.get_absolute_url() for a in articles]
    assert section.count("<lastmod>") == 4


def test_sitemap_lastmod_is_the_local_day_of_the_latest_change(client):
    """Published late one evening, edited just after midnight Moscow time (still the day before
    in UTC): the day of the edit; an article never edited since: the day it was published."""
    edited = make_article(published_at=at(2024, 6, 10, 23))
    untouched = make_article(published_at=at(2024, 6, 12, 0))
    Article.objects.filter(pk=edited.pk).update(updated_at=at(2024, 6, 11, 0))
    Article.objects.filter(pk=untouched.pk).update(updated_at=at(2024, 6, 1, 12))
    section = client.get("/sitemap-articles-202406.xml").content.decode()
    assert re.findall(r"<lastmod>([^<]+)</lastmod>", section) == ["2024-06-11", "2024-06-12"]
