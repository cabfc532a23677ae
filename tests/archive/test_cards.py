"""Article cards outlive the page copies they are part of, and still never show stale names or links."""

import pytest

from archive.cache import new_generation
from tests.factories import make_article, make_author, make_source, make_theme
from tests.html import texts

pytestmark = pytest.mark.django_db

CARD = "archive/_article_card.html"


@pytest.fixture
def article():
    return make_article(
        title="Байконур: новый запуск", lead="Запуск с Байконура назначен на март.", authors=[make_author("Айгерим Нурланова")], themes=[make_theme("космос")],
        source=make_source("Contur.kz"),
    )  # fmt: skip


def cards_rendered(response):
    return sum(1 for template in response.templates if template.name == CARD)


def page_after_the_copy_expires(client, url="/"):
    """The page rendered again (its whole-page copy is stale, as after a minute or any change)."""
    new_generation()
    return client.get(url)


def test_a_card_is_rendered_once_and_reused_by_every_list(client, article):
    make_article(title="Другая статья")
    assert cards_rendered(client.get("/")) == 2
    again = page_after_the_copy_expires(client)
    assert cards_rendered(again) == 0 and "Байконур: новый запуск" in again.content.decode()
    assert cards_rendered(client.get("/themes/kosmos/")) == 0  # the same card on the theme's page


def test_an_edited_article_gets_a_new_card(client, article, django_capture_on_commit_callbacks):
    client.get("/")
    article.title = "Байконур: запуск перенесён"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert texts(client.get("/").content, ".card-title") == ["Байконур: запуск перенесён"]


@pytest.mark.parametrize("named", ["author", "theme", "source"])
def test_a_renamed_author_theme_or_source_shows_on_every_card(
    client, article, named, django_capture_on_commit_callbacks
):
    client.get("/")
    thing = {"author": article.authors.get, "theme": article.themes.get, "source": lambda: article.source}[named]()
    thing.name = "Новое имя"
    with django_capture_on_commit_callbacks(execute=True):
        thing.save()
    assert "Новое имя" in texts(client.get("/").content, ".card")[0]


def test_a_theme_or_author_added_without_saving_the_article_shows(client, article, django_capture_on_commit_callbacks):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        article.themes.add(make_theme("Казахстан"))
        article.bylines.create(author=make_author("Андрей Серенко"), order=1)
    page = client.get("/").content
    assert texts(page, ".card .tags") == ["Казахстанкосмос"]
    assert texts(page, ".card-authors") == ["Айгерим Нурланова, Андрей Серенко"]


def test_search_results_keep_their_own_snippets(client, article):
    assert "<mark>" not in client.get("/").content.decode()  # the plain card is kept
    page = client.get("/search/?q=Байконур").content.decode()
    assert "Запуск с <mark>Байконура</mark> назначен на март." in page
