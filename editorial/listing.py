"""A theme's or an author's public articles, newest first, read from the theme links or bylines alone.

On PostgreSQL each theme link and byline carries a copy of its article's
publication time — only while the article is published and not in the trash,
else NULL — and of its kind, kept by triggers (``TRIGGERS_SQL``, installed by a
migration). A partial index on (theme or author, that time, article, kind) then
holds the public list of each in order: a page however deep, or a capped count,
is read from that index alone, never from the articles (a walk of the archive's
date order that checks every article for the theme costs 100 times more for a
small theme's 300th page).

SQLite (development, tests) leaves the copies empty: there the lists are read
from the articles (``listed_ids`` answers ``None``).
"""

from django.db import connections
from django.utils import timezone

LINKS = {  # facet → (through model name, its key field, its article field)
    "theme": ("ThemedArticle", "tag_id", "content_object_id"),
    "author": ("ArticleAuthor", "author_id", "article_id"),
}


def listed_ids(facet, keys, *, kind=None, since=None, before=None, using=None, with_times=False):
    """Ids of the public articles of any of the themes or authors ``keys`` (of ``kind``,
    published in [``since``, ``before``) if given), newest first, each once, as a queryset of
    the links alone (``with_times``: pairs of id and publication time); ``None`` for another
    facet or on a database without the copies (SQLite)."""
    from django.apps import apps

    if facet not in LINKS:
        return None
    model_name, key_field, article_field = LINKS[facet]
    links = apps.get_model("editorial", model_name).objects.using(using)
    if connections[links.db].vendor != "postgresql":
        return None
    links = links.filter(**{f"{key_field}__in": keys}, published_at__lte=timezone.now())
    if kind:
        links = links.filter(kind=kind)
    if since is not None:
        links = links.filter(published_at__gte=since)
    if before is not None:
        links = links.filter(published_at__lt=before)
    ordered = links.order_by("-published_at", f"-{article_field}")
    ids = (
        ordered.values_list(article_field, "published_at")
        if with_times
        else ordered.values_list(article_field, flat=True)
    )
    # An article in two of the themes once (one key: a single index range, already distinct).
    return ids.distinct() if len(keys) > 1 else ids


# SQL (PostgreSQL) -------------------------------------------------------------

# An article's publication time as its links copy it: only while it is published and not in the trash.
FUNCTIONS_SQL = """
CREATE OR REPLACE FUNCTION editorial_listed_at(status text, published_at timestamptz, deleted_at timestamptz)
RETURNS timestamptz AS $$
  SELECT CASE WHEN status = 'published' AND deleted_at IS NULL THEN published_at END
$$ LANGUAGE sql IMMUTABLE;
"""

# Every link and byline, copied again from its article (a migration, a load with triggers off).
REBUILD_SQL = """
UPDATE editorial_themedarticle l
   SET published_at = editorial_listed_at(a.status, a.published_at, a.deleted_at), kind = a.kind
  FROM editorial_article a
 WHERE a.id = l.content_object_id
   AND (l.published_at, l.kind) IS DISTINCT FROM (editorial_listed_at(a.status, a.published_at, a.deleted_at), a.kind);
UPDATE editorial_articleauthor b
   SET published_at = editorial_listed_at(a.status, a.published_at, a.deleted_at), kind = a.kind
  FROM editorial_article a
 WHERE a.id = b.article_id
   AND (b.published_at, b.kind) IS DISTINCT FROM (editorial_listed_at(a.status, a.published_at, a.deleted_at), a.kind);
"""

