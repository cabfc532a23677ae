"""Turning an import proposal into an article: one document, one transaction.

Used by the admin upload page and by ``manage.py import_articles`` alike.
Authors, the source and the disclaimer are matched to existing ones or
created; a document already in the archive (same text, or same original
URL) is reported, not imported again.

Safe under concurrency (two imports of the same folder at once): the database
refuses a second copy of a text or URL and a second author or source of the
same slug (constraints), and the ``IntegrityError`` is the ordinary answer:
the document is «already in the archive», the author is the one just created
by the other import. Any other database error fails that document alone.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from django.db import DatabaseError, IntegrityError, OperationalError, transaction
from django.utils import timezone

from .models import Article, ArticleAuthor, Author, Disclaimer, Source, Theme
from .slugs import slugify_ru
from .text import content_fingerprint, strip_control_chars

_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$", re.I)
# PostgreSQL's «deadlock detected» and «could not serialize»: the document is simply tried again.
_RETRYABLE_SQLSTATES = {"40P01", "40001"}
DOCUMENT_ATTEMPTS = 3
NAME_ATTEMPTS = 5


@dataclass
class Outcome:
    CREATED, DUPLICATE, FAILED = "created", "duplicate", "failed"

    status: str
    article: Article | None
    notes: list = field(default_factory=list)


def normalize_name(name):
    return " ".join(name.lower().replace("ё", "е").split())


def _limit(model, name):
    return model._meta.get_field(name).max_length


def prepare(proposal):
    """Make ``proposal`` fit the database, warning about each change (idempotent).

    Control characters (a NUL deep in a text) are removed everywhere; an over-long
    title, author, position or source name is shortened; an over-long original
    URL is dropped (a cut URL would lead nowhere). Returns the proposal.
    """

    def clean(value):
        return strip_control_chars(value or "", " ").strip()

    def fit(value, limit, what):
        value = clean(value)
        if len(value) > limit:
            proposal.warnings.append(f"{what} длиннее {limit} знаков — сокращено: «{value[:40]}…».")
            value = value[:limit].rstrip()
        return value

    proposal.title = fit(proposal.title, _limit(Article, "title"), "Заголовок")
    proposal.lead = strip_control_chars(proposal.lead or "").strip()
    proposal.paragraphs = [strip_control_chars(p) for p in proposal.paragraphs]
    proposal.authors = [
        (fit(name, _limit(Author, "name"), "Имя автора"), fit(position, _limit(Author, "position"), "Должность автора"))
        for name, position in proposal.authors
        if clean(name)
    ]
    proposal.source_name = fit(proposal.source_name, _limit(Source, "name"), "Название источника")
    proposal.disclaimer_text = clean(proposal.disclaimer_text)
    url, limit = clean(proposal.source_url), _limit(Article, "source_url")
    if len(url) > limit:
        proposal.warnings.append(f"Ссылка на оригинал длиннее {limit} знаков — не сохранена: «{url[:60]}…».")
        url = ""
    proposal.source_url = url
    return proposal


def find_duplicate(proposal):
    """The article already holding this document's text or original URL, if any."""
    prepare(proposal)
    fingerprint = content_fingerprint(proposal.lead, proposal.body_html)
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


def _duplicate_outcome(duplicate):
    return Outcome(Outcome.DUPLICATE, duplicate, [f"уже в архиве: «{duplicate}» (#{duplicate.pk})"])


def import_proposal(proposal, *, publish=False, source_name="", published_on=None, themes=(), title="", matches=None):
    """Create the article for ``proposal`` (a draft unless ``publish`` and complete).

    ``source_name`` and ``published_on`` fill in what the document lacks;
    ``title`` replaces the proposed one; ``themes`` are Theme objects or names
    (see ``themes_named``); ``matches`` is a batch's ``Matches``. Everything or
    nothing is saved. Never raises a database error: a failure is an
    ``Outcome.FAILED`` with a Russian note.
    """
    prepare(proposal)
    matches = matches if matches is not None else Matches()
    try:
        themes = themes_named(themes)
        for attempt in range(DOCUMENT_ATTEMPTS):
            try:
                outcome = _import(proposal, publish, source_name, published_on, themes, title, matches)
                matches.keep()
                return outcome
            except OperationalError as error:
                matches.forget()
                retryable = getattr(error.__cause__, "sqlstate", None) in _RETRYABLE_SQLSTATES
                if not retryable or attempt + 1 == DOCUMENT_ATTEMPTS:
                    raise
    except IntegrityError as error:
        matches.forget()
        # A concurrent import saved the same text or URL first: the constraint said so.
        duplicate = find_duplicate(proposal)
        if duplicate is not None:
            return _duplicate_outcome(duplicate)
        return Outcome(Outcome.FAILED, None, [f"не сохранена: база данных отказала ({_first_line(error)})"])
    except DatabaseError as error:
        matches.forget()
        return Outcome(Outcome.FAILED, None, [f"не сохранена: ошибка базы данных ({_first_line(error)})"])


