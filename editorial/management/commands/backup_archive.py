"""Back up the whole archive (PostgreSQL database and MEDIA_ROOT files) into a folder."""

from django.core.management.base import BaseCommand, CommandError

from editorial.backup import BackupError, backup


class Command(BaseCommand):
    help = "Сохранить весь архив (база PostgreSQL и загруженные файлы) в папку: manage.py backup_archive ПАПКА."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="новая или пустая папка для копии")

    def handle(self, *args, directory, **options):
        try:
            manifest = backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Копия сохранена в {directory}: статей {counts['editorial_article']}, "
                f"авторов {counts['editorial_author']}, источников {counts['editorial_source']}, "
                f"тем {counts['editorial_theme']}, пользователей {counts['auth_user']}, "
                f"файлов {manifest['media_files']}."
            )
        )
