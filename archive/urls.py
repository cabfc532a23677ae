"""Public URLs. Readers and feed readers bookmark these paths: keep them stable."""

from django.urls import path, register_converter
from django.views.generic import TemplateView

from . import converters, feeds, preview, sitemaps, views

register_converter(converters.FourDigitYear, "yyyy")
register_converter(converters.TwoDigitMonth, "mm")
register_converter(converters.TwoDigitDay, "dd")

app_name = "archive"

urlpatterns = [
    path("", views.ArticleIndexView.as_view(), name="index"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive"),
    path("<yyyy:year>/", views.YearView.as_view(), name="year"),
    path("<yyyy:year>/<mm:month>/", views.MonthView.as_view(), name="month"),
    path("<yyyy:year>/<mm:month>/<dd:day>/", views.DayView.as_view(), name="day"),
    path("<yyyy:year>/<mm:month>/<dd:day>/<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("preview/<int:pk>/", preview.editor_preview, name="preview"),
    path("preview/link/<str:token>/", preview.shared_preview, name="shared_preview"),
    path("themes/", views.ThemeIndexView.as_view(), name="themes"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme"),
    path("authors/", views.AuthorIndexView.as_view(), name="authors"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author"),
    path("sources/", views.SourceIndexView.as_view(), name="sources"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source"),
    *[
        path(f"feeds/{fmt}/", feeds.readable_in_browsers(feeds.feed_view(fmt)), name=f"feed_{fmt}")
        for fmt in feeds.FORMATS
    ],
    *[
        path(
            f"{facet}s/<slug:slug>/{fmt}/",
            feeds.readable_in_browsers(feeds.feed_view(fmt, facet)),
            name=f"{facet}_feed_{fmt}",
        )
        for facet in feeds.FACETS
        for fmt in feeds.FORMATS
    ],
    # Finished months of every feed (RFC 5005 archives): they never change.
    *[
        path(
            f"feeds/archive/<yyyy:year>/<mm:month>/{fmt}/",
            feeds.readable_in_browsers(feeds.feed_view(fmt)),
            name=f"feed_archive_{fmt}",
        )
        for fmt in feeds.FORMATS
    ],
    *[
        path(
            f"{facet}s/<slug:slug>/archive/<yyyy:year>/<mm:month>/{fmt}/",
            feeds.readable_in_browsers(feeds.feed_view(fmt, facet)),
            name=f"{facet}_feed_archive_{fmt}",
        )
        for facet in feeds.FACETS
        for fmt in feeds.FORMATS
    ],
    path("subscribe/", views.SubscribeView.as_view(), name="subscribe"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="archive/robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
]
