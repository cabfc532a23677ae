"""``/healthz``: is this process able to serve readers (database, and the shared cache when there is one)?"""

from django.conf import settings
from django.core.cache import cache
from django.db import Error, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def database_is_up():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Error:
        return False


def cache_is_up():
    try:  # backends raise their own errors (redis.ConnectionError...)
        cache.set("archive:healthz", "ok", 10)
        return cache.get("archive:healthz") == "ok"
    except Exception:
        return False


@never_cache
def healthz(request):
    """200 with every service up, 503 otherwise; a JSON body names each one."""
    checks = {"database": database_is_up()}
    if settings.CACHE_URL:
        checks["cache"] = cache_is_up()
    up = all(checks.values())
    body = {"status": "ok" if up else "unavailable", **{name: "ok" if ok else "down" for name, ok in checks.items()}}
    return JsonResponse(body, status=200 if up else 503)
