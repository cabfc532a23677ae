"""``{{ field|checkboxes }}`` and ``{{ field|select_options }}``: the filter panel's choices as HTML.

The panel is on every list page; Django's widgets render each checkbox and
``<option>`` through templates of their own (40 themes, 40 authors, 40
sources: half the page's time), and even a loop of the panel's own template
costs some 20 µs a row (2–3 ms a page). These write the rows as the panel's
template wrote them, in one string each; the panel's template writes the rest.
"""

from django import forms, template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

CHECKBOX = '<label class="choice"><input type="checkbox" name="{}" value="{}" id="id_{}_{}"{}{}> {}</label>'
OPTION = '\n  <option value="{}"{}>{}</option>'


def _flag(on, attribute):
    return mark_safe(f" {attribute}") if on else ""


def options(bound_field):
    """(value, label, selected) of each choice."""
    value = bound_field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {"" if value is None else str(value)}
    return [(str(key), label, str(key) in chosen) for key, label in bound_field.field.widget.choices]


@register.filter
def is_select(bound_field):
    return isinstance(bound_field.field.widget, forms.Select)


@register.filter
def checkboxes(bound_field):
    """Every choice as a labelled checkbox ("" without choices)."""
    name, invalid = bound_field.name, _flag(bound_field.errors, 'aria-invalid="true"')
    rows = enumerate(options(bound_field))
    return format_html_join(
        "",
        CHECKBOX,
        ((name, value, name, i, invalid, _flag(selected, "checked"), label) for i, (value, label, selected) in rows),
    )


@register.filter
def select_options(bound_field):
    """Every choice as an ``<option>``, each on a line of its own."""
    return format_html_join(
        "", OPTION, ((value, _flag(selected, "selected"), label) for value, label, selected in options(bound_field))
    )
