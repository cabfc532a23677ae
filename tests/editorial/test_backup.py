"""Backup and restore of the whole archive: a round trip into a scratch PostgreSQL database."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from editorial.backup import COUNTED_TABLES
from editorial.models import Disclaimer
from tests.factories import make_article, make_author, make_source, make_theme

ROOT = Path(__file__).resolve().parent.parent.parent
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the backup commands need PostgreSQL")


def fingerprints(conninfo):
    """A digest of every row of each table that matters, comparable across databases."""
    with psycopg.connect(conninfo) as db:
        return {
            table: db.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t"
            ).fetchone()
            for table in [*COUNTED_TABLES, "auth_user_groups", "django_migrations"]
        }


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_into_a_scratch_database(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    author = make_author("Андрей Серенко", position="директор центра")
    author.photo.save("serenko.jpg", ContentFile(b"\xff\xd8 photo bytes"), save=True)
    theme = make_theme("Қазақстан")
    make_article(title="Итоги года", authors=[author], themes=[theme], source=make_source("Contur.kz"), kind="opinion")
    make_article(title="Черновик", published=False)
    Disclaimer.objects.create(title="Своя", text="Своя оговорка.")
    group, _ = Group.objects.get_or_create(name="Редакторы")  # a transactional test may have emptied the tables
    User.objects.create_user("redaktor2", password="Parol-2025-x").groups.add(group)

    out = StringIO()
    call_command("backup_archive", str(tmp_path / "copy"), stdout=out)
    assert "статей 2" in out.getvalue() and "файлов 1" in out.getvalue()

    db = connection.settings_dict
    server = f"host={db['HOST']} port={db['PORT']} user={db['USER']}"
    scratch = db["NAME"] + "_restore"
    with psycopg.connect(server + " dbname=postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{scratch}",
            "MEDIA_ROOT": str(tmp_path / "restored-media"),
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "restore_archive", str(tmp_path / "copy"), "--no-input"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Архив восстановлен" in result.stdout and "статей 2" in result.stdout
        assert fingerprints(f"{server} dbname={scratch}") == fingerprints(f"{server} dbname={db['NAME']}")
        restored_photo = tmp_path / "restored-media" / author.photo.name
        assert restored_photo.read_bytes() == b"\xff\xd8 photo bytes"
        # The restored archive works: its sequences continue, the site's models load.
        check = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             "from tests.factories import make_article; print(make_article(title='Новая', body='Новый текст.').pk)"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert check.returncode == 0, check.stderr
    finally:
        with psycopg.connect(server + " dbname=postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


@postgres_only
@pytest.mark.django_db
def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "something.txt").write_text("x")
    with pytest.raises(CommandError, match="не пуста"):
        call_command("backup_archive", str(tmp_path), stdout=StringIO())


@postgres_only
@pytest.mark.django_db
def test_restore_refuses_a_folder_without_a_backup(tmp_path):
    with pytest.raises(CommandError, match="нет резервной копии"):
        call_command("restore_archive", str(tmp_path), "--no-input", stdout=StringIO())


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite message")
@pytest.mark.django_db
def test_on_sqlite_the_commands_say_what_to_do_instead(tmp_path):
    with pytest.raises(CommandError, match=r"только для PostgreSQL.*скопируйте его"):
        call_command("backup_archive", str(tmp_path / "copy"), stdout=StringIO())
