"""``{% article_cards object_list %}``: the cards of a list (``archive/cards.py``)."""

from django import template
from django.utils.safestring import mark_safe

from ..cards import render_cards

register = template.Library()


@register.simple_tag(takes_context=True)
def article_cards(context, articles):
    return mark_safe("".join(render_cards(articles, with_snippets=context.get("with_snippets", False))))
