"""An editor's day in a real browser, and axe-core on every admin page editors use.

The editor logs in, uploads a Word document, checks what was recognised, imports it, gives it a
theme, schedules it, previews it, publishes it, edits it and restores the earlier version.
Screenshots and axe reports go to ``screenshots/`` when ``SCREENSHOTS=1`` (tests/browser.py).
"""

import importlib
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.formats import date_format
from PIL import Image
from playwright.sync_api import expect

from editorial.models import Article
from tests.browser import admin_ready, axe, blocking, log_in, report, serve_media, shot
from tests.factories import make_article, make_author, make_source, make_theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCUMENT = Path(__file__).parents[1] / "data" / "corpus" / "38_word_heading_styles.docx"
TITLE = "Средний коридор и китайские инвестиции"
PASSWORD = "Slozhnyi-parol-2025"


@pytest.fixture
def desk(chromium, media):
    """A browser tab at 1366 px (the CSP bypassed so that axe can be added), covers shown."""
    context = chromium.new_context(locale="ru-RU", viewport={"width": 1366, "height": 900}, bypass_csp=True)
    serve_media(context, media)
    yield context.new_page()
    context.close()


@pytest.fixture
def editor_login(db):
    """An editor in the «Редакторы» group with the rights the data migrations give it (a transactional
    test empties the tables after it, so the group is made again here)."""
    seeded = importlib.import_module("editorial.migrations.0002_default_disclaimer_and_editors")
    group, _ = Group.objects.get_or_create(name=seeded.EDITORS)
    editorial = Permission.objects.filter(content_type__app_label="editorial")
    group.permissions.set(
        editorial.filter(content_type__model__in=seeded.EDITOR_MODELS) | editorial.filter(codename="publish_article")
    )
    user = User.objects.create_user("redaktor", password=PASSWORD, is_staff=True)
    user.groups.add(group)
    return user.username, PASSWORD


def test_an_editors_day(live_server, desk, editor_login):
    make_theme("Средний коридор")
    page, url, checked = desk, live_server.url, {}

    def check(name):
        admin_ready(page)
        checked[name] = axe(page)

    log_in(page, url, *editor_login)
    assert page.locator("#user-tools strong").text_content() == "redaktor"

    # Upload: the document is parsed, and the editor sees what was recognised before anything is saved.
    page.get_by_role("link", name="Статьи", exact=True).first.click()
    page.get_by_role("link", name="Загрузить статьи").click()
    page.get_by_label("Файлы").set_input_files(DOCUMENT)
    page.get_by_role("button", name="Проверить файлы").click()
    page.wait_for_url("**/admin/editorial/importjob/*/change/")
    assert page.get_by_label("Заголовок").input_value() == TITLE
    recognised = page.locator(".upload-table dl")
    assert recognised.locator("dt:text-is('Дата') + dd").inner_text() == "8 февраля 2026"
    assert recognised.locator("dt:text-is('Авторы') + dd").inner_text() == (
        "Жандос Бекмуханов — директор Центра транспортных исследований"
    )
    assert Article.objects.count() == 0
    check("upload-review")
    page.get_by_role("button", name="Импортировать отмеченные").click()
    assert page.locator(".job-created").inner_text() == "1"
    assert page.locator(".job-published").inner_text() == "0"
    check("import-job")

    # The imported draft: a theme from the autocomplete, a publication time tomorrow.
    page.locator(".job-results a", has_text=TITLE).click()
    page.wait_for_url("**/admin/editorial/article/*/change/")
    assert page.locator("#id_status").input_value() == "draft"
    page.locator(".field-themes .select2-selection").click()
    page.keyboard.type("коридор")
    page.locator(".select2-results__option", has_text="Средний коридор").first.click()
    tomorrow = timezone.localtime() + timedelta(days=1)
    page.get_by_label("Статус").select_option(label="Опубликована")
    page.get_by_label("Время публикации — дата").fill(tomorrow.strftime("%d.%m.%Y"))
    page.get_by_label("Время публикации — время").fill("10:00")
    page.get_by_role("button", name="Сохранить и продолжить редактирование").click()
    when = date_format(tomorrow.replace(hour=10, minute=0), "j E Y в H:i")
    assert f"изменена и выйдет {when}." in page.locator(".messagelist .success").inner_text()
    chosen = page.locator(".field-themes .select2-selection__choice")
    chosen.first.wait_for()  # select2 builds the chips after the page loads
    assert [choice.get_attribute("title") for choice in chosen.all()] == ["Средний коридор"]
    assert Article.objects.get().is_scheduled

    # The preview: the article as readers will see it, with a banner saying when it appears.
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Предпросмотр").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator(".preview-banner").inner_text().startswith("Предпросмотр — статья выйдет")
    assert preview.locator("h1").inner_text() == TITLE
    checked["preview"] = axe(preview)
    preview.close()

    # Publishing now: Django's «Сегодня» and «Сейчас» shortcuts, then the public page.
    page.locator(".field-published_at .datetimeshortcuts a", has_text="Сегодня").click()
    page.locator(".field-published_at .datetimeshortcuts a", has_text="Сейчас").click()
    page.get_by_role("button", name="Сохранить и продолжить редактирование").click()
    assert "выйдет" not in page.locator(".messagelist .success").inner_text()
    change_form = page.url
    page.get_by_role("link", name="Смотреть на сайте").click()
    page.wait_for_url(url + Article.objects.get().get_absolute_url())
    assert page.locator("h1").inner_text() == TITLE
    body = page.locator(".article-body")
    assert page.locator(".lead").inner_text().startswith("Китайские компании вложили")
    original = "Основные вложения пришлись на порт Актау и новые паромы на Каспии."
    assert body.locator("p").first.inner_text() == original
    assert page.get_by_label("Темы").locator("a").all_inner_texts() == ["Средний коридор"]

    # An edit of the body, saved and shown to readers.
    page.goto(change_form)
    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.locator("p").first.click()
    page.keyboard.press("Home")
    page.keyboard.press("Shift+End")
    page.keyboard.type("Неудачная правка первого абзаца.")
    # the editor holds the new text before the save (typing can race the editor's start on a busy machine)
    expect(editor.locator("p").first).to_have_text("Неудачная правка первого абзаца.")
    page.get_by_role("button", name="Сохранить и продолжить редактирование").click()
    page.wait_for_selector(".messagelist .success")
    assert "Неудачная правка первого абзаца." in Article.objects.get().body
    page.goto(url + Article.objects.get().get_absolute_url())
    assert body.locator("p").first.inner_text() == "Неудачная правка первого абзаца."

    # The history: compare the last two versions, restore the one before the edit.
    page.go_back()
    page.get_by_role("link", name="Версии").click()
    page.wait_for_url("**/revisions/")
    assert page.locator(".revision-list tbody tr").count() == 4  # import, scheduled, published, edited
    check("history")
    page.get_by_role("button", name="Сравнить выбранные версии").click()
    body_diff = page.locator(".revision-diff tr", has=page.locator("th", has_text="Текст"))
    assert body_diff.locator("ins").first.inner_text().startswith("Неудачная")
    assert body_diff.locator("del").first.inner_text().startswith("Основные")
    check("compare")
    page.get_by_role("link", name="Все версии").click()
    page.locator(".revision-list tbody tr").nth(1).get_by_role("link", name="Восстановить").click()
    assert body_diff.locator("del").first.inner_text().startswith("Неудачная")  # now → after restoring
    check("restore")
    page.get_by_role("button", name="Восстановить эту версию").click()
    assert page.locator(".messagelist .success").inner_text().startswith("Версия восстановлена")
    page.goto(url + Article.objects.get().get_absolute_url())
    assert body.locator("p").first.inner_text() == original

    report(checked, "axe-editors-day")
    assert {name: blocking(found) for name, found in checked.items() if blocking(found)} == {}


