"""Readers' latency while two editors import large uploads, under gunicorn with config/gunicorn.conf.py.

Usage (a scratch PostgreSQL database; loopback only; ends by itself):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_load \\
        .venv/bin/python scripts/load_during_import.py [--port 8103] [--seconds 60] [--config config/gunicorn.conf.py]

Starts gunicorn and one ``db_worker`` on the scratch database; four readers fetch the home
page, an article, a feed and a search in a loop for a quarter of the time alone (the
baseline), then again while two editors
each log in, upload a .zip of 400 documents plus a 4.5 MB document through the admin's
multipart form and confirm the import (a background job). Prints the readers' status counts
and latency percentiles for both phases, the editors' request times and the jobs' outcomes.
"""

import argparse
import http.cookiejar
import io
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load-test-password-2026"


def zip_of_documents(editor, count):
    rng = random.Random(editor)
    paragraphs = [
        p for s in (ROOT / "demo").glob("*.txt") for p in s.read_text(encoding="utf-8").split("\n") if len(p) > 150
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(count):
            body = "\n\n".join(rng.sample(paragraphs, 5))
            day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
            text = f"date {day}\n\nМатериал {editor}-{i}\n\n{editor} {i}. {body}\n\nАвтор: Иван Петров"
            archive.writestr(f"{editor}/doc_{i:03d}.txt", text)
    return buffer.getvalue()


def big_document(editor):
    rng = random.Random(editor + "big")
    words = ["".join(rng.choice("абвгдежзиклмнопрстуфхцчшэюя") for _ in range(rng.randint(2, 10))) for _ in range(3000)]
    paragraphs, size = [f"Большой документ {editor}"], 0
    while size < 4_500_000:
        paragraphs.append(" ".join(rng.choice(words) for _ in range(100)).capitalize() + ".")
        size += len(paragraphs[-1].encode()) + 2
    return "\n\n".join(paragraphs).encode()[:4_700_000]


def multipart(fields, files):
    boundary = f"----load{random.getrandbits(64):x}"
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
        )
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


class Browser:
    def __init__(self, base):
        self.base, self.jar = base, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, path, data=None, content_type=None):
        request = urllib.request.Request(self.base + path, data=data, headers={"Referer": self.base + path})
        if content_type:
            request.add_header("Content-Type", content_type)
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as response:
                body, status, url = response.read(), response.status, response.url
        except urllib.error.HTTPError as error:
            body, status, url = error.read(), error.code, path
        return status, body.decode("utf-8", "replace"), url, time.perf_counter() - start

    def csrf(self, page):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def editor(base, name, timings):
    browser = Browser(base)
    _, page, _, _ = browser.open("/admin/login/")
    form = urllib.parse.urlencode({"username": name, "password": PASSWORD, "csrfmiddlewaretoken": browser.csrf(page)})
    browser.open("/admin/login/?next=/admin/", form.encode(), "application/x-www-form-urlencoded")
    _, page, _, _ = browser.open("/admin/editorial/article/upload/")
    body, content_type = multipart(
        {"csrfmiddlewaretoken": browser.csrf(page)},
        [("files", (f"{name}.zip", zip_of_documents(name, 400))), ("files", (f"{name}-big.txt", big_document(name)))],
    )
    status, page, job_url, seconds = browser.open("/admin/editorial/article/upload/", body, content_type)
    timings.append((name, "upload 6.5 MB", status, seconds))
    while "ждёт подтверждения" not in page:  # parsing runs in the worker
        time.sleep(1)
        status, page, job_url, _ = browser.open(urllib.parse.urlparse(job_url).path)
    choices = [("csrfmiddlewaretoken", browser.csrf(page))]
    choices += [("import", key) for key in re.findall(r'name="import" value="(\d+)"', page)]
    choices += [("publish", key) for key in re.findall(r'name="publish" value="(\d+)"', page)]
    choices.append(("publish_rest", "1"))
    path = urllib.parse.urlparse(job_url).path
    status, page, _, seconds = browser.open(
        path, urllib.parse.urlencode(choices).encode(), "application/x-www-form-urlencoded"
    )
    timings.append((name, "confirm", status, seconds))


