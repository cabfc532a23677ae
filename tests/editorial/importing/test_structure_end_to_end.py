"""Structure kept end to end: a .docx heading is an <h2> on the public page, in the feed and the admin."""

from io import StringIO

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from editorial.models import Article

from .test_formats import make_docx, make_zip

pytestmark = pytest.mark.django_db

DOCUMENT = [
    ("Title", "Средний коридор и китайские инвестиции"),
    ("Normal", "Дата публикации: 8 февраля 2026 г."),
    ("Normal", "Автор: Жандос Бекмуханов, директор центра"),
    ("Normal", "Китайские компании вложили в инфраструктуру коридора больше, чем за пять лет."),
    ("Heading 2", "Порты и паромы"),
    ("List Bullet", "паромный терминал в Курыке;"),
    ("Normal", "Эксперты ждут удвоения перевозок."),
    ("Normal", "Фото: Shutterstock"),
]


def test_docx_heading_is_an_h2_on_the_public_page_and_in_the_feed(client, tmp_path):
    path = tmp_path / "corridor.docx"
    path.write_bytes(make_docx(DOCUMENT))
    call_command("import_articles", str(path), "--publish", stdout=StringIO())
    article = Article.objects.get()
    assert article.is_public and article.publication_date.isoformat() == "2026-02-08"
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<h2>Порты и паромы</h2>" in page
    assert "<li>паромный терминал в Курыке;</li>" in page
    assert "Shutterstock" not in page and "Дата публикации" not in page
    feed = feedparser.parse(client.get(reverse("archive:feed_rss")).content)
    assert "<h2>Порты и паромы</h2>" in feed.entries[0].content[0].value


def test_admin_preview_shows_text_removed_lines_and_skipped_zip_members(editor_client):
    data = make_zip({"a.docx": make_docx(DOCUMENT), "scan.pdf": b"%PDF"})
    response = editor_client.post(
        reverse("admin:editorial_article_upload"), {"files": [SimpleUploadedFile("batch.zip", data)]}, follow=True
    )
    page = response.content.decode()
    assert "batch.zip/scan.pdf: пропущен — формат .pdf не поддерживается." in page
    assert "<summary>" in page and "Порты и паромы" in page  # the whole text on demand
    assert "Убрано из текста" in page and "Фото: Shutterstock" in page


def test_command_imports_a_partial_zip_and_lists_the_skipped_member(tmp_path):
    path = tmp_path / "batch.zip"
    path.write_bytes(
        make_zip(
            {
                "one.txt": "Первый\nТекст один.\nЕщё один абзац.".encode(),
                "two.txt": "Второй\nТекст два.\nЕщё два абзаца.".encode(),
                "three.md": "# Третий\n\nТекст три.\n\nЕщё три абзаца.".encode(),
                "photo.jpg": b"\xff\xd8",
            }
        )
    )
    out = StringIO()
    with pytest.raises(CommandError, match="создано 3"):  # the skipped member is reported as not imported
        call_command("import_articles", str(path), stdout=out)
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Второй", "Первый", "Третий"]
    assert "batch.zip/photo.jpg: пропущен — формат .jpg не поддерживается." in out.getvalue()
