"""Archive app: everything the public sees."""

from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "archive"
    verbose_name = "Публичный архив"

    def ready(self):
        from editorial.signals import content_changed

        from .generation import new_generation
        from .websub import on_content_changed

        content_changed.connect(new_generation, dispatch_uid="archive_public_cache")
        content_changed.connect(on_content_changed, dispatch_uid="archive_websub")
