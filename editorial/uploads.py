"""Uploaded documents streamed to disk, each refused as soon as it passes its size cap.

Django's default handlers keep files of up to 2.5 MB in memory and write the
rest to disk whole, checking sizes only afterwards (a 400 MB upload could
fill a worker's memory before the importer refused it). This handler writes
every file to a temporary file chunk by chunk and stops reading a file the
moment it passes its cap: what was read is deleted, the rest of that file is
skipped unread into nothing, the other files go on, and the refusal is kept
on the request (``request.upload_refusals``) for the page to show in Russian.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.uploadhandler import SkipFile, StopUpload, TemporaryFileUploadHandler

from .importing import MAX_FILE_BYTES, MAX_ZIP_TOTAL_BYTES

MB = 2**20


# Any other file field (a cover image, an author's photo): its form says what is too big,
# with the real size, so the handler only stops what no form would accept anyway.
OTHER_FILE_MAX_BYTES = 64 * MB
DOCUMENT_FIELDS = {"files"}  # the import upload's field


def file_cap(filename, field_name="files"):
    """Bytes one uploaded file may have: a document, a zip of documents, or any other file."""
    if field_name not in DOCUMENT_FIELDS:
        return OTHER_FILE_MAX_BYTES
    return MAX_ZIP_TOTAL_BYTES if PurePosixPath(filename or "").suffix.lower() == ".zip" else MAX_FILE_BYTES


def request_cap():
    """Bytes all files of one upload may have together."""
    return settings.IMPORT_UPLOAD_MAX_BYTES


class CappedUploadHandler(TemporaryFileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0  # bytes of every file of this request so far
        self.refusals = []
        if request is not None:
            request.upload_refusals = self.refusals
            request.upload_refused_whole = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.announced_length = content_length or 0  # what the client says it will send
        self.input_data = input_data
        return None

    def new_file(self, field_name, file_name, *args, **kwargs):
        if self.announced_length > request_cap() + MB:  # a little room for the form's own fields
            self._refuse_all()
        self.file_bytes = 0
        self.cap = file_cap(file_name, field_name)
        super().new_file(field_name, file_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.file_bytes += len(raw_data)
        self.received += len(raw_data)
        if self.received > request_cap():
            self._discard()
            self._refuse_all()
        if self.file_bytes > self.cap:
            self._discard()
            self.refusals.append(
                f"{self.file_name}: файл больше {self.cap // MB} МБ — загрузка прервана, файл не сохранён."
            )
            raise SkipFile
        return super().receive_data_chunk(raw_data, start)

    def _refuse_all(self):
        if self.request is not None:
            self.request.upload_refused_whole = True
        self.refusals.append(
            f"Загрузка больше {request_cap() // MB} МБ прервана: загрузите файлы частями "
            "(или большой архив — через команду import_articles)."
        )
        # The rest of the request is read and dropped in fixed chunks, so the client gets this
        # answer (Django's own draining reads line by line: one line may be the whole body).
        while self.input_data.read(64 * 1024):
            pass
        raise StopUpload(connection_reset=True)

    def _discard(self):
        if hasattr(self, "file"):
            self.upload_interrupted()
            del self.file
