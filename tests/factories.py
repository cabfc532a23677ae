"""Builders for test data: real model instances with sensible defaults."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from editorial.models import Article, ArticleAuthor, Author, Source, Theme

_seq = count(1)


def make_author(name=None, **fields):
    return Author.objects.create(name=name or f"Автор Номер{next(_seq)}", **fields)


def make_source(name=None, **fields):
    return Source.objects.create(name=name or f"Источник {next(_seq)}", **fields)


def make_theme(name=None, **fields):
    return Theme.objects.create(name=name or f"Тема {next(_seq)}", **fields)


def make_article(*, authors=(), themes=(), published=True, ago=timedelta(hours=1), **fields):
    """A published article (an hour old) unless told otherwise; ``ago`` < 0 schedules it."""
    n = next(_seq)
    defaults = {
        "title": f"Статья номер {n}",
        "lead": f"Лид статьи {n}.",
        "body": f"Первый абзац статьи {n}.\n\nВторой абзац.",
        "kind": Article.Kind.ANALYSIS,
    }
    if published:
        defaults |= {"status": Article.Status.PUBLISHED, "published_at": timezone.now() - ago}
    defaults.update(fields)
    article = Article.objects.create(**defaults)
    for order, author in enumerate(authors):
        ArticleAuthor.objects.create(article=article, author=author, order=order)
    if themes:
        article.themes.add(*themes)
    return article