def _first_line(error):
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


def _import(proposal, publish, source_name, published_on, themes, title, matches):
    with transaction.atomic():
        duplicate = find_duplicate(proposal)
        if duplicate is not None:
            return _duplicate_outcome(duplicate)
        article, notes = unsaved_article(proposal, publish, title, source_name, published_on, matches)
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


def unsaved_article(proposal, publish, title, source_name, published_on, matches):
    """The unsaved article of a document and its notes (one at a time here, a chunk at once in
    ``intake_chunk``)."""
    day = proposal.published_on or published_on
    article = Article(
        title=(title or proposal.title).strip()[: _limit(Article, "title")],
        lead=proposal.lead,
        body=proposal.body_html,
        kind=proposal.kind,
        source=_source(proposal.source_name or source_name, proposal.source_url, matches),
        source_url=proposal.source_url,
        disclaimer=_disclaimer(proposal.disclaimer_text, matches),
        # In UTC, as it is read back: its first version is then the same as a later save's.
        published_at=timezone.make_aware(datetime.combine(day, time())).astimezone(UTC) if day else None,
    )
    notes = []
    if publish:
        article.status = Article.Status.PUBLISHED
        problems = article.publication_errors(author_count=len(proposal.authors))
        if problems:
            article.status = Article.Status.DRAFT
            notes.append("оставлена черновиком: " + " ".join(problems.values()))
    return article, notes


def _find_by_name(queryset, name):
    """The row whose name is ``name`` ignoring case and ё/е. Compared in Python: neither
    database folds ё to е, and a newsroom has hundreds of authors, not millions."""
    key = normalize_name(name)
    for pk, existing in queryset.values_list("pk", "name"):
        if normalize_name(existing) == key:
            return queryset.get(pk=pk)
    return None


def _find_or_create(model, name, **fields):
    """The ``model`` row named ``name`` (ignoring case and ё/е), created if there is none.

    Under concurrency another import may create it between the look-up and the insert.
    The first insert therefore claims the name's own slug (never a «-2»): the database
    refuses the second row, and the look-up, run again, finds the first. Only a different
    name with the same slug («Иван Петров», «Ivan Petrov») then gets a «-2».
    """
    slug = slugify_ru(name, max_length=100, fallback_prefix=model._meta.model_name)
    for attempt in range(NAME_ATTEMPTS):
        existing = _find_by_name(model.objects.all(), name)
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                return model.objects.create(name=name, slug=slug if attempt == 0 else "", **fields), True
        except IntegrityError:
            if attempt + 1 == NAME_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _author(name, position, matches):
    author, created = matches.get("author", name, lambda: _find_or_create(Author, name, position=position))
    if not created and position and not author.position:
        author.position = position
        author.save(update_fields=["position"])
    return author


def _source(name, url, matches):
    if not name:
        return None
    return matches.get("source", name, lambda: _new_source(name, url))


def _new_source(name, url):
    home = ""
    if url:
        home = "/".join(url.split("/")[:3]) + "/"
    elif _DOMAIN.match(name):
        home = f"https://{name.lower()}/"
    if len(home) > _limit(Source, "url"):
        home = ""
    return _find_or_create(Source, name, url=home)[0]


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


def themes_named(themes):
    """Theme objects for names (created if missing, case-insensitively) or objects, each found
    or created in its own transaction so that concurrent imports never race on them."""
    found = []
    for theme in themes:
        if isinstance(theme, Theme):
            found.append(theme)
            continue
        name = strip_control_chars(str(theme), " ").strip()[: _limit(Theme, "name")]
        for attempt in range(NAME_ATTEMPTS):
            existing = Theme.objects.filter(name__iexact=name).first()
            if existing is not None:
                found.append(existing)
                break
            try:
                with transaction.atomic():
                    found.append(Theme.objects.create(name=name))
                break
            except IntegrityError:
                if attempt + 1 == NAME_ATTEMPTS:
                    raise
    return found
