"""Run: two ``import_articles`` over the same folder at once, and count the copies.

Usage (a scratch PostgreSQL database: it is migrated and filled; empty it first to compare):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench_concurrent \
        .venv/bin/python benchmarks/concurrent_import.py [N]
Prints the time of one run alone (the floor, on an empty database), of the two concurrent
runs, and the articles, duplicates (same text or same day and slug) and authors afterwards.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_1000 import generate

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
COUNTS = """
SELECT (SELECT count(*) FROM editorial_article),
       (SELECT count(*) - count(DISTINCT content_hash) FROM editorial_article),
       (SELECT count(*) - count(DISTINCT (publication_day, slug)) FROM editorial_article
         WHERE publication_day IS NOT NULL),
       (SELECT count(*) FROM editorial_author)
"""


def reset(env):
    subprocess.run([*MANAGE, "migrate", "-v0"], env=env, check=True)
    subprocess.run([*MANAGE, "flush", "--no-input", "-v0"], env=env, check=True)


def imports(env, folder, runs):
    start = time.perf_counter()
    procs = [
        subprocess.Popen([*MANAGE, "import_articles", *files, "--publish"], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for files in runs
    ]  # fmt: skip
    results = [(p.communicate(timeout=1800), p.returncode) for p in procs]
    return time.perf_counter() - start, results


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    env = dict(os.environ)
    url = env.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("DATABASE_URL=postgres://… of a scratch database, please.")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, count)
        files = sorted(str(p) for p in folder.iterdir())
        reset(env)
        alone, _ = imports(env, folder, [files])
        reset(env)
        both, results = imports(env, folder, [files, files[::-1]])
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
            articles, same_text, same_slug, authors = db.execute(COUNTS).fetchone()
    print(f"{'':34}{'seconds':>8}")
    print(f"{'one run alone (floor)':34}{alone:8.1f}")
    print(f"{'two runs at once':34}{both:8.1f}   ratio {both / alone:.2f}")
    for (out, err), code in results:
        last = out.strip().splitlines()[-1] if out.strip() else err.strip()[-300:]
        print(f"  exit {code}: {last}")
    print(f"documents {count}, articles {articles}, same text {same_text}, same day+slug {same_slug}")
    print(f"authors {authors}")


if __name__ == "__main__":
    main()
