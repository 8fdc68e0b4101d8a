"""Trajectories: the page both sides share, the plan, appointments and their logs, evaluations,
endings, and calendars. Every view fetches through `visible_to(request.user)` (a foreign id is
a 404), checks its permission, and lets one service do the work; a refused rule is shown on the
form with what was typed kept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import calendar
from ..enums import AppointmentKind, AppointmentStatus, EvaluationKind, TrajectoryState
from ..forms.trajectories import (
    CancelForm,
    EndForm,
    EvaluationForm,
    ExtraForm,
    ObservationLogForm,
    PlanForm,
    RescheduleForm,
    SessionLogForm,
    SwitchForm,
)
from ..models import Appointment, CalendarFeed, Trajectory
from ..selectors import trajectories as selectors
from ..services import trajectories as services

PAGE_SIZE = 50
ATTENTION_CHOICES = [
    ("quiet", gettext_lazy("No session for 8 weeks")),
    ("behind", gettext_lazy("Behind the plan")),
    ("ends_soon", gettext_lazy("Ending within a month")),
]


def _require(request, permission, obj=None):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def _trajectory(request, pk, permission="coaching.view_trajectory"):
    try:
        trajectory = selectors.trajectory_for(request.user, pk)
    except Trajectory.DoesNotExist as error:
        raise Http404 from error
    _require(request, permission, trajectory)
    return trajectory


def _appointment(request, pk, permission="coaching.view_trajectory"):
    try:
        appointment = selectors.appointment_for(request.user, pk)
    except Appointment.DoesNotExist as error:
        raise Http404 from error
    _require(request, permission, appointment.trajectory)
    return appointment


def _submit(request, form, action, success) -> bool:
    """Validate `form`, call the service; its refusal lands on the form (on the field it names,
    or above the form), so nothing typed is lost."""
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
            form.add_error(None, error)
        else:
            form.add_error(None, error.messages)
        return False
    messages.success(request, success)
    return True


# --- Lists and the trajectory page ------------------------------------------------------------


def trajectory_list(request):
    user = request.user
    if not (user.is_coach or user.is_wethouder or user.has_perm("coaching.view_trajectory_overview")):
        raise PermissionDenied
    state = request.GET.get("state", "")
    state = state if state in TrajectoryState.values else ""
    attention = request.GET.get("attention", "")
    attention = attention if attention in selectors.ATTENTION else ""
    listed = selectors.trajectory_list(user, state=state, attention=attention).only("pk")
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "trajectories": selectors.flagged(page),
        "states": TrajectoryState.choices,
        "state": state,
        "attention": attention,
        "attention_choices": ATTENTION_CHOICES if user.has_perm("coaching.view_trajectory_overview") else (),
    }
    if user.has_perm("coaching.view_trajectory_overview"):
        context["scores"] = selectors.evaluation_scores()
    return render(request, "coaching/trajectory_list.html", context)


def trajectory_detail(request, pk, *, forms=None, status=200):
    trajectory = _trajectory(request, pk)
    page = selectors.trajectory_page(trajectory, request.user)
    user = request.user
    forms = forms or {}
    context = {
        "page": page,
        "trajectory": trajectory,
        "is_coach": trajectory.coach_id == user.pk,
        "is_wethouder": trajectory.wethouder_id == user.pk,
        "plan_form": forms.get("plan")
        or PlanForm(
            initial={
                "sessions": trajectory.planned_sessions,
                "months": trajectory.planned_months,
                "first_session": _first_session(page),
            }
        ),
        "extra_form": forms.get("extra") or ExtraForm(initial={"kind": AppointmentKind.SESSION}),
        "end_form": forms.get("end") or EndForm(),
        "switch_form": forms.get("switch") or SwitchForm(),
        "evaluation_due": _evaluation_due(page, user),
        "scores": selectors.evaluation_scores([trajectory])
        if user.has_perm("coaching.view_trajectory_overview")
        else None,
    }
    return render(request, "coaching/trajectory_detail.html", context, status=status)


def _first_session(page):
    sessions = [e.appointment for e in page.timeline if e.appointment.kind == AppointmentKind.SESSION]
    return sessions[0].on if sessions else None


def _evaluation_due(page, user) -> str | None:
    """The evaluation the wethouder can fill in now: the interim one from halfway, the closing
    one from the closing conversation's date (or once the trajectory ended)."""
    trajectory = page.trajectory
    if trajectory.wethouder_id != user.pk:
        return None
    today = timezone.localdate()
    dates = {e.appointment.kind: e.appointment.on for e in page.timeline if not e.appointment.is_cancelled}
    final_open = not trajectory.is_open or dates.get(AppointmentKind.FINAL_EVALUATION, trajectory.ends_on) <= today
    if EvaluationKind.FINAL not in page.evaluations and final_open:
        return EvaluationKind.FINAL
    interim_on = dates.get(AppointmentKind.INTERIM_EVALUATION)
    if trajectory.is_open and EvaluationKind.INTERIM not in page.evaluations and interim_on and interim_on <= today:
        return EvaluationKind.INTERIM
    return None


