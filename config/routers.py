"""Reads of readers' pages go to a replica database when ``DATABASE_REPLICA_URL`` is set.

Only reads made while serving an anonymous ``GET``/``HEAD`` outside the admin
(``PublicReadsMiddleware`` marks them) are sent there: editors, forms and
every write use the primary, so nobody misses their own change because of
replication lag. Without a replica everything uses ``default``.
"""

from contextvars import ContextVar

from django.conf import settings

_public_read = ContextVar("public_read", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _public_read.get() and settings.DATABASE_REPLICA_URL:
            return "replica"
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary by replication


class PublicReadsMiddleware:
    """Marks a request whose reads may come from the replica: safe, anonymous, not the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith("/admin/")
        )
        token = _public_read.set(public)
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)
