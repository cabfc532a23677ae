"""Benchmark: 20,000 generated documents imported by the background job, on PostgreSQL.

Usage (a scratch database: it is migrated and filled; its articles are deleted first):
    createdb -h 127.0.0.1 -U postgres archive_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench \\
        .venv/bin/python benchmarks/import_background.py [--count 20000] [--foreground] \
        [--screenshot PREFIX --port 8103]

Generates varied documents from the demo texts (.txt, .md, .html; dates in several
forms; 300 authors with positions; 40 sources; opinion pieces with disclaimers;
about 3 % exact duplicates and 0.5 % empty files), then prints:
- recognition alone: ``parse_document`` over every document, in this process, no database;
- the floor: the same number of articles written with one ``bulk_create`` (no parsing, no
  checks, rolled back) — the least any import can cost on this database;
- end to end: ``import_articles --background`` with a ``db_worker`` running, from the
  command's start to the job's end (parsing, duplicate checks, authors, sources, saves);
  with ``--foreground``, the command importing in its own process instead.
With ``--screenshot PREFIX`` it also serves the admin with gunicorn on 127.0.0.1:PORT and
saves headless-Chromium screenshots of the job's page while the job runs and once it is done
(``PREFIX-during.png``, ``PREFIX-after.png``).
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM is not used while Playwright runs

FIRST = "Андрей Айгерим Пётр Әлия Дмитрий Ержан Мария Нурлан Ольга Сергей Асель Тимур Гульнара Виктор Дана".split()
LAST = ["Серенко", "Нурланова", "Иванов", "Нұрланқызы", "Орлов", "Сатпаев", "Кузнецова", "Абенов", "Смирнова",
        "Попов", "Жумабаева", "Ахметов", "Исаева", "Ким", "Токаева"]  # fmt: skip
POSITIONS = ["политолог", "директор Центра евразийских исследований", "эксперт Института мировой экономики",
             "профессор КазНУ", "журналист", "научный сотрудник РИСИ", ""]  # fmt: skip
SOURCES = [f"{name}.kz" for name in ("Contur", "Tengrinews", "Kursiv", "Vlast", "Orda", "Liter", "Zakon", "Inform",
           "Caravan", "Azattyq")] + [f"{name}.ru" for name in ("Eurasia", "Ritm", "Regnum", "Izvestia", "Vedomosti",
           "Kommersant", "Expert", "Profile", "Rg", "Ria")] + [f"Агентство {i}" for i in range(20)]  # fmt: skip
MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря"]  # fmt: skip
DISCLAIMERS = [
    "Автор выражает личное мнение, которое может не совпадать с позицией редакции.",
    "Мнение автора может не совпадать с точкой зрения редакции.",
]


def generate(folder, count):
    rng = random.Random(2026)
    paragraphs = []
    for seed in sorted((ROOT / "demo").glob("*.txt")):
        paragraphs += [p.strip() for p in seed.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 150]
    authors = [(f"{rng.choice(FIRST)} {last}", rng.choice(POSITIONS)) for last in LAST for _ in range(20)]
    written = []
    for i in range(count):
        if written and rng.random() < 0.03:  # the same document sent twice
            name, content = rng.choice(written)
            (folder / f"again_{i:05d}{Path(name).suffix}").write_bytes(content)
            continue
        if rng.random() < 0.005:
            (folder / f"empty_{i:05d}.txt").write_bytes(b"")
            continue
        name, content = _document(rng, i, paragraphs, authors)
        (folder / name).write_bytes(content)
        written.append((name, content))


def _document(rng, i, paragraphs, authors):
    day, month, year = 1 + i % 28, 1 + (i // 28) % 12, 2015 + i % 11
    date = rng.choice([f"date {year}-{month:02d}-{day:02d}", f"{day:02d}.{month:02d}.{year}",
                       f"Дата: {day} {MONTHS[month - 1]} {year}"])  # fmt: skip
    opening = rng.choice(["Почему", "Как", "Что значит", "Итоги:", "Зачем"])
    title = f"{opening} {rng.choice(paragraphs)[:60].rsplit(' ', 1)[0]} ({i})"
    body = rng.sample(paragraphs, rng.randint(3, 8))
    body[0] = f"Материал {i}. {body[0]}"
    body.append(f"Вывод {i}: {rng.choice(paragraphs)[:120]}")  # the body, not only the lead, is its own
    name, position = rng.choice(authors)
    byline = f"Автор: {position} {name}".strip() if position else f"Автор: {name}"
    tail = [byline]
    if rng.random() < 0.7:
        source = rng.choice(SOURCES)
        tail.append(
            f"Источник: {source} https://{source.lower().replace(' ', '-')}/{year}/{i}"
            if "." in source
            else f"Источник: {source}"
        )
    if rng.random() < 0.2:
        tail.append(rng.choice(DISCLAIMERS))
    kind = rng.random()
    if kind < 0.8:
        text = "\n\n".join([date, title, *body, *tail])
        return f"doc_{i:05d}.txt", text.encode()
    if kind < 0.9:
        text = "\n\n".join([date, f"# {title}", *body, *tail])
        return f"doc_{i:05d}.md", text.encode()
    html = "".join(f"<p>{p}</p>" for p in [date, *body, *tail])
    return f"doc_{i:05d}.html", f"<html><body><h1>{title}</h1>{html}</body></html>".encode()


def recognise(folder):
    from editorial.importing import DocumentError, parse_document

    files = sorted(folder.iterdir())
    start = time.perf_counter()
    for path in files:
        try:
            parse_document(path.name, path.read_bytes())
        except DocumentError:
            pass
    return len(files), time.perf_counter() - start


def floor(count):
    """Seconds to write ``count`` bare articles in one bulk insert, rolled back."""
    from django.db import transaction

    from editorial.models import Article

    class Rollback(Exception):
        pass

    start = time.perf_counter()
    try:
        with transaction.atomic():
            Article.objects.bulk_create(
                [Article(title=f"t{i}", slug=f"floor-{i}", body=f"<p>{i}</p>") for i in range(count)], batch_size=1000
            )
            elapsed = time.perf_counter() - start
            raise Rollback
    except Rollback:
        return elapsed


def main():
    signal.signal(signal.SIGTERM, lambda *args: sys.exit("stopped"))  # still stop the worker and server
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000, help="documents generated and recognised")
    parser.add_argument("--import-count", type=int, help="of which imported end to end (default: all)")
    parser.add_argument("--foreground", action="store_true", help="the command imports, no worker")
    parser.add_argument("--screenshot", type=Path, metavar="PREFIX")
    parser.add_argument("--port", type=int, default=8103, help="of the admin for the screenshots")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (see the docstring).")
    import django

    django.setup()
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True)
    from editorial.models import Article, Author, ImportJob, Source

    Article.objects.all().delete()  # a scratch database: start from an empty archive
    Author.objects.all().delete()
    Source.objects.all().delete()
    ImportJob.objects.all().delete()

    tmp = Path(tempfile.mkdtemp(prefix="import_bench_"))
    procs = []
    try:
        folder = tmp / "docs"
        folder.mkdir()
        generate(folder, args.count)
        files, seconds = recognise(folder)
        rows = [("recognition alone (parse_document, no DB)", files, seconds)]
        if args.import_count and args.import_count < files:
            subset = tmp / "subset"
            subset.mkdir()
            for path in sorted(folder.iterdir())[: args.import_count]:
                path.rename(subset / path.name)
            folder, files = subset, args.import_count
        env = {**os.environ, "IMPORT_DIR": str(tmp / "spool")}
        if not args.foreground:
            procs.append(subprocess.Popen([*manage, "db_worker", "--no-reload", "--interval", "0.2", "-v0"], env=env))
        if args.screenshot:
            procs.append(_serve(env, args.port))
        start = time.perf_counter()
        mode = "--foreground" if args.foreground else "--background"
        command = subprocess.Popen(
            [*manage, "import_articles", str(folder), "--publish", mode],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        procs.append(command)
        if args.screenshot:
            _screenshot(f"{args.screenshot}-during.png", args.port, lambda job: job.done >= job.total * 0.3)
        output = command.communicate()[0]
        elapsed = time.perf_counter() - start
        if args.screenshot:
            _screenshot(f"{args.screenshot}-after.png", args.port, lambda job: False)
        job = ImportJob.objects.get()
        rows += [
            ("  job: waiting for parsed chunks", files, job.parse_seconds),
            ("  job: writing (duplicates, authors, saves)", job.total, job.import_seconds),
            (f"end to end (command → job done, {'foreground' if args.foreground else 'worker'})", files, elapsed),
            ("floor: bulk_create of bare articles", job.total, floor(job.total)),
        ]
        print(output.strip().splitlines()[-1])
        print(
            f"job №{job.pk}: state {job.state}, created {job.created}, published {job.published}, duplicates "
            f"{job.duplicates}, failed {job.failed}; articles in the archive: {Article.objects.count()}"
        )
        print(f"\n{'what':45} {'docs':>6} {'seconds':>8} {'docs/s':>8}")
        for what, count, secs in rows:
            print(f"{what:45} {count:>6} {secs:>8.1f} {count / secs:>8.0f}")
        print(
            f"\nend to end is {elapsed / rows[-1][2]:.0f}× the floor; targets: recognition ≥ 500/s, end to end ≥ 200/s"
        )
    finally:
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:  # a worker finishes its task before it stops
                proc.kill()
                proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def _serve(env, port):
    from django.contrib.auth.models import User

    User.objects.filter(username="bench").delete()
    User.objects.create_superuser("bench", "bench@example.org", "bench-password-2026")
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "config/gunicorn.conf.py"), "config.wsgi"],
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_ACCESS_LOG": "/dev/null"}, cwd=ROOT,
    )  # fmt: skip


def _screenshot(path, port, far_enough):
    """The job's admin page once ``far_enough(job)`` or the job is over (headless Debian Chromium)."""
    try:
        _take_screenshot(path, port, far_enough)
    except Exception as error:  # the figures matter more than the picture
        print(f"no screenshot: {error}")


def _take_screenshot(path, port, far_enough):
    from playwright.sync_api import sync_playwright

    from editorial.models import ImportJob

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline:
        job = ImportJob.objects.first()
        if job and (job.state in ("done", "failed") or (job.state == "importing" and far_enough(job))):
            break
        time.sleep(0.5)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ru-RU")
        page.goto(f"http://127.0.0.1:{port}/admin/login/")
        page.fill("#id_username", "bench")
        page.fill("#id_password", "bench-password-2026")
        page.click("input[type=submit]")
        page.goto(f"http://127.0.0.1:{port}{job.get_absolute_url()}")
        page.screenshot(path=str(path), timeout=120_000)  # the viewport: the page refreshes itself
        browser.close()
    print(f"screenshot of job №{job.pk} at {job.done}/{job.total}: {path}")


if __name__ == "__main__":
    main()
