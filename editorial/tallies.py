"""Counts of public articles per month, theme, author and source that do not scan the archive.

On PostgreSQL the ``editorial_tally`` table holds, per month and per facet, the
number of articles whose status is «published» (scheduled ones included) and
the latest change among them; database triggers keep it and the search vector
up to date on every insert, update and delete (see ``TRIGGERS_SQL``, installed
by a migration and by ``install_triggers``). A public count is that number
minus the scheduled articles, counted live: they are few and indexed.

On SQLite (development, tests) the same answers are computed by aggregation.
"""

from datetime import datetime

from django.conf import settings
from django.db import connections, models, router
from django.db.models import Count, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

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


def _scheduled(using):
    from .models import Article

    return Article.objects.using(using).scheduled()


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
    """``{month key: latest change of its articles}`` (PostgreSQL: from the tally; else aggregated)."""
    from .models import Article

    using = _db(using)
    if not _uses_tally(using):
        latest = {}
        for updated, published in Article.objects.using(using).published().values_list("updated_at", "published_at"):
            key = month_key(published)
            latest[key] = max(latest.get(key, updated), updated, published)
        return latest
    return dict(Tally.objects.using(using).filter(facet="month", count__gt=0).values_list("key", "last_modified"))


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
    """``{facet: {key: public articles}}`` («month», «theme»…) from the tally, minus the
    scheduled articles, in one query (PostgreSQL only)."""
    counts = {facet: {} for facet in facets}
    with connections[using].cursor() as cursor:
        cursor.execute(PUBLIC_COUNTS_SQL, {"facets": list(facets), "now": timezone.now()})
        for facet, key, n in cursor.fetchall():
            counts[facet][key] = n
    return counts


def has_public_articles(facet, key, using=None):
    """Whether one theme, author or source has a public article (two small queries at most)."""
    from .models import Article

    using, path = _db(using), FACET_PATHS[facet]
    if not _uses_tally(using):
        return Article.objects.using(using).published().filter(**{path: key}).exists()
    scheduled = _scheduled(using).filter(**{path: key}).order_by().values(path).annotate(n=Count("id")).values("n")
    return (
        Tally.objects.using(using).filter(facet=facet, key=key, count__gt=Coalesce(Subquery(scheduled), 0)).exists()
    )  # one query


def rebuild(using=None):
    """Recount everything from the articles, and refill the search table (after a bulk load
    with triggers off, or a time zone change). PostgreSQL only; a no-op elsewhere."""
    using = using or "default"
    if not _uses_tally(using):
        return
    from . import search_documents

    with connections[using].cursor() as cursor:
        cursor.execute(functions_sql())
        cursor.execute(REBUILD_SQL)
    search_documents.rebuild(using)


# SQL ------------------------------------------------------------------------

# The tally counts scheduled articles too: those not yet public are taken off, as negative rows
# summed with the tally's (no join: one hash aggregate); a facet not asked for costs nothing.
PUBLIC_COUNTS_SQL = """
WITH scheduled AS (
  SELECT id, source_id, published_at FROM editorial_article
  WHERE status = 'published' AND published_at > %(now)s AND deleted_at IS NULL
)
SELECT facet, key, sum(n)::bigint FROM (
  SELECT facet, key, count AS n FROM editorial_tally WHERE facet = ANY(%(facets)s)
  UNION ALL
  SELECT 'month', editorial_month_key(published_at), -count(*) FROM scheduled
  WHERE 'month' = ANY(%(facets)s) GROUP BY 2
  UNION ALL
  SELECT 'source', source_id, -count(*) FROM scheduled
  WHERE 'source' = ANY(%(facets)s) AND source_id IS NOT NULL GROUP BY 2
  UNION ALL
  SELECT 'theme', l.tag_id, -count(*) FROM editorial_themedarticle l JOIN scheduled s ON s.id = l.content_object_id
  WHERE 'theme' = ANY(%(facets)s) GROUP BY 2
  UNION ALL
  SELECT 'author', b.author_id, -count(*) FROM editorial_articleauthor b JOIN scheduled s ON s.id = b.article_id
  WHERE 'author' = ANY(%(facets)s) GROUP BY 2
) AS counted
GROUP BY facet, key HAVING sum(n) > 0
"""

