"""Site-wide security helpers: the client's address for login throttling, the CSRF failure page."""

from django.conf import settings
from django.shortcuts import render


def client_ip(request):
    """The reader's address: behind our own proxy (BEHIND_PROXY=1) the one it appended last
    to X-Forwarded-For (earlier entries are whatever the client claimed), else REMOTE_ADDR."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def csrf_failure(request, reason=""):
    """A form refused for its CSRF check: explained in Russian (Django's page is English jargon)."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def login_lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a Russian page saying for how long (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "axes_lockout.html", context, status=429)
