"""Article cards shared by the lists they are on, and still never stale."""

import pytest

from archive.generation import new_generation
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


def test_a_card_is_rendered_once_for_every_list_it_is_on(client, article):
    make_article(title="Другая статья")
    assert cards_rendered(client.get("/")) == 2
    theme_page = client.get("/themes/kosmos/")
    assert cards_rendered(theme_page) == 0 and "Байконур: новый запуск" in theme_page.content.decode()
    assert cards_rendered(client.get("/authors/aygerim-nurlanova/")) == 0


def test_a_change_renders_the_cards_again(client, article):
    client.get("/")
    new_generation()  # what any announced change does
    assert cards_rendered(client.get("/themes/kosmos/")) == 1


def test_an_editor_gets_cards_rendered_for_them(client, editor, article):
    client.get("/")
    client.force_login(editor)
    assert cards_rendered(client.get("/themes/kosmos/")) == 1


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
