"""The admin editors work in: articles with bylines, themes and disclaimers; authors, sources, themes."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.text import capfirst
from taggit.models import Tag

from . import admin_jobs  # noqa: F401  (registers the import jobs' admin)
from .admin_upload import upload_view
from .models import Article, ArticleAuthor, Author, Disclaimer, Source, Theme
from .signals import announce
from .slugs import CYRILLIC_TO_LATIN


class RussianTitlesMixin:
    """Page titles in proper Russian (Django's «Выберите статья для изменения» is not)."""

    add_title = change_title = ""

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": capfirst(self.model._meta.verbose_name_plural), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        title = self.change_title if object_id else self.add_title
        extra_context = {**({"title": title} if title else {}), **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)


class TransliterationMixin(RussianTitlesMixin):
    """Gives the admin's slug JavaScript the same transliteration map as ``slugs.py``."""

    change_form_template = "admin/editorial/change_form.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "translit_map": CYRILLIC_TO_LATIN}
        return super().changeform_view(request, object_id, form_url, extra_context)


class BylineFormSet(forms.BaseInlineFormSet):
    """Checks the article's publication rules once the number of authors is known."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        authors = [
            form.cleaned_data["author"]
            for form in self.forms
            if form.cleaned_data and form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
        ]
        errors = self.instance.publication_errors(author_count=len(authors))
        if errors:
            raise ValidationError(list(errors.values()))


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    formset = BylineFormSet
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position", "order"]
    verbose_name = "автор"
    verbose_name_plural = "авторы (в порядке подписи)"


class ArticleForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label="Темы", queryset=Theme.objects.all(), required=False, widget=forms.SelectMultiple
    )

    class Meta:
        model = Article
        fields = [
            "title", "slug", "lead", "body", "status", "published_at", "kind", "language",
            "themes", "source", "source_url", "disclaimer",
        ]  # fmt: skip

    def clean(self):
        # The model checks the field rules; the rule about authors needs the
        # inline's rows and is checked by BylineFormSet.
        self.instance.authors_checked_elsewhere = True
        return super().clean()


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "slug", "description"]

    def clean_name(self):
        """Themes are case-insensitive (TAGGIT_CASE_INSENSITIVE): «россия» is «Россия»."""
        name = self.cleaned_data["name"].strip()
        if Theme.objects.exclude(pk=self.instance.pk).filter(name__iexact=name).exists():
            raise ValidationError(f"Тема «{name}» уже есть (с другим регистром букв).")
        return name


class StatusFilter(admin.SimpleListFilter):
    title = "статус"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("draft", "Черновики"), ("scheduled", "Запланированные"), ("public", "Опубликованные")]

    def queryset(self, request, queryset):
        return {
            "draft": queryset.drafts,
            "scheduled": queryset.scheduled,
            "public": queryset.published,
        }.get(self.value(), queryset.all)()


@admin.register(Article)
class ArticleAdmin(TransliterationMixin, admin.ModelAdmin):
    add_title, change_title = "Новая статья", "Правка статьи"
    form = ArticleForm
    inlines = [BylineInline]
    list_display = ["title_or_placeholder", "kind", "state", "published_at", "byline", "source", "theme_list"]
    list_filter = [
        StatusFilter, "kind", "source", ("theme_links__tag", admin.RelatedOnlyFieldListFilter), "authors", "language",
    ]  # fmt: skip
    list_select_related = ["source"]
    date_hierarchy = "published_at"
    search_fields = ["title", "lead", "body", "authors__name"]
    autocomplete_fields = ["source", "disclaimer"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish_selected", "unpublish_selected"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        ("Публикация", {"fields": ["status", "published_at", "kind", "language"]}),
        ("Темы и источник", {"fields": ["themes", "source", "source_url", "disclaimer"]}),
        ("Служебное", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["themes"].widget = AutocompleteSelectMultiple(
            Article._meta.get_field("themes"), self.admin_site
        )
        return form

    def get_queryset(self, request):
        return super().get_queryset(request).with_related()

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    @admin.display(description="заголовок", ordering="title")
    def title_or_placeholder(self, obj):
        return str(obj)

    @admin.display(description="состояние", ordering="status")
    def state(self, obj):
        if obj.is_scheduled:
            return "Запланирована на " + date_format(timezone.localtime(obj.published_at), "j E Y, H:i")
        return obj.get_status_display()

    @admin.display(description="авторы")
    def byline(self, obj):
        return ", ".join(b.author.name for b in obj.ordered_bylines)

    @admin.display(description="темы")
    def theme_list(self, obj):
        return format_html_join(", ", "{}", ((t.name,) for t in obj.sorted_themes))

    @admin.action(description="Опубликовать выбранные статьи", permissions=["change"])
    def publish_selected(self, request, queryset):
        published, refused = 0, []
        for article in queryset:
            if article.is_public:
                continue
            try:
                article.publish()
            except ValidationError as error:
                refused.append(f"«{article}»: " + " ".join(error.messages))
                continue
            published += 1
        if published:
            self.message_user(request, f"Опубликовано статей: {published}.", messages.SUCCESS)
        for problem in refused:
            self.message_user(request, "Не опубликована " + problem, messages.ERROR)

    @admin.action(description="Снять выбранные статьи с публикации", permissions=["change"])
    def unpublish_selected(self, request, queryset):
        published = list(queryset.filter(status=Article.Status.PUBLISHED))
        count = Article.objects.filter(pk__in=[a.pk for a in published]).update(
            status=Article.Status.DRAFT, updated_at=timezone.now()
        )
        for article in Article.objects.filter(pk__in=[a.pk for a in published]):
            announce(Article, article)  # a bulk update sends no save signal
        self.message_user(request, f"Снято с публикации статей: {count}.", messages.SUCCESS)

    def get_urls(self):
        upload = path("upload/", self.admin_site.admin_view(upload_view(self)), name="editorial_article_upload")
        return [upload, *super().get_urls()]


class ArticleCountMixin:
    count_lookup = "articles"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count(self.count_lookup, distinct=True))

    @admin.display(description="статей", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


class FacetAdmin(TransliterationMixin, ArticleCountMixin, admin.ModelAdmin):
    """Authors, sources and themes: named, slugged from the name, counted."""

    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(FacetAdmin):
    add_title, change_title = "Новый автор", "Правка автора"
    list_display = ["name", "position", "article_count"]
    search_fields = ["name", "position"]


@admin.register(Source)
class SourceAdmin(FacetAdmin):
    add_title, change_title = "Новый источник", "Правка источника"
    list_display = ["name", "url", "article_count"]
    search_fields = ["name", "url"]


@admin.register(Theme)
class ThemeAdmin(FacetAdmin):
    add_title, change_title = "Новая тема", "Правка темы"
    form = ThemeForm
    ordering = ["name"]  # stable pages in the themes autocomplete
    count_lookup = "article_links"
    list_display = ["name", "slug", "article_count"]


@admin.register(Disclaimer)
class DisclaimerAdmin(RussianTitlesMixin, ArticleCountMixin, admin.ModelAdmin):
    add_title, change_title = "Новая оговорка", "Правка оговорки"
    list_display = ["title", "is_default", "article_count"]
    search_fields = ["title", "text"]


# Themes are edited above; taggit's generic «Теги» would be a second, confusing list.
if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)
