"""Importing through the admin upload page and through ``manage.py import_articles``."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from editorial.importing import parse_text
from editorial.models import Article, Author, Disclaimer, Source

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data"
OPINION = "000_3702b199f85a99a0.txt"
ANALYSIS = "003_e280fcfc0b207261.txt"
UPLOAD = reverse("admin:editorial_article_upload")


def upload(name, content=None):
    return SimpleUploadedFile(name, content if content is not None else (DATA / name).read_bytes())


def preview(client, *files):
    """Upload (multipart, as the browser does) and land on the job's page with what was recognised."""
    response = client.post(UPLOAD, {"files": list(files)}, follow=True)
    assert response.status_code == 200
    return response


def confirm(client, preview_response, **data):
    """Submit the check form of the job's page: it carries only the editor's choices."""
    job_url = preview_response.redirect_chain[-1][0]
    response = client.post(job_url, data, follow=True)
    assert response.status_code == 200
    return response


def test_upload_link_is_on_the_article_list(editor_client):
    page = editor_client.get(reverse("admin:editorial_article_changelist")).content.decode()
    assert UPLOAD in page and "Загрузить статьи" in page


def test_upload_preview_then_confirm_creates_the_articles(editor_client):
    response = preview(editor_client, upload(OPINION), upload(ANALYSIS), upload("broken.docx", b"PK\x03\x04junk"))
    page = response.content.decode()
    assert "broken.docx: файл .docx повреждён" in page
    assert "Андрей Серенко — директор Аналитического центра" in page
    assert "Contur.kz" in page and "не указана — будет черновик" in page
    assert not Article.objects.exists()  # nothing is saved before the confirmation

    response = confirm(
        editor_client, response, **{"import": ["0", "1"], "publish": ["0", "1"], "title-0": "Итоги года"}
    )
    opinion = Article.objects.get(title="Итоги года")
    assert opinion.is_public and opinion.kind == "opinion"
    assert opinion.disclaimer == Disclaimer.default()
    assert opinion.publication_date.isoformat() == "2025-12-11"
    assert [(b.author.name, b.position) for b in opinion.ordered_bylines] == [
        ("Андрей Серенко", "директор Аналитического центра Российского общества политологов")
    ]
    assert Disclaimer.OPINION_TEXT not in opinion.body and "date 2025" not in opinion.body
    analysis = Article.objects.get(source__name="Contur.kz")
    assert analysis.status == "draft" and analysis.published_at is None  # no date: never invented
    assert Source.objects.get().url == "https://contur.kz/"
    assert "оставлена черновиком" in response.content.decode()


def test_upload_again_reports_duplicates_and_creates_nothing(editor_client):
    call_command("import_articles", str(DATA / OPINION), stdout=StringIO())
    response = preview(editor_client, upload(OPINION))
    assert "Уже в архиве" in response.content.decode()
    confirm(editor_client, response, **{"import": ["0"]})
    assert Article.objects.count() == 1


def test_unchecked_files_are_skipped(editor_client):
    response = preview(editor_client, upload(OPINION), upload(ANALYSIS))
    confirm(editor_client, response, **{"import": ["1"]})
    assert list(Article.objects.values_list("source__name", flat=True)) == ["Contur.kz"]


def test_a_confirmed_batch_cannot_be_confirmed_twice(editor_client):
    response = preview(editor_client, upload(OPINION))
    confirm(editor_client, response, **{"import": ["0"]})
    again = confirm(editor_client, response, **{"import": ["0"]})
    assert "уже подтверждена" in again.content.decode()
    assert Article.objects.count() == 1


def test_upload_without_files_is_a_form_error(editor_client):
    response = editor_client.post(UPLOAD, {})
    assert "Выберите хотя бы один файл" in response.content.decode()


