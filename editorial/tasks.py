"""Background tasks (Django's tasks framework): a thin wrapper around ``batch.run_job``."""

from django_tasks import task

from .batch import run_job
from .jobs import ImportJob


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
