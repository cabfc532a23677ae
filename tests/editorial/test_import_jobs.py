"""Import jobs: their states, the background path of large batches, the admin's pages, the command."""

import io
import re
import zipfile
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse

from editorial import batch, tasks
from editorial.jobs import ImportItem, ImportJob
from editorial.models import Article

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:editorial_article_upload")
JOBS = reverse("admin:editorial_importjob_changelist")


def document(i, author="Иван Петров"):
    return f"2025-03-{1 + i % 28:02d}\nМатериал номер {i}\n\nТекст материала {i}.\n\nЕщё абзац {i}.\n\nАвтор: {author}"


def write_folder(folder, count, start=0):
    folder.mkdir(exist_ok=True)
    for i in range(start, start + count):
        (folder / f"doc_{i:03d}.txt").write_text(document(i), encoding="utf-8")
    return folder


def zip_of(count):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(count):
            archive.writestr(f"doc_{i:03d}.txt", document(i))
    return buffer.getvalue()


class RecordedTask:
    """Stands in for the task: records what is enqueued, runs it only if ``run``."""

    def __init__(self, monkeypatch, run=True):
        self.real, self.run, self.enqueued = tasks.run_import_job, run, []
        monkeypatch.setattr(tasks, "run_import_job", self)

    def enqueue(self, job_id):
        self.enqueued.append(job_id)
        if self.run:
            self.real.enqueue(job_id)


# The command ---------------------------------------------------------------


def test_a_small_batch_runs_in_the_command_and_is_recorded_as_a_job(tmp_path, settings):
    settings.IMPORT_BACKGROUND_THRESHOLD = 10
    out = StringIO()
    call_command("import_articles", str(write_folder(tmp_path / "docs", 3)), "--publish", stdout=out)
    job = ImportJob.objects.get()
    assert (job.origin, job.state, job.background) == ("command", "done", False)
    assert (job.total, job.done, job.created, job.published, job.duplicates, job.failed) == (3, 3, 3, 3, 0, 0)
    assert out.getvalue().count("✓ doc_") == 3
    assert "Итого: создано 3 (опубликовано 3), уже в архиве 0, с ошибками 0." in out.getvalue()


def test_a_batch_over_the_threshold_runs_as_a_background_job(tmp_path, settings, monkeypatch):
    settings.IMPORT_BACKGROUND_THRESHOLD = 4
    recorded = RecordedTask(monkeypatch, run=False)
    out = StringIO()
    call_command("import_articles", str(write_folder(tmp_path / "docs", 5)), "--no-wait", stdout=out)
    job = ImportJob.objects.get()
    assert recorded.enqueued == [job.pk] and job.state == "queued" and job.background
    assert not Article.objects.exists()  # nothing ran in the command itself
    assert f"--follow {job.pk}" in out.getvalue()

    recorded.real.call(job.pk)  # what the worker does
    out = StringIO()
    call_command("import_articles", "--follow", str(job.pk), stdout=out)
    assert "Итого: создано 5 (опубликовано 0), уже в архиве 0, с ошибками 0." in out.getvalue()
    assert Article.objects.count() == 5


def test_the_command_waits_for_its_background_job_and_reports_failures(tmp_path, settings):
    settings.IMPORT_BACKGROUND_THRESHOLD = 2
    folder = write_folder(tmp_path / "docs", 3)
    (folder / "empty.txt").write_bytes(b"")
    out = StringIO()
    with pytest.raises(CommandError, match="с ошибками 1"):
        call_command("import_articles", str(folder), stdout=out)
    job = ImportJob.objects.get()
    assert job.background and job.state == "done" and job.failed == 1 and job.created == 3
    assert "поставлено в очередь" in out.getvalue() and "empty.txt: файл пуст" in out.getvalue()


def test_a_zip_counts_as_its_documents_for_the_threshold(tmp_path, settings):
    from editorial.management.commands.import_articles import count_documents

    (tmp_path / "a.zip").write_bytes(zip_of(7))
    (tmp_path / "b.txt").write_text(document(1), encoding="utf-8")
    assert count_documents([tmp_path / "a.zip", tmp_path / "b.txt"]) == 8


def test_a_job_of_several_chunks_is_parsed_ahead_by_other_processes_and_imported_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "CHUNK", 2)
    out = StringIO()
    call_command("import_articles", str(write_folder(tmp_path / "docs", 5)), "--foreground", stdout=out)
    assert "создано 5" in out.getvalue()
    job = ImportJob.objects.get()
    assert (job.done, job.total, job.state) == (5, 5, "done")
    items = job.items.order_by("position").select_related("article")
    assert [item.article.title for item in items] == [f"Материал номер {i}" for i in range(5)]


def test_following_an_unknown_job_is_a_clear_error():
    with pytest.raises(CommandError, match="Задания импорта №999 нет"):
        call_command("import_articles", "--follow", "999", stdout=StringIO())


# The job's own states ------------------------------------------------------


