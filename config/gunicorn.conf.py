"""Gunicorn in production: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Threaded workers (gthread): a request that waits — an editor's upload
streaming to disk, a slow client — holds one thread, not a whole process, so
readers keep being answered while editors import. Parsing and importing run
in the background worker (`manage.py db_worker`), never in a web request.
The worker timeout is the process's heartbeat (a stuck process is replaced);
a long request in one thread does not trip it. Each value can be set by the
environment.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A process is replaced after this many requests: bounds any slow leak.
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
