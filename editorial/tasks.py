"""Background tasks (Django's tasks framework): thin wrappers around ``batch.run_job`` and
``tallies.advance``."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import tallies
from .batch import run_job
from .jobs import ImportJob

COUNT_RETRY = timedelta(seconds=5)


@task()
def run_import_job(job_id):
    """Parse and/or import job ``job_id``; progress and errors are kept on the job itself."""
    job = ImportJob.objects.get(pk=job_id)
    if job.state not in ImportJob.ACTIVE_STATES:  # already run (e.g. a duplicate delivery)
        return job.state
    return run_job(job).state


def enqueue(job):
    """Hand ``job`` to the background worker (``manage.py db_worker``)."""
    job.progress(state=ImportJob.State.QUEUED, background=True)
    run_import_job.enqueue(job.pk)
    return job


@task()
def count_due_articles():
    """Count the articles whose time has come into the tallies (``tallies.advance``). While a write
    holds the watermark the step is not waited for (editors would wait behind it): it is tried
    again ``COUNT_RETRY`` later."""
    until = tallies.advance(wait=False)
    if until is None and count_due_articles.get_backend().supports_defer:
        count_due_articles.using(run_after=timezone.now() + COUNT_RETRY).enqueue()
    return until and until.isoformat()


def count_when_due(sender, model, instance=None, instances=(), **kwargs):
    """Receiver of ``content_changed``: a published article the tallies do not count yet gets
    ``count_due_articles`` queued now, or at its publication time when that is still to come.
    Reads are exact without it (they count such articles live); it keeps them cheap."""
    from .models import Article

    if model is not Article:
        return
    articles = list(instances) or ([instance] if instance is not None else [])
    moments = [a.published_at for a in articles if a.status == Article.Status.PUBLISHED and a.published_at]
    now = timezone.now()
    for moment in sorted({max(moment, now) for moment in tallies.uncounted(moments)}):
        if moment <= now:
            count_due_articles.enqueue()
        elif count_due_articles.get_backend().supports_defer:
            count_due_articles.using(run_after=moment).enqueue()
