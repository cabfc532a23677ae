"""Import documents (files, folders, zips) as articles through the same import job as the admin."""

import sys
import time
import zipfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from editorial.batch import run_job
from editorial.importing import UPLOAD_EXTENSIONS, DocumentError, expand_upload, parse_document
from editorial.intake import find_duplicate
from editorial.jobs import ImportItem, ImportJob
from editorial.tasks import enqueue

POLL_SECONDS = 0.5
# No monitor thread: a large job run here is parsed by forked processes, which needs a single thread.
tqdm.monitor_interval = 0
WORKER_HINT_AFTER = 15  # seconds a job may wait before the command asks whether a worker runs


def _date(value):
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date: ожидается ГГГГ-ММ-ДД, получено «{value}».") from error


class Command(BaseCommand):
    help = (
        "Импортировать статьи из файлов .txt, .md, .html, .docx или .zip (файлы и папки). Пакет больше "
        "IMPORT_BACKGROUND_THRESHOLD документов идёт фоновым заданием (manage.py db_worker) с полосой хода."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="файлы или папки (папки обходятся рекурсивно)")
        parser.add_argument("--publish", action="store_true", help="публиковать полные статьи сразу")
        parser.add_argument("--dry-run", action="store_true", help="только разобрать, ничего не сохранять")
        parser.add_argument("--source", default="", help="источник для документов, где он не указан")
        parser.add_argument("--date", type=str, default=None, help="дата (ГГГГ-ММ-ДД) для документов без даты")
        parser.add_argument("--theme", action="append", default=[], help="тема; можно несколько раз")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--background", action="store_true", help="фоновым заданием при любом размере")
        mode.add_argument("--foreground", action="store_true", help="здесь же при любом размере")
        parser.add_argument("--no-wait", action="store_true", help="поставить фоновое задание и не ждать")
        parser.add_argument("--follow", type=int, metavar="N", help="следить за заданием №N до его конца")

    def handle(self, *args, paths, publish, dry_run, source, date, theme, **options):
        if options["follow"] is not None:
            return self._follow(self._job(options["follow"]))
        if not paths:
            raise CommandError("Укажите файлы или папки (или --follow N).")
        published_on = _date(date) if date else None
        files = self._collect(paths)
        if not files:
            raise CommandError("Не найдено ни одного документа (" + ", ".join(sorted(UPLOAD_EXTENSIONS)) + ").")
        if dry_run:
            return self._dry_run(files)
        job = ImportJob.objects.create(
            origin=ImportJob.Origin.COMMAND,
            files=[{"name": path.name, "path": str(path.resolve())} for path in files],
            publish=publish,
            source_name=source,
            published_on=published_on,
            themes=theme,
        )
        background = options["background"] or (
            not options["foreground"] and count_documents(files) > settings.IMPORT_BACKGROUND_THRESHOLD
        )
        if not background:
            with self._bar(job, len(files) > 20) as bar:
                run_job(job, report=bar.show)
            return self._report(job)
        enqueue(job)
        self.stdout.write(f"Задание импорта №{job.pk} поставлено в очередь ({len(files)} файлов).")
        if options["no_wait"]:
            self.stdout.write(
                f"Следить: manage.py import_articles --follow {job.pk}; в админке: {job.get_absolute_url()}"
            )
            return
        self._follow(job)

    def _job(self, pk):
        try:
            return ImportJob.objects.get(pk=pk)
        except ImportJob.DoesNotExist as error:
            raise CommandError(f"Задания импорта №{pk} нет.") from error

    def _follow(self, job):
        """A progress bar until the job ends (Ctrl+C stops following, not the job), then its report."""
        waited = time.monotonic()
        try:
            with self._bar(job, True) as bar:
                while job.is_active:
                    bar.show(job)
                    if job.state == job.State.QUEUED and time.monotonic() - waited > WORKER_HINT_AFTER:
                        tqdm.write("Задание ждёт обработчика: запущен ли manage.py db_worker?", file=sys.stderr)
                        waited = float("inf")
                    time.sleep(POLL_SECONDS)
                    job.refresh_from_db()
                bar.show(job)
        except KeyboardInterrupt:
            self.stdout.write(f"\nЗадание №{job.pk} продолжается; снова: manage.py import_articles --follow {job.pk}")
            return
        self._report(job, every_line=job.created + job.duplicates + job.failed <= settings.IMPORT_BACKGROUND_THRESHOLD)

    def _bar(self, job, wanted):
        return _Bar(enabled=wanted and sys.stderr.isatty())

    def _report(self, job, every_line=True):
        """A line per document (or per failed one, for a large job), then the totals; fails if any failed."""
        items = job.items.select_related("article").order_by("position")
        if not every_line:
            items = items.filter(status=ImportItem.Status.FAILED)
        for item in items.iterator(chunk_size=1000):
            self.stdout.write(_line(item))
        if job.state == job.State.FAILED:
            raise CommandError(f"Задание №{job.pk} прервано сбоем: {job.error}")
        summary = (
            f"Итого: создано {job.created} (опубликовано {job.published}), "
            f"уже в архиве {job.duplicates}, с ошибками {job.failed}."
        )
        if job.failed:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))

    def _collect(self, paths):
        files = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in UPLOAD_EXTENSIONS)
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{raw}: нет такого файла или папки.")
        return files

    def _dry_run(self, files):
        """Parse only, and say what would happen to each document; nothing is saved."""
        totals = {"created": 0, "duplicate": 0, "failed": 0}
        for path in files:
            try:
                documents = expand_upload(path.name, path.read_bytes())
            except (DocumentError, OSError) as error:
                self.stdout.write(f"✗ {error}")
                totals["failed"] += 1
                continue
            for name, data in documents:
                try:
                    proposal = parse_document(name, data)
                except DocumentError as error:
                    self.stdout.write(f"✗ {error}")
                    totals["failed"] += 1
                    continue
                duplicate = find_duplicate(proposal)
                state = f"уже в архиве (#{duplicate.pk})" if duplicate else "будет создана"
                self.stdout.write(f"· {name}: «{proposal.title}» — {state}{_warnings(proposal.warnings)}")
                totals["duplicate" if duplicate else "created"] += 1
        summary = (
            f"Итого: разобрано бы {totals['created']}, уже в архиве {totals['duplicate']}, "
            f"с ошибками {totals['failed']}."
        )
        if totals["failed"]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))


