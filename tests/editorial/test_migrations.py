"""The migration that adds the uniqueness constraints resolves the duplicates a database already holds."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def constraints_migration(executor):
    (key,) = [k for k in executor.loader.graph.nodes if k[1].endswith("article_unique_day_slug_text_url")]
    return key


def test_existing_duplicates_are_resolved_before_the_constraints_are_added():
    executor = MigrationExecutor(connection)
    target = constraints_migration(executor)
    before = executor.loader.graph.node_map[target].parents
    (previous,) = [p.key for p in before if p.key[0] == "editorial"]
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate([previous])
    try:
        apps = executor.loader.project_state([previous]).apps
        Article = apps.get_model("editorial", "Article")
        evening = datetime(2025, 3, 1, 20, 0, tzinfo=UTC)  # 23:00 in Moscow, 1 March
        night = datetime(2025, 3, 1, 22, 0, tzinfo=UTC)  # 01:00 in Moscow, 2 March
        rows = [
            Article.objects.create(title="A", slug="itogi", body="<p>Текст один.</p>", published_at=evening),
            Article.objects.create(title="B", slug="itogi", body="<p>Текст два.</p>", published_at=evening),
            Article.objects.create(title="C", slug="itogi", body="<p>Текст три.</p>", published_at=night),
            Article.objects.create(title="D", slug="d", body="<p>Текст  ОДИН.</p>", source_url="https://x.kz/1"),
            Article.objects.create(title="E", slug="e", lead="Только лид.", source_url="https://x.kz/1"),
            Article.objects.create(title="F", slug="f", lead="Только лид."),
        ]
        executor = MigrationExecutor(connection)
        executor.migrate([target])
        Article = executor.loader.project_state([target]).apps.get_model("editorial", "Article")
        a, b, c, d, e, f = (Article.objects.get(pk=row.pk) for row in rows)
        assert (a.slug, b.slug, c.slug) == ("itogi", "itogi-2", "itogi")  # C is on the next day
        assert (a.publication_day.isoformat(), c.publication_day.isoformat()) == ("2025-03-01", "2025-03-02")
        assert a.content_hash and d.content_hash == ""  # the later copy of «Текст один» lets go
        assert (d.source_url, e.source_url) == ("https://x.kz/1", "")
        assert e.content_hash and f.content_hash == ""  # lead-only texts have a fingerprint now
        assert Article.objects.count() == 6  # nothing is deleted
    finally:
        MigrationExecutor(connection).migrate(latest)
