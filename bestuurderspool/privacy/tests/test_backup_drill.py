"""The backup drill (README, "Backups"): dump a populated database, restore it into a fresh one,
and every encrypted text there still decrypts with the key ring. A backup made before a key
rotation, restored after the old key was dropped, is reported row by row, not silently broken."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from coaching.models import AppointmentReport
from tests.support.pgtools import run

from .history import full_history

ROOT = Path(settings.BASE_DIR)


def check_restored(database: str, keys: list[str]) -> subprocess.CompletedProcess:
    """`manage.py check_encrypted_data` run as an operator would, against the restored database."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{database}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FIELD_ENCRYPTION_KEYS": ",".join(keys),
        "DJANGO_SETTINGS_MODULE": "bestuurderspool.settings",
        "DEBUG": "True",
    }
    return subprocess.run(  # noqa: S603 (this interpreter, this project's manage.py)
        [sys.executable, str(ROOT / "manage.py"), "check_encrypted_data"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restore"
    run("dropdb", "--if-exists", name)
    yield name
    run("dropdb", "--if-exists", name)


def count_encrypted_texts() -> int:
    """How many encrypted values the live database holds, by the command's own count."""
    out = io.StringIO()
    call_command("check_encrypted_data", stdout=out)
    return int(out.getvalue().split()[0])


def restore(dump: Path, name: str) -> None:
    run("dropdb", "--if-exists", name)
    run("createdb", name)
    run("pg_restore", "--no-owner", "--exit-on-error", "-d", name, str(dump))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_decrypts_and_an_old_one_after_rotation_is_reported(
    coach, wethouder, coordinator, restored_name, tmp_path
):
    history = full_history(coach, wethouder, coordinator)
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    # Every encrypted text of the history: reports, evaluation, intake answers and reasons, the
    # instruments, the feed address and the TOTP secrets of coach and coordinator.
    texts = count_encrypted_texts()
    assert texts >= 20
    backup = tmp_path / "before-rotation.dump"
    run("pg_dump", "--format=custom", "--file", str(backup), connection.settings_dict["NAME"])

    restore(backup, restored_name)
    result = check_restored(restored_name, [old_key])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"{texts} encrypted texts checked, 0 unreadable"

    new_key = Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key, old_key]):
        call_command("rotate_encryption_keys", stdout=io.StringIO())
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key]):
        live = io.StringIO()
        call_command("check_encrypted_data", stdout=live)  # the live database reads with the new key alone
        assert live.getvalue().strip() == f"{texts} encrypted texts checked, 0 unreadable"

    restore(backup, restored_name)  # the old backup, after the old key was dropped
    result = check_restored(restored_name, [new_key])
    assert result.returncode == 1
    report_id = AppointmentReport.objects.values_list("pk", flat=True).get(appointment_id=history.session_id)
    lines = result.stdout.splitlines()
    assert f"cannot decrypt: coaching.AppointmentReport #{report_id} private_notes" in lines
    assert lines[-1] == f"{texts} encrypted texts checked, {texts} unreadable"
    assert f"{texts} encrypted texts cannot be decrypted with FIELD_ENCRYPTION_KEYS." in result.stderr
