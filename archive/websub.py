"""WebSub: tell the hubs (``WEBSUB_HUBS``) which feeds changed, from a background job.

``editorial`` announces every change (``content_changed``); here it becomes the
list of feeds the change shows in (the main feed, the feed of its kind, each of
its themes, authors and source, in every format), sent to each hub as
``hub.mode=publish`` by a django-tasks job — never in the editor's request.
A scheduled article is announced when its time comes (a job deferred to that
moment). A hub that refuses or does not answer is asked again later
(``WEBSUB_RETRY_DELAYS``).
"""

import hashlib
import logging
import time
from datetime import timedelta
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from editorial.models import Article, ArticleAuthor, Author, Source, Theme, ThemedArticle

from .facets import AUTHOR, SOURCE, THEME

logger = logging.getLogger(__name__)

FORMATS = ("rss", "atom", "json")
PING_TIMEOUT = 10


def site_url(path):
    return settings.SITE_URL + path


def facet_feed_urls(facet_name, slug):
    return [site_url(reverse(f"archive:{facet_name}_feed_{fmt}", kwargs={"slug": slug})) for fmt in FORMATS]


def article_feed_urls(article):
    """Every feed the article shows in (as subscribed to: first pages, no other filters than its kind)."""
    urls = []
    for fmt in FORMATS:
        main = site_url(reverse(f"archive:feed_{fmt}"))
        urls += [main, f"{main}?kind={article.kind}"]
    for theme in article.themes.all():
        urls += facet_feed_urls(THEME.name, theme.slug)
    for byline in article.bylines.select_related("author"):
        urls += facet_feed_urls(AUTHOR.name, byline.author.slug)
    if article.source_id:
        urls += facet_feed_urls(SOURCE.name, article.source.slug)
    return urls


def ping(hub, topic):
    """One publish notification; True when the hub accepted it (2xx)."""
    body = urlencode({"hub.mode": "publish", "hub.url": topic}).encode()
    request = Request(hub, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urlopen(request, timeout=PING_TIMEOUT) as response:
            return 200 <= response.status < 300
    except (URLError, OSError, ValueError) as error:
        logger.warning("WebSub: %s refused %s: %s", hub, topic, error)
        return False


@task()
def notify_hubs(topics, hubs=None, attempt=0):
    """Ping every hub about every topic; what failed is tried again after the next retry delay.

    With a backend that can defer (the database one) the retry is a new job;
    otherwise (the immediate backend of tests and scripts) it waits here.
    """
    hubs = settings.WEBSUB_HUBS if hubs is None else hubs
    failed = {}
    for hub in hubs:
        missed = [topic for topic in dict.fromkeys(topics) if not ping(hub, topic)]
        if missed:
            failed[hub] = missed
    delays = settings.WEBSUB_RETRY_DELAYS
    for hub, missed in failed.items():
        if attempt >= len(delays):
            logger.error("WebSub: %s never accepted %s", hub, missed)
            continue
        backend = notify_hubs.get_backend()
        if backend.supports_defer:
            later = timezone.now() + timedelta(seconds=delays[attempt])
            notify_hubs.using(run_after=later).enqueue(missed, [hub], attempt + 1)
        else:
            time.sleep(delays[attempt])
            notify_hubs.call(missed, [hub], attempt + 1)
    return {hub: len(missed) for hub, missed in failed.items()}


@task()
def notify_article_feeds(article_id, when_public=False):
    """Ping the feeds of one article. ``when_public``: a scheduled article's time has come —
    unless it was rescheduled or withdrawn meanwhile (then the job of that change pings)."""
    article = Article.objects.filter(pk=article_id).select_related("source").first()
    if article is None:
        return 0
    if when_public and not Article.objects.published().filter(pk=article_id).exists():
        return 0
    topics = article_feed_urls(article)
    notify_hubs.call(topics)
    return len(topics)


def announce_article(article):
    """Queue the pings for an article that changed (once per committed state of the article)."""
    if not article.published_at:
        return  # never dated, so never public: in no feed
    # One save in the admin announces the article, its bylines and its themes: one job for
    # the same state (a theme added later by itself is a new state: a new job).
    state = repr((article.pk, article.updated_at, article.status, article.published_at, article_feed_urls(article)))
    if not cache.add("websub:" + hashlib.sha256(state.encode()).hexdigest(), 1, timeout=60):
        return
    if article.published_at > timezone.now():
        if article.status != Article.Status.PUBLISHED:
            return
        backend = notify_article_feeds.get_backend()
        if backend.supports_defer:
            notify_article_feeds.using(run_after=article.published_at).enqueue(article.pk, when_public=True)
        else:
            logger.warning("WebSub: the task backend cannot defer; %s will not be announced", article)
        return
    notify_article_feeds.enqueue(article.pk)


def on_content_changed(sender, model, instance=None, **kwargs):
    """``editorial.signals.content_changed`` → the WebSub jobs of what changed."""
    if not settings.WEBSUB_HUBS or instance is None:
        return
    if model is Article:
        if instance.pk is None or not Article.objects.filter(pk=instance.pk).exists():
            # Deleted: its themes and authors are gone with it; its main feeds remain to tell.
            notify_hubs.enqueue([site_url(reverse(f"archive:feed_{fmt}")) for fmt in FORMATS])
            return
        announce_article(Article.objects.get(pk=instance.pk))
    elif model in (ArticleAuthor, ThemedArticle):
        article_id = instance.article_id if model is ArticleAuthor else instance.content_object_id
        article = Article.objects.filter(pk=article_id).first()
        if article is not None:
            announce_article(article)
    elif model in (Theme, Author, Source):
        facet = {Theme: THEME, Author: AUTHOR, Source: SOURCE}[model]
        if facet.public().filter(pk=instance.pk).exists():
            notify_hubs.enqueue(facet_feed_urls(facet.name, instance.slug))
