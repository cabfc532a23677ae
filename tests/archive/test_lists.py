"""Theme and author lists (pages, filters) read from the theme links and bylines on PostgreSQL
(``editorial.listing``): the same articles, in the same order, whatever happens to them."""

import re
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from archive.views import ArticleListMixin
from editorial.models import Article
from tests.factories import make_article, make_author, make_theme
from tests.html import texts

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime(year, month, day, hour))


def titles(page):
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', page)


def every_page(client, url):
    """The titles of every page of ``url``'s list, in order, and its «Страница 1 из N»."""
    cache.clear()
    found, status, number = [], None, 1
    while True:
        page = client.get(url if number == 1 else f"{url}{'&' if '?' in url else '?'}page={number}").content.decode()
        found += titles(page)
        status = status or texts(page, ".page-status")
        if 'rel="next"' not in page:
            return found, status
        number += 1


@pytest.fixture
def world(monkeypatch):
    monkeypatch.setattr(ArticleListMixin, "paginate_by", 2)
    kz, other = make_theme("Казахстан"), make_theme("Другое")
    serenko = make_author("Андрей Серенко")
    same_moment = at(2025, 3, 3)
    made = {
        "old": make_article(title="Старая", themes=[kz], authors=[serenko], published_at=at(2024, 1, 5)),
        "tie1": make_article(title="Одновременно 1", themes=[kz], authors=[serenko], published_at=same_moment),
        "tie2": make_article(title="Одновременно 2", themes=[kz, other], published_at=same_moment),
        "opinion": make_article(
            title="Мнение", kind="opinion", themes=[kz], authors=[serenko], published_at=at(2025, 3, 10)
        ),
        "new": make_article(title="Новая", themes=[kz], authors=[serenko], published_at=at(2025, 6, 1)),
    }
    make_article(title="Черновик", themes=[kz], authors=[serenko], published=False)
    make_article(title="Запланирована", themes=[kz], authors=[serenko], ago=-timedelta(days=1))
    make_article(title="В корзине", themes=[kz], authors=[serenko], deleted_at=timezone.now())
    make_article(title="Чужая тема", themes=[other], published_at=at(2025, 5, 1))
    return {"kz": kz, "serenko": serenko, **made}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/themes/kazakhstan/", ["Новая", "Мнение", "Одновременно 2", "Одновременно 1", "Старая"]),
        ("/?theme=kazakhstan", ["Новая", "Мнение", "Одновременно 2", "Одновременно 1", "Старая"]),
        ("/authors/andrey-serenko/", ["Новая", "Мнение", "Одновременно 1", "Старая"]),
        ("/?author=andrey-serenko", ["Новая", "Мнение", "Одновременно 1", "Старая"]),
        ("/themes/kazakhstan/?kind=analysis", ["Новая", "Одновременно 2", "Одновременно 1", "Старая"]),
        ("/?theme=kazakhstan&kind=opinion", ["Мнение"]),
        ("/?theme=kazakhstan&theme=drugoe", [  # any of them, each article once
            "Новая", "Чужая тема", "Мнение", "Одновременно 2", "Одновременно 1", "Старая",
        ]),
        ("/?theme=kazakhstan&theme=drugoe&kind=analysis", [
            "Новая", "Чужая тема", "Одновременно 2", "Одновременно 1", "Старая",
        ]),
        ("/?theme=kazakhstan&date_from=2025-03-03&date_to=2025-03-10", ["Мнение", "Одновременно 2", "Одновременно 1"]),
        ("/authors/andrey-serenko/?date_to=2025-03-09", ["Одновременно 1", "Старая"]),
        ("/?theme=kazakhstan&date_from=0001-01-01&date_to=9999-12-31", [
            "Новая", "Мнение", "Одновременно 2", "Одновременно 1", "Старая",
        ]),
    ],
)  # fmt: skip
def test_lists_of_a_theme_or_author_page_through_their_public_articles_newest_first(client, world, url, expected):
    found, status = every_page(client, url)
    assert found == expected
    pages = (len(expected) + 1) // 2
    assert status == ([f"Страница 1 из {pages}"] if pages > 1 else [])  # one page: no pagination


def test_lists_follow_publication_trash_schedule_kind_and_new_themes_and_bylines(client, world):
    kz, serenko, old = world["kz"], world["serenko"], world["old"]
    listed = ["Новая", "Мнение", "Одновременно 2", "Одновременно 1", "Старая"]
    old.status = Article.Status.DRAFT
    old.save()
    assert every_page(client, "/themes/kazakhstan/")[0] == listed[:-1]
    old.publish()
    old.move_to_trash()
    assert every_page(client, "/authors/andrey-serenko/")[0] == ["Новая", "Мнение", "Одновременно 1"]
    old.restore_from_trash()
    assert every_page(client, "/themes/kazakhstan/")[0] == listed
    old.published_at = timezone.now() + timedelta(days=1)  # rescheduled: not public until then
    old.save()
    assert every_page(client, "/?author=andrey-serenko")[0] == ["Новая", "Мнение", "Одновременно 1"]
    old.published_at = at(2025, 7, 1)  # moved: now the newest
    old.kind = Article.Kind.OPINION
    old.save()
    assert every_page(client, "/?theme=kazakhstan&kind=opinion")[0] == ["Старая", "Мнение"]
    Article.objects.filter(pk=world["new"].pk).update(status=Article.Status.DRAFT)  # a bulk unpublish
    assert every_page(client, "/themes/kazakhstan/")[0] == ["Старая", "Мнение", "Одновременно 2", "Одновременно 1"]
    later = make_article(title="Позже", published_at=at(2025, 8, 1))
    later.themes.add(kz)  # a theme and a byline added to a public article
    later.bylines.create(author=serenko)
    assert every_page(client, "/themes/kazakhstan/")[0][0] == "Позже"
    assert every_page(client, "/authors/andrey-serenko/")[0][:2] == ["Позже", "Старая"]


def test_imported_articles_are_listed_under_their_theme_and_author(client, tmp_path, monkeypatch):
    """An import writes the theme links and bylines before their articles (PostgreSQL)."""
    monkeypatch.setattr(ArticleListMixin, "paginate_by", 2)
    for i in range(3):
        text = f"2025-03-{i + 1:02d}\nИмпорт номер {i}\n\nТекст материала {i}.\n\nАвтор: Иван Петров"
        (tmp_path / f"doc_{i}.txt").write_text(text, encoding="utf-8")
    call_command("import_articles", str(tmp_path), "--publish", "--theme", "ЕАЭС", stdout=StringIO())
    expected = ["Импорт номер 2", "Импорт номер 1", "Импорт номер 0"]
    assert every_page(client, "/themes/eaes/")[0] == expected
    assert every_page(client, "/authors/ivan-petrov/")[0] == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the links' copies are kept on PostgreSQL")
@pytest.mark.parametrize("url", ["/themes/kazakhstan/?page=2", "/?author=andrey-serenko&kind=analysis"])
def test_a_theme_or_author_list_reads_its_ids_and_count_from_the_links_alone(client, world, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    listing = [
        q["sql"] for q in captured if re.search(r'FROM "editorial_(themedarticle|articleauthor)" WHERE', q["sql"])
    ]
    assert listing and not any("editorial_article" in sql.replace("editorial_articleauthor", "") for sql in listing)
