"""Whole-response cache of the public archive; conditional GET; pages kept up while the database blinks.

One mechanism serves every public page, feed and sitemap (the URLs of the
``archive`` namespace), for anonymous GET and HEAD only: a request carrying a
session cookie (an editor) neither reads nor writes the cache.

* A copy is kept under the normalised URL (scheme, host, path, sorted query).
  It is fresh while the content generation it was rendered under is current,
  and until the next scheduled publication. ``editorial`` announces every
  change (``content_changed``); the generation is then replaced, one write
  that makes every copy stale at once: in Redis, or with local memory in
  each process's memory and a stamp file the processes of the machine share
  (``archive/generation.py``). ``FRESH_SECONDS`` bounds a copy's life anyway:
  it covers changes nobody announced and processes that share neither.
* Every copy carries an ETag (a hash of the body) and a Last-Modified (when
  this body first appeared), answers conditional requests with a 304 that
  repeats the 200's validators, Cache-Control and Vary, tells browsers and a
  CDN how long to keep it, and has a gzip twin made once, when it is stored
  (public pages hold no secrets, so compression cannot leak one: BREACH).
* When the database is unreachable the page is tried again after
  reconnecting (not while this process has just seen it fail: ``Outage``),
  then the last good copy is served (copies are kept
  ``STALE_SECONDS``, far longer than they are fresh), else a Russian 503 with
  Retry-After; never a 500. A page with a copy retries briefly, since its
  reader is served either way; a page without one retries for up to two
  seconds, so that a restart that short costs its reader a wait, not a 503.
  A fresh copy is served without touching the database at all.
"""

import hashlib
import logging
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag, urlencode
from django.utils.text import compress_string

from editorial.models import Article

from .generation import GENERATION_KEY, current_generation

logger = logging.getLogger(__name__)

FRESH_SECONDS = 60  # at most, whatever was announced
STALE_SECONDS = 24 * 3600  # how long the last good copy waits for a database outage
MAX_AGE, S_MAXAGE, STALE_WHILE_REVALIDATE = 10, 30, 30  # browsers, then shared caches (a CDN)
# Seconds before each new attempt while the database is unreachable: 2 s in all for a page without a copy,
# the first RETRIES_WITH_COPY (0.3 s) for a page with one. No retry starts after RETRY_SECONDS (attempts
# included: one that hangs until the connect timeout ends the retrying), so a thread is held that long at most.
RETRY_DELAYS = (0.1, 0.2, 0.4, 0.6, 0.7)
RETRIES_WITH_COPY = 2
RETRY_SECONDS = 2.5
OUTAGE_SECONDS = 5  # after a page failed every retry, how long this process answers without waiting
RETRY_AFTER = 10  # seconds, in the 503
COPY_FORMAT = 1  # in the keys of copies: bump it when ``Copy`` changes, so no deploy unpickles an old one
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)
# Headers each answer sets from the copy itself, not from the stored response.
OWN_HEADERS = {"cache-control", "content-encoding", "content-length", "etag", "last-modified", "x-cache"}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")

# Cache backends raise their own errors (redis.ConnectionError...): a cache that
# is down must cost readers the cache, not the page. Hence ``except Exception``.


def fresh_until(moment):
    """When a page rendered from ``moment`` on stops being fresh: the next scheduled publication at the latest."""
    limit = moment + FRESH_SECONDS
    upcoming = Article.objects.next_publication_time()
    return min(limit, upcoming.timestamp()) if upcoming else limit


def reconnect():
    """Drop broken connections so the next query dials again (not inside a transaction: tests run in one)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


def unavailable():
    """The answer when the database is unreachable and no copy of the page is kept."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def now():
    return timezone.now().timestamp()


class Outage:
    """This process's view of the database after retries failed. For ``OUTAGE_SECONDS`` (renewed while
    pages keep failing) a page gets one attempt and, on a new connection, one more, but no waiting:
    readers are answered at once (copy or 503) instead of queueing behind workers asleep between
    retries. The second attempt is for a thread whose kept connection died with the old server: the
    database may be back already. The first success closes the outage."""

    until = 0.0

    @classmethod
    def retry_delays(cls, patient):
        """Every delay for a page without a copy (``patient``), the first few for one with a copy."""
        if time.monotonic() < cls.until:
            return (0,)
        return RETRY_DELAYS if patient else RETRY_DELAYS[:RETRIES_WITH_COPY]

    @classmethod
    def begin(cls):
        cls.until = time.monotonic() + OUTAGE_SECONDS


@dataclass
class Varies:
    """Kept under a URL's key when its response varies on request headers (feeds on Accept):
    the copies are then under one key per value of those headers."""

    headers: list


@dataclass
class Copy:
    """A stored public response."""

    generation: str
    fresh_until: float
    headers: dict
    body: bytes
    gzipped: bytes | None
    etag: str
    last_modified: int

    def is_fresh(self, generation):
        return self.generation == generation and now() < self.fresh_until


