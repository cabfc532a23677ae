"""The search table (PostgreSQL): one narrow row per published article, where search finds its matches.

``editorial_searchdocument`` holds, per published article (scheduled ones
included, trash excluded), its publication time, its full search vector
(out of line, read only by the index and by phrase rechecks) and the small
«head» vector of its title, names and lead (inline: what results are ranked
by). One GIN index over (vector, publication time) picks out the matches of
a window of time without reading a single vector; the rows are small, so
the matches of a window are a few pages. Triggers on the article keep it
(``TRIGGERS_SQL``); ``rebuild`` refills it after a bulk load.

Which window: the words' share of the archive, from the statistics
PostgreSQL keeps of the vector column (``ANALYZE``: the most common
lexemes and their frequencies), and the number of articles per month from
the tally: about ``2 × wanted`` matches are expected in it. Too few found
(the words seldom come together, or the statistics are old): the window
grows by what was seen, up to the whole archive.
"""

from django.db import connections
from django.utils import timezone

from . import tallies

TABLE_SQL = """
CREATE TABLE IF NOT EXISTS editorial_searchdocument (
  article_id bigint PRIMARY KEY,
  published_at timestamptz NOT NULL,
  head tsvector NOT NULL,
  vector tsvector NOT NULL
) WITH (toast_tuple_target = 128);
-- The vector goes out of line (the row stays small); the head stays in the row.
ALTER TABLE editorial_searchdocument ALTER COLUMN head SET STORAGE MAIN;
"""

INDEX_SQL = """
CREATE INDEX IF NOT EXISTS searchdocument_vector_time ON editorial_searchdocument USING gin (vector, published_at);
"""

# Title (A) and names and lead (B) of the article's weighted vector: what ranks.
ROW_SQL = "ts_filter({v}, '{{a,b}}'), coalesce({v}, '')"
_PUBLISHABLE = "{a}.status = 'published' AND {a}.published_at IS NOT NULL AND {a}.deleted_at IS NULL"

TRIGGERS_SQL = f"""
CREATE OR REPLACE FUNCTION editorial_searchdocument_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'DELETE' AND {_PUBLISHABLE.format(a="NEW")} THEN
    INSERT INTO editorial_searchdocument (article_id, published_at, head, vector)
    VALUES (NEW.id, NEW.published_at, {ROW_SQL.format(v="NEW.search_vector")})
    ON CONFLICT (article_id) DO UPDATE
      SET published_at = EXCLUDED.published_at, head = EXCLUDED.head, vector = EXCLUDED.vector;
  ELSE
    DELETE FROM editorial_searchdocument WHERE article_id = OLD.id;
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Articles inserted (one statement, any number of rows: a chunk of an import).
CREATE OR REPLACE FUNCTION editorial_searchdocuments_inserted() RETURNS trigger AS $$
BEGIN
  INSERT INTO editorial_searchdocument (article_id, published_at, head, vector)
  SELECT a.id, a.published_at, {ROW_SQL.format(v="a.search_vector")} FROM inserted a
   WHERE {_PUBLISHABLE.format(a="a")};
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS editorial_searchdocuments_inserted ON editorial_article;
CREATE TRIGGER editorial_searchdocuments_inserted AFTER INSERT ON editorial_article
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION editorial_searchdocuments_inserted();
DROP TRIGGER IF EXISTS editorial_searchdocument_sync ON editorial_article;
CREATE TRIGGER editorial_searchdocument_sync AFTER UPDATE ON editorial_article
  FOR EACH ROW WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector
                  OR OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM NEW.published_at
                  OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION editorial_searchdocument_sync();
DROP TRIGGER IF EXISTS editorial_searchdocument_deleted ON editorial_article;
CREATE TRIGGER editorial_searchdocument_deleted AFTER DELETE ON editorial_article
  FOR EACH ROW EXECUTE FUNCTION editorial_searchdocument_sync();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS editorial_searchdocuments_inserted ON editorial_article;
DROP TRIGGER IF EXISTS editorial_searchdocument_sync ON editorial_article;
DROP TRIGGER IF EXISTS editorial_searchdocument_deleted ON editorial_article;
DROP FUNCTION IF EXISTS editorial_searchdocuments_inserted();
DROP FUNCTION IF EXISTS editorial_searchdocument_sync();
DROP TABLE IF EXISTS editorial_searchdocument;
"""

