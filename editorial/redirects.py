"""Old addresses of articles: every public URL an article has had answers 301 to its current one."""

from django.db import models
from django.utils import timezone


class OldArticlePathQuerySet(models.QuerySet):
    def public_target(self, path):
        """The public article that once lived at ``path`` (``None`` if none, or if it is not public now)."""
        old = self.select_related("article").filter(path=path).first()
        if old is None or not old.article.is_public:
            return None
        return old.article


class OldArticlePath(models.Model):
    """A path an article was public at before its date or slug changed. Filled by ``Article.save``."""

    path = models.CharField("старый адрес", max_length=300, unique=True)
    article = models.ForeignKey(
        "editorial.Article", on_delete=models.CASCADE, related_name="old_paths", verbose_name="статья"
    )
    moved_at = models.DateTimeField("адрес сменился", default=timezone.now)

    objects = OldArticlePathQuerySet.as_manager()

    class Meta:
        ordering = ["-moved_at"]
        verbose_name = "старый адрес статьи"
        verbose_name_plural = "старые адреса статей"

    def __str__(self):
        return self.path

    @staticmethod
    def public_path_in_database(article):
        """The address readers reach ``article`` at now, as saved (``""`` if it is not public)."""
        if article.pk is None:
            return ""
        saved = type(article)._default_manager.filter(pk=article.pk).only("status", "published_at", "slug").first()
        return saved.get_absolute_url() if saved is not None and saved.is_public else ""

    @classmethod
    def remember(cls, article, old_path):
        """Called after ``article`` was saved: ``old_path`` (its public address before) now redirects."""
        new_path = article.get_absolute_url() if article.is_public else ""
        if old_path == new_path:
            return
        if new_path:  # back at a former address: that one is live again, not a redirect
            cls.objects.filter(path=new_path, article=article).delete()
        if old_path:
            cls.objects.update_or_create(path=old_path, defaults={"article": article, "moved_at": timezone.now()})
