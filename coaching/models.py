"""The pool of coaches and the matches between coaches and wethouders.

A coach's load (matches that hold one of their places) is kept on the profile as `active_load`
and guarded by a database CHECK (`active_load <= capacity`): together with the row lock the
approve service takes on the profile, two coordinators approving at the same moment can never
put a coach over capacity. One wethouder has at most one active match (a partial unique index).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .enums import Background, Gender, MatchSource, MatchState

#: Match states that hold one of the coach's places.
ACTIVE_MATCH_STATES = [
    MatchState.APPROVED,
    MatchState.ACCEPTED,
    MatchState.KENNISMAKING_PLANNED,
    MatchState.KLIK,
]

SHORT_TEXT_MAX_LENGTH = 200
LONG_TEXT_MAX_LENGTH = 4000


class CoachStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")


class CoachProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators see the whole pool; a coach sees their own profile."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.is_coordinator:
            return self.all()
        if user.is_coach:
            return self.filter(user=user)
        return self.none()


class CoachProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_profile")
    home_municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home municipality"),
    )
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    bio = models.TextField(_("short introduction"), max_length=LONG_TEXT_MAX_LENGTH, blank=True)
    themes = models.JSONField(_("themes you coach on"), default=list, blank=True)
    party = models.ForeignKey(
        "municipalities.Party", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("party")
    )
    local_party = models.CharField(_("local party"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("trajectories at the same time"), default=2)
    active_load = models.PositiveSmallIntegerField(default=0, editable=False)
    availability = models.JSONField(_("availability"), default=list, blank=True)
    observes = models.BooleanField(_("willing to observe the wethouder at work"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=CoachStatus.choices, default=CoachStatus.ACTIVE)
    paused_until = models.DateField(_("paused until"), null=True, blank=True)
    profile_confirmed_at = models.DateTimeField(_("profile last confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoachProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("coach profile")
        verbose_name_plural = _("coach profiles")
        constraints = [
            models.CheckConstraint(condition=Q(active_load__lte=F("capacity")), name="coach_load_within_capacity"),
        ]

    def __str__(self):
        return str(self.user)

    @property
    def party_name(self) -> str:
        return self.party.short_name if self.party_id else self.local_party

    @property
    def free_places(self) -> int:
        return max(self.capacity - self.active_load, 0)


class FormerRole(models.Model):
    """An office the coach held: ex-wethouder of X 2010–2018, ex-burgemeester of Y, ..."""

    coach = models.ForeignKey(CoachProfile, on_delete=models.CASCADE, related_name="former_roles")
    background = models.CharField(_("role"), max_length=20, choices=Background.choices)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    province = models.ForeignKey(
        "municipalities.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    description = models.CharField(_("description"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    start_year = models.PositiveSmallIntegerField(_("from"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-start_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(start_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="former_role_years_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_background_display()} {self.municipality or self.province or ''}".strip()


class ConflictOfInterest(models.Model):
    """A declared conflict: a municipality, or a person (by name and/or email)."""

    coach = models.ForeignKey(CoachProfile, on_delete=models.CASCADE, related_name="conflicts")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    person_name = models.CharField(_("person"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    person_email = models.EmailField(_("email address of the person"), blank=True)
    note = models.CharField(_("note"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False) | ~Q(person_name="") | ~Q(person_email=""),
                name="conflict_names_something",
            ),
        ]

    def __str__(self):
        return str(self.municipality or self.person_name or self.person_email)


class MatchingWeights(models.Model):
    """The matching engine's weights and distance thresholds: one row, in one place.
    Coordinators can see them; superusers change them (admin)."""

    themes = models.FloatField(_("themes"), default=3.0)
    background = models.FloatField(_("background"), default=1.5)
    distance = models.FloatField(_("distance"), default=1.0)
    political = models.FloatField(_("political affinity"), default=1.0)
    gender = models.FloatField(_("gender"), default=0.5)
    observation = models.FloatField(_("willingness to observe"), default=1.0)
    availability = models.FloatField(_("availability"), default=1.0)
    workload = models.FloatField(_("balance of workload"), default=1.0)
    nearby_km = models.FloatField(_("nearby: at most (km)"), default=40.0)
    far_km = models.FloatField(_("far away: at least (km)"), default=60.0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="matching_weights_single_row"),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "MatchingWeights":
        weights, _ = cls.objects.get_or_create(pk=1)
        return weights


class Wave(models.Model):
    """One global matching run over every intake ready for matching: a preview until approved."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Preview")
        APPROVED = "approved", _("Approved")
        DISCARDED = "discarded", _("Discarded")

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    total_score = models.FloatField(default=0)
    stats = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.created_at:%Y-%m-%d %H:%M}"


class WaveUnmatched(models.Model):
    """An intake the wave could not match, with the reason (never dropped silently)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="unmatched")
    intake = models.ForeignKey("intake.Intake", on_delete=models.CASCADE, related_name="+")
    reason_code = models.CharField(max_length=40)
    params = models.JSONField(default=dict, blank=True)

    def __str__(self):
        return f"{self.intake_id}: {self.reason_code}"


class MatchQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state__in=ACTIVE_MATCH_STATES)

    def visible_to(self, user):
        """Coordinators see every match. A coach sees a match with them only once a coordinator
        approved it (a proposal is not theirs to see). A wethouder sees their own matches once
        the coach accepted."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.is_coordinator:
            return self.all()
        if user.is_coach:
            return self.filter(coach=user).exclude(state=MatchState.PROPOSED).exclude(approved_at__isnull=True)
        if user.is_wethouder:
            return self.filter(wethouder=user).exclude(accepted_at__isnull=True)
        return self.none()


class Match(models.Model):
    """A coach proposed for one intake, through its lifecycle:
    proposed → approved (coordinator) → accepted (coach) → kennismaking planned → klik / no klik.
    """

    intake = models.ForeignKey("intake.Intake", on_delete=models.CASCADE, related_name="matches")
    wethouder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coach_matches")
    state = models.CharField(max_length=30, choices=MatchState.choices, default=MatchState.PROPOSED, db_index=True)
    source = models.CharField(max_length=20, choices=MatchSource.choices, default=MatchSource.ENGINE)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, null=True, blank=True, related_name="matches")
    score = models.FloatField(null=True, blank=True)
    explanation = models.JSONField(default=list, blank=True)
    override_reason = models.CharField(_("reason"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)

    proposed_at = models.DateTimeField()
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response_due_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    kennismaking_at = models.DateTimeField(_("first meeting"), null=True, blank=True)
    kennismaking_location = models.CharField(_("place or video link"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    coach_klik = models.BooleanField(null=True, blank=True)
    coach_klik_at = models.DateTimeField(null=True, blank=True)
    wethouder_klik = models.BooleanField(null=True, blank=True)
    wethouder_klik_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["wethouder"],
                condition=Q(state__in=ACTIVE_MATCH_STATES),
                name="one_active_match_per_wethouder",
            ),
        ]

    def __str__(self):
        return f"{self.coach} – {self.wethouder} ({self.get_state_display()})"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_MATCH_STATES


class MatchEvent(models.Model):
    """Who did what to a match, and when (None: the system, e.g. a timeout)."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=40)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField()
    note = models.CharField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.action} ({self.at:%Y-%m-%d %H:%M})"
