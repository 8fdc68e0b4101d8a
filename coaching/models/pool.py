"""The pool of coaches: profiles, former offices and declared conflicts of interest.

A coach's load (matches that hold one of their places) is kept on the profile as `active_load`
and guarded by a database CHECK (`active_load <= capacity`): together with the row lock the
approve service takes on the profile, two coordinators approving at the same moment can never
put a coach over capacity. One wethouder has at most one active match (a partial unique index).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bestuurderspool.accounts.validators import validate_phone
from bestuurderspool.crypto import EncryptedTextField

from ..enums import Background, Gender, MatchState, Theme

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
    phone = models.CharField(_("phone number"), max_length=30, blank=True, validators=[validate_phone])
    bio = models.TextField(_("short introduction"), max_length=LONG_TEXT_MAX_LENGTH, blank=True)
    #: Re-encoded JPEG under a random name in MEDIA_ROOT; served only by `coaching:coach_photo`.
    photo = models.FileField(_("photo"), upload_to="coach-photos/", blank=True)
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

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels[code]) for code in self.themes if code in labels]

    @property
    def background_labels(self) -> list[str]:
        """The kinds of office the coach held, once each, from the (prefetched) former roles."""
        labels = [role.get_background_display() for role in self.former_roles.all()]
        return [str(label) for label in dict.fromkeys(labels)]


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


class PoolImport(models.Model):
    """A pool file too large to import during the request. A worker checks every row first (one
    bad row refuses the file and writes nothing), then saves the coaches in batches, each
    committed together with `rows_done`, the counts and `heartbeat_at`. The content is cleared
    once the file is imported or refused; a failed or interrupted import keeps it (encrypted) so a
    coordinator can start it again, which carries on after `rows_done`. How far the check is lives
    in the cache (`selectors.pool.import_progress`).

    A worker that is killed (SIGKILL, out of memory, a deploy) writes nothing more: an import
    whose heartbeat is older than `POOL_IMPORT_STALE_SECONDS` is interrupted, shown so at once
    and marked so by the periodic sweep (`services.pool_imports.sweep_pool_imports`). `attempt`
    fences a worker that was given up on: its next batch finds another attempt and writes nothing."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Imported")
        REFUSED = "refused", _("Refused")
        FAILED = "failed", _("Failed")
        INTERRUPTED = "interrupted", _("Interrupted")

    content = EncryptedTextField(blank=True)
    lines = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=11, choices=Status.choices, default=Status.QUEUED)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    #: Rows of the file saved so far, in file order: a restart carries on after them.
    rows_done = models.PositiveIntegerField(default=0)
    attempt = models.PositiveSmallIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    #: Touched when the import is queued or claimed, while the rows are checked and with every batch.
    heartbeat_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"pool import {self.pk} ({self.status})"

    @staticmethod
    def stale_before():
        """A running import without a heartbeat since this moment has lost its worker."""
        return timezone.now() - timedelta(seconds=settings.POOL_IMPORT_STALE_SECONDS)

    @property
    def is_interrupted(self) -> bool:
        """Marked interrupted, or running without a heartbeat for too long (before the sweep)."""
        stale = self.status == self.Status.RUNNING and self.heartbeat_at < self.stale_before()
        return stale or self.status == self.Status.INTERRUPTED

    @property
    def is_finished(self) -> bool:
        """Nothing more happens without a coordinator: the page stops refreshing itself."""
        return self.status in (self.Status.DONE, self.Status.REFUSED, self.Status.FAILED) or self.is_interrupted

    @property
    def can_restart(self) -> bool:
        """A failed or interrupted import starts again from its kept file (cleared after
        `POOL_IMPORT_KEEP_DAYS`; then the coordinator uploads it again)."""
        return bool(self.content) and (self.status == self.Status.FAILED or self.is_interrupted)

    @staticmethod
    def progress_key(pk: int) -> str:
        """The cache key of an import's progress (the check writes nothing to the database)."""
        return f"pool-import:{pk}:progress"
