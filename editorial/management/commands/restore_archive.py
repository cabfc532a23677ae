"""Restore the whole archive from a folder written by backup_archive (replaces what is there)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from editorial.backup import BackupError, restore


class Command(BaseCommand):
    help = "Восстановить архив из копии backup_archive: manage.py restore_archive ПАПКА. Текущее содержимое заменяется."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="папка с копией (database.dump, media.tar.gz, manifest.json)")
        parser.add_argument("--no-input", action="store_true", help="не спрашивать подтверждения")

    def handle(self, *args, directory, no_input, **options):
        name = connection.settings_dict["NAME"]
        if not no_input:
            answer = input(
                f"Всё содержимое базы «{name}» и папки MEDIA_ROOT будет заменено копией. Продолжить? [да/нет] "
            )
            if answer.strip().lower() not in {"да", "yes", "y", "д"}:
                raise CommandError("Отменено: ничего не изменено.")
        try:
            manifest, counts = restore(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        differing = [f"{table}: в копии {manifest['counts'][table]}, теперь {counts[table]}"
                     for table in manifest["counts"] if counts.get(table) != manifest["counts"][table]]  # fmt: skip
        if differing:
            raise CommandError("Восстановлено, но числа записей не совпадают с копией: " + "; ".join(differing))
        self.stdout.write(
            self.style.SUCCESS(
                f"Архив восстановлен из копии от {manifest['created_at']}: статей {counts['editorial_article']}, "
                f"пользователей {counts['auth_user']}, файлов {manifest['media_files']}."
            )
        )
