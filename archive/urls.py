"""Public URLs. Readers and feed readers bookmark these paths: keep them stable."""

from django.urls import path, register_converter

from . import converters, views

register_converter(converters.FourDigitYear, "yyyy")
register_converter(converters.TwoDigitMonth, "mm")
register_converter(converters.TwoDigitDay, "dd")

app_name = "archive"

urlpatterns = [
    path("", views.ArticleIndexView.as_view(), name="index"),
    path("<yyyy:year>/<mm:month>/<dd:day>/<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source"),
]