TRIGGERS_SQL = """
-- A link or byline written (by anyone, with whatever values): its copies come from its article.
-- Before its article exists (an import inserts the links first) they stay empty until the article's insert.
CREATE OR REPLACE FUNCTION editorial_themedarticle_listing() RETURNS trigger AS $$
BEGIN
  SELECT editorial_listed_at(a.status, a.published_at, a.deleted_at), a.kind INTO NEW.published_at, NEW.kind
    FROM editorial_article a WHERE a.id = NEW.content_object_id;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION editorial_articleauthor_listing() RETURNS trigger AS $$
BEGIN
  SELECT editorial_listed_at(a.status, a.published_at, a.deleted_at), a.kind INTO NEW.published_at, NEW.kind
    FROM editorial_article a WHERE a.id = NEW.article_id;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

-- An article published, unpublished, rescheduled, trashed, restored or of another kind: its links follow.
CREATE OR REPLACE FUNCTION editorial_article_listing_changed() RETURNS trigger AS $$
BEGIN
  UPDATE editorial_themedarticle
     SET published_at = editorial_listed_at(NEW.status, NEW.published_at, NEW.deleted_at), kind = NEW.kind
   WHERE content_object_id = NEW.id;
  UPDATE editorial_articleauthor
     SET published_at = editorial_listed_at(NEW.status, NEW.published_at, NEW.deleted_at), kind = NEW.kind
   WHERE article_id = NEW.id;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Articles inserted (one statement, any number): the links inserted before them get their copies.
CREATE OR REPLACE FUNCTION editorial_articles_listing_inserted() RETURNS trigger AS $$
BEGIN
  UPDATE editorial_themedarticle l
     SET published_at = editorial_listed_at(a.status, a.published_at, a.deleted_at), kind = a.kind
    FROM inserted a WHERE l.content_object_id = a.id;
  UPDATE editorial_articleauthor b
     SET published_at = editorial_listed_at(a.status, a.published_at, a.deleted_at), kind = a.kind
    FROM inserted a WHERE b.article_id = a.id;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS editorial_themedarticle_listing ON editorial_themedarticle;
CREATE TRIGGER editorial_themedarticle_listing BEFORE INSERT OR UPDATE ON editorial_themedarticle
  FOR EACH ROW EXECUTE FUNCTION editorial_themedarticle_listing();
DROP TRIGGER IF EXISTS editorial_articleauthor_listing ON editorial_articleauthor;
CREATE TRIGGER editorial_articleauthor_listing BEFORE INSERT OR UPDATE ON editorial_articleauthor
  FOR EACH ROW EXECUTE FUNCTION editorial_articleauthor_listing();
DROP TRIGGER IF EXISTS editorial_article_listing_changed ON editorial_article;
CREATE TRIGGER editorial_article_listing_changed AFTER UPDATE ON editorial_article
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at
                  OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.kind IS DISTINCT FROM NEW.kind)
  EXECUTE FUNCTION editorial_article_listing_changed();
DROP TRIGGER IF EXISTS editorial_articles_listing_inserted ON editorial_article;
CREATE TRIGGER editorial_articles_listing_inserted AFTER INSERT ON editorial_article
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION editorial_articles_listing_inserted();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS editorial_themedarticle_listing ON editorial_themedarticle;
DROP TRIGGER IF EXISTS editorial_articleauthor_listing ON editorial_articleauthor;
DROP TRIGGER IF EXISTS editorial_article_listing_changed ON editorial_article;
DROP TRIGGER IF EXISTS editorial_articles_listing_inserted ON editorial_article;
DROP FUNCTION IF EXISTS editorial_themedarticle_listing();
DROP FUNCTION IF EXISTS editorial_articleauthor_listing();
DROP FUNCTION IF EXISTS editorial_article_listing_changed();
DROP FUNCTION IF EXISTS editorial_articles_listing_inserted();
"""


def rebuild(using=None):
    """Copy every article's publication time and kind to its links again (after a bulk load
    with triggers off). PostgreSQL only; a no-op elsewhere."""
    using = using or "default"
    if connections[using].vendor != "postgresql":
        return
    with connections[using].cursor() as cursor:
        cursor.execute(FUNCTIONS_SQL)
        cursor.execute(REBUILD_SQL)
