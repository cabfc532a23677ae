"""WebSub: tell the hubs (``WEBSUB_HUBS``) which feeds changed, from a background job.

``editorial`` announces every change (``content_changed``); here it becomes the
list of feeds the change shows in (the main feed, the feed of its kind, each of
its themes, authors and source, in every format), sent to each hub as
``hub.mode=publish`` by a django-tasks job — never in the editor's request.
A scheduled article is announced when its time comes (a job deferred to that
moment). A hub that refuses or does not answer is asked again later
(``WEBSUB_RETRY_DELAYS``).
"""

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
def notify_article_feeds(article_id, requested_at, when_public=False):
    """Ping the feeds of one article as it is now. ``when_public``: a scheduled article's time
    has come — unless it was rescheduled or withdrawn meanwhile (then the job of that change pings).

    One admin save announces the article, its bylines and its themes: the jobs queued for
    it are one. A job asked for (``requested_at``, ISO time) before another job for the same
    article started has nothing to add: that one pinged the current state.
    """
    ran_key = f"websub:ran:{article_id}"
    last_run = cache.get(ran_key)
    if last_run is not None and last_run >= requested_at:
        return 0
    cache.set(ran_key, timezone.now().isoformat(), timeout=24 * 3600)
    article = Article.objects.filter(pk=article_id).select_related("source").first()
    if article is None:
        return 0
    if when_public and not Article.objects.published().filter(pk=article_id).exists():
        return 0
    topics = article_feed_urls(article)
    notify_hubs.call(topics)
    return len(topics)


def announce_article(article):
    """Queue the pings for an article that changed: now, or at its time when scheduled."""
    if not article.published_at:
        return  # never dated, so never public: in no feed
    if article.published_at <= timezone.now():
        notify_article_feeds.enqueue(article.pk, timezone.now().isoformat())
        return
    if article.status != Article.Status.PUBLISHED:
        return
    if not notify_article_feeds.get_backend().supports_defer:
        logger.warning("WebSub: the task backend cannot defer; %s will not be announced", article)
        return
    when = article.published_at
    notify_article_feeds.using(run_after=when).enqueue(article.pk, when.isoformat(), when_public=True)


def on_content_changed(sender, model, instance=None, instances=(), **kwargs):
    """``editorial.signals.content_changed`` → the WebSub jobs of what changed."""
    if not settings.WEBSUB_HUBS:
        return
    if model is Article:  # a chunk of imported articles, created together
        for article in instances:
            announce_article(article)
    if instance is None:
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
        if article is None:
            return
        announce_article(article)
        if not model.objects.filter(pk=instance.pk).exists() and article.is_public:
            # Taken off the article: that theme's or author's feed lost the item.
            facet, slug = (AUTHOR, instance.author.slug) if model is ArticleAuthor else (THEME, instance.tag.slug)
            notify_hubs.enqueue(facet_feed_urls(facet.name, slug))
    elif model in (Theme, Author, Source):
        facet = {Theme: THEME, Author: AUTHOR, Source: SOURCE}[model]
        if facet.public().filter(pk=instance.pk).exists():
            notify_hubs.enqueue(facet_feed_urls(facet.name, instance.slug))
