"""Seeded data: the «Корреспонденты» group (write and submit for review) and the editors' right to publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Редакторы"
CONTRIBUTORS = "Корреспонденты"
# (model, actions): drafts and their bylines and themes; they pick authors, sources and
# disclaimers, and may create a theme from the article form. No deletion, no publication.
CONTRIBUTOR_PERMISSIONS = [
    ("article", ["add", "change", "view"]),
    ("articleauthor", ["add", "change", "delete", "view"]),
    ("themedarticle", ["add", "change", "delete", "view"]),
    ("theme", ["add", "view"]),
    ("author", ["view"]),
    ("source", ["view"]),
    ("disclaimer", ["view"]),
]


def seed(apps, schema_editor):
    app_config = apps.get_app_config("editorial")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editorial = Permission.objects.filter(content_type__app_label="editorial")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(editorial.get(codename="publish_article"))

    contributors, _ = Group.objects.get_or_create(name=CONTRIBUTORS)
    codenames = [f"{action}_{model}" for model, actions in CONTRIBUTOR_PERMISSIONS for action in actions]
    contributors.permissions.set(editorial.filter(codename__in=codenames))


def unseed(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=CONTRIBUTORS).delete()
    publish = apps.get_model("auth", "Permission").objects.filter(codename="publish_article")
    for editors in Group.objects.filter(name=EDITORS):
        editors.permissions.remove(*publish)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0010_review_status_publish_permission_old_paths")]

    operations = [migrations.RunPython(seed, unseed)]
