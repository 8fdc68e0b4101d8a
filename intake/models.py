"""The intake: what a wethouder tells about themselves and wants from coaching, and the
coordinator's intake conversation about it.

The wethouder's own answers are never overwritten after submission: a coordinator's
adjustments to the wishes are kept beside them (`WishAdjustment`), and the matching reads
`Intake.effective_wishes()`.

The coaching question, earlier roles, local party, political wish, self-reflection, the conversation
notes and the adjustments are encrypted at rest (`bestuurderspool.crypto`): not searchable in the database, so
the work list searches name, email and municipality only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bestuurderspool.accounts.validators import validate_phone
from bestuurderspool.crypto import EncryptedJSONField, EncryptedTextField

from .enums import (
    OPEN_STATES,
    ConversationMode,
    DistanceWish,
    Gender,
    IntakeState,
    MunicipalRole,
    Offer,
    PartnerAnswer,
    PoliticalWish,
)

#: The wish fields a coordinator may adjust after the intake conversation.
WISH_FIELDS = (
    "themes",
    "wish_backgrounds",
    "wish_backgrounds_must",
    "wish_gender",
    "wish_gender_must",
    "wish_political",
    "wish_political_must",
    "wish_distance",
    "wish_distance_must",
    "wants_observation",
    "observation_settings",
    "availability",
    "meeting_places",
)

PHONE_MAX_LENGTH = 30
SHORT_TEXT_MAX_LENGTH = 200
LONG_TEXT_MAX_LENGTH = 4000


class IntakeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def wants_coach(self):
        """Intakes that ask for a personal coach (alone or with the BLOT): the only ones the
        coordinators' work list, the matching and its waves see. A BLOT-only intake is not
        among them until the wethouder asks for a coach after all."""
        return self.exclude(offer=Offer.BLOT)

    def visible_to(self, user):
        """A wethouder sees their own intakes, coordinators see all. A coach sees an intake only
        while they are invited to its intake conversation and it has not been held (otherwise a
        coach sees what a match shows them, in the coaching app)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.is_coordinator:
            return self.all()
        if user.is_wethouder:
            return self.filter(wethouder=user)
        if user.is_coach:
            return self.filter(conversation__attendees=user, conversation__held_at__isnull=True)
        return self.none()


