"""The review workflow in the admin: contributors submit «На проверку», only editors publish (enforced on save)."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from .models import Article
from .workflow import PUBLISH_REFUSED, can_publish, may_edit, status_choices_for


class WorkflowFormMixin:
    """Offers a contributor only «Черновик» and «На проверке», and refuses anything else they post."""

    user = None  # set by WorkflowAdminMixin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and self.user is not None:
            status.choices = status_choices_for(self.user, Article.Status.choices)
            if not can_publish(self.user):
                status.error_messages["invalid_choice"] = PUBLISH_REFUSED

    def clean(self):
        cleaned = super().clean()
        if self.user is not None and not can_publish(self.user):
            if cleaned.get("status") == Article.Status.PUBLISHED:
                raise ValidationError(PUBLISH_REFUSED)
        return cleaned


def review_count(request):
    """How many articles wait for an editor: counted once per request (filter and notice share it)."""
    if not hasattr(request, "articles_in_review"):
        request.articles_in_review = Article.objects.in_review().count()
    return request.articles_in_review


class ReviewFilter(admin.SimpleListFilter):
    """Article states, with the number of articles waiting for an editor."""

    title = "статус"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        waiting = review_count(request)
        return [
            ("review", f"На проверке ({waiting})"),
            ("draft", "Черновики"),
            ("scheduled", "Запланированные"),
            ("public", "Опубликованные"),
        ]

    def queryset(self, request, queryset):
        return {
            "review": queryset.in_review,
            "draft": queryset.drafts,
            "scheduled": queryset.scheduled,
            "public": queryset.published,
        }.get(self.value(), queryset.all)()


class WorkflowAdminMixin:
    """Server-side rules: publishing (form, bulk actions) needs ``editorial.publish_article``;
    a contributor may not change what is published or scheduled."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        return form

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit(request.user, obj)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"awaiting_review": review_count(request), **(extra_context or {})}
        return super().changelist_view(request, extra_context)
