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

from .models import Article, ArticleAuthor, Author, Disclaimer, Source

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


class Matches:
    """Authors, sources and disclaimers already matched in a batch, by kind and normalised name:
    a batch of thousands of documents looks each one up once. Rows a document created are
    known to the next documents only once it is saved (``keep``); ``forget`` drops them when
    it was rolled back."""

    def __init__(self):
        self.known, self.new = {}, {}

    def get(self, kind, name, find):
        key = (kind, normalize_name(name))
        if key in self.known:
            return self.known[key]
        if key not in self.new:
            self.new[key] = find()
        return self.new[key]

    def keep(self):
        self.known.update(self.new)
        self.new = {}

    def forget(self):
        self.new = {}


def import_proposal(proposal, *, publish=False, source_name="", published_on=None, themes=(), title="", matches=None):
    """Create the article for ``proposal`` (a draft unless ``publish`` and complete).

    ``source_name`` and ``published_on`` fill in what the document lacks;
    ``title`` replaces the proposed one; ``matches`` is a batch's ``Matches``.
    Everything or nothing is saved.
    """
    matches = matches if matches is not None else Matches()
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
            source=_source(proposal.source_name or source_name, proposal.source_url, matches),
            source_url=proposal.source_url,
            disclaimer=_disclaimer(proposal.disclaimer_text, matches),
            published_at=timezone.make_aware(datetime.combine(day, time())) if day else None,
        )
        notes = []
        if publish:  # decided before the one save: the bylines are known from the proposal
            article.status = Article.Status.PUBLISHED
            problems = article.publication_errors(author_count=len(proposal.authors))
            if problems:
                article.status = Article.Status.DRAFT
                notes.append("оставлена черновиком: " + " ".join(problems.values()))
        article.save()
        on_byline = set()  # a new article: only the proposal itself can name an author twice
        for order, (name, position) in enumerate(proposal.authors):
            author = _author(name, position, matches)
            if author.pk not in on_byline:
                on_byline.add(author.pk)
                ArticleAuthor.objects.create(article=article, author=author, order=order, position=position)
        if themes:
            article.themes.add(*themes)
        return Outcome(Outcome.CREATED, article, notes)


def _find_by_name(queryset, name):
    """The row whose name is ``name`` ignoring case and ё/е. Compared in Python: neither
    database folds ё to е, and a newsroom has hundreds of authors, not millions."""
    key = normalize_name(name)
    for pk, existing in queryset.values_list("pk", "name"):
        if normalize_name(existing) == key:
            return queryset.get(pk=pk)
    return None


def _author(name, position, matches):
    author = matches.get(
        "author",
        name,
        lambda: _find_by_name(Author.objects.all(), name) or Author.objects.create(name=name, position=position),
    )
    if position and not author.position:
        author.position = position
        author.save(update_fields=["position"])
    return author


def _source(name, url, matches):
    if not name:
        return None
    return matches.get("source", name, lambda: _find_by_name(Source.objects.all(), name) or _new_source(name, url))


def _new_source(name, url):
    home = ""
    if url:
        home = "/".join(url.split("/")[:3]) + "/"
    elif _DOMAIN.match(name):
        home = f"https://{name.lower()}/"
    return Source.objects.create(name=name, url=home)


def _disclaimer(text, matches):
    if not text:
        return None
    return matches.get("disclaimer", text, lambda: _find_or_create_disclaimer(text))


def _find_or_create_disclaimer(text):
    key = normalize_name(text)
    for disclaimer in Disclaimer.objects.order_by("-is_default", "pk"):  # the default wins a tie
        if normalize_name(disclaimer.text) == key:
            return disclaimer
    return Disclaimer.objects.create(title=f"Из документа: {text[:80]}", text=text)
