"""Revisions of articles: after every committed change, a version of the article with its bylines and
themes (stored by django-reversion), readable snapshots of versions, and restoring one."""

import contextvars
from contextlib import contextmanager
from functools import partial

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.formats import date_format
from reversion.errors import RevertError
from reversion.models import Revision, Version
from reversion.revisions import _get_options as reversion_options  # the registered fields and format

# Not part of a version: kept by a trigger, or the trash's own state (restoring a version never
# moves an article in or out of the trash).
NOT_VERSIONED = ("search_vector", "deleted_at", "deleted_by")
LINK_COPIES = ("published_at", "kind")  # a theme link's or byline's copies of its article's (listing.py)

_author = contextvars.ContextVar("revision_author", default=None)
_comment = contextvars.ContextVar("revision_comment", default="")


@contextmanager
def revision_note(user=None, comment=""):
    """Who made the changes saved inside the block, and why (shown in the article's history)."""
    tokens = []
    if user is not None:
        tokens.append((_author, _author.set(user)))
    if comment:
        tokens.append((_comment, _comment.set(comment)))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


class RevisionAuthorMiddleware:
    """Versions saved while answering a request are signed by its user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with revision_note(user=getattr(request, "user", None)):
            return self.get_response(request)


# Snapshots -------------------------------------------------------------


def _names(model, ids, attr="name"):
    found = dict(model._base_manager.filter(pk__in=set(ids)).values_list("pk", attr))
    return {pk: found.get(pk, f"№{pk} (удалён)") for pk in ids}


def _snapshot(fields, bylines, theme_ids):
    """A readable, comparable picture of an article: ``fields`` are the article's field values
    (by attname), ``bylines`` ``(order, author_id, position)``, ``theme_ids`` ids."""
    from .models import Article, Author, Disclaimer, Source, Theme

    snapshot = {name: fields.get(name) for name in SNAPSHOT_FIELDS}
    if snapshot["published_at"]:  # versions keep milliseconds (JSON), the database microseconds
        moment = snapshot["published_at"]
        snapshot["published_at"] = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    snapshot["status"] = dict(Article.Status.choices).get(fields.get("status"), fields.get("status"))
    snapshot["kind"] = dict(Article.Kind.choices).get(fields.get("kind"), fields.get("kind"))
    snapshot["language"] = dict(Article.Language.choices).get(fields.get("language"), fields.get("language"))
    for name, model, attr in (("source", Source, "name"), ("disclaimer", Disclaimer, "title")):
        pk = fields.get(f"{name}_id")
        snapshot[name] = _names(model, [pk], attr)[pk] if pk else ""
    snapshot["cover"] = str(fields.get("cover") or "")
    authors = _names(Author, [author_id for _, author_id, _ in bylines])
    snapshot["bylines"] = [
        f"{authors[author_id]}, {position}" if position else authors[author_id]
        for _, author_id, position in sorted(bylines)
    ]
    snapshot["themes"] = sorted(_names(Theme, theme_ids).values(), key=str.casefold)
    return snapshot


SNAPSHOT_FIELDS = (
    "title", "slug", "lead", "body", "status", "published_at", "kind", "language", "source", "source_url",
    "disclaimer", "cover", "cover_caption", "cover_credit",
)  # fmt: skip


def live_snapshot(article):
    fields = {f.attname: getattr(article, f.attname) for f in article._meta.concrete_fields}
    bylines = list(article.bylines.values_list("order", "author_id", "position"))
    theme_ids = list(article.theme_links.values_list("tag_id", flat=True))
    return _snapshot(fields, bylines, theme_ids)


def revision_snapshot(revision, article_pk):
    """The article as ``revision`` recorded it (``None`` if the article is not in it)."""
    from .models import Article, ArticleAuthor, ThemedArticle

    article_fields, bylines, theme_ids = None, [], []
    for version in revision.version_set.all():
        model = ContentType.objects.get_for_id(version.content_type_id).model_class()
        data = version._local_field_dict
        if model is Article and version.object_id == str(article_pk):
            article_fields = data
        elif model is ArticleAuthor and data.get("article_id") == article_pk:
            bylines.append((data["order"], data["author_id"], data["position"]))
        elif model is ThemedArticle and data.get("content_object_id") == article_pk:
            theme_ids.append(data["tag_id"])
    if article_fields is None:
        return None
    return _snapshot(article_fields, bylines, theme_ids)


def revisions_of(article):
    """The article's revisions, newest first, with their users."""
    versions = Version.objects.get_for_object(article)
    return (
        Revision.objects.filter(pk__in=versions.values("revision_id"))
        .select_related("user")
        .prefetch_related("version_set")
        .order_by("-date_created", "-pk")
    )


# Recording -------------------------------------------------------------


