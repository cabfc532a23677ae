"""Readers while the database restarts: gunicorn on loopback against a throwaway PostgreSQL cluster.

Starts its own cluster (initdb + pg_ctl on a spare port under /tmp; the shared server is
never touched), seeds it, runs gunicorn, and has reader threads request pages and feeds
for a bounded time while an editor's change makes every cached copy stale and the
cluster is restarted, then stopped for a few seconds. Prints status counts per kind of
URL and phase, and the 5xx. Loopback only; everything is removed at the end.

    .venv/bin/python scripts/db_restart_check.py [--seconds 40] [--cache redis://127.0.0.1:6379/4]

``--project DIR`` runs another checkout of the project (e.g. ``git archive main``) for a before/after.
"""

import argparse
import collections
import http.client
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
WORDS = ["Казахстан", "Россия", "энергетика", "Байконур", "партнерство", "ЕАЭС", "выборы", "нефть", "газ", "союз"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(cmd):
    """initdb and postgres refuse to run as root: run them as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class Cluster:
    def __init__(self, workdir, port):
        self.data, self.port, self.log = workdir / "pg", port, workdir / "pg.log"

    def pg_ctl(self, *args):
        subprocess.run(as_postgres(["pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", *args]),
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip

    def create(self):
        self.data.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.data.parent, "postgres")
            shutil.chown(self.data, "postgres")
        subprocess.run(as_postgres(["initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]),
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        opts = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.data.parent}"
        self.pg_ctl("-o", opts, "start")
        self.opts = opts
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-qc",
                        "CREATE DATABASE archive"], check=True)  # fmt: skip

    def restart(self):
        self.pg_ctl("-m", "fast", "-o", self.opts, "restart")

    def stop(self):
        self.pg_ctl("-m", "fast", "stop")

    def start(self):
        self.pg_ctl("-o", self.opts, "start")


SEED = """
import random
from datetime import timedelta
from django.utils import timezone
from tests.factories import make_article, make_author, make_source, make_theme
themes = [make_theme(f"Тема {{i}}") for i in range(10)]
authors = [make_author(f"Автор Номер{{i}}") for i in range(10)]
sources = [make_source(f"Источник {{i}}") for i in range(5)]
words = {words!r}
for i in range({n}):
    make_article(title=f"{{random.choice(words)}}: материал {{i}}", body=" ".join(random.choices(words, k=300)),
                 themes=random.sample(themes, 2), authors=[random.choice(authors)], source=random.choice(sources),
                 published_at=timezone.now() - timedelta(hours=i * 7))
"""

EDIT = """
from editorial.models import Article
article = Article.objects.published().order_by("-published_at").first()
article.lead = "Правка редактора перед перезапуском базы."
article.save()
"""


class Readers:
    """Threads that request URLs until told to stop, recording (phase, kind, status, x-cache, seconds)."""

    def __init__(self, port, urls, threads):
        self.port, self.urls, self.threads = port, urls, threads
        self.phase, self.results, self.stop = "warm", [], threading.Event()

    def run(self):
        workers = [threading.Thread(target=self.read, daemon=True) for _ in range(self.threads)]
        for worker in workers:
            worker.start()
        return workers

    def read(self):
        counter = 0
        while not self.stop.is_set():
            counter += 1
            kind, url = random.choice(self.urls)
            if kind == "search (never cached)":
                url = "/search/?" + urlencode({"q": random.choice(WORDS), "n": f"{threading.get_ident()}-{counter}"})
            start = time.monotonic()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("GET", url)
                response = conn.getresponse()
                response.read()
                status, cache_state = response.status, response.getheader("X-Cache", "-")
                conn.close()
            except OSError as error:
                status, cache_state = f"error {type(error).__name__}", "-"
            self.results.append((self.phase, kind, status, cache_state, time.monotonic() - start))


def stale_everything(cache_url):
    """The worst case: no cached copy is fresh when the database goes (the generation is dropped,
    as when it is evicted); readers get the last good copy or, without one, a 503."""
    if cache_url.startswith("redis"):
        import redis

        redis.Redis.from_url(cache_url).delete("archive:1:archive:generation")


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))] if values else 0


def report(results):
    table = collections.defaultdict(collections.Counter)
    latencies = collections.defaultdict(list)
    for phase, kind, status, cache_state, seconds in results:
        table[(phase, kind)][f"{status}/{cache_state}"] += 1
        latencies[(phase, kind)].append(seconds)
    print(f"\n{'phase':<22} {'kind of URL':<24} {'requests':>8} {'5xx':>5} {'p50 ms':>7} {'p99 ms':>7}  status/X-Cache")
    for (phase, kind), counts in table.items():
        total = sum(counts.values())
        errors = sum(n for key, n in counts.items() if key.startswith("5") or key.startswith("error"))
        lat = latencies[(phase, kind)]
        detail = ", ".join(f"{key}: {n}" for key, n in counts.most_common())
        print(f"{phase:<22} {kind:<24} {total:>8} {errors:>5} {percentile(lat, 0.5) * 1000:>7.0f} "
              f"{percentile(lat, 0.99) * 1000:>7.0f}  {detail}")  # fmt: skip
    total_5xx = sum(
        n for counts in table.values() for key, n in counts.items() if key.startswith("5") or key.startswith("error")
    )
    print(f"\nrequests: {len(results)}; 5xx or connection errors: {total_5xx}; 500s: "
          f"{sum(n for c in table.values() for k, n in c.items() if k.startswith('500'))}")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=40, help="length of the reading run")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--port", type=int, default=8104, help="gunicorn's loopback port")
    parser.add_argument("--cache", default="redis://127.0.0.1:6379/4", help="CACHE_URL ('' for local memory)")
    parser.add_argument("--outage", type=float, default=8.0, help="seconds the cluster stays stopped")
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to serve")
    parser.add_argument("--pg-port", type=int, help="the cluster's loopback port (default: any free one)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="archive-outage-"))
    cluster = Cluster(workdir, args.pg_port or free_port())
    env = {
        **os.environ, "DEBUG": "0", "SECRET_KEY": "outage-check-" + "x" * 50, "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0", "STATIC_ROOT": str(workdir / "static"), "CACHE_URL": args.cache,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/archive", "LOG_LEVEL": "CRITICAL",
    }  # fmt: skip
    gunicorn = None
    try:
        cluster.create()

        def manage(*command):
            subprocess.run([PYTHON, "manage.py", *command], cwd=args.project, env=env, check=True)

        manage("migrate", "-v0")
        manage("collectstatic", "--no-input", "-v0")
        manage("shell", "-c", SEED.format(words=WORDS, n=args.articles))
        manage("shell", "-c", "from django.core.cache import cache; cache.clear()")
        gunicorn = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{args.port}",
             "--timeout", "30", "--log-level", "warning"], cwd=args.project, env=env,
        )  # fmt: skip
        time.sleep(3)
        urls = [("page", u) for u in ["/", "/?page=2", "/themes/tema-0/", "/authors/avtor-nomer1/", "/archive/",
                                        "/sources/istochnik-1/", "/themes/"]]  # fmt: skip
        urls += [("feed", u) for u in ["/feeds/rss/", "/feeds/atom/", "/feeds/json/", "/themes/tema-1/rss/"]]
        urls += [("sitemap", "/sitemap.xml"), ("search (never cached)", "")]
        readers = Readers(args.port, urls, args.threads)
        readers.run()
        third = args.seconds / 4
        time.sleep(third)
        readers.phase = "an editor saves"
        manage("shell", "-c", EDIT)
        readers.phase = "restart (pg_ctl -m fast)"
        stale_everything(args.cache)
        started = time.monotonic()
        cluster.restart()
        print(f"restart took {time.monotonic() - started:.1f} s")
        readers.phase = "after the restart"
        time.sleep(third)
        readers.phase = "an editor saves"
        manage("shell", "-c", EDIT)
        readers.phase = f"stopped {args.outage:.0f} s"
        stale_everything(args.cache)
        cluster.stop()
        time.sleep(args.outage)
        cluster.start()
        readers.phase = "after"
        time.sleep(third)
        readers.stop.set()
        time.sleep(1)
        report(readers.results)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(10)
        try:
            cluster.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
