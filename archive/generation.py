"""The content generation: the value that, once replaced, makes every kept copy of a public page stale.

Every announced change (``editorial``'s ``content_changed``) replaces it. It lives
in the cache, so with Redis one write reaches every process on every machine.
A local-memory cache is each process's own: there the generation also has a
*stamp*, a small file (``PAGE_CACHE_STAMP``) shared by the processes of the site
on one machine, gunicorn's workers and ``db_worker`` alike. Whoever hears of a
change writes a new stamp; every process compares the file's status (one
``os.stat``, no database, no read while it is unchanged) on each request and so
sees the change on its next page. A page's generation is then the process's own
value and the stamp's: renewing either makes its copies stale.

A stamp that cannot be read or written (a read-only or missing folder, another
user's file) is logged once per process and otherwise ignored: the cache works
as without it, each process's copies bounded by ``FRESH_SECONDS``.
"""

import logging
import os
import tempfile
import time
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

GENERATION_KEY = "archive:generation"
STAMP_PREFIX = ".archive-generation-"  # the temporary files, beside the stamp, renamed onto it
STAMP_MAX_BYTES = 64  # a generation is 32 hex digits: a longer file is not ours, and is not read whole


class Stamp:
    """The generation shared through one file. ``read`` costs one ``os.stat`` while the file is unchanged:
    it is read again only when its inode, size, modification or change time differ from what this
    process last read."""

    def __init__(self, path):
        self.path = os.fspath(path)
        self.seen = (None, "")  # (the file's status when last read, its content): one value, for threads
        self.failed = False

    def read(self):
        """The stamp's content; "" while there is none (no change yet) or it cannot be read."""
        try:
            status = self.identity(os.stat(self.path))
            if status == self.seen[0]:
                return self.seen[1]
            with open(self.path, encoding="ascii", errors="replace") as stamp:
                status, content = self.identity(os.fstat(stamp.fileno())), stamp.read(STAMP_MAX_BYTES).strip()
        except FileNotFoundError:
            return ""
        except OSError:
            self.fail("read")
            return ""
        self.seen = (status, content)
        return content

    def write(self, generation):
        """Replaces the stamp at once (a new file renamed onto it): a reader finds the old one or the new."""
        try:
            descriptor, temporary = tempfile.mkstemp(prefix=STAMP_PREFIX, dir=os.path.dirname(self.path) or ".")
        except OSError:
            self.fail("write")
            return
        try:
            os.fchmod(descriptor, 0o644)  # readable by a worker running as another user: it holds no secret
            with os.fdopen(descriptor, "w", encoding="ascii") as stamp:
                stamp.write(generation)
            # A modification time to the nanosecond, whatever the file system's clock tick: two stamps
            # written within one tick, the second reusing the first's inode, still differ.
            moment = time.time_ns()
            os.utime(temporary, ns=(moment, moment))
            os.replace(temporary, self.path)
        except OSError:
            self.fail("write")
            try:
                os.unlink(temporary)
            except OSError:
                pass

    @staticmethod
    def identity(status):
        return status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns

    def fail(self, action):
        if not self.failed:  # once per process: a stamp that fails, fails on every request
            self.failed = True
            logger.error(
                "Public cache: the generation stamp %s could not be %s; changes reach other processes "
                "within FRESH_SECONDS only",
                self.path, "read" if action == "read" else "written", exc_info=True,
            )  # fmt: skip


_stamps = {}


def stamp():
    """This site's stamp, when its cache is this process's own memory; else None (a shared cache needs none)."""
    path = getattr(settings, "PAGE_CACHE_STAMP", "")
    if not path or not isinstance(caches["default"], LocMemCache):
        return None
    path = os.fspath(path)
    if path not in _stamps:
        _stamps[path] = Stamp(path)
    return _stamps[path]


def new_generation(**kwargs):
    """Receiver of ``editorial.signals.content_changed``: every stored copy becomes stale (one write, and
    the stamp with a local-memory cache)."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # a cache that is down costs readers the cache, not the page (see cache.py)
        logger.exception("Public cache: the content generation could not be renewed")
    shared = stamp()
    if shared is not None:
        shared.write(uuid.uuid4().hex)


def current_generation(kept=None):
    """The generation, from what the cache returned for ``GENERATION_KEY`` (``kept``) and the stamp.

    When the cache held none (never set, or evicted): a new one, so that no old copy matches it.
    ``add``: another process that set one meanwhile wins, and both use it."""
    if not kept:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        kept = cache.get(GENERATION_KEY)
    shared = stamp()
    stamped = shared.read() if shared is not None else ""
    return f"{kept}:{stamped}" if stamped else kept