REBUILD_SQL = """
DELETE FROM editorial_tally;
INSERT INTO editorial_tally (facet, key, count, last_modified)
SELECT 'month', editorial_month_key(published_at), count(*), max(greatest(updated_at, published_at))
  FROM editorial_article WHERE status = 'published' AND published_at IS NOT NULL AND deleted_at IS NULL GROUP BY 2
UNION ALL
SELECT 'source', source_id, count(*), max(greatest(updated_at, published_at))
  FROM editorial_article WHERE status = 'published' AND published_at IS NOT NULL AND deleted_at IS NULL
    AND source_id IS NOT NULL
  GROUP BY 2
UNION ALL
SELECT 'theme', l.tag_id, count(*), max(greatest(a.updated_at, a.published_at))
  FROM editorial_themedarticle l JOIN editorial_article a ON a.id = l.content_object_id
  WHERE a.status = 'published' AND a.published_at IS NOT NULL AND a.deleted_at IS NULL GROUP BY 2
UNION ALL
SELECT 'author', b.author_id, count(*), max(greatest(a.updated_at, a.published_at))
  FROM editorial_articleauthor b JOIN editorial_article a ON a.id = b.article_id
  WHERE a.status = 'published' AND a.published_at IS NOT NULL AND a.deleted_at IS NULL GROUP BY 2;
"""


def functions_sql():
    """The SQL functions; the month key reads the site's time zone, baked in here."""
    time_zone = settings.TIME_ZONE.replace("'", "")
    return f"""
CREATE OR REPLACE FUNCTION editorial_month_key(at timestamptz) RETURNS bigint AS $$
  SELECT (extract(year FROM at AT TIME ZONE '{time_zone}') * 100
        + extract(month FROM at AT TIME ZONE '{time_zone}'))::bigint
$$ LANGUAGE sql IMMUTABLE;

-- Names of the article's themes, authors and source: searchable like its words.
CREATE OR REPLACE FUNCTION editorial_article_names(article bigint, source bigint) RETURNS text AS $$
  SELECT concat_ws(' ',
    (SELECT string_agg(t.name, ' ') FROM editorial_themedarticle l
       JOIN editorial_theme t ON t.id = l.tag_id WHERE l.content_object_id = article),
    (SELECT string_agg(p.name, ' ') FROM editorial_articleauthor b
       JOIN editorial_author p ON p.id = b.author_id WHERE b.article_id = article),
    (SELECT s.name FROM editorial_source s WHERE s.id = source))
$$ LANGUAGE sql STABLE;

-- Title (A), names of themes, authors and source (B), lead (B), body without tags (C).
CREATE OR REPLACE FUNCTION editorial_article_document(title text, lead text, body text, names text)
RETURNS tsvector AS $$
  SELECT setweight(to_tsvector('russian', coalesce(title, '')), 'A')
      || setweight(to_tsvector('russian', coalesce(names, '')), 'B')
      || setweight(to_tsvector('russian', coalesce(lead, '')), 'B')
      || setweight(to_tsvector('russian', regexp_replace(coalesce(body, ''), '<[^>]+>', ' ', 'g')), 'C')
$$ LANGUAGE sql IMMUTABLE;
"""


