"""Public pages. Placeholder views so the foundation's URLs resolve; the archive issue builds them out."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from editorial.models import Article, Author, Source, Theme


class ArticleIndexView(ListView):
    template_name = "archive/article_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().with_related()


class ArticleDetailView(DetailView):
    template_name = "archive/article_detail.html"

    def get_object(self, queryset=None):
        k = self.kwargs
        return get_object_or_404(
            Article.objects.published().with_related(),
            slug=k["slug"],
            published_at__date=f"{k['year']:04d}-{k['month']:02d}-{k['day']:02d}",
        )


class ThemeDetailView(DetailView):
    model = Theme
    template_name = "archive/facet_detail.html"


class AuthorDetailView(DetailView):
    model = Author
    template_name = "archive/facet_detail.html"


class SourceDetailView(DetailView):
    model = Source
    template_name = "archive/facet_detail.html"
