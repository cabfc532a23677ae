"""Theme links and bylines carry their article's publication time and kind (PostgreSQL triggers,
``editorial/listing.py``); partial indexes in the public order on them and on the articles: every
page of a list, however deep, from an index alone. The theme link and byline tally triggers now
fire only when a link moves, not when its copies are written."""

from django.conf import settings
from django.db import migrations, models


def install(apps, schema_editor):
    """Copies filled in once, then kept by the triggers (the indexes come after: faster to build)."""
    from editorial import listing, tallies

    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(tallies.DROP_SQL)
        schema_editor.execute(tallies.functions_sql())
        schema_editor.execute(tallies.TRIGGERS_SQL)
        schema_editor.execute(listing.FUNCTIONS_SQL)
        schema_editor.execute(listing.REBUILD_SQL)
        schema_editor.execute(listing.TRIGGERS_SQL)


def uninstall(apps, schema_editor):
    from editorial import listing

    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(listing.DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0014_tally_watermark"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="article_public_order",
        ),
        migrations.AddField(
            model_name="articleauthor",
            name="kind",
            field=models.CharField(editable=False, max_length=20, null=True),
        ),
        migrations.AddField(
            model_name="articleauthor",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="themedarticle",
            name="kind",
            field=models.CharField(editable=False, max_length=20, null=True),
        ),
        migrations.AddField(
            model_name="themedarticle",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(install, uninstall),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("status", "published")),
                fields=["-published_at", "-id"],
                name="article_listed_order",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("status", "published")),
                fields=["source", "-published_at", "-id", "kind"],
                name="article_source_listed",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True), ("status", "published")),
                fields=["kind", "-published_at", "-id"],
                name="article_kind_listed",
            ),
        ),
        migrations.AddIndex(
            model_name="articleauthor",
            index=models.Index(
                condition=models.Q(("published_at__isnull", False)),
                fields=["author", "-published_at", "-article", "kind"],
                name="articleauthor_author_listed",
            ),
        ),
        migrations.AddIndex(
            model_name="themedarticle",
            index=models.Index(
                condition=models.Q(("published_at__isnull", False)),
                fields=["tag", "-published_at", "-content_object", "kind"],
                name="themedarticle_tag_listed",
            ),
        ),
    ]