class PublicPage:
    """One anonymous request for a public URL and what the cache knows of it."""

    def __init__(self, request):
        self.request = request
        query = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
        url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
        self.key = self.url_key = f"archive:page:{COPY_FORMAT}:" + hashlib.sha256(url.encode()).hexdigest()
        self.generation = self.copy = self.fresh_until = None
        self.rendered = False

    @staticmethod
    def is_public(request):
        match = request.resolver_match
        return request.method in ("GET", "HEAD") and match is not None and match.namespace == "archive"

    def lookup(self):
        """(generation, copy) in one round trip; (None, None) when the cache is unreachable."""
        try:
            found = cache.get_many([GENERATION_KEY, self.url_key])
            generation, copy = current_generation(found.get(GENERATION_KEY)), found.get(self.url_key)
            if isinstance(copy, Varies):
                self.key = self.variant_key(copy.headers)
                copy = cache.get(self.key)
            return generation, copy
        except Exception:
            logger.warning("Public cache unreachable: %s served without it", self.request.path, exc_info=True)
            return None, None

    def variant_key(self, headers):
        values = "\n".join(self.request.headers.get(name, "") for name in headers)
        return f"{self.url_key}:" + hashlib.sha256(values.encode()).hexdigest()

    def answer(self, view, args, kwargs):
        """The fresh copy; else the view's response (kept by ``finish``); else, the database being
        unreachable after retries, the last good copy or a 503."""
        self.generation, self.copy = self.lookup()
        if self.copy is not None and self.copy.is_fresh(self.generation):
            return self.respond(self.copy, "HIT")
        try:
            return self.render(view, args, kwargs)
        except DATABASE_UNREACHABLE:
            if self.copy is None:
                logger.error("Database unreachable: %s answered 503 (no copy kept)", self.request.path)
                return unavailable()
            logger.error("Database unreachable: %s served from its last good copy", self.request.path)
            return self.respond(self.copy, "STALE")

    def render(self, view, args, kwargs):
        patient = self.copy is None  # its reader gets a 503 if the database does not come back
        delays, started = Outage.retry_delays(patient), time.monotonic()
        for delay in (*delays, None):
            try:
                self.fresh_until = fresh_until(now())  # before rendering: a later publication ends the copy
                response = view(self.request, *args, **kwargs)
                if callable(getattr(response, "render", None)):
                    response.render()
                self.rendered, Outage.until = True, 0.0
                return response
            except DATABASE_UNREACHABLE:
                if delay is None or time.monotonic() + delay - started > RETRY_SECONDS:
                    if patient:  # waited in vain (or failed again during an outage)
                        Outage.begin()
                    raise
                logger.warning("Database unreachable: retrying %s in %s s", self.request.path, delay)
                reconnect()
                time.sleep(delay)

    def finish(self, response):
        """Keep the response just rendered, if it may be shared, and answer from the copy."""
        if not (self.rendered and self.generation is not None and self.may_share(response)):
            return response
        body = response.content
        etag = quote_etag(hashlib.md5(body, usedforsecurity=False).hexdigest())  # as Django's own ETags
        previous, stamp = self.copy, int(now())
        if previous is not None and previous.etag == etag:
            last_modified = previous.last_modified
        else:  # HTTP dates count whole seconds: a second change within one must still move it
            last_modified = max(stamp, previous.last_modified + 1) if previous is not None else stamp
        gzipped = compress_string(body)
        headers = {name: value for name, value in response.items() if name.lower() not in OWN_HEADERS}
        copy = Copy(self.generation, self.fresh_until, headers, body, gzipped, etag, last_modified)
        if len(gzipped) >= len(body):  # a short body: gzip's header costs more than it saves
            copy.gzipped = None
        varies = sorted(self.varies_on(response) - {"accept-encoding"})
        try:
            if varies:
                self.key = self.variant_key(varies)
                cache.set(self.url_key, Varies(varies), STALE_SECONDS)
            cache.set(self.key, copy, STALE_SECONDS)
        except Exception:
            logger.warning("Public cache unreachable: %s not stored", self.request.path, exc_info=True)
        return self.respond(copy, "MISS")

    @staticmethod
    def varies_on(response):
        return {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}

    @classmethod
    def may_share(cls, response):
        """A complete 200 that sets no cookie, states no cache policy of its own and does not vary on
        cookies (a response that read the session varies on Cookie: it is someone's own)."""
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
            and not cls.varies_on(response) & {"cookie", "*"}
        )

    def respond(self, copy, state):
        gzip = copy.gzipped is not None and ACCEPTS_GZIP.search(self.request.META.get("HTTP_ACCEPT_ENCODING", ""))
        body = copy.gzipped if gzip else copy.body
        response = HttpResponse(b"" if self.request.method == "HEAD" else body)
        for name, value in copy.headers.items():
            response[name] = value
        response["Content-Length"] = str(len(body))
        if gzip:
            response["Content-Encoding"] = "gzip"
        response["ETag"] = f"W/{copy.etag}" if gzip else copy.etag  # one strong ETag per byte sequence
        response["Last-Modified"] = http_date(copy.last_modified)
        patch_vary_headers(response, ["Accept-Encoding"])
        response["Cache-Control"] = self.cache_control(copy, state)
        response["X-Cache"] = state
        return get_conditional_response(self.request, etag=response["ETag"], last_modified=copy.last_modified,
                                        response=response)  # fmt: skip

    @staticmethod
    def cache_control(copy, state):
        if state == "STALE":
            return "public, no-cache"
        left = max(0, int(copy.fresh_until - now()))
        return (
            f"public, max-age={min(MAX_AGE, left)}, s-maxage={min(S_MAXAGE, left)}, "
            f"stale-while-revalidate={STALE_WHILE_REVALIDATE}, stale-if-error={STALE_SECONDS}"
        )


class PublicCacheMiddleware:
    """Answers public requests from the cache (see the module docstring); a 503, never a 500, for
    any request when the database is unreachable. Placed above the session middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        page = getattr(request, "public_page", None)
        if page is not None:
            return page.finish(response)
        if PublicPage.is_public(request) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-cache"  # an editor's view of a public page
        return response

    def process_view(self, request, view, args, kwargs):
        if not PublicPage.is_public(request) or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        request.public_page = PublicPage(request)
        return request.public_page.answer(view, args, kwargs)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNREACHABLE):
            logger.error("Database unreachable: %s %s answered 503", request.method, request.path, exc_info=True)
            return unavailable()
        return None
