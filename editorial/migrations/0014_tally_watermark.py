"""The tally counts what is public as of its watermark (issue 10): scheduled articles are no longer
counted ahead and subtracted live at every read; everything is recounted as of now."""

from django.db import migrations


def install(apps, schema_editor):
    from editorial import tallies

    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(tallies.DROP_SQL)
        schema_editor.execute(tallies.functions_sql())
        schema_editor.execute(tallies.TRIGGERS_SQL)
        schema_editor.execute("DELETE FROM editorial_tally WHERE facet = 'watermark'")  # left at infinity backwards
        tallies.rebuild(schema_editor.connection.alias)


def count_scheduled_too(apps, schema_editor):
    """Backwards: the watermark at infinity, so that the tally counts every published article,
    scheduled ones included, as the code before this migration expects (the triggers stay; the
    earlier ``rebuild()`` deletes the watermark row: recount with this module's after it)."""
    from editorial import tallies

    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "INSERT INTO editorial_tally (facet, key, count, last_modified) VALUES ('watermark', 0, 0, 'infinity') "
            "ON CONFLICT (facet, key) DO UPDATE SET last_modified = 'infinity'"
        )
        schema_editor.execute(tallies.REBUILD_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0013_search_documents"),
    ]

    operations = [migrations.RunPython(install, count_scheduled_too)]