def test_upload_needs_the_add_permission(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(UPLOAD).status_code == 403


def test_a_failing_document_leaves_no_trace(editor_client, monkeypatch):
    from editorial import intake

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(intake.ArticleAuthor.objects, "create", explode)
    with pytest.raises(RuntimeError):
        intake.import_proposal(parse_text("Т\nА.\nБ.\nАвтор: Иван Петров"))
    assert not Article.objects.exists() and not Author.objects.exists()


def test_command_imports_a_folder_and_totals(tmp_path):
    for name in (OPINION, ANALYSIS):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    out = StringIO()
    call_command("import_articles", str(tmp_path), "--publish", "--theme", "Россия", "--theme", "Казахстан", stdout=out)
    text = out.getvalue()
    assert "опубликована" in text and "черновик" in text
    assert "Итого: создано 2 (опубликовано 1), уже в архиве 0, с ошибками 0." in text
    assert sorted(Article.objects.published().get().themes.names()) == ["Казахстан", "Россия"]


def test_command_date_and_source_fill_what_the_document_lacks(tmp_path):
    (tmp_path / "a.txt").write_text("Заголовок\nПервый абзац.\nВторой абзац.\nАвтор: Иван Петров", encoding="utf-8")
    call_command(
        "import_articles",
        str(tmp_path),
        "--date",
        "2025-11-20",
        "--source",
        "Tengrinews",
        "--publish",
        stdout=StringIO(),
    )
    article = Article.objects.get()
    assert article.is_public and article.source.name == "Tengrinews"
    assert article.publication_date.isoformat() == "2025-11-20"


def test_command_dry_run_saves_nothing(tmp_path):
    (tmp_path / OPINION).write_bytes((DATA / OPINION).read_bytes())
    out = StringIO()
    call_command("import_articles", str(tmp_path), "--dry-run", stdout=out)
    assert "будет создана" in out.getvalue()
    assert not Article.objects.exists() and not Author.objects.exists()


def test_command_fails_with_non_zero_status_and_keeps_the_good_files(tmp_path):
    (tmp_path / OPINION).write_bytes((DATA / OPINION).read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    out = StringIO()
    with pytest.raises(CommandError, match="с ошибками 1"):
        call_command("import_articles", str(tmp_path), stdout=out)
    assert "empty.txt: файл пуст" in out.getvalue()
    assert Article.objects.count() == 1


@pytest.mark.parametrize("args", [["/nonexistent/path"], ["--date", "2025-02-30", "."]])
def test_command_bad_arguments_are_clear_errors(args):
    with pytest.raises(CommandError):
        call_command("import_articles", *args, stdout=StringIO())


def _docx_bytes(*paragraphs):
    import io

    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip_bytes(entries):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


GOOD = {
    "a.txt": "Заголовок txt\nПервый абзац.\nВторой абзац.".encode(),
    "b.md": "# Заголовок md\n\nПервый абзац.\n\nВторой абзац.".encode(),
    "c.html": "<h1>Заголовок html</h1><p>Первый абзац.</p><p>Второй абзац.</p>".encode(),
    "d.docx": _docx_bytes("Заголовок docx", "Первый абзац.", "Второй абзац."),
    "e.zip": _zip_bytes({"inner/one.txt": "Заголовок zip\nПервый абзац.\nВторой абзац.".encode()}),
    "f.txt": "Заголовок cp1251\nПервый абзац с ёлкой.\nВторой.".encode("cp1251"),
}
BAD = {
    "empty.txt": (b"", "файл пуст"),
    "binary.txt": (b"\x89PNG\x00\x00\x01", "не текстовый"),
    "latin.txt": (bytes(range(128, 256)) * 4 + b"\x81\x98", "кодировку"),
    "big.txt": (b"a" * (5 * 1024 * 1024 + 1), "больше 5 МБ"),
    "broken.docx": (b"PK\x03\x04junk", "повреждён"),
    "evil.zip": (_zip_bytes({"../escape.txt": b"x"}), "за его пределами"),
    "many.zip": (_zip_bytes({f"{i}.txt": b"x" for i in range(501)}), "больше допустимых"),
    "notzip.zip": (b"nope", "архив повреждён"),
}


@pytest.mark.parametrize("name", GOOD)
def test_each_format_through_the_admin(editor_client, name):
    response = preview(editor_client, upload(name, GOOD[name]))
    confirm(editor_client, response, **{"import": ["0"]})
    assert Article.objects.get().title.startswith("Заголовок")


@pytest.mark.parametrize("name", GOOD)
def test_each_format_through_the_command(tmp_path, name):
    (tmp_path / name).write_bytes(GOOD[name])
    call_command("import_articles", str(tmp_path / name), stdout=StringIO())
    assert Article.objects.get().title.startswith("Заголовок")


@pytest.mark.parametrize("name", BAD)
def test_each_bad_input_through_the_admin_names_the_file_and_the_others_go_on(editor_client, name):
    data, message = BAD[name]
    response = preview(editor_client, upload(name, data), upload(OPINION))
    page = response.content.decode()
    assert name in page and message in page
    confirm(editor_client, response, **{"import": ["0", "1"]})
    assert list(Article.objects.values_list("kind", flat=True)) == ["opinion"]  # only the good file


@pytest.mark.parametrize("name", BAD)
def test_each_bad_input_through_the_command(tmp_path, name):
    data, message = BAD[name]
    (tmp_path / name).write_bytes(data)
    (tmp_path / OPINION).write_bytes((DATA / OPINION).read_bytes())
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path), stdout=out)
    assert name in out.getvalue() and message in out.getvalue()
    assert Article.objects.count() == 1


