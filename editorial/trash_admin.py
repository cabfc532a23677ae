"""The trash in the admin: deleting an article moves it there; restoring from it; only a superuser empties it."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from .models import Article, TrashedArticle


def _count(n):
    return f"{n} стат" + (
        "ья" if n % 10 == 1 and n % 100 != 11 else "ьи" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "ей"
    )


class TrashAdminMixin:
    """For ArticleAdmin: «Удалить» moves to the trash (restorable), nothing is lost there."""

    delete_confirmation_template = "admin/editorial/article/trash_confirmation.html"

    def get_deleted_objects(self, objs, request):
        # Nothing is deleted, and the bylines and theme links go to the trash with the article.
        return [str(obj) for obj in objs], {}, set(), []

    def delete_model(self, request, obj):
        obj.move_to_trash(request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for article in queryset:
                article.move_to_trash(request.user)

    def response_delete(self, request, obj_display, obj_id):
        trash = reverse("admin:editorial_trashedarticle_changelist")
        self.message_user(
            request,
            format_html(
                "Статья «{}» перемещена в <a href='{}'>корзину</a>; оттуда её можно восстановить.", obj_display, trash
            ),
            messages.SUCCESS,
        )
        return redirect("admin:editorial_article_changelist")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # Django's asks to confirm a permanent delete
        return actions

    @admin.action(description="Переместить выбранные статьи в корзину", permissions=["delete"])
    def trash_selected(self, request, queryset):
        count = len(queryset)
        self.delete_queryset(request, queryset)
        trash = reverse("admin:editorial_trashedarticle_changelist")
        self.message_user(
            request, format_html("В <a href='{}'>корзину</a> перемещено: {}.", trash, _count(count)), messages.SUCCESS
        )


@admin.register(TrashedArticle)
class TrashedArticleAdmin(admin.ModelAdmin):
    """«Корзина»: editors restore from it; emptying it (deleting for good) is for superusers only."""

    list_display = ["__str__", "deleted_at", "deleted_by", "status", "published_at"]
    list_display_links = None
    list_select_related = ["deleted_by"]
    search_fields = ["title", "lead"]
    actions = ["restore_selected", "purge_selected"]
    change_list_template = "admin/editorial/trashedarticle/change_list.html"

    def _may_edit_articles(self, request):
        return request.user.has_perm("editorial.change_article")

    def has_module_permission(self, request):
        return self._may_edit_articles(request)

    def has_view_permission(self, request, obj=None):
        return self._may_edit_articles(request)

    def has_change_permission(self, request, obj=None):
        return False  # a trashed article is not edited; it is restored first

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_restore_permission(self, request):
        return self._may_edit_articles(request)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # purge_selected says what it does
        return actions

    def get_urls(self):
        empty = path("empty/", self.admin_site.admin_view(self.empty_view), name="editorial_trashedarticle_empty")
        return [empty, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra = {"title": "Корзина", "can_empty": self.has_delete_permission(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    @admin.action(description="Восстановить выбранные статьи", permissions=["restore"])
    def restore_selected(self, request, queryset):
        renamed = []
        for trashed in queryset:
            article = Article.all_objects.get(pk=trashed.pk)
            old_slug = article.slug
            article.restore_from_trash()
            if article.slug != old_slug:
                renamed.append(f"«{article}»: адрес занят другой статьёй, новый — {article.slug}")
        self.message_user(request, f"Восстановлено: {_count(len(queryset))}.", messages.SUCCESS)
        for note in renamed:
            self.message_user(request, note, messages.WARNING)

    @admin.action(description="Удалить выбранные навсегда", permissions=["delete"])
    def purge_selected(self, request, queryset):
        return self._purge(request, queryset, selected=True)

    def empty_view(self, request):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return self._purge(request, self.get_queryset(request), selected=False)

    def _purge(self, request, queryset, selected):
        articles = list(queryset)
        if request.POST.get("confirm") == "yes":
            with transaction.atomic():
                Article.all_objects.filter(pk__in=[a.pk for a in articles], deleted_at__isnull=False).delete()
            self.message_user(request, f"Удалено навсегда: {_count(len(articles))}.", messages.SUCCESS)
            return redirect("admin:editorial_trashedarticle_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Удалить навсегда?",
            "articles": articles,
            "count": _count(len(articles)),
            "selected": selected,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/editorial/trashedarticle/purge_confirmation.html", context)
