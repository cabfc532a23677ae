"""Load and fault run: readers, importing and editing editors, and one database restart, on gunicorn.

Usage (loopback only; makes and removes its own PostgreSQL cluster under /tmp, never the shared one):
    .venv/bin/python benchmarks/load_fault.py [--articles 10000] [--seconds 60] [--restart-at 25]
        [--down 3] [--readers 8] [--port 8130] [--pg-port 8131]

Prints requests, status counts and latency percentiles inside and outside the restart window
(from the stop command to the database accepting connections again, plus one second), the
5xx answers outside it, the editors' acknowledged edits missing afterwards (lost edits) and
duplicate articles (same fingerprint, same day and slug, same original URL).
"""

import argparse
import http.cookiejar
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from datetime import timedelta
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
BIN = Path(PYTHON).parent
PG_BIN = next((p for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)
WORDS = (
    "Казахстан Россия Евразия союз интеграция энергетика Байконур Астана Москва выборы парламент реформа "
    "экономика торговля безопасность транзит нефть газ дипломатия партнерство"
).split()


def pg(tool):
    """A PostgreSQL tool; run as the ``postgres`` system user when this script runs as root."""
    found = shutil.which(tool) or (PG_BIN and str(PG_BIN / tool))
    if not found:
        sys.exit(f"{tool} not found (install postgresql)")
    return ["runuser", "-u", "postgres", "--", found] if os.geteuid() == 0 else [found]


def run(*args, env=None, quiet=True):
    args = [part for arg in args for part in (arg if isinstance(arg, list) else [arg])]
    subprocess.run(args, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL if quiet else None)


def pg_options(folder, port):
    return f"-p {port} -c listen_addresses=127.0.0.1 -k {folder / 'pg'} -c fsync=off -c max_connections=200"


def start_cluster(folder, port):
    folder = folder / "pg"
    folder.mkdir()
    if os.geteuid() == 0:
        folder.parent.chmod(0o755)
        shutil.chown(folder, "postgres", "postgres")
    run(pg("initdb"), "-D", str(folder / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale")
    opts = pg_options(folder.parent, port)
    run(pg("pg_ctl"), "-D", str(folder / "data"), "-o", opts, "-l", str(folder / "pg.log"), "-w", "start")
    run(pg("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "archive")


def generate(count):
    """``count`` published articles with themes, authors and sources, written in bulk."""
    from django.utils import timezone

    from editorial.models import Article, ArticleAuthor, Author, Source, Theme, ThemedArticle

    rng = random.Random(8)
    themes = [Theme.objects.create(name=f"Тема {w} {i}") for i, w in enumerate(WORDS)]
    authors = [Author.objects.create(name=f"Автор Номер{i}", position="политолог") for i in range(120)]
    sources = [Source.objects.create(name=f"Источник {i}") for i in range(30)]
    now = timezone.now()
    for start in range(0, count, 1000):
        batch = []
        for i in range(start, min(count, start + 1000)):
            words = " ".join(rng.choice(WORDS) for _ in range(60))
            article = Article(
                title=f"Материал {i}: {rng.choice(WORDS)} и {rng.choice(WORDS)}",
                slug=f"material-{i}",
                lead=f"Лид {i}. {words[:150]}",
                body=f"Первый абзац {i}. {words}\n\nВторой абзац {i}.",
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(hours=i * 3 + 1),
                source=rng.choice(sources),
                kind=Article.Kind.ANALYSIS,
            )
            article.derive_fields()
            batch.append(article)
        created = Article.objects.bulk_create(batch)
        ThemedArticle.objects.bulk_create(ThemedArticle(content_object=a, tag=rng.choice(themes)) for a in created)
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=a, author=rng.choice(authors), order=0) for a in created if a.pk % 2
        )
    return themes, authors, sources


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []  # (start, end, status, kind)

    def add(self, start, end, status, kind):
        with self.lock:
            self.rows.append((start, end, status, kind))


def fetch(opener, url, data=None, headers=None):
    request = urllib.request.Request(urllib.parse.quote(url, safe="/:?=&%+"), data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read(), response.geturl()
    except urllib.error.HTTPError as error:
        return error.code, error.read(), url
    except (urllib.error.URLError, OSError, TimeoutError):
        return 0, b"", url  # connection refused or reset: counted as status 0


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def reader(base, urls, stop, recorder, seed):
    rng = random.Random(seed)
    opener = urllib.request.build_opener(NoRedirect)
    while not stop.is_set():
        url = rng.choice(urls)
        start = time.monotonic()
        status, _, _ = fetch(opener, base + url)
        recorder.add(
            start, time.monotonic(), status, "feed" if "/rss/" in url or "/atom/" in url or "/json/" in url else "page"
        )


def editor(base, article_ids, stop, recorder, acknowledged, username, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    while not stop.is_set():  # logging in is retried: the database may be down
        status, body, _ = fetch(opener, base + "/admin/login/")
        token = lxml.html.fromstring(body).xpath("//input[@name='csrfmiddlewaretoken']/@value") if body else []
        if status == 200 and token:
            form = {"csrfmiddlewaretoken": token[0], "username": username, "password": password, "next": "/admin/"}
            data = urllib.parse.urlencode(form).encode()
            status, _, _ = fetch(opener, base + "/admin/login/", data, {"Referer": base + "/admin/login/"})
            if status == 302:
                break
        print(f"{username}: login answered {status}, trying again", file=sys.stderr)
        time.sleep(1)
    for n, pk in enumerate(article_ids):
        if stop.is_set():
            break
        url = f"{base}/admin/editorial/article/{pk}/change/"
        start = time.monotonic()
        status, body, _ = fetch(opener, url)
        if status != 200:
            recorder.add(start, time.monotonic(), status, "edit")
            time.sleep(0.3)
            continue
        page = lxml.html.fromstring(body)
        form = page.xpath("//form[@id='article_form']")[0]
        values = [(k, v) for k, v in form.form_values() if not k.startswith("_")]
        mark = f"правка-{username}-{n}"
        values = [(k, f"{v} {mark}" if k == "lead" else v) for k, v in values]
        values.append(("_save", "Сохранить"))
        status, _, _ = fetch(opener, url, urllib.parse.urlencode(values).encode(), {"Referer": url})
        recorder.add(start, time.monotonic(), status, "edit")
        if status == 302:
            acknowledged.append((pk, mark))
        time.sleep(0.2)


def importer(env, folder, stop, results):
    while not stop.is_set():
        done = subprocess.run(
            [PYTHON, "manage.py", "import_articles", "--foreground", "--publish", str(folder)],
            env=env, cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        results.append(done.returncode)
        time.sleep(1)


def documents(folder, count):
    folder.mkdir()
    for i in range(count):
        text = " ".join(random.Random(i).choice(WORDS) for _ in range(80))
        (folder / f"{i:04}.txt").write_text(
            f"date 2025-{1 + i % 12:02}-{1 + i % 28:02}\nИмпорт {i}: {WORDS[i % len(WORDS)]}\n"
            f"Лид импорта {i}.\n\n{text} {i}.\n\nАвтор: Импорт Авторов{i % 7}",
            encoding="utf-8",
        )


def percentiles(values):
    if not values:
        return "-", "-", "-"
    values = sorted(values)
    return tuple(f"{values[min(len(values) - 1, int(p * len(values)))] * 1000:.0f}" for p in (0.5, 0.95, 0.99))


def report(recorder, window):
    w0, w1 = window
    inside = [r for r in recorder.rows if r[0] <= w1 and r[1] >= w0]
    outside = [r for r in recorder.rows if not (r[0] <= w1 and r[1] >= w0)]
    print(f"{'':28}{'requests':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  statuses")
    for label, rows in (("outside restart window", outside), ("inside restart window", inside)):
        for kind in ("page", "feed", "edit"):
            part = [r for r in rows if r[3] == kind]
            statuses = dict(sorted(Counter(r[2] for r in part).items()))
            p50, p95, p99 = percentiles([r[1] - r[0] for r in part])
            print(f"{label + ' ' + kind:28}{len(part):>10}{p50:>9}{p95:>9}{p99:>9}  {statuses}")
    return sum(1 for r in outside if r[2] >= 500 or r[2] == 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--restart-at", type=float, default=25)
    parser.add_argument("--down", type=float, default=3, help="seconds the database stays stopped")
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--port", type=int, default=8130)
    parser.add_argument("--pg-port", type=int, default=8131)
    parser.add_argument("--keep", action="store_true", help="keep the /tmp folder (logs, cluster) for inspection")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="load_fault_", dir="/tmp"))
    env = dict(
        os.environ,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{args.pg_port}/archive",
        DEBUG="0", SECRET_KEY="load-fault-run-only", ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(folder / "static"), TASKS_BACKEND="immediate", CONN_MAX_AGE="60",
        GUNICORN_BIND=f"127.0.0.1:{args.port}", GUNICORN_ACCESS_LOG="/dev/null", WEB_CONCURRENCY="2",
        DJANGO_SETTINGS_MODULE="config.settings",
        # Plain HTTP on loopback: production otherwise, but no TLS redirect and cookies sent over HTTP.
        SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0",
    )  # fmt: skip
    env.pop("CACHE_URL", None)
    os.environ.update(env)
    gunicorn = None
    try:
        t0 = time.monotonic()
        start_cluster(folder, args.pg_port)
        run(PYTHON, "manage.py", "migrate", "-v0", env=env)
        run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
        import django

        django.setup()
        from django.contrib.auth.models import Group, User
        from django.db import connection

        from editorial.models import Article, Author, Source, Theme

        if (ROOT / "editorial/management/commands/generate_articles.py").exists():
            run(PYTHON, "manage.py", "generate_articles", str(args.articles), env=env)
            themes = list(Theme.objects.all()[:30])
            authors, sources = list(Author.objects.all()[:40]), list(Source.objects.all()[:30])
        else:
            themes, authors, sources = generate(args.articles)
        for name in ("editor1", "editor2"):
            user = User.objects.create_user(name, password="Load-fault-2025", is_staff=True)
            user.groups.add(Group.objects.get(name="Редакторы"))
        print(f"setup: cluster, migrations, {Article.objects.count()} articles in {time.monotonic() - t0:.0f} s")
        articles = list(Article.objects.published().order_by("?")[:1500])  # drafts have no address
        urls = [a.get_absolute_url() for a in articles[:1200]]
        urls += [f"/?page={p}" for p in range(1, 200)] + [f"/search/?q={w}" for w in WORDS]
        for facet in (*themes, *authors[:40], *sources):
            urls += [facet.get_absolute_url(), facet.get_absolute_url() + "?page=2"]
            urls += [f"{facet.get_absolute_url()}{fmt}/" for fmt in ("rss", "atom", "json")]
        urls += [f"/feeds/{fmt}/" for fmt in ("rss", "atom", "json")] + ["/feeds/rss/?page=3", "/feeds/atom/?page=2"]
        urls += [*sorted({f"/{a.published_at:%Y/%m}/" for a in articles}), "/archive/", "/sitemap.xml"]
        edit_ids = [a.pk for a in articles[1200:]]
        connection.close()
        documents(folder / "docs", 60)

        gunicorn = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(folder / "gunicorn.log", "w"),
        )  # fmt: skip
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(100):
            if fetch(urllib.request.build_opener(), base + "/robots.txt")[0] == 200:
                break
            time.sleep(0.2)
        recorder, stop, acknowledged, imports = Recorder(), threading.Event(), [], []
        threads = [threading.Thread(target=reader, args=(base, urls, stop, recorder, i)) for i in range(args.readers)]
        half = len(edit_ids) // 2
        for i, name in enumerate(("editor1", "editor2")):
            ids = edit_ids[i * half : (i + 1) * half]
            threads.append(
                threading.Thread(target=editor, args=(base, ids, stop, recorder, acknowledged, name, "Load-fault-2025"))
            )
        threads += [threading.Thread(target=importer, args=(env, folder / "docs", stop, imports)) for _ in range(2)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(args.restart_at)
        data = str(folder / "pg" / "data")
        w0 = time.monotonic()
        run(pg("pg_ctl"), "-D", data, "-m", "fast", "-w", "stop")
        time.sleep(args.down)
        run(
            pg("pg_ctl"),
            "-D",
            data,
            "-o",
            pg_options(folder, args.pg_port),
            "-l",
            str(folder / "pg" / "pg.log"),
            "-w",
            "start",
        )
        w1 = time.monotonic() + 1
        time.sleep(max(0, args.seconds - (time.monotonic() - started)))
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        elapsed = time.monotonic() - started

        print(
            f"run: {elapsed:.0f} s, {args.readers} readers, 2 editors, 2 importers (import_articles, same folder), "
            f"database stopped at {w0 - started:.1f} s for {w1 - 1 - w0:.1f} s (window {w1 - w0:.1f} s)"
        )
        print(f"requests: {len(recorder.rows)} ({len(recorder.rows) / elapsed:.0f}/s); status 0 = connection failed")
        server_errors = report(recorder, (w0, w1))
        lost = [
            (pk, mark)
            for pk, mark in acknowledged
            if mark not in Article.objects.filter(pk=pk).values_list("lead", flat=True).first()
        ]
        from django.db.models import Count
        from django.db.models.functions import TruncDate

        by_hash = (
            Article.objects.exclude(content_hash="").values("content_hash").annotate(n=Count("pk")).filter(n__gt=1)
        )
        by_slug = (
            Article.objects.exclude(published_at=None)
            .annotate(day=TruncDate("published_at"))
            .values("day", "slug")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
        )
        by_url = Article.objects.exclude(source_url="").values("source_url").annotate(n=Count("pk")).filter(n__gt=1)
        imported = Article.objects.filter(title__startswith="Импорт ").count()
        print(f"import runs: {len(imports)} (exit codes {dict(Counter(imports))}); imported articles: {imported} of 60")
        print(f"5xx or failed connections outside the restart window: {server_errors}")
        print(f"edits acknowledged: {len(acknowledged)}, lost: {len(lost)} {lost[:5]}")
        print(f"duplicates: fingerprint {by_hash.count()}, date+slug {by_slug.count()}, original URL {by_url.count()}")
    finally:
        if gunicorn:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        subprocess.run(
            [*pg("pg_ctl"), "-D", str(folder / "pg" / "data"), "-m", "immediate", "stop"], capture_output=True
        )
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
