"""The search table (PostgreSQL): kept in step with the articles, searched by windows of time."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from editorial import querysets, search_documents, tallies
from editorial.models import Article
from tests.factories import make_article, make_theme

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the search table is PostgreSQL's"),
]


def documents():
    """``{article id: publication time}`` of the rows of the search table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT article_id, published_at FROM editorial_searchdocument")
        return dict(cursor.fetchall())


def head(article):
    with connection.cursor() as cursor:
        cursor.execute("SELECT head::text FROM editorial_searchdocument WHERE article_id = %s", [article.pk])
        return cursor.fetchone()[0]


def test_published_and_scheduled_articles_have_a_row_drafts_do_not():
    public = make_article(title="Байконур")
    scheduled = make_article(title="Байконур", ago=-timedelta(days=1))
    make_article(title="Байконур", published=False)
    assert documents() == {public.pk: public.published_at, scheduled.pk: scheduled.published_at}


def test_the_row_follows_publication_edits_trash_and_deletion():
    article = make_article(title="Черновик", published=False)
    assert documents() == {}
    article.status, article.published_at = Article.Status.PUBLISHED, timezone.now() - timedelta(days=3)
    article.save()
    assert documents() == {article.pk: article.published_at}
    article.title = "Космодром Байконур"
    article.save()
    assert "'байконур':2A" in head(article)
    article.move_to_trash()
    assert documents() == {}
    article.restore_from_trash()
    assert list(documents()) == [article.pk]
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert documents() == {}
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    Article.objects.filter(pk=article.pk).delete()
    assert documents() == {}


def test_the_head_holds_title_names_and_lead_not_the_body():
    article = make_article(
        title="Заголовок", lead="Лид про Актау.", body="Тело про Урумчи.", themes=[make_theme("ЕАЭС")]
    )
    words = head(article)
    assert "'заголовок':1A" in words and "'еаэс'" in words and "'акта'" in words
    assert "урумч" not in words
    assert Article.objects.search("Урумчи").get() == article  # the body is searched all the same


def test_a_rebuild_refills_the_table():
    kept = [make_article(title="Байконур"), make_article(title="Плесецк", ago=timedelta(days=400))]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM editorial_searchdocument")
    tallies.rebuild()
    assert documents() == {a.pk: a.published_at for a in kept}


def say_share(monkeypatch, share):
    """The statistics say the words are in ``share`` of the articles."""
    plan = search_documents.PLAN_SQL.replace("SELECT min(", f"SELECT {share} + 0 * coalesce(min(", 1)
    monkeypatch.setattr(search_documents, "PLAN_SQL", plan.replace(") FROM words)", "), 0) FROM words)", 1))


@pytest.mark.parametrize("share", ["0.9", "0.01"])  # walked, picked
def test_with_other_filters_the_newest_matches_are_those_of_the_filtered_list(monkeypatch, share):
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 2)
    say_share(monkeypatch, share)
    theme = make_theme("Космос")
    in_theme = [make_article(title=f"Байконур {n}", ago=timedelta(days=30 + n), themes=[theme]) for n in range(2)]
    for n in range(3):
        make_article(title=f"Байконур, новое {n}", ago=timedelta(days=n))  # newer, not in the theme
    found = Article.objects.published().with_any_theme([theme]).search("Байконур")
    assert set(found) == set(in_theme)


@pytest.mark.parametrize(("share", "walks"), [("0.9", True), ("0.05", False)])
def test_a_common_word_walks_the_newest_then_picks_if_too_few(monkeypatch, share, walks):
    """A word the statistics call common is looked for among the newest articles first;
    found there too seldom, it is picked out of the whole archive. Any other word is
    picked at once."""
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 3)
    now = timezone.now()
    for months in range(1, 40):
        make_article(title="Новости", body=f"Погода {months}.", published_at=now - timedelta(days=30 * months))
    days = (1, 400, 1100, 1150)
    matches = [make_article(title="Байконур", body=f"Пуск {n}.", ago=timedelta(days=n)) for n in days]
    calls = []
    matches_in = search_documents._matches

    def spy(cursor, ts_query, wanted, now, since, within, how):
        calls.append((since is not None, how))
        return matches_in(cursor, ts_query, wanted, now, since, within, how)

    monkeypatch.setattr(search_documents, "_matches", spy)
    say_share(monkeypatch, share)
    found = list(Article.objects.published().search("Байконур"))
    assert found == matches[:3]
    walked = [(True, search_documents.WALK)] if walks else []
    assert calls == [*walked, (False, search_documents.PICK)]


def test_without_statistics_the_whole_archive_is_searched_at_once(monkeypatch):
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 2)
    old, older = (
        make_article(title="Плесецк", ago=timedelta(days=2000)),
        make_article(title="Плесецк", ago=timedelta(days=3000)),
    )
    calls = []
    matches_in = search_documents._matches

    def spy(cursor, ts_query, wanted, now, since, within, how):
        calls.append(since)
        return matches_in(cursor, ts_query, wanted, now, since, within, how)

    monkeypatch.setattr(search_documents, "_matches", spy)
    monkeypatch.setattr(
        search_documents, "PLAN_SQL", search_documents.PLAN_SQL.replace("SELECT min(", "SELECT NULL + min(", 1)
    )
    assert list(Article.objects.published().search("Плесецк")) == [old, older]
    assert calls == [None]
