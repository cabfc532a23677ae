"""The admin editors work in: articles with bylines, themes and disclaimers; authors, sources, themes."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Count, Q
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from taggit.models import Tag

from . import admin_jobs  # noqa: F401  (registers the import jobs' admin)
from .admin_a11y import NamedCellsFormSet, NamedDateTimeMixin
from .admin_address import AddressChangeFormMixin
from .admin_conflicts import EditConflictFormMixin
from .admin_preview import PreviewAdminMixin
from .admin_russian import RussianGrammarMixin
from .admin_themes import ThemeAutocomplete, ThemeChoiceField
from .admin_upload import upload_view
from .admin_workflow import ReviewFilter, WorkflowAdminMixin, WorkflowFormMixin
from .body_editor import BodyEditorWidget
from .models import Article, ArticleAuthor, Author, Disclaimer, Source, Theme
from .revisions_admin import RevisionsAdminMixin
from .signals import announce
from .slugs import CYRILLIC_TO_LATIN
from .text import normalize_body, plural_form, strip_control_chars
from .trash_admin import TrashAdminMixin


class RussianTitlesMixin(RussianGrammarMixin):
    """Page titles in proper Russian (Django's «Выберите статья для изменения» is not).

    Also the search box of every list and autocomplete: control characters (a NUL, which
    PostgreSQL refuses in a query) are dropped from the term, never a 500.
    """

    add_title = change_title = ""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, strip_control_chars(search_term, " "))

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": capfirst(self.model._meta.verbose_name_plural), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        title = self.change_title if object_id else self.add_title
        extra_context = {**({"title": title} if title else {}), **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)


class ConcurrentSaveMixin:
    """A form that passed its checks can still lose a race: another editor or an import saves
    the same text, URL, slug or name just before it. The database refuses (IntegrityError,
    the whole save rolled back); the form is then checked again and shows why, never a 500."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError:
            return super().changeform_view(request, object_id, form_url, extra_context)


class TransliterationMixin(NamedDateTimeMixin, ConcurrentSaveMixin, RussianTitlesMixin):
    """Gives the admin's slug JavaScript the same transliteration map as ``slugs.py``."""

    change_form_template = "admin/editorial/change_form.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "translit_map": CYRILLIC_TO_LATIN}
        return super().changeform_view(request, object_id, form_url, extra_context)


class BylineFormSet(NamedCellsFormSet):
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
    add_another_label = "Добавить ещё одного автора"


class ArticleForm(EditConflictFormMixin, AddressChangeFormMixin, WorkflowFormMixin, forms.ModelForm):
    themes = ThemeChoiceField(label="Темы", queryset=Theme.objects.all(), required=False)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "lead", "body", "status", "published_at", "kind", "language",
            "themes", "source", "source_url", "disclaimer", "cover", "cover_caption", "cover_credit",
        ]  # fmt: skip
        widgets = {"body": BodyEditorWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["themes"].allow_new = self.user.has_perm("editorial.add_theme")

    def clean(self):
        # The model checks the field rules; the rule about authors needs the
        # inline's rows and is checked by BylineFormSet.
        self.instance.authors_checked_elsewhere = True
        return super().clean()

    @cached_property
    def changed_data(self):
        """What really changed, for the history: a browser's CRLF line ends or the markup the
        body gets on save are not an edit («Изменено Текст» when nothing was touched)."""
        changed = super().changed_data
        return [name for name in changed if name in self._meta.fields and not self._same_text(name)]

    def _same_text(self, name):
        if name not in ("title", "slug", "lead", "body", "source_url"):
            return False
        initial, posted = self[name].initial or "", self[name].data or ""
        if name == "body":
            return normalize_body(initial) == normalize_body(posted)
        return initial.replace("\r\n", "\n").strip() == posted.replace("\r\n", "\n").strip()


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


@admin.register(Article)
class ArticleAdmin(
    WorkflowAdminMixin, PreviewAdminMixin, RevisionsAdminMixin, TrashAdminMixin, TransliterationMixin, admin.ModelAdmin
):
    add_title, change_title = "Новая статья", "Правка статьи"
    change_form_template = "admin/editorial/article/change_form.html"
    form = ArticleForm
    inlines = [BylineInline]
    list_display = ["title_or_placeholder", "state", "publication_time", "byline", "source", "theme_list"]
    list_filter = [
        ReviewFilter, "kind", "source", ("theme_links__tag", admin.RelatedOnlyFieldListFilter), "authors", "language",
    ]  # fmt: skip
    list_select_related = ["source"]
    date_hierarchy = "published_at"
    search_fields = ["title", "lead", "body", "authors__name"]
    autocomplete_fields = ["source", "disclaimer"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish_selected", "unpublish_selected", "trash_selected"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        ("Обложка", {"fields": ["cover", "cover_caption", "cover_credit"]}),
        ("Публикация", {"fields": ["status", "published_at", "kind", "language"]}),
        ("Темы и источник", {"fields": ["themes", "source", "source_url", "disclaimer"]}),
        ("Служебное", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["themes"].widget = ThemeAutocomplete(Article._meta.get_field("themes"), self.admin_site)
        return form

    def get_queryset(self, request):
        return super().get_queryset(request).with_related()

    def log_change(self, request, obj, message):
        """A save that changed nothing leaves no history entry."""
        if message:
            return super().log_change(request, obj, message)
        return None

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    @admin.display(description="заголовок", ordering="title")
    def title_or_placeholder(self, obj):
        return str(obj)

    @admin.display(description="состояние, жанр", ordering="status")
    def state(self, obj):
        state = "Запланирована" if obj.is_scheduled else obj.get_status_display()  # the time is beside it
        return format_html('{}<br><span class="quiet">{}</span>', state, obj.get_kind_display())

    @admin.display(description="дата", ordering="published_at")
    def publication_time(self, obj):
        """Short, so the list fits a laptop screen with the filters open."""
        if not obj.published_at:
            return "—"
        moment = timezone.localtime(obj.published_at)
        return format_html("{}<br>{}", date_format(moment, "d.m.Y"), date_format(moment, "H:i"))

    @admin.display(description="авторы")
    def byline(self, obj):
        return ", ".join(b.author.name for b in obj.ordered_bylines)

    @admin.display(description="темы")
    def theme_list(self, obj):
        return format_html_join(", ", "{}", ((t.name,) for t in obj.sorted_themes))

    def success_note(self, obj):
        """«Статья «…» изменена и выйдет 12 марта 2026 в 10:00»."""
        if obj.is_scheduled:
            return " и выйдет " + date_format(timezone.localtime(obj.published_at), "j E Y в H:i")
        if obj.status == Article.Status.REVIEW:
            return " и отправлена на проверку"
        return ""

    @admin.action(description="Опубликовать выбранные статьи", permissions=["publish"])
    def publish_selected(self, request, queryset):
        """The form's rules, article by article: an undated draft is refused, not dated today."""
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
            verb = "Опубликована" if plural_form(published, 1, 2, 5) == 1 else "Опубликовано"
            self.message_user(request, f"{verb} {self.noun.count(published)}.", messages.SUCCESS)
        for problem in refused:
            self.message_user(request, "Не опубликована " + problem, messages.ERROR)

    @admin.action(description="Снять выбранные статьи с публикации", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        published = list(queryset.filter(status=Article.Status.PUBLISHED))
        count = Article.objects.filter(pk__in=[a.pk for a in published]).update(
            status=Article.Status.DRAFT, updated_at=timezone.now()
        )
        for article in Article.objects.filter(pk__in=[a.pk for a in published]):
            announce(Article, article)  # a bulk update sends no save signal
        self.message_user(request, f"Снято с публикации: {self.noun.count(count)}.", messages.SUCCESS)

    def get_urls(self):
        upload = path("upload/", self.admin_site.admin_view(upload_view(self)), name="editorial_article_upload")
        return [upload, *super().get_urls()]


class ArticleCountMixin:
    count_lookup = "articles"
    article_path = "articles"  # from the counted row to its articles (to leave the trash out)

    def get_queryset(self, request):
        live = Q(**{f"{self.article_path}__deleted_at__isnull": True})
        return (
            super().get_queryset(request).annotate(article_count=Count(self.count_lookup, filter=live, distinct=True))
        )

    @admin.display(description="статей", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


class FacetAdmin(TransliterationMixin, ArticleCountMixin, admin.ModelAdmin):
    """Authors, sources and themes: named, slugged from the name, counted."""

    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    ordering = ["name"]  # the count annotation drops Meta.ordering: stable autocomplete pages


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
    count_lookup = "article_links"
    article_path = "article_links__content_object"
    list_display = ["name", "slug", "article_count"]

    def get_deleted_objects(self, objs, request):
        """A theme in use is protected (ThemedArticle.tag): the refusal names the theme and how
        many articles have it, instead of Django's list of every article-theme link."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            in_use = Theme.objects.filter(pk__in=[t.pk for t in objs]).annotate(n=Count("article_links"))
            protected = [
                f"Тема «{theme.name}» — у статей: {theme.n}. Сначала уберите её из этих статей."
                for theme in in_use.filter(n__gt=0).order_by("name")
            ]
        return deleted, counts, perms_needed, protected


@admin.register(Disclaimer)
class DisclaimerAdmin(ConcurrentSaveMixin, RussianTitlesMixin, ArticleCountMixin, admin.ModelAdmin):
    add_title, change_title = "Новая оговорка", "Правка оговорки"
    list_display = ["title", "is_default", "article_count"]
    search_fields = ["title", "text"]
    ordering = ["title"]


# Themes are edited above; taggit's generic «Теги» would be a second, confusing list.
if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)
