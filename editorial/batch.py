"""Running an import job: its files parsed into items, then the chosen items imported.

``run_job`` is the one function behind every import: ``manage.py
import_articles`` calls it for a small batch, the background task
(``editorial.tasks``) for a large one or for an admin upload. An upload is
parsed first and waits for its editor; the command's files are parsed and
imported chunk by chunk in one pass. Documents are imported one transaction
per chunk, written together (``intake_chunk``); a document that fails is
rolled back alone and gets its own error line, and the job's progress and
counts are saved with each chunk.
"""

import os
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import django
from django.db import reset_queries, transaction
from django.utils import timezone

from .importing import DocumentError, expand_upload, parse_document
from .intake import Matches, Outcome, prepare
from .intake_chunk import find_duplicates, import_chunk
from .jobs import ImportItem, ImportJob

CHUNK = 100  # documents per transaction
PARSE_PROCESSES = max(1, min(4, (os.cpu_count() or 1) - 1))  # for a job of several chunks
PARSE_AHEAD = 2  # chunks parsed beyond those being parsed now


def run_job(job, report=None):
    """Take ``job`` as far as it goes: parse its files unless done, then import, unless an
    editor must confirm an upload first. ``report(job)`` is called as progress is saved."""
    report = report or (lambda job: None)
    if job.started_at is None:
        job.progress(started_at=timezone.now())
    try:
        if job.parse_seconds is None:
            if job.origin == ImportJob.Origin.COMMAND:
                stream_files(job, report)
            else:  # an upload waits for its editor's confirmation
                parse_files(job, report)
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
    position, done = job.items.count(), 0  # files refused at upload come first
    for files, parsed in _parsed_chunks(job.files):
        for item, proposal in parsed:
            item.job, item.position, item.publish = job, position, job.publish
            item.proposal = proposal.to_dict() if proposal else None
            position += 1
        ImportItem.objects.bulk_create([item for item, _ in parsed])
        done += files
        job.progress(done=done)
        reset_queries()
        report(job)
    if job.origin == ImportJob.Origin.ADMIN:
        _mark_duplicates(job)
    failed = job.items.filter(status=ImportItem.Status.FAILED).count()
    job.progress(parse_seconds=time.perf_counter() - started, failed=failed)
    job.remove_files()


def stream_files(job, report):
    """The command's path: each chunk of files parsed, then imported, then its items saved."""
    job.progress(state=ImportJob.State.IMPORTING, total=len(job.files), done=0)
    report(job)
    seconds = {"parse": 0.0, "import": 0.0}
    counts = {name: getattr(job, name) for name in _COUNTED.values()}
    matches, position, done = Matches(), job.items.count(), 0
    chunks = _parsed_chunks(job.files)
    while True:
        began = time.perf_counter()
        files, parsed = next(chunks, (None, None))
        seconds["parse"] += time.perf_counter() - began
        if files is None:
            break
        done += files
        began = time.perf_counter()
        with transaction.atomic():
            for item, _ in parsed:
                item.job, item.position, item.publish = job, position, job.publish
                position += 1
            _import_chunk(job, [(item, proposal) for item, proposal in parsed if proposal is not None], matches)
            for item, _ in parsed:
                counts[_COUNTED[item.status]] += 1
                counts["created"] += item.status == ImportItem.Status.PUBLISHED
            ImportItem.objects.bulk_create([item for item, _ in parsed])
            job.progress(done=done, **counts)
        seconds["import"] += time.perf_counter() - began
        reset_queries()  # with DEBUG on, Django keeps every query of a long job otherwise
        report(job)
    job.progress(
        state=ImportJob.State.DONE,
        finished_at=timezone.now(),
        parse_seconds=seconds["parse"],
        import_seconds=seconds["import"],
    )
    report(job)


