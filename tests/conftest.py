"""Shared fixtures: an empty cache, an editor account, and headless Chromium for browser tests.

Public pages are cached (archive/cache.py) until ``content_changed`` is sent, which
happens when a transaction commits: a test that changes content after a request wraps
the change in ``django_capture_on_commit_callbacks(execute=True)``, as a real save commits.
"""

import os
import shutil

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with nothing cached (the local-memory cache outlives a test's database)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def own_generation_stamp(settings, tmp_path):
    """Each test's processes share a generation stamp of their own (archive/generation.py), none left over."""
    settings.PAGE_CACHE_STAMP = tmp_path / "generation"


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings, tmp_path):
    """Background tasks run inside the call that enqueues them; uploads wait in a temporary folder."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.IMPORT_DIR = tmp_path / "imports"


@pytest.fixture
def editor(db):
    """A staff user in the «Редакторы» group created by the data migration."""
    user = User.objects.create_user("redaktor", password="Slozhnyi-parol-2025", is_staff=True)
    user.groups.add(Group.objects.get(name="Редакторы"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium driven by Playwright; skips when none is installed."""
    if not CHROMIUM:
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    # Playwright's sync API runs an event loop; Django's ORM refuses to run beside one.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def media(settings, tmp_path):
    """Uploads go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests log in many times (login throttling); a real hasher costs ~0.3 s a password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def contributor(db):
    """A staff user in the «Корреспонденты» group: writes drafts, submits them for review."""
    user = User.objects.create_user("korrespondent", password="Slozhnyi-parol-2025", is_staff=True)
    user.groups.add(Group.objects.get(name="Корреспонденты"))
    return user


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client
