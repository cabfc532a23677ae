"""The admin in correct Russian: counts, cases and genders that Django's one-size catalogue gets wrong.

Django's messages put the model's nominative into every slot («Добавить статья»,
«Тема "Қазақстан" был успешно добавлен», «7 статьи»). Each model admin here names
its model's forms once (``noun``); the mixin writes our own success messages and
gives the templates the right case (see templates/admin/…).
"""

import json
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from .text import plural_form


@dataclass(frozen=True)
class Noun:
    one: str  # nominative singular: «статья»
    few: str  # with 2–4: «статьи»
    many: str  # with 5+, and the genitive plural: «статей»
    accusative: str  # «добавить статью», «удалить автора»
    accusative_plural: str  # «выбрать все статьи», «выбрать всех авторов»
    gender: str  # "f", "m" or "n": «добавлена», «добавлен», «добавлено»
    one_more: str  # «ещё одну статью», «ещё одного автора»

    def count(self, number):
        return f"{number} {plural_form(number, self.one, self.few, self.many)}"

    def count_accusative(self, number):
        plural_accusative = self.many if self.accusative_plural == self.many else self.few
        return f"{number} {plural_form(number, self.accusative, plural_accusative, self.many)}"

    def past(self, action):
        """The participle agreeing with the noun: «добавлена», «изменён», «удалено»."""
        return _PARTICIPLES[action]["fmn".index(self.gender)]

    @property
    def all_accusative(self):
        """«все статьи», «всех авторов» (animate nouns take the genitive form)."""
        return ("всех " if self.accusative_plural == self.many else "все ") + self.accusative_plural

    @property
    def pronoun(self):
        return {"f": "её", "m": "его", "n": "его"}[self.gender]


NOUNS = {
    "editorial.article": Noun("статья", "статьи", "статей", "статью", "статьи", "f", "ещё одну статью"),
    "editorial.theme": Noun("тема", "темы", "тем", "тему", "темы", "f", "ещё одну тему"),
    "editorial.author": Noun("автор", "автора", "авторов", "автора", "авторов", "m", "ещё одного автора"),
    "editorial.source": Noun("источник", "источника", "источников", "источник", "источники", "m", "ещё один источник"),
    "editorial.disclaimer": Noun("оговорка", "оговорки", "оговорок", "оговорку", "оговорки", "f", "ещё одну оговорку"),
}
_PARTICIPLES = {
    "added": ("добавлена", "добавлен", "добавлено"),
    "changed": ("изменена", "изменён", "изменено"),
    "deleted": ("удалена", "удалён", "удалено"),
}


def noun_for(opts):
    return NOUNS.get(opts.label_lower)


class RussianInlineAdminFormSet(helpers.InlineAdminFormSet):
    """«Добавить ещё одного автора» under an inline, from the inline's ``add_another_label``."""

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = self.opts.add_another_label
        return json.dumps(data)


class RussianGrammarMixin:
    """Success messages, counts and confirmations with the model's own cases and gender."""

    @property
    def noun(self):
        return noun_for(self.opts)

    # Context for the templates (change_list_object_tools.html, pagination.html, delete pages)
    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"noun": self.noun, **(extra_context or {})})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, {"noun": self.noun, **(extra_context or {})})

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_formset in inline_formsets:
            if getattr(inline_formset.opts, "add_another_label", ""):
                inline_formset.__class__ = RussianInlineAdminFormSet
        return inline_formsets

    # Messages: Django's are replaced by ours, built from what was done to which object
    def response_add(self, request, obj, post_url_continue=None):
        request.grammar_event = ("added", obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        request.grammar_event = ("changed", obj)
        return super().response_change(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        request.grammar_event = ("deleted", obj_display)
        return super().response_delete(request, obj_display, obj_id)

    def delete_queryset(self, request, queryset):
        request.grammar_event = ("bulk_deleted", queryset.count())
        super().delete_queryset(request, queryset)

    def message_user(self, request, message, level=messages.INFO, extra_tags="", fail_silently=False):
        event = getattr(request, "grammar_event", None)
        if self.noun and event and level == messages.SUCCESS:
            message = self.grammar_message(request, *event)
            request.grammar_event = None
        super().message_user(request, message, level, extra_tags, fail_silently)

    def grammar_message(self, request, action, obj):
        noun = self.noun
        if action == "bulk_deleted":
            verb = noun.past("deleted") if plural_form(obj, 1, 2, 5) == 1 else "удалено"
            return f"{capfirst(verb)} {noun.count(obj)}."
        if action == "deleted":
            return f"{capfirst(noun.one)} «{obj}» {noun.past(action)}."
        name = obj
        if self.has_change_permission(request, obj):
            url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
            name = format_html('<a href="{}">{}</a>', url, obj)
        message = format_html("{} «{}» {}{}.", capfirst(noun.one), name, noun.past(action), self.success_note(obj))
        if "_continue" in request.POST:
            message = format_html("{} Ниже {} можно отредактировать ещё раз.", message, noun.pronoun)
        elif "_addanother" in request.POST:
            message = format_html("{} Ниже можно добавить {}.", message, noun.one_more)
        return message

    def success_note(self, obj):
        """Appended to «… изменена»: e.g. « и выйдет 12 марта 2026 в 10:00» for an article."""
        return ""
