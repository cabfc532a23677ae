"""The search table (PostgreSQL): one narrow row per published article, where search finds its matches.

``editorial_searchdocument`` holds, per published article (scheduled ones
included, trash excluded), its publication time, its full search vector (out
of line) and the small «head» vector of its title, names and lead (what
results are ranked by; in line): a row is a few hundred bytes, the table half
of the articles'. Triggers on the article keep it (``TRIGGERS_SQL``);
``rebuild`` refills it after a bulk load.

How the newest matches are found depends on the words' share of the
archive, from the statistics PostgreSQL keeps of the vector column
(``ANALYZE``: the most common lexemes and their frequencies): a very common
word walks the newest rows (a match every few rows); any other is picked out
of the word index together with the months of a window of time that should
hold enough matches, then of ever longer windows before it if not (see
``WALK`` and ``PICK``). Either way a search reads the rows of a few hundred
matches, not of every match in the archive.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connections, transaction
from django.utils import timezone

from . import tallies

TABLE_SQL = """
CREATE TABLE IF NOT EXISTS editorial_searchdocument (
  article_id bigint PRIMARY KEY,
  published_at timestamptz NOT NULL,
  head tsvector NOT NULL,
  vector tsvector NOT NULL
) WITH (toast_tuple_target = 128);  -- the full vector out of line
-- The head in line (compressed): it ranks every match a search lists, read with the row.
ALTER TABLE editorial_searchdocument ALTER COLUMN head SET STORAGE MAIN;
"""

INDEX_SQL = """
CREATE INDEX IF NOT EXISTS searchdocument_vector ON editorial_searchdocument USING gin (vector);
CREATE INDEX IF NOT EXISTS searchdocument_newest ON editorial_searchdocument (published_at DESC, article_id DESC);
"""

# Title (A) and names and lead (B) of the article's weighted vector: what ranks. And the whole
# vector, with what the readers' filters ask as more lexemes (no word of a query can be one: the
# parser drops «§»): the month of publication «§202511», the kind «§kopinion», the source «§s12»,
# each theme «§t7» and author «§a3»; the word index itself then picks the matches of some months
# of a theme, say. (A change of themes or authors changes the names in the vector: the row follows.)
MARK = "§"
ROW_SQL = (
    "ts_filter({a}.search_vector, '{{a,b}}'), coalesce({a}.search_vector, '') || array_to_tsvector("
    f"array_remove(ARRAY['{MARK}' || editorial_month_key({{a}}.published_at), '{MARK}k' || {{a}}.kind,"
    f" '{MARK}s' || {{a}}.source_id], NULL)"
    f" || ARRAY(SELECT '{MARK}t' || l.tag_id FROM editorial_themedarticle l WHERE l.content_object_id = {{a}}.id)"
    f" || ARRAY(SELECT '{MARK}a' || l.author_id FROM editorial_articleauthor l WHERE l.article_id = {{a}}.id))"
)
_PUBLISHABLE = "{a}.status = 'published' AND {a}.published_at IS NOT NULL AND {a}.deleted_at IS NULL"

TRIGGERS_SQL = f"""
CREATE OR REPLACE FUNCTION editorial_searchdocument_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'DELETE' AND {_PUBLISHABLE.format(a="NEW")} THEN
    INSERT INTO editorial_searchdocument (article_id, published_at, head, vector)
    VALUES (NEW.id, NEW.published_at, {ROW_SQL.format(a="NEW")})
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
  SELECT a.id, a.published_at, {ROW_SQL.format(a="a")} FROM inserted a
   WHERE {_PUBLISHABLE.format(a="a")};
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS editorial_searchdocuments_inserted ON editorial_article;
CREATE TRIGGER editorial_searchdocuments_inserted AFTER INSERT ON editorial_article
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION editorial_searchdocuments_inserted();
DROP TRIGGER IF EXISTS editorial_searchdocument_sync ON editorial_article;
-- Any statement setting a column the row is made of, even to the same value: a byline moved to another
-- author of the same name leaves the vector as it was, not its «§a» lexeme.
CREATE TRIGGER editorial_searchdocument_sync
  AFTER UPDATE OF search_vector, status, published_at, deleted_at, kind, source_id ON editorial_article
  FOR EACH ROW EXECUTE FUNCTION editorial_searchdocument_sync();
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
DROP INDEX IF EXISTS searchdocument_vector, searchdocument_newest;
TRUNCATE editorial_searchdocument;
INSERT INTO editorial_searchdocument (article_id, published_at, head, vector)
SELECT a.id, a.published_at, {ROW_SQL.format(a="a")} FROM editorial_article a
 WHERE {_PUBLISHABLE.format(a="a")} ORDER BY a.published_at, a.id;
{INDEX_SQL}
ANALYZE editorial_searchdocument;
"""

# The words' share of the articles: per word (as the query would stem it, in its order), the
# most common lexemes it begins, summed, or, none among them, the least common one's (NULL: a
# stop word). And the articles per month, newest first.
PLAN_SQL = """
WITH stats AS (
  SELECT most_common_elems::text::text[] AS lexemes, most_common_elem_freqs AS freqs FROM pg_stats
   WHERE schemaname = current_schema() AND tablename = 'editorial_searchdocument' AND attname = 'vector'
)
SELECT
  (SELECT array_agg((
     SELECT min(least(coalesce(
       (SELECT sum(e.f) FROM stats, unnest(lexemes, freqs[1:array_length(lexemes, 1)]) AS e(lexeme, f)
         WHERE starts_with(e.lexeme, word)),
       (SELECT freqs[array_length(lexemes, 1) + 1] FROM stats)), 1))
       FROM unnest(tsvector_to_array(to_tsvector('russian', stem))) AS word) ORDER BY n)
     FROM unnest(%s::text[]) WITH ORDINALITY AS stems(stem, n)),
  (SELECT array_agg(ARRAY[key, count] ORDER BY key DESC) FROM editorial_tally
    WHERE facet = 'month' AND key <= %s AND count > 0),
  querytree(to_tsquery('russian', %s))
