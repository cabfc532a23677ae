"""Counts of public articles per month, theme, author and source follow every change."""

from datetime import datetime, timedelta

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
    kept = sorted(Tally.objects.values_list("facet", "key", "count"))
    assert {(facet, count) for facet, _, count in kept} == {("month", 3), ("theme", 3), ("author", 3), ("source", 3)}
    tallies.rebuild()
    assert sorted(Tally.objects.values_list("facet", "key", "count")) == kept
    assert Article.objects.published().search("Петров").count() == 3
    assert Article.objects.published().search("ЕАЭС").count() == 3
