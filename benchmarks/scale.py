"""Benchmark at archive scale: every public URL kind, cold in process and under load, against a floor.

Usage (PostgreSQL; generates the database the first time, reuses it afterwards):
    .venv/bin/python benchmarks/scale.py [--articles 1000000] [--db archive_scale_bench] [--port 8105]
        [--seconds 8] [--connections 16] [--workers 2] [--plans benchmarks/plans.txt]

1. ``generate_articles`` up to ``--articles`` public articles in database ``--db``.
2. In process, one request at a time with an empty cache: p50/p95 and SQL queries per
   URL kind over distinct URLs; ``EXPLAIN ANALYZE`` of every query of one request per
   kind, written to ``--plans``; a sequential scan of the article table is a failure.
3. gunicorn (the production server, ``--workers`` sync workers) on 127.0.0.1, and
   ``wrk -t2 -c16`` (or a Python load generator without wrk) for ``--seconds`` per run:
   the floor (a one-query view), then each kind warm (one URL repeated) and distinct
   (random URLs of the kind): req/s, p50, p99, share of the floor.
4. Worker RSS after the run; PASS/FAIL against the targets of issue #10.
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_COLD_MS, TARGET_SEARCH_MS, TARGET_WARM, TARGET_DISTINCT, TARGET_RSS_MB = 50, 100, 0.8, 0.3, 250
SEARCH_WORDS = [
    "россии", "казахстана", "отношений", "стратегического", "партнерства", "Россия Казахстан", "ЕАЭС",
    "Contur", "Байконур", "Семей", "Урумчи", "энергетика -нефть", '"стратегического партнерства"',
    "Серенко", "Tengrinews", "безопасность Китая", "2019 году", "Актау", "уран", "цифровизация",
]  # fmt: skip


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--db", default="archive_scale_bench")
    parser.add_argument("--host-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cold-requests", type=int, default=20)
    parser.add_argument("--plans", default=str(ROOT / "benchmarks" / "plans.txt"))
    parser.add_argument("--skip-load", action="store_true", help="only the in-process part")
    parser.add_argument("--kinds", help="only these URL kinds, comma-separated (e.g. 'search,filtered /')")
    return parser.parse_args()


def setup_django(args):
    os.environ["DATABASE_URL"] = f"{args.host_url}/{args.db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def ensure_database(args):
    import psycopg

    with psycopg.connect(f"{args.host_url}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db]).fetchone():
            conn.execute(f'CREATE DATABASE "{args.db}"')
    setup_django(args)
    from django.core.management import call_command

    from editorial.models import Article

    call_command("migrate", verbosity=0)
    have = Article.objects.count()
    if have < args.articles * 0.99:
        print(f"Generating {args.articles - have} articles into {args.db}…", flush=True)
        call_command("generate_articles", str(args.articles - have), "--jobs", "2", "--seed", str(have + 1))


def sample_urls(rng, articles=200, words=SEARCH_WORDS, list_words=SEARCH_WORDS[:8]):
    """Distinct URLs of each public kind, drawn from the database with ``rng``: the same ones for
    the same database and seed (``cold_cpu.py`` compares two versions' pages on them)."""
    from django.db.models import Max, Min

    from editorial import tallies
    from editorial.models import Article, Author, Source, Theme

    public = Article.objects.published()
    bounds = public.aggregate(low=Min("pk"), high=Max("pk"))  # ids drawn at random, not ORDER BY random()
    picks = rng.sample(range(bounds["low"], bounds["high"] + 1), min(2 * articles, bounds["high"] - bounds["low"] + 1))
    chosen = list(public.filter(pk__in=picks).order_by("pk")[:articles])
    months = sorted(tallies.month_counts())
    pages = min(500, sum(tallies.month_counts().values()) // 20)  # the deepest page the list offers

    def slugs(model, facet):
        return sorted(model.objects.filter(pk__in=list(tallies.facet_counts(facet))).values_list("slug", flat=True))

    theme_slugs, author_slugs, source_slugs = slugs(Theme, "theme"), slugs(Author, "author"), slugs(Source, "source")

    def pick(items, n=40):
        return rng.sample(items, min(n, len(items)))

    return {
        "/": ["/"],
        "deep page": [f"/?page={rng.randint(max(1, pages - 100), pages)}" for _ in range(40)],
        "article": [a.get_absolute_url() for a in chosen],
        "theme": [f"/themes/{slug}/" for slug in pick(theme_slugs)],
        "author": [f"/authors/{slug}/" for slug in pick(author_slugs)],
        "source": [f"/sources/{slug}/" for slug in pick(source_slugs)],
        "filtered /": [f"/?theme={t}&kind=opinion" for t in pick(theme_slugs, 20)],
        "month": [f"/{k // 100}/{k % 100:02d}/" for k in pick(months)],
        "year": sorted({f"/{k // 100}/" for k in months}),
        "search": [f"/search/?q={w}" for w in words],
        "/?q=": [f"/?q={w}" for w in list_words],
        "search+filter": [
            url
            for w, year in zip(list_words[5:] + words[8:16], rng.sample(range(2012, 2025), 11), strict=True)
            for url in (
                f"/themes/{rng.choice(theme_slugs)}/?q={w}",
                f"/?q={w}&kind=opinion",
                f"/?q={w}&source={rng.choice(source_slugs)}",
                f"/authors/{rng.choice(author_slugs)}/?q={w}",
                f"/?q={w}&date_from={year}-01-01&date_to={year + 1}-06-30",
            )
        ],
        "/archive/": ["/archive/"],
        "/themes/": ["/themes/", "/authors/", "/sources/"],
        "feed": ["/feeds/rss/", "/feeds/atom/", "/feeds/json/"] + [f"/themes/{s}/rss/" for s in pick(theme_slugs, 20)],
        "sitemap index": ["/sitemap.xml"],
        "sitemap page": [f"/sitemap-articles-{k}.xml" for k in pick(months)],
    }


def cold_in_process(urls, rounds, plans_path):
    """One request at a time, cache emptied before each: times, queries, plans."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, results, seq_scans = Client(), {}, {}
    with open(plans_path, "w", encoding="utf-8") as plans:
        for kind, kind_urls in urls.items():
            times, cpu, queries = [], [], []
            for i in range(rounds):
                url = kind_urls[i % len(kind_urls)]
                cache.clear()
                start, start_cpu = time.perf_counter(), time.process_time()
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
                queries.append(len(captured))
                assert response.status_code == 200, (url, response.status_code)
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                client.get(kind_urls[0])
            seq_scans[kind] = explain(kind, kind_urls[0], captured.captured_queries, plans)
            times.sort()
            cpu.sort()
            results[kind] = {
                "cpu p95": cpu[max(0, int(len(cpu) * 0.95) - 1)],
                "db": sum(float(q["time"]) for q in captured.captured_queries) * 1000,
                "p50": statistics.median(times),
                "p95": times[max(0, int(len(times) * 0.95) - 1)],
                "queries": max(queries),
            }
    return results, seq_scans


READ_QUERY = re.compile(r"[\s(]*(SELECT|WITH)\b", re.IGNORECASE)  # WITH: the tallies' reads
WRITE_WORD = re.compile(r"\b(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)  # and FOR UPDATE


def explain(kind, url, captured, plans):
    from django.db import connection

    seq_scan = False
    plans.write(f"\n######## {kind}: {url}\n")
    with connection.cursor() as cursor:
        for query in captured:
            sql = query["sql"]
            if not READ_QUERY.match(sql) or WRITE_WORD.search(sql):  # EXPLAIN ANALYZE runs the statement
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            plans.write(f"\n-- {sql[:300]}\n{plan}\n")
            seq_scan |= bool(re.search(r"Seq Scan on editorial_article\b", plan))
    return seq_scan


# Load -------------------------------------------------------------------


def start_server(args):
    env = dict(
        os.environ, DATABASE_URL=f"{args.host_url}/{args.db}", DJANGO_SETTINGS_MODULE="benchmarks.floor_settings",
        DEBUG="0", SECRET_KEY="benchmark-" + "x" * 50, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0",
    )  # fmt: skip
    env["STATIC_ROOT"] = tempfile.mkdtemp(prefix="scale-static-")
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{args.port}",
         "--workers", str(args.workers), "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            urlopen(f"http://127.0.0.1:{args.port}/__floor__/", timeout=5).read()
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    sys.exit("gunicorn did not start")


def wrk(args, urls):
    """req/s, p50 ms, p99 ms, errors — with wrk, each request a random path of ``urls``."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        paths = ", ".join('"' + quote(u, safe="/?=&-") + '"' for u in urls)
        script.write(f"local paths = {{{paths}}}\nrequest = function()\n"
                     "  return wrk.format(nil, paths[math.random(#paths)])\nend\n")  # fmt: skip
    out = subprocess.run(
        ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "30s", "--latency",
         "-s", script.name, f"http://127.0.0.1:{args.port}/"], capture_output=True, text=True,
    )  # fmt: skip
    if out.returncode:
        sys.exit(f"wrk failed: {out.stderr}")
    out = out.stdout
    os.unlink(script.name)

    def ms(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\b", out, re.M)
        if not match:
            return float("nan")
        return float(match[1]) * {"us": 0.001, "ms": 1, "s": 1000}[match[2]]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    return rps, ms("50"), ms("99"), int(errors[1]) if errors else 0


def python_load(args, urls):
    """The same figures without wrk: ``--connections`` threads for ``--seconds``."""
    deadline, rng = time.monotonic() + args.seconds, random.Random(1)

    def worker(_):
        times, errors = [], 0
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                urlopen(f"http://127.0.0.1:{args.port}{quote(rng.choice(urls), safe='/?=&-')}", timeout=30).read()
            except OSError:
                errors += 1
            times.append((time.perf_counter() - start) * 1000)
        return times, errors

    with ThreadPoolExecutor(args.connections) as pool:
        runs = list(pool.map(worker, range(args.connections)))
    times = sorted(t for ts, _ in runs for t in ts)
    return len(times) / args.seconds, times[len(times) // 2], times[int(len(times) * 0.99)], sum(e for _, e in runs)


def drained(args, measure, urls, patience=60):
    """``measure`` once the server has answered the requests still queued from the last run
    (sync workers go on with those after wrk has hung up): each run starts from an idle server."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        start = time.perf_counter()
        urlopen(f"http://127.0.0.1:{args.port}/__floor__/", timeout=patience).read()
        if time.perf_counter() - start < 0.5:
            break
    return measure(args, urls)


def worker_rss_mb(server):
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status)[1]) / 1024)
    return max(sizes, default=0.0)


def main():
    args = arguments()
    rng = random.Random(10)
    ensure_database(args)
    from editorial.models import Article

    public = Article.objects.published().count()
    urls = sample_urls(rng)
    if args.kinds:
        urls = {kind: kind_urls for kind, kind_urls in urls.items() if kind in args.kinds.split(",")}
    print(f"{public:,} public articles in {args.db}; cold in process, {args.cold_requests} requests per kind…")
    cold, seq_scans = cold_in_process(urls, args.cold_requests, args.plans)
    load = {}
    rss = None
    if not args.skip_load:
        measure = wrk if subprocess.run(["which", "wrk"], capture_output=True).returncode == 0 else python_load
        server = start_server(args)
        try:
            floor = measure(args, ["/__floor__/"])
            for kind, kind_urls in urls.items():
                load[kind] = (drained(args, measure, kind_urls[:1]), drained(args, measure, kind_urls))
            rss = worker_rss_mb(server)
        finally:
            server.terminate()
            server.wait()
        print(f"\nLoad: {measure.__name__}, -c{args.connections}, {args.seconds} s a run, "
              f"gunicorn {args.workers} workers. Floor: {floor[0]:.0f} req/s, p50 {floor[1]:.1f} ms, "
              f"p99 {floor[2]:.1f} ms")  # fmt: skip
    report(cold, seq_scans, load, floor[0] if load else None, rss, args)


def report(cold, seq_scans, load, floor_rps, rss, args):
    failures = []
    head = f"{'kind':<14} {'cold p50':>8} {'cold p95':>8} {'cpu p95':>8} {'db ms':>6} {'queries':>7} {'seq scan':>8}"
    if load:
        runs = f"{'r/s':>8} {'p50':>6} {'p99':>6} {'×floor':>6}"
        head += f" | warm {runs} | distinct {runs}"
    print("\n" + head + "\n" + "-" * len(head))
    for kind, c in cold.items():
        limit = TARGET_SEARCH_MS if kind in ("search", "/?q=", "search+filter") else TARGET_COLD_MS
        if c["p95"] > limit:
            failures.append(f"{kind}: cold p95 {c['p95']:.0f} ms > {limit} ms")
        if seq_scans[kind]:
            failures.append(f"{kind}: sequential scan of editorial_article")
        line = f"{kind:<14} {c['p50']:8.1f} {c['p95']:8.1f} {c['cpu p95']:8.1f} {c['db']:6.1f} {c['queries']:7d}"
        line += f" {'YES' if seq_scans[kind] else 'no':>8}"
        if load:
            (w, d) = load[kind]
            line += f" |      {w[0]:8.0f} {w[1]:6.1f} {w[2]:6.1f} {w[0] / floor_rps:6.0%}"
            line += f" |          {d[0]:8.0f} {d[1]:6.1f} {d[2]:6.1f} {d[0] / floor_rps:6.0%}"
            if w[0] < TARGET_WARM * floor_rps:
                failures.append(f"{kind}: warm {w[0] / floor_rps:.0%} of the floor < {TARGET_WARM:.0%}")
            if d[0] < TARGET_DISTINCT * floor_rps:
                failures.append(f"{kind}: distinct {d[0] / floor_rps:.0%} of the floor < {TARGET_DISTINCT:.0%}")
            if w[3] or d[3]:
                failures.append(f"{kind}: {w[3] + d[3]} error responses under load")
        print(line)
    if rss is not None:
        print(f"\nLargest worker RSS after the run: {rss:.0f} MB")
        if rss > TARGET_RSS_MB:
            failures.append(f"worker RSS {rss:.0f} MB > {TARGET_RSS_MB} MB")
    print(f"Plans (EXPLAIN ANALYZE of every query of one request per kind): {args.plans}")
    print("\n" + ("PASS" if not failures else "FAIL:\n  " + "\n  ".join(failures)))


if __name__ == "__main__":
    main()
