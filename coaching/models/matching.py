"""The matching: weights, waves, matches and their history."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bestuurderspool.crypto import EncryptedTextField

from ..enums import MATCH_EVENT_NOTES, MatchEventAction, MatchSource, MatchState
from .pool import ACTIVE_MATCH_STATES, SHORT_TEXT_MAX_LENGTH

#: A weight is 0..100 (only the ratios matter); a distance threshold 1..500 km. Forms refuse
#: infinity and NaN themselves; the engine checks again (`coaching.matching.types.Weights`).
WEIGHT_VALIDATORS = [MinValueValidator(0.0), MaxValueValidator(100.0)]
DISTANCE_VALIDATORS = [MinValueValidator(1.0), MaxValueValidator(500.0)]


class MatchingWeights(models.Model):
    """The matching engine's weights and distance thresholds: one row, in one place.
    Coordinators can see them; superusers change them (admin)."""

    themes = models.FloatField(_("themes"), default=3.0, validators=WEIGHT_VALIDATORS)
    background = models.FloatField(_("background"), default=1.5, validators=WEIGHT_VALIDATORS)
    distance = models.FloatField(_("distance"), default=1.0, validators=WEIGHT_VALIDATORS)
    political = models.FloatField(_("political affinity"), default=1.0, validators=WEIGHT_VALIDATORS)
    gender = models.FloatField(_("gender"), default=0.5, validators=WEIGHT_VALIDATORS)
    observation = models.FloatField(_("willingness to observe"), default=1.0, validators=WEIGHT_VALIDATORS)
    availability = models.FloatField(_("availability"), default=1.0, validators=WEIGHT_VALIDATORS)
    workload = models.FloatField(_("balance of workload"), default=1.0, validators=WEIGHT_VALIDATORS)
    nearby_km = models.FloatField(_("nearby: at most (km)"), default=40.0, validators=DISTANCE_VALIDATORS)
    far_km = models.FloatField(_("far away: at least (km)"), default=60.0, validators=DISTANCE_VALIDATORS)
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

    def clean(self):
        names = ("themes", "background", "distance", "political", "gender", "observation", "availability", "workload")
        if all(isinstance(getattr(self, name), int | float) for name in names) and not any(
            getattr(self, name) for name in names
        ):
            raise ValidationError(_("At least one weight must be more than 0."))

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
    override_reason = EncryptedTextField(_("reason"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)

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
    decline_reason = EncryptedTextField(_("reason"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
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
    note = EncryptedTextField(max_length=SHORT_TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.action} ({self.at:%Y-%m-%d %H:%M})"

    @property
    def action_label(self) -> str:
        return MatchEventAction(self.action).label if self.action in MatchEventAction.values else self.action

    @property
    def note_text(self) -> str:
        return str(MATCH_EVENT_NOTES.get(self.note, self.note))
