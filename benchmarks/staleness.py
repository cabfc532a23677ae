"""Staleness: how long after a change each public page and feed still shows the old content, on gunicorn.

Usage (loopback only):
    .venv/bin/python benchmarks/staleness.py [--articles 20000] [--db archive_stale_bench] [--reuse] [--keep]
        [--own-cluster 8141] [--caches locmem,redis] [--redis-url redis://127.0.0.1:6379/5] [--port 8140]
        [--events scheduled,publish,edit] [--per-url 10] [--interval 0.15] [--give-up 90]
        [--schedule-in 10] [--production-recycling]

1. Creates database ``--db`` on ``--host-url`` (``--reuse``: keeps it when it exists; ``--own-cluster``:
   in a throwaway cluster under /tmp instead), migrates it and fills it with ``generate_articles``;
   an editor account («Редакторы») and one published article to edit.
2. For each cache (``locmem``: no ``CACHE_URL``, one cache per process; ``redis``: ``CACHE_URL``,
   its database flushed first) and each event: gunicorn as in production (``config/gunicorn.conf.py``,
   2 workers, ``DEBUG=0``) and ``manage.py db_worker`` beside it, started afresh, so that every copy
   is as young as the warm-up (the worst case). The workers are not recycled after ``max_requests``
   (``--production-recycling`` keeps it): a new process has an empty cache and would hide a stale
   copy that a long-lived one keeps.
3. The events, done by an editor through the admin (login, the article form, POST): ``scheduled``
   (an article published ``--schedule-in`` seconds ahead, saved before the warm-up, reaching its
   time), ``publish`` (a new article published now), ``edit`` (the title of a published article
   changed). Before each, every affected URL is requested 30 times (both processes keep a copy);
   after it (the admin's answer to the POST, or the publication time), each URL gets ``--per-url``
   concurrent requests a round, a round every ``--interval`` s, for ``--give-up`` seconds. An
   answer is fresh when it shows what the page rendered without the cache (a request with a session
   cookie) shows: the new title or address, or else its whole body; ``n/a``: the page does not change.
4. A table per cache: page kind × event → seconds from the change to the last answer still showing
   the old content (``>N s``: still at the end); requests per gunicorn process while watching.
Drops the database at the end unless ``--keep`` (an own cluster is stopped and its data removed);
the servers' logs stay in the /tmp folder printed last.
"""

import argparse
import http.cookiejar
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
BIN = Path(PYTHON).parent
EDITOR, PASSWORD = "stale-editor", "Stale-bench-2026"
EVENTS = ("scheduled", "publish", "edit")


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--db", default="archive_stale_bench")
    parser.add_argument("--host-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--reuse", action="store_true", help="keep the database when it exists")
    parser.add_argument(
        "--own-cluster", type=int, metavar="PORT",
        help="a throwaway PostgreSQL cluster under /tmp on this port instead of --host-url",
    )  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--caches", default="locmem,redis", help="locmem, redis or both, comma-separated")
    parser.add_argument("--events", default=",".join(EVENTS), help="some of " + ", ".join(EVENTS))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--port", type=int, default=8140)
    parser.add_argument("--per-url", type=int, default=10, help="concurrent requests per URL and round")
    parser.add_argument("--interval", type=float, default=0.15, help="seconds between rounds")
    parser.add_argument("--give-up", type=float, default=90, help="seconds each change is watched")
    parser.add_argument("--schedule-in", type=float, default=10, help="lead time of the scheduled article")
    parser.add_argument("--production-recycling", action="store_true", help="keep gunicorn's max_requests")
    return parser.parse_args()


