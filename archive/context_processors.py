"""Values every public page needs."""

from django.conf import settings

from .feeds import feed_links


def site(request):
    # The main feed is announced on every page (autodiscovery); a page adds its own in ``feed_links``.
    return {"SITE_NAME": settings.SITE_NAME, "main_feed_links": feed_links()}
