"""Public addresses that end in a slug (articles, themes, authors, sources), without a ``reverse()`` each.

``reverse()`` costs some 15 µs (the patterns are looked up per language, every argument is
quoted) and a list page shows a hundred such links. The address around the slug is reversed
once per view and other arguments (an article's day), per script prefix and URLconf, and kept;
the slug is then put in its place. A slug the route would refuse still goes through
``reverse()``, which refuses it as before.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_MARKER = "slug-marker"
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # Django's «slug» path converter


@lru_cache(maxsize=8192)
def _around_slug(viewname, script_prefix, urlconf, arguments):
    before, _, after = reverse(viewname, kwargs={**dict(arguments), "slug": _MARKER}).rpartition(_MARKER)
    return before, after


def slug_path(viewname, slug, **kwargs):
    """``reverse(viewname, kwargs={**kwargs, "slug": slug})``, the same string."""
    if not _SLUG.fullmatch(slug):
        return reverse(viewname, kwargs={**kwargs, "slug": slug})
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    before, after = _around_slug(viewname, get_script_prefix(), urlconf, tuple(sorted(kwargs.items())))
    return f"{before}{slug}{after}"
