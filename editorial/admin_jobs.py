"""Import jobs in the admin: the list, and each job's page (progress, the editor's check, results)."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from .batch import run_job
from .jobs import ImportItem, ImportJob
from .tasks import enqueue
from .workflow import can_publish

PREVIEW_ROWS = 200  # documents an editor checks one by one; the rest follow the defaults
INLINE_TEXT_CHARS = 20_000  # a longer document's whole text is a page of its own, not part of the review
LISTED_ROWS = 500  # outcomes and errors listed on a job's page


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at", "origin", "owner", "state", "progress_bar", "counts"]
    list_filter = ["state", "origin"]
    list_select_related = ["owner"]

    # Whoever may import articles may follow imports; nobody edits a job by hand.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.has_perm("editorial.add_article")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and (obj is None or not obj.is_active)

    def changelist_view(self, request, extra_context=None):
        refresh = self.get_queryset(request).running().exists()
        return super().changelist_view(
            request, {"title": "Задания импорта", "refresh": refresh, **(extra_context or {})}
        )

    def get_urls(self):
        text = path(
            "<int:job_id>/text/<int:position>/",
            self.admin_site.admin_view(self.text_view),
            name="editorial_importjob_text",
        )
        return [text, *super().get_urls()]

    def text_view(self, request, job_id, position):
        """The whole recognised text of one document of an upload, opened from its review."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        item = get_object_or_404(ImportItem.objects.exclude(proposal=None), job_id=job_id, position=position)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"{item.filename}: весь текст",
            "job": item.job,
            "proposal": item.get_proposal(),
        }
        return TemplateResponse(request, "admin/editorial/importjob/text.html", context)

    @admin.display(description="ход")
    def progress_bar(self, job):
        return format_html(
            '<progress value="{}" max="{}"></progress> {} из {}', job.done, job.total or 1, job.done, job.total
        )

    @admin.display(description="создано / в архиве / ошибок")
    def counts(self, job):
        return f"{job.created} / {job.duplicates} / {job.failed}"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        job = get_object_or_404(ImportJob, pk=object_id) if str(object_id).isdigit() else None
        if job is None:
            return redirect(reverse("admin:editorial_importjob_changelist"))
        if request.method == "POST":
            return self._confirm(request, job)
        items = job.items.select_related("article", "duplicate_of")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": str(job),
            "job": job,
            "may_confirm": job.may_confirm(request.user) and not job.is_expired,
            "preview": list(items.exclude(proposal=None)[:PREVIEW_ROWS]) if job.state == job.State.REVIEW else [],
            "inline_text_chars": INLINE_TEXT_CHARS,
            "errors": list(items.filter(status=ImportItem.Status.FAILED)[:LISTED_ROWS]),
            "results": list(items.exclude(status__in=["pending", "failed"])[:LISTED_ROWS]),
        }
        context["hidden_rows"] = (
            items.exclude(proposal=None).count() - len(context["preview"]) if context["preview"] else 0
        )
        return TemplateResponse(request, "admin/editorial/importjob/detail.html", context)

    def _confirm(self, request, job):
        """The editor's choices for an upload's documents, then the import (in the background if large)."""
        if not job.may_confirm(request.user):
            if job.state == job.State.REVIEW:
                raise PermissionDenied  # someone else's upload
            messages.error(request, "Эта загрузка уже подтверждена.")
            return redirect(job.get_absolute_url())
        if job.is_expired:
            messages.error(request, "Загрузка устарела: загрузите файлы снова.")
            return redirect(reverse("admin:editorial_article_upload"))
        if not ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.REVIEW).update(state=ImportJob.State.QUEUED):
            messages.error(request, "Эта загрузка уже подтверждена.")  # a second click, or another tab
            return redirect(job.get_absolute_url())
        job.state = ImportJob.State.QUEUED
        chosen = set(request.POST.getlist("import"))
        # Contributors import drafts only: the same rule as the article form and the bulk actions.
        may_publish = can_publish(request.user)
        publish = set(request.POST.getlist("publish")) if may_publish else set()
        publish_rest = may_publish and bool(request.POST.get("publish_rest"))
        items = list(job.items.exclude(proposal=None))
        for index, item in enumerate(items):
            key = str(item.position)
            if index < PREVIEW_ROWS:
                item.chosen, item.publish = key in chosen, key in publish
                item.title = request.POST.get(f"title-{key}", "").strip()[:300]
            else:
                item.publish = publish_rest
        ImportItem.objects.bulk_update(items, ["chosen", "publish", "title"], batch_size=500)
        if sum(item.chosen for item in items) > settings.IMPORT_BACKGROUND_THRESHOLD:
            enqueue(job)
            messages.info(request, "Импорт идёт в фоне: эта страница обновляется сама.")
        else:
            run_job(job)
        return redirect(job.get_absolute_url())