TRIGGERS_SQL = """
CREATE OR REPLACE FUNCTION editorial_tally_add(f text, k bigint, n integer, modified timestamptz)
RETURNS void AS $$
  INSERT INTO editorial_tally (facet, key, count, last_modified) VALUES (f, k, n, modified)
  ON CONFLICT (facet, key) DO UPDATE
    SET count = editorial_tally.count + EXCLUDED.count,
        last_modified = greatest(editorial_tally.last_modified, EXCLUDED.last_modified)
$$ LANGUAGE sql;

-- Counts one published article (delta +1) or takes it back (-1), with all its facets.
CREATE OR REPLACE FUNCTION editorial_tally_article(a editorial_article, delta integer) RETURNS void AS $$
DECLARE
  modified timestamptz := greatest(a.updated_at, a.published_at);
  link record;
BEGIN
  IF a.status <> 'published' OR a.published_at IS NULL OR a.deleted_at IS NOT NULL THEN
    RETURN;
  END IF;
  PERFORM editorial_tally_add('month', editorial_month_key(a.published_at), delta, modified);
  IF a.source_id IS NOT NULL THEN
    PERFORM editorial_tally_add('source', a.source_id, delta, modified);
  END IF;
  FOR link IN SELECT tag_id AS k FROM editorial_themedarticle WHERE content_object_id = a.id LOOP
    PERFORM editorial_tally_add('theme', link.k, delta, modified);
  END LOOP;
  FOR link IN SELECT author_id AS k FROM editorial_articleauthor WHERE article_id = a.id LOOP
    PERFORM editorial_tally_add('author', link.k, delta, modified);
  END LOOP;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION editorial_article_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector := editorial_article_document(
    NEW.title, NEW.lead, NEW.body, editorial_article_names(NEW.id, NEW.source_id));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION editorial_article_tally() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM editorial_tally_article(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM editorial_tally_article(NEW, 1);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- A theme or byline added or removed: the article's counts and its search vector follow.
CREATE OR REPLACE FUNCTION editorial_link_changed() RETURNS trigger AS $$
DECLARE
  a editorial_article;
  facet text := CASE TG_TABLE_NAME WHEN 'editorial_themedarticle' THEN 'theme' ELSE 'author' END;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT * INTO a FROM editorial_article WHERE id = (to_jsonb(OLD) ->> CASE facet
      WHEN 'theme' THEN 'content_object_id' ELSE 'article_id' END)::bigint;
    IF FOUND AND a.status = 'published' AND a.published_at IS NOT NULL AND a.deleted_at IS NULL THEN
      PERFORM editorial_tally_add(facet, (to_jsonb(OLD) ->> CASE facet
        WHEN 'theme' THEN 'tag_id' ELSE 'author_id' END)::bigint, -1, greatest(a.updated_at, a.published_at));
    END IF;
    IF FOUND THEN
      UPDATE editorial_article SET search_vector = editorial_article_document(
        title, lead, body, editorial_article_names(id, source_id)) WHERE id = a.id;
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT * INTO a FROM editorial_article WHERE id = (to_jsonb(NEW) ->> CASE facet
      WHEN 'theme' THEN 'content_object_id' ELSE 'article_id' END)::bigint;
    IF FOUND AND a.status = 'published' AND a.published_at IS NOT NULL AND a.deleted_at IS NULL THEN
      PERFORM editorial_tally_add(facet, (to_jsonb(NEW) ->> CASE facet
        WHEN 'theme' THEN 'tag_id' ELSE 'author_id' END)::bigint, 1, greatest(a.updated_at, a.published_at));
    END IF;
    IF FOUND THEN
      UPDATE editorial_article SET search_vector = editorial_article_document(
        title, lead, body, editorial_article_names(id, source_id)) WHERE id = a.id;
    END IF;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Articles inserted (one statement, any number of rows: a chunk of an import): all their counts
-- in one upsert. Their links, if any were inserted before them, count too.
CREATE OR REPLACE FUNCTION editorial_articles_inserted() RETURNS trigger AS $$
BEGIN
  INSERT INTO editorial_tally (facet, key, count, last_modified)
  SELECT facet, key, count(*), max(modified) FROM (
    SELECT 'month' AS facet, editorial_month_key(a.published_at) AS key,
           greatest(a.updated_at, a.published_at) AS modified FROM inserted a
     WHERE a.status = 'published' AND a.published_at IS NOT NULL AND a.deleted_at IS NULL
    UNION ALL
    SELECT 'source', a.source_id, greatest(a.updated_at, a.published_at) FROM inserted a
     WHERE a.status = 'published' AND a.published_at IS NOT NULL AND a.deleted_at IS NULL
       AND a.source_id IS NOT NULL
    UNION ALL
    SELECT 'theme', l.tag_id, greatest(a.updated_at, a.published_at)
      FROM inserted a JOIN editorial_themedarticle l ON l.content_object_id = a.id
     WHERE a.status = 'published' AND a.published_at IS NOT NULL AND a.deleted_at IS NULL
    UNION ALL
    SELECT 'author', b.author_id, greatest(a.updated_at, a.published_at)
      FROM inserted a JOIN editorial_articleauthor b ON b.article_id = a.id
     WHERE a.status = 'published' AND a.published_at IS NOT NULL AND a.deleted_at IS NULL
  ) counted GROUP BY facet, key
  ON CONFLICT (facet, key) DO UPDATE
    SET count = editorial_tally.count + EXCLUDED.count,
        last_modified = greatest(editorial_tally.last_modified, EXCLUDED.last_modified);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Theme links or bylines inserted (one statement, any number of rows): their counts in one
-- upsert, and the search vectors of their articles recomputed once each.
CREATE OR REPLACE FUNCTION editorial_links_inserted(facet text, links bigint[], keys bigint[]) RETURNS void AS $$
  WITH link AS (SELECT * FROM unnest(links, keys) AS l(article, k)),
  counted AS (
    INSERT INTO editorial_tally (facet, key, count, last_modified)
    SELECT facet, link.k, count(*), max(greatest(a.updated_at, a.published_at))
      FROM link JOIN editorial_article a ON a.id = link.article
     WHERE a.status = 'published' AND a.published_at IS NOT NULL AND a.deleted_at IS NULL
     GROUP BY link.k
    ON CONFLICT (facet, key) DO UPDATE
      SET count = editorial_tally.count + EXCLUDED.count,
          last_modified = greatest(editorial_tally.last_modified, EXCLUDED.last_modified)
  )
  UPDATE editorial_article SET search_vector = editorial_article_document(
    title, lead, body, editorial_article_names(id, source_id))
   WHERE id IN (SELECT article FROM link)
$$ LANGUAGE sql;

CREATE OR REPLACE FUNCTION editorial_themes_inserted() RETURNS trigger AS $$
BEGIN
  PERFORM editorial_links_inserted('theme', array_agg(content_object_id), array_agg(tag_id)) FROM inserted;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION editorial_bylines_inserted() RETURNS trigger AS $$
BEGIN
  PERFORM editorial_links_inserted('author', array_agg(article_id), array_agg(author_id)) FROM inserted;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- A theme, author or source renamed: its articles become findable by the new name.
CREATE OR REPLACE FUNCTION editorial_name_changed() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'editorial_theme' THEN
    UPDATE editorial_article SET search_vector = editorial_article_document(
      title, lead, body, editorial_article_names(id, source_id))
     WHERE id IN (SELECT content_object_id FROM editorial_themedarticle WHERE tag_id = NEW.id);
  ELSIF TG_TABLE_NAME = 'editorial_author' THEN
    UPDATE editorial_article SET search_vector = editorial_article_document(
      title, lead, body, editorial_article_names(id, source_id))
     WHERE id IN (SELECT article_id FROM editorial_articleauthor WHERE author_id = NEW.id);
  ELSE
    UPDATE editorial_article SET search_vector = editorial_article_document(
      title, lead, body, editorial_article_names(id, source_id)) WHERE source_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS editorial_article_search_vector_update ON editorial_article;
CREATE TRIGGER editorial_article_search_vector_update
  BEFORE INSERT OR UPDATE OF title, lead, body, source_id ON editorial_article
  FOR EACH ROW EXECUTE FUNCTION editorial_article_search_vector();
CREATE TRIGGER editorial_article_tally AFTER DELETE ON editorial_article
  FOR EACH ROW EXECUTE FUNCTION editorial_article_tally();
CREATE TRIGGER editorial_articles_inserted AFTER INSERT ON editorial_article
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION editorial_articles_inserted();
CREATE TRIGGER editorial_article_tally_update AFTER UPDATE ON editorial_article
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at
                  OR OLD.source_id IS DISTINCT FROM NEW.source_id OR OLD.updated_at IS DISTINCT FROM NEW.updated_at
                  OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION editorial_article_tally();
CREATE TRIGGER editorial_themedarticle_changed AFTER UPDATE OR DELETE ON editorial_themedarticle
  FOR EACH ROW EXECUTE FUNCTION editorial_link_changed();
CREATE TRIGGER editorial_articleauthor_changed AFTER UPDATE OR DELETE ON editorial_articleauthor
  FOR EACH ROW EXECUTE FUNCTION editorial_link_changed();
CREATE TRIGGER editorial_themedarticle_inserted AFTER INSERT ON editorial_themedarticle
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION editorial_themes_inserted();
CREATE TRIGGER editorial_articleauthor_inserted AFTER INSERT ON editorial_articleauthor
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION editorial_bylines_inserted();
CREATE TRIGGER editorial_theme_renamed AFTER UPDATE OF name ON editorial_theme
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION editorial_name_changed();
CREATE TRIGGER editorial_author_renamed AFTER UPDATE OF name ON editorial_author
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION editorial_name_changed();
CREATE TRIGGER editorial_source_renamed AFTER UPDATE OF name ON editorial_source
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION editorial_name_changed();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS editorial_articles_inserted ON editorial_article;
DROP TRIGGER IF EXISTS editorial_themedarticle_inserted ON editorial_themedarticle;
DROP TRIGGER IF EXISTS editorial_articleauthor_inserted ON editorial_articleauthor;
DROP FUNCTION IF EXISTS editorial_articles_inserted();
DROP FUNCTION IF EXISTS editorial_themes_inserted();
DROP FUNCTION IF EXISTS editorial_bylines_inserted();
DROP FUNCTION IF EXISTS editorial_links_inserted(text, bigint[], bigint[]);
DROP TRIGGER IF EXISTS editorial_article_tally ON editorial_article;
DROP TRIGGER IF EXISTS editorial_article_tally_update ON editorial_article;
DROP TRIGGER IF EXISTS editorial_themedarticle_changed ON editorial_themedarticle;
DROP TRIGGER IF EXISTS editorial_articleauthor_changed ON editorial_articleauthor;
DROP TRIGGER IF EXISTS editorial_theme_renamed ON editorial_theme;
DROP TRIGGER IF EXISTS editorial_author_renamed ON editorial_author;
DROP TRIGGER IF EXISTS editorial_source_renamed ON editorial_source;
DROP FUNCTION IF EXISTS editorial_name_changed();
DROP FUNCTION IF EXISTS editorial_link_changed();
DROP FUNCTION IF EXISTS editorial_article_tally();
DROP FUNCTION IF EXISTS editorial_tally_article(editorial_article, integer);
DROP FUNCTION IF EXISTS editorial_tally_add(text, bigint, integer, timestamptz);
"""


class Tally(models.Model):
    """Published articles (scheduled included) per month or facet; kept by PostgreSQL triggers."""

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
