"""Accessible names that Django's admin markup leaves out, given in the HTML the server sends.

Django labels a split date-time field with a ``<label>`` that points at nothing and the words
«Дата:»/«Время:» as bare text; a tabular inline's column heads are not labels of its cells.
Screen readers (and axe's «label» rule) then find inputs without a name. What select2 builds
in the browser is named by ``static/editorial/admin_a11y.js``; the body editor by its own script.
"""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.utils.text import capfirst


class NamedSplitDateTime(AdminSplitDateTime):
    """Django's date and time inputs, named «<field> — дата» and «<field> — время»."""

    def __init__(self, field_label, attrs=None):
        super().__init__(attrs)
        self.field_label = field_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, part in zip(context["widget"]["subwidgets"], ["дата", "время"], strict=True):
            subwidget["attrs"]["aria-label"] = f"{self.field_label} — {part}"
        return context


class NamedDateTimeMixin:
    """For a ModelAdmin: its date-time fields get named inputs."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateTimeField):
            kwargs.setdefault("widget", NamedSplitDateTime(capfirst(db_field.verbose_name)))
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class NamedCellsFormSet(forms.BaseInlineFormSet):
    """A tabular inline's inputs named after their column («Должность», «Порядок», «Удалить»);
    the empty row that «Добавить ещё» copies is named the same way."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            widget = getattr(field.widget, "widget", field.widget)  # inside the «+»/«✎» links' wrapper
            if not widget.is_hidden:
                widget.attrs.setdefault("aria-label", str(field.label))
