"""Reads for the instruments' pages, in a number of queries that does not grow with the data.
Everything is fetched through `of_party(user)`: a trajectory that is not the user's own (a
coordinator's and a superuser's included) is not found."""

from collections import Counter
from dataclasses import dataclass

import rules
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bestuurderspool.privacy.selectors import DataRecord, record_of
from coaching.enums import AppointmentKind, AppointmentStatus
from coaching.models import Appointment, Trajectory
from intake.enums import MunicipalRole, Theme

from . import charts, mirror
from .enums import Moment
from .models import (
    ForceFieldVersion,
    GoalScore,
    IntakeMirror,
    LearningGoal,
    MirrorReading,
    MomentTag,
    ObservationReflection,
)

#: Below this many trajectories with a mirror, coordinators see no aggregate (nobody can be
#: singled out of a small group).
AGGREGATE_MINIMUM = 10


def trajectory_for(user, pk: int) -> Trajectory:
    """The trajectory if `user` is its coach or wethouder (else DoesNotExist → 404)."""
    if not user.is_authenticated:
        raise Trajectory.DoesNotExist
    return Trajectory.objects.select_related("coach", "wethouder").filter(Q(coach=user) | Q(wethouder=user)).get(pk=pk)


def observation_for(user, pk: int) -> Appointment:
    if not user.is_authenticated:
        raise Appointment.DoesNotExist
    return (
        Appointment.objects.select_related("trajectory__coach", "trajectory__wethouder")
        .filter(Q(trajectory__coach=user) | Q(trajectory__wethouder=user), kind=AppointmentKind.OBSERVATION)
        .get(pk=pk)
    )


def open_moments(trajectory: Trajectory, *, today=None) -> list[str]:
    """The moments at which the mirror can be taken (and goals scored) now. The start is open
    until the interim evaluation's date; the interim from that date while the trajectory runs;
    the closing from the closing conversation's date, or once the trajectory has ended."""
    today = today or timezone.localdate()
    dates = dict(
        trajectory.appointments.exclude(status=AppointmentStatus.CANCELLED)
        .filter(kind__in=[AppointmentKind.INTERIM_EVALUATION, AppointmentKind.FINAL_EVALUATION])
        .values_list("kind", "on")
    )
    interim_on = dates.get(AppointmentKind.INTERIM_EVALUATION)
    closing_on = dates.get(AppointmentKind.FINAL_EVALUATION, trajectory.ends_on)
    closing = not trajectory.is_open or closing_on <= today
    interim = trajectory.is_open and not closing and interim_on is not None and interim_on <= today
    taken_with_intake = IntakeMirror.objects.filter(intake__matches__trajectory=trajectory).exists()
    start = trajectory.is_open and not interim and not closing and not taken_with_intake
    return [
        moment
        for moment, is_open in ((Moment.START, start), (Moment.INTERIM, interim), (Moment.CLOSING, closing))
        if is_open
    ]


def moment_opens_on(trajectory: Trajectory, moment: str):
    """The date a moment opens, for "opens on …" sentences."""
    kind = {Moment.INTERIM: AppointmentKind.INTERIM_EVALUATION, Moment.CLOSING: AppointmentKind.FINAL_EVALUATION}
    if moment not in kind:
        return trajectory.klik_on
    found = trajectory.appointments.filter(kind=kind[moment]).exclude(status=AppointmentStatus.CANCELLED).first()
    return found.on if found else trajectory.ends_on


# --- The krachtenveld -------------------------------------------------------------------------


@dataclass
class ForceFieldMap:
    version: ForceFieldVersion
    actors: list
    dots: list

    @property
    def numbered(self):
        return list(zip(self.dots, self.actors, strict=True))


def force_field_versions(trajectory: Trajectory) -> list[ForceFieldVersion]:
    """Every version with its actors (two queries)."""
    return list(trajectory.force_fields.select_related("created_by").prefetch_related("actors").order_by("number"))


