"""The admin speaks correct Russian: cases, genders and plurals in buttons, counts and messages."""

import html
import json
import re
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from editorial.admin_russian import NOUNS
from editorial.models import Article, Author, Theme
from editorial.tasks import run_import_job
from editorial.text import plural_form
from tests.editorial.test_admin import ADD_ARTICLE, article_form, when
from tests.factories import make_article, make_author, make_source, make_theme
from tests.html import text, texts

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "статья"), (2, "статьи"), (4, "статьи"), (5, "статей"), (7, "статей"), (11, "статей"), (12, "статей"),
     (14, "статей"), (21, "статья"), (22, "статьи"), (25, "статей"), (111, "статей"), (0, "статей")],
)  # fmt: skip
def test_plural_forms(count, expected):
    assert plural_form(count, "статья", "статьи", "статей") == expected


def test_counts_and_add_buttons_on_the_lists(editor_client):
    for _ in range(7):
        make_article()
    themes = [make_theme() for _ in range(8)]
    make_author()

    articles = editor_client.get(reverse("admin:editorial_article_changelist")).content.decode()
    assert "Добавить статью" in articles and "7 статей" in articles
    assert "Добавить статья" not in articles and "7 статьи" not in articles

    theme_list = editor_client.get(reverse("admin:editorial_theme_changelist")).content.decode()
    assert "Добавить тему" in theme_list and f"{len(themes)} тем" in theme_list and "8 темы" not in theme_list

    authors = editor_client.get(reverse("admin:editorial_author_changelist")).content.decode()
    assert "Добавить автора" in authors and "1 автор\n" in authors

    assert "Добавить источник" in editor_client.get(reverse("admin:editorial_source_changelist")).content.decode()
    assert "Добавить статью" in editor_client.get(ADD_ARTICLE).content.decode()  # breadcrumbs


def test_select_all_across_pages_names_the_objects_in_the_right_case(editor_client, monkeypatch):
    from editorial.admin import AuthorAdmin

    monkeypatch.setattr(AuthorAdmin, "list_per_page", 2)
    for _ in range(3):
        make_author()
    page = editor_client.get(reverse("admin:editorial_author_changelist")).content.decode()
    assert "Выбрать всех авторов (3)" in page


def test_success_messages_agree_with_the_model(editor_client):
    response = editor_client.post(
        reverse("admin:editorial_theme_add"), {"name": "Қазақстан", "slug": "", "description": ""}, follow=True
    )
    theme = Theme.objects.get()
    [message] = messages_of(response)
    assert re.fullmatch(r"Тема «<a href=\"[^\"]+\">Қазақстан</a>» добавлена\.", message)

    response = editor_client.post(
        reverse("admin:editorial_author_add"),
        {"name": "Андрей Серенко", "slug": "", "position": "", "bio": "", "_addanother": "1"},
        follow=True,
    )
    assert messages_of(response)[0].endswith("» добавлен. Ниже можно добавить ещё одного автора.")

    article = make_article(title="Россия и Казахстан")
    url = reverse("admin:editorial_article_change", args=[article.pk])
    data = article_form(title=article.title, slug=article.slug, status="published", **when(article.published_at))
    response = editor_client.post(url, data | {"themes": [theme.pk], "_continue": "1"}, follow=True)
    [message] = messages_of(response)
    assert (
        "Статья «" in message and "Россия и Казахстан</a>» изменена. Ниже её можно отредактировать ещё раз." in message
    )
    assert "был" not in message


def test_the_message_after_scheduling_says_when_the_article_will_appear(editor_client):
    moment = timezone.make_aware(datetime(2030, 3, 12, 10, 0))
    response = editor_client.post(
        ADD_ARTICLE, article_form(title="Выйдет весной", status="published", **when(moment)), follow=True
    )
    [message] = messages_of(response)
    assert message.endswith("Выйдет весной</a>» добавлена и выйдет 12 марта 2030 в 10:00.")
    assert Article.objects.get().is_scheduled


def test_the_bylines_inline_offers_to_add_one_more_author(editor_client):
    page = editor_client.get(ADD_ARTICLE).content.decode()
    data = json.loads(html.unescape(re.search(r'data-inline-formset="([^"]+)"', page).group(1)))
    assert data["options"]["addText"] == "Добавить ещё одного автора"


