"""The instruments coach and wethouder build together in a trajectory: the krachtenveld
analysis (in versions), the learning goals with their scores, the leadership mirror, and the
wethouder's reflection and the tags on an observation.

All of it is confidential to the coach and the wethouder of the trajectory: coordinators never
reach these pages (a foreign trajectory is a 404 for them too). Free texts are encrypted at rest;
the mirror's numbers are not, so that the anonymous aggregates for coordinators can be computed,
and the rows that hold them are only read for the two people of the trajectory."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bestuurderspool.crypto import EncryptedTextField
from intake.enums import MunicipalRole, Theme

from .enums import ActorKind, Attainment, Influence, Moment, Relationship, Stance


class TrajectoryPartyQuerySet(models.QuerySet):
    #: The path from the row to its trajectory.
    trajectory_path = "trajectory"

    def of_party(self, user):
        """Rows of trajectories where `user` is the coach or the wethouder; nobody else's."""
        if not user.is_authenticated:
            return self.none()
        path = self.trajectory_path
        return self.filter(Q(**{f"{path}__coach": user}) | Q(**{f"{path}__wethouder": user}))


class ActorQuerySet(TrajectoryPartyQuerySet):
    trajectory_path = "version__trajectory"


class MomentTagQuerySet(TrajectoryPartyQuerySet):
    trajectory_path = "appointment__trajectory"


class ForceFieldVersion(models.Model):
    """One version of the krachtenveld map. Only the newest version of a trajectory is edited;
    a new version starts as a copy of it, so month one can be compared with today."""

    trajectory = models.ForeignKey("coaching.Trajectory", on_delete=models.CASCADE, related_name="force_fields")
    number = models.PositiveSmallIntegerField(_("version"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("made on"), auto_now_add=True)

    objects = TrajectoryPartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("krachtenveld map")
        ordering = ["trajectory", "number"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "number"], name="one_force_field_number")]

    def __str__(self):
        return f"krachtenveld {self.trajectory_id} v{self.number}"


class Actor(models.Model):
    """Someone around the wethouder's chair: who, how much influence, where they stand towards
    the wethouder's agenda, and how the relationship is."""

    version = models.ForeignKey(ForceFieldVersion, on_delete=models.CASCADE, related_name="actors")
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    name = EncryptedTextField(_("name"))
    influence = models.PositiveSmallIntegerField(_("influence"), choices=Influence.choices)
    stance = models.SmallIntegerField(_("stance towards your agenda"), choices=Stance.choices)
    relationship = models.CharField(_("relationship"), max_length=10, choices=Relationship.choices)
    note = EncryptedTextField(_("note"), blank=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor")
        ordering = ["-influence", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(influence__range=(1, 5)), name="actor_influence_1_to_5"),
            models.CheckConstraint(condition=Q(stance__range=(-2, 2)), name="actor_stance_minus2_to_2"),
        ]

    def __str__(self):
        return f"actor {self.pk} ({self.kind})"


class LearningGoal(models.Model):
    """A goal coach and wethouder turned the coaching question into (two to four per trajectory)."""

    trajectory = models.ForeignKey("coaching.Trajectory", on_delete=models.CASCADE, related_name="learning_goals")
    text = EncryptedTextField(_("goal"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("agreed on"), auto_now_add=True)

    objects = TrajectoryPartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning goal")
        ordering = ["trajectory", "pk"]

    def __str__(self):
        return f"goal {self.pk}"


class GoalScore(models.Model):
    """The wethouder's goal attainment score (−2 … +2) for a goal at the interim or the close."""

    goal = models.ForeignKey(LearningGoal, on_delete=models.CASCADE, related_name="scores")
    moment = models.CharField(_("moment"), max_length=10, choices=Moment.choices)
    score = models.SmallIntegerField(_("score"), choices=Attainment.choices)
    comment = EncryptedTextField(_("comment"), blank=True)
    scored_at = models.DateTimeField(_("scored on"))

    class Meta:
        verbose_name = _("goal score")
        constraints = [
            models.UniqueConstraint(fields=["goal", "moment"], name="one_goal_score_per_moment"),
            models.CheckConstraint(condition=Q(score__range=(-2, 2)), name="goal_score_minus2_to_2"),
            models.CheckConstraint(condition=~Q(moment=Moment.START), name="goal_scored_at_interim_or_close"),
        ]

    def __str__(self):
        return f"goal {self.goal_id} {self.moment}: {self.score}"


class MirrorReading(models.Model):
    """The wethouder's leadership mirror at one moment: a score 1–5 per item of
    `instruments.mirror.ITEMS`."""

    trajectory = models.ForeignKey("coaching.Trajectory", on_delete=models.CASCADE, related_name="mirror_readings")
    moment = models.CharField(max_length=10, choices=Moment.choices)
    scores = models.JSONField()
    taken_at = models.DateTimeField()

    objects = TrajectoryPartyQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trajectory", "moment"], name="one_mirror_per_moment")]

    def __str__(self):
        return f"mirror {self.trajectory_id} {self.moment}"


class IntakeMirror(models.Model):
    """The leadership mirror taken with the intake: the first reading ("at the start") of the
    trajectory that follows. The wethouder's own: no coordinator reads it, and the coach only
    through the trajectory's mirror while the wethouder shares it."""

    intake = models.OneToOneField("intake.Intake", on_delete=models.CASCADE, related_name="mirror")
    scores = models.JSONField()
    taken_at = models.DateTimeField(_("taken on"))

    class Meta:
        verbose_name = _("leadership mirror at the intake")

    def __str__(self):
        return f"mirror of intake {self.intake_id}"


class MirrorShare(models.Model):
    """The wethouder lets the coach see their mirror; deleting the row takes it back."""

    trajectory = models.OneToOneField("coaching.Trajectory", on_delete=models.CASCADE, related_name="mirror_share")
    shared_at = models.DateTimeField()

    def __str__(self):
        return f"mirror shared {self.trajectory_id}"


class ObservationReflection(models.Model):
    """The wethouder's own reflection on an observed meeting, beside the coach's report."""

    appointment = models.OneToOneField("coaching.Appointment", on_delete=models.CASCADE, related_name="reflection")
    text = EncryptedTextField(_("your reflection on this meeting"))
    updated_at = models.DateTimeField(_("written on"), auto_now=True)

    class Meta:
        verbose_name = _("reflection on an observation")

    def __str__(self):
        return f"reflection {self.appointment_id}"


class MomentTag(models.Model):
    """A moment of an observed meeting, tagged by coach or wethouder with a role of seed 004
    and/or a coaching theme. The tags feed the analysis of governing style."""

    appointment = models.ForeignKey("coaching.Appointment", on_delete=models.CASCADE, related_name="moment_tags")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    moment = EncryptedTextField(_("the moment"))
    role = models.CharField(_("role"), max_length=20, choices=MunicipalRole.choices, blank=True)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices, blank=True)
    created_at = models.DateTimeField(_("tagged on"), auto_now_add=True)

    objects = MomentTagQuerySet.as_manager()

    class Meta:
        verbose_name = _("tagged moment")
        ordering = ["appointment", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(role="", theme=""), name="moment_tag_has_role_or_theme"),
        ]

    def __str__(self):
        return f"tag {self.pk}"
