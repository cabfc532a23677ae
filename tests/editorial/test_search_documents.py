"""The search table (PostgreSQL): kept in step with the articles, searched by windows of time."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from editorial import querysets, search_documents, tallies
from editorial.models import Article
from editorial.search_documents import Scope
from tests.factories import make_article, make_author, make_source, make_theme

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


def say_share(monkeypatch, *shares):
    """The statistics say the words are in ``shares`` of the articles (one for all, or each its own)."""
    plan = search_documents._plan

    def said(cursor, stems, now, ts_query):
        _, months, asks = plan(cursor, stems, now, ts_query)
        return [float(s) if s is not None else None for s in shares * len(stems)][: len(stems)], months, asks

    monkeypatch.setattr(search_documents, "_plan", said)


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


def spy_on_matches(monkeypatch):
    """The stretches of time searched, in order: ``(how, since, before)`` each."""
    calls = []
    matches_in = search_documents._matches

    def spy(cursor, asked, wanted, now, since, before, how, months=""):
        calls.append((how, since, before))
        return matches_in(cursor, asked, wanted, now, since, before, how, months)

    monkeypatch.setattr(search_documents, "_matches", spy)
    return calls


def monthly_articles(months=40):
    now = timezone.now()
    for n in range(1, months):
        make_article(title="Новости", body=f"Погода {n}.", published_at=now - timedelta(days=30 * n))


def test_a_common_word_walks_the_newest_then_picks_further_back_if_too_few(monkeypatch):
    """A word the statistics call common is looked for among the newest articles first;
    found there too seldom, it is picked from the stretches before, up to the whole archive."""
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 3)
    monthly_articles()
    matches = [make_article(title="Байконур", body=f"Пуск {n}.", ago=timedelta(days=n)) for n in (1, 400, 1100, 1150)]
    calls = spy_on_matches(monkeypatch)
    say_share(monkeypatch, "0.9")
    assert list(Article.objects.published().search("Байконур")) == matches[:3]
    (walk, since, before), *picked = calls
    assert (walk, before) == (search_documents.WALK, None) and since is not None
    assert picked and all(how == search_documents.PICK for how, _, _ in picked)
    upper = [since] + [since for _, since, _ in picked[:-1]]
    assert [before for _, _, before in picked] == upper  # each stretch ends where the last began


def test_a_rarer_word_is_picked_at_once_from_the_whole_archive_when_it_is_small(monkeypatch):
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 3)
    monthly_articles()
    matches = [make_article(title="Байконур", body=f"Пуск {n}.", ago=timedelta(days=n)) for n in (1, 400, 1100, 1150)]
    calls = spy_on_matches(monkeypatch)
    say_share(monkeypatch, "0.05")  # three matches at 5 %: 60 articles, with the margin more than there are
    assert list(Article.objects.published().search("Байконур")) == matches[:3]
    assert calls == [(search_documents.PICK, None, None)]


def test_a_rarer_word_is_picked_from_the_stretch_its_share_so_far_says_until_enough(monkeypatch):
    """Each stretch reads only its own matches; the matches of all are ranked together: an
    old title match before a newer one in the text."""
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 2)
    monthly_articles()
    in_text = make_article(title="Новости", body="Пуск с Байконура.", ago=timedelta(days=1))
    in_title = make_article(title="Байконур", body="Пуск 400.", ago=timedelta(days=400))
    make_article(title="Байконур", body="Пуск 1100.", ago=timedelta(days=1100))  # older than both stretches
    calls = spy_on_matches(monkeypatch)
    say_share(monkeypatch, "0.25")  # two matches at 25 %: 8 articles, 12 with the margin
    assert list(Article.objects.published().search("Байконур")) == [in_title, in_text]
    (_, first, upper), (_, second, before) = calls  # the second: 1 match in 12 articles, 1 more: 18 more
    assert upper is None and before == first and second < first
    assert {how for how, _, _ in calls} == {search_documents.PICK}
    assert timezone.now() - first < timedelta(days=400) < timezone.now() - second < timedelta(days=1100)


def test_an_article_at_the_start_of_a_stretch_is_found_once(monkeypatch):
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 3)
    monkeypatch.setattr(search_documents, "WINDOW_MARGIN", 0.1)
    monthly_articles(12)
    calls = spy_on_matches(monkeypatch)
    say_share(monkeypatch, "0.05")
    newest = make_article(title="Байконур", body="Новый.", ago=timedelta(days=1))
    Article.objects.published().search("Плесецк")  # the stretches, as they fall
    boundary = calls[0][1]
    at_start = make_article(title="Байконур", body="На границе.", published_at=boundary)
    older = make_article(title="Байконур", body="Старый.", published_at=boundary - timedelta(days=400))
    found = Article.objects.published().search("Байконур")
    assert found.ranked_ids == [newest.pk, at_start.pk, older.pk]
    assert list(found) == [newest, at_start, older]


def test_an_article_moved_to_another_month_is_found_among_that_months_articles(monkeypatch):
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 2)
    monkeypatch.setattr(search_documents, "WINDOW_MARGIN", 0.1)
    monthly_articles(12)
    say_share(monkeypatch, "0.05")
    moved = make_article(title="Байконур", body="Перенесён.", ago=timedelta(days=300))
    fresh = make_article(title="Байконур", body="Свежий.", ago=timedelta(days=2))
    moved.published_at = timezone.now() - timedelta(days=1)
    moved.save()
    calls = spy_on_matches(monkeypatch)
    assert Article.objects.published().search("Байконур").ranked_ids == [moved.pk, fresh.pk]
    assert len(calls) == 1  # both in the newest stretch


def test_beside_a_rarer_word_a_common_word_is_checked_on_each_match_not_picked(monkeypatch):
    both = make_article(title="Безопасность Урумчи", body="Текст один.")
    rare_only = make_article(title="Урумчи", body="Текст два.")
    make_article(title="Безопасность", body="Текст три.")
    asked = []
    matches_in = search_documents._matches

    def spy(cursor, queries, *args):
        asked.append((queries.words, queries.query))
        return matches_in(cursor, queries, *args)

    monkeypatch.setattr(search_documents, "_matches", spy)
    say_share(monkeypatch, "0.5", "0.01")
    assert list(Article.objects.published().search("безопасность Урумчи")) == [both]
    ((picked, whole),) = asked
    assert "урумч" in picked and "безопас" not in picked and "безопас" in whole and "урумч" in whole
    say_share(monkeypatch, "0.01")
    assert list(Article.objects.published().search("Урумчи -безопасность")) == [rare_only]


def test_without_statistics_the_whole_archive_is_searched_at_once(monkeypatch):
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 2)
    old, older = (
        make_article(title="Плесецк", ago=timedelta(days=2000)),
        make_article(title="Плесецк", ago=timedelta(days=3000)),
    )
    calls = spy_on_matches(monkeypatch)
    say_share(monkeypatch, None)
    assert list(Article.objects.published().search("Плесецк")) == [old, older]
    assert calls == [(search_documents.PICK, None, None)]


def scoped_search(words, **scope):
    """The ids a search of the articles in ``scope`` finds (the queryset filtered as a list's
    filters do, and the same filters said in the search table's terms)."""
    articles = Article.objects.published()
    if scope.get("themes"):
        articles = articles.with_any_theme(scope["themes"])
    if scope.get("theme"):
        articles = articles.with_any_theme([scope["theme"]])
    for name, lookup in (("author", "authors"), ("source", "source"), ("kind", "kind")):
        if scope.get(name):
            articles = articles.filter(**{lookup: scope[name]})
    if scope.get("since"):
        articles = articles.filter(published_at__gte=scope["since"])
    if scope.get("before"):
        articles = articles.filter(published_at__lt=scope["before"])
    author, source = scope.pop("author", None), scope.pop("source", None)
    asked = Scope.of(**scope, authors=[author] if author else [], sources=[source] if source else [])
    return articles.search(words, scope=asked).ranked_ids


@pytest.mark.parametrize("share", ["0.9", "0.01"])  # a common word, a rarer one
def test_the_scope_picks_the_newest_matches_of_the_filters_however_old(monkeypatch, share):
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 2)
    say_share(monkeypatch, share)
    theme, other = make_theme("Космос"), make_theme("Спорт")
    author, source = make_author("Иван Петров"), make_source("Contur.kz")
    old = [
        make_article(
            title=f"Байконур {n}", ago=timedelta(days=400 + n), themes=[theme], authors=[author], source=source
        )
        for n in range(3)
    ]
    opinion = make_article(title="Байконур, мнение", ago=timedelta(days=500), kind=Article.Kind.OPINION)
    new = [make_article(title=f"Байконур, новое {n}", ago=timedelta(days=n), themes=[other]) for n in range(3)]
    assert scoped_search("Байконур", theme=theme.pk) == [old[0].pk, old[1].pk]
    assert scoped_search("Байконур", author=author.pk) == [old[0].pk, old[1].pk]
    assert scoped_search("Байконур", source=source.pk) == [old[0].pk, old[1].pk]
    assert scoped_search("Байконур", kind=Article.Kind.OPINION) == [opinion.pk]
    assert scoped_search("Байконур", themes=[theme.pk, other.pk]) == [new[0].pk, new[1].pk]
    assert scoped_search("Байконур", theme=theme.pk, themes=[other.pk]) == []


