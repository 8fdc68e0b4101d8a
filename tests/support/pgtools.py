"""pg_dump, createdb and pg_restore against the test database's server, for the drills."""

import os
import shutil
import subprocess

import pytest
from django.db import connection


def _server() -> tuple[list[str], dict]:
    if connection.vendor != "postgresql":
        pytest.fail("This drill needs PostgreSQL (REQUIRE_SERVICES=1 in CI provides it).")
    db = connection.settings_dict
    args = ["-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"]]
    return args, {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}


def run(tool: str, *arguments: str, text: bool = True) -> str | bytes:
    executable = shutil.which(tool)
    assert executable, f"{tool} is needed (apt-get install postgresql-client)"
    args, env = _server()
    completed = subprocess.run(  # noqa: S603 (fixed tools from PATH, arguments from the test)
        [executable, *args, *arguments], capture_output=True, text=text, env=env, check=True
    )
    return completed.stdout


def dump_text() -> str:
    """The whole test database as `pg_dump --data-only` prints it."""
    return run("pg_dump", "--data-only", connection.settings_dict["NAME"])
