"""Previews of drafts and scheduled articles: the public article page, never cached, never indexed."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format

from editorial import preview
from editorial.models import Article

from .views import article_page_context


def private_noindex(response):
    """No copy kept anywhere (browser, proxy, our cache), no search engine told about it."""
    patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def render_preview(request, article, *, shared):
    context = article_page_context(article, request) | {
        "article": article,
        "preview": {"shared": shared, "state": preview_state(article)},
    }
    return private_noindex(render(request, "archive/article_detail.html", context))


def preview_state(article):
    """What the banner says about where the article stands."""
    if article.is_public:
        return "статья уже опубликована"
    if article.is_scheduled:
        return "статья выйдет " + date_format(timezone.localtime(article.published_at), "j E Y в H:i")
    return f"{article.get_status_display().lower()}: читатели эту страницу не видят"


@staff_member_required
def editor_preview(request, pk):
    """«Предпросмотр» from the admin: any article the editor may see, as readers will see it."""
    if not request.user.has_perm("editorial.view_article"):
        raise PermissionDenied
    return render_preview(request, get_object_or_404(Article.objects.with_related(), pk=pk), shared=False)


def shared_preview(request, token):
    """A signed link for a reviewer without an account, valid for ``preview.lifetime()``."""
    try:
        article_id = preview.article_id(token)
    except preview.PreviewLinkExpired:
        response = render(request, "archive/preview_expired.html", {"page_title": "Ссылка устарела"}, status=410)
        return private_noindex(response)
    except preview.PreviewLinkInvalid:
        raise Http404("Неверная ссылка для предпросмотра") from None
    return render_preview(request, get_object_or_404(Article.objects.with_related(), pk=article_id), shared=True)
