"""The site's URLs plus ``/__floor__/``: a Django view making one query, through every middleware."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from editorial.models import Article


def floor(request):
    return HttpResponse(str(Article.objects.values_list("id", flat=True).order_by("-id").first()))


urlpatterns = [path("__floor__/", floor), *site_urlpatterns]
