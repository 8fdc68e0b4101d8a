"""Removing the personal content of records while keeping what the statistics need (counts,
states, dates, scales). Shared by erasure (everything of one wethouder) and retention (what has
expired). Updating rows in place leaves no live copy: a `pg_dump` reads only live rows.

This module builds on the intake and coaching apps; those apps import only `services.audit`.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from coaching.models import AppointmentReport, CoachChangeRequest, Evaluation
from intake.models import Intake, IntakeConversation, WishAdjustment

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


#: Functions `(user) -> None` by which apps built on top of coaching remove, at an erasure, the
#: personal content they hold of the user outside trajectories (registered in their
#: AppConfig.ready()).
PERSON_SCRUBBERS: list = []

#: Functions `(trajectories) -> None` by which apps built on top of coaching remove their own
#: confidential texts of trajectories (registered in their AppConfig.ready()).
TRAJECTORY_SCRUBBERS: list = []


def scrub_trajectory_texts(trajectories) -> None:
    """Delete the coach's reports (notes, summaries, observations), the wethouder's requests for
    another coach, and what other apps registered; empty the evaluations' free text of
    `trajectories` (a queryset). The scales and dates stay."""
    AppointmentReport.objects.filter(appointment__trajectory__in=trajectories).delete()
    Evaluation.objects.filter(trajectory__in=trajectories).exclude(what_changed="").update(what_changed="")
    CoachChangeRequest.objects.filter(trajectory__in=trajectories).delete()
    for scrub in TRAJECTORY_SCRUBBERS:
        scrub(trajectories)
