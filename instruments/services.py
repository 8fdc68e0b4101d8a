"""Every write of the instruments, each in one transaction. A refused rule raises
ValidationError with a translated message, shown on the form."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from coaching.enums import AppointmentKind, AppointmentStatus
from coaching.models import Appointment, Trajectory

from . import mirror
from .enums import Moment
from .models import (
    Actor,
    ForceFieldVersion,
    GoalScore,
    IntakeMirror,
    LearningGoal,
    MirrorReading,
    MirrorShare,
    MomentTag,
    ObservationReflection,
)
from .selectors import open_moments

MAX_GOALS, MIN_GOALS = 4, 2


def _require(condition: bool, message: str, code: str = "refused") -> None:
    if not condition:
        raise ValidationError(message, code=code)


def _party(trajectory: Trajectory, by) -> None:
    _require(by.pk in (trajectory.coach_id, trajectory.wethouder_id), _("Only the coach and the wethouder do this."))


def _wethouder(trajectory: Trajectory, by) -> None:
    _require(by.pk == trajectory.wethouder_id, _("Only the wethouder does this."))


def _active(trajectory: Trajectory) -> None:
    _require(trajectory.is_open, _("The trajectory has ended; its instruments can be read, not changed."), "ended")


def _locked(trajectory: Trajectory) -> Trajectory:
    return Trajectory.objects.select_for_update().get(pk=trajectory.pk)


# --- The krachtenveld -------------------------------------------------------------------------


def _latest_version(trajectory: Trajectory) -> ForceFieldVersion | None:
    return ForceFieldVersion.objects.filter(trajectory=trajectory).order_by("-number").first()


@transaction.atomic
def add_actor(trajectory: Trajectory, *, by, kind, name, influence, stance, relationship, note="") -> Actor:
    """Add an actor to the newest version of the map (the first one is made on the way)."""
    trajectory = _locked(trajectory)
    _party(trajectory, by)
    _active(trajectory)
    version = _latest_version(trajectory) or ForceFieldVersion.objects.create(
        trajectory=trajectory, number=1, created_by=by
    )
    return Actor.objects.create(
        version=version,
        kind=kind,
        name=name.strip(),
        influence=influence,
        stance=stance,
        relationship=relationship,
        note=note.strip(),
    )


def _editable(actor: Actor, by) -> Trajectory:
    trajectory = _locked(actor.version.trajectory)
    _party(trajectory, by)
    _active(trajectory)
    latest = _latest_version(trajectory)
    _require(latest and latest.pk == actor.version_id, _("An earlier version of the map is kept as it was."), "old")
    return trajectory


@transaction.atomic
def change_actor(actor: Actor, *, by, **fields) -> Actor:
    """Change an actor of the newest version; earlier versions stay as they were."""
    _editable(actor, by)
    for name in ("kind", "name", "influence", "stance", "relationship", "note"):
        value = fields[name]
        setattr(actor, name, value.strip() if isinstance(value, str) else value)
    actor.save()
    return actor


@transaction.atomic
def remove_actor(actor: Actor, *, by) -> None:
    _editable(actor, by)
    actor.delete()


@transaction.atomic
def start_new_version(trajectory: Trajectory, *, by) -> ForceFieldVersion:
    """Freeze the current map and continue on a copy of it, so later maps can be compared with
    this one."""
    trajectory = _locked(trajectory)
    _party(trajectory, by)
    _active(trajectory)
    latest = _latest_version(trajectory)
    _require(latest is not None and latest.actors.exists(), _("Add actors to the map first."), "empty")
    number = (ForceFieldVersion.objects.filter(trajectory=trajectory).aggregate(n=Max("number"))["n"] or 0) + 1
    version = ForceFieldVersion.objects.create(trajectory=trajectory, number=number, created_by=by)
    Actor.objects.bulk_create(
        Actor(
            version=version,
            kind=actor.kind,
            name=actor.name,
            influence=actor.influence,
            stance=actor.stance,
            relationship=actor.relationship,
            note=actor.note,
        )
        for actor in latest.actors.all()
    )
    return version


# --- Learning goals ---------------------------------------------------------------------------


def _goals_frozen(trajectory: Trajectory) -> bool:
    return GoalScore.objects.filter(goal__trajectory=trajectory).exists()


@transaction.atomic
def add_goal(trajectory: Trajectory, *, text: str, by) -> LearningGoal:
    """Coach or wethouder add a goal: at most four, and only before the first score."""
    trajectory = _locked(trajectory)
    _party(trajectory, by)
    _active(trajectory)
    _require(not _goals_frozen(trajectory), _("The goals have been scored; they stay as they were."), "frozen")
    count = LearningGoal.objects.filter(trajectory=trajectory).count()
    _require(count < MAX_GOALS, _("A trajectory has at most four learning goals."), "too_many")
    return LearningGoal.objects.create(trajectory=trajectory, text=text.strip(), created_by=by)


@transaction.atomic
def change_goal(goal: LearningGoal, *, text: str, by) -> LearningGoal:
    trajectory = _locked(goal.trajectory)
    _party(trajectory, by)
    _active(trajectory)
    _require(not _goals_frozen(trajectory), _("The goals have been scored; they stay as they were."), "frozen")
    goal.text = text.strip()
    goal.save(update_fields=["text"])
    return goal


@transaction.atomic
def remove_goal(goal: LearningGoal, *, by) -> None:
    trajectory = _locked(goal.trajectory)
    _party(trajectory, by)
    _active(trajectory)
    _require(not _goals_frozen(trajectory), _("The goals have been scored; they stay as they were."), "frozen")
    goal.delete()


@transaction.atomic
def score_goals(trajectory: Trajectory, *, moment: str, scores: dict[int, tuple[int, str]], by) -> list[GoalScore]:
    """The wethouder scores every goal (−2 … +2, with a comment) at the interim or the close,
    once that moment has opened. Scoring again at the same moment replaces the scores."""
    trajectory = _locked(trajectory)
    _wethouder(trajectory, by)
    _require(moment in (Moment.INTERIM, Moment.CLOSING), _("Goals are scored at the interim or the close."))
    _require(moment in open_moments(trajectory), _("This moment has not opened yet."), "not_open")
    goals = list(LearningGoal.objects.filter(trajectory=trajectory))
    _require(len(goals) >= MIN_GOALS, _("Agree on at least two learning goals first."), "too_few")
    _require(set(scores) == {goal.pk for goal in goals}, _("Score every goal."), "incomplete")
    now = timezone.now()
    saved = []
    for goal in goals:
        score, comment = scores[goal.pk]
        _require(-2 <= score <= 2, _("A score runs from −2 to +2."), "range")
        row, _created = GoalScore.objects.update_or_create(
            goal=goal, moment=moment, defaults={"score": score, "comment": comment.strip(), "scored_at": now}
        )
        saved.append(row)
    return saved


# --- The leadership mirror --------------------------------------------------------------------


@transaction.atomic
def take_mirror(trajectory: Trajectory, *, moment: str, scores: dict, by) -> MirrorReading:
    """The wethouder takes (or corrects) the mirror for a moment that is open now."""
    trajectory = _locked(trajectory)
    _wethouder(trajectory, by)
    _require(moment in open_moments(trajectory), _("This moment has not opened yet."), "not_open")
    try:
        cleaned = mirror.clean_scores(scores)
    except ValueError as error:
        raise ValidationError(_("Answer every question with a score from 1 to 5."), code="scores") from error
    reading, _created = MirrorReading.objects.update_or_create(
        trajectory=trajectory, moment=moment, defaults={"scores": cleaned, "taken_at": timezone.now()}
    )
    return reading


@transaction.atomic
def take_intake_mirror(intake, *, scores: dict, by) -> IntakeMirror:
    """The wethouder takes (or corrects) the mirror with their intake, while the intake is open
    and before a trajectory has started from it: it is the trajectory's first reading."""
    from intake.models import Intake

    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    _require(by.pk == intake.wethouder_id, _("Only the wethouder does this."))
    _require(intake.is_open, _("This intake has been withdrawn."), "closed")
    _require(
        not Trajectory.objects.filter(match__intake=intake).exists(),
        _("The trajectory has started: this mirror is its first reading now and stays as it was."),
        "started",
    )
    try:
        cleaned = mirror.clean_scores(scores)
    except ValueError as error:
        raise ValidationError(_("Answer every question with a score from 1 to 5."), code="scores") from error
    reading, _created = IntakeMirror.objects.update_or_create(
        intake=intake, defaults={"scores": cleaned, "taken_at": timezone.now()}
    )
    return reading