@pytest.fixture
def covered_article(media):
    buffer = io.BytesIO()
    Image.new("RGB", (1800, 1200), (90, 120, 60)).save(buffer, "JPEG")
    return make_article(
        title="Каспийский трубопровод: итоги года",
        authors=[make_author("Андрей Серенко")], source=make_source("Contur.kz"), themes=[make_theme("ЕАЭС")],
        cover=SimpleUploadedFile("ktk.jpg", buffer.getvalue(), content_type="image/jpeg"),
        cover_caption="Терминал КТК под Новороссийском", cover_credit="Фото: КТК",
    )  # fmt: skip


def test_axe_on_the_admin_pages_editors_use(live_server, desk, editor_login, covered_article):
    make_article(title="Удалённая статья").move_to_trash()
    page = desk
    log_in(page, live_server.url, *editor_login)
    pk = covered_article.pk
    problems, found_all = {}, {}
    for name, path in {
        "admin-list": "/admin/editorial/article/",
        "admin-change": f"/admin/editorial/article/{pk}/change/",
        "admin-add": "/admin/editorial/article/add/",
        "admin-upload": "/admin/editorial/article/upload/",
        "import-jobs": "/admin/editorial/importjob/",
        "trash": "/admin/editorial/trashedarticle/",
        "themes": "/admin/editorial/theme/",
        "authors": "/admin/editorial/author/",
        "sources": "/admin/editorial/source/",
        "theme-change": f"/admin/editorial/theme/{covered_article.themes.get().pk}/change/",
    }.items():
        page.goto(live_server.url + path)
        admin_ready(page)
        found_all[name] = axe(page)
        if found := blocking(found_all[name]):
            problems[name] = found
        if name == "admin-change":
            shot(page, "admin-change-1366")
            page.set_viewport_size({"width": 390, "height": 844})
            shot(page, "admin-change-390")
            page.set_viewport_size({"width": 1366, "height": 900})
    report(found_all, "axe-admin")
    assert problems == {}