class Intake(models.Model):
    wethouder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="intakes",
        verbose_name=_("wethouder"),
    )
    state = models.CharField(
        _("state"), max_length=30, choices=IntakeState.choices, default=IntakeState.DRAFT, db_index=True
    )
    last_completed_step = models.PositiveSmallIntegerField(default=0)

    # What they ask for: a personal coach, a place in the next BLOT group track (seed 000), or
    # both. Empty until chosen: the first step asks it, and it decides which steps follow.
    offer = models.CharField(_("what would you like?"), max_length=10, choices=Offer.choices, blank=True)

    # About them
    phone = models.CharField(_("phone number"), max_length=PHONE_MAX_LENGTH, blank=True, validators=[validate_phone])
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intakes",
        verbose_name=_("municipality"),
    )
    portfolio = models.CharField(_("portfolio"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    party = models.ForeignKey(
        "municipalities.Party", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("party")
    )
    local_party = EncryptedTextField(_("local party"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    installed_on = models.DateField(_("installed as wethouder on"), null=True, blank=True)
    first_term = models.BooleanField(_("first term as wethouder"), null=True, blank=True)
    earlier_roles = EncryptedTextField(_("earlier roles in public administration"), blank=True)

    # What they want from coaching
    themes = models.JSONField(_("themes"), default=list, blank=True)
    question = EncryptedTextField(_("your question in your own words"), blank=True)

    # Self-reflection (optional; encrypted: it is no one else's business)
    hardest_role = EncryptedTextField(
        _("the municipal role you find hardest"), choices=MunicipalRole.choices, blank=True
    )
    partner_frameworks = EncryptedTextField(choices=PartnerAnswer.choices, blank=True)
    partner_process = EncryptedTextField(choices=PartnerAnswer.choices, blank=True)
    partner_dialogue = EncryptedTextField(choices=PartnerAnswer.choices, blank=True)
    partner_feedback = EncryptedTextField(choices=PartnerAnswer.choices, blank=True)

    # Wishes about the coach: each a wish, or a must when the *_must flag is set
    wish_backgrounds = models.JSONField(_("preferred background"), default=list, blank=True)
    wish_backgrounds_must = models.BooleanField(default=False)
    wish_gender = models.CharField(_("preferred gender"), max_length=10, choices=Gender.choices, blank=True)
    wish_gender_must = models.BooleanField(default=False)
    wish_political = EncryptedTextField(_("political affinity"), choices=PoliticalWish.choices, blank=True)
    wish_political_must = models.BooleanField(default=False)
    wish_distance = models.CharField(_("distance"), max_length=10, choices=DistanceWish.choices, blank=True)
    wish_distance_must = models.BooleanField(default=False)

    # Observation and practical matters
    wants_observation = models.BooleanField(_("I would like to be observed at work"), default=False)
    observation_settings = models.JSONField(_("where"), default=list, blank=True)
    availability = models.JSONField(_("availability"), default=list, blank=True)
    meeting_places = models.JSONField(_("where to meet"), default=list, blank=True)
    # The wethouder's wishes lead the rhythm and length (seed 001); the first plan follows them.
    preferred_sessions = models.PositiveSmallIntegerField(
        _("how many coaching sessions would you like?"),
        null=True,
        blank=True,
        choices=[(n, str(n)) for n in range(5, 9)],
    )
    preferred_months = models.PositiveSmallIntegerField(
        _("over how many months?"),
        null=True,
        blank=True,
        choices=[(n, str(n)) for n in range(6, 13)],
    )

    # Consent under the AVG: the moment is stored; no consent, no submission
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = IntakeQuerySet.as_manager()

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["wethouder"], condition=Q(state__in=OPEN_STATES), name="one_open_intake_per_wethouder"
            ),
        ]

    def __str__(self):
        return f"{self.wethouder} ({self.get_state_display()})"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def wants_coach(self) -> bool:
        """A draft without a choice yet is treated as asking for a coach: every step is shown."""
        return self.offer != Offer.BLOT

    @property
    def wants_blot(self) -> bool:
        return self.offer in (Offer.BLOT, Offer.BOTH)

    @property
    def party_name(self) -> str:
        return self.party.short_name if self.party_id else self.local_party

    def effective_wishes(self, adjustments=None) -> dict:
        """The wishes as the matching should read them: the wethouder's answers with the
        coordinator's adjustments applied, latest last. Pass prefetched `adjustments` to avoid
        a query."""
        wishes = {field: getattr(self, field) for field in WISH_FIELDS}
        if adjustments is None:
            adjustments = self.adjustments.order_by("made_at", "pk")
        for adjustment in adjustments:
            wishes[adjustment.field] = adjustment.new_value
        return wishes


class IntakeTransition(models.Model):
    """Who moved an intake from one state to the next, and when."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=30, choices=IntakeState.choices)
    to_state = models.CharField(max_length=30, choices=IntakeState.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class IntakeConversation(models.Model):
    """The coordinator's intake conversation: its planning and its outcome."""

    intake = models.OneToOneField(Intake, on_delete=models.CASCADE, related_name="conversation")
    planned_at = models.DateTimeField(_("date and time"))
    mode = models.CharField(_("where"), max_length=20, choices=ConversationMode.choices)
    location = models.CharField(_("place or video link"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("who attends")
    )
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField(_("held on"), null=True, blank=True)
    notes = EncryptedTextField(_("notes (coordinators only)"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    def __str__(self):
        return f"{self.intake}: {self.planned_at:%Y-%m-%d %H:%M}"


class WishAdjustment(models.Model):
    """A coordinator's change to one wish, kept beside the wethouder's own answer."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="adjustments")
    field = models.CharField(max_length=40, choices=[(name, name) for name in WISH_FIELDS])
    # Encrypted: an adjusted political wish is special-category data like the answer itself.
    old_value = EncryptedJSONField(null=True)
    new_value = EncryptedJSONField(null=True)
    reason = EncryptedTextField(_("reason"), max_length=SHORT_TEXT_MAX_LENGTH, blank=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["made_at", "pk"]

    def __str__(self):
        return f"{self.field}: {self.old_value!r} → {self.new_value!r}"
