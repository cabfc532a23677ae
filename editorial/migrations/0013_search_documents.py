"""The search table (issue 10): one narrow row per published article, indexed with its
publication time, so that search reads the matches of a window of time, not every vector
along the dates. PostgreSQL only; SQLite searches the articles themselves."""

from django.db import migrations


def install(apps, schema_editor):
    from editorial import search_documents

    search_documents.install(schema_editor)


def uninstall(apps, schema_editor):
    from editorial import search_documents

    search_documents.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0012_importspeed_statement_triggers"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
