"""The search table's vectors hold their article's month (issue 10): the word index picks the
matches of a window of months, so that a search reads the rows of those matches only. Rebuilds
the table (PostgreSQL only; about three minutes at a million articles)."""

from django.db import migrations


def install(apps, schema_editor):
    from editorial import search_documents

    search_documents.install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0015_listing_copies_and_list_indexes"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