# Oldest first: the rows of a window of time lie side by side. The index is built once, after.
REBUILD_SQL = f"""
SET LOCAL maintenance_work_mem = '256MB';
DROP INDEX IF EXISTS searchdocument_vector_time;
TRUNCATE editorial_searchdocument;
INSERT INTO editorial_searchdocument (article_id, published_at, head, vector)
SELECT a.id, a.published_at, {ROW_SQL.format(v="a.search_vector")} FROM editorial_article a
 WHERE {_PUBLISHABLE.format(a="a")} ORDER BY a.published_at, a.id;
{INDEX_SQL}
ANALYZE editorial_searchdocument;
"""

# The words' share of the articles: per word (as the query would stem it), the most common
# lexemes it begins, summed, or, none among them, the least common one's; the rarest word counts.
# And the articles per month, newest first.
PLAN_SQL = """
WITH stats AS (
  SELECT most_common_elems::text::text[] AS lexemes, most_common_elem_freqs AS freqs FROM pg_stats
   WHERE schemaname = current_schema() AND tablename = 'editorial_searchdocument' AND attname = 'vector'
),
words AS (
  SELECT DISTINCT word FROM unnest(%s::text[]) AS stem, unnest(tsvector_to_array(to_tsvector('russian', stem))) AS word
)
SELECT
  (SELECT min(coalesce(
    (SELECT least(sum(e.f), 1) FROM stats, unnest(lexemes, freqs[1:array_length(lexemes, 1)]) AS e(lexeme, f)
      WHERE starts_with(e.lexeme, words.word)),
    (SELECT freqs[array_length(lexemes, 1) + 1] FROM stats))) FROM words),
  (SELECT array_agg(ARRAY[key, count] ORDER BY key DESC) FROM editorial_tally
    WHERE facet = 'month' AND key <= %s AND count > 0)
"""


def install(schema_editor):
    """The table, its index and its triggers, filled from the articles (PostgreSQL only)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(TABLE_SQL)
    schema_editor.execute(TRIGGERS_SQL)
    schema_editor.execute(REBUILD_SQL)


def uninstall(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


def rebuild(using):
    with connections[using].cursor() as cursor:
        cursor.execute(REBUILD_SQL)


def newest_matches(ts_query, stems, wanted, using, within=None):
    """Ids of the newest ``wanted`` public articles matching ``ts_query`` (raw ``to_tsquery``
    text), ranked: title and names and lead matches first, the newest first among equals.

    ``within``: SQL and parameters of the ids a match must also be among (the other
    filters of a list); ``None``: the whole public archive.
    """
    now = timezone.now()
    with connections[using].cursor() as cursor:
        cursor.execute(PLAN_SQL, [stems, tallies.month_key(now)])
        share, months = cursor.fetchone()
        articles = 2 * wanted / share if share else None  # no statistics yet, or stop words only: all
        while True:
            since = _window_start(months or [], articles)
            found = _matches(cursor, ts_query, wanted, now, since, within)
            if len(found) >= wanted or since is None:
                return found
            # As many more times wider as the window held too few: over twice as wide, at least.
            seen = sum(count for key, count in months if key >= tallies.month_key(since))
            articles = 2 * wanted * seen / max(len(found), 1)


def _window_start(months, articles):
    """The start of the newest months holding ``articles`` articles (``None``: all of them)."""
    total = 0
    for key, count in months if articles is not None else ():
        total += count
        if total >= articles:
            return tallies.key_month(key)
    return None


def _matches(cursor, ts_query, wanted, now, since, within):
    # Without a window, the time is compared in a way the index cannot use: a range over the
    # whole archive would read every date in the index.
    conditions = ["d.vector @@ to_tsquery('russian', %s)"]
    params = [ts_query]
    if since is None:
        conditions.append("d.published_at + interval '0 s' <= %s")
        params.append(now)
    else:
        conditions.append("d.published_at BETWEEN %s AND %s")
        params += [since, now]
    if within is not None:
        conditions.append(f"d.article_id IN ({within[0]})")
        params += list(within[1])
    cursor.execute(
        f"""
        SELECT article_id FROM (
          SELECT d.article_id, d.published_at, d.head FROM editorial_searchdocument d
           WHERE {" AND ".join(conditions)}
           ORDER BY d.published_at DESC, d.article_id DESC LIMIT %s
        ) newest
        ORDER BY ts_rank(head, to_tsquery('russian', %s)) DESC, published_at DESC, article_id DESC
        """,
        [*params, wanted, ts_query],
    )
    return [row[0] for row in cursor.fetchall()]
