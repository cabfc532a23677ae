"""Benchmark: Python CPU time of a cold (empty page cache) public request, per URL kind, in process.

Usage (PostgreSQL or SQLite, any filled database; the CPU hardly depends on its size):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_x .venv/bin/python benchmarks/cold_cpu.py
        [--rounds 30] [--kinds 'theme,feed'] [--profile 40] [--dump DIR]

Production settings (``DEBUG=0``, static files from a manifest collected once into a temporary
folder). Each URL kind is requested once to warm the process (templates, URL resolver), then
``--rounds`` times over distinct URLs of the kind, the cache emptied before each request.
Prints, per kind: process CPU ms (median, p95), wall ms (median), SQL queries (most).
``--profile N``: the N most expensive functions of each kind (cumulative, then own CPU time), by cProfile.
``--dump DIR``: the body of every URL into DIR, one file per URL (``diff -r`` two dumps to see
that an optimisation changed nothing a reader sees).
"""

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for name, value in {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-" + "x" * 50,
    "ALLOWED_HOSTS": "testserver",
    "SECURE_SSL_REDIRECT": "0",
    "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "archive-cold-cpu-static"),
}.items():
    os.environ.setdefault(name, value)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--kinds", help="only these URL kinds, comma-separated")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--dump", metavar="DIR")
    parser.add_argument("--seed", type=int, default=10)
    return parser.parse_args()


def setup():
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", "--no-input", verbosity=0)


def sample_urls(rng):
    """The scale benchmark's URLs of each kind (the same for the same database and seed), fewer."""
    from scale import sample_urls as scale_urls

    words = ("россии", "Казахстан", "ЕАЭС", "энергетика -нефть", "уран")
    urls = scale_urls(rng, articles=60, words=words, list_words=())
    del urls["/?q="]
    return urls


def measure(client, kind, urls, rounds, profile):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client.get(urls[0])  # warm the process, not the page cache
    cpu, wall, queries = [], [], []
    profiler = cProfile.Profile(time.process_time) if profile else None  # CPU, not waiting
    for i in range(rounds):
        url = urls[i % len(urls)]
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            response = client.get(url)
            if profiler:
                profiler.disable()
            cpu.append((time.process_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
        queries.append(len(captured))
        assert response.status_code == 200, (url, response.status_code)
    cpu.sort()
    print(
        f"{kind:<14} {len(cpu):5d} {statistics.median(cpu):8.1f} {cpu[max(0, int(len(cpu) * 0.95) - 1)]:8.1f}"
        f" {statistics.median(wall):9.1f} {max(queries):7d}",
        flush=True,
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(profile)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(profile)


def dump(client, urls, folder):
    from django.core.cache import cache

    folder.mkdir(parents=True, exist_ok=True)
    for kind, kind_urls in urls.items():
        for i, url in enumerate(kind_urls):
            cache.clear()
            body = client.get(url).content
            name = f"{kind.replace('/', '_').replace(' ', '-')}-{i:02d}.txt"
            (folder / name).write_bytes(url.encode() + b"\n" + body)


def main():
    args = arguments()
    setup()
    from django.test import Client

    urls = sample_urls(random.Random(args.seed))
    if args.kinds:
        urls = {kind: kind_urls for kind, kind_urls in urls.items() if kind in args.kinds.split(",")}
    client = Client()
    if args.dump:
        dump(client, urls, Path(args.dump))
        return
    print(f"{'kind':<14} {'reqs':>5} {'cpu p50':>8} {'cpu p95':>8} {'wall p50':>9} {'queries':>7}")
    for kind, kind_urls in urls.items():
        measure(client, kind, kind_urls, args.rounds, args.profile)


if __name__ == "__main__":
    main()
