"""Archive app: everything the public sees."""

from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "archive"
    verbose_name = "Публичный архив"

    def ready(self):
        from editorial.signals import content_changed

        from .cache import new_generation

        content_changed.connect(new_generation, dispatch_uid="archive_public_cache")
