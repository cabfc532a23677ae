"""``{{ field|options }}``: the filter panel's choices as plain (value, label, selected) triples.

The panel is on every list page; Django's widgets render each checkbox and
``<option>`` through templates of their own (40 themes, 40 authors, 40
sources: half the page's time). The panel's template writes them itself.
"""

from django import forms, template

register = template.Library()


@register.filter
def options(bound_field):
    value = bound_field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {"" if value is None else str(value)}
    return [(str(key), label, str(key) in chosen) for key, label in bound_field.field.widget.choices]


@register.filter
def is_select(bound_field):
    return isinstance(bound_field.field.widget, forms.Select)
