"""What the coordinators set for the election-wave forecast: one row of settings, and an
expected number of new wethouders for the municipalities where they know better than the
default."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: Municipal elections are on a Wednesday in the second half of March, every four years.
EXPECTED_NEXT_ELECTION = datetime.date(2030, 3, 20)
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class ForecastSettings(models.Model):
    next_election = models.DateField(_("date of the next municipal elections"), default=EXPECTED_NEXT_ELECTION)
    newcomer_percent = models.PositiveSmallIntegerField(
        _("share of wethouders who are new after an election (%)"), default=50, validators=PERCENT
    )
    default_uptake_percent = models.PositiveSmallIntegerField(
        _("share of new wethouders who ask for a coach, while there is no history (%)"),
        default=25,
        validators=PERCENT,
    )
    places_per_new_coach = models.PositiveSmallIntegerField(
        _("places a newly recruited coach offers"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("forecast settings")
        verbose_name_plural = _("forecast settings")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="forecast_settings_single_row")]

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "ForecastSettings":
        row, _created = cls.objects.get_or_create(pk=1)
        return row


class ExpectedNewWethouders(models.Model):
    """A coordinator's own expectation for one municipality, used instead of the default."""

    municipality = models.OneToOneField(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    count = models.PositiveSmallIntegerField(_("expected new wethouders"), validators=[MaxValueValidator(20)])
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("expected new wethouders")
        verbose_name_plural = _("expected new wethouders")

    def __str__(self):
        return f"{self.municipality}: {self.count}"
