"""A real `pg_dump` of the test database, for the drills that look for plain text in it."""

import os
import shutil
import subprocess

import pytest
from django.conf import settings
from django.db import connection


def database_dump() -> str:
    """The data of the test database as `pg_dump --data-only` writes it (committed rows only:
    call it from a `transaction=True` test)."""
    if connection.vendor != "postgresql":
        pytest.fail("This drill needs PostgreSQL (REQUIRE_SERVICES=1 in CI provides it).")
    pg_dump = shutil.which("pg_dump")
    assert pg_dump, "pg_dump is needed (apt-get install postgresql-client)"
    db = settings.DATABASES["default"]
    command = [pg_dump, "-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"], "--data-only"]
    return subprocess.run(  # noqa: S603 (fixed arguments, pg_dump from PATH)
        [*command, connection.settings_dict["NAME"]],
        capture_output=True,
        text=True,
        env={**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""},
        check=True,
    ).stdout