def count_documents(files):
    """Documents in ``files``: a zip counts its members (read from its directory, not unpacked)."""
    count = 0
    for path in files:
        if path.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(path) as archive:
                    count += sum(1 for info in archive.infolist() if not info.is_dir())
                continue
            except (zipfile.BadZipFile, OSError):
                pass
        count += 1
    return count


def _warnings(warnings):
    return f" [{' '.join(warnings)}]" if warnings else ""


def _line(item):
    article, Status = item.article, ImportItem.Status
    if item.status == Status.FAILED:
        return f"✗ {item.message}"
    if item.status == Status.SKIPPED:
        return f"· {item.filename}: пропущен"
    ref = f"«{article}» (#{article.pk})" if article else "(статья удалена)"
    if item.status == Status.DUPLICATE:
        return f"= {item.filename}: уже в архиве {ref}"
    warnings = _warnings(item.warnings)
    if item.status == Status.PUBLISHED:
        return f"✓ {item.filename}: опубликована {ref}{warnings}"
    notes = f" ({item.message})" if item.message else ""
    return f"✓ {item.filename}: черновик {ref}{warnings}{notes}"


class _Bar:
    """tqdm's bar on the terminal, following a job's phase and progress (silent elsewhere)."""

    PHASES = {"queued": "В очереди", "parsing": "Разбор", "importing": "Импорт"}

    def __init__(self, enabled):
        self.enabled, self.bar, self.phase = enabled, None, None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()

    def show(self, job):
        if not self.enabled:
            return
        if job.state != self.phase:
            if self.bar is not None:
                self.bar.close()
            self.phase = job.state
            desc = self.PHASES.get(job.state)
            self.bar = tqdm(total=job.total, desc=desc, unit="док", file=sys.stderr) if desc else None
        if self.bar is not None:
            self.bar.total = job.total
            self.bar.n = job.done
            self.bar.refresh()
