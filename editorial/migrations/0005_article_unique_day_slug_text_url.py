"""Uniqueness in the database: one article per (day of publication, slug), per text, per original URL.

Before adding the constraints, duplicates already stored are resolved, the
oldest row (lowest id) keeping its values:
- a later article with the same day and slug gets the next free «-2», «-3»…;
- a later copy of the same text keeps its text but loses its fingerprint
  (``content_hash`` = ""), so it no longer blocks anything and can be found
  and deleted by an editor;
- a later article with the same original URL has its ``source_url`` blanked.
The fingerprints are recomputed first (now taken after cleaning, from the lead
when the body is empty) and ``publication_day`` is filled in settings.TIME_ZONE.
"""

from collections import defaultdict

from django.db import migrations, models
from django.utils import timezone

from editorial.text import content_fingerprint

FIELDS = ["id", "published_at", "slug", "lead", "body", "content_hash", "source_url"]


def resolve_duplicates(apps, schema_editor):
    Article = apps.get_model("editorial", "Article")
    rows = list(Article.objects.using(schema_editor.connection.alias).order_by("id").only(*FIELDS))
    taken_slugs = defaultdict(set)
    seen_hashes, seen_urls = set(), set()
    for article in rows:
        article.publication_day = timezone.localdate(article.published_at) if article.published_at else None
        article.content_hash = content_fingerprint(article.lead, article.body)
        if article.publication_day is not None:
            taken = taken_slugs[article.publication_day]
            base, n = article.slug, 2
            while article.slug in taken:
                suffix = f"-{n}"
                article.slug = base[: 200 - len(suffix)].rstrip("-") + suffix
                n += 1
            taken.add(article.slug)
        if article.content_hash in seen_hashes:
            article.content_hash = ""
        seen_hashes.add(article.content_hash)
        if article.source_url in seen_urls:
            article.source_url = ""
        seen_urls.add(article.source_url)
    Article.objects.using(schema_editor.connection.alias).bulk_update(
        rows, ["publication_day", "slug", "content_hash", "source_url"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [("editorial", "0004_import_jobs")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="publication_day",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="день публикации"),
        ),
        migrations.RunPython(resolve_duplicates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="article",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Латиницей; уникален в пределах дня публикации. Пустой — будет создан из заголовка.",
                max_length=200,
                verbose_name="адрес (slug)",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                condition=models.Q(("publication_day__isnull", False)),
                fields=("publication_day", "slug"),
                name="unique_article_slug_per_day",
                violation_error_code="duplicate_slug",
                violation_error_message="В этот день уже есть статья с таким адресом (slug): измените его.",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                condition=models.Q(("content_hash", ""), _negated=True),
                fields=("content_hash",),
                name="unique_article_content",
                violation_error_code="duplicate_text",
                violation_error_message="Статья с таким же текстом уже есть в архиве.",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source_url", ""), _negated=True),
                fields=("source_url",),
                name="unique_article_source_url",
                violation_error_code="duplicate_url",
                violation_error_message="Статья с этой ссылкой на оригинал уже есть в архиве.",
            ),
        ),
    ]