def force_field_map(version: ForceFieldVersion) -> ForceFieldMap:
    actors = list(version.actors.all())
    dots = charts.map_dots([(a.influence, a.stance, a.relationship) for a in actors])
    return ForceFieldMap(version, actors, dots)


def compare_versions(earlier: ForceFieldVersion, later: ForceFieldVersion) -> list[dict]:
    """What changed between two maps, actor by actor (matched on kind and name)."""
    before = {(a.kind, a.name): a for a in earlier.actors.all()}
    after = {(a.kind, a.name): a for a in later.actors.all()}
    rows = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k[0], k[1].lower())):
        old, new = before.get(key), after.get(key)
        rows.append({"kind": (new or old).get_kind_display(), "name": key[1], "before": old, "after": new})
    return rows


# --- Learning goals ---------------------------------------------------------------------------


def learning_goals(trajectory: Trajectory) -> list[LearningGoal]:
    """The goals with their scores by moment (`goal.by_moment`), two queries."""
    goals = list(trajectory.learning_goals.prefetch_related(Prefetch("scores", queryset=GoalScore.objects.all())))
    for goal in goals:
        goal.by_moment = {score.moment: score for score in goal.scores.all()}
    return goals


# --- The leadership mirror --------------------------------------------------------------------


MOMENTS = (Moment.START, Moment.INTERIM, Moment.CLOSING)


def mirror_readings(trajectory: Trajectory) -> dict[str, MirrorReading]:
    """The trajectory's readings by moment; the mirror taken with the intake is the first one
    ("at the start") unless the trajectory has its own (two queries)."""
    readings = {reading.moment: reading for reading in trajectory.mirror_readings.all()}
    if Moment.START not in readings:
        taken = IntakeMirror.objects.filter(intake__matches__trajectory=trajectory).first()
        if taken is not None:
            readings[Moment.START] = MirrorReading(
                trajectory=trajectory, moment=Moment.START, scores=taken.scores, taken_at=taken.taken_at
            )
    return readings


def intake_mirror_for(user, pk: int):
    """The intake (with its mirror, if taken) when `user` is its wethouder; else DoesNotExist."""
    from intake.models import Intake

    if not user.is_authenticated:
        raise Intake.DoesNotExist
    return Intake.objects.filter(wethouder=user).get(pk=pk)


def may_see_mirror(user, trajectory: Trajectory) -> bool:
    return rules.has_perm("instruments.view_mirror", user, trajectory)


def mirror_table(readings: dict[str, MirrorReading]) -> list[dict]:
    """Per group of items: rows of (item, value per moment, change, bars)."""
    values = [readings[m].scores if m in readings else None for m in MOMENTS]
    groups: dict[str, list] = {key: [] for key in mirror.GROUPS}
    for row in mirror.rows(values):
        groups[row.item.group].append({"row": row, "bars": charts.mirror_bars(row.values)})
    return [{"key": key, "title": mirror.GROUPS[key], "rows": rows} for key, rows in groups.items()]


def mirror_aggregate() -> dict | None:
    """For coordinators: the mean per item and moment over every trajectory, only when at
    least AGGREGATE_MINIMUM trajectories have taken the mirror; no trajectory is named. A moment
    that fewer than AGGREGATE_MINIMUM trajectories have reached shows no mean: ten at the start
    and one at the interim would otherwise show that one wethouder's answers."""
    readings = list(MirrorReading.objects.values_list("trajectory_id", "moment", "scores"))
    own_start = {trajectory for trajectory, moment, _s in readings if moment == Moment.START}
    with_intake = IntakeMirror.objects.filter(intake__matches__trajectory__isnull=False).values_list(
        "intake__matches__trajectory", "scores"
    )
    readings += [(t, Moment.START, scores) for t, scores in with_intake if t not in own_start]
    if len({trajectory_id for trajectory_id, _moment, _scores in readings}) < AGGREGATE_MINIMUM:
        return None
    by_moment = {moment: [scores for _t, m, scores in readings if m == moment] for moment in MOMENTS}
    means = {
        moment: mirror.averages(rows) if len(rows) >= AGGREGATE_MINIMUM else {} for moment, rows in by_moment.items()
    }
    return {
        "trajectories": len({t for t, _m, _s in readings}),
        "counts": {moment: len(rows) for moment, rows in by_moment.items()},
        "rows": [{"item": item, "means": [means[moment].get(item.key) for moment in MOMENTS]} for item in mirror.ITEMS],
    }