def test_a_database_error_in_one_document_is_its_own_error_line(tmp_path):
    from tests.editorial.test_intake import database_refusing

    out = StringIO()
    with (
        database_refusing("номер 1", IntegrityError("value too long for type character varying(200)")),
        pytest.raises(CommandError, match="с ошибками 1"),
    ):
        call_command("import_articles", str(write_folder(tmp_path / "docs", 3)), stdout=out)
    failed = ImportItem.objects.get(status="failed")
    assert failed.filename == "doc_001.txt" and "база данных отказала" in failed.message
    assert f"✗ {failed.message}" in out.getvalue()
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Материал номер 0", "Материал номер 2"]


def test_an_unexpected_crash_leaves_the_job_failed_with_its_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "import_chunk", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        call_command("import_articles", str(write_folder(tmp_path / "docs", 2)), stdout=StringIO())
    job = ImportJob.objects.get()
    assert job.state == "failed" and "ZeroDivisionError" in job.error and job.finished_at


def test_the_task_does_not_run_a_finished_job_again(tmp_path):
    call_command("import_articles", str(write_folder(tmp_path / "docs", 2)), stdout=StringIO())
    job = ImportJob.objects.get()
    assert tasks.run_import_job.call(job.pk) == "done"
    assert Article.objects.count() == 2


# The admin -----------------------------------------------------------------


def upload_and_confirm(client, data, **choices):
    response = client.post(UPLOAD, {"files": [SimpleUploadedFile("batch.zip", data)]}, follow=True)
    job_url = response.redirect_chain[-1][0]
    return response, client.post(job_url, choices, follow=True)


def test_a_large_upload_is_parsed_and_imported_by_background_tasks(editor_client, settings, monkeypatch):
    settings.IMPORT_BACKGROUND_THRESHOLD = 3
    recorded = RecordedTask(monkeypatch)
    preview, done = upload_and_confirm(editor_client, zip_of(5), **{"import": ["0", "1", "2", "3", "4"]})
    assert "batch.zip/doc_004.txt" in preview.content.decode()
    job = ImportJob.objects.get()
    assert recorded.enqueued == [job.pk, job.pk]  # parsing, then the import: both as tasks
    assert job.background and job.state == "done" and job.created == 5
    page = done.content.decode()
    assert '<dd class="job-created">5</dd>' in page
    assert 'http-equiv="refresh"' not in page  # finished: the page stops refreshing


def test_a_small_confirmed_upload_is_imported_in_the_request(editor_client, settings, monkeypatch):
    settings.IMPORT_BACKGROUND_THRESHOLD = 3
    recorded = RecordedTask(monkeypatch)
    upload_and_confirm(editor_client, zip_of(5), **{"import": ["0", "1"]})
    job = ImportJob.objects.get()
    assert len(recorded.enqueued) == 1 and job.created == 2  # only the parsing was a task
    assert job.items.filter(status="skipped").count() == 3


def test_rows_beyond_the_preview_follow_the_defaults(editor_client, monkeypatch):
    from editorial import admin_jobs

    monkeypatch.setattr(admin_jobs, "PREVIEW_ROWS", 2)
    preview, _ = upload_and_confirm(editor_client, zip_of(5), **{"import": ["0"], "publish_rest": "1"})
    assert "ещё 3 будут импортированы" in preview.content.decode()
    titles = set(Article.objects.published().values_list("title", flat=True))
    assert titles == {"Материал номер 2", "Материал номер 3", "Материал номер 4"}
    assert Article.objects.count() == 4  # row 1 was shown and left unticked


def test_a_running_job_shows_its_progress_and_refreshes_itself(editor_client):
    job = ImportJob.objects.create(state="importing", total=20000, done=5000, created=4990, failed=10, background=True)
    ImportItem.objects.create(job=job, position=0, filename="x.txt", status="failed", message="x.txt: файл пуст.")
    page = editor_client.get(job.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress value="5000" max="20000">' in page and "5000 из 20000 (25 %)" in page
    assert "x.txt: файл пуст." in page
    assert "<script>" not in page.split("</head>")[1].split('id="content-main"')[1]  # no inline script
    listing = editor_client.get(JOBS).content.decode()
    assert "Импорт №" in listing and '<progress value="5000" max="20000">' in listing
    assert 'http-equiv="refresh"' in listing


def test_jobs_are_for_those_who_may_import(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(reader)
    assert client.get(JOBS).status_code == 403


def test_the_job_page_lists_outcomes_with_links(editor_client, tmp_path):
    call_command("import_articles", str(write_folder(tmp_path / "docs", 2)), stdout=StringIO())
    job = ImportJob.objects.get()
    page = editor_client.get(job.get_absolute_url()).content.decode()
    article = Article.objects.get(title="Материал номер 0")
    assert re.search(
        rf'doc_000.txt: черновик\s*<a href="{reverse("admin:editorial_article_change", args=[article.pk])}"', page
    )


def test_the_command_draws_a_progress_bar_of_the_job(capsys):
    from editorial.management.commands.import_articles import _Bar

    job = ImportJob(state="importing", total=20000, done=5000)
    with _Bar(enabled=True) as bar:
        bar.show(job)
    drawn = capsys.readouterr().err
    assert "Импорт" in drawn and "5000/20000" in drawn and "25%" in drawn
