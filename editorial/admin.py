"""The admin editors work in. (Minimal registration; the foundation issue builds it out.)"""

from django.contrib import admin

from .models import Article, ArticleAuthor, Author, Disclaimer, Source, Theme


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "published_at"]
    inlines = [ArticleAuthorInline]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    search_fields = ["name"]


admin.site.register([Source, Theme, Disclaimer])
