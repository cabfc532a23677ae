"""Counts of public articles per month, theme, author and source follow every change."""

from collections import Counter
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from editorial import listing, tallies
from editorial.models import Article, ArticleAuthor, Tally
from tests.factories import make_article, make_author, make_source, make_theme

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 12))


def counts():
    return {
        "month": tallies.month_counts(),
        "theme": tallies.facet_counts("theme"),
        "author": tallies.facet_counts("author"),
        "source": tallies.facet_counts("source"),
    }


def test_counts_follow_publication_edits_themes_bylines_and_deletion():
    kz, space = make_theme("Казахстан"), make_theme("космос")
    author, contur = make_author("Андрей Серенко"), make_source("Contur.kz")
    article = make_article(themes=[kz], authors=[author], source=contur, published_at=at(2024, 3, 5))
    make_article(themes=[kz], published=False)  # a draft counts nowhere
    assert counts() == {"month": {202403: 1}, "theme": {kz.pk: 1}, "author": {author.pk: 1}, "source": {contur.pk: 1}}

    article.published_at = at(2024, 4, 1)
    article.save()
    article.themes.add(space)
    assert counts()["month"] == {202404: 1}
    assert counts()["theme"] == {kz.pk: 1, space.pk: 1}

    article.themes.remove(kz)
    ArticleAuthor.objects.filter(article=article).delete()
    assert counts()["theme"] == {space.pk: 1} and counts()["author"] == {}

    article.status = Article.Status.DRAFT
    article.save()
    assert counts() == {"month": {}, "theme": {}, "author": {}, "source": {}}

    article.publish()
    article.delete()
    assert counts() == {"month": {}, "theme": {}, "author": {}, "source": {}}


def test_a_scheduled_article_is_counted_once_its_time_comes():
    theme = make_theme("ЕАЭС")
    article = make_article(themes=[theme], ago=-timedelta(hours=1))
    assert tallies.facet_counts("theme") == {} and tallies.month_counts() == {}
    assert not tallies.has_public_articles("theme", theme.pk)
    # Time passes (no save: moving the clock is the same as moving the article back).
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert tallies.facet_counts("theme") == {theme.pk: 1}
    assert tallies.has_public_articles("theme", theme.pk)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the tally table is PostgreSQL's")
def test_rebuild_gives_what_the_triggers_kept():
    kz = make_theme("Казахстан")
    for day in range(1, 6):
        make_article(themes=[kz], authors=[make_author()], published_at=at(2023, 1, day))
    kept = sorted(Tally.objects.values_list("facet", "key", "count"))
    tallies.rebuild()
    assert sorted(Tally.objects.values_list("facet", "key", "count")) == kept


def test_generate_articles_makes_realistic_articles_and_counts_them(capsys):
    call_command("generate_articles", "60", "--batch", "25")
    assert Article.objects.count() == 60
    public = Article.objects.published()
    opinion = public.filter(kind="opinion").first()
    assert opinion is not None and opinion.disclaimer_id and opinion.bylines.exists()
    article = public.first()
    assert article.body.startswith("<p>") and article.themes.exists() and article.get_absolute_url()
    years = {a.published_at.year for a in Article.objects.exclude(published_at=None)}
    assert max(years) - min(years) >= 14
    assert sum(tallies.month_counts().values()) == public.count()
    if connection.vendor == "postgresql":
        assert public.search(article.themes.first().name).filter(pk=article.pk).exists()
        # The theme links carry their articles' times (triggers off): theme pages list from them.
        theme = article.themes.first()
        in_order = public.filter(theme_links__tag=theme).order_by("-published_at", "-id").values_list("pk", flat=True)
        assert list(listing.listed_ids("theme", [theme.pk])) == list(in_order)
    assert "Создано статей: 60" in capsys.readouterr().out


def test_generate_articles_refuses_a_bad_count():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="положительными"):
        call_command("generate_articles", "0")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the tally table is PostgreSQL's")
def test_articles_imported_together_are_counted_and_found_by_their_authors_and_themes(tmp_path):
    from io import StringIO

    for n in range(3):
        (tmp_path / f"doc{n}.txt").write_text(
            f"Дата: 0{n + 1}.03.2024\nЗаголовок {n}\n\nТекст номер {n}.\n\nАвтор: Иван Петров\nИсточник: Contur.kz",
            encoding="utf-8",
        )
    call_command("import_articles", str(tmp_path), "--publish", "--theme", "ЕАЭС", stdout=StringIO())
    kept = sorted(Tally.objects.exclude(facet="watermark").values_list("facet", "key", "count"))
    assert {(facet, count) for facet, _, count in kept} == {("month", 3), ("theme", 3), ("author", 3), ("source", 3)}
    tallies.rebuild()
    assert sorted(Tally.objects.exclude(facet="watermark").values_list("facet", "key", "count")) == kept
    assert Article.objects.published().search("Петров").count() == 3
    assert Article.objects.published().search("ЕАЭС").count() == 3


