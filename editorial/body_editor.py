"""The rich-text editor of the article body: django-prose-editor offering exactly the markup ``text.py`` keeps."""

import json

from django import forms
from django.urls import path, reverse
from django.views.i18n import JavaScriptCatalog
from django_prose_editor.config import expand_extensions

from .text import BODY_MARKUP, LINK_SCHEMES

# Parts of a table the editor needs besides «Table» itself (they write no tag of their own).
_TABLE_PARTS = {"TableRow": True, "TableHeader": True, "TableCell": True}


def editor_extensions():
    """django-prose-editor's extension configuration made from ``BODY_MARKUP``."""
    extensions = dict.fromkeys(BODY_MARKUP, True)
    extensions["Heading"] = {"levels": sorted(int(tag[1:]) for tag in BODY_MARKUP["Heading"])}
    extensions["Link"] = {"enableTarget": False, "protocols": sorted(LINK_SCHEMES)}
    if "Table" in extensions:
        extensions |= _TABLE_PARTS
    return expand_extensions(extensions)


class BodyEditorWidget(forms.Textarea):
    """A textarea that ``static/editorial/body_editor.js`` turns into the editor.

    The package's own widget loads its modules through an inline import map, which a
    Content-Security-Policy without inline scripts blocks; this one needs only a module
    file (which imports the package's ``editor.js`` by relative path) and a data attribute.
    Without JavaScript it stays a textarea of HTML, sanitised on save all the same.
    """

    def __init__(self, attrs=None):
        config = json.dumps({"extensions": editor_extensions()}, separators=(",", ":"))
        super().__init__({"data-body-editor": config, "rows": 20, **(attrs or {})})

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "editorial/body_editor.css",
                ]
            },
            # Russian labels for the editor's dialogs, merged into the admin's gettext catalogue.
            js=[reverse("editorial_jsi18n"), forms.Script("editorial/body_editor.js", type="module")],
        )

    def use_required_attribute(self, initial):
        return False  # the textarea is hidden behind the editor: the browser could not point at it


# The editor's dialog labels in Russian (editorial/locale/ru/LC_MESSAGES/djangojs.po).
urlpatterns = [
    path("jsi18n/editorial/", JavaScriptCatalog.as_view(packages=["editorial"]), name="editorial_jsi18n"),
]