# --- Observations -----------------------------------------------------------------------------


def observation_tags(appointment: Appointment) -> list[MomentTag]:
    return list(appointment.moment_tags.select_related("author"))


def style_analysis(trajectory: Trajectory) -> dict:
    """For the interim and closing conversation: how often each role and theme was tagged over
    all observations of the trajectory (one query)."""
    tags = list(
        MomentTag.objects.filter(appointment__trajectory=trajectory).values_list("role", "theme", "appointment_id")
    )
    return {
        "roles": [(MunicipalRole(r).label, n) for r, n in Counter(r for r, _t, _a in tags if r).most_common()],
        "themes": [(Theme(t).label, n) for t, n in Counter(t for _r, t, _a in tags if t).most_common()],
        "observations": len({appointment for _r, _t, appointment in tags}),
    }


def held_observations(trajectory: Trajectory) -> list[Appointment]:
    return list(
        trajectory.appointments.filter(kind=AppointmentKind.OBSERVATION, status=AppointmentStatus.HELD).order_by("on")
    )


def coordinator_home(user) -> dict:
    """The coordinators' home: the mirror only as an anonymous aggregate (see mirror_aggregate)."""
    return {"mirror_aggregate": mirror_aggregate(), "mirror_minimum": AGGREGATE_MINIMUM}


ACTOR_FIELDS = ["kind", "name", "influence", "stance", "relationship", "note"]


def personal_data(user) -> list:
    """The wethouder's own instruments for the data download (AVG art. 15 and 20): goals with
    their scores, mirror readings, reflections, the krachtenveld maps they built with their coach,
    and the moments they tagged. Five queries."""
    own = {"trajectory__wethouder": user}
    records = []
    for goal in LearningGoal.objects.filter(**own).prefetch_related("scores"):
        scores = [record_of(score, ["moment", "score", "comment", "scored_at"]) for score in goal.scores.all()]
        records.append(record_of(goal, ["text", "created_at"], children=scores))
    for reading in MirrorReading.objects.filter(**own).order_by("taken_at"):
        fields = [
            ("moment", str(_("moment")), Moment(reading.moment).label),
            ("taken_at", str(_("taken on")), reading.taken_at),
        ]
        fields += [(item.key, str(item.label), reading.scores.get(item.key)) for item in mirror.ITEMS]
        records.append(DataRecord("mirrorreading", str(_("leadership mirror")), fields))
    for reading in IntakeMirror.objects.filter(intake__wethouder=user):
        fields = [("taken_at", str(_("taken on")), reading.taken_at)]
        fields += [(item.key, str(item.label), reading.scores.get(item.key)) for item in mirror.ITEMS]
        records.append(DataRecord("intakemirror", str(_("leadership mirror at the intake")), fields))
    for version in ForceFieldVersion.objects.filter(**own).prefetch_related("actors"):
        actors = [
            record_of(a, ["kind", "name", "influence", "stance", "relationship", "note"]) for a in version.actors.all()
        ]
        records.append(record_of(version, ["number", "created_at"], children=actors))
    reflections = ObservationReflection.objects.filter(appointment__trajectory__wethouder=user)
    records += [record_of(reflection, ["text", "updated_at"]) for reflection in reflections]
    records += [
        record_of(tag, ["moment", "role", "theme", "created_at"]) for tag in MomentTag.objects.filter(author=user)
    ]
    return records
