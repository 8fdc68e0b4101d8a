"""Group tracks beside the one-on-one trajectory: the BLOT cohort of new wethouders (seed 000)
and the year programme along the U-process for a client municipality (seed 002).

A track has a learning manager (a coach from the pool or a coordinator) and sessions; 24-hour
sessions span a night, so a session has a start and an end moment rather than a day."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bestuurderspool.crypto import EncryptedTextField

from .enums import ApplicationState, EntryKind, Pin, Scale, TalkKind, TrackKind, TrackState, UPhase


class TrackQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators see every track; the learning manager and the participants their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.is_coordinator:
            return self.all()
        placed = Q(applications__wethouder=user, applications__state="placed")
        return self.filter(Q(learning_manager=user) | placed).distinct()

    def taking_applications(self, today=None):
        """Tracks that take applications: not composed yet and their first day still ahead (the
        one rule for the home page's offer, the intake's wish and the application itself)."""
        return self.filter(state=TrackState.OPEN, starts_on__gt=today or timezone.localdate())


class Track(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=TrackKind.choices)
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    capacity = models.PositiveSmallIntegerField(_("places"), default=12)
    province_cap = models.PositiveSmallIntegerField(_("at most from one province"), default=2)
    learning_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="managed_tracks",
        verbose_name=_("learning manager"),
    )
    guest_colleagues = models.TextField(_("guest colleagues"), blank=True)
    client_municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("client municipality"),
    )
    closing_event_at = models.DateTimeField(_("closing event"), null=True, blank=True)
    closing_event_venue = models.CharField(_("venue of the closing event"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=TrackState.choices, default=TrackState.OPEN)
    composed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrackQuerySet.as_manager()

    class Meta:
        verbose_name = _("group track")
        verbose_name_plural = _("group tracks")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="track_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="track_has_places"),
            models.CheckConstraint(
                condition=Q(kind=TrackKind.BLOT) | Q(client_municipality__isnull=False),
                name="year_programme_has_client",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_year_programme(self) -> bool:
        return self.kind == TrackKind.YEAR_PROGRAMME


class PhaseDates(models.Model):
    """When a phase of the U-process runs in a year programme."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="phases")
    phase = models.CharField(_("phase"), max_length=20, choices=UPhase.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["track", "phase"], name="one_date_range_per_phase"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="phase_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.track_id} {self.phase}"


class TrackSession(models.Model):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=120)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    programme = models.TextField(_("programme"), blank=True)
    #: Raised on every change, so the .ics update replaces the event in the calendars.
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="track_session_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def local_starts_on(self) -> date:
        return timezone.localtime(self.starts_at).date()

    @property
    def local_ends_on(self) -> date:
        return timezone.localtime(self.ends_at).date()

    @property
    def spans_night(self) -> bool:
        return self.local_ends_on > self.local_starts_on


class ApplicationQuerySet(models.QuerySet):
    def waiting_list(self):
        """First come, first placed: the order the composer keeps when all else is equal."""
        return self.filter(state=ApplicationState.WAITING).order_by("applied_at", "pk")

    def placed(self):
        return self.filter(state=ApplicationState.PLACED)


