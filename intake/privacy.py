"""The intake's part in the wethouder's AVG rights and in the retention, registered with the
privacy app when the app starts (`apps.py`; the orders are listed in
`bestuurderspool/privacy/registry.py`): the intakes in the data download, their answers erased
or purged, an intake withdrawn with the consent, and the periods of withdrawn and draft intakes.

Removing content keeps what the statistics need (states, dates, the consent moment); updating
rows in place leaves no live copy: a `pg_dump` reads only live rows."""

import datetime
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bestuurderspool.privacy import registry
from bestuurderspool.privacy.selectors import DataRecord, record_of
from bestuurderspool.privacy.services.erasure import rename_admin_log

from .display import LIST_CHOICES, adjustment_rows
from .enums import IntakeState
from .models import Intake, IntakeConversation, WishAdjustment
from .services import withdraw_intake

# --- The data download --------------------------------------------------------------------------

#: Labels for the fields whose model gives none a reader would understand.
LABELS = {
    "partner_frameworks": _("partner role: clear frameworks"),
    "partner_process": _("partner role: a clear process"),
    "partner_dialogue": _("partner role: dialogue as a habit"),
    "partner_feedback": _("partner role: feedback to stay sharp"),
    "wish_backgrounds_must": _("preferred background is a must"),
    "wish_gender_must": _("preferred gender is a must"),
    "wish_political_must": _("political affinity is a must"),
    "wish_distance_must": _("distance is a must"),
    "field": _("wish"),
    "old_value": _("before"),
    "new_value": _("after"),
    "made_at": _("changed on"),
}
INTAKE = [
    "state", "offer", "created_at", "submitted_at", "consent_given_at", "withdrawn_at", "phone", "municipality",
    "portfolio", "party", "local_party", "installed_on", "first_term", "earlier_roles", "themes", "question",
    "hardest_role", "partner_frameworks", "partner_process", "partner_dialogue", "partner_feedback",
    "wish_backgrounds", "wish_backgrounds_must", "wish_gender", "wish_gender_must", "wish_political",
    "wish_political_must", "wish_distance", "wish_distance_must", "wants_observation", "observation_settings",
    "availability", "meeting_places", "preferred_sessions", "preferred_months",
]  # fmt: skip
CONVERSATION = ["planned_at", "mode", "location", "held_at", "notes"]


def personal_data(user) -> list[DataRecord]:
    """The wethouder's intakes with their conversation and the coordinators' adjustments (two
    queries)."""
    intakes = (
        Intake.objects.filter(wethouder=user)
        .select_related("municipality", "party", "conversation")
        .prefetch_related("adjustments")
        .order_by("created_at")
    )
    return [_intake_record(intake) for intake in intakes]


def _intake_record(intake) -> DataRecord:
    """The intake in the words the wethouder read: list answers by their labels, and each
    coordinator's adjustment with its question and answers in words."""
    adjustments = [
        DataRecord(
            "wishadjustment",
            str(WishAdjustment._meta.verbose_name),
            [
                ("field", str(LABELS["field"]), row["label"]),
                ("old_value", str(LABELS["old_value"]), row["old"]),
                ("new_value", str(LABELS["new_value"]), row["new"]),
                ("reason", str(WishAdjustment._meta.get_field("reason").verbose_name), row["adjustment"].reason),
                ("made_at", str(LABELS["made_at"]), row["adjustment"].made_at),
            ],
        )
        for row in adjustment_rows(intake, intake.adjustments.all())
    ]
    conversation = getattr(intake, "conversation", None)
    children = ([record_of(conversation, CONVERSATION)] if conversation is not None else []) + adjustments
    record = record_of(intake, INTAKE, children=children, labels=LABELS)
    record.fields = [(name, label, _choice_labels(name, value)) for name, label, value in record.fields]
    return record


def _choice_labels(name: str, value):
    """A list answer (themes, day parts, places) by its labels, as the intake showed them."""
    if name not in LIST_CHOICES or not isinstance(value, list):
        return value
    labels = dict(LIST_CHOICES[name].choices)
    return [str(labels.get(code, code)) for code in value]


# --- Removing the answers (erasure and retention) -----------------------------------------------