def test_the_scope_follows_changes_of_themes_authors_source_and_kind():
    theme, author, source = make_theme("Космос"), make_author("Иван Петров"), make_source("Contur.kz")
    article = make_article(title="Байконур", body="Пуск.")
    asked = {"theme": theme.pk, "author": author.pk, "source": source.pk, "kind": Article.Kind.OPINION}
    assert all(scoped_search("Байконур", **{name: value}) == [] for name, value in asked.items())
    article.themes.add(theme)
    article.bylines.create(author=author, order=0)
    article.source = source
    article.save()
    assert scoped_search("Байконур", kind=Article.Kind.OPINION) == []
    article.kind = Article.Kind.OPINION  # nothing else: the vector is the same
    article.save()
    assert all(scoped_search("Байконур", **{name: value}) == [article.pk] for name, value in asked.items())
    article.themes.remove(theme)
    article.bylines.all().delete()
    assert scoped_search("Байконур", theme=theme.pk) == scoped_search("Байконур", author=author.pk) == []


def test_a_period_is_searched_from_its_end_back_and_never_beyond_its_start(monkeypatch):
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 2)
    monthly_articles(30)
    say_share(monkeypatch, "0.9")  # a common word: without a period the newest would be walked
    calls = spy_on_matches(monkeypatch)
    days = (1, 200, 250, 300, 700)
    found = {n: make_article(title="Байконур", body=f"Пуск {n}.", ago=timedelta(days=n)) for n in days}
    now = timezone.now()
    since, before = now - timedelta(days=320), now - timedelta(days=190)
    assert scoped_search("Байконур", since=since, before=before) == [found[200].pk, found[250].pk]
    assert calls[0][2] == before and all(start is None or start >= since for _, start, _ in calls)
    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 5)
    assert scoped_search("Байконур", since=since, before=before) == [found[n].pk for n in (200, 250, 300)]
    assert scoped_search("Байконур", before=now - timedelta(days=650)) == [found[700].pk]


