"""The upload preview shows each document's warnings and removed lines where the editor reads them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.html import texts

pytestmark = pytest.mark.django_db

DOCUMENT = (
    "Мнение\nКаспий как коридор\nДата: когда-нибудь потом\nПервый абзац статьи о транзите через Каспий.\n"
    "Второй абзац с выводами.\nФото: Shutterstock\nМнение автора может не совпадать с позицией редакции."
)


def preview(client, name, text):
    files = [SimpleUploadedFile(name, text.encode())]
    return client.post(reverse("admin:editorial_article_upload"), {"files": files}, follow=True).content.decode()


def test_the_warnings_of_a_document_are_listed_under_it(editor_client):
    page = preview(editor_client, "kaspiy.txt", DOCUMENT)
    assert texts(page, ".upload-warnings li") == [
        "Дата: не удалось разобрать дату «когда-нибудь потом».",
        "Автор не найден.",
        "Мнение без автора нельзя опубликовать.",
    ]
    assert texts(page, ".upload-removed li") == ["Мнение (рубрика)", "Фото: Shutterstock (подпись к фото)"]


def test_a_document_without_doubts_shows_no_warnings(editor_client):
    page = preview(
        editor_client,
        "kaspiy.txt",
        "Каспий как коридор\n05.03.2026\nАвтор: Иван Петров\nПервый абзац статьи.\nВторой абзац.",
    )
    assert texts(page, ".upload-warnings li") == []
    assert "Иван Петров" in texts(page, "dd")
