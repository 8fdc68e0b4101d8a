"""The instruments' pages. Every view fetches through the selectors (a trajectory that is not
the user's own is a 404, for coordinators and superusers too), checks its rule with
django-rules' own permission set, and lets one service do the work; a refused rule is shown on
the form with what was typed kept."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coaching.models import Appointment, Trajectory
from coaching.selectors.trajectories import report_for

from . import selectors, services
from .enums import Moment
from .forms import ActorForm, GoalForm, GoalScoresForm, MirrorForm, ReflectionForm, TagForm
from .models import Actor, LearningGoal, MomentTag

#: Dutch words in the addresses, the moment's value in the code.
MOMENT_SLUGS = {"start": Moment.START, "tussentijds": Moment.INTERIM, "eind": Moment.CLOSING}
SLUG_OF = {moment: slug for slug, moment in MOMENT_SLUGS.items()}


def _require(request, permission, obj):
    if not rules.has_perm(permission, request.user, obj):
        raise PermissionDenied


def _trajectory(request, pk, permission="instruments.use_instruments") -> Trajectory:
    try:
        trajectory = selectors.trajectory_for(request.user, pk)
    except Trajectory.DoesNotExist as error:
        raise Http404 from error
    _require(request, permission, trajectory)
    return trajectory


def _moment(slug: str) -> str:
    if slug not in MOMENT_SLUGS:
        raise Http404
    return MOMENT_SLUGS[slug]


def _attempt(request, form, action, success) -> bool:
    """Validate, call the service; its refusal lands on the form, nothing typed is lost."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False
    messages.success(request, success)
    return True


# --- Overview and learning goals --------------------------------------------------------------


def overview(request, pk, *, goal_form=None, status=200):
    trajectory = _trajectory(request, pk)
    user = request.user
    goals = selectors.learning_goals(trajectory)
    open_now = selectors.open_moments(trajectory)
    context = {
        "trajectory": trajectory,
        "goals": goals,
        "goal_form": goal_form or GoalForm(),
        "goals_frozen": any(goal.by_moment for goal in goals),
        "may_add_goal": trajectory.is_open and len(goals) < services.MAX_GOALS,
        "scoring_moments": [
            {"moment": m, "slug": SLUG_OF[m], "label": Moment(m).label} for m in open_now if m != Moment.START
        ]
        if rules.has_perm("instruments.score_goals", user, trajectory) and len(goals) >= services.MIN_GOALS
        else [],
        "interim_opens_on": selectors.moment_opens_on(trajectory, Moment.INTERIM),
        "analysis": selectors.style_analysis(trajectory),
        "observations": selectors.held_observations(trajectory),
        "is_wethouder": trajectory.wethouder_id == user.pk,
    }
    return render(request, "instruments/overview.html", context, status=status)


@require_POST
def add_goal(request, pk):
    trajectory = _trajectory(request, pk)
    form = GoalForm(request.POST)
    if _attempt(
        request, form, lambda d: services.add_goal(trajectory, text=d["text"], by=request.user), _("Goal added.")
    ):
        return redirect("instruments:overview", trajectory.pk)
    return overview(request, pk, goal_form=form)


def _goal(request, pk) -> LearningGoal:
    try:
        goal = LearningGoal.objects.of_party(request.user).select_related("trajectory").get(pk=pk)
    except LearningGoal.DoesNotExist as error:
        raise Http404 from error
    _require(request, "instruments.use_instruments", goal.trajectory)
    return goal