"""


def install(schema_editor):
    """The table, its index and its triggers, filled from the articles (PostgreSQL only)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(TABLE_SQL)
    schema_editor.execute(TRIGGERS_SQL)
    schema_editor.execute(REBUILD_SQL)


def uninstall(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


def rebuild(using):
    with connections[using].cursor() as cursor:
        cursor.execute(REBUILD_SQL)


@dataclass(frozen=True)
class Scope:
    """What a list's filters ask of a search, in the search table's terms: its lexemes (see
    ROW_SQL; raw ``tsquery`` text) and the period [``since``, ``before``) (``None``: no bound)."""

    terms: str = ""
    since: datetime | None = None
    before: datetime | None = None
    listed: tuple | None = None  # SQL and parameters of its articles, newest first: (id, publication time)

    @classmethod
    def of(cls, *, themes=(), theme=None, authors=(), sources=(), kind=None, since=None, before=None, listed=None):
        """Any of the ``themes`` (ids), and the theme, all the ``authors`` and ``sources`` (ids), the
        kind, the period; ``listed``: a queryset of the scope's articles, newest first (id, time)."""
        terms = ["(" + " | ".join(f"'{MARK}t{int(pk)}'" for pk in themes) + ")"] if themes else []
        asked = [("t", theme)] + [("a", pk) for pk in authors] + [("s", pk) for pk in sources]
        terms += [f"'{MARK}{letter}{int(value)}'" for letter, value in asked if value]
        if kind:
            terms.append(f"'{MARK}k{re.sub(r'[^a-z_]', '', kind)}'")
        listed = None if listed is None else listed[:LIST_WALK].query.sql_with_params()
        return cls(" & ".join(terms), since, before, listed)


def newest_matches(ts_query, stems, wanted, using, within=None, scope=Scope()):
    """Ids of the newest ``wanted`` public articles matching ``ts_query`` (raw ``to_tsquery``
    text) and ``scope``, ranked: title and names and lead matches first, the newest first
    among equals.

    ``within``: SQL and parameters of the ids a match must also be among (filters that have no
    ``Scope``); ``None``: the whole public archive.
    """
    now = timezone.now()
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        shares, months, asks = _plan(cursor, stems, now, ts_query)
        if not asks:  # «и», «и -нефть»: no word a match must hold (as PostgreSQL reads it)
            return []
        share = min((s for s in shares if s is not None), default=None)  # the most the query can match
        # Only common words, nothing else asked: the newest articles, one by one, hold them every
        # few rows. Else the word index picks the matches of the words that are not common and
        # of the scope, and each is checked for the others (reading the word index for a word in
        # most articles costs more).
        how = WALK if share is not None and share >= COMMON and not scope.terms else PICK
        rare = [stem for stem, s in zip(stems, shares, strict=True) if s is not None and s < COMMON]
        words = ts_query if how is WALK or not (rare or scope.terms) else " & ".join(f"{stem}:*" for stem in rare)
        # A window of the newest months that should hold the matches wanted, by that share;
        # with filters beside the scope (their share unknown), the whole archive at once: picking
        # every match of a word, then checking each against the filters, costs less than guessing.
        start, top = scope.since, scope.before
        since = None
        if share and within is None:
            since = _window_start(months, WINDOW_MARGIN * wanted / share, top)
        asked, upper, found, budget, again = _Asked(words, ts_query, scope.terms, within), top, [], None, 0
        if scope.listed is not None and scope.terms and not rare:
            # Only common words, in a scope that lists its articles in order (a theme's, an
            # author's): its newest articles, one by one, hold them every few rows. Too few: the
            # word index picks the scope's articles before the last of those.
            found, last = _walk_list(cursor, ts_query, wanted, now, scope.listed)
            if len(found) >= wanted or last is None:
                return _ranked(found)
            upper = top = last + timedelta(microseconds=1)
            again = sum(1 for row in found if row[2] == last)  # found again below: asked for as many more
            since = _window_start(months, WINDOW_MARGIN * wanted / share, top) if share else None
        while True:
            if since is None or (start is not None and since <= start):
                since = start
            window = _months_query(months, since, upper, now, budget) if how is PICK else ""
            found += _matches(cursor, asked, wanted - len(found) + again, now, since, upper, how, window)
            found, again = list({row[0]: row for row in found}.values()), 0
            if len(found) >= wanted or since == start:
                break
            upper, how = since, PICK
            since, budget = _window_before(months, since, top, len(found), wanted)
        return _ranked(found)


def _ranked(found):
    """The ids of ``found`` (id, rank, publication time), best first, the newest first among equals."""
    return [row[0] for row in sorted(found, key=lambda row: (row[1], row[2], row[0]), reverse=True)]


LIST_WALK = 2000  # a scope's articles checked one by one at most: about 15 µs each


def _walk_list(cursor, ts_query, wanted, now, listed):
    """The newest ``wanted`` matches of ``ts_query`` among a scope's first LIST_WALK articles
    (``listed``), and the publication time of the last of those (``None``: the scope has no more)."""
    sql, params = listed
    cursor.execute(f"SELECT count(*), min(published_at) FROM ({sql}) AS listed(id, published_at)", params)
    count, last = cursor.fetchone()
    cursor.execute("; ".join(f"SET LOCAL {name} = '{value}'" for name, value in _SETTINGS))
    cursor.execute(
        f"""
        SELECT d.article_id, ts_rank(d.head, to_tsquery('russian', %s)), d.published_at
          FROM ({sql}) AS listed(id, published_at) JOIN editorial_searchdocument d ON d.article_id = listed.id
         WHERE ts_match_vq(d.vector, to_tsquery('russian', %s)) AND d.published_at <= %s
         ORDER BY listed.published_at DESC, listed.id DESC LIMIT %s  -- the scope's order: read as far as needed
        """,
        [ts_query, *params, ts_query, now, wanted],
    )
    found = cursor.fetchall()
    cursor.execute("; ".join(f"SET LOCAL {name} TO DEFAULT" for name, _ in _SETTINGS))
    return found, (last if count >= LIST_WALK else None)


def _window_before(months, since, top, found, wanted):
    """Too few matches found since ``since``: the start of the window before it, as long as the
    share found so far says is needed, and how many articles its months may hold to be asked of
    the word index (asking costs less than reading the rows of every match the index would
    give without them: about the share found so far of every article)."""
    seen = _articles(months, since, top)
    more = (wanted - found) * seen / found if found else 7 * seen
    budget = MONTH_ARTICLES_PER_ROW * found * sum(count for _, count in months) / max(seen, 1)
    return _window_start(months, seen + WINDOW_MARGIN * more, top), budget


@dataclass(frozen=True)
class _Asked:
    words: str  # to_tsquery text the word index is asked ("": none)
    query: str  # the whole query, checked on each match if more than ``words``
    terms: str  # the scope's lexemes, asked of the word index
    within: tuple | None


def _plan(cursor, stems, now, ts_query):
    """Each stem's share of the articles (``None``: not known), the months' counts, and whether
    the query asks for any word at all (not only stop words, or only words to exclude)."""
    cursor.execute(PLAN_SQL, [stems, tallies.month_key(now), ts_query])
    shares, months, asked = cursor.fetchone()
    return shares or [None] * len(stems), months or [], asked not in ("", "T")


def _last_key(top):
    """The key of the last month with moments before ``top`` (``None``: no bound)."""
    return None if top is None else tallies.month_key(top - timedelta(microseconds=1))


def _window_start(months, articles, top=None):
    """The start of the newest months before ``top`` holding ``articles`` articles (``None``:
    all of them)."""
    last, total = _last_key(top), 0
    for key, count in months:
        if last is None or key <= last:
            total += count
            if total >= articles:
                return tallies.key_month(key)
    return None


def _articles(months, since, top):
    """How many articles the months from ``since`` to ``top`` hold."""
    first, last = tallies.month_key(since), _last_key(top)
    return sum(count for key, count in months if key >= first and (last is None or key <= last))


# How the matches are read, said to the planner (it cannot know that checking a vector costs
# a read of it): WALK the newest rows checking each (a common word: a few rows per match), or
# PICK the matches out of the word index and sort them by date, with the memory to keep every
# match exact. When picking, no time is compared in a way an index serves: the planner might
# otherwise prefer the date index and check the vector of every row of the window. Costs
# measured at a million articles: walking about 6 µs a row, i.e. 6 µs × wanted / share;
# picking 55 ns per article holding a word (43 ms for a word in most articles), 0.3 µs per
# article of each month asked, and a read of each match's row (about 12 µs). A COMMON word is
# therefore walked alone, or checked on the matches of the others, not picked.
_SETTINGS = ("jit", "off"), ("max_parallel_workers_per_gather", "0"), ("enable_seqscan", "off")
WALK = (*_SETTINGS, ("enable_bitmapscan", "off"))
PICK = (*_SETTINGS, ("enable_indexscan", "off"), ("work_mem", "32MB"))
COMMON = 0.3
MONTH_ARTICLES_PER_ROW = 45  # reading a match's row costs what 45 articles' entries of a month do
WINDOW_MARGIN = 1.5  # a window of 1.5 times the articles that should hold the matches wanted


def _matches(cursor, asked, wanted, now, since, before, how, months=""):
    """``(id, rank, publication time)`` of the newest ``wanted`` matches published in
    [``since``, ``before``) (``None``: no bound; never after ``now``); ``months``: raw tsquery
    text of their months, asked of the word index with the words."""
    column = "d.published_at" if how is WALK else "(d.published_at + interval '0 s')"
    raw = " & ".join(f"({part})" for part in (asked.terms, months) if part)
    words = "to_tsquery('russian', %s)"
    index = " && ".join(sql for sql, part in ((words, asked.words), ("%s::tsquery", raw)) if part)
    conditions, params = [f"d.vector @@ ({index})"], [part for part in (asked.words, raw) if part]
    if asked.words != asked.query:  # the function behind @@, which no index serves
        conditions.append(f"ts_match_vq(d.vector, {words})")
        params.append(asked.query)
    conditions.append(f"{column} <= %s")
    params.append(now)
    if since is not None:
        conditions.append(f"{column} >= %s")
        params.append(since)
    if before is not None:
        conditions.append(f"{column} < %s")
        params.append(before)
    if asked.within is not None:
        conditions.append(f"d.article_id IN ({asked.within[0]})")
        params += list(asked.within[1])
    cursor.execute("; ".join(f"SET LOCAL {name} = '{value}'" for name, value in how))
    cursor.execute(
        f"""
        SELECT article_id, ts_rank(head, to_tsquery('russian', %s)), published_at FROM (
          SELECT d.article_id, d.published_at, d.head FROM editorial_searchdocument d
           WHERE {" AND ".join(conditions)}
           ORDER BY d.published_at DESC, d.article_id DESC LIMIT %s
        ) newest
        """,
        [asked.query, *params, wanted],
    )
    found = cursor.fetchall()
    cursor.execute("; ".join(f"SET LOCAL {name} TO DEFAULT" for name, _ in how))
    return found


def _months_query(months, since, before, now, budget=None):
    """Raw tsquery text of the articles of the months of [``since``, ``before``) (``None``: no
    bound): their months' lexemes, or not those of the months wholly after ``before``; "" for
    all, or when those months hold more than ``budget`` articles (the word index reads an entry
    per article of each month asked)."""
    if since is None and before is None:
        return ""
    counts = dict(months)
    last = tallies.month_key(now) if before is None else _last_key(before)
    if since is None:
        keys, negate = _month_keys(_next_month(last), tallies.month_key(now)), True
    else:
        keys, negate = _month_keys(tallies.month_key(since), last), False
    if not keys or (budget is not None and sum(counts.get(key, 0) for key in keys) > budget):
        return ""
    lexemes = " | ".join(f"'{MARK}{key}'" for key in keys)
    return f"!({lexemes})" if negate else lexemes


def _month_keys(first, last):
    """The month keys from ``first`` to ``last``."""
    keys = []
    while first <= last:
        keys.append(first)
        first = _next_month(first)
    return keys


def _next_month(key):
    return key + 1 if key % 100 < 12 else (key // 100 + 1) * 100 + 1
