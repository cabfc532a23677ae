"""The trash («Корзина»): a deleted article is hidden everywhere but kept, restorable, until a superuser empties it."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


class LiveManager(models.Manager):
    """Everything but the trash: the default manager, so no page, feed, form or import sees trashed rows."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class TrashedManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=False)


class TrashMixin(models.Model):
    """``deleted_at`` set = in the trash. Its slug stays reserved only while it is alive: a new
    article may take it, and a restored one then gets a free one («-2»)."""

    deleted_at = models.DateTimeField("удалена", null=True, blank=True, editable=False, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name="кто удалил",
    )  # fmt: skip

    class Meta:
        abstract = True

    @property
    def in_trash(self):
        return self.deleted_at is not None

    def move_to_trash(self, user=None):
        self.deleted_at = timezone.now()
        self.deleted_by = user if user is not None and user.is_authenticated else None
        self.save(update_fields=["deleted_at", "deleted_by"])

    def restore_from_trash(self):
        """Back among the live articles, with a free slug for its day (full save: slug, signals)."""
        with transaction.atomic():
            self.deleted_at = None
            self.deleted_by = None
            self.save()