def postgres_tool(name):
    """A PostgreSQL server program, run as the ``postgres`` user when this script runs as root."""
    found = shutil.which(name) or next(
        iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)), None
    )
    if not found:
        sys.exit(f"{name} not found")
    return (["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []) + [str(found)]


@contextmanager
def own_cluster(folder, port):
    """A PostgreSQL cluster of our own in ``folder`` on 127.0.0.1:``port``, removed when the block ends."""
    home = folder / "pg"  # the server's own: its data, socket and log
    home.mkdir()
    if os.geteuid() == 0:
        folder.chmod(0o755)
        shutil.chown(home, "postgres", "postgres")
    data = home / "data"
    quiet = {"check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*postgres_tool("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"], **quiet)
    options = f"-p {port} -c listen_addresses=127.0.0.1 -k {home} -c fsync=off"
    subprocess.run(
        [*postgres_tool("pg_ctl"), "-D", str(data), "-o", options, "-l", str(home / "pg.log"), "-w", "start"], **quiet
    )
    try:
        yield f"postgres://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*postgres_tool("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], **quiet)
        shutil.rmtree(data, ignore_errors=True)


def run(*args, env):
    subprocess.run(args, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)


def prepare_database(args, env):
    import psycopg

    with psycopg.connect(f"{args.host_url}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db]).fetchone()
        if exists and not args.reuse:
            conn.execute(f'DROP DATABASE "{args.db}"')
        if not exists or not args.reuse:
            conn.execute(f'CREATE DATABASE "{args.db}"')
    run(PYTHON, "manage.py", "migrate", "-v0", env=env)
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
    import django

    django.setup()
    from django.contrib.auth.models import Group, User

    from editorial.models import Article

    have = Article.objects.count()
    if have < args.articles:
        print(f"Generating {args.articles - have} articles into {args.db}…", flush=True)
        run(PYTHON, "manage.py", "generate_articles", str(args.articles - have), "--seed", str(have + 1), env=env)
    user, _ = User.objects.get_or_create(username=EDITOR, defaults={"is_staff": True})
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name="Редакторы"))


