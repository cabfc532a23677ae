"""Uploads through the admin's multipart form: streamed to disk, refused while reading, confirmed by id."""

import io
import random
import re
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from editorial.models import Article, ImportJob

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:editorial_article_upload")
MB = 2**20
GOOD = "Заголовок статьи\n\nПервый абзац.\n\nВторой абзац.".encode()
BOUNDARY = "----archiveboundary"


class LazyMultipart(io.RawIOBase):
    """A multipart body with one huge file, produced as it is read (never whole in memory)."""

    def __init__(self, filename, size):
        self.head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.size, self.position = size, 0
        self.length = len(self.head) + size + len(self.tail)

    def readable(self):
        return True

    def readline(self, size=-1):
        data = self.read(64 * 1024 if size is None or size < 0 else min(size, 64 * 1024))
        cut = data.find(b"\n") + 1
        if cut:
            self.position -= len(data) - cut
            data = data[:cut]
        return data

    def read(self, size=-1):
        size = self.length - self.position if size is None or size < 0 else min(size, self.length - self.position)
        out = bytearray()
        while len(out) < size:
            at = self.position + len(out)
            if at < len(self.head):
                out += self.head[at : at + size - len(out)]
            elif at < len(self.head) + self.size:
                out += b"x" * min(size - len(out), len(self.head) + self.size - at)
            else:
                start = at - len(self.head) - self.size
                out += self.tail[start : start + size - len(out)]
        self.position += len(out)
        return bytes(out)


def post_lazy(client, filename, size):
    body = LazyMultipart(filename, size)
    return client.request(
        REQUEST_METHOD="POST",
        PATH_INFO=UPLOAD,
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(body.length),
        **{"wsgi.input": body},
    )


@pytest.mark.parametrize(
    ("filename", "size", "message"),
    [
        ("archive.zip", 400 * MB, "Загрузка больше 200 МБ прервана"),  # refused by its announced length
        ("article.txt", 20 * MB, "article.txt: файл больше 5 МБ — загрузка прервана"),  # refused while read
    ],
)
def test_a_huge_upload_is_refused_in_bounded_memory_and_leaves_no_file(
    editor_client, settings, tmp_path, filename, size, message
):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    tracemalloc.start()
    try:
        response = post_lazy(editor_client, filename, size)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "Выберите хотя бы один файл" not in page
    assert peak < 20 * MB, f"peak {peak / MB:.0f} MB"
    assert not list(tmp_path.iterdir())  # what was read of it is deleted
    assert not ImportJob.objects.exists()


def test_an_oversized_file_is_refused_and_the_others_go_on(editor_client, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "tmp")
    (tmp_path / "tmp").mkdir()
    big = SimpleUploadedFile("big.txt", b"a" * (5 * MB + 1))
    response = editor_client.post(UPLOAD, {"files": [big, SimpleUploadedFile("good.txt", GOOD)]}, follow=True)
    page = response.content.decode()
    assert "big.txt: файл больше 5 МБ — загрузка прервана" in page
    assert "Заголовок статьи" in page  # the good file was parsed and waits for confirmation
    assert not list((tmp_path / "tmp").iterdir())


def test_uploaded_files_wait_outside_media_and_are_removed_once_parsed(editor_client, settings):
    editor_client.post(UPLOAD, {"files": [SimpleUploadedFile("good.txt", GOOD)]})
    job = ImportJob.objects.get()
    assert not str(job.directory).startswith(str(settings.MEDIA_ROOT))
    assert job.state == job.State.REVIEW and not job.directory.exists()


def test_each_kind_of_file_has_its_cap(settings):
    from editorial.uploads import file_cap, request_cap

    assert file_cap("a.docx") == 5 * MB and file_cap("A.ZIP") == 100 * MB
    settings.IMPORT_UPLOAD_MAX_BYTES = 50 * MB
    assert request_cap() == 50 * MB


def _incompressible_text(size):
    rng = random.Random(7)
    words = [
        "".join(rng.choice("абвгдеёжзийклмнопрстуфхцчшщыэюя") for _ in range(rng.randint(2, 11))) for _ in range(5000)
    ]
    paragraphs, length = [], 0
    while length < size:
        paragraph = " ".join(rng.choice(words) for _ in range(120)).capitalize() + "."
        paragraphs.append(paragraph)
        length += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs)


def _big_docx(size):
    """A .docx of about ``size`` bytes: a few paragraphs and an embedded 4 MB picture-like part."""
    import docx

    document = docx.Document()
    for text in ("Большой документ", "Первый абзац большого документа.", "Второй абзац."):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer, "a") as package:
        package.writestr("word/media/scan.bin", random.Random(1).randbytes(size), compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_a_document_of_4_5_mb_is_previewed_and_confirmed(editor_client, kind):
    size = int(4.5 * MB)
    if kind == "txt":
        data = ("Большой документ\n\n" + _incompressible_text(size - 100)).encode()[:size]
    else:
        data = _big_docx(size - 20_000)
    assert 4 * MB < len(data) <= 5 * MB
    response = editor_client.post(UPLOAD, {"files": [SimpleUploadedFile(f"big.{kind}", data)]}, follow=True)
    page = response.content.decode()
    assert "Большой документ" in page
    form = re.search(r'<form method="post">.*?</form>', page, re.S).group(0)
    submitted = re.findall(r'<(?:input|textarea)[^>]*\bvalue="([^"]*)"', form)
    assert sum(len(value) for value in submitted) < 20_000  # the form carries choices, not the document
    job_url = response.redirect_chain[-1][0]
    response = editor_client.post(job_url, {"import": ["0"]}, follow=True)
    assert response.status_code == 200
    article = Article.objects.get()
    assert article.title == "Большой документ"
    assert "черновик" in response.content.decode()


def test_someone_elses_upload_cannot_be_confirmed(editor_client, client, django_user_model):
    response = editor_client.post(UPLOAD, {"files": [SimpleUploadedFile("good.txt", GOOD)]}, follow=True)
    job_url = response.redirect_chain[-1][0]
    other = django_user_model.objects.create_user("other", password="x", is_staff=True)
    other.user_permissions.add(*_article_permissions())
    client.force_login(other)
    assert "только загрузивший" in client.get(job_url).content.decode()
    assert client.post(job_url, {"import": ["0"]}).status_code == 403
    assert not Article.objects.exists()


def test_an_expired_upload_is_refused(editor_client):
    from datetime import timedelta

    from editorial.jobs import REVIEW_MAX_AGE

    response = editor_client.post(UPLOAD, {"files": [SimpleUploadedFile("good.txt", GOOD)]}, follow=True)
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(created_at=job.created_at - REVIEW_MAX_AGE - timedelta(minutes=1))
    response = editor_client.post(job.get_absolute_url(), {"import": ["0"]}, follow=True)
    assert "Загрузка устарела" in response.content.decode()
    assert not Article.objects.exists()


def _article_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="editorial", codename__in=["add_article", "view_article"])