@pytest.mark.parametrize(("walked", "share"), [(3, "0.9"), (10, "0.9"), (3, None)])  # part, all; no statistics
def test_common_words_in_a_listed_scope_are_looked_for_along_its_newest_articles_then_before(
    monkeypatch, walked, share
):
    from editorial import listing

    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 2)
    monkeypatch.setattr(search_documents, "LIST_WALK", walked)
    say_share(monkeypatch, share)
    theme = make_theme("Космос")
    for n in (1, 2):
        make_article(title=f"Новости {n}", body=f"Погода {n}.", ago=timedelta(days=n), themes=[theme])
    hit = make_article(title="Байконур", body="Пуск 1.", ago=timedelta(days=3), themes=[theme])
    older = make_article(title="Байконур", body="Пуск 2.", ago=timedelta(days=300), themes=[theme])
    make_article(title="Байконур", body="Пуск 3.", ago=timedelta(days=4))  # not in the theme
    calls = spy_on_matches(monkeypatch)
    listed = listing.listed_ids("theme", [theme.pk], with_times=True)
    assert scoped_search("Байконур", theme=theme.pk, listed=listed) == [hit.pk, older.pk]
    if walked < 4:  # then the word index, before the last article walked only
        assert calls and calls[0][2] == hit.published_at + timedelta(microseconds=1)
    else:  # the whole theme walked: nothing more to ask
        assert calls == []


def test_a_byline_moved_to_another_author_of_the_same_name_moves_its_article_in_the_scope():
    from editorial.models import ArticleAuthor, Source

    first, second = make_author("Иван Петров"), make_author("Иван Петров", slug="ivan-petrov-2")
    article = make_article(title="Байконур", body="Пуск.", authors=[first], source=make_source("TengrinewsXYZ"))
    ArticleAuthor.objects.filter(article=article).update(author=second)
    assert scoped_search("Байконур", author=second.pk) == [article.pk]
    assert scoped_search("Байконур", author=first.pk) == []
    other = Source.objects.create(name="TENGRINEWSXYZ", slug="tengrinewsxyz-2")
    Article.objects.filter(pk=article.pk).update(source=other)
    assert scoped_search("Байконур", source=other.pk) == [article.pk]


@pytest.mark.parametrize("query", ["и", "и -Байконур", "и -зюзюзю", '"и в"'])
def test_a_query_of_stop_words_and_exclusions_finds_nothing_and_reads_nothing(monkeypatch, query):
    make_article(title="Байконур", body="Пуск и запуск.")
    make_article(title="Плесецк", body="Пуск и второй запуск.")
    calls = spy_on_matches(monkeypatch)
    assert list(Article.objects.published().search(query)) == []
    assert scoped_search(query, kind=Article.Kind.ANALYSIS) == []
    assert calls == []
