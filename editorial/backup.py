"""Backup and restore of the whole archive on PostgreSQL: the database (pg_dump's custom format)
and the uploaded files of MEDIA_ROOT (a tar), with a manifest of what was saved.

The dump is of the entire database, so every table is in it — articles, bylines, themes,
authors, sources, disclaimers, users and groups, login records, and any table a later
migration adds (history, import jobs) — without a list here to keep up to date.
"""

import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

DUMP_NAME, MEDIA_NAME, MANIFEST_NAME = "database.dump", "media.tar.gz", "manifest.json"
# Counted into the manifest and compared after a restore: what an editor would miss first.
COUNTED_TABLES = [
    "editorial_article", "editorial_articleauthor", "editorial_author", "editorial_source",
    "editorial_theme", "editorial_themedarticle", "editorial_disclaimer", "auth_user", "auth_group",
]  # fmt: skip


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in Russian."""


def require_postgresql():
    if connection.vendor != "postgresql":
        raise BackupError(
            "Резервное копирование этими командами — только для PostgreSQL (DATABASE_URL=postgres://…). "
            "База SQLite — это один файл: скопируйте его вместе с папкой MEDIA_ROOT."
        )
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            raise BackupError(f"Не найдена программа {tool}: установите клиент PostgreSQL (пакет postgresql-client).")


def _pg_environment():
    """libpq's variables for the configured database (the password never appears in a command line)."""
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def _run(command):
    result = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} завершился с ошибкой: {result.stderr.strip()[:2000]}")
    return result


def table_counts():
    counts = {}
    with connection.cursor() as cursor:
        for table in COUNTED_TABLES:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # names from the list above
            counts[table] = cursor.fetchone()[0]
    return counts


def backup(directory):
    """Write the dump, the media tar and the manifest into ``directory`` (new or empty)."""
    require_postgresql()
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"Папка {directory} не пуста: укажите новую или пустую папку.")
    directory.mkdir(parents=True, exist_ok=True)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(directory / DUMP_NAME)])
    media_root = Path(settings.MEDIA_ROOT)
    files = 0
    with tarfile.open(directory / MEDIA_NAME, "w:gz") as archive:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    archive.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
                    files += 1
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": connection.settings_dict["NAME"],
        "counts": table_counts(),
        "media_files": files,
    }
    (directory / MANIFEST_NAME).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def restore(directory):
    """Replace the configured database's content and MEDIA_ROOT's files with the backup's.

    Returns ``(manifest, counts now)``; the caller compares them.
    """
    require_postgresql()
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"В папке {directory} нет резервной копии ({MANIFEST_NAME} не читается).") from error
    for name in (DUMP_NAME, MEDIA_NAME):
        if not (directory / name).is_file():
            raise BackupError(f"В папке {directory} нет файла {name}: копия неполная.")
    connection.close()  # pg_restore drops and recreates the tables: no session of ours may hold them
    _run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         "--exit-on-error", "--dbname", connection.settings_dict["NAME"], str(directory / DUMP_NAME)]
    )  # fmt: skip
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / MEDIA_NAME, "r:gz") as archive:
        archive.extractall(media_root, filter="data")  # no absolute paths, «..» or links outside
    return manifest, table_counts()
