"""Reading what the development portal sent: every mail kept as a file by the backend (shared by
web and worker processes) and shown rendered at /dev/mail/, with working links; no such pages
without DEBUG or from another machine."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from bestuurderspool.accounts.services import invite_user

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def dev_mail(settings, tmp_path):
    """The settings of `make run`: DEBUG on, mail kept in a folder."""
    settings.DEBUG = True
    settings.MAILERS = {
        "default": {
            "BACKEND": "bestuurderspool.devmail.backend.EmailBackend",
            "OPTIONS": {"directory": str(tmp_path), "stream": io.StringIO()},
        }
    }
    return tmp_path


def invite(email: str, *, by, capture) -> None:
    with capture(execute=True):
        invite_user(email, role="coach", first_name="Wim", last_name="Oud", by=by)


@pytest.fixture
def invitation_mail(dev_mail, coordinator, django_capture_on_commit_callbacks):
    invite("wim@example.nl", by=coordinator, capture=django_capture_on_commit_callbacks)
    (path,) = dev_mail.glob("*.eml")
    return path.stem


def test_dev_mail_backend_keeps_each_mail_as_a_file(invitation_mail, dev_mail):
    content = (dev_mail / f"{invitation_mail}.eml").read_bytes()
    assert b"To: wim@example.nl" in content
    assert list(dev_mail.glob(".*")) == []


@pytest.mark.parametrize("persona", [None, "wethouder", "coach", "coordinator"])
def test_dev_mail_list_shows_every_mail_to_anyone_on_this_machine(client_for, request, invitation_mail, persona, db):
    client = client_for(persona and request.getfixturevalue(persona))
    response = client.get("/dev/mail/")
    assert response.status_code == 200
    assert [mail.name for mail in response.context["mails"]] == [invitation_mail]
    assert f'href="/dev/mail/{invitation_mail}/"' in response.content.decode()


def test_dev_mail_detail_shows_text_with_working_links_and_the_html(client, invitation_mail):
    response = client.get(f"/dev/mail/{invitation_mail}/")
    content = response.content.decode()
    (link,) = re.findall(r'<a href="(http://testserver/uitnodiging/[^"]+/)"', content)
    assert response.context["mail"].subject == "[Bestuurderspool] Uw uitnodiging voor de Bestuurderspool"
    assert f'src="/dev/mail/{invitation_mail}/html/"' in content
    assert client.get(link.removeprefix("http://testserver")).status_code == 200


def test_dev_mail_html_is_the_mail_itself_framed_only_here(client, invitation_mail):
    response = client.get(f"/dev/mail/{invitation_mail}/html/")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.startswith("<!DOCTYPE html>")
    assert '<head><base target="_top">' in content
    assert "/uitnodiging/" in content
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "script-src" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("suffix", ["", "{name}/", "{name}/html/"])
def test_dev_mail_pages_do_not_exist_without_debug(client, settings, invitation_mail, suffix):
    settings.DEBUG = False
    response = client.get("/dev/mail/" + suffix.format(name=invitation_mail))
    assert response.status_code == 404


@pytest.mark.parametrize("suffix", ["", "{name}/", "{name}/html/"])
def test_dev_mail_pages_do_not_exist_for_another_machine(client, invitation_mail, suffix):
    response = client.get("/dev/mail/" + suffix.format(name=invitation_mail), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["20260101-000000-000000-00000000", "..", "%2E%2E%2Fsettings"])
def test_dev_mail_unknown_or_forged_name_is_404(client, invitation_mail, name):
    assert client.get(f"/dev/mail/{name}/").status_code == 404


@pytest.mark.parametrize("count", [1, 6])
def test_dev_mail_list_needs_no_queries(
    client, dev_mail, coordinator, count, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for number in range(count):
        invite(f"coach{number}@example.nl", by=coordinator, capture=django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(2):
        response = client.get("/dev/mail/")
    assert len(response.context["mails"]) == count


def settings_of_a_fresh_checkout(**env) -> dict:
    """The settings `make run` gets: no variables besides the given ones."""
    clean = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG")}
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps({'portal_url': settings.PORTAL_URL, "
        "'backend': settings.MAILERS['default']['BACKEND']}))"
    )
    result = subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "bestuurderspool.settings",
            "VAR_DIR": str(ROOT / "var" / "test"),
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_make_run_mail_links_point_where_the_portal_is_served():
    (address,) = re.findall(r"runserver (\S+)", (ROOT / "Procfile").read_text())
    fresh = settings_of_a_fresh_checkout()
    assert fresh == {"portal_url": f"http://{address}", "backend": "bestuurderspool.devmail.backend.EmailBackend"}


def test_production_without_a_mail_server_has_no_dev_mail_backend():
    fresh = settings_of_a_fresh_checkout(
        DEBUG="False",
        SECRET_KEY="a-long-secret-for-this-test-only-0123456789",
        ALLOWED_HOSTS="portal.example.nl",
        FIELD_ENCRYPTION_KEYS=django_settings.FIELD_ENCRYPTION_KEYS[0],
    )
    assert fresh["backend"] == "django.core.mail.backends.console.EmailBackend"