def truth():
    """What readers may see, counted from the articles themselves."""
    found = {"month": Counter(), "theme": Counter(), "author": Counter(), "source": Counter()}
    for article in Article.objects.published().prefetch_related("theme_links", "bylines"):
        found["month"][tallies.month_key(article.published_at)] += 1
        found["source"].update([article.source_id] if article.source_id else [])
        found["theme"].update(link.tag_id for link in article.theme_links.all())
        found["author"].update(byline.author_id for byline in article.bylines.all())
    return {facet: dict(counted) for facet, counted in found.items()}


def test_a_scheduled_article_counts_from_its_time_on_whatever_happens_to_it():
    kz, own = make_theme("Казахстан"), make_theme("Только в будущей статье")
    author, later_author, contur = make_author(), make_author(), make_source("Contur.kz")
    make_article(themes=[kz], authors=[author], source=contur, published_at=at(2024, 3, 5))
    start = timezone.now()
    due = start + timedelta(hours=1)
    article = make_article(themes=[kz, own], authors=[author, later_author], source=contur, published_at=due)

    def check(moment, public):
        """Right at ``moment``; still right once the tallies are moved to it, or recounted."""
        with mock.patch("django.utils.timezone.now", return_value=moment):
            for step in (lambda: None, tallies.advance, tallies.rebuild):
                step()
                assert counts() == truth()
                assert (own.pk in counts()["theme"]) is public and (later_author.pk in counts()["author"]) is public
                assert tallies.has_public_articles("theme", own.pk) is public
                assert tallies.has_public_articles("author", later_author.pk) is public
                assert tallies.has_public_articles("theme", kz.pk) and tallies.has_public_articles("source", contur.pk)

    with mock.patch("django.utils.timezone.now", return_value=start):
        assert max(tallies.month_last_modified().values()) <= start  # its time is not told before it comes
    check(start, False)
    check(due, True)
    check(start, False)  # a clock behind the tallies' (another server's): not yet public there
    with mock.patch("django.utils.timezone.now", return_value=due + timedelta(minutes=1)):
        article.published_at = due + timedelta(hours=1)  # rescheduled once counted
        article.save()
    check(due + timedelta(minutes=1), False)
    check(due + timedelta(hours=1), True)
    article.status = Article.Status.DRAFT
    article.save()
    check(due + timedelta(hours=2), False)
    article.status = Article.Status.PUBLISHED
    article.save()
    check(due + timedelta(hours=2), True)
    article.move_to_trash()
    check(due + timedelta(hours=2), False)
    article.restore_from_trash()
    check(due + timedelta(hours=2), True)
    article.delete()
    check(due + timedelta(hours=3), False)


postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the tally table is PostgreSQL's")


def counted(facet, key):
    """What the tally table itself holds (not what a read adds live)."""
    return Tally.objects.filter(facet=facet, key=key).values_list("count", flat=True).first() or 0


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_worker_counts_a_scheduled_article_into_the_tally_at_its_time(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from editorial.tasks import count_due_articles

    theme = make_theme("ЕАЭС")
    article = make_article(themes=[theme], ago=-timedelta(hours=2))
    (job,) = [r for r in count_due_articles.get_backend().results if r.task.name == count_due_articles.name]
    assert job.task.run_after == article.published_at
    with mock.patch("django.utils.timezone.now", return_value=article.published_at):
        job.task.call(*job.args, **job.kwargs)
        assert counted("theme", theme.pk) == 1 and counts() == truth()
    assert counts() == truth() == {"month": {}, "theme": {}, "author": {}, "source": {}}  # back to now: not yet


@postgres_only
def test_a_read_that_finds_many_articles_due_counts_them_itself(monkeypatch):
    theme = make_theme("ЕАЭС")
    make_article(themes=[theme], ago=timedelta(seconds=1))  # published meanwhile: after the watermark
    tallies.advance()
    make_article(themes=[theme], ago=-timedelta(hours=2))
    later = timezone.now() + timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert tallies.facet_counts("theme") == {theme.pk: 2} and counted("theme", theme.pk) == 1
        monkeypatch.setattr(tallies, "LIVE_LIMIT", 0)
        assert tallies.facet_counts("theme") == {theme.pk: 2} and counted("theme", theme.pk) == 2


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_article_written_while_the_watermark_moves_is_counted_once(settings):
    """The step waits for (or skips) a transaction whose triggers read the watermark: that one
    decided whether it counted its article, and the step sees the article once it is committed.
    The worker's step does not wait: it is queued again a little later."""
    import threading

    from django.db import connections, transaction

    from editorial.tasks import COUNT_RETRY, count_due_articles

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    theme = make_theme("ЕАЭС")
    tallies.advance()
    written, release = threading.Event(), threading.Event()

    def editor():
        try:
            with transaction.atomic():
                make_article(themes=[theme], ago=-timedelta(seconds=2))  # due while this transaction is open
                written.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=editor)
    thread.start()
    assert written.wait(10)
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(seconds=5)):
        assert tallies.advance(wait=False) is None  # the editor's transaction holds the watermark
        assert count_due_articles.call() is None
        (retry,) = count_due_articles.get_backend().results
        assert retry.task.run_after == timezone.now() + COUNT_RETRY
        release.set()
        thread.join(10)
        tallies.advance()
        assert counted("theme", theme.pk) == 1 and counts() == truth()
