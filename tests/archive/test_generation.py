"""Several processes with a local-memory cache each: a change announced in one shows in the others at once."""

import logging
import os
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client, override_settings

from archive import cache as public_cache
from archive import generation
from editorial.signals import content_changed
from tests.factories import make_article, make_theme

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
PAGES = ["/", "/themes/kazakhstan/", "/feeds/rss/"]


class Process:
    """A gunicorn worker of its own: its own local-memory cache and its own memory of the stamp."""

    def __init__(self):
        self.caches = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
        }
        self.stamps = {}
        self.client = Client()

    @contextmanager
    def running(self):
        with override_settings(CACHES=self.caches), mock.patch.object(generation, "_stamps", self.stamps):
            yield self

    def get(self, url):
        with self.running():
            response = self.client.get(url)
        assert response.status_code == 200, url
        return response

    def change(self, article, title, django_capture_on_commit_callbacks):
        """An editor's save handled by this process: ``content_changed`` is heard here, on commit."""
        with self.running(), django_capture_on_commit_callbacks(execute=True):
            article.title = title
            article.save()


@pytest.fixture
def article():
    return make_article(title="Стратегическое партнерство", themes=[make_theme("Казахстан")])


@pytest.fixture
def workers(article):
    """Two processes that have heard of an earlier change (a stamp exists) and keep a copy of every page."""
    first, second = Process(), Process()
    with first.running():
        content_changed.send(sender=None, model=None, instance=None)
    for process in (first, second):
        for url in PAGES:
            process.get(url)
            assert process.get(url)["X-Cache"] == "HIT", url
    return first, second


def test_an_edit_in_one_process_shows_at_once_in_the_other(workers, article, django_capture_on_commit_callbacks):
    first, second = workers
    first.change(article, "Партнерство: уточнено", django_capture_on_commit_callbacks)
    for process in (second, first):
        for url in PAGES:
            page = process.get(url)
            assert page["X-Cache"] == "MISS" and "Партнерство: уточнено" in page.content.decode(), url
    # And then both keep their new copies: the stamp costs the cache nothing while it is unchanged.
    for process in workers:
        assert all(process.get(url)["X-Cache"] == "HIT" for url in PAGES)


def test_each_change_shows_everywhere_however_close_together(workers, article, django_capture_on_commit_callbacks):
    first, second = workers
    for number in range(5):
        writer, reader = (first, second) if number % 2 else (second, first)
        writer.change(article, f"Правка {number}", django_capture_on_commit_callbacks)
        assert f"Правка {number}" in reader.get("/").content.decode()


def test_a_stamp_is_read_only_when_it_changed(workers, article):
    second = workers[1]
    with mock.patch("builtins.open", side_effect=AssertionError("the stamp was read again")):
        assert all(second.get(url)["X-Cache"] == "HIT" for url in PAGES)


@pytest.mark.parametrize(
    "place", ["a missing folder", "a folder in its place", "a stamp it cannot replace", "turned off"]
)
def test_a_stamp_that_cannot_be_used_costs_a_minute_of_staleness_never_a_page(
    settings, tmp_path, article, caplog, django_capture_on_commit_callbacks, place
):
    """Processes then share nothing, as before stamps: each copy is kept ``FRESH_SECONDS`` at most."""
    if place == "a missing folder":
        settings.PAGE_CACHE_STAMP = tmp_path / "missing" / "generation"
    elif place == "a folder in its place":
        settings.PAGE_CACHE_STAMP = tmp_path / "generation"
        os.mkdir(settings.PAGE_CACHE_STAMP)
    elif place == "a stamp it cannot replace":  # another user's, in a folder this one may not write to
        settings.PAGE_CACHE_STAMP = tmp_path / "generation"
        Path(settings.PAGE_CACHE_STAMP).write_text(uuid.uuid4().hex)
    else:
        settings.PAGE_CACHE_STAMP = ""
    first, second = Process(), Process()
    for process in (first, second):
        process.get("/")
    refused = PermissionError(13, "Permission denied") if place == "a stamp it cannot replace" else None
    with (
        caplog.at_level(logging.ERROR, logger="archive.generation"),
        mock.patch.object(generation.os, "replace", side_effect=refused, wraps=os.replace),
    ):
        first.change(article, "Партнерство: уточнено", django_capture_on_commit_callbacks)
        first.change(article, "Партнерство: уточнено дважды", django_capture_on_commit_callbacks)
        for process in (first, second):
            process.get("/")
    # Once in each process, however many changes and pages.
    assert len(caplog.records) == (0 if place == "turned off" else 2 if place == "a folder in its place" else 1)
    assert not list(tmp_path.glob(f"{generation.STAMP_PREFIX}*"))  # no temporary file left behind
    assert "уточнено дважды" in first.get("/").content.decode()
    stale = second.get("/")
    assert stale["X-Cache"] == "HIT" and "уточнено" not in stale.content.decode()
    later = time.time() + public_cache.FRESH_SECONDS
    with mock.patch.object(public_cache, "now", return_value=later):
        assert "уточнено дважды" in second.get("/").content.decode()


def test_a_shared_cache_needs_no_stamp(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    content_changed.send(sender=None, model=None, instance=None)
    assert not os.path.exists(settings.PAGE_CACHE_STAMP)


def stamp_of(**environment):
    """``PAGE_CACHE_STAMP`` as a process started with ``environment`` sets it."""
    env = {k: v for k, v in os.environ.items() if k not in {"PAGE_CACHE_STAMP", "DATABASE_URL"}} | environment
    command = "from django.conf import settings; print(settings.PAGE_CACHE_STAMP)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {command}"],
        cwd=ROOT, env=env | {"DJANGO_SETTINGS_MODULE": "config.settings"}, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return result.stdout.strip()


def test_each_site_on_a_machine_has_its_own_stamp_without_configuration():
    one = stamp_of(DATABASE_URL="postgres://archive@127.0.0.1:5432/archive")
    other = stamp_of(DATABASE_URL="postgres://archive@127.0.0.1:5432/archive_staging")
    assert one != other
    assert {os.path.dirname(one), os.path.dirname(other)} == {tempfile.gettempdir()}
    assert stamp_of(DATABASE_URL="postgres://archive@127.0.0.1:5432/archive") == one  # every process of a site
    assert stamp_of(PAGE_CACHE_STAMP="") == ""


def test_the_stamp_is_readable_by_a_worker_running_as_another_user(tmp_path):
    stamp = generation.Stamp(tmp_path / "stamp")
    stamp.write(uuid.uuid4().hex)
    assert os.stat(tmp_path / "stamp").st_mode & 0o777 == 0o644