def drop_database(args):
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{args.host_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')


def facets():
    """A theme, an author and a source that the newest articles already have (their pages exist)."""
    from editorial.models import Article

    article = (
        Article.objects.published()
        .filter(source__isnull=False, authors__isnull=False, themes__isnull=False)
        .order_by("-published_at")
        .first()
    )
    return article.themes.first(), article.authors.first(), article.source


def affected_urls(published_at, theme, author, source, path=None):
    """Every public URL that lists an article of this time, theme, author and source (and shows it,
    at ``path``), by page kind."""
    from django.utils import timezone

    day = timezone.localtime(published_at)
    urls = {
        "/": "/",
        "article": path,
        "theme": theme.get_absolute_url(),
        "author": author.get_absolute_url(),
        "source": source.get_absolute_url(),
        "year": f"/{day:%Y}/",
        "month": f"/{day:%Y/%m}/",
        "day": f"/{day:%Y/%m/%d}/",
        "/archive/": "/archive/",
        "/feeds/rss/": "/feeds/rss/",
        "/feeds/atom/": "/feeds/atom/",
        "theme rss": theme.get_absolute_url() + "rss/",
        "author rss": author.get_absolute_url() + "rss/",
        "source rss": source.get_absolute_url() + "rss/",
        "sitemap month": f"/sitemap-articles-{day:%Y%m}.xml",
        "/sitemap.xml": "/sitemap.xml",
    }
    return {kind: url for kind, url in urls.items() if url}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(opener, url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


class Editor:
    """A staff user of the «Редакторы» group in the admin, through its forms."""

    def __init__(self, base):
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        _, body, _ = fetch(self.opener, base + "/admin/login/")
        token = lxml.html.fromstring(body).xpath("//input[@name='csrfmiddlewaretoken']/@value")[0]
        form = {"csrfmiddlewaretoken": token, "username": EDITOR, "password": PASSWORD, "next": "/admin/"}
        status, body, _ = self.post("/admin/login/", list(form.items()))
        if status != 302:
            errors = lxml.html.fromstring(body).xpath("//*[contains(@class, 'errornote')]//text()")
            sys.exit(f"admin login answered {status}: {' '.join(errors).strip()}")

    def post(self, path, values):
        url = self.base + path
        return fetch(self.opener, url, urllib.parse.urlencode(values).encode(), {"Referer": url})

    def form_values(self, path):
        status, body, _ = fetch(self.opener, self.base + path)
        if status != 200:
            sys.exit(f"{path} answered {status}")
        form = lxml.html.fromstring(body).xpath("//form[@id='article_form']")[0]
        return [(k, v) for k, v in form.form_values() if not k.startswith("_")]

    def save(self, path, values):
        """POST the form; (seconds the POST took, moment its answer arrived). A refusal ends the run."""
        started = time.monotonic()
        status, body, _ = self.post(path, [*values, ("_save", "Сохранить")])
        if status != 302:
            errors = lxml.html.fromstring(body).xpath("//*[contains(@class, 'errorlist')]//text()")
            sys.exit(f"{path} answered {status}: {errors}")
        answered = time.monotonic()
        return answered - started, answered

    def add(self, title, slug, published_at, theme, author, source):
        """A new published article with a byline, a theme and a source, through «Добавить статью»."""
        from django.utils import timezone

        path = "/admin/editorial/article/add/"
        values = dict(self.form_values(path))
        prefix = next(k for k in values if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
        moment = timezone.localtime(published_at)
        values.update({
            "title": title, "slug": slug, "lead": f"Лид: {title}.", "body": f"Текст статьи «{title}».",
            "status": "published", "published_at_0": f"{moment:%Y-%m-%d}", "published_at_1": f"{moment:%H:%M:%S}",
            "themes": str(theme.pk), "source": str(source.pk),
            f"{prefix}-0-author": str(author.pk), f"{prefix}-0-order": "1",
        })  # fmt: skip
        return self.save(path, list(values.items()))

    def retitle(self, pk, title):
        path = f"/admin/editorial/article/{pk}/change/"
        values = [(k, title if k == "title" else v) for k, v in self.form_values(path)]
        return self.save(path, values)


class Poller:
    """Requests URLs ``per_url`` times at once, on new connections (either process may answer)."""

    def __init__(self, base, per_url):
        self.base, self.per_url = base, per_url
        self.pool = ThreadPoolExecutor(max_workers=32)
        self.opener = urllib.request.build_opener(NoRedirect)

    def get(self, url, session=False):
        """(body, when it arrived). With ``session``, a cookie that makes the cache step aside."""
        headers = {"Cookie": "sessionid=staleness-bench"} if session else {}
        status, body, _ = fetch(self.opener, self.base + url, headers=headers)
        if status not in (200, 404):  # a scheduled article's page is a 404 until its time
            sys.exit(f"{url} answered {status}")
        return body, time.monotonic()

    def round(self, urls):
        """Every URL ``per_url`` times, concurrently: {url: [(body, arrived), ...]}."""
        futures = {url: [self.pool.submit(self.get, url) for _ in range(self.per_url)] for url in urls}
        return {url: [f.result() for f in items] for url, items in futures.items()}

    def warm(self, urls, rounds=3):
        """Enough requests that every process renders and keeps each URL; the last body of each."""
        for _ in range(rounds):
            answers = self.round(urls)
        return {url: items[-1][0] for url, items in answers.items()}


def criteria(poller, urls, baseline, markers):
    """For each URL, what a fresh answer looks like, judged on the page rendered without the cache:
    a marker it now shows that the warm copy did not, or else its whole new body; None when the
    change does not show on it."""
    judged, markers = {}, [marker.encode() for marker in markers]
    for kind, url in urls.items():
        uncached, _ = poller.get(url, session=True)
        shown = [m for m in markers if m in uncached and m not in baseline[url]]
        if shown:
            judged[kind] = ("marker", shown[0])
        elif uncached != baseline[url]:
            judged[kind] = ("body", uncached)
        else:
            judged[kind] = None
    return judged


def is_fresh(body, criterion):
    how, what = criterion
    return what in body if how == "marker" else body == what


def wait_for_change(poller, urls, judged, since, args):
    """Per page kind, seconds from ``since`` to the last answer that still showed the old content
    (0 when none did), polling every URL for ``--give-up`` seconds: each process accepts requests in
    bursts, so rounds answered by one process alone say nothing of the other's copy."""
    delays = {kind: "n/a" for kind, criterion in judged.items() if criterion is None}
    watched, last_stale = [k for k, c in judged.items() if c is not None], {}
    while time.monotonic() < since + args.give_up:
        started = time.monotonic()
        answers = poller.round([urls[k] for k in watched])
        for kind in watched:
            stale = [arrived for body, arrived in answers[urls[kind]] if not is_fresh(body, judged[kind])]
            if stale:
                last_stale[kind] = max(stale)
        time.sleep(max(0, args.interval - (time.monotonic() - started)))
    for kind in watched:
        delay = max(0.0, last_stale.get(kind, since) - since)
        delays[kind] = f">{args.give_up:.0f} s" if delay > args.give_up - 1 else delay
    return delays


@contextmanager
def servers(args, env, log):
    """gunicorn as in production (its config file, 2 workers) and ``db_worker``, until the block ends."""
    env = dict(env, GUNICORN_ACCESS_LOG=f"{log}-access.log")
    command = [str(BIN / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"]
    command += [
        "--access-logformat",
        "%(t)s %(p)s %(r)s %(s)s %({x-cache}o)s %({etag}o)s",
    ]  # which process answered what
    if not args.production_recycling:
        command += ["--max-requests", "0"]
    started = [
        subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(f"{log}-gunicorn.log", "w"),
        ),
        subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--no-reload"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(f"{log}-db_worker.log", "w"),
        ),
    ]  # fmt: skip
    try:
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(150):
            try:
                if fetch(urllib.request.build_opener(), base + "/robots.txt")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("gunicorn did not start")
        yield base
    finally:
        for process in started:
            process.terminate()
        for process in started:
            process.wait(timeout=30)


def measure(args, env, folder, cache):
    """The three events with ``cache``, each on freshly started processes (so that every copy is as
    young as the warm-up: the worst case): {event: {kind: delay}}, notes."""
    from django.utils import timezone

    from editorial.models import Article

    if cache == "redis":
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()
        env = dict(env, CACHE_URL=args.redis_url)
    where = theme, author, source = facets()
    stamp = f"{cache}{int(time.time()) % 100000}"
    target = Article.objects.create(
        title=f"Правка {stamp} исходный заголовок", slug=f"stale-edit-{stamp}", lead=f"Лид для правки {stamp}.",
        body=f"Текст для правки {stamp}.", status=Article.Status.PUBLISHED, source=source,
        published_at=timezone.now() - timedelta(minutes=1), kind=Article.Kind.ANALYSIS,
    )  # fmt: skip
    target.themes.add(theme)
    target.authors.add(author, through_defaults={"order": 1})
    results, notes = {}, []

    def scheduled(editor):
        """Saved before the warm-up; timed from its publication time."""
        title = f"Запланированная {stamp}"
        editor.add(title, f"stale-scheduled-{stamp}", timezone.now() + timedelta(seconds=args.schedule_in), *where)
        article = Article.objects.get(title=title)
        ready_at = time.monotonic() + (article.published_at - timezone.now()).total_seconds()

        def reach_time():
            if time.monotonic() > ready_at:
                notes.append(f"scheduled: the warm-up ended {time.monotonic() - ready_at:.1f} s after its time")
            time.sleep(max(0, ready_at - time.monotonic()))
            return None, ready_at

        path = article.get_absolute_url()
        return affected_urls(article.published_at, *where, path), [title, path], reach_time

    def publish(editor):
        title, slug = f"Новая {stamp}", f"stale-new-{stamp}"
        urls = affected_urls(timezone.now(), *where)  # today's pages: it has no address of its own yet
        return urls, [title, f"/{slug}/"], lambda: editor.add(title, slug, timezone.now(), *where)

    def edit(editor):
        title = f"Правка {stamp} новый заголовок"
        urls = affected_urls(target.published_at, *where, target.get_absolute_url())
        return urls, [title], lambda: editor.retitle(target.pk, title)

    for name, prepare in zip(EVENTS, (scheduled, publish, edit), strict=True):
        if name not in args.events.split(","):
            continue
        log = folder / f"{cache}-{name}"
        with servers(args, env, log) as base:
            editor, poller = Editor(base), Poller(base, args.per_url)
            urls, markers, change = prepare(editor)
            poller.warm(urls.values())
            baseline = {url: poller.get(url, session=True)[0] for url in urls.values()}  # as it is before
            polled_from = len(Path(f"{log}-access.log").read_text().splitlines())
            took, since = change()
            judged = criteria(poller, urls, baseline, markers)
            results[name] = wait_for_change(poller, urls, judged, since, args)
        lines = [line.split() for line in Path(f"{log}-access.log").read_text().splitlines()[polled_from:]]
        answering = Counter(line[2] for line in lines if line[3] == "GET")
        by_url = {url: {line[2] for line in lines if line[3] == "GET" and line[4] == url} for url in urls.values()}
        watched = [kind for kind, delay in results[name].items() if delay != "n/a"]
        one_process = sorted(kind for kind in watched if len(by_url[urls[kind]]) < 2)
        recycled = Path(f"{log}-gunicorn.log").read_text().count("Autorestarting worker")
        notes.append(
            f"{name}: " + (f"the admin POST took {took * 1000:.0f} ms; " if took is not None else "")
            + "answers while polling per process " + "/".join(str(n) for n in answering.values())
            + f"; workers recycled: {recycled}"
            + (f"; answered by one process only: {', '.join(one_process)}" if one_process else "")
        )  # fmt: skip
    return results, notes


def table(cache, results):
    kinds = list(dict.fromkeys(kind for delays in results.values() for kind in delays))
    print(f"\ncache: {cache} — seconds from the change until every answer shows it")
    print(f"{'page kind':16}" + "".join(f"{event:>12}" for event in EVENTS))
    for kind in kinds:
        cells = []
        for event in EVENTS:
            delay = results.get(event, {}).get(kind, "-")
            cells.append(f"{delay:>12.1f}" if isinstance(delay, float) else f"{delay:>12}")
        print(f"{kind:16}" + "".join(cells))


def main():
    args = arguments()
    folder = Path(tempfile.mkdtemp(prefix="staleness-"))
    with ExitStack() as stack:
        if args.own_cluster:
            args.host_url = stack.enter_context(own_cluster(folder, args.own_cluster))
        env = dict(
            os.environ,
            DATABASE_URL=f"{args.host_url}/{args.db}", DJANGO_SETTINGS_MODULE="config.settings",
            DEBUG="0", SECRET_KEY="staleness-run-only", ALLOWED_HOSTS="127.0.0.1", STATIC_ROOT=str(folder / "static"),
            GUNICORN_BIND=f"127.0.0.1:{args.port}", WEB_CONCURRENCY="2",
            # Plain HTTP on loopback: production otherwise, but no TLS redirect and cookies sent over HTTP.
            SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0",
        )  # fmt: skip
        env.pop("CACHE_URL", None)
        os.environ.update(env)
        try:
            prepare_database(args, env)
            every = {cache: measure(args, env, folder, cache) for cache in args.caches.split(",")}
        finally:
            if not args.keep and not args.own_cluster:
                drop_database(args)
            else:
                from django.db import connections

                connections.close_all()
    for cache, (results, notes) in every.items():
        table(cache, results)
        for note in notes:
            print(f"  {note}")
    print(f"\nlogs: {folder}")


if __name__ == "__main__":
    main()