class Application(models.Model):
    """A wethouder's application for a place in a track; once the cohort is approved a placed
    application is their participation. Municipality and party are copied from the intake when
    there is one, so the composer reads one row per applicant."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="applications")
    wethouder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="track_applications")
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    party = models.CharField(_("party"), max_length=100, blank=True)
    motivation = EncryptedTextField(_("motivation"), blank=True)
    state = models.CharField(max_length=10, choices=ApplicationState.choices, default=ApplicationState.WAITING)
    pin = models.CharField(max_length=3, choices=Pin.choices, default=Pin.NONE, blank=True)
    applied_at = models.DateTimeField()
    placed_at = models.DateTimeField(null=True, blank=True)
    #: Alumni: the participant agrees to share these contact details with the group.
    shares_contact = models.BooleanField(_("share my contact details with the group"), default=False)
    contact_details = EncryptedTextField(_("contact details"), blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["applied_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["track", "wethouder"], name="one_application_per_track")]

    def __str__(self):
        return f"application {self.pk}"


class Attendance(models.Model):
    """Whether a participant was at a session, recorded by the learning manager."""

    session = models.ForeignKey(TrackSession, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(_("present"))
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "participant"], name="one_attendance_per_session")]

    def __str__(self):
        return f"{self.session_id} {self.participant_id}: {self.present}"


class GroupEntry(models.Model):
    """The confidential group space: agreements, shared material and the group's session notes.
    Readable by the participants and the learning manager only; the text is encrypted at rest."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    session = models.ForeignKey(
        TrackSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("session")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    title = EncryptedTextField(_("title"))
    text = EncryptedTextField(_("text"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "-created_at", "-pk"]

    def __str__(self):
        return f"entry {self.pk} ({self.kind})"


class ParticipantGoal(models.Model):
    """A personal learning goal of a participant (as in the one-on-one instruments), read by the
    participant and the learning manager only."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="goals")
    text = EncryptedTextField(_("learning goal"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "pk"]

    def __str__(self):
        return f"goal {self.pk}"


class Evaluation(models.Model):
    """A participant's evaluation of a session (session set) or of the whole track (no session).
    Coordinators see the scales, as averages; the comment is for the learning manager."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="evaluations")
    session = models.ForeignKey(
        TrackSession, on_delete=models.CASCADE, null=True, blank=True, related_name="evaluations"
    )
    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(_("value for your own leadership"), choices=Scale.choices)
    safety = models.PositiveSmallIntegerField(_("safety of the group"), choices=Scale.choices)
    comment = EncryptedTextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], condition=Q(session__isnull=False), name="one_session_evaluation"
            ),
            models.UniqueConstraint(
                fields=["track", "participant"], condition=Q(session__isnull=True), name="one_closing_evaluation"
            ),
            models.CheckConstraint(
                condition=Q(value__range=(1, 5), safety__range=(1, 5)), name="evaluation_scales_1_to_5"
            ),
        ]

    def __str__(self):
        return f"evaluation {self.pk}"


class ManagerTalk(models.Model):
    """A talk of a year programme's participant with their own manager (seed 002: intake, interim
    and closing talk). Only that it is planned and held is recorded, never what was said."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="manager_talks")
    kind = models.CharField(_("talk"), max_length=10, choices=TalkKind.choices)
    planned_on = models.DateField(_("planned on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)

    class Meta:
        ordering = ["application", "planned_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="one_manager_talk_per_kind")]

    def __str__(self):
        return f"talk {self.application_id} {self.kind}"


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The participant, their sponsor and the learning manager; nobody else, coordinators
        included."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(application__wethouder=user) | Q(sponsor=user) | Q(application__track__learning_manager=user)
        )


class Assignment(models.Model):
    """The year programme's assignment in its second half (seed 002), sponsored by a director:
    the sponsor sees and comments on this one assignment only."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="assignment")
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="sponsored_assignments"
    )
    #: On whose behalf the sponsor commissions the assignment, as the coordinator entered it.
    sponsor_organisation = models.CharField(_("organisation of the sponsor"), max_length=200, blank=True)
    title = EncryptedTextField(_("assignment"), blank=True)
    description = EncryptedTextField(_("description"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssignmentQuerySet.as_manager()

    def __str__(self):
        return f"assignment {self.pk}"


class AssignmentComment(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = EncryptedTextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"comment {self.pk}"


class TrackMirror(models.Model):
    """A participant's leadership mirror (the instrument of the one-on-one trajectories) at the
    start and at the close of the track. The participant's own: the learning manager, the group
    and the coordinators do not read it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="mirrors")
    moment = models.CharField(_("moment"), max_length=10)
    scores = models.JSONField()
    taken_at = models.DateTimeField(_("taken on"))

    class Meta:
        verbose_name = _("leadership mirror in a group track")
        constraints = [
            models.UniqueConstraint(fields=["application", "moment"], name="one_track_mirror_per_moment"),
            models.CheckConstraint(condition=Q(moment__in=["start", "closing"]), name="track_mirror_start_or_close"),
        ]

    def __str__(self):
        return f"mirror {self.application_id} {self.moment}"
