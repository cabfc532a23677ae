"""Import jobs: one batch of uploaded or given documents, its state, progress, counts and errors.

A job is what the admin upload and ``manage.py import_articles`` both create:
its files are parsed into items (one per document, holding the proposal or
the reason it was refused), an editor confirms the items of an upload, and
the chosen ones are imported. Small batches run in the request or the
command; larger ones (``IMPORT_BACKGROUND_THRESHOLD``) as a background task
(``editorial.tasks``). The pending batch waits here, server-side, for its
owner: the confirmation form carries only the job's address.
"""

import shutil
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .importing import Proposal

REVIEW_MAX_AGE = timedelta(hours=24)  # an unconfirmed upload is forgotten after this


class DocumentJSONField(models.JSONField):
    """JSON of a whole parsed document. Its placeholder keeps PostgreSQL's bulk inserts on
    multi-row VALUES: Django's UNNEST path sends the values as one text array, and psycopg
    escapes every quote of every JSON document of that array in Python (~5 s per 1,000 documents)."""

    def get_placeholder(self, value, compiler, connection):
        return "%s"


class ImportJobQuerySet(models.QuerySet):
    def expired(self):
        return self.filter(state=ImportJob.State.REVIEW, created_at__lt=timezone.now() - REVIEW_MAX_AGE)

    def running(self):
        return self.filter(state__in=ImportJob.ACTIVE_STATES)


class ImportJob(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "в очереди"
        PARSING = "parsing", "разбор файлов"
        REVIEW = "review", "ждёт подтверждения"
        IMPORTING = "importing", "импорт"
        DONE = "done", "завершено"
        FAILED = "failed", "сбой"

    class Origin(models.TextChoices):
        ADMIN = "admin", "загрузка в админке"
        COMMAND = "command", "команда import_articles"

    ACTIVE_STATES = (State.QUEUED, State.PARSING, State.IMPORTING)

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="редактор",
    )  # fmt: skip
    origin = models.CharField("откуда", max_length=20, choices=Origin.choices, default=Origin.ADMIN)
    state = models.CharField("состояние", max_length=20, choices=State.choices, default=State.QUEUED)
    background = models.BooleanField("в фоне", default=False)
    files = models.JSONField("файлы", default=list, blank=True)  # [{"name": shown name, "path": on disk}]
    # What the command line adds to every document (the admin decides per document).
    publish = models.BooleanField("публиковать полные", default=False)
    source_name = models.CharField("источник по умолчанию", max_length=200, blank=True)
    published_on = models.DateField("дата по умолчанию", null=True, blank=True)
    themes = models.JSONField("темы", default=list, blank=True)
    # Progress of the current phase (files while parsing, documents while importing).
    total = models.PositiveIntegerField("всего", default=0)
    done = models.PositiveIntegerField("готово", default=0)
    created = models.PositiveIntegerField("создано", default=0)
    published = models.PositiveIntegerField("опубликовано", default=0)
    duplicates = models.PositiveIntegerField("уже в архиве", default=0)
    failed = models.PositiveIntegerField("с ошибками", default=0)
    error = models.TextField("сбой", blank=True)
    parse_seconds = models.FloatField("разбор, с", null=True, blank=True)
    import_seconds = models.FloatField("импорт, с", null=True, blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    started_at = models.DateTimeField("начато", null=True, blank=True)
    finished_at = models.DateTimeField("закончено", null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "задание импорта"
        verbose_name_plural = "задания импорта"

    def __str__(self):
        return f"Импорт №{self.pk}"

    def get_absolute_url(self):
        return reverse("admin:editorial_importjob_change", args=[self.pk])

    @property
    def is_active(self):
        return self.state in self.ACTIVE_STATES

    @property
    def percent(self):
        return 100 if not self.total else min(100, round(100 * self.done / self.total))

    @property
    def is_expired(self):
        return self.state == self.State.REVIEW and self.created_at < timezone.now() - REVIEW_MAX_AGE

    @property
    def directory(self):
        """Where an upload's files wait for the parser (outside MEDIA_ROOT: they are not public)."""
        return settings.IMPORT_DIR / str(self.key)

    def may_confirm(self, user):
        return self.state == self.State.REVIEW and (user.is_superuser or user.pk == self.owner_id)

    def progress(self, **fields):
        """Save progress and counts (one UPDATE: a job may be read while it runs)."""
        for name, value in fields.items():
            setattr(self, name, value)
        type(self).objects.filter(pk=self.pk).update(**fields)

    def remove_files(self):
        shutil.rmtree(self.directory, ignore_errors=True)


class ImportItem(models.Model):
    """One document of a job: what was recognised in it (or why not), the editor's choice, the outcome."""

    class Status(models.TextChoices):
        PENDING = "pending", "ждёт"
        SKIPPED = "skipped", "пропущен"
        CREATED = "created", "черновик"
        PUBLISHED = "published", "опубликована"
        DUPLICATE = "duplicate", "уже в архиве"
        FAILED = "failed", "ошибка"

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    filename = models.CharField("файл", max_length=500)
    proposal = DocumentJSONField(null=True, blank=True)  # kept while an editor checks an upload
    warnings = models.JSONField("предупреждения", default=list, blank=True)
    status = models.CharField("итог", max_length=20, choices=Status.choices, default=Status.PENDING)
    message = models.TextField("сообщение", blank=True)  # the error, or notes on the outcome
    chosen = models.BooleanField("импортировать", default=True)
    publish = models.BooleanField("опубликовать", default=False)
    title = models.CharField("заголовок редактора", max_length=300, blank=True)
    duplicate_of = models.ForeignKey("Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    article = models.ForeignKey("Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["job", "position"]
        verbose_name = "документ задания"
        verbose_name_plural = "документы задания"
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="unique_item_position")]

    def __str__(self):
        return self.filename

    @property
    def is_error(self):
        return self.status == self.Status.FAILED

    def get_proposal(self):
        return Proposal.from_dict(self.proposal) if self.proposal else None
