"""The wethouder's right to erasure (AVG art. 17): the request, and a coordinator carrying it out.

Carrying it out anonymises rather than deletes: the account row stays (the trajectory, match and
history rows that the statistics count point at it), but nothing left identifies the person or
says what they wrote. Deleting instead would fail on the history rows that protect their author
(`ProtectedError`) or take the statistics with it.
"""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bestuurderspool.notifications.models import Reminder, ReminderSettings
from coaching.models import Appointment, AppointmentChange, CalendarFeed, Match, MatchEvent, Trajectory
from intake.enums import IntakeState
from intake.models import Intake
from intake.services import withdraw_intake

from ..enums import AuditAction, ErasureState
from ..models import ErasureRequest
from .audit import record
from .scrub import PERSON_SCRUBBERS, scrub_intakes, scrub_trajectory_texts

ERASED = "erased"


def erasure_due_on(requested_at: datetime.datetime) -> datetime.date:
    return timezone.localdate(requested_at) + datetime.timedelta(days=settings.ERASURE_DEADLINE_DAYS)


@transaction.atomic
def request_erasure(user) -> ErasureRequest:
    """The wethouder asks for erasure; coordinators see it with its deadline. Asking twice
    returns the open request."""
    if not user.is_wethouder:
        raise ValidationError(_("Only a wethouder can ask for erasure here."), code="role")
    existing = ErasureRequest.objects.open().filter(user=user).first()
    if existing:
        return existing
    now = timezone.now()
    erasure = ErasureRequest.objects.create(user=user, requested_at=now, due_on=erasure_due_on(now))
    record(AuditAction.ERASURE_REQUESTED, user, by=user)
    return erasure


def _refuse_while_active(user) -> None:
    if (
        Trajectory.objects.active().filter(wethouder=user).exists()
        or Match.objects.active().filter(wethouder=user).exists()
    ):
        raise ValidationError(
            _("This wethouder still has an active match or trajectory: end it first, then carry out the erasure."),
            code="active",
        )


@transaction.atomic
def carry_out_erasure(erasure: ErasureRequest, *, by) -> ErasureRequest:
    """Remove or anonymise everything personal of the requesting wethouder. Kept for the
    statistics: the rows of intakes, matches, trajectories and appointments with their states,
    dates and themes, and the evaluations' scales. The audit trail keeps its records (ids only)."""
    erasure = ErasureRequest.objects.select_for_update().select_related("user").get(pk=erasure.pk)
    if erasure.state != ErasureState.REQUESTED:
        raise ValidationError(_("This request has already been carried out."), code="done")
    user = erasure.user
    _refuse_while_active(user)
    # A matched intake stays matched: the figures count it (its match and trajectory are over).
    for intake in Intake.objects.open().filter(wethouder=user).exclude(state=IntakeState.MATCHED):
        withdraw_intake(intake, by=by)
    _erase_coaching(user)
    for scrub in PERSON_SCRUBBERS:
        scrub(user)
    scrub_intakes(Intake.objects.filter(wethouder=user))
    _erase_account(user)
    erasure.state, erasure.carried_out_at, erasure.carried_out_by = ErasureState.CARRIED_OUT, timezone.now(), by
    erasure.save(update_fields=["state", "carried_out_at", "carried_out_by"])
    record(AuditAction.ERASED, user, by=by)
    return erasure


def _erase_coaching(user) -> None:
    trajectories = Trajectory.objects.filter(wethouder=user)
    scrub_trajectory_texts(trajectories)
    trajectories.update(end_reason="")
    Appointment.objects.filter(trajectory__in=trajectories).update(location="", occasion="")
    AppointmentChange.objects.filter(appointment__trajectory__in=trajectories).update(reason="")
    matches = Match.objects.filter(wethouder=user)
    matches.update(override_reason="", decline_reason="", kennismaking_location="", explanation=[])
    MatchEvent.objects.filter(match__in=matches).update(note="")


def _erase_account(user) -> None:
    user.email = f"{ERASED}-{user.pk}@invalid"
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["email", "first_name", "last_name", "is_active", "password"])
    for model in (EmailAddress, Authenticator, CalendarFeed, Reminder, ReminderSettings):
        model.objects.filter(user=user).delete()
    _erase_admin_log(user)


def _erase_admin_log(user) -> None:
    """The admin's history names the objects it changed: rename the person's own entries."""
    targets = [
        (user, [user.pk]),
        (Intake, list(Intake.objects.filter(wethouder=user).values_list("pk", flat=True))),
        (Match, list(Match.objects.filter(wethouder=user).values_list("pk", flat=True))),
        (Trajectory, list(Trajectory.objects.filter(wethouder=user).values_list("pk", flat=True))),
    ]
    for model, ids in targets:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in ids]
        ).update(object_repr=ERASED, change_message="")
