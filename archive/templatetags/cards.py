"""``{% article_cards object_list %}``: the cards of a list (``archive/cards.py``)."""

from django import template
from django.utils.safestring import mark_safe

from ..cards import render_cards

register = template.Library()


@register.simple_tag(takes_context=True)
def article_cards(context, articles):
    page = getattr(context.request, "public_page", None)  # set for the readers the page cache serves
    generation = page.generation if page is not None else None
    return mark_safe("".join(render_cards(articles, generation, context.get("with_snippets", False))))
