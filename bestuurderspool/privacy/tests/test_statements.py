"""The privacy and accessibility statements: public, linked in the footer, filled from settings."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@override_settings(
    PRIVACY_ORGANISATION="Stichting Proef",
    PRIVACY_ADDRESS="Proefstraat 1, 1234 AB Proefdorp",
    PRIVACY_CONTACT_EMAIL="privacy@proef.nl",
    PRIVACY_DPO_NAME="Fenna Functionaris",
    PRIVACY_DPO_EMAIL="fg@proef.nl",
    RETENTION_TRAJECTORY_TEXTS_DAYS=111,
    RETENTION_INTAKE_ANSWERS_DAYS=222,
    RETENTION_UNMATCHED_INTAKE_DAYS=333,
    RETENTION_AUDIT_DAYS=444,
)
def test_the_privacy_statement_is_filled_from_the_settings(client):
    body = client.get(reverse("privacy")).content.decode()
    for text in (
        "Stichting Proef",
        "Proefstraat 1, 1234 AB Proefdorp",
        "privacy@proef.nl",
        "Fenna Functionaris",
        "fg@proef.nl",
        "111 dagen",
        "222 dagen",
        "333 dagen",
        "444 dagen",
        "Autoriteit Persoonsgegevens",
        "art. 9",
    ):
        assert text in body, text


@override_settings(
    PRIVACY_ORGANISATION="Stichting Proef",
    ACCESSIBILITY_STATUS="A",
    ACCESSIBILITY_STATEMENT_DATE=datetime.date(2026, 11, 2),
)
def test_the_accessibility_statement_follows_the_government_model(client):
    body = client.get(reverse("accessibility")).content.decode()
    for text in (
        "Toegankelijkheidsverklaring",
        "Stichting Proef",
        "WCAG 2.1",
        "Nalevingsstatus",
        "voldoet volledig",
        "Feedback en contactgegevens",
        "Handhavingsprocedure",
        "Nationale ombudsman",
        "2 november 2026",
    ):
        assert text in body, text


@pytest.mark.parametrize("persona", [None, "wethouder", "coach", "coordinator"])
def test_both_are_public_and_linked_in_the_footer(request, client_for, persona):
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    for name in ("privacy", "accessibility"):
        response = client.get(reverse(name))
        assert response.status_code == 200
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("privacy")}"' in home
    assert f'href="{reverse("accessibility")}"' in home
