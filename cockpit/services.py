"""Writes of the cockpit: the forecast's settings and the coordinators' own expectations."""

from django.db import transaction
from django.utils import timezone

from .models import ExpectedNewWethouders, ForecastSettings

SETTING_FIELDS = ("next_election", "newcomer_percent", "default_uptake_percent", "places_per_new_coach")


def update_forecast_settings(*, by, **values) -> ForecastSettings:
    """Store the forecast's settings (the one row), with who changed them and when."""
    with transaction.atomic():
        row = ForecastSettings.current()
        for name in SETTING_FIELDS:
            setattr(row, name, values[name])
        row.updated_at, row.updated_by = timezone.now(), by
        row.full_clean()
        row.save()
    return row


def set_expected_new(municipality, *, count: int | None, by) -> None:
    """A coordinator's own number of expected new wethouders for `municipality`; None goes back
    to the default derived from its population."""
    with transaction.atomic():
        if count is None:
            ExpectedNewWethouders.objects.filter(municipality=municipality).delete()
            return
        ExpectedNewWethouders.objects.update_or_create(
            municipality=municipality, defaults={"count": count, "updated_at": timezone.now(), "updated_by": by}
        )
