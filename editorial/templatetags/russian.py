"""Template filters for the admin's Russian: «7 статей», «удалить 3 темы» (see editorial/admin_russian.py)."""

from django import template

from editorial.admin_russian import noun_for

register = template.Library()


@register.filter
def noun_of(opts):
    """The ``Noun`` of a model's ``_meta`` (``None`` for models without one)."""
    return noun_for(opts)


@register.filter
def counted(noun, number):
    """«7 статей», «1 тема», «22 автора»."""
    return noun.count(number)


@register.filter
def counted_accusative(noun, number):
    """«удалить 1 статью», «удалить 2 статьи», «удалить 1 автора»."""
    return noun.count_accusative(number)


@register.filter
def accusative(opts):
    """«тему», «автора», «источник»: the model's name after «удалить» (its verbose name otherwise)."""
    noun = noun_for(opts)
    return noun.accusative if noun else opts.verbose_name
