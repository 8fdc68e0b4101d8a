"""Finding 1: an administrator cannot read a second factor or take over an account. TOTP secrets
and recovery seeds are encrypted at rest, the admin never shows them, it does not set a coach's
or wethouder's password (a reset link instead), and whatever it changes of someone's sign-in is
mailed to them and recorded."""

import importlib

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.core import mail
from django.db import connection
from django.urls import reverse

from bestuurderspool.accounts.models import User
from bestuurderspool.accounts.tests.factories import PASSWORD, totp_code

from ..models import AuditEvent
from .factories import superuser

migration = importlib.import_module("bestuurderspool.privacy.migrations.0004_encrypt_mfa_secrets")
pytestmark = pytest.mark.django_db
NEW_PASSWORD = "een-heel-nieuw-wachtwoord-42"


def stored_data(authenticator_id) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT data::text FROM mfa_authenticator WHERE id = %s", [authenticator_id])
        return cursor.fetchone()[0]


def totp_of(user):
    return Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)


def audit(user):
    return list(AuditEvent.objects.filter(person=user).values_list("actor_id", "action"))


def test_the_totp_secret_is_stored_encrypted_and_still_works(coach):
    authenticator = totp_of(coach)
    stored = stored_data(authenticator.pk)
    assert coach.totp_secret not in stored
    assert '"secret": "gAAAA' in stored
    assert TOTP(authenticator).validate_code(totp_code(coach.totp_secret))


def test_the_recovery_seed_is_stored_encrypted_and_the_codes_still_work(coach):
    codes = RecoveryCodes.activate(coach)
    stored = stored_data(codes.instance.pk)
    assert '"seed": "gAAAA' in stored
    assert RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk)).validate_code(codes.generate_codes()[0])


def test_the_migration_encrypts_secrets_stored_in_clear_and_its_reverse_decrypts_them(wethouder):
    clear = Authenticator.objects.create(user=wethouder, type="totp", data={"secret": "JBSWY3DPEHPK3PXP"})
    migration._migrate(migration._encrypt)(apps, None)
    assert "JBSWY3DPEHPK3PXP" not in stored_data(clear.pk)
    code = totp_code("JBSWY3DPEHPK3PXP")
    assert TOTP(Authenticator.objects.get(pk=clear.pk)).validate_code(code)
    migration._migrate(migration._encrypt)(apps, None)  # twice: an encrypted secret stays as it is
    assert TOTP(Authenticator.objects.get(pk=clear.pk)).validate_code(code) is False
    migration._migrate(migration._decrypt)(apps, None)
    assert '"secret": "JBSWY3DPEHPK3PXP"' in stored_data(clear.pk)


def test_the_admin_never_shows_a_secret(client_for, coach):
    client = client_for(superuser())
    authenticator = totp_of(coach)
    for url in (
        reverse("admin:mfa_authenticator_changelist"),
        reverse("admin:mfa_authenticator_change", args=[authenticator.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert coach.totp_secret not in body
        assert "gAAAA" not in body
    assert client.get(reverse("admin:mfa_authenticator_add")).status_code == 403


def test_removing_someone_elses_authenticator_is_mailed_to_them_and_recorded(
    client_for, coach, django_capture_on_commit_callbacks
):
    admin_user = superuser()
    authenticator = totp_of(coach)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_user).post(
            reverse("admin:mfa_authenticator_delete", args=[authenticator.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Authenticator.objects.filter(pk=authenticator.pk).exists()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([coach.email], "[Bestuurderspool] Uw tweestapsverificatie is gewijzigd")
    ]
    assert audit(coach) == [(admin_user.pk, "mfa_by_other")]


@pytest.mark.parametrize("persona", ["coach", "wethouder"])
def test_the_admin_does_not_set_a_coachs_or_wethouders_password_but_sends_a_reset_link(
    request, client_for, persona, django_capture_on_commit_callbacks
):
    person = request.getfixturevalue(persona)
    admin_user = superuser()
    client = client_for(admin_user)
    url = reverse("admin:auth_user_password_change", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="password1"' not in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"})
    assert response["Location"] == reverse("admin:accounts_user_change", args=[person.pk])
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
    assert not person.check_password(NEW_PASSWORD)
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert audit(person) == [(admin_user.pk, "reset_link_sent")]


def test_a_coordinators_password_set_in_the_admin_is_mailed_to_them_and_recorded(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    admin_user = superuser()
    url = reverse("admin:auth_user_password_change", args=[coordinator.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_user).post(
            url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
        )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password(NEW_PASSWORD)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([coordinator.email], "[Bestuurderspool] Uw wachtwoord is gewijzigd")
    ]
    assert audit(coordinator) == [(admin_user.pk, "password_by_other")]


def test_the_reset_link_action_of_the_list(client_for, coach, wethouder):
    admin_user = superuser()
    response = client_for(admin_user).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "send_reset_links", "_selected_action": [coach.pk, wethouder.pk]},
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coach.email, wethouder.email])
    assert audit(coach) == audit(wethouder) == [(admin_user.pk, "reset_link_sent")]


@pytest.mark.parametrize("role", ["coach", "wethouder"])
def test_the_admin_does_not_create_a_coach_or_wethouder_with_a_password(client_for, role):
    response = client_for(superuser()).post(
        reverse("admin:accounts_user_add"),
        {"email": "nieuw@example.nl", "role": role, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "worden uitgenodigd" in str(response.context["adminform"].form.errors["role"])
    assert not User.objects.filter(email="nieuw@example.nl").exists()


def change_in_admin(client, person, **changes):
    page = client.get(reverse("admin:accounts_user_change", args=[person.pk]))
    data = {key: value for key, value in page.context["adminform"].form.initial.items() if value is not None}
    data.update(language="nl", date_joined_0="2026-01-01", date_joined_1="10:00:00", groups=[], user_permissions=[])
    data.update(changes)
    return client.post(reverse("admin:accounts_user_change", args=[person.pk]), data)


def test_a_change_to_a_person_in_the_admin_is_recorded(client_for, wethouder):
    admin_user = superuser()
    response = change_in_admin(client_for(admin_user), wethouder, first_name="Anneke")
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert audit(wethouder) == [(admin_user.pk, "admin_change")]


def test_a_coordinator_is_not_made_a_coach_in_the_admin(client_for, coordinator):
    """A coordinator's password may be set in the admin; as a coach it would be known."""
    response = change_in_admin(client_for(superuser()), coordinator, role="coach")
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in str(response.context["adminform"].form.errors["role"])
    coordinator.refresh_from_db()
    assert coordinator.role == "coordinator"


@pytest.mark.parametrize("persona", ["coach", "wethouder"])
def test_the_admin_cannot_change_a_coachs_or_wethouders_address_or_role(request, client_for, persona):
    """Either would open the way to their account: a reset link to another address, or a
    password set for a role that allows it."""
    person = request.getfixturevalue(persona)
    client = client_for(superuser())
    url = reverse("admin:accounts_user_change", args=[person.pk])
    form = client.get(url).context["adminform"].form
    assert {"email", "role"} & set(form.fields) == set()
    client.post(url, {"email": "overname@example.nl", "role": "coordinator", "language": "nl"})
    person.refresh_from_db()
    assert (person.email, person.role) == (request.getfixturevalue(persona).email, persona)