@transaction.atomic
def share_mirror(trajectory: Trajectory, *, share: bool, by) -> None:
    """The wethouder lets the coach see the mirror, or takes that back (at once)."""
    trajectory = _locked(trajectory)
    _wethouder(trajectory, by)
    if share:
        MirrorShare.objects.get_or_create(trajectory=trajectory, defaults={"shared_at": timezone.now()})
    else:
        MirrorShare.objects.filter(trajectory=trajectory).delete()


# --- The observation as a shared analysis -----------------------------------------------------


def _held_observation(appointment: Appointment) -> Appointment:
    appointment = Appointment.objects.select_for_update().select_related("trajectory").get(pk=appointment.pk)
    _require(appointment.kind == AppointmentKind.OBSERVATION, _("Only an observation is answered this way."))
    _require(appointment.status == AppointmentStatus.HELD, _("The observation has not taken place yet."), "not_held")
    return appointment


@transaction.atomic
def reflect_on_observation(appointment: Appointment, *, text: str, by) -> ObservationReflection:
    """The wethouder's own reflection on an observed meeting (written again: replaced)."""
    appointment = _held_observation(appointment)
    _wethouder(appointment.trajectory, by)
    _active(appointment.trajectory)
    reflection, _created = ObservationReflection.objects.update_or_create(
        appointment=appointment, defaults={"text": text.strip()}
    )
    return reflection


