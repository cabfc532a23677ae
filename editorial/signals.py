"""``content_changed``: what readers see may have changed (sent by editorial, heard by archive's cache).

Sent after any save or delete of an article, byline, theme link, author, source,
theme or disclaimer, once the transaction commits; an import sends one per chunk
of new articles (``instances``). ``editorial`` only announces; whoever keeps copies of
public pages (``archive``) decides what to drop. A scheduled article reaching
its time is not a database change: caches bound their lifetime by
``Article.objects.next_publication_time()`` instead.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

# Keyword arguments: ``model`` (the class that changed), ``instance`` (it, when known), or
# ``instances`` (a list) for many of them changed together (a chunk of an import).
content_changed = Signal()


def announce(sender, instance=None, **kwargs):
    if kwargs.get("raw"):  # fixtures being loaded: loaddata sends its own save signals
        return

    def send():
        content_changed.send(sender=sender, model=sender, instance=instance)

    transaction.on_commit(send)


def announce_many(model, instances):
    """One announcement for many rows written together (bulk inserts send no ``post_save``)."""
    instances = list(instances)
    if instances:
        transaction.on_commit(lambda: content_changed.send(sender=model, model=model, instances=instances))


def connect_content_signals():
    from .models import Article, ArticleAuthor, Author, Disclaimer, Source, Theme, ThemedArticle

    for model in (Article, ArticleAuthor, Author, Source, Theme, ThemedArticle, Disclaimer):
        post_save.connect(announce, sender=model, dispatch_uid=f"content_changed_save_{model.__name__}")
        post_delete.connect(announce, sender=model, dispatch_uid=f"content_changed_delete_{model.__name__}")

    from .tasks import count_when_due

    content_changed.connect(count_when_due, dispatch_uid="tallies_count_when_due")
