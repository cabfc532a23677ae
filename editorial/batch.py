"""Running an import job: its files parsed into items, then the chosen items imported.

``run_job`` is the one function behind every import: ``manage.py
import_articles`` calls it for a small batch, the background task
(``editorial.tasks``) for a large one or for an admin upload. Documents are
imported in chunks, one transaction per chunk and a savepoint per document:
a document that fails is rolled back alone and gets its own error line, and
the job's progress and counts are saved with each chunk.
"""

import time
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone

from .importing import DocumentError, expand_upload, parse_document
from .intake import Matches, Outcome, find_duplicate, import_proposal
from .jobs import ImportItem, ImportJob

CHUNK = 100  # documents per transaction
PROGRESS_EVERY = 0.5  # seconds between progress saves while parsing


def run_job(job, report=None):
    """Take ``job`` as far as it goes: parse its files unless done, then import, unless an
    editor must confirm an upload first. ``report(job)`` is called as progress is saved."""
    report = report or (lambda job: None)
    if job.started_at is None:
        job.progress(started_at=timezone.now())
    try:
        if job.parse_seconds is None:
            parse_files(job, report)
            if job.origin == ImportJob.Origin.ADMIN:
                job.progress(state=ImportJob.State.REVIEW)
                return job
        import_items(job, report)
    except BaseException as error:  # recorded for the admin, then raised again to the task runner
        job.progress(state=ImportJob.State.FAILED, error=f"{type(error).__name__}: {error}", finished_at=timezone.now())
        raise
    return job


def parse_files(job, report):
    job.progress(state=ImportJob.State.PARSING, total=len(job.files), done=0)
    started = time.perf_counter()
    position = job.items.count()  # files refused at upload come first
    pending, saved_at = [], time.monotonic()
    for done, entry in enumerate(job.files, 1):
        for item in _parse_file(entry):
            item.job, item.position, item.publish = job, position, job.publish
            position += 1
            pending.append(item)
        if len(pending) >= CHUNK or time.monotonic() - saved_at > PROGRESS_EVERY or done == len(job.files):
            ImportItem.objects.bulk_create(pending)
            pending, saved_at = [], time.monotonic()
            job.progress(done=done)
            report(job)
    if job.origin == ImportJob.Origin.ADMIN:
        _mark_duplicates(job)
    failed = job.items.filter(status=ImportItem.Status.FAILED).count()
    job.progress(parse_seconds=time.perf_counter() - started, failed=failed)
    job.remove_files()


def _parse_file(entry):
    """Unsaved items for one file: a document, or each document of a zip, or the reason it was refused."""
    name = entry["name"]
    try:
        documents = expand_upload(name, Path(entry["path"]).read_bytes())
    except DocumentError as error:
        yield ImportItem(filename=name, status=ImportItem.Status.FAILED, message=str(error))
        return
    except OSError:
        yield ImportItem(filename=name, status=ImportItem.Status.FAILED, message=f"{name}: файл не удалось прочитать.")
        return
    for document_name, data in documents:
        try:
            proposal = parse_document(document_name, data)
        except DocumentError as error:
            yield ImportItem(filename=document_name, status=ImportItem.Status.FAILED, message=str(error))
        else:
            yield ImportItem(filename=document_name, proposal=proposal.to_dict())


def _mark_duplicates(job):
    """For the editor's preview: documents already in the archive start unticked."""
    items = list(job.items.exclude(proposal=None))
    for item in items:
        item.duplicate_of = find_duplicate(item.get_proposal())
        item.chosen = item.duplicate_of is None
    ImportItem.objects.bulk_update(items, ["duplicate_of", "chosen"], batch_size=500)


def import_items(job, report):
    pending = job.items.filter(status=ImportItem.Status.PENDING)
    pending.filter(chosen=False).update(status=ImportItem.Status.SKIPPED)
    ids = list(pending.filter(chosen=True).order_by("position").values_list("pk", flat=True))
    job.progress(state=ImportJob.State.IMPORTING, total=len(ids), done=0)
    report(job)
    started = time.perf_counter()
    counts = {name: getattr(job, name) for name in ("created", "published", "duplicates", "failed")}
    matches = Matches()  # authors, sources, disclaimers: looked up once per batch
    for start in range(0, len(ids), CHUNK):
        items = list(ImportItem.objects.filter(pk__in=ids[start : start + CHUNK]).order_by("position"))
        with transaction.atomic():
            for item in items:
                _import_item(job, item, matches)
                counts[_COUNTED[item.status]] += 1
                if item.status == ImportItem.Status.PUBLISHED:
                    counts["created"] += 1
            ImportItem.objects.bulk_update(items, ["status", "message", "article"])
            job.progress(done=start + len(items), **counts)
        report(job)
    job.progress(state=ImportJob.State.DONE, finished_at=timezone.now(), import_seconds=time.perf_counter() - started)
    report(job)


_COUNTED = {
    ImportItem.Status.CREATED: "created",
    ImportItem.Status.PUBLISHED: "published",
    ImportItem.Status.DUPLICATE: "duplicates",
    ImportItem.Status.FAILED: "failed",
}


def _import_item(job, item, matches):
    try:
        outcome = import_proposal(
            item.get_proposal(),
            publish=item.publish,
            source_name=job.source_name,
            published_on=job.published_on,
            themes=job.themes,
            title=item.title,
            matches=matches,
        )
    except DatabaseError as error:  # its savepoint is rolled back; the others go on
        matches.forget()
        item.status = ImportItem.Status.FAILED
        item.message = f"{item.filename}: не сохранён — база данных отказала ({str(error).strip()[:200]})."
        return
    matches.keep()
    item.article = outcome.article
    item.message = "; ".join(outcome.notes)
    if outcome.status == Outcome.DUPLICATE:
        item.status = ImportItem.Status.DUPLICATE
    elif outcome.article.status == outcome.article.Status.PUBLISHED:
        item.status = ImportItem.Status.PUBLISHED
    else:
        item.status = ImportItem.Status.CREATED
