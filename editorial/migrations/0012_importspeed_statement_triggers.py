"""Inserts are counted per statement: a bulk insert of a chunk of imported articles, bylines or
theme links updates the tally and the search vectors once, not once per row."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from editorial import tallies

    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(tallies.DROP_SQL)
        schema_editor.execute(tallies.functions_sql())
        schema_editor.execute(tallies.TRIGGERS_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0011_contributors_group"),
    ]

    # Backwards the triggers stay as they are: they count the same, only faster.
    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
