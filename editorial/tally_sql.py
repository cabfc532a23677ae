"""The SQL behind ``editorial.tallies`` on PostgreSQL: triggers that keep the tally, the step that
moves its watermark, the reads that add what came due since, and the full recount.

The tally counts the articles public as of a stored moment W, its *watermark*
(kept in the tally itself, as the row ``('watermark', 0)``, in ``last_modified``;
no row or NULL: nothing is counted yet): status «published», not in the trash,
``published_at <= W``. Triggers count an article written with ``published_at``
after W only when a step moves W past it. The row is share-locked by every
trigger that reads W and locked for update by a step, so an article is counted
exactly once: by its trigger, or by the step that moves W past it.
"""

from django.conf import settings

# Articles whose public state, read at %(now)s, differs from what the tally counts: those due since W
# (n = +1), or, when the clock reads earlier than W (another server's clock), those not due yet (n = -1).
# A range of the published_at index: as many rows as articles came due since W.
LIVE_SQL = """
counted AS (
  SELECT coalesce((SELECT last_modified FROM editorial_tally WHERE facet = 'watermark' AND key = 0),
                  '-infinity') AS until
),
live AS (
  SELECT a.id, a.source_id, a.published_at, greatest(a.updated_at, a.published_at) AS modified,
         CASE WHEN a.published_at <= %(now)s THEN 1 ELSE -1 END AS n
    FROM editorial_article a
   WHERE a.status = 'published' AND a.deleted_at IS NULL
     AND a.published_at > least((SELECT until FROM counted), %(now)s)
     AND a.published_at <= greatest((SELECT until FROM counted), %(now)s)
)"""

# Per facet: the rows of ``live`` (or ``due``) and the key each counts under.
LIVE_KEYS = {
    "month": ("{rows}", "editorial_month_key({rows}.published_at)"),
    "source": ("{rows}", "{rows}.source_id"),
    "theme": ("{rows} JOIN editorial_themedarticle l ON l.content_object_id = {rows}.id", "l.tag_id"),
    "author": ("{rows} JOIN editorial_articleauthor b ON b.article_id = {rows}.id", "b.author_id"),
}


def _live_rows(facet, rows, columns):
    joined, key = (part.format(rows=rows) for part in LIVE_KEYS[facet])
    return f"SELECT '{facet}' AS facet, {key} AS key, {columns} FROM {joined} WHERE {key} IS NOT NULL"


def public_counts_sql(facets):
    """``(facet, key, public articles, latest change)`` for ``facets``: the tally plus the live rows;
    then one row ``('due', NULL, articles due since W)``."""
    live = "\nUNION ALL\n".join(_live_rows(facet, "live", "n, modified") for facet in facets)
    return f"""
WITH {LIVE_SQL}
SELECT facet, key, sum(n)::bigint, max(modified) FILTER (WHERE n > 0) FROM (
  SELECT facet, key, count AS n, last_modified AS modified FROM editorial_tally WHERE facet = ANY(%(facets)s)
  UNION ALL
  {live}
) AS counted_now
GROUP BY facet, key HAVING sum(n) > 0
UNION ALL
SELECT 'due', NULL, count(*), NULL FROM live WHERE n > 0
"""


def has_public_sql(facet):
    """Whether one key of ``facet`` (%(key)s) has a public article: its tally row plus its live rows."""
    joined, key = (part.format(rows="live") for part in LIVE_KEYS[facet])
    return f"""
WITH {LIVE_SQL}
SELECT coalesce((SELECT count FROM editorial_tally WHERE facet = %(facet)s AND key = %(key)s), 0)
     + coalesce((SELECT sum(n) FROM {joined} WHERE {key} = %(key)s), 0) > 0
"""


# The watermark row, made if missing, then locked for update by a step (NULL: nothing counted yet).
MAKE_WATERMARK_SQL = """
INSERT INTO editorial_tally (facet, key, count, last_modified) VALUES ('watermark', 0, 0, NULL)
  ON CONFLICT (facet, key) DO NOTHING
"""
LOCK_WATERMARK_SQL = """
SELECT last_modified FROM editorial_tally WHERE facet = 'watermark' AND key = 0 FOR UPDATE {skip}
"""
MOVE_WATERMARK_SQL = "UPDATE editorial_tally SET last_modified = %(until)s WHERE facet = 'watermark' AND key = 0"


def advance_sql():
    """Count the articles public in (%(since)s, %(until)s] (the watermark row locked by the caller)."""
    due = "\nUNION ALL\n".join(_live_rows(facet, "due", "modified") for facet in LIVE_KEYS)
    return f"""
WITH due AS (
  SELECT a.id, a.source_id, a.published_at, greatest(a.updated_at, a.published_at) AS modified
    FROM editorial_article a
   WHERE a.status = 'published' AND a.deleted_at IS NULL
     AND a.published_at > coalesce(%(since)s::timestamptz, '-infinity') AND a.published_at <= %(until)s
)
INSERT INTO editorial_tally (facet, key, count, last_modified)
SELECT facet, key, count(*), max(modified) FROM (
  {due}
) AS counted GROUP BY facet, key
ON CONFLICT (facet, key) DO UPDATE
  SET count = editorial_tally.count + EXCLUDED.count,
      last_modified = greatest(editorial_tally.last_modified, EXCLUDED.last_modified)
"""