def record_version(article_pk, using=None, user=None, comment=""):
    """Stores the article's current state as a new revision unless it equals the latest one;
    says whether it did."""
    from .models import Article

    article = Article.all_objects.using(using or "default").filter(pk=article_pk).first()
    if article is None:
        return False
    current = live_snapshot(article)
    latest = revisions_of(article).first()
    if latest is not None and revision_snapshot(latest, article.pk) == current:
        return False
    with reversion.create_revision(using=using):
        if user is not None and getattr(user, "is_authenticated", False):
            reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(article)
    return True


def record_first_versions(created, using="default"):
    """The first version of each article created in bulk — ``(article, bylines, theme links)``,
    all saved — the same as ``record_version`` would store for it, written in two inserts (a bulk
    insert sends no signal, so nothing else records them). Signed as ``revision_note`` says."""
    if not created:
        return
    user = _author.get()
    user = user if getattr(user, "is_authenticated", False) else None
    now = timezone.now()
    revisions = Revision.objects.using(using).bulk_create(
        [Revision(date_created=now, user=user, comment=_comment.get()) for _ in created]
    )
    versions = [
        _version(revision, obj, using)
        for revision, (article, bylines, links) in zip(revisions, created, strict=True)
        for obj in (article, *bylines, *links)
    ]
    Version.objects.using(using).bulk_create(versions)


def _version(revision, obj, using):
    """What ``reversion.add_to_revision`` stores for ``obj`` (its registered fields, serialised)."""
    options = reversion_options(type(obj))
    return Version(
        revision=revision,
        content_type=ContentType.objects.db_manager(using).get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        db=using,
        format=options.format,
        serialized_data=serializers.serialize(
            options.format, (obj,), fields=options.fields, use_natural_foreign_keys=options.use_natural_foreign_keys
        ),
        object_repr=str(obj),
    )


def _article_pk(sender, instance):
    from .models import Article, ArticleAuthor

    if isinstance(instance, Article):
        return instance.pk
    if isinstance(instance, ArticleAuthor):
        return instance.article_id
    return getattr(instance, "content_object_id", None)


def _changed(sender, instance, raw=False, using=None, **kwargs):
    if raw:
        return
    pk = _article_pk(sender, instance)
    if pk is None:
        return
    # After commit: by then the bylines and themes saved with the article are there too.
    # Who and why are taken now, while the change is being made.
    record = partial(record_version, pk, using, user=_author.get(), comment=_comment.get())
    transaction.on_commit(record, using=using)


def _themes_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _changed(sender, instance, using=kwargs.get("using"))


def connect_revisions():
    from .models import Article, ArticleAuthor, ThemedArticle

    if not reversion.is_registered(Article):
        reversion.register(ArticleAuthor, exclude=LINK_COPIES)
        reversion.register(ThemedArticle, exclude=LINK_COPIES)
        reversion.register(Article, exclude=NOT_VERSIONED, follow=("bylines", "theme_links"))
    for model in (Article, ArticleAuthor, ThemedArticle):
        post_save.connect(_changed, sender=model, dispatch_uid=f"revision_save_{model.__name__}")
    for model in (ArticleAuthor, ThemedArticle):
        post_delete.connect(_changed, sender=model, dispatch_uid=f"revision_delete_{model.__name__}")
    m2m_changed.connect(_themes_changed, sender=ThemedArticle, dispatch_uid="revision_themes")


# Restoring -------------------------------------------------------------


class RestoreError(Exception):
    """A version that cannot be restored (e.g. one of its authors was deleted since)."""


def _missing_references(revision):
    """What a version points to that is gone (foreign keys are checked only at commit, too late)."""
    missing = []
    for version in revision.version_set.all():
        model = ContentType.objects.get_for_id(version.content_type_id).model_class()
        data = version._local_field_dict
        for field in model._meta.concrete_fields:
            pk = data.get(field.attname) if field.is_relation else None
            if pk is None or field.related_model._meta.label_lower == "auth.user":
                continue
            if field.related_model.__name__ == "Article":
                continue
            if not field.related_model._base_manager.filter(pk=pk).exists():
                missing.append(f"{field.related_model._meta.verbose_name} №{pk}")
    return missing


def restore_revision(article, revision, user=None):
    """Puts the article, its bylines and its themes back as ``revision`` recorded them, as a
    new revision (the history keeps everything that happened)."""
    from .models import Article

    when = date_format(timezone.localtime(revision.date_created), "j E Y, H:i")
    missing = _missing_references(revision)
    if missing:
        raise RestoreError(
            f"Версию от {when} не удалось восстановить: с тех пор удалены {', '.join(missing)}. "
            "Восстановите их или поправьте статью вручную."
        )
    db = router.db_for_write(Article)
    try:
        with revision_note(user=user, comment=f"Восстановлена версия от {when}"), transaction.atomic(using=db):
            revision.revert(delete=True)
            restored = Article.all_objects.get(pk=article.pk)
            restored.save()  # normalises the body, keeps the slug free, announces the change
    except RevertError as error:
        raise RestoreError(
            f"Версию от {when} не удалось восстановить: {error}. Возможно, её автор или тема удалены."
        ) from None
    return restored
