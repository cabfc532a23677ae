"""«Предпросмотр» on the article form: the editor's own preview and a signed link for an outside reviewer."""

from django.utils import timezone
from django.utils.formats import date_format

from . import preview


class PreviewAdminMixin:
    """Gives the change form a fresh signed token and says until when a link made now works.
    The URLs themselves belong to the public site (``archive:preview``, ``archive:shared_preview``)."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {}
        if obj is not None:
            extra = {
                "preview_token": preview.make_token(obj),
                "preview_expires": date_format(timezone.localtime(preview.expires_at()), "j E Y, H:i"),
                "preview_lifetime": preview.lifetime_text(),
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})
