"""Demo data for group tracks: the next BLOT, open for applications, with its first 24-hour
session, and on its waiting list every demo wethouder whose intake asked for a place in it.
Idempotent: the track is found by name, and nobody is put on the list twice."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from intake.enums import IntakeState, Offer
from intake.models import Intake

from .enums import TrackKind
from .models import Application, Track, TrackSession
from .services import apply_for_track

NAME = "BLOT 2027"
LEARNING_MANAGER = "coach@demo.bestuurderspool.nl"


def seed(stdout) -> None:
    track = _blot()
    asked = Intake.objects.filter(offer__in=[Offer.BLOT, Offer.BOTH]).exclude(
        state__in=[IntakeState.DRAFT, IntakeState.WITHDRAWN]
    )
    for intake in asked.select_related("wethouder", "municipality", "party"):
        if not Application.objects.filter(track=track, wethouder=intake.wethouder).exists():
            apply_for_track(
                track, wethouder=intake.wethouder, municipality=intake.municipality, party=intake.party_name
            )
    stdout.write(f"{NAME}: {track.applications.count()} on the waiting list")


def _blot() -> Track:
    starts_on = timezone.localdate() + datetime.timedelta(days=60)
    track, created = Track.objects.get_or_create(
        name=NAME,
        defaults={
            "kind": TrackKind.BLOT,
            "starts_on": starts_on,
            "ends_on": starts_on + datetime.timedelta(days=270),
            "capacity": 12,
            "province_cap": 2,
            "learning_manager": get_user_model().objects.get(email=LEARNING_MANAGER),
            "guest_colleagues": "Jan Jansen, oud-burgemeester; Ria de Boer, oud-wethouder",
        },
    )
    if created:
        starts_at = timezone.make_aware(datetime.datetime.combine(starts_on, datetime.time(14)))
        TrackSession.objects.create(
            track=track,
            title="Eerste 24-uurssessie",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=24),
            venue="Landgoed De Horst, Driebergen",
            programme="Kennismaking, het krachtenveld rond uw stoel, diner en een casus van een collega.",
        )
    return track