@transaction.atomic
def tag_moment(appointment: Appointment, *, moment: str, role: str, theme: str, by) -> MomentTag:
    """Coach or wethouder tag a moment of the observed meeting with a role and/or a theme."""
    appointment = _held_observation(appointment)
    _party(appointment.trajectory, by)
    _active(appointment.trajectory)
    _require(bool(role or theme), _("Choose a role, a theme or both."), "empty")
    return MomentTag.objects.create(appointment=appointment, author=by, moment=moment.strip(), role=role, theme=theme)


@transaction.atomic
def remove_tag(tag: MomentTag, *, by) -> None:
    """A tag is removed by whoever placed it, while the trajectory runs."""
    _require(tag.author_id == by.pk, _("Only who placed a tag removes it."))
    _active(tag.appointment.trajectory)
    tag.delete()


# --- Privacy ----------------------------------------------------------------------------------


def scrub_trajectories(trajectories) -> None:
    """Erasure and retention: delete every text of the instruments of `trajectories` (maps,
    goals and their comments, reflections, tagged moments). The mirror's scales stay, as the
    evaluations' scales do, for the anonymous aggregate; so does nothing that names anyone."""
    ForceFieldVersion.objects.filter(trajectory__in=trajectories).delete()
    LearningGoal.objects.filter(trajectory__in=trajectories).delete()
    ObservationReflection.objects.filter(appointment__trajectory__in=trajectories).delete()
    MomentTag.objects.filter(appointment__trajectory__in=trajectories).delete()
    MirrorShare.objects.filter(trajectory__in=trajectories).delete()
