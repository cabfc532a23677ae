"""The body's rich-text editor: present on the form, served locally without inline script, same allow-list as the sanitiser."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from editorial.body_editor import editor_extensions
from editorial.models import Article
from editorial.text import ALLOWED_TAGS
from tests.editorial.test_admin import article_form

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:editorial_article_add")


def test_the_editor_offers_exactly_what_the_sanitiser_keeps():
    offered = allowlist_from_extensions(editor_extensions())["tags"]
    # <b> and <i> from pasted HTML are kept; the editor writes them as <strong> and <em>.
    assert set(offered) == ALLOWED_TAGS - {"b", "i"}
    extensions = editor_extensions()
    assert extensions["Heading"] == {"levels": [2, 3, 4]}
    assert not {"Image", "Figure", "Code", "CodeBlock", "Strike", "Underline", "TextAlign"} & set(extensions)


def test_the_form_has_the_editor_loaded_from_our_own_static_files(editor_client):
    page = editor_client.get(ADD_ARTICLE).content.decode()
    assert re.search(r'<textarea[^>]*name="body"[^>]*data-body-editor="\{', page)
    assert '<script src="/static/editorial/body_editor.js" type="module"></script>' in page
    assert "/static/django_prose_editor/editor.css" in page
    assert 'type="importmap"' not in page  # an inline import map would need 'unsafe-inline' under a CSP
    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:json|ld\+json))[^>]*>", page)
    assert scripts == []  # no inline script at all, only files and JSON data
    sources = re.findall(r'<script[^>]+src="([^"]+)"', page)
    assert all(src.startswith(("/static/", "/admin/jsi18n/", "/jsi18n/")) for src in sources)  # nothing from elsewhere


def test_the_editor_dialogs_speak_russian(editor_client):
    page = editor_client.get(ADD_ARTICLE).content.decode()
    assert '<script src="/jsi18n/editorial/"></script>' in page
    catalogue = editor_client.get("/jsi18n/editorial/").content.decode()
    escaped = "Ссылка".encode("ascii", "backslashreplace").decode()  # the catalogue is ASCII JSON
    assert f'"Edit Link": "{escaped}"' in catalogue


def test_the_editor_module_and_what_it_imports_are_in_static_files():
    module = finders.find("editorial/body_editor.js")
    imported = re.search(r'from "\.\./([^"]+)"', open(module, encoding="utf-8").read()).group(1)
    editor = finders.find(imported)
    assert imported == "django_prose_editor/editor.js" and editor
    assert not re.search(r"https?://(?!www\.w3\.org|prosemirror\.net)", open(editor, encoding="utf-8").read())
    assert finders.find("django_prose_editor/material-icons.woff2")  # the toolbar icons, no font CDN


def test_what_the_editor_sends_is_sanitised_to_the_allow_list(editor_client):
    body = (
        '<h1>Заголовок</h1><h2 style="color:red">Подзаголовок</h2><p onclick="x()">Абзац с <strong>жирным</strong>,'
        ' <em>курсивом</em> и <a href="javascript:alert(1)">плохой</a> и <a href="https://contur.kz/" target="_blank">'
        'хорошей</a> ссылкой.</p><script>alert(1)</script><img src="x" onerror="alert(1)"><blockquote><p>Цитата'
        "</p></blockquote><ul><li>Пункт</li></ul><ol><li>Первый</li></ol>"
    )
    assert editor_client.post(ADD_ARTICLE, article_form(body=body)).status_code == 302
    saved = Article.objects.get().body
    assert "<h2>Подзаголовок</h2>" in saved
    assert "<strong>жирным</strong>" in saved and "<em>курсивом</em>" in saved
    assert '<a href="https://contur.kz/" rel="noopener noreferrer">хорошей</a>' in saved
    assert "<blockquote><p>Цитата</p></blockquote>" in saved and "<ul><li>Пункт</li></ul>" in saved
    for gone in ("<h1", "<script", "<img", "onclick", "onerror", "javascript:", "style=", "target="):
        assert gone not in saved