def test_authors_are_matched_ignoring_case_and_yo(tmp_path):
    existing = Author.objects.create(name="Пётр Иванов", position="")
    (tmp_path / "a.txt").write_text("Заголовок\nАбзац.\nЕщё.\nАвтор: ПЕТР ИВАНОВ, профессор", encoding="utf-8")
    call_command("import_articles", str(tmp_path), stdout=StringIO())
    assert list(Author.objects.all()) == [existing]
    existing.refresh_from_db()
    assert existing.position == "профессор"  # filled in, since it was empty
    assert Article.objects.get().ordered_bylines[0].position == "профессор"


def test_a_new_disclaimer_wording_becomes_its_own_disclaimer(tmp_path):
    text = "Мнение автора может не совпадать с точкой зрения редакции."
    (tmp_path / "a.txt").write_text(f"Заголовок\nАбзац.\nЕщё.\nАвтор: Иван Петров\n{text}", encoding="utf-8")
    call_command("import_articles", str(tmp_path), stdout=StringIO())
    article = Article.objects.get()
    assert article.kind == "opinion" and article.disclaimer_text == text
    assert Disclaimer.objects.count() == 2 and text not in article.body


def test_authors_are_matched_when_the_surname_has_yo(tmp_path):
    existing = Author.objects.create(name="Дмитрий Семёнов")
    (tmp_path / "a.txt").write_text("Заголовок\nАбзац.\nЕщё.\nАвтор: Дмитрий Семенов", encoding="utf-8")
    call_command("import_articles", str(tmp_path), stdout=StringIO())
    assert list(Author.objects.all()) == [existing]


def test_a_contributor_imports_drafts_only_even_when_publish_is_ticked(contributor_client):
    response = preview(contributor_client, upload(OPINION))
    assert 'name="publish"' not in response.content.decode()  # not offered
    confirm(contributor_client, response, **{"import": ["0"], "publish": ["0"], "publish_rest": "1"})
    article = Article.objects.get()
    assert article.status == "draft" and not article.is_public


def test_an_editor_may_publish_from_the_same_form(editor_client):
    response = preview(editor_client, upload(OPINION))
    assert 'name="publish"' in response.content.decode()
    confirm(editor_client, response, **{"import": ["0"], "publish": ["0"]})
    assert Article.objects.get().is_public


def test_the_review_shows_the_first_paragraphs_and_a_long_text_whole_on_its_own_page(editor_client):
    paragraphs = [f"Абзац {n}: " + "слово " * 60 for n in range(80)]
    text = "Длинный документ\n\n" + "\n\n".join(paragraphs) + "\n\nПоследний абзац документа."
    page = preview(editor_client, upload("long.txt", text.encode())).content.decode()
    shown = re.search(r'<div class="upload-text">(.*?)</div>', page, re.S).group(1)
    assert "Абзац 2:" in shown
    assert "Последний абзац документа" not in page  # not even folded away: a link opens it
    link = re.search(r'<a class="upload-whole-text" href="([^"]+)"', page).group(1)
    whole = editor_client.get(link)
    assert whole.status_code == 200
    assert "Последний абзац документа" in re.search(
        r'<div class="upload-body">(.*?)</div>', whole.content.decode(), re.S
    ).group(1)


def test_the_review_folds_a_short_text_whole_under_the_first_paragraphs(editor_client):
    page = preview(
        editor_client, upload("short.txt", "Короткий\n\nПервый.\n\nВторой.\n\nКонец.".encode())
    ).content.decode()
    folded = re.search(r"<details><summary>Весь текст</summary>(.*?)</details>", page, re.S).group(1)
    assert "Конец." in folded and "upload-whole-text" not in page


def test_the_whole_text_page_is_for_documents_under_review_only(editor_client):
    assert editor_client.get(reverse("admin:editorial_importjob_text", args=[999, 0])).status_code == 404
