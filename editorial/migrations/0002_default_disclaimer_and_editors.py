"""Seeded data: the default opinion disclaimer and the «Редакторы» group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OPINION_TEXT = "Автор выражает личное мнение, которое может не совпадать с позицией редакции."
EDITORS = "Редакторы"
# Everything about content, nothing about users, groups or permissions.
EDITOR_MODELS = ["article", "articleauthor", "author", "source", "theme", "themedarticle", "disclaimer"]


def seed(apps, schema_editor):
    Disclaimer = apps.get_model("editorial", "Disclaimer")
    if not Disclaimer.objects.filter(is_default=True).exists():
        Disclaimer.objects.create(title="Личное мнение автора", text=OPINION_TEXT, is_default=True)

    # Permissions are normally created after all migrations; editors need them now.
    app_config = apps.get_app_config("editorial")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="editorial", content_type__model__in=EDITOR_MODELS)
    )


def unseed(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()
    apps.get_model("editorial", "Disclaimer").objects.filter(is_default=True, text=OPINION_TEXT).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
