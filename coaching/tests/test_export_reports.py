"""Exports for reporting: coordinators download intakes, matches, trajectories and evaluations for
a period as CSV or Excel, without a single confidential word."""

import csv
import datetime
import io
import itertools
import zipfile

import pytest
import time_machine
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from bestuurderspool.accounts.models import User
from bestuurderspool.accounts.tests.factories import UserFactory
from coaching.models import (
    Appointment,
    AppointmentChange,
    AppointmentReport,
    Evaluation,
    Match,
    MatchEvent,
    Trajectory,
)
from coaching.services import trajectories as services
from coaching.tests.factories import KLIK_DAY, MatchFactory, hold_session, trajectory_between
from intake.models import Intake, IntakeConversation, IntakeTransition, WishAdjustment
from intake.tests.factories import SubmittedIntakeFactory

URL = reverse("coaching:report_export")
PERIOD = {"start": "2026-01-01", "end": "2027-12-31"}
WHAT = ("intakes", "matches", "trajectories", "evaluations")
#: Text columns the exports are meant to carry (states and kinds); every other text is planted.
EXPORTED = {
    Intake: {"state"},
    Match: {"state", "source"},
    Trajectory: {"state"},
    Evaluation: {"kind"},
    Appointment: {"kind", "status"},
    IntakeTransition: {"from_state", "to_state"},
}
PLANTED_IN = [
    Intake,
    IntakeConversation,
    IntakeTransition,
    WishAdjustment,
    Match,
    MatchEvent,
    Trajectory,
    Appointment,
    AppointmentReport,
    AppointmentChange,
    Evaluation,
    User,
]
TEXT = (models.CharField, models.TextField)


def at(day, hour=12):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC), tick=False)


def a_full_history(coordinator):
    """One of everything: a trajectory with held sessions and an observation, both evaluations,
    an ending; a declined and an overridden match; an intake with conversation and adjustments."""
    coach, wethouder = UserFactory(role="coach"), UserFactory(role="wethouder")
    trajectory = trajectory_between(coach, wethouder, observation_settings=("council",))
    sessions = list(trajectory.appointments.filter(kind="session").order_by("on"))
    for session in sessions[:2]:
        with at(session.on + datetime.timedelta(days=1)):
            hold_session(session, private_notes="x", shared_summary="y")
    with at(sessions[2].on - datetime.timedelta(days=10)):
        services.cancel_appointment(sessions[2], reason="x", by=coach)
    with at(trajectory.ends_on):
        for kind in ("interim", "final"):
            services.submit_evaluation(
                trajectory, kind=kind, usefulness=4, klik=5, change=3, what_changed="x", share_with_coach=False,
                by=wethouder,
            )  # fmt: skip
        services.end_trajectory(trajectory, outcome="completed", reason="x", by=coordinator)
    with at(KLIK_DAY):
        intake = SubmittedIntakeFactory()
        MatchFactory(intake=intake, state="declined", decline_reason="x", override_reason="x", declined_at=None)
        IntakeConversation.objects.create(
            intake=intake, planned_at=datetime.datetime(2026, 3, 3, 10, tzinfo=datetime.UTC), mode="online",
            planned_by=coordinator, held_at=datetime.datetime(2026, 3, 3, 11, tzinfo=datetime.UTC), notes="x",
        )  # fmt: skip
        WishAdjustment.objects.create(
            intake=intake, field="wish_gender", old_value="x", new_value="x", reason="x", made_by=coordinator,
            made_at=datetime.datetime(2026, 3, 3, 12, tzinfo=datetime.UTC),
        )  # fmt: skip
    return trajectory


def plant_canaries() -> set[str]:
    """A unique marker in every text and JSON field of every row that could hold confidential
    content (encrypted fields included: they are written through the model field)."""
    counter, planted = itertools.count(), set()
    for model in PLANTED_IN:
        for field in model._meta.concrete_fields:
            if field.name in EXPORTED.get(model, set()) or field.name in ("password", "email", "role"):
                continue
            if isinstance(field, TEXT) and not field.primary_key:
                canary = f"ZQ{next(counter):04d}QZ"
                model.objects.update(**{field.attname: canary[: field.max_length or None]})
            elif isinstance(field, models.JSONField):
                canary = f"ZQ{next(counter):04d}QZ"
                model.objects.update(**{field.attname: [canary]})
            else:
                continue
            if model.objects.exists():
                planted.add(canary)
    return planted


def download(client, what, file_format):
    response = client.get(URL, {**PERIOD, "what": what, "file_format": file_format})
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content)


