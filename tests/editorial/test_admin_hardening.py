"""The admin under misuse: deleting a theme in use, control characters in search terms."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from editorial.models import Theme
from tests.factories import make_article, make_theme

pytestmark = pytest.mark.django_db


def test_deleting_a_theme_in_use_is_refused_with_the_number_of_articles(editor_client, django_user_model):
    theme = make_theme("Россия")
    make_article(themes=[theme])
    make_article(themes=[theme])
    # The editors' group may not delete themes; a superuser may, and is refused all the same.
    admin_user = django_user_model.objects.create_superuser("glavred", password="Glavnyi-parol-2025")
    editor_client.force_login(admin_user)
    url = reverse("admin:editorial_theme_delete", args=[theme.pk])
    page = editor_client.get(url).content.decode()
    assert "Тема «Россия» — у статей: 2. Сначала уберите её из этих статей." in page
    editor_client.post(url, {"post": "yes"})
    assert Theme.objects.filter(pk=theme.pk).exists() and theme.article_links.count() == 2


def test_bulk_deleting_themes_refuses_those_in_use(client, django_user_model):
    used, unused = make_theme("Россия"), make_theme("Пустая")
    make_article(themes=[used])
    client.force_login(django_user_model.objects.create_superuser("glavred", password="Glavnyi-parol-2025"))
    changelist = reverse("admin:editorial_theme_changelist")
    page = client.post(changelist, {"action": "delete_selected", "_selected_action": [used.pk, unused.pk]})
    assert "Тема «Россия» — у статей: 1." in page.content.decode()
    client.post(changelist, {"action": "delete_selected", "_selected_action": [unused.pk], "post": "yes"})
    assert list(Theme.objects.values_list("name", flat=True)) == ["Россия"]


def test_a_theme_in_use_cannot_be_deleted_by_code_either():
    theme = make_theme()
    make_article(themes=[theme])
    with pytest.raises(ProtectedError):
        theme.delete()


@pytest.mark.parametrize("field", ["themes", "source", "disclaimer"])
def test_autocomplete_with_a_nul_in_the_term_answers(editor_client, field):
    make_theme("Россия")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "editorial", "model_name": "article", "field_name": field, "term": "Рос\x00сия"},
    )
    assert response.status_code == 200
    assert "results" in response.json()


@pytest.mark.parametrize("model", ["article", "author", "source", "theme", "disclaimer"])
def test_list_search_with_a_nul_answers(editor_client, model):
    response = editor_client.get(reverse(f"admin:editorial_{model}_changelist"), {"q": "a\x00b"})
    assert response.status_code == 200
