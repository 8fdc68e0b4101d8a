"""Council calendars: the recess periods (national ones for every municipality, and a
municipality's own) and the meetings imported from a municipality's iCalendar feed."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .enums import MeetingKind
from .periods import Period, effective, summer_recess


class RecessQuerySet(models.QuerySet):
    def periods_for(self, municipality, *, start: date, end: date) -> list[Period]:
        """The recesses that hold for `municipality` between `start` and `end`, in one query:
        the national ones (the summer recess of July–August by default, for every year without
        a national period of its own that overlaps it), with the municipality's own replacing
        the national ones they overlap."""
        rows = list(
            self.filter(Q(municipality__isnull=True) | Q(municipality=municipality)).filter(
                starts_on__lte=end, ends_on__gte=start
            )
        )
        national = [row.period for row in rows if row.municipality_id is None]
        for year in range(start.year, end.year + 1):
            default = summer_recess(year)
            if default.overlaps(Period(start, end)) and not any(default.overlaps(period) for period in national):
                national.append(default)
        own = [row.period for row in rows if municipality is not None and row.municipality_id == municipality.pk]
        return effective(national, own)


class Recess(models.Model):
    """A period without council meetings. Without a municipality it holds for every one."""

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, null=True, blank=True, related_name="recesses"
    )
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = RecessQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("recess")
        verbose_name_plural = _("recesses")
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="recess_ends_after_start")]

    def __str__(self):
        return self.name

    @property
    def period(self) -> Period:
        return Period(self.starts_on, self.ends_on)


class MeetingFeed(models.Model):
    """Where a municipality publishes its meeting calendar, and how the last import went."""

    municipality = models.OneToOneField(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="meeting_feed"
    )
    url = models.URLField(_("address of the calendar"), blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    meetings_imported = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"feed {self.municipality_id}"


class CouncilMeeting(models.Model):
    """A meeting from a municipality's calendar, offered when an observation is planned."""

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="council_meetings"
    )
    uid = models.CharField(max_length=255)
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=MeetingKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=255, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["municipality", "uid"], name="one_meeting_per_uid")]
        indexes = [models.Index(fields=["municipality", "starts_at"], name="council_meeting_when_idx")]

    def __str__(self):
        return self.title