def xlsx_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist())


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_no_confidential_word_reaches_any_export(coordinator, client_for):
    trajectory = a_full_history(coordinator)
    planted = plant_canaries()
    assert len(planted) > 40
    assert AppointmentReport.objects.first().private_notes.startswith("ZQ")  # encrypted, decrypted on read
    client = client_for(coordinator)
    for what in WHAT:
        as_csv, as_xlsx = download(client, what, "csv"), download(client, what, "xlsx")
        rows = csv_rows(as_csv)
        assert len(rows) >= 2, what
        assert "ZQ" not in as_csv.decode(), what
        assert "ZQ" not in xlsx_xml(as_xlsx), what
        sheet = load_workbook(io.BytesIO(as_xlsx), read_only=True).active
        assert len(list(sheet.iter_rows())) == len(rows)
    rows = csv_rows(download(client, "trajectories", "csv"))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["trajectory"], row["state"], row["sessions_held"], row["municipality"], row["province"]) == (
        str(trajectory.pk),
        "completed",
        "2",
        "Utrecht",
        "Utrecht",
    )
    evaluations = csv_rows(download(client, "evaluations", "csv"))
    assert [(r[2], r[4], r[5], r[6]) for r in evaluations[1:]] == [("interim", "4", "5", "3"), ("final", "4", "5", "3")]


def test_the_period_chooses_the_rows(coordinator, client_for):
    with at(datetime.date(2026, 3, 31), 20):
        early = SubmittedIntakeFactory()
    with at(datetime.date(2026, 4, 1), 8):
        late = SubmittedIntakeFactory()
    client = client_for(coordinator)
    response = client.get(URL, {"what": "intakes", "start": "2026-03-01", "end": "2026-03-31", "file_format": "csv"})
    assert [row[0] for row in csv_rows(b"".join(response.streaming_content))[1:]] == [str(early.pk)]
    response = client.get(URL, {"what": "intakes", "start": "2026-04-01", "end": "2026-04-01", "file_format": "csv"})
    assert [row[0] for row in csv_rows(b"".join(response.streaming_content))[1:]] == [str(late.pk)]


def test_cells_that_would_run_as_formulas_are_neutralised(coordinator, client_for):
    with at(datetime.date(2026, 3, 2)):
        intake = SubmittedIntakeFactory()
    Intake.objects.filter(pk=intake.pk).update(state="=cmd|' /C calc'!A0")
    client = client_for(coordinator)
    rows = csv_rows(download(client, "intakes", "csv"))
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    sheet = load_workbook(io.BytesIO(download(client, "intakes", "xlsx"))).active
    assert sheet.cell(row=2, column=2).value == "'=cmd|' /C calc'!A0"
    assert sheet.cell(row=2, column=2).data_type == "s"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"start": "2026-04-01", "end": "2026-03-01"}, "end", "De einddatum ligt vóór de begindatum."),
        ({"start": "31-02-2026", "end": "2026-03-01"}, "start", "Vul een datum in, bijvoorbeeld 1-3-2026."),
        ({"start": "", "end": "2026-03-01"}, "start", "Dit veld is verplicht."),
        ({"start": "2020-01-01", "end": "2026-03-01"}, "end", "Kies een periode van hoogstens drie jaar."),
    ],
)
def test_a_wrong_period_is_explained_on_its_field_and_kept(coordinator, client_for, data, field, message):
    response = client_for(coordinator).get(URL, {"what": "matches", "file_format": "csv", **data})
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert f'value="{data["start"]}"' in response.content.decode() or not data["start"]


def test_the_form_is_shown_to_coordinators(coordinator, client_for):
    response = client_for(coordinator).get(URL)
    assert response.status_code == 200
    assert 'data-testid="export-form"' in response.content.decode()


@pytest.mark.parametrize("persona", ["wethouder", "coach"])
def test_only_coordinators_export(persona, request, client_for, coordinator):
    a_full_history(coordinator)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    for what in WHAT:
        assert client.get(URL, {**PERIOD, "what": what, "file_format": "csv"}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client_for, db):
    response = client_for(None).get(URL, {**PERIOD, "what": "intakes", "file_format": "csv"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("what", WHAT)
def test_the_export_query_count_does_not_grow(what, coordinator, client_for, django_assert_max_num_queries):
    client = client_for(coordinator)
    a_full_history(coordinator)
    with django_assert_max_num_queries(12) as few:
        download(client, what, "csv")
    for _ in range(3):
        a_full_history(coordinator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        download(client, what, "xlsx")
