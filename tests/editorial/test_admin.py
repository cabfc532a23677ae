"""The admin as an editor uses it: logging in, the forms, the actions, the list page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from editorial.models import Article, Author, Source, Theme
from tests.factories import make_article, make_author, make_source, make_theme
from tests.html import texts

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:editorial_article_add")


def article_form(authors=(), themes=(), **fields):
    """POST data of the article add/change form, with the bylines inline."""
    data = {
        "title": "Россия и Казахстан: итоги года",
        "slug": "",
        "lead": "Лид.",
        "body": "Первый абзац «с кавычками».\n\nВторой абзац.",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "kind": "analysis",
        "language": "ru",
        "themes": [t.pk for t in themes],
        "source": "",
        "source_url": "",
        "disclaimer": "",
        "bylines-TOTAL_FORMS": str(len(authors)),
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    for i, author in enumerate(authors):
        data |= {f"bylines-{i}-author": author.pk, f"bylines-{i}-position": "", f"bylines-{i}-order": i}
    data.update(fields)
    return data


def when(dt):
    local = timezone.localtime(dt)
    return {"published_at_0": local.strftime("%d.%m.%Y"), "published_at_1": local.strftime("%H:%M:%S")}


def test_editor_logs_in_through_the_form_and_does_the_whole_workflow(client, editor):
    response = client.post(
        reverse("admin:login"), {"username": "redaktor", "password": "Slozhnyi-parol-2025", "next": "/admin/"}
    )
    assert response.status_code == 302

    # Author, source and theme, through their add forms.
    client.post(
        reverse("admin:editorial_author_add"),
        {"name": "Андрей Серенко", "slug": "", "position": "директор центра", "bio": ""},
    )
    client.post(reverse("admin:editorial_source_add"), {"name": "Contur.kz", "slug": "", "url": "https://contur.kz/"})
    client.post(reverse("admin:editorial_theme_add"), {"name": "Қазақстан", "slug": "", "description": ""})
    author = Author.objects.get(slug="andrey-serenko")
    source = Source.objects.get(slug="contur-kz")
    theme = Theme.objects.get(slug="qazaqstan")

    # An opinion with no author cannot be published: the message is on the form, nothing is saved.
    response = client.post(ADD_ARTICLE, article_form(kind="opinion", status="published", **when(timezone.now())))
    assert response.status_code == 200
    assert "Мнение нельзя опубликовать без автора" in response.content.decode()
    assert not Article.objects.exists()

    # With an author it is published, with the default disclaimer, source and theme.
    response = client.post(
        ADD_ARTICLE,
        article_form(
            authors=[author],
            themes=[theme],
            kind="opinion",
            status="published",
            source=source.pk,
            **when(timezone.now() - timedelta(minutes=1)),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.is_public
    assert article.slug == "rossiya-i-kazakhstan-itogi-goda"
    assert [b.position for b in article.bylines.all()] == ["директор центра"]
    assert list(article.themes.all()) == [theme]
    assert article.disclaimer_text.startswith("Автор выражает личное мнение")
    change = client.get(reverse("admin:editorial_article_change", args=[article.pk])).content.decode()
    assert "Смотреть на сайте" in change

    # Scheduled for tomorrow: saved, shown as scheduled, not public.
    client.post(
        ADD_ARTICLE,
        article_form(
            title="Завтрашняя статья",
            body="Другой текст.",
            status="published",
            **when(timezone.now() + timedelta(days=1)),
        ),
    )
    scheduled = Article.objects.get(title="Завтрашняя статья")
    assert scheduled.is_scheduled and not scheduled.is_public
    listing = client.get(reverse("admin:editorial_article_changelist")).content.decode()
    assert "Запланирована" in listing
    change = client.get(reverse("admin:editorial_article_change", args=[scheduled.pk])).content.decode()
    assert "Смотреть на сайте" not in change

    # Bulk actions.
    draft = make_article(title="Черновик", published=False, published_at=timezone.now() - timedelta(hours=2))
    changelist = reverse("admin:editorial_article_changelist")
    client.post(changelist, {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_public
    client.post(changelist, {"action": "unpublish_selected", "_selected_action": [draft.pk, article.pk]})
    assert not Article.objects.published().exists()

    # No user or group management.
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_bulk_publish_refuses_incomplete_articles_with_a_message(editor_client):
    untitled = make_article(title="", published=False)
    opinion = make_article(title="Мнение без автора", kind="opinion", published=False)
    response = editor_client.post(
        reverse("admin:editorial_article_changelist"),
        {"action": "publish_selected", "_selected_action": [untitled.pk, opinion.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Нельзя опубликовать статью без заголовка" in page
    assert "Мнение нельзя опубликовать без автора" in page
    assert not Article.objects.filter(status="published").exists()


def test_publishing_without_title_body_or_time_is_refused_on_the_form(editor_client):
    response = editor_client.post(ADD_ARTICLE, article_form(title="", body="", status="published"))
    page = response.content.decode()
    assert response.status_code == 200
    for message in ["без заголовка", "без текста", "Укажите время публикации"]:
        assert message in page
    assert not Article.objects.exists()


def test_same_title_same_day_is_refused_with_a_message_when_slug_is_given(editor_client):
    existing = make_article(title="Итоги года", ago=timedelta(0))  # the same moment: the same day at any hour
    response = editor_client.post(
        ADD_ARTICLE,
        article_form(title="Итоги года", slug=existing.slug, status="published", **when(existing.published_at)),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [
        "В этот день уже есть статья с таким адресом (slug): измените его."
    ]
    assert Article.objects.count() == 1


def test_same_title_same_day_gets_its_own_slug_when_left_empty(editor_client):
    existing = make_article(title="Итоги года", ago=timedelta(0))
    response = editor_client.post(
        ADD_ARTICLE, article_form(title="Итоги года", status="published", **when(existing.published_at))
    )
    assert response.status_code == 302
    assert Article.objects.exclude(pk=existing.pk).get().slug == existing.slug + "-2"


def test_duplicate_source_name_and_author_slug_are_form_errors(editor_client):
    make_source("Contur.kz")
    make_author("Андрей Серенко", slug="serenko")
    response = editor_client.post(reverse("admin:editorial_source_add"), {"name": "Contur.kz", "slug": ""})
    assert response.status_code == 200 and "уже существует" in response.content.decode()
    response = editor_client.post(reverse("admin:editorial_author_add"), {"name": "Другой", "slug": "serenko"})
    assert response.status_code == 200 and "уже существует" in response.content.decode()
    assert Source.objects.count() == 1 and Author.objects.count() == 1


def test_theme_added_in_admin_gets_a_transliterated_slug(editor_client):
    editor_client.post(reverse("admin:editorial_theme_add"), {"name": "Өскемен", "slug": ""})
    assert Theme.objects.get().slug == "oskemen"


def test_theme_autocomplete_answers_with_themes(editor_client):
    make_theme("Байконур")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "Байк", "app_label": "editorial", "model_name": "article", "field_name": "themes"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Байконур"]


@pytest.mark.parametrize("rows", [3, 30])
def test_article_list_makes_a_constant_number_of_queries(editor_client, django_assert_max_num_queries, rows):
    authors = [make_author() for _ in range(2)]
    themes = [make_theme() for _ in range(3)]
    source = make_source()
    for _ in range(rows):
        make_article(authors=authors, themes=themes, source=source)
    with django_assert_max_num_queries(15):  # 14, and the count of articles waiting for review
        response = editor_client.get(reverse("admin:editorial_article_changelist"))
    assert response.status_code == 200
    assert response.content.decode().count(authors[0].name) >= rows


@pytest.mark.parametrize("model", ["author", "source", "theme", "disclaimer"])
def test_other_lists_show_article_counts(editor_client, model):
    author, source, theme = make_author(), make_source(), make_theme()
    make_article(authors=[author], source=source, themes=[theme], kind="opinion")
    make_article(authors=[author], source=source, themes=[theme], kind="opinion", published=False)
    make_author(), make_source(), make_theme()  # an unused one of each: 0
    response = editor_client.get(reverse(f"admin:editorial_{model}_changelist"))
    assert response.status_code == 200
    counts = sorted(texts(response.content, "td.field-article_count"), reverse=True)
    assert counts == (["2"] if model == "disclaimer" else ["2", "0"])  # drafts count: it is the editors' view


def test_admin_slug_field_uses_the_project_transliteration(live_server, page, admin_user):
    from editorial.slugs import slugify_ru

    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.goto(live_server.url + ADD_ARTICLE)
    title = "Қазақстан және Ресей: а что дальше?"
    page.fill("#id_title", title)
    page.dispatch_event("#id_title", "change")
    assert page.input_value("#id_slug") == slugify_ru(title) == "qazaqstan-zhane-resey-a-chto-dalshe"


test_admin_slug_field_uses_the_project_transliteration = pytest.mark.browser(
    test_admin_slug_field_uses_the_project_transliteration
)


def test_admin_pages_have_proper_russian_titles(editor_client):
    article = make_article()
    assert "<h1>Статьи</h1>" in editor_client.get(reverse("admin:editorial_article_changelist")).content.decode()
    assert "<h1>Новая статья</h1>" in editor_client.get(ADD_ARTICLE).content.decode()
    page = editor_client.get(reverse("admin:editorial_article_change", args=[article.pk])).content.decode()
    assert "<h1>Правка статьи</h1>" in page and "Изменить статья" not in page
    assert "<h1>Новый автор</h1>" in editor_client.get(reverse("admin:editorial_author_add")).content.decode()


def test_a_theme_differing_only_in_case_is_refused(editor_client):
    make_theme("Россия")
    response = editor_client.post(reverse("admin:editorial_theme_add"), {"name": "россия", "slug": ""})
    assert response.status_code == 200 and "уже есть" in response.content.decode()
    assert Theme.objects.count() == 1


def test_admin_search_finds_articles_by_author_name(editor_client):
    make_article(title="Статья Серенко", authors=[make_author("Андрей Серенко")])
    make_article(title="Другая статья")
    page = editor_client.get(reverse("admin:editorial_article_changelist"), {"q": "Серенко"}).content.decode()
    assert texts(page, "#result_list tbody th a") == ["Статья Серенко"]


def test_status_filter_shows_scheduled_articles_only(editor_client):
    make_article(title="Завтрашняя", ago=-timedelta(days=1))
    make_article(title="Вчерашняя")
    make_article(title="Черновая", published=False)
    page = editor_client.get(reverse("admin:editorial_article_changelist"), {"state": "scheduled"}).content.decode()
    assert texts(page, "#result_list tbody th a") == ["Завтрашняя"]


def test_editors_group_has_exactly_the_content_permissions():
    from django.contrib.auth.models import Group

    perms = set(Group.objects.get(name="Редакторы").permissions.values_list("content_type__app_label", "codename"))
    models = ["article", "articleauthor", "author", "source", "theme", "themedarticle", "disclaimer"]
    content = {("editorial", f"{action}_{m}") for m in models for action in ("add", "change", "delete", "view")}
    assert perms == content | {("editorial", "publish_article")}
