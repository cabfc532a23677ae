"""Import jobs and their documents: the pending upload kept server-side, progress and per-document outcomes."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import editorial.jobs


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_postgres_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ImportJob",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                (
                    "origin",
                    models.CharField(
                        choices=[("admin", "загрузка в админке"), ("command", "команда import_articles")],
                        default="admin",
                        max_length=20,
                        verbose_name="откуда",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("queued", "в очереди"),
                            ("parsing", "разбор файлов"),
                            ("review", "ждёт подтверждения"),
                            ("importing", "импорт"),
                            ("done", "завершено"),
                            ("failed", "сбой"),
                        ],
                        default="queued",
                        max_length=20,
                        verbose_name="состояние",
                    ),
                ),
                ("background", models.BooleanField(default=False, verbose_name="в фоне")),
                ("files", models.JSONField(blank=True, default=list, verbose_name="файлы")),
                ("publish", models.BooleanField(default=False, verbose_name="публиковать полные")),
                ("source_name", models.CharField(blank=True, max_length=200, verbose_name="источник по умолчанию")),
                ("published_on", models.DateField(blank=True, null=True, verbose_name="дата по умолчанию")),
                ("themes", models.JSONField(blank=True, default=list, verbose_name="темы")),
                ("total", models.PositiveIntegerField(default=0, verbose_name="всего")),
                ("done", models.PositiveIntegerField(default=0, verbose_name="готово")),
                ("created", models.PositiveIntegerField(default=0, verbose_name="создано")),
                ("published", models.PositiveIntegerField(default=0, verbose_name="опубликовано")),
                ("duplicates", models.PositiveIntegerField(default=0, verbose_name="уже в архиве")),
                ("failed", models.PositiveIntegerField(default=0, verbose_name="с ошибками")),
                ("error", models.TextField(blank=True, verbose_name="сбой")),
                ("parse_seconds", models.FloatField(blank=True, null=True, verbose_name="разбор, с")),
                ("import_seconds", models.FloatField(blank=True, null=True, verbose_name="импорт, с")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="создано")),
                ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="начато")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="закончено")),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="редактор",
                    ),
                ),
            ],
            options={
                "verbose_name": "задание импорта",
                "verbose_name_plural": "задания импорта",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="ImportItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveIntegerField()),
                ("filename", models.CharField(max_length=500, verbose_name="файл")),
                ("proposal", editorial.jobs.DocumentJSONField(blank=True, null=True)),
                ("warnings", models.JSONField(blank=True, default=list, verbose_name="предупреждения")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "ждёт"),
                            ("skipped", "пропущен"),
                            ("created", "черновик"),
                            ("published", "опубликована"),
                            ("duplicate", "уже в архиве"),
                            ("failed", "ошибка"),
                        ],
                        default="pending",
                        max_length=20,
                        verbose_name="итог",
                    ),
                ),
                ("message", models.TextField(blank=True, verbose_name="сообщение")),
                ("chosen", models.BooleanField(default=True, verbose_name="импортировать")),
                ("publish", models.BooleanField(default=False, verbose_name="опубликовать")),
                ("title", models.CharField(blank=True, max_length=300, verbose_name="заголовок редактора")),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="editorial.article",
                    ),
                ),
                (
                    "duplicate_of",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="editorial.article",
                    ),
                ),
                (
                    "job",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="items", to="editorial.importjob"
                    ),
                ),
            ],
            options={
                "verbose_name": "документ задания",
                "verbose_name_plural": "документы задания",
                "ordering": ["job", "position"],
                "constraints": [models.UniqueConstraint(fields=("job", "position"), name="unique_item_position")],
            },
        ),
    ]