def _trajectory_form(request, pk, *, permission, form_class, key, action, success, then=None):
    """POST a form about a trajectory: the service's refusal re-renders the page with the form
    open and what was typed kept."""
    trajectory = _trajectory(request, pk, permission)
    form = form_class(request.POST)
    if _submit(request, form, lambda data: action(trajectory, data), success):
        return then(trajectory) if then else redirect("coaching:trajectory_detail", pk=pk)
    return trajectory_detail(request, pk, forms={key: form}, status=400)


@require_POST
def plan(request, pk):
    return _trajectory_form(
        request,
        pk,
        permission="coaching.plan_trajectory",
        form_class=PlanForm,
        key="plan",
        action=lambda trajectory, data: services.plan_trajectory(trajectory, by=request.user, **data),
        success=_("The plan has been saved."),
    )


@require_POST
def propose_extra(request, pk):
    return _trajectory_form(
        request,
        pk,
        permission="coaching.propose_extra",
        form_class=ExtraForm,
        key="extra",
        action=lambda trajectory, data: services.propose_extra(trajectory, by=request.user, **data),
        success=_("Proposed. The wethouder is asked to agree."),
    )


@require_POST
def end(request, pk):
    return _trajectory_form(
        request,
        pk,
        permission="coaching.end_trajectory",
        form_class=EndForm,
        key="end",
        action=lambda trajectory, data: services.end_trajectory(trajectory, by=request.user, **data),
        success=_("The trajectory has ended."),
    )


@require_POST
def switch(request, pk):
    return _trajectory_form(
        request,
        pk,
        permission="coaching.switch_coach",
        form_class=SwitchForm,
        key="switch",
        action=lambda trajectory, data: services.switch_coach(trajectory, by=request.user, **data),
        success=_("The trajectory ended; approve the next coach."),
        then=lambda trajectory: redirect("coaching:proposals", intake_pk=trajectory.match.intake_id),
    )


def evaluate(request, pk, kind):
    trajectory = _trajectory(request, pk, "coaching.evaluate")
    if kind not in EvaluationKind.values:
        raise Http404
    form = EvaluationForm(request.POST or None)

    def action(data):
        services.submit_evaluation(trajectory, kind=kind, by=request.user, **data)

    if request.method == "POST" and _submit(request, form, action, _("Thank you for your evaluation.")):
        return redirect("coaching:trajectory_detail", pk=pk)
    context = {"trajectory": trajectory, "form": form, "kind": EvaluationKind(kind)}
    return render(request, "coaching/evaluation_form.html", context, status=400 if form.errors else 200)


# --- Appointments ------------------------------------------------------------------------------


def appointment_detail(request, pk, *, forms=None, status=200):
    appointment = _appointment(request, pk)
    user = request.user
    forms = forms or {}
    log_form_class = ObservationLogForm if appointment.kind == AppointmentKind.OBSERVATION else SessionLogForm
    entry = selectors.report_for(appointment, user)
    context = {
        "appointment": appointment,
        "trajectory": appointment.trajectory,
        "entry": entry,
        "changes": appointment.changes.select_related("by"),
        "is_coach": appointment.trajectory.coach_id == user.pk,
        "is_wethouder": appointment.trajectory.wethouder_id == user.pk,
        "log_form": forms.get("log") or log_form_class(initial=_log_initial(appointment, entry)),
        "reschedule_form": forms.get("reschedule")
        or RescheduleForm(
            initial={"on": appointment.on, "start_time": appointment.start_time, "location": appointment.location}
        ),
        "cancel_form": forms.get("cancel") or CancelForm(),
    }
    return render(request, "coaching/appointment_detail.html", context, status=status)


