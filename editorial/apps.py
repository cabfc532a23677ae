"""Editorial app: the content model and what editors do."""

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _unicode_lower(value):
    return value.lower().replace("ё", "е") if isinstance(value, str) else value


def register_sqlite_functions(sender, connection, **kwargs):
    """SQLite's LOWER() ignores Cyrillic; search on SQLite uses this one instead."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("unicode_lower", 1, _unicode_lower, deterministic=True)


class EditorialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "editorial"
    verbose_name = "Редакция"

    def ready(self):
        connection_created.connect(register_sqlite_functions, dispatch_uid="editorial_sqlite_functions")
