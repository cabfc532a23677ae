"""The cards of article lists, each rendered once per version of what it shows and kept in the cache.

A whole page is kept a minute at most (``archive/cache.py``); its cards outlive it.
A card shows the article and the names of its source, authors and themes, so
its key is made of what can change them: the article's ``updated_at`` (any
save), the ids of its source, authors and themes (a link added or removed), and
the cards' generation, renewed when any theme, author or source changes (a
rename shows on every card at once). Nothing has to be found and deleted.
Search results carry their own snippet: those cards are rendered every time.
"""

import hashlib
import logging
import uuid

from django.core.cache import cache
from django.template import loader

from editorial.models import Author, Source, Theme

logger = logging.getLogger(__name__)

CARD_TEMPLATE = "archive/_article_card.html"
CARD_FORMAT = 1  # bump it when the card template changes: no deploy serves an old card
CARD_SECONDS = 7 * 24 * 3600
NAMES_KEY = "archive:cards:names"
NAMED_MODELS = (Author, Source, Theme)


def renew_names(model, **kwargs):
    """Receiver of ``editorial.signals.content_changed``: a theme, author or source changed."""
    if model in NAMED_MODELS:
        try:
            cache.set(NAMES_KEY, uuid.uuid4().hex, timeout=None)
        except Exception:  # a cache that is down costs the cards, not the editor's save
            logger.exception("Cards: the names generation could not be renewed")


def names_generation():
    generation = cache.get(NAMES_KEY)
    if generation is None:
        cache.add(NAMES_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(NAMES_KEY)
    return generation


def card_key(article, names):
    """Uses the related rows already fetched (``with_related()``): no query."""
    parts = [
        names, article.pk, article.updated_at.isoformat(), article.source_id,
        *(byline.author_id for byline in article.ordered_bylines), "|", *(theme.pk for theme in article.themes.all()),
    ]  # fmt: skip
    digest = hashlib.sha256(" ".join(map(str, parts)).encode()).hexdigest()[:32]
    return f"archive:card:{CARD_FORMAT}:{digest}"


def render_cards(articles, with_snippets=False):
    """The HTML of each article's card, in order: from the cache when it has them."""
    template, articles = loader.get_template(CARD_TEMPLATE), list(articles)
    if with_snippets:
        return [template.render({"article": article, "with_snippets": True}) for article in articles]
    try:
        names = names_generation()
        keys = [card_key(article, names) for article in articles]
        kept = cache.get_many(keys)
    except Exception:
        logger.warning("Cards: cache unreachable, rendered without it", exc_info=True)
        return [template.render({"article": article}) for article in articles]
    made = {
        key: template.render({"article": article})
        for key, article in zip(keys, articles, strict=True)
        if key not in kept
    }
    if made:
        try:
            cache.set_many(made, CARD_SECONDS)
        except Exception:
            logger.warning("Cards: cache unreachable, %s cards not kept", len(made), exc_info=True)
    return [kept.get(key) or made[key] for key in keys]
