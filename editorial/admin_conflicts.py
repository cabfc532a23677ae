"""Edit conflicts: a save based on a version someone else has since changed is refused, with the difference."""

import difflib
import re

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from .text import html_to_text, normalize_body

_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|tr)>", re.I)
COMPARED_FIELDS = [("title", "Заголовок"), ("lead", "Лид"), ("body", "Текст")]


def version_of(article):
    """What the form was based on: the moment of the last save (any save, bulk actions included)."""
    return article.updated_at.isoformat() if article.updated_at else ""


def comparable_lines(field, value):
    """A field's text as a reader sees it, one paragraph a line (the body's markup is left out)."""
    if field != "body":
        return [line.strip() for line in (value or "").splitlines() if line.strip()]
    paragraphs = (html_to_text(block) for block in _BLOCK_END.split(normalize_body(value or "")))
    return [paragraph for paragraph in paragraphs if paragraph]


def text_diff(theirs, mine):
    """``[(label, [(mark, line)])]`` for the fields that differ; mark is «-» (theirs only), «+» (mine
    only) or « » (both). ``theirs`` and ``mine`` map field names to values."""
    changes = []
    for field, label in COMPARED_FIELDS:
        a, b = comparable_lines(field, theirs.get(field)), comparable_lines(field, mine.get(field))
        if a == b:
            continue
        lines = [(line[0], line[2:]) for line in difflib.ndiff(a, b) if line[:1] in "-+ "]
        changes.append((label, lines))
    return changes


def last_change_by(article):
    """«Имя пользователя» of the latest admin change of ``article``, or ``""``."""
    entry = (
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(article), object_id=str(article.pk))
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    return (entry.user.get_full_name() or entry.user.get_username()) if entry else ""


class EditConflictFormMixin(forms.Form):
    """A hidden ``version`` (the ``updated_at`` the editor started from) compared on save.

    On a conflict the form is shown again with the editor's text kept, the difference
    from the newer version (``self.conflict``) and ``version`` moved on to it: saving
    again keeps the editor's text deliberately; reopening the article takes the other.
    A POST without ``version`` (a script, an old tab) is not checked.
    """

    version = forms.CharField(required=False, widget=forms.HiddenInput)
    conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["version"] = version_of(self.instance)

    def clean(self):
        # Before the other checks: a refusal for another reason would hide the conflict.
        cleaned = self.cleaned_data
        if not self.instance.pk or "version" not in self.data:
            return super().clean()
        current = version_of(self.instance)  # loaded in this request: the newest saved state
        if self.data.get("version") == current:
            return super().clean()
        theirs = {field: getattr(self.instance, field) for field, _ in COMPARED_FIELDS}
        mine = {field: cleaned.get(field, self.data.get(field, "")) for field, _ in COMPARED_FIELDS}
        self.conflict = {
            "changes": text_diff(theirs, mine),
            "by": last_change_by(self.instance),
            "at": date_format(timezone.localtime(self.instance.updated_at), "j E Y в H:i:s"),
        }
        data = self.data.copy()
        data["version"] = current
        self.data = data
        raise ValidationError(
            "Статью уже изменили после того, как вы открыли её: ваша правка не сохранена. "
            "Ниже — чем ваша версия отличается от новой. Чтобы оставить свою, сохраните ещё раз; "
            "чтобы взять новую, откройте статью заново.",
            code="edit_conflict",
        )
