"""The importer under concurrency and bad input: one copy of each document, each document on its own."""

import os
import subprocess
import sys
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DataError, connection

from editorial import intake
from editorial.models import Article, ArticleAuthor, Author, Source, Theme
from tests.editorial.test_import_entrances import confirm, preview

ROOT = Path(__file__).resolve().parent.parent.parent
AUTHORS = ["Иван Петров", "Мария Сидорова", "Асель Нурланова", "Пётр Иванов"]


def write_folder(folder, count=24):
    """``count`` documents, each with two of four shared authors (in varying order) and a date."""
    for n in range(count):
        first, second = AUTHORS[n % 4], AUTHORS[(n + 1 + n // 4) % 4]
        if first == second:
            second = AUTHORS[(n + 2) % 4]
        (folder / f"doc{n:02d}.txt").write_text(
            f"Дата: {1 + n % 3:02d}.03.2026\nЗаголовок номер {n % 6}\n"
            f"Первый абзац документа {n}.\n\nВторой абзац документа {n}.\n"
            f"Автор: {first}; {second}\nИсточник: Сайт {n % 3} https://site{n % 3}.kz/{n}",
            encoding="utf-8",
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_folder_at_once_leave_one_copy_of_each(tmp_path):
    write_folder(tmp_path)
    files = sorted(str(p) for p in tmp_path.iterdir())
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
        "CONN_MAX_AGE": "0",
    }
    command = [sys.executable, "manage.py", "import_articles", "--publish", "--theme", "Россия"]
    # One run goes through the folder forwards, the other backwards: they meet on every
    # document and on every author, in opposite orders (author slug races, deadlocks).
    runs = [
        subprocess.Popen(
            [*command, *order], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for order in (files, files[::-1])
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, out + err
        assert "Traceback" not in err
    total_created = sum(int(out.split("Итого: создано ")[1].split()[0]) for out, _ in outputs)
    assert total_created == 24
    assert "уже в архиве" in outputs[0][0] + outputs[1][0]

    assert Article.objects.count() == 24
    assert Article.objects.values("content_hash").distinct().count() == 24
    assert sorted(Author.objects.values_list("name", flat=True)) == sorted(AUTHORS)
    assert Source.objects.count() == 3 and Theme.objects.count() == 1
    assert ArticleAuthor.objects.count() == 48
    # Same title on the same day: distinct slugs, every public page answers.
    assert Article.objects.values("publication_day", "slug").distinct().count() == 24
    assert Article.objects.published().count() == 24


BAD_DOCUMENTS = {
    "long-author.txt": "Длинный автор\nПервый абзац.\nВторой абзац один.\nАвтор: " + "очень длинное имя автора " * 10,
    "long-source.txt": "Длинный источник\nПервый абзац.\nВторой абзац два.\nИсточник: " + "Издание" * 40,
    "long-url.txt": "Длинная ссылка\nПервый абзац.\nВторой абзац три.\nИсточник: Сайт https://ex.kz/" + "a" * 600,
    "deep-nul.txt": "Нуль в глубине\n\nПервый абзац четыре.\n\n" + "Слово " * 2000 + "\x00конец.\n\nПоследний.",
    "boom.txt": "Взрыв\nПервый абзац.\nВторой абзац пять.",
    "good.txt": "Хороший документ\nПервый абзац.\nВторой абзац шесть.",
}


@contextmanager
def database_refusing(title_part, error):
    """The database refuses to insert the article whose title contains ``title_part`` (raising
    ``error``), whether it comes alone or with others in one insert."""

    def mentions(params):
        return any(mentions(p) if isinstance(p, (list, tuple)) else title_part in str(p) for p in params or ())

    def refuse(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "editorial_article"') and mentions(params):
            raise error
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def exploding_save():
    """Any database error while saving one document (here the one titled «Взрыв»)."""
    with database_refusing("Взрыв", DataError("value too long for type character varying(300)")):
        yield


def assert_the_others_were_saved_within_limits():
    assert Article.objects.count() == 5
    author = Author.objects.get()
    assert len(author.name) <= 200
    assert len(Source.objects.get(name__startswith="Издание").name) <= 200
    long_url = Article.objects.get(title="Длинная ссылка")
    assert long_url.source_url == "" and long_url.source.url == ""
    deep = Article.objects.get(title="Нуль в глубине")
    assert "\x00" not in deep.body and "конец." in deep.body


@pytest.mark.django_db
def test_command_isolates_each_bad_document(tmp_path, exploding_save):
    for name, text in BAD_DOCUMENTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match=r"создано 5 .* с ошибками 1"):
        call_command("import_articles", str(tmp_path), stdout=out)
    text = out.getvalue()
    assert "✗ boom.txt: не сохранена: ошибка базы данных (value too long" in text
    assert "Имя автора длиннее 200 знаков — сокращено" in text
    assert "Название источника длиннее 200 знаков — сокращено" in text
    assert "Ссылка на оригинал длиннее 500 знаков — не сохранена" in text
    assert_the_others_were_saved_within_limits()


@pytest.mark.django_db
def test_admin_upload_isolates_each_bad_document(editor_client, exploding_save):
    files = [SimpleUploadedFile(name, text.encode()) for name, text in BAD_DOCUMENTS.items()]
    response = preview(editor_client, *files)
    page = response.content.decode()
    assert "Имя автора длиннее 200 знаков — сокращено" in page
    assert "Ссылка на оригинал длиннее 500 знаков — не сохранена" in page
    indexes = [str(i) for i in range(len(BAD_DOCUMENTS))]
    response = confirm(editor_client, response, **{"import": indexes})
    page = response.content.decode()
    assert "boom.txt: не сохранена: ошибка базы данных (value too long" in page
    assert_the_others_were_saved_within_limits()


DUPLICATES = {
    "lead-only.txt": "11.12.2025 Короткая заметка, в которой есть только лид и больше ничего.",
    "controls.txt": "Заголовок с управляющими\nПервый\x01 абзац\x0b с символами.\n\nВторой\x07 абзац.",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(DUPLICATES))
def test_command_recognises_a_lead_only_or_control_character_document_the_second_time(tmp_path, name):
    (tmp_path / name).write_text(DUPLICATES[name], encoding="utf-8")
    call_command("import_articles", str(tmp_path), stdout=StringIO())
    out = StringIO()
    call_command("import_articles", str(tmp_path), stdout=out)
    assert "уже в архиве 1" in out.getvalue()
    assert Article.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(DUPLICATES))
def test_admin_recognises_a_lead_only_or_control_character_document_the_second_time(editor_client, name):
    for _ in range(2):
        response = preview(editor_client, SimpleUploadedFile(name, DUPLICATES[name].encode()))
        confirm(editor_client, response, **{"import": ["0"]})
    assert "Уже в архиве" in response.content.decode()  # the second preview says so
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_the_same_document_twice_in_one_batch_is_imported_once(tmp_path):
    text = "Дата: 05.03.2026\nЗаголовок\n\nПервый абзац.\n\nВторой абзац.\n\nАвтор: Иван Петров"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_articles", str(tmp_path), stdout=out)
    article = Article.objects.get()
    assert f"= b.txt: уже в архиве «Заголовок» (#{article.pk})" in out.getvalue()
    assert ArticleAuthor.objects.get().article == article


@pytest.mark.django_db
def test_a_document_that_loses_the_race_is_already_in_the_archive(monkeypatch):
    """The duplicate check passed (the other copy was not committed yet), the insert is
    refused by the constraint: the answer is «уже в архиве», not an error."""
    from editorial.importing import parse_text

    first = intake.import_proposal(parse_text("Заголовок\nПервый абзац.\nВторой абзац."))
    checks = []
    original = intake.find_duplicate

    def late(proposal):
        checks.append(1)
        return None if len(checks) == 1 else original(proposal)

    monkeypatch.setattr(intake, "find_duplicate", late)
    outcome = intake.import_proposal(parse_text("Заголовок\nПервый абзац.\nВторой абзац."))
    assert outcome.status == intake.Outcome.DUPLICATE and outcome.article == first.article


@pytest.mark.django_db
def test_an_author_created_meanwhile_by_another_import_is_found_not_doubled(monkeypatch):
    """Another import committed «Иван Петров» between our look-up and our insert: our insert
    claims the same slug, is refused, and the look-up run again finds that author."""
    existing = Author.objects.create(name="Иван Петров")
    original = intake._find_by_name
    calls = []

    def missed_once(queryset, name):
        calls.append(1)
        return None if len(calls) == 1 else original(queryset, name)

    monkeypatch.setattr(intake, "_find_by_name", missed_once)
    assert intake._author("Иван Петров", "", intake.Matches()) == existing
    assert Author.objects.count() == 1
    # A different name with the same slug is a different author, with its own slug.
    assert intake._author("Ivan Petrov", "", intake.Matches()).slug == "ivan-petrov-2"
