"""Themes on the article form: chosen through the autocomplete, or created by typing a new name."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

from .models import Theme

NEW_THEME_MAX_LENGTH = Theme._meta.get_field("name").max_length


def split_values(values):
    """Posted values: ids of existing themes, and names typed for new ones."""
    ids, names = [], []
    for value in values or ():
        value = str(value).strip()
        if value.isdigit():
            ids.append(value)
        elif value:
            names.append(value)
    return ids, names


class ThemeAutocomplete(AutocompleteSelectMultiple):
    """The admin's autocomplete with select2's «tags» on: a typed name that matches no theme is
    offered as a new one, and stays selected when the form comes back with an error."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-tags"] = "true"
        attrs["data-placeholder"] = "Начните вводить тему — или новое название"
        return attrs

    def optgroups(self, name, value, attr=None):
        ids, names = split_values(value)
        groups = super().optgroups(name, ids, attr)
        options = [self.create_option(name, typed, f"{typed} (новая)", True, 0) for typed in names]
        if options:
            groups.append((None, options, len(groups)))
        return groups


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    """Existing themes by id; new names become themes when the article is saved (taggit's
    case-insensitive lookup, so «россия» finds «Россия» instead of doubling it)."""

    allow_new = True  # False for a user without the right to add themes (set per form)

    def clean(self, value):
        ids, names = split_values(value)
        themes = list(super().clean(ids)) if ids else []
        if names and not self.allow_new:
            raise ValidationError("Создавать темы вам нельзя: выберите из существующих.")
        for typed in names:
            if len(typed) > NEW_THEME_MAX_LENGTH:
                raise ValidationError(f"Название темы длиннее {NEW_THEME_MAX_LENGTH} символов: «{typed[:40]}…».")
            existing = Theme.objects.filter(name__iexact=typed).first()
            themes.append(existing or " ".join(typed.split()))
        return themes

    def has_changed(self, initial, data):
        ids, names = split_values(data)
        return bool(names) or super().has_changed(initial, ids)
