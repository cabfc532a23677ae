"""Benchmark: response time and SQL queries of the main public pages and feeds.

Usage (against a filled database, e.g. the one benchmarks/import_1000.py made):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench .venv/bin/python benchmarks/pages.py [ROUNDS]
Prints, per URL: median and 95th percentile milliseconds over ROUNDS requests, and the query count.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from editorial.models import Article, Theme  # noqa: E402


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    article = Article.objects.published().first()
    theme = Theme.objects.first()
    if article is None:
        sys.exit("No public articles: fill the database first (benchmarks/import_1000.py).")
    day = article.publication_date
    urls = ["/", "/?q=Казахстана", "/search/?q=Байконур", f"/{day:%Y/%m}/", "/archive/", article.get_absolute_url(),
            "/feeds/rss/", "/feeds/atom/", "/feeds/json/", "/sitemap.xml"]  # fmt: skip
    if theme:
        urls.append(theme.get_absolute_url())
    client = Client()
    print(f"{Article.objects.published().count()} public articles on {connection.vendor}, {rounds} requests each")
    for url in urls:
        times = []
        for _ in range(rounds):
            cache.clear()  # measure building, not the feed cache
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        p95 = sorted(times)[int(len(times) * 0.95) - 1]
        print(f"{url[:48]:<50} {response.status_code}  median {statistics.median(times):6.1f} ms  "
              f"p95 {p95:6.1f} ms  {len(queries)} queries")  # fmt: skip


if __name__ == "__main__":
    main()
