"""The cards of article lists, shared by every page rendered under the same content generation.

A theme's, an author's, a month's page and the home page show many of the same
articles: each card is rendered once and kept under the generation of the page
cache (``archive/cache.py``) and the article's ``updated_at``. Any announced
change renews the generation, so a card is never older than the page around
it, and it is kept ``FRESH_SECONDS`` at most, like the pages (changes nobody
announced). Only for the anonymous readers the page cache serves: an editor
sees cards rendered for them. Search results carry their own snippets: those
cards are rendered every time.
"""

import logging

from django.core.cache import cache
from django.template import loader

from .cache import FRESH_SECONDS

logger = logging.getLogger(__name__)

CARD_TEMPLATE = "archive/_article_card.html"
CARD_FORMAT = 1  # bump it when the card template changes: no deploy serves an old card


def card_key(article, generation):
    return f"archive:card:{CARD_FORMAT}:{generation}:{article.pk}:{article.updated_at.timestamp()}"


def render_cards(articles, generation=None, with_snippets=False):
    """The HTML of each article's card, in order; from the cache when ``generation`` is given."""
    template, articles = loader.get_template(CARD_TEMPLATE), list(articles)
    if generation is None or with_snippets:
        return [template.render({"article": article, "with_snippets": with_snippets}) for article in articles]
    keys = [card_key(article, generation) for article in articles]
    try:
        kept = cache.get_many(keys)
    except Exception:  # a cache that is down costs the cards, not the page (see cache.py)
        logger.warning("Cards: cache unreachable, rendered without it", exc_info=True)
        kept = {}
    made = {
        key: template.render({"article": article})
        for key, article in zip(keys, articles, strict=True)
        if key not in kept
    }
    if made:
        try:
            cache.set_many(made, FRESH_SECONDS)
        except Exception:
            logger.warning("Cards: cache unreachable, %s cards not kept", len(made), exc_info=True)
    return [kept.get(key) or made[key] for key in keys]
