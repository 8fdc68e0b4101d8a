"""Trajectories: what follows a klik. Appointments (sessions, observations, evaluations) with
their history, the coach's confidential reports, the wethouder's evaluations, calendar feeds.

Confidentiality is structural: every confidential text lives in `AppointmentReport` (and the
free text of an `Evaluation`), encrypted at rest. Pages for coordinators never load those rows.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bestuurderspool.crypto import EncryptedTextField, keyed_hash, keyed_hashes

from ..enums import (
    AppointmentAction,
    AppointmentKind,
    AppointmentStatus,
    EvaluationKind,
    MoveProposalStatus,
    ObservationSetting,
    SessionMode,
    TrajectoryState,
)
from .pool import SHORT_TEXT_MAX_LENGTH


class TrajectoryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators see every trajectory (never the notes); coach and wethouder their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.is_coordinator:
            return self.all()
        return self.filter(Q(coach=user) | Q(wethouder=user))

    def active(self):
        return self.filter(state=TrajectoryState.ACTIVE)


class Trajectory(models.Model):
    match = models.OneToOneField("coaching.Match", on_delete=models.PROTECT, related_name="trajectory")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coach_trajectories")
    wethouder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trajectories")
    state = models.CharField(
        _("state"), max_length=12, choices=TrajectoryState.choices, default=TrajectoryState.ACTIVE, db_index=True
    )
    klik_on = models.DateField(_("klik on"))
    planned_sessions = models.PositiveSmallIntegerField(_("number of sessions"))
    planned_months = models.PositiveSmallIntegerField(_("duration in months"))
    ends_on = models.DateField(_("planned end"))
    plan_confirmed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    end_reason = EncryptedTextField(_("reason"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-klik_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_sessions__gte=5, planned_sessions__lte=8), name="trajectory_5_to_8_sessions"
            ),
            models.CheckConstraint(
                condition=Q(planned_months__gte=6, planned_months__lte=12), name="trajectory_6_to_12_months"
            ),
            models.CheckConstraint(
                condition=Q(state=TrajectoryState.ACTIVE) | Q(ended_at__isnull=False), name="trajectory_end_recorded"
            ),
        ]

    def __str__(self):
        return f"{self.coach} – {self.wethouder}"

    @property
    def is_open(self) -> bool:
        return self.state == TrajectoryState.ACTIVE


class AppointmentQuerySet(models.QuerySet):
    def in_plan(self):
        """What the trajectory counts: planned and held appointments, extras once agreed."""
        return self.exclude(status__in=[AppointmentStatus.CANCELLED, AppointmentStatus.PROPOSED])


class Appointment(models.Model):
    """A session, observation or evaluation conversation of a trajectory, planned or extra."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="appointments")
    kind = models.CharField(_("kind"), max_length=20, choices=AppointmentKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=AppointmentStatus.choices, default=AppointmentStatus.PLANNED
    )
    extra = models.BooleanField(_("extra, beyond the plan"), default=False)
    on = models.DateField(_("date"))
    start_time = models.TimeField(_("time"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=90)
    location = models.CharField(_("place or video link"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    setting = models.CharField(_("setting"), max_length=10, choices=ObservationSetting.choices, blank=True)
    occasion = models.CharField(_("occasion"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    # What happened (no confidential text here: coordinators see these).
    held_at = models.DateTimeField(_("held on"), null=True, blank=True)
    held_minutes = models.PositiveSmallIntegerField(_("how long (minutes)"), null=True, blank=True)
    mode = models.CharField(_("where"), max_length=10, choices=SessionMode.choices, blank=True)
    themes = models.JSONField(_("themes touched"), default=list, blank=True)
    logged_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["on", "start_time", "pk"]
        indexes = [models.Index(fields=["on", "status"], name="appointment_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=AppointmentStatus.HELD) | Q(held_at__isnull=False), name="held_has_moment"
            ),
            models.CheckConstraint(
                condition=~Q(kind=AppointmentKind.OBSERVATION) | ~Q(setting=""), name="observation_has_setting"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on:%d-%m-%Y}"

    @property
    def is_held(self) -> bool:
        return self.status == AppointmentStatus.HELD

    @property
    def happened_on(self) -> datetime.date:
        """The day it took place when held (a session held early is shown where it happened),
        otherwise the planned day."""
        return timezone.localdate(self.held_at) if self.is_held and self.held_at else self.on

    @property
    def is_cancelled(self) -> bool:
        return self.status == AppointmentStatus.CANCELLED

    @property
    def awaits_agreement(self) -> bool:
        return self.status == AppointmentStatus.PROPOSED

    @property
    def proposer_id(self) -> int | None:
        """Who proposed this extra appointment (read from its history, prefetched on pages)."""
        return next(
            (change.by_id for change in self.changes.all() if change.action == AppointmentAction.PROPOSED), None
        )


class AppointmentReport(models.Model):
    """The coach's confidential texts about one appointment, encrypted at rest.

    - `private_notes`: the coach who wrote them, nobody else.
    - `shared_summary`, `observed`, `feedback`: the coach and the wethouder.
    - Coordinators: none of it.
    """

    appointment = models.OneToOneField(Appointment, on_delete=models.CASCADE, related_name="report")
    private_notes = EncryptedTextField(_("private notes (only you)"), blank=True)
    shared_summary = EncryptedTextField(_("summary for the wethouder"), blank=True)
    observed = EncryptedTextField(_("what you observed"), blank=True)
    feedback = EncryptedTextField(_("the feedback you gave"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"report {self.appointment_id}"


class AppointmentChange(models.Model):
    """The history of an appointment: rescheduled, cancelled, proposed, agreed, logged."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(_("what happened"), max_length=20, choices=AppointmentAction.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField()
    from_date = models.DateField(null=True, blank=True)
    to_date = models.DateField(null=True, blank=True)
    reason = EncryptedTextField(_("reason"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.action} {self.at:%Y-%m-%d}"


class AppointmentMoveProposal(models.Model):
    """The wethouder proposes to move an appointment; the coach agrees (the move is made) or
    declines, the wethouder may withdraw it, and a change made otherwise overtakes it. At most
    one open proposal per appointment. The reason and the answer are encrypted: coordinators
    see the planning, never why it changes."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="move_proposals")
    on = models.DateField(_("proposed date"))
    start_time = models.TimeField(_("time"), null=True, blank=True)
    location = models.CharField(_("place or video link"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    reason = EncryptedTextField(_("reason"), max_length=SHORT_TEXT_MAX_LENGTH)
    #: The title of a meeting from the council's calendar proposed for an observation: the
    #: appointment's occasion once agreed.
    occasion = models.CharField(_("occasion"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("proposed on"))
    status = models.CharField(
        _("status"), max_length=10, choices=MoveProposalStatus.choices, default=MoveProposalStatus.OPEN
    )
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answer_note = EncryptedTextField(_("answer"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("proposal to move an appointment")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment"], condition=Q(status=MoveProposalStatus.OPEN), name="one_open_move_proposal"
            ),
            models.CheckConstraint(
                condition=Q(status=MoveProposalStatus.OPEN, answered_at__isnull=True)
                | (~Q(status=MoveProposalStatus.OPEN) & Q(answered_at__isnull=False)),
                name="move_proposal_answer_recorded",
            ),
        ]

    def __str__(self):
        return f"move {self.appointment_id} to {self.on:%Y-%m-%d} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == MoveProposalStatus.OPEN


SCALE = Q(usefulness__range=(1, 5), klik__range=(1, 5), change__range=(1, 5))


class Evaluation(models.Model):
    """The wethouder's interim or closing evaluation. Coordinators see the scale answers; the
    free text is encrypted and reaches the coach only when the wethouder allows it."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(max_length=10, choices=EvaluationKind.choices)
    usefulness = models.PositiveSmallIntegerField(_("How useful is the coaching for you?"))
    klik = models.PositiveSmallIntegerField(_("How is the klik with your coach?"))
    change = models.PositiveSmallIntegerField(_("How much has changed in how you work?"))
    what_changed = EncryptedTextField(_("What has changed, in your own words?"), blank=True)
    share_with_coach = models.BooleanField(_("My coach may read what I wrote"), default=False)
    submitted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "kind"], name="one_evaluation_per_kind"),
            models.CheckConstraint(condition=SCALE, name="evaluation_scale_1_to_5"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.trajectory_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedQuerySet(models.QuerySet):
    def for_token(self, token: str):
        """The feed of this address, found by its keyed hash (a dump of the table holds no
        usable address)."""
        return self.filter(token_hash__in=keyed_hashes(token, purpose=FEED_HASH_PURPOSE))


FEED_HASH_PURPOSE = "calendar_feed"


class CalendarFeed(models.Model):
    """A private iCalendar address per user. Revoking deletes it; a new one gets a new token.

    The token is stored twice, neither usable from a database dump: a keyed hash (HMAC under a
    key derived from SECRET_KEY) to find the feed, and an encrypted copy to show the address again.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    token_secret = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CalendarFeedQuerySet.as_manager()

    def __str__(self):
        return f"feed {self.user}"

    @property
    def token(self) -> str:
        return self.token_secret

    @staticmethod
    def hash_token(token: str) -> str:
        return keyed_hash(token, purpose=FEED_HASH_PURPOSE)

    @classmethod
    def new(cls, user) -> "CalendarFeed":
        token = new_feed_token()
        return cls(user=user, token_hash=cls.hash_token(token), token_secret=token)


class ExtensionRequest(models.Model):
    """The wethouder asks for a longer trajectory, within the bounds (12 months, 8 sessions);
    the coach agrees or not. One open request per trajectory."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="extension_requests")
    months = models.PositiveSmallIntegerField(_("duration in months"))
    sessions = models.PositiveSmallIntegerField(_("number of sessions"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(_("asked on"))
    agreed = models.BooleanField(_("the coach agreed"), null=True)
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for a longer trajectory")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory"], condition=Q(agreed__isnull=True), name="one_open_extension_request"
            ),
        ]

    def __str__(self):
        return f"extension {self.trajectory_id}: {self.months} months, {self.sessions} sessions"


class CoachChangeRequest(models.Model):
    """The wethouder asks the coordinators for another coach. The reason is for coordinators
    only (encrypted; the coach never reads it); a coordinator switches or closes the request."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="coach_change_requests")
    reason = EncryptedTextField(_("reason"))
    requested_at = models.DateTimeField(_("asked on"))
    handled_at = models.DateTimeField(_("handled on"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("request for another coach")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory"], condition=Q(handled_at__isnull=True), name="one_open_coach_change_request"
            ),
        ]

    def __str__(self):
        return f"coach change {self.trajectory_id}"