def test_delete_confirmations_and_messages(editor_client):
    theme = make_theme(name="Қазақстан")
    page = editor_client.get(reverse("admin:editorial_theme_delete", args=[theme.pk])).content.decode()
    assert "Вы уверены, что хотите удалить тему «Қазақстан»?" in page and "удалить тема" not in page
    response = editor_client.post(
        reverse("admin:editorial_theme_delete", args=[theme.pk]), {"post": "yes"}, follow=True
    )
    assert messages_of(response) == ["Тема «Қазақстан» удалена."]

    themes = [make_theme() for _ in range(3)]
    changelist = reverse("admin:editorial_theme_changelist")
    selected = {"action": "delete_selected", "_selected_action": [t.pk for t in themes]}
    assert "Удалить 3 темы?" in editor_client.post(changelist, selected).content.decode()
    response = editor_client.post(changelist, selected | {"post": "yes"}, follow=True)
    assert "Удалено 3 темы." in messages_of(response)
    assert not Theme.objects.exists()

    source = make_source(name="Contur.kz")
    make_article(source=source)
    page = editor_client.get(reverse("admin:editorial_source_delete", args=[source.pk])).content.decode()
    assert "Удалить источник «Contur.kz» нельзя, пока с этим связаны следующие объекты" in page

    author = make_author()
    one = {"action": "delete_selected", "_selected_action": [author.pk]}
    assert "Удалить 1 автора?" in editor_client.post(reverse("admin:editorial_author_changelist"), one).content.decode()
    response = editor_client.post(reverse("admin:editorial_author_changelist"), one | {"post": "yes"}, follow=True)
    assert "Удалён 1 автор." in messages_of(response)
    assert not Author.objects.exists()


def test_every_editorial_model_in_the_admin_has_its_forms():
    from django.contrib import admin

    content = {"editorial.article", "editorial.theme", "editorial.author", "editorial.source", "editorial.disclaimer"}
    assert content <= {m._meta.label_lower for m in admin.site._registry} and content <= set(NOUNS)


def test_a_new_theme_is_created_from_the_article_form(editor_client):
    existing = make_theme(name="Россия")
    response = editor_client.post(
        ADD_ARTICLE, article_form(themes=[existing], **{}) | {"themes": [existing.pk, "Қазақ хандығы", "россия"]}
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert sorted(t.name for t in article.themes.all()) == ["Россия", "Қазақ хандығы"]
    assert Theme.objects.count() == 2


def test_a_contributor_cannot_create_themes_without_the_right(contributor_client, contributor):
    from django.contrib.auth.models import Permission

    contributor.groups.first().permissions.remove(Permission.objects.get(codename="add_theme"))
    response = contributor_client.post(ADD_ARTICLE, article_form() | {"themes": ["Новая тема"]})
    assert response.status_code == 200
    assert "Создавать темы вам нельзя" in response.content.decode()
    assert "Новая тема (новая)" in response.content.decode()  # the typed name stays selected
    assert not Theme.objects.exists()


def test_the_theme_widget_lets_editors_type_a_new_name(editor_client):
    page = editor_client.get(ADD_ARTICLE).content.decode()
    assert re.search(r'<select name="themes"[^>]*data-tags="true"', page)


def test_the_third_party_apps_are_named_in_russian_on_the_index_and_their_lists(admin_client, settings):
    index = admin_client.get(reverse("admin:index")).content
    assert texts(index, "#content-main caption a.section") == [
        "Защита входа", "Пользователи и группы", "Редакция", "Фоновые задачи",
    ]  # fmt: skip
    assert "Фоновые задачи" in texts(index, "tr.model-dbtaskresult th a")
    lists = {
        "admin:django_tasks_database_dbtaskresult_changelist": "Фоновые задачи",
        "admin:axes_accessattempt_changelist": "Неудачные попытки входа",
        "admin:axes_accesslog_changelist": "Журнал входов",
    }
    for name, title in lists.items():
        page = admin_client.get(reverse(name)).content
        assert text(page, "#content h1") == title
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    run_import_job.enqueue(0)  # a row for the list to show its columns
    tasks = admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).content
    assert texts(tasks, "#result_list td.field-status") == ["В очереди"]
    assert {"Состояние", "Поставлена в очередь", "Приоритет"} <= set(texts(tasks, "#result_list thead th"))
