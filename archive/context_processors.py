"""Values every public page needs."""

from django.conf import settings

from .feeds import feed_links
from .filters import capped_params


def site(request):
    # The main feed is announced on every page (autodiscovery); a page adds its own in ``feed_links``.
    # ``query_params``: the reader's filters, capped, for links that keep them (pagination).
    return {
        "SITE_NAME": settings.SITE_NAME,
        "main_feed_links": feed_links(),
        "query_params": capped_params(request),
    }
