"""Create an editor account: staff, in the «Редакторы» group (or «Корреспонденты»), nothing more."""

import os
from getpass import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from editorial.workflow import CONTRIBUTORS, EDITORS


class Command(BaseCommand):
    help = "Создать учётную запись редактора (пароль спрашивается или берётся из EDITOR_PASSWORD)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--contributor", action="store_true", help="Корреспондент: пишет и отправляет на проверку, не публикует."
        )

    def handle(self, username, email, contributor=False, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Пользователь «{username}» уже существует.")
        password = os.environ.get("EDITOR_PASSWORD") or getpass("Пароль: ")
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=CONTRIBUTORS if contributor else EDITORS))
        role = "Корреспондент" if contributor else "Редактор"
        self.stdout.write(self.style.SUCCESS(f"{role} «{username}» создан: войдите на /admin/."))
