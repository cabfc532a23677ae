"""Root URLs: the admin for editors, everything else is the public archive."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from archive.health import healthz

admin.site.site_header = "Архив: редакция"
admin.site.site_title = "Архив: редакция"
admin.site.index_title = "Управление архивом"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("editorial.body_editor")),
    path("healthz", healthz, name="healthz"),
    path("", include("archive.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