# Recount as of the watermark (``tallies.rebuild`` moves it to now first). Kept free of parameters:
# migration 0009 runs it as it is.
REBUILD_SQL = """
DELETE FROM editorial_tally WHERE facet <> 'watermark';
WITH counted AS (SELECT editorial_tally_watermark() AS until),
public AS (
  SELECT a.id, a.source_id, a.published_at, greatest(a.updated_at, a.published_at) AS modified
    FROM editorial_article a
   WHERE a.status = 'published' AND a.published_at IS NOT NULL AND a.deleted_at IS NULL
     AND a.published_at <= (SELECT until FROM counted)
)
INSERT INTO editorial_tally (facet, key, count, last_modified)
SELECT 'month', editorial_month_key(published_at), count(*), max(modified) FROM public GROUP BY 2
UNION ALL
SELECT 'source', source_id, count(*), max(modified) FROM public WHERE source_id IS NOT NULL GROUP BY 2
UNION ALL
SELECT 'theme', l.tag_id, count(*), max(p.modified)
  FROM editorial_themedarticle l JOIN public p ON p.id = l.content_object_id GROUP BY 2
UNION ALL
SELECT 'author', b.author_id, count(*), max(p.modified)
  FROM editorial_articleauthor b JOIN public p ON p.id = b.article_id GROUP BY 2;
"""


def functions_sql():
    """The SQL functions; the month key reads the site's time zone, baked in here."""
    time_zone = settings.TIME_ZONE.replace("'", "")
    return f"""
CREATE OR REPLACE FUNCTION editorial_month_key(at timestamptz) RETURNS bigint AS $$
  SELECT (extract(year FROM at AT TIME ZONE '{time_zone}') * 100
        + extract(month FROM at AT TIME ZONE '{time_zone}'))::bigint
$$ LANGUAGE sql IMMUTABLE;

-- The watermark W: the tally counts the articles published up to it. Share-locked until the end
-- of the transaction: a step moving W waits for this transaction, or this one for the step.
CREATE OR REPLACE FUNCTION editorial_tally_watermark() RETURNS timestamptz AS $$
DECLARE
  until timestamptz;
BEGIN
  SELECT coalesce(last_modified, '-infinity') INTO until FROM editorial_tally
   WHERE facet = 'watermark' AND key = 0 FOR SHARE;
  IF NOT FOUND THEN
    INSERT INTO editorial_tally (facet, key, count, last_modified) VALUES ('watermark', 0, 0, NULL)
      ON CONFLICT (facet, key) DO NOTHING;
    SELECT coalesce(last_modified, '-infinity') INTO until FROM editorial_tally
     WHERE facet = 'watermark' AND key = 0 FOR SHARE;
  END IF;
  RETURN until;
END
$$ LANGUAGE plpgsql;

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

-- Whether the tally counts this version of an article: published, dated up to the watermark, not trashed.
CREATE OR REPLACE FUNCTION editorial_tally_counts(a editorial_article) RETURNS boolean AS $$
BEGIN
  RETURN a.status = 'published' AND a.published_at IS NOT NULL AND a.deleted_at IS NULL
     AND a.published_at <= editorial_tally_watermark();
END
$$ LANGUAGE plpgsql;

-- Counts one published article (delta +1) or takes it back (-1), with all its facets.
CREATE OR REPLACE FUNCTION editorial_tally_article(a editorial_article, delta integer) RETURNS void AS $$
DECLARE
  modified timestamptz := greatest(a.updated_at, a.published_at);
  link record;
BEGIN
  IF NOT editorial_tally_counts(a) THEN
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
    IF FOUND AND editorial_tally_counts(a) THEN
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
    IF FOUND AND editorial_tally_counts(a) THEN
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
DECLARE
  until timestamptz := editorial_tally_watermark();
BEGIN
  INSERT INTO editorial_tally (facet, key, count, last_modified)
  SELECT facet, key, count(*), max(modified) FROM (
    SELECT 'month' AS facet, editorial_month_key(a.published_at) AS key,
           greatest(a.updated_at, a.published_at) AS modified FROM inserted a
     WHERE a.status = 'published' AND a.published_at <= until AND a.deleted_at IS NULL
    UNION ALL
    SELECT 'source', a.source_id, greatest(a.updated_at, a.published_at) FROM inserted a
     WHERE a.status = 'published' AND a.published_at <= until AND a.deleted_at IS NULL
       AND a.source_id IS NOT NULL
    UNION ALL
    SELECT 'theme', l.tag_id, greatest(a.updated_at, a.published_at)
      FROM inserted a JOIN editorial_themedarticle l ON l.content_object_id = a.id
     WHERE a.status = 'published' AND a.published_at <= until AND a.deleted_at IS NULL
    UNION ALL
    SELECT 'author', b.author_id, greatest(a.updated_at, a.published_at)
      FROM inserted a JOIN editorial_articleauthor b ON b.article_id = a.id
     WHERE a.status = 'published' AND a.published_at <= until AND a.deleted_at IS NULL
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
     WHERE a.status = 'published' AND a.deleted_at IS NULL
       AND a.published_at <= (SELECT editorial_tally_watermark())
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
CREATE TRIGGER editorial_themedarticle_changed AFTER UPDATE OF content_object_id, tag_id OR DELETE
  ON editorial_themedarticle FOR EACH ROW EXECUTE FUNCTION editorial_link_changed();
CREATE TRIGGER editorial_articleauthor_changed AFTER UPDATE OF article_id, author_id OR DELETE
  ON editorial_articleauthor FOR EACH ROW EXECUTE FUNCTION editorial_link_changed();
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
DROP FUNCTION IF EXISTS editorial_tally_counts(editorial_article);
DROP FUNCTION IF EXISTS editorial_tally_add(text, bigint, integer, timestamptz);
"""
