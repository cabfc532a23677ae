"""Benchmark: CPU time per imported document, which a busy machine does not distort as it does wall time.

Usage (a scratch PostgreSQL database: it is migrated and filled):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench_cpu \\
        .venv/bin/python benchmarks/import_cpu.py [N]

Imports N (2,000) documents generated as in ``import_background.py`` through ``run_job`` in this
process and prints the CPU milliseconds per document of this process (duplicate checks, authors,
saves), of the parsing processes, and of this connection's PostgreSQL backend (read from /proc:
the database must run on this machine), with the floor (a bare ``bulk_create`` of as many
articles) measured the same way. The rate they allow on an idle machine of C cores is bounded
by the writer and its backend, which work in turn, and by all of it spread over C cores.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_background import floor, generate

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def backend_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(work, backend):
    """``work()``'s CPU seconds: (this process, its finished children, the PostgreSQL backend)."""
    before = time.process_time(), os.times(), backend_seconds(backend)
    work()
    after = time.process_time(), os.times(), backend_seconds(backend)
    children = [t.children_user + t.children_system for t in (before[1], after[1])]
    return after[0] - before[0], children[1] - children[0], after[2] - before[2]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (see the docstring).")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from editorial.batch import run_job
    from editorial.models import ImportJob

    call_command("migrate", verbosity=0)
    folder = Path(tempfile.mkdtemp(prefix="import_cpu_"))
    generate(folder, count)
    files = [{"name": path.name, "path": str(path)} for path in sorted(folder.iterdir())]
    job = ImportJob.objects.create(origin=ImportJob.Origin.COMMAND, files=files, publish=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    rows = [
        ("import (run_job)", measure(lambda: run_job(job), backend)),
        ("floor: bulk_create of bare articles", measure(lambda: floor(count), backend)),
    ]
    job.refresh_from_db()
    print(f"job: created {job.created}, duplicates {job.duplicates}, failed {job.failed}")
    print(f"\n{'CPU ms per document':36} {'writer':>8} {'parsing':>8} {'postgres':>8} {'total':>8}")
    for what, seconds in rows:
        print(f"{what:36} " + " ".join(f"{1000 * s / count:>8.2f}" for s in (*seconds, sum(seconds))))
    writer, parsing, postgres = rows[0][1]
    cores = os.cpu_count() or 1
    bound = count / max(writer + postgres, (writer + parsing + postgres) / cores)
    print(f"\nat most {bound:.0f} documents/s end to end on an idle machine of {cores} cores")


if __name__ == "__main__":
    main()