def _log_initial(appointment, entry) -> dict:
    if not appointment.is_held:
        return {"minutes": appointment.duration_minutes, "mode": "in_person"}
    return {
        "held_at": timezone.localtime(appointment.held_at),
        "minutes": appointment.held_minutes,
        "mode": appointment.mode,
        "themes": appointment.themes,
        "private_notes": entry.private_notes,
        "shared_summary": entry.shared_summary,
        "observed": entry.observed,
        "feedback": entry.feedback,
    }


@require_POST
def log_appointment(request, pk):
    appointment = _appointment(request, pk, "coaching.log_appointment")
    is_observation = appointment.kind == AppointmentKind.OBSERVATION
    form = (ObservationLogForm if is_observation else SessionLogForm)(request.POST)

    def action(data):
        if is_observation:
            services.log_observation(appointment, by=request.user, **data)
        else:
            services.log_session(appointment, by=request.user, **data)

    if _submit(request, form, action, _("Logged.")):
        return redirect("coaching:trajectory_detail", pk=appointment.trajectory_id)
    return appointment_detail(request, pk, forms={"log": form}, status=400)


@require_POST
def reschedule(request, pk):
    appointment = _appointment(request, pk, "coaching.change_appointment")
    form = RescheduleForm(request.POST)

    def action(data):
        services.reschedule_appointment(appointment, by=request.user, **data)

    if _submit(request, form, action, _("The appointment has been moved.")):
        return redirect("coaching:trajectory_detail", pk=appointment.trajectory_id)
    return appointment_detail(request, pk, forms={"reschedule": form}, status=400)


@require_POST
def cancel(request, pk):
    appointment = _appointment(request, pk, "coaching.change_appointment")
    form = CancelForm(request.POST)

    def action(data):
        services.cancel_appointment(appointment, reason=data["reason"], by=request.user)

    if _submit(request, form, action, _("The appointment has been cancelled.")):
        return redirect("coaching:trajectory_detail", pk=appointment.trajectory_id)
    return appointment_detail(request, pk, forms={"cancel": form}, status=400)


@require_POST
def answer_extra(request, pk):
    appointment = _appointment(request, pk, "coaching.answer_extra")
    agree = request.POST.get("agree") == "yes"
    try:
        services.answer_extra(appointment, agree=agree, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Agreed.") if agree else _("Declined."))
    return redirect("coaching:trajectory_detail", pk=appointment.trajectory_id)


def appointment_ics(request, pk):
    appointment = _appointment(request, pk)
    response = HttpResponse(calendar.appointment_ics(appointment, for_user=request.user), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="afspraak-{appointment.pk}.ics"'
    return response


# --- Calendar feed ----------------------------------------------------------------------------


def calendar_settings(request):
    if not (request.user.is_coach or request.user.is_wethouder):
        raise PermissionDenied
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_calendar_feed(request.user)
            messages.success(request, _("Your calendar address no longer works."))
        else:
            services.renew_calendar_feed(request.user)
            messages.success(request, _("Your new calendar address is ready. An older one no longer works."))
        return redirect("coaching:calendar_settings")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    url = request.build_absolute_uri(f"/agenda/{feed.token}.ics") if feed else None
    return render(request, "coaching/calendar_settings.html", {"feed": feed, "feed_url": url})


@login_not_required
def calendar_feed(request, token):
    """The private iCalendar feed: the token in the address is the only credential (calendar
    apps cannot sign in). Revoked or unknown: 404."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    user = feed.user
    if not user.is_active:
        raise Http404
    appointments = (
        Appointment.objects.filter(Q(trajectory__coach=user) | Q(trajectory__wethouder=user))
        .exclude(status=AppointmentStatus.PROPOSED)
        .select_related("trajectory__coach", "trajectory__wethouder")
    )
    response = HttpResponse(calendar.feed_ics(appointments, for_user=user), content_type="text/calendar")
    response["Cache-Control"] = "private, max-age=900"
    return response
