"""Importing a chunk of documents at once: the fast path of every batch.

A chunk (a hundred documents) is written with one insert per table — its
articles, their bylines and theme links, their first versions — in one
savepoint, after one look-up of the documents already in the archive and one
of the day's slugs. Authors, sources and disclaimers come from the batch's
``Matches``, as in ``intake.import_proposal``.

Whatever the database refuses there (a copy committed meanwhile by a
concurrent import, a value it will not take, a deadlock) rolls the chunk back,
and its documents are then imported one by one by ``intake.import_proposal``,
each in its own savepoint with its own outcome and error line: the answer is
the one the slow path would have given, the fast path only saves the time.
"""

from django.db import DatabaseError, connections, router, transaction

from .intake import (
    Matches,
    Outcome,
    _author,
    _duplicate_outcome,
    import_proposal,
    prepare,
    themes_named,
    unsaved_article,
)
from .models import Article, ArticleAuthor, Disclaimer, ThemedArticle
from .revisions import record_first_versions
from .signals import announce_many
from .text import content_fingerprint


def import_chunk(documents, *, source_name="", published_on=None, themes=(), matches=None):
    """The outcomes of ``documents`` — ``(proposal, publish, title)`` each — in their order.

    The arguments mean what they mean for ``intake.import_proposal``. Never raises
    a database error: a document the database refuses is an ``Outcome.FAILED``.
    """
    matches = matches if matches is not None else Matches()
    for proposal, _, _ in documents:
        prepare(proposal)
    try:
        with transaction.atomic():
            outcomes = _write(documents, source_name, published_on, themes_named(themes), matches)
        matches.keep()
        return outcomes
    except DatabaseError:
        matches.forget()
    return [
        import_proposal(
            proposal, publish=publish, source_name=source_name, published_on=published_on, themes=themes,
            title=title, matches=matches,
        )
        for proposal, publish, title in documents
    ]  # fmt: skip


def _write(documents, source_name, published_on, themes, matches):
    fingerprints = [content_fingerprint(proposal.lead, proposal.body_html) for proposal, _, _ in documents]
    in_archive = _in_archive(fingerprints, [proposal.source_url for proposal, _, _ in documents])
    in_chunk = {}  # fingerprint or URL → the new article of an earlier document of this chunk
    outcomes, new = [], []
    is_opinion = (proposal.kind == Article.Kind.OPINION for proposal, _, _ in documents)
    default_disclaimer = Disclaimer.default() if any(is_opinion) else None
    for (proposal, publish, title), fingerprint in zip(documents, fingerprints, strict=True):
        keys = [("text", fingerprint), ("url", proposal.source_url)]
        keys = [key for key in keys if key[1]]
        duplicate = next((found for key in keys if (found := in_archive.get(key) or in_chunk.get(key))), None)
        if duplicate is not None:
            outcomes.append(duplicate)  # an article of this chunk has no id yet: its note is written below
            continue
        article, notes = unsaved_article(proposal, publish, title, source_name, published_on, matches)
        if article.is_opinion and not article.disclaimer_id:
            article.disclaimer = default_disclaimer  # what derive_fields would look up for each
        article.derive_fields()
        bylines = _bylines(article, proposal.authors, matches)
        links = [ThemedArticle(content_object=article, tag=theme) for theme in dict.fromkeys(themes)]
        new.append((article, bylines, links))
        outcomes.append(Outcome(Outcome.CREATED, article, notes))
        in_chunk.update(dict.fromkeys(keys, article))
    _insert(new)
    return [_duplicate_outcome(o) if isinstance(o, Article) else o for o in outcomes]


def _insert(new):
    """``(article, bylines, theme links)``, all unsaved: one insert per table, then their versions."""
    articles = [article for article, _, _ in new]
    Article.assign_slugs(articles)
    for article in articles:
        article.clean_text_fields()
    ids = _reserved_ids(len(articles))
    if ids is None:  # the articles first, then the rows that point to them
        Article.objects.bulk_create(articles)
    else:
        for article, pk in zip(articles, ids, strict=True):
            article.pk = pk
    ArticleAuthor.objects.bulk_create([byline for _, bylines, _ in new for byline in bylines])
    ThemedArticle.objects.bulk_create([link for _, _, links in new for link in links])
    if ids is not None:
        Article.objects.bulk_create(articles)
    record_first_versions(new)
    announce_many(Article, articles)


def _reserved_ids(count):
    """Ids for ``count`` new articles from their table's sequence, on PostgreSQL; ``None`` elsewhere.

    With their ids known, the bylines and theme links are inserted before their articles (foreign
    keys are checked at commit): each article's search vector and counts (``tallies``) are then
    computed once, by its own insert, not again by an update per link.
    """
    connection = connections[router.db_for_write(Article)]
    if connection.vendor != "postgresql" or not count:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Article._meta.db_table, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def find_duplicates(proposals):
    """For each of ``proposals``, the article already holding its text or original URL, or
    ``None`` (``intake.find_duplicate`` for many, in two queries)."""
    for proposal in proposals:
        prepare(proposal)
    fingerprints = [content_fingerprint(proposal.lead, proposal.body_html) for proposal in proposals]
    found = _in_archive(fingerprints, [proposal.source_url for proposal in proposals])
    return [
        found.get(("text", fingerprint)) or found.get(("url", proposal.source_url))
        for proposal, fingerprint in zip(proposals, fingerprints, strict=True)
    ]


def _in_archive(fingerprints, urls):
    """``{("text", fingerprint) or ("url", url): article}`` of what is already in the archive."""
    found = {}
    columns = ("pk", "title", "content_hash", "source_url")
    for article in Article.objects.filter(content_hash__in={f for f in fingerprints if f}).only(*columns):
        found[("text", article.content_hash)] = article
    for article in Article.objects.filter(source_url__in={url for url in urls if url}).only(*columns):
        found[("url", article.source_url)] = article
    return found


def _bylines(article, authors, matches):
    bylines, on_byline = [], set()
    for order, (name, position) in enumerate(authors):
        author = _author(name, position, matches)
        if author.pk in on_byline:
            continue
        on_byline.add(author.pk)
        byline = ArticleAuthor(article=article, author=author, order=order, position=position or author.position)
        byline.clean_text_fields()
        bylines.append(byline)
    return bylines
