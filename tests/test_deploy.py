"""Production configuration and the editor account command."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-for-the-deploy-check-only-" + "x7Qz9#Lm2$Vb8&Np4!Rt6" * 2,
    "ALLOWED_HOSTS": "archive.example",
    "CSRF_TRUSTED_ORIGINS": "https://archive.example",
    "SITE_URL": "https://archive.example",
}


def test_check_deploy_is_clean_with_the_documented_production_variables():
    # (The browser fixture may have set DJANGO_ALLOW_ASYNC_UNSAFE for this test process.)
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset} | PRODUCTION
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | {"DEBUG": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_create_editor_makes_a_staff_member_of_the_editors_group(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "Dlinnyi-parol-2025")
    call_command("create_editor", "aigerim")
    user = User.objects.get(username="aigerim")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Редакторы"]
    with pytest.raises(CommandError, match="уже существует"):
        call_command("create_editor", "aigerim")


@pytest.mark.django_db
def test_create_editor_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("create_editor", "weak")
    assert not User.objects.filter(username="weak").exists()
