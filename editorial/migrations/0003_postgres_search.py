"""PostgreSQL full-text search: a weighted ``russian`` vector kept by a trigger, with a GIN index.

Title weighs most (A), then lead (B), then body (C, tags stripped). On other
databases this migration does nothing; search falls back (see querysets.py).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION editorial_article_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
      setweight(to_tsvector('russian', coalesce(NEW.title, '')), 'A')
   || setweight(to_tsvector('russian', coalesce(NEW.lead, '')), 'B')
   || setweight(to_tsvector('russian', regexp_replace(coalesce(NEW.body, ''), '<[^>]+>', ' ', 'g')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER editorial_article_search_vector_update
  BEFORE INSERT OR UPDATE ON editorial_article
  FOR EACH ROW EXECUTE FUNCTION editorial_article_search_vector();
CREATE INDEX editorial_article_search_gin ON editorial_article USING gin (search_vector);
UPDATE editorial_article SET title = title;
"""

DROP = """
DROP INDEX IF EXISTS editorial_article_search_gin;
DROP TRIGGER IF EXISTS editorial_article_search_vector_update ON editorial_article;
DROP FUNCTION IF EXISTS editorial_article_search_vector();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0002_default_disclaimer_and_editors")]

    operations = [migrations.RunPython(forwards, backwards)]