def _parsed_chunks(files):
    """``(number of files, [(unsaved item, proposal or None)])`` for each chunk of ``files``.

    Parsing is CPU work and importing mostly waits for the database, so a job of several
    chunks is parsed by other processes, a few chunks ahead of the one being imported.
    """
    chunks = [files[start : start + CHUNK] for start in range(0, len(files), CHUNK)]
    # Forking is safe only from a single-threaded process: a job run by a request of a threaded
    # server is parsed here.
    if len(chunks) <= 1 or threading.active_count() > 1:
        yield from ((len(chunk), _parse_chunk(chunk)) for chunk in chunks)
        return
    with ProcessPoolExecutor(PARSE_PROCESSES, initializer=django.setup) as pool:
        queued = deque(chunks)
        pending = deque(pool.submit(_parse_chunk, queued.popleft()) for _ in chunks[: PARSE_PROCESSES + PARSE_AHEAD])
        for chunk in chunks:
            parsed = pending.popleft().result()
            if queued:
                pending.append(pool.submit(_parse_chunk, queued.popleft()))
            yield len(chunk), parsed


def _parse_chunk(entries):
    return [pair for entry in entries for pair in _parse_file(entry)]


def _parse_file(entry):
    """``(unsaved item, proposal or None)`` for one file: a document, each document of a zip,
    or the reason it was refused."""
    name, Failed = entry["name"], ImportItem.Status.FAILED
    try:
        documents = expand_upload(name, Path(entry["path"]).read_bytes())
    except DocumentError as error:
        yield ImportItem(filename=name, status=Failed, message=str(error)), None
        return
    except OSError:
        yield ImportItem(filename=name, status=Failed, message=f"{name}: файл не удалось прочитать."), None
        return
    for document_name, data in documents:
        try:
            proposal = prepare(parse_document(document_name, data))
        except DocumentError as error:
            yield ImportItem(filename=document_name, status=Failed, message=str(error)), None
        else:
            yield ImportItem(filename=document_name, warnings=proposal.warnings), proposal


def _mark_duplicates(job):
    """For the editor's preview: documents already in the archive start unticked."""
    items = list(job.items.exclude(proposal=None))
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        for item, duplicate in zip(chunk, find_duplicates([item.get_proposal() for item in chunk]), strict=True):
            item.duplicate_of, item.chosen = duplicate, duplicate is None
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
            _import_chunk(job, [(item, item.get_proposal()) for item in items], matches)
            for item in items:
                counts[_COUNTED[item.status]] += 1
                if item.status == ImportItem.Status.PUBLISHED:
                    counts["created"] += 1
            ImportItem.objects.bulk_update(items, ["status", "message", "article"])
            job.progress(done=start + len(items), **counts)
        reset_queries()
        report(job)
    job.progress(state=ImportJob.State.DONE, finished_at=timezone.now(), import_seconds=time.perf_counter() - started)
    report(job)


_COUNTED = {
    ImportItem.Status.CREATED: "created",
    ImportItem.Status.PUBLISHED: "published",
    ImportItem.Status.DUPLICATE: "duplicates",
    ImportItem.Status.FAILED: "failed",
}


def _import_chunk(job, pairs, matches):
    """Import ``(item, proposal)`` pairs together and record each item's outcome: a document
    that fails is rolled back alone (``intake_chunk``) and its item says why; the others go on."""
    outcomes = import_chunk(
        [(proposal, item.publish, item.title) for item, proposal in pairs],
        source_name=job.source_name,
        published_on=job.published_on,
        themes=job.themes,
        matches=matches,
    )
    for (item, _), outcome in zip(pairs, outcomes, strict=True):
        item.article = outcome.article
        item.message = "; ".join(outcome.notes)
        if outcome.status == Outcome.FAILED:
            item.status = ImportItem.Status.FAILED
            item.message = f"{item.filename}: {item.message}"
        elif outcome.status == Outcome.DUPLICATE:
            item.status = ImportItem.Status.DUPLICATE
        elif outcome.article.status == outcome.article.Status.PUBLISHED:
            item.status = ImportItem.Status.PUBLISHED
        else:
            item.status = ImportItem.Status.CREATED
