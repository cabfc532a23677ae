"""Signed preview links: a reviewer outside the newsroom reads a draft until the link expires."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

from .text import plural_form

SALT = "editorial.preview"


class PreviewLinkExpired(Exception):
    """The link was valid but its lifetime is over."""


class PreviewLinkInvalid(Exception):
    """The link was not made by us (or was altered)."""


def lifetime():
    return timedelta(seconds=getattr(settings, "PREVIEW_LINK_SECONDS", 3 * 24 * 3600))


def lifetime_text():
    """«3 дня», «1 день», «12 часов»: what the editor is told."""
    seconds = int(lifetime().total_seconds())
    if seconds % 86400 == 0:
        days = seconds // 86400
        return f"{days} " + plural_form(days, "день", "дня", "дней")
    hours = max(1, seconds // 3600)
    return f"{hours} " + plural_form(hours, "час", "часа", "часов")


def make_token(article):
    """A token naming ``article``, signed with SECRET_KEY and the time it was made."""
    return signing.dumps({"article": article.pk}, salt=SALT)


def expires_at(now=None):
    """When a token made ``now`` stops working."""
    return (now or timezone.now()) + lifetime()


def article_id(token):
    """The article a token names; ``PreviewLinkExpired`` or ``PreviewLinkInvalid`` otherwise."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=lifetime())
    except signing.SignatureExpired as error:
        raise PreviewLinkExpired from error
    except signing.BadSignature as error:
        raise PreviewLinkInvalid from error
    if not isinstance(payload, dict) or not isinstance(payload.get("article"), int):
        raise PreviewLinkInvalid
    return payload["article"]
