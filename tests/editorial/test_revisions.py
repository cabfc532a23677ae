"""Versions of articles: kept on every save with bylines and themes, compared readably, restored."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from editorial.models import Article
from editorial.revisions import revisions_of
from tests.editorial.test_admin import article_form
from tests.factories import make_article, make_author, make_theme

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:editorial_article_change", args=[article.pk])


def revisions_url(article):
    return reverse("admin:editorial_article_revisions", args=[article.pk])


def existing_bylines_form(article, authors, **fields):
    """Change-form data replacing the article's bylines with ``authors``."""
    data = article_form(authors=(), **fields)
    bylines = list(article.bylines.all())
    data |= {"bylines-TOTAL_FORMS": str(len(bylines) + len(authors)), "bylines-INITIAL_FORMS": str(len(bylines))}
    for i, byline in enumerate(bylines):
        data |= {
            f"bylines-{i}-id": byline.pk, f"bylines-{i}-article": article.pk, f"bylines-{i}-author": byline.author_id,
            f"bylines-{i}-position": byline.position, f"bylines-{i}-order": i, f"bylines-{i}-DELETE": "on",
        }  # fmt: skip
    for j, author in enumerate(authors, start=len(bylines)):
        data |= {f"bylines-{j}-author": author.pk, f"bylines-{j}-position": "", f"bylines-{j}-order": j}
    return data


@pytest.fixture
def edited(editor_client, django_capture_on_commit_callbacks):
    """An article created in the admin (Серенко, «Россия»), then retitled and re-authored (Ахметов, «ЕАЭС»)."""
    serenko, akhmetov = make_author("Андрей Серенко"), make_author("Ербол Ахметов")
    russia, eaeu = make_theme("Россия"), make_theme("ЕАЭС")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:editorial_article_add"),
            article_form(
                authors=[serenko], themes=[russia], title="Газ и границы",
                body="Москва и Астана договорились о газе.\n\nВторой абзац без изменений.",
            ),
        )  # fmt: skip
    article = Article.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            change_url(article),
            existing_bylines_form(
                article, [akhmetov], themes=[eaeu], title="Газ, нефть и границы",
                body="Москва и Астана договорились о нефти.\n\nВторой абзац без изменений.",
            ),
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    return article


def test_every_admin_save_keeps_a_version_with_who_and_what(editor_client, edited):
    assert revisions_of(edited).count() == 2
    page = editor_client.get(revisions_url(edited)).content.decode()
    assert page.count("redaktor") >= 2  # who
    assert "Первая версия" in page
    assert "Заголовок, Адрес (slug), Текст, Авторы, Темы" in page  # what
    assert "Версии" in editor_client.get(change_url(edited)).content.decode()  # the link on the form


def test_saving_without_changes_adds_no_version(editor_client, edited, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.get(pk=edited.pk).save()
    assert revisions_of(edited).count() == 2


def test_diff_of_two_versions_is_readable(editor_client, edited):
    new, old = revisions_of(edited)
    page = editor_client.get(
        reverse("admin:editorial_article_revision_compare", args=[edited.pk]), {"old": old.pk, "new": new.pk}
    ).content.decode()
    assert "<ins>, нефть</ins>" in page  # title, word by word
    assert "<del>газе</del><ins>нефти</ins>" in page  # body, word by word
    assert "без изменений абзацев: 1" in page  # the unchanged paragraph is folded
    assert "<li><del>Андрей Серенко</del></li>" in page and "<li><ins>Ербол Ахметов</ins></li>" in page
    assert "<li><del>Россия</del></li>" in page and "<li><ins>ЕАЭС</ins></li>" in page


def test_compare_without_two_versions_says_so(editor_client, edited):
    url = reverse("admin:editorial_article_revision_compare", args=[edited.pk])
    response = editor_client.get(url, {"old": "x"}, follow=True)
    assert "Выберите две версии для сравнения." in response.content.decode()


def test_restoring_a_version_brings_back_title_bylines_and_themes(
    editor_client, edited, django_capture_on_commit_callbacks
):
    first = revisions_of(edited).last()
    url = reverse("admin:editorial_article_revision_restore", args=[edited.pk, first.pk])
    preview = editor_client.get(url).content.decode()
    assert "<ins>Андрей Серенко</ins>" in preview  # what the restore will change, before doing it
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, follow=True)
    assert "Версия восстановлена" in response.content.decode()
    article = Article.objects.get(pk=edited.pk)
    assert article.title == "Газ и границы"
    assert "о газе" in article.body
    assert [b.author.name for b in article.ordered_bylines] == ["Андрей Серенко"]
    assert [t.name for t in article.themes.all()] == ["Россия"]
    latest = revisions_of(article).first()
    assert revisions_of(article).count() == 3 and latest.comment.startswith("Восстановлена версия от")
    assert latest.user.username == "redaktor"


def test_restoring_is_refused_clearly_when_its_author_was_deleted(
    editor_client, edited, django_capture_on_commit_callbacks
):
    first = revisions_of(edited).last()
    from editorial.models import Author

    Author.objects.get(name="Андрей Серенко").delete()  # no byline holds him any more
    url = reverse("admin:editorial_article_revision_restore", args=[edited.pk, first.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, follow=True)
    assert "не удалось восстановить: с тех пор удалены автор №" in response.content.decode()
    assert Article.objects.get(pk=edited.pk).title == "Газ, нефть и границы"


def test_bulk_publish_keeps_a_version_signed_by_the_editor(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_article(published=False, title="Черновик к публикации", published_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:editorial_article_changelist"),
            {"action": "publish_selected", "_selected_action": [draft.pk]},
        )
    latest = revisions_of(draft).first()
    assert latest.user.username == "redaktor"
    assert latest.version_set.get(object_id=str(draft.pk)).field_dict["status"] == "published"
    page = editor_client.get(revisions_url(draft)).content.decode()
    assert '<td class="changes">Статус</td>' in page


def test_imported_articles_get_a_first_version(django_capture_on_commit_callbacks, tmp_path):
    document = tmp_path / "doc.txt"
    document.write_text(
        "Дата: 11 декабря 2025\nЗаголовок о КТК\n\nТекст о Каспийском трубопроводе.\n", encoding="utf-8"
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_articles", str(document), stdout=open("/dev/null", "w"))
    article = Article.objects.get()
    revision = revisions_of(article).get()
    assert revision.user is None
    assert "Каспийском" in revision.version_set.get(object_id=str(article.pk)).field_dict["body"]


def test_versions_of_another_article_are_not_reachable(editor_client, edited):
    other = make_article()
    first = revisions_of(edited).last()
    url = reverse("admin:editorial_article_revision_restore", args=[other.pk, first.pk])
    assert editor_client.get(url).status_code == 404


def test_a_save_in_its_own_transaction_after_another_adds_no_empty_version(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(themes=[make_theme()], authors=[make_author()])
    count = revisions_of(article).count()
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.get(pk=article.pk).save()  # published_at read back with its microseconds
    assert revisions_of(article).count() == count