#: The intake's answers and the value each is reset to. Kept: state, dates, consent moment.
INTAKE_ANSWERS = {
    "phone": "",
    "municipality": None,
    "portfolio": "",
    "party": None,
    "local_party": "",
    "installed_on": None,
    "first_term": None,
    "earlier_roles": "",
    "themes": [],
    "question": "",
    "hardest_role": "",
    "partner_frameworks": "",
    "partner_process": "",
    "partner_dialogue": "",
    "partner_feedback": "",
    "wish_backgrounds": [],
    "wish_backgrounds_must": False,
    "wish_gender": "",
    "wish_gender_must": False,
    "wish_political": "",
    "wish_political_must": False,
    "wish_distance": "",
    "wish_distance_must": False,
    "wants_observation": False,
    "observation_settings": [],
    "availability": [],
    "meeting_places": [],
}


def _differs(field: str, blank) -> Q:
    return Q(**{f"{field}__isnull": False}) if blank is None else ~Q(**{field: blank})


#: Intakes that still hold answers (the ones a purge has work on).
INTAKE_HAS_ANSWERS = reduce(or_, (_differs(field, blank) for field, blank in INTAKE_ANSWERS.items()))


def scrub_intakes(intakes) -> list[int]:
    """Empty the answers, the conversation notes and place, and the coordinators' wish
    adjustments (they hold wishes, political ones too) of `intakes` (a queryset). The ids
    scrubbed are returned."""
    ids = list(intakes.filter(INTAKE_HAS_ANSWERS).values_list("pk", flat=True))
    ids += list(
        intakes.exclude(pk__in=ids)
        .filter(Q(conversation__notes__gt="") | Q(conversation__location__gt="") | Q(adjustments__isnull=False))
        .values_list("pk", flat=True)
        .distinct()
    )
    Intake.objects.filter(pk__in=ids).update(**INTAKE_ANSWERS)
    IntakeConversation.objects.filter(intake__in=ids).update(notes="", location="")
    WishAdjustment.objects.filter(intake__in=ids).delete()
    return ids


def erase(user, *, by) -> None:
    """An open intake is withdrawn, except a matched one: the figures count it (its match and
    trajectory are over, or the erasure would have waited). Then every intake's answers go."""
    for intake in Intake.objects.open().filter(wethouder=user).exclude(state=IntakeState.MATCHED):
        withdraw_intake(intake, by=by)
    intakes = Intake.objects.filter(wethouder=user)
    scrub_intakes(intakes)
    rename_admin_log(Intake, list(intakes.values_list("pk", flat=True)))


# --- Withdrawing consent ------------------------------------------------------------------------

POLITICAL_WISH = {"wish_political": "", "wish_political_must": False}


def withdraw_unmatched_intake(user) -> bool:
    """An open intake not matched yet is being matched: it is withdrawn. (A matched one is the
    coaching app's to judge.)"""
    intake = Intake.objects.open().filter(wethouder=user).exclude(state=IntakeState.MATCHED).first()
    if intake is None:
        return False
    withdraw_intake(intake, by=user)
    return True


def erase_political_wish(user) -> bool:
    """The political wish (special-category data, AVG art. 9) goes from every intake, with the
    coordinators' adjustments of it."""
    Intake.objects.filter(wethouder=user).update(**POLITICAL_WISH)
    WishAdjustment.objects.filter(intake__wethouder=user, field__in=list(POLITICAL_WISH)).delete()
    return False


# --- Retention -----------------------------------------------------------------------------------


def holding_answers():
    """Intakes that still hold answers, conversation notes or adjustments."""
    return Intake.objects.filter(INTAKE_HAS_ANSWERS | Q(conversation__notes__gt="") | Q(adjustments__isnull=False))


def unmatched_past_period(now):
    """A withdrawn intake `RETENTION_UNMATCHED_INTAKE_DAYS` after the withdrawal; a draft never
    submitted, the same period after it was last saved."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_UNMATCHED_INTAKE_DAYS)
    return Intake.objects.filter(
        Q(state=IntakeState.WITHDRAWN, withdrawn_at__lt=cutoff) | Q(state=IntakeState.DRAFT, updated_at__lt=cutoff)
    )


def register() -> None:
    registry.add_personal_data(personal_data, order=10)
    registry.add_eraser(erase, order=10)
    registry.add_consent_step(withdraw_unmatched_intake, order=10)
    registry.add_consent_step(erase_political_wish, order=30)
    registry.add_retention_rule(
        Intake, order=20, summary="answers of {count} intakes: {ids}", holding=holding_answers, purge=scrub_intakes
    )
    registry.add_retention_period(Intake, unmatched_past_period)