def reader(base, paths, stop, results):
    browser = Browser(base)
    while not stop.is_set():
        for path in paths:
            status, _, _, seconds = browser.open(path)
            results.append((status, seconds))


def main():
    signal.signal(signal.SIGTERM, lambda *args: sys.exit("stopped"))  # still stop the server and worker
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8103)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--config", default=str(ROOT / "config/gunicorn.conf.py"))
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (see the docstring).")
    base = f"http://127.0.0.1:{args.port}"
    manage = [sys.executable, str(ROOT / "manage.py")]
    spool = tempfile.mkdtemp(prefix="load_spool_")
    env = {
        **os.environ,
        "IMPORT_DIR": spool,
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }
    subprocess.run([*manage, "migrate", "-v0"], check=True, env=env)
    subprocess.run([*manage, "import_articles", str(ROOT / "demo"), "--publish"], env=env, capture_output=True)
    for name in ("editor_a", "editor_b"):
        subprocess.run([*manage, "create_editor", name], env={**env, "EDITOR_PASSWORD": PASSWORD}, capture_output=True)
    procs = [
        subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", args.config, "config.wsgi"], env=env, cwd=ROOT),
        subprocess.Popen([*manage, "db_worker", "--no-reload", "--interval", "0.5", "-v0"], env=env),
    ]
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        article = re.search(
            r'href="(/\d{4}/\d\d/\d\d/[^"]+/)"', urllib.request.urlopen(base + "/").read().decode()
        ).group(1)
        paths = ["/", article, "/feeds/rss/", "/search/?q=" + urllib.parse.quote("Казахстан")]
        stop, baseline, results, timings = threading.Event(), [], [], []
        readers = [threading.Thread(target=reader, args=(base, paths, stop, baseline)) for _ in range(4)]
        for thread in readers:  # the readers alone first, on the same machine at the same time of day
            thread.start()
        time.sleep(args.seconds / 4)
        stop.set()
        for thread in readers:
            thread.join()
        stop = threading.Event()
        readers = [threading.Thread(target=reader, args=(base, paths, stop, results)) for _ in range(4)]
        editors = [
            threading.Thread(target=editor, args=(base, name, timings), daemon=True)
            for name in ("editor_a", "editor_b")
        ]
        for thread in readers + editors:
            thread.start()
        deadline = time.monotonic() + args.seconds
        for thread in editors:
            thread.join(timeout=max(0, deadline - time.monotonic()))
        time.sleep(max(0, min(10, deadline - time.monotonic())))  # readers go on while the jobs import
        stop.set()
        for thread in readers:
            thread.join()
        report(baseline, results, timings, env, manage)
    finally:
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:  # the worker would finish its job first
                proc.kill()
                proc.wait()


def report(baseline, results, timings, env, manage):
    for title, rows in (("readers alone", baseline), ("readers while two editors import", results)):
        latencies = sorted(seconds for _, seconds in rows)
        statuses = Counter(status for status, _ in rows)

        def pct(p, latencies=latencies):
            return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

        print(f"{title}: {len(rows)} requests, statuses {dict(statuses)}")
        print(f"  latency ms: p50 {pct(50):.0f}, p95 {pct(95):.0f}, p99 {pct(99):.0f}, max {latencies[-1] * 1000:.0f}, "
              f"mean {statistics.mean(latencies) * 1000:.0f}")  # fmt: skip
    for name, what, status, seconds in timings:
        print(f"{name}: {what} → {status} in {seconds:.1f} s")
    code = (
        "from editorial.models import ImportJob\n"
        "for j in ImportJob.objects.filter(origin='admin'):\n"
        "    print(f'  job {j.pk}: {j.state}, {j.done}/{j.total}, created {j.created}, failed {j.failed}')"
    )
    jobs = subprocess.run([*manage, "shell", "-c", code], env=env, capture_output=True, text=True)
    print("jobs at the end of the run:\n" + jobs.stdout.rstrip())


if __name__ == "__main__":
    main()
