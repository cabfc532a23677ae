"""Turning an import proposal into an article: one document, one transaction.

Used by the admin upload page and by ``manage.py import_articles`` alike.
Authors, the source and the disclaimer are matched to existing ones or
created; a document already in the archive (same text, or same original
URL) is reported, not imported again.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from .models import Article, ArticleAuthor, Author, Disclaimer, Source, Theme

_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$", re.I)


@dataclass
class Outcome:
    CREATED, DUPLICATE = "created", "duplicate"

    status: str
    article: Article
    notes: list = field(default_factory=list)


def normalize_name(name):
    return " ".join(name.lower().replace("ё", "е").split())


def find_duplicate(proposal):
    """The article already holding this document's text or original URL, if any."""
    fingerprint = Article.fingerprint(proposal.body_html)
    duplicate = Article.objects.filter(content_hash=fingerprint).first() if fingerprint else None
    if duplicate is None and proposal.source_url:
        duplicate = Article.objects.filter(source_url=proposal.source_url).first()
    return duplicate


def import_proposal(proposal, *, publish=False, source_name="", published_on=None, themes=(), title=""):
    """Create the article for ``proposal`` (a draft unless ``publish`` and complete).

    ``source_name`` and ``published_on`` fill in what the document lacks;
    ``title`` replaces the proposed one. Everything or nothing is saved.
    """
    with transaction.atomic():
        duplicate = find_duplicate(proposal)
        if duplicate is not None:
            return Outcome(Outcome.DUPLICATE, duplicate, [f"уже в архиве: «{duplicate}» (#{duplicate.pk})"])
        day = proposal.published_on or published_on
        article = Article(
            title=(title or proposal.title).strip(),
            lead=proposal.lead,
            body=proposal.body_html,
            kind=proposal.kind,
            source=_source(proposal.source_name or source_name, proposal.source_url),
            source_url=proposal.source_url,
            disclaimer=_disclaimer(proposal.disclaimer_text),
            published_at=timezone.make_aware(datetime.combine(day, time())) if day else None,
        )
        article.save()
        for order, (name, position) in enumerate(proposal.authors):
            author = _author(name, position)
            ArticleAuthor.objects.get_or_create(
                article=article, author=author, defaults={"order": order, "position": position}
            )
        themes = [*themes, *_existing_themes(getattr(proposal, "themes", []))]
        if themes:
            article.themes.add(*themes)
        notes = []
        if publish:
            article.status = Article.Status.PUBLISHED
            problems = article.publication_errors()
            if problems:
                article.status = Article.Status.DRAFT
                notes.append("оставлена черновиком: " + " ".join(problems.values()))
            else:
                article.save()
        return Outcome(Outcome.CREATED, article, notes)


def _find_by_name(queryset, name):
    """The row whose name is ``name`` ignoring case and ё/е. Compared in Python: neither
    database folds ё to е, and a newsroom has hundreds of authors, not millions."""
    key = normalize_name(name)
    for pk, existing in queryset.values_list("pk", "name"):
        if normalize_name(existing) == key:
            return queryset.get(pk=pk)
    return None


def _existing_themes(tags):
    """The archive's themes named by the document's tags (ignoring case and ё/е); a tag that is no
    theme yet is only proposed in the preview, never created by an import."""
    keys = {normalize_name(tag) for tag in tags}
    if not keys:
        return []
    return [theme.name for theme in Theme.objects.all() if normalize_name(theme.name) in keys]


def _author(name, position):
    author = _find_by_name(Author.objects.all(), name)
    if author is None:
        return Author.objects.create(name=name, position=position)
    if position and not author.position:
        author.position = position
        author.save(update_fields=["position"])
    return author


def _source(name, url):
    if not name:
        return None
    source = _find_by_name(Source.objects.all(), name)
    if source is not None:
        return source
    home = ""
    if url:
        home = "/".join(url.split("/")[:3]) + "/"
    elif _DOMAIN.match(name):
        home = f"https://{name.lower()}/"
    return Source.objects.create(name=name, url=home)


def _disclaimer(text):
    if not text:
        return None
    key = normalize_name(text)
    for disclaimer in Disclaimer.objects.order_by("-is_default", "pk"):  # the default wins a tie
        if normalize_name(disclaimer.text) == key:
            return disclaimer
    return Disclaimer.objects.create(title=f"Из документа: {text[:80]}", text=text)
