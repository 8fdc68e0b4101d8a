import os
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory
from django.views.defaults import server_error

ROOT = Path(__file__).resolve().parents[2]


def _run_check(extra_env: dict) -> subprocess.CompletedProcess:
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"DJANGO_SETTINGS_MODULE": "bestuurderspool.settings", **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _run_check({"DEBUG": "False", "ALLOWED_HOSTS": "portal.example.nl"})
    assert result.returncode != 0
    assert "needs these environment variables: SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _run_check({"DEBUG": "False", "SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_deploy_checks_without_warnings():
    result = _run_check(
        {
            "DEBUG": "False",
            "SECRET_KEY": "a-long-random-production-secret-key-" + "k" * 40,
            "ALLOWED_HOSTS": "portal.example.nl",
            "FIELD_ENCRYPTION_KEYS": "O_Tqfuy2b9F8wt_bCKHkBfcTzHvltvPtDztvVLcEtzc=",
            "EMAIL_HOST": "smtp.example.nl",
        }
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_404_page_is_dutch_without_detail(client, wethouder):
    client.force_login(wethouder)
    response = client.get("/bestaat-niet/")
    content = response.content.decode()
    assert response.status_code == 404
    assert "Pagina niet gevonden" in content
    assert "Traceback" not in content
    assert "Request Method" not in content


def test_500_page_is_dutch_without_detail():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_pages_are_dutch_with_csp_and_no_inline_script(client, db):
    response = client.get("/")
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "<script>" not in content
    assert "style=" not in content


def test_english_is_available(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    content = client.get("/").content.decode()
    assert '<html lang="en">' in content
    assert "Sign up as a wethouder" in content