def edit_goal(request, pk):
    goal = _goal(request, pk)
    back = reverse("instruments:overview", args=[goal.trajectory_id])
    if request.method == "POST" and "remove" in request.POST:
        try:
            services.remove_goal(goal, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Goal removed."))
        return redirect(back)
    form = GoalForm(request.POST or None, initial={"text": goal.text})
    if request.method == "POST" and _attempt(
        request, form, lambda d: services.change_goal(goal, text=d["text"], by=request.user), _("Goal changed.")
    ):
        return redirect(back)
    return render(request, "instruments/goal_form.html", {"goal": goal, "form": form, "back": back})


def score_goals(request, pk, moment):
    trajectory = _trajectory(request, pk, "instruments.score_goals")
    moment = _moment(moment)
    goals = selectors.learning_goals(trajectory)
    initial = {}
    for goal in goals:
        if moment in goal.by_moment:
            initial[f"score_{goal.pk}"] = goal.by_moment[moment].score
            initial[f"comment_{goal.pk}"] = goal.by_moment[moment].comment
    form = GoalScoresForm(request.POST or None, goals=goals, initial=initial)
    action = lambda d: services.score_goals(trajectory, moment=moment, scores=form.scores(), by=request.user)  # noqa: E731
    if request.method == "POST" and _attempt(request, form, action, _("Your scores have been saved.")):
        return redirect("instruments:overview", trajectory.pk)
    context = {"trajectory": trajectory, "form": form, "moment": Moment(moment)}
    return render(request, "instruments/goal_scores.html", context)


# --- The krachtenveld -------------------------------------------------------------------------


def _version(versions, number: str | None):
    if not versions:
        return None
    if not number:
        return versions[-1]
    found = [v for v in versions if str(v.number) == number]
    if not found:
        raise Http404
    return found[0]


def force_field(request, pk, *, form=None, status=200):
    trajectory = _trajectory(request, pk)
    versions = selectors.force_field_versions(trajectory)
    shown = _version(versions, request.GET.get("versie"))
    compared = _version(versions, request.GET.get("vergelijk")) if request.GET.get("vergelijk") else None
    latest = versions[-1] if versions else None
    if request.method == "POST":
        form = ActorForm(request.POST)
        if _attempt(
            request,
            form,
            lambda d: services.add_actor(trajectory, by=request.user, **d),
            _("The actor has been added to the map."),
        ):
            return redirect("instruments:force_field", trajectory.pk)
        status = 200
    context = {
        "trajectory": trajectory,
        "versions": versions,
        "map": selectors.force_field_map(shown) if shown else None,
        "compared": selectors.force_field_map(compared) if compared else None,
        "changes": selectors.compare_versions(compared, shown) if compared and shown else None,
        "editable": trajectory.is_open and (shown is None or shown == latest),
        "form": form or ActorForm(),
        "grid": selectors.charts.map_grid(),
    }
    return render(request, "instruments/force_field.html", context, status=status)


@require_POST
def new_version(request, pk):
    trajectory = _trajectory(request, pk)
    try:
        version = services.start_new_version(trajectory, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("instruments:force_field", trajectory.pk)
    messages.success(
        request, _("Version %(number)s has started as a copy; the earlier map is kept.") % {"number": version.number}
    )
    return redirect("instruments:force_field", trajectory.pk)


def edit_actor(request, pk):
    try:
        actor = Actor.objects.of_party(request.user).select_related("version__trajectory").get(pk=pk)
    except Actor.DoesNotExist as error:
        raise Http404 from error
    trajectory = actor.version.trajectory
    _require(request, "instruments.use_instruments", trajectory)
    back = reverse("instruments:force_field", args=[trajectory.pk])
    if request.method == "POST" and "remove" in request.POST:
        try:
            services.remove_actor(actor, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The actor has been removed from the map."))
        return redirect(back)
    fields = ("kind", "name", "influence", "stance", "relationship", "note")
    form = ActorForm(request.POST or None, initial={name: getattr(actor, name) for name in fields})
    if request.method == "POST" and _attempt(
        request, form, lambda d: services.change_actor(actor, by=request.user, **d), _("The actor has been changed.")
    ):
        return redirect(back)
    return render(request, "instruments/actor_form.html", {"actor": actor, "form": form, "back": back})


# --- The leadership mirror --------------------------------------------------------------------


def mirror_page(request, pk):
    """The wethouder's mirror; the coach sees the numbers only while the wethouder shares them."""
    trajectory = _trajectory(request, pk)
    may_see = selectors.may_see_mirror(request.user, trajectory)
    readings = selectors.mirror_readings(trajectory) if may_see else {}
    is_wethouder = trajectory.wethouder_id == request.user.pk
    open_now = selectors.open_moments(trajectory) if is_wethouder else []
    context = {
        "trajectory": trajectory,
        "moments": [Moment(m) for m in selectors.MOMENTS],
        "readings": readings,
        "groups": selectors.mirror_table(readings),
        "open_now": [{"moment": Moment(m), "slug": SLUG_OF[m], "taken": m in readings} for m in open_now],
        "is_wethouder": is_wethouder,
        "shared": hasattr(trajectory, "mirror_share"),
        "may_see": may_see,
    }
    return render(request, "instruments/mirror.html", context)


def take_mirror(request, pk, moment):
    trajectory = _trajectory(request, pk, "instruments.take_mirror")
    moment = _moment(moment)
    readings = selectors.mirror_readings(trajectory)
    form = MirrorForm(request.POST or None, initial=readings[moment].scores if moment in readings else None)
    action = lambda d: services.take_mirror(trajectory, moment=moment, scores=d, by=request.user)  # noqa: E731
    if request.method == "POST" and _attempt(request, form, action, _("Your mirror has been saved.")):
        return redirect("instruments:mirror", trajectory.pk)
    return render(
        request, "instruments/mirror_form.html", {"trajectory": trajectory, "form": form, "moment": Moment(moment)}
    )


def take_intake_mirror(request, pk):
    """The mirror with the intake, for its wethouder only (anyone else: 404)."""
    from intake.enums import IntakeState
    from intake.models import Intake

    try:
        intake = selectors.intake_mirror_for(request.user, pk)
    except Intake.DoesNotExist as error:
        raise Http404 from error
    taken = getattr(intake, "mirror", None)
    form = MirrorForm(request.POST or None, initial=taken.scores if taken else None)
    action = lambda d: services.take_intake_mirror(intake, scores=d, by=request.user)  # noqa: E731
    # From the intake's self-reflection step (?terug=stap): back to the intake's steps.
    from_step = request.GET.get("terug") == "stap" and intake.state == IntakeState.DRAFT
    if request.method == "POST" and _attempt(request, form, action, _("Your mirror has been saved.")):
        return redirect("intake:step", intake.pk, 4) if from_step else redirect("intake:detail", intake.pk)
    back = reverse("intake:step", args=[intake.pk, 3]) if from_step else reverse("intake:detail", args=[intake.pk])
    context = {"intake": intake, "form": form, "taken": taken, "back": back, "from_step": from_step}
    return render(request, "instruments/intake_mirror_form.html", context)


@require_POST
def share_mirror(request, pk):
    trajectory = _trajectory(request, pk, "instruments.take_mirror")
    share = request.POST.get("share") == "yes"
    services.share_mirror(trajectory, share=share, by=request.user)
    messages.success(
        request, _("Your coach can now see your mirror.") if share else _("Your coach no longer sees your mirror.")
    )
    return redirect("instruments:mirror", trajectory.pk)


# --- The observation as a shared analysis -----------------------------------------------------


def _observation(request, pk) -> Appointment:
    try:
        appointment = selectors.observation_for(request.user, pk)
    except Appointment.DoesNotExist as error:
        raise Http404 from error
    _require(request, "instruments.use_instruments", appointment.trajectory)
    return appointment


def observation(request, pk, *, reflection_form=None, tag_form=None):
    appointment = _observation(request, pk)
    trajectory = appointment.trajectory
    is_wethouder = trajectory.wethouder_id == request.user.pk
    reflection = getattr(appointment, "reflection", None) if appointment.is_held else None
    context = {
        "appointment": appointment,
        "trajectory": trajectory,
        "report": report_for(appointment, request.user),
        "reflection": reflection,
        "is_wethouder": is_wethouder,
        "reflection_form": reflection_form
        or (ReflectionForm(initial={"text": reflection.text if reflection else ""}) if is_wethouder else None),
        "tag_form": tag_form or TagForm(),
        "tags": selectors.observation_tags(appointment),
    }
    return render(request, "instruments/observation.html", context)


@require_POST
def reflect(request, pk):
    appointment = _observation(request, pk)
    _require(request, "instruments.reflect_on_observation", appointment.trajectory)
    form = ReflectionForm(request.POST)
    action = lambda d: services.reflect_on_observation(appointment, text=d["text"], by=request.user)  # noqa: E731
    if _attempt(request, form, action, _("Your reflection has been saved.")):
        return redirect("instruments:observation", appointment.pk)
    return observation(request, pk, reflection_form=form)


@require_POST
def tag(request, pk):
    appointment = _observation(request, pk)
    form = TagForm(request.POST)
    action = lambda d: services.tag_moment(appointment, by=request.user, **d)  # noqa: E731
    if _attempt(request, form, action, _("The moment has been tagged.")):
        return redirect("instruments:observation", appointment.pk)
    return observation(request, pk, tag_form=form)


@require_POST
def remove_tag(request, pk):
    try:
        found = MomentTag.objects.of_party(request.user).select_related("appointment__trajectory").get(pk=pk)
    except MomentTag.DoesNotExist as error:
        raise Http404 from error
    try:
        services.remove_tag(found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The tag has been removed."))
    return redirect("instruments:observation", found.appointment_id)
