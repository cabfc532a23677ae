"""Values every public page needs."""

from django.conf import settings

from .filters import capped_params


def site(request):
    # ``query_params``: the reader's filters, capped, for links that keep them (pagination).
    return {"SITE_NAME": settings.SITE_NAME, "query_params": capped_params(request)}
