"""Accessible names of the article form's inputs, in the HTML itself (no script needed)."""

import pytest
from django.urls import reverse

from tests.factories import make_article, make_author
from tests.html import attrs

pytestmark = pytest.mark.django_db


def test_the_date_and_time_inputs_are_named_after_their_field(editor_client):
    page = editor_client.get(reverse("admin:editorial_article_add")).content
    assert attrs(page, "#id_published_at_0", "aria-label") == ["Время публикации — дата"]
    assert attrs(page, "#id_published_at_1", "aria-label") == ["Время публикации — время"]


def test_each_byline_cell_is_named_after_its_column_also_in_the_row_added_later(editor_client):
    article = make_article(authors=[make_author("Иван Петров")])
    page = editor_client.get(reverse("admin:editorial_article_change", args=[article.pk])).content
    for row in ("0", "1", "__prefix__"):  # the saved byline, the extra row, the template «Добавить ещё» copies
        cells = [attrs(page, f"#id_bylines-{row}-{name}", "aria-label") for name in ("author", "position", "order")]
        assert cells == [["Автор"], ["Должность в подписи"], ["Порядок"]], row
    assert attrs(page, "#id_bylines-0-DELETE", "aria-label") == ["Удалить"]
