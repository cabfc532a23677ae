"""Counts of public articles per month, theme, author and source that do not scan the archive.

On PostgreSQL the ``editorial_tally`` table holds, per month and per facet, the
number of articles public as of a stored moment, the *watermark* W, and the
latest change among them; database triggers keep it and the search vector up to
date on every insert, update and delete (``tally_sql``, installed by
migrations). A read adds the few articles that came due since W, live, through
the ``published_at`` index: every count is exact at the moment it is read, and
its cost follows the publications since W, not the number of scheduled
articles. ``advance`` moves W to now and counts those articles into the tally;
the background worker runs it when an article is published or its time comes
(``tasks.count_due_articles``), and a read that finds more than ``LIVE_LIMIT``
of them runs it itself (no worker, or one far behind).

On SQLite (development, tests) the same answers are computed by aggregation.
"""

from datetime import datetime

from django.db import connections, models, router, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .tally_sql import (  # noqa: F401  (migrations install these from here)
    DROP_SQL,
    LOCK_WATERMARK_SQL,
    MAKE_WATERMARK_SQL,
    MOVE_WATERMARK_SQL,
    REBUILD_SQL,
    TRIGGERS_SQL,
    advance_sql,
    functions_sql,
    has_public_sql,
    public_counts_sql,
)

LIVE_LIMIT = 100  # articles counted live by a read before it moves the watermark itself

FACET_PATHS = {  # facet → the lookup from an article to its key
    "theme": "theme_links__tag",
    "author": "bylines__author",
    "source": "source",
}


def month_key(moment):
    """202511 for a moment in November 2025, in the site's time zone."""
    local = timezone.localtime(moment)
    return local.year * 100 + local.month


def key_month(key):
    """The first moment of a month key, aware, in the site's time zone."""
    return timezone.make_aware(datetime(key // 100, key % 100, 1))


def _db(using):
    return using or router.db_for_read(Tally)


def _uses_tally(using):
    return connections[using].vendor == "postgresql"


def month_counts(using=None):
    """``{month key: public articles}`` for months that have any."""
    from .models import Article

    using = _db(using)
    if not _uses_tally(using):
        rows = (
            Article.objects.using(using)
            .published()
            .annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(n=Count("id"))
        )
        return {month_key(row["month"]): row["n"] for row in rows}
    return public_counts(["month"], using)["month"]


def month_last_modified(using=None):
    """``{month key: latest change of its public articles}`` (PostgreSQL: from the tally; else aggregated)."""
    from .models import Article

    using = _db(using)
    if not _uses_tally(using):
        latest = {}
        for updated, published in Article.objects.using(using).published().values_list("updated_at", "published_at"):
            key = month_key(published)
            latest[key] = max(latest.get(key, updated), updated, published)
        return latest
    return {key: modified for key, (_, modified) in _read_tally(["month"], using)["month"].items()}


def facet_counts(facet, using=None):
    """``{theme, author or source id: public articles}`` for those that have any."""
    from .models import Article

    using, path = _db(using), FACET_PATHS[facet]
    if not _uses_tally(using):
        rows = Article.objects.using(using).published().filter(**{f"{path}__isnull": False}).values_list(path)
        return dict(rows.annotate(n=Count("id", distinct=True)).order_by())
    return public_counts([facet], using)[facet]


def several_facet_counts(facets, using=None):
    """``{facet: facet_counts(facet)}`` for several facets: one query on PostgreSQL."""
    using = _db(using)
    if not _uses_tally(using):
        return {facet: facet_counts(facet, using) for facet in facets}
    return public_counts(facets, using)


def public_counts(facets, using):
    """``{facet: {key: public articles}}`` («month», «theme»…) in one query (PostgreSQL only)."""
    return {facet: {key: n for key, (n, _) in rows.items()} for facet, rows in _read_tally(facets, using).items()}


def _read_tally(facets, using):
    """``{facet: {key: (public articles, latest change)}}``: the tally plus the articles due since
    the watermark. When those are many (no worker), the watermark is moved past them for the next read."""
    tally = {facet: {} for facet in facets}
    with connections[using].cursor() as cursor:
        cursor.execute(public_counts_sql(facets), {"facets": list(facets), "now": timezone.now()})
        for facet, key, n, modified in cursor.fetchall():
            if facet == "due":
                due = n
            else:
                tally[facet][key] = (n, modified)
    if due > LIVE_LIMIT:
        advance(wait=False)
    return tally


def has_public_articles(facet, key, using=None):
    """Whether one theme, author or source has a public article (one small query)."""
    from .models import Article

    using, path = _db(using), FACET_PATHS[facet]
    if not _uses_tally(using):
        return Article.objects.using(using).published().filter(**{path: key}).exists()
    with connections[using].cursor() as cursor:
        cursor.execute(has_public_sql(facet), {"facet": facet, "key": key, "now": timezone.now()})
        return cursor.fetchone()[0]


def advance(using=None, wait=True):
    """Move the watermark to now, counting the articles that came due since into the tally, in one
    transaction. The watermark row is locked: triggers of concurrent writes wait for it (or it for
    them), so each article is counted once. Returns the new watermark; with ``wait=False``, ``None``
    when another transaction holds the row. (Elsewhere than on PostgreSQL, counts are always as of now.)"""
    using = using or router.db_for_write(Tally)
    until = timezone.now()
    if not _uses_tally(using):
        return until
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(MAKE_WATERMARK_SQL)
        cursor.execute(LOCK_WATERMARK_SQL.format(skip="" if wait else "SKIP LOCKED"))
        row = cursor.fetchone()
        if row is None:
            return None
        since = row[0]
        if since is not None and since >= until:
            return since
        cursor.execute(advance_sql(), {"since": since, "until": until})
        cursor.execute(MOVE_WATERMARK_SQL, {"until": until})
        return until


def uncounted(moments, using=None):
    """Those of ``moments`` (publication times of published articles) after the watermark: what
    ``advance`` has yet to count. None on SQLite, where nothing is kept."""
    using = using or router.db_for_write(Tally)
    if not moments or not _uses_tally(using):
        return []
    until = Tally.objects.using(using).filter(facet="watermark", key=0).values_list("last_modified", flat=True).first()
    return [moment for moment in moments if until is None or moment > until]


def rebuild(using=None):
    """Recount everything from the articles, and refill the search table (after a bulk load
    with triggers off, or a time zone change), as of now. PostgreSQL only; a no-op elsewhere."""
    using = using or "default"
    if not _uses_tally(using):
        return
    from . import search_documents

    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(functions_sql())
        advance(using)
        cursor.execute(REBUILD_SQL)
    search_documents.rebuild(using)


class Tally(models.Model):
    """Public articles per month or facet as of the watermark (the row «watermark», its
    ``last_modified``); kept by PostgreSQL triggers."""

    facet = models.CharField("что считается", max_length=10)  # month, theme, author, source
    key = models.BigIntegerField("месяц (ГГГГММ) или id")
    count = models.IntegerField("статей", default=0)
    last_modified = models.DateTimeField("последнее изменение", null=True)

    class Meta:
        app_label = "editorial"
        verbose_name = "счётчик статей"
        verbose_name_plural = "счётчики статей"
        constraints = [models.UniqueConstraint(fields=["facet", "key"], name="unique_tally")]

    def __str__(self):
        return f"{self.facet} {self.key}: {self.count}"
