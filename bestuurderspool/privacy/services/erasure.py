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

from ..enums import AuditAction, ErasureState
from ..models import ErasureRequest
from ..registry import ERASERS, ERASURE_CHECKS
from .audit import record

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


@transaction.atomic
def carry_out_erasure(erasure: ErasureRequest, *, by) -> ErasureRequest:
    """Remove or anonymise everything personal of the requesting wethouder: first every app's
    part (`registry.ERASERS`, once none of `registry.ERASURE_CHECKS` objects), then the account.
    Kept for the statistics: the rows of intakes, matches, trajectories and appointments with
    their states, dates and themes, and the evaluations' scales. The audit trail keeps its
    records (ids only)."""
    erasure = ErasureRequest.objects.select_for_update().select_related("user").get(pk=erasure.pk)
    if erasure.state != ErasureState.REQUESTED:
        raise ValidationError(_("This request has already been carried out."), code="done")
    user = erasure.user
    for check in ERASURE_CHECKS:
        check(user)
    for eraser in ERASERS:
        eraser.erase(user, by=by)
    _erase_account(user)
    erasure.state, erasure.carried_out_at, erasure.carried_out_by = ErasureState.CARRIED_OUT, timezone.now(), by
    erasure.save(update_fields=["state", "carried_out_at", "carried_out_by"])
    record(AuditAction.ERASED, user, by=by)
    return erasure


def _erase_account(user) -> None:
    user.email = f"{ERASED}-{user.pk}@invalid"
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["email", "first_name", "last_name", "is_active", "password"])
    for model in (EmailAddress, Authenticator, Reminder, ReminderSettings):
        model.objects.filter(user=user).delete()
    rename_admin_log(user, [user.pk])


def rename_admin_log(model, ids) -> None:
    """The admin's history names the objects it changed: rename its entries of the records
    `ids` of `model` (for the erasers, each of the person's own records)."""
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=[str(pk) for pk in ids]
    ).update(object_repr=ERASED, change_message="")
