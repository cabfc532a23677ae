"""Editorial app: the content model and what editors do."""

import functools
import re

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _unicode_lower(value):
    return value.lower().replace("ё", "е") if isinstance(value, str) else value


@functools.lru_cache(maxsize=256)
def _like_regex(pattern, escape):
    parts, chars = [], iter(pattern)
    for char in chars:
        if escape and char == escape:
            parts.append(re.escape(next(chars, "")))
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def _unicode_like(pattern, value, escape=None):
    """SQLite's LIKE, case-insensitive for every alphabet (its own folds only ASCII)."""
    if pattern is None or value is None:
        return None
    return _like_regex(pattern, escape).fullmatch(str(value)) is not None


def register_sqlite_functions(sender, connection, **kwargs):
    """SQLite's LOWER() and LIKE ignore the case of Cyrillic letters; these do not.

    ``unicode_lower`` serves search; the LIKE override makes ``iexact`` and
    ``icontains`` (taggit's case-insensitive themes, the admin's search) work
    for «Россия»/«россия» as they do on PostgreSQL.
    """
    if connection.vendor == "sqlite":
        connection.connection.create_function("unicode_lower", 1, _unicode_lower, deterministic=True)
        connection.connection.create_function("like", 2, _unicode_like, deterministic=True)
        connection.connection.create_function("like", 3, _unicode_like, deterministic=True)


class EditorialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "editorial"
    verbose_name = "Редакция"

    def ready(self):
        connection_created.connect(register_sqlite_functions, dispatch_uid="editorial_sqlite_functions")

        from .signals import connect_content_signals

        connect_content_signals()

        from .revisions import connect_revisions

        connect_revisions()
