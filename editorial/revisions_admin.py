"""The article's versions in the admin: who changed what and when, a diff of any two, restoring one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .diffs import change_summary, compare
from .revisions import RestoreError, live_snapshot, restore_revision, revision_snapshot, revisions_of

MAX_LISTED = 100


class RevisionsAdminMixin:
    """Adds «Версии» to the article's change form and its three pages."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/revisions/", view(self.revisions_view), name="editorial_article_revisions"),
            path(
                "<path:object_id>/revisions/compare/",
                view(self.revision_compare_view),
                name="editorial_article_revision_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                view(self.revision_restore_view),
                name="editorial_article_revision_restore",
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id:
            url = reverse("admin:editorial_article_revisions", args=[object_id])
            extra_context = {"revisions_url": url, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _article(self, request, object_id, change=False):
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        allowed = self.has_change_permission(request, article) if change else self.has_view_permission(request, article)
        if not allowed:
            raise PermissionDenied
        return article

    def _context(self, request, article, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": title,
            "revisions_url": reverse("admin:editorial_article_revisions", args=[article.pk]),
            "change_url": reverse("admin:editorial_article_change", args=[article.pk]),
            **extra,
        }

    def revisions_view(self, request, object_id):
        article = self._article(request, object_id)
        revisions = list(revisions_of(article)[: MAX_LISTED + 1])
        snapshots = [revision_snapshot(revision, article.pk) for revision in revisions]
        rows = []
        for index, revision in enumerate(revisions[:MAX_LISTED]):
            previous = snapshots[index + 1] if index + 1 < len(snapshots) else None
            rows.append(
                {
                    "revision": revision,
                    "changes": change_summary(previous, snapshots[index]),
                    "is_current": index == 0,
                }
            )
        context = self._context(
            request, article, f"Версии статьи «{article}»", rows=rows, truncated=len(revisions) > MAX_LISTED
        )
        return TemplateResponse(request, "admin/editorial/article/revisions.html", context)

    def _revision(self, article, revision_id):
        revision = revisions_of(article).filter(pk=revision_id).first()
        if revision is None:
            raise Http404("Такой версии у этой статьи нет.")
        return revision

    def revision_compare_view(self, request, object_id):
        article = self._article(request, object_id)
        try:
            ids = sorted({int(request.GET["old"]), int(request.GET["new"])})
        except (KeyError, ValueError):
            messages.error(request, "Выберите две версии для сравнения.")
            return redirect("admin:editorial_article_revisions", article.pk)
        if len(ids) < 2:
            messages.error(request, "Выберите две разные версии.")
            return redirect("admin:editorial_article_revisions", article.pk)
        old, new = (self._revision(article, pk) for pk in ids)
        rows = compare(revision_snapshot(old, article.pk), revision_snapshot(new, article.pk))
        context = self._context(request, article, f"Сравнение версий статьи «{article}»", old=old, new=new, rows=rows)
        return TemplateResponse(request, "admin/editorial/article/revision_compare.html", context)

    def revision_restore_view(self, request, object_id, revision_id):
        article = self._article(request, object_id, change=True)
        revision = self._revision(article, revision_id)
        if request.method == "POST":
            try:
                restore_revision(article, revision, user=request.user)
            except RestoreError as error:
                messages.error(request, str(error))
                return redirect("admin:editorial_article_revisions", article.pk)
            messages.success(request, "Версия восстановлена вместе с авторами и темами; прежняя осталась в истории.")
            return redirect("admin:editorial_article_change", article.pk)
        rows = compare(live_snapshot(article), revision_snapshot(revision, article.pk))
        context = self._context(
            request, article, f"Восстановить версию статьи «{article}»?", revision=revision, rows=rows
        )
        return TemplateResponse(request, "admin/editorial/article/revision_restore.html", context)
