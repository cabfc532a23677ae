"""The search table's vectors hold their article's month, kind, source, themes and authors
(issue 10): the word index picks the matches of a window of months, of a theme's page, of a
list's filters, so that a search reads the rows of those matches only; the head vector is kept
in line. Rebuilds the table (PostgreSQL only; about two and a half minutes at a million
articles)."""

from django.db import migrations


def install(apps, schema_editor):
    from editorial import search_documents

    search_documents.install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0015_listing_copies_and_list_indexes"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
