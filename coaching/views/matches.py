"""Proposals and the match lifecycle: the coordinator proposes and approves, the coach answers,
both sides say whether there is a klik."""

import rules
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuurderspool.accounts.enums import Role
from bestuurderspool.confirm import confirm_then, confirmation_page, is_confirmed
from intake.models import Intake

from ..enums import MatchState, Theme
from ..forms.matches import ChooseCoachForm, DeclineForm, KennismakingForm, KlikForm
from ..models import Match
from ..selectors.home import acquaintance
from ..selectors.matching import match_events, ranking_for_intake, stored_explanation
from ..services import matches as services
from . import confirmations

PAGE_SIZE = 50


def _require(request, permission, obj=None):
    if not rules.has_perm(permission, request.user, obj):
        raise PermissionDenied


def _intake(request, pk):
    intake = get_object_or_404(Intake.objects.visible_to(request.user), pk=pk)
    _require(request, "coaching.manage_matching")
    return intake


def _match(request, pk, permission):
    match = get_object_or_404(
        Match.objects.visible_to(request.user).select_related("intake__municipality", "coach", "wethouder"),
        pk=pk,
    )
    _require(request, permission, match)
    return match


def _run(request, action, success):
    """Call a service; its refusal becomes a message on the page instead of an error."""
    try:
        result = action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    messages.success(request, success)
    return result or True


# --- The coordinator -------------------------------------------------------------------------


def proposals(request, intake_pk, choose_form=None):
    intake = _intake(request, intake_pk)
    matches = list(intake.matches.select_related("coach", "approved_by").order_by("-proposed_at"))
    open_proposals = [
        {"match": m, "criteria": stored_explanation(m)} for m in matches if m.state == MatchState.PROPOSED
    ]
    context = {
        "intake": intake,
        "ranking": ranking_for_intake(intake) if intake.state == "ready_for_matching" else None,
        "open_proposals": open_proposals,
        "history": [m for m in matches if m.state != MatchState.PROPOSED],
        "match_events": match_events(intake),
        "choose_form": choose_form or ChooseCoachForm(),
    }
    return render(request, "coaching/match_proposals.html", context, status=400 if choose_form else 200)


@require_POST
def approve_ranked(request, intake_pk):
    intake = _intake(request, intake_pk)
    coach_id = request.POST.get("coach", "")
    coach = get_user_model().objects.filter(pk=coach_id, role=Role.COACH).first() if coach_id.isdigit() else None
    if coach is None:
        messages.error(request, _("Choose a coach."))
        return redirect("coaching:proposals", intake_pk=intake.pk)
    if not is_confirmed(request):
        return confirmation_page(request, confirmations.approve_coach(intake, coach))
    _run(request, lambda: services.approve_ranked_coach(intake, coach_id=coach.pk, by=request.user),
         _("Approved. The coach is asked to accept."))  # fmt: skip
    return redirect("coaching:proposals", intake_pk=intake.pk)


@require_POST
def approve_proposal(request, pk):
    match = _match(request, pk, "coaching.manage_matching")

    def run():
        _run(
            request,
            lambda: services.approve_match(match, by=request.user),
            _("Approved. The coach is asked to accept."),
        )
        return redirect("coaching:proposals", intake_pk=match.intake_id)

    return confirm_then(request, confirmations.approve_coach(match.intake, match.coach), run)


@require_POST
def choose_coach(request, intake_pk):
    intake = _intake(request, intake_pk)
    form = ChooseCoachForm(request.POST)
    if not form.is_valid():
        return proposals(request, intake_pk, choose_form=form)
    data = form.cleaned_data
    if not is_confirmed(request):
        return confirmation_page(request, confirmations.approve_coach(intake, data["coach"], reason=data["reason"]))
    chosen = _run(
        request,
        lambda: services.choose_coach(intake, coach=data["coach"], reason=data["reason"], by=request.user),
        _("Approved. The coach is asked to accept."),
    )
    if chosen is None:
        return proposals(request, intake_pk, choose_form=form)
    return redirect("coaching:proposals", intake_pk=intake.pk)


def matches_overview(request):
    _require(request, "coaching.manage_matching")
    state = request.GET.get("state", "")
    matches = Match.objects.select_related("coach", "wethouder", "intake__municipality").order_by("-proposed_at", "-pk")
    if state in MatchState.values:
        matches = matches.filter(state=state)
    page = Paginator(matches, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "matches": list(page), "states": MatchState.choices, "state": state}
    return render(request, "coaching/match_list.html", context)


# --- Coach and wethouder ---------------------------------------------------------------------


def my_matches(request):
    if not (request.user.is_coach or request.user.is_wethouder):
        raise PermissionDenied
    matches = Match.objects.visible_to(request.user).select_related("intake__municipality", "coach", "wethouder")
    return render(request, "coaching/match_mine.html", {"matches": matches.order_by("-approved_at")})


def match_detail(request, pk):
    match = _match(request, pk, "coaching.view_match")
    if request.user.is_coordinator or request.user.is_superuser:
        return redirect("coaching:proposals", intake_pk=match.intake_id)
    return render(request, "coaching/match_detail.html", _match_context(request, match))


def _match_context(request, match, **forms) -> dict:
    """The match page for its coach or wethouder; `forms` are the ones coming back with errors."""
    user = request.user
    return {
        "match": match,
        "is_coach": match.coach_id == user.pk,
        "is_wethouder": match.wethouder_id == user.pk,
        "decline_form": DeclineForm(),
        "kennismaking_form": KennismakingForm(),
        "klik_form": KlikForm(),
        "own_klik": match.coach_klik if match.coach_id == user.pk else match.wethouder_klik,
        "klik_open": _klik_open(match),
        "themes": [str(dict(Theme.choices).get(code, code)) for code in match.intake.effective_wishes()["themes"]],
        **acquaintance(match, user),
        **forms,
    }


def _klik_open(match) -> bool:
    """The klik question opens once the first meeting has taken place (`services.record_klik`)."""
    return match.kennismaking_at is not None and match.kennismaking_at <= timezone.now()


@require_POST
def accept(request, pk):
    match = _match(request, pk, "coaching.answer_match")
    _run(
        request,
        lambda: services.accept_match(match, by=request.user),
        _("Thank you. Plan the first meeting now."),
    )
    return redirect("coaching:match_detail", pk=match.pk)


@require_POST
def decline(request, pk):
    match = _match(request, pk, "coaching.answer_match")
    form = DeclineForm(request.POST)
    if form.is_valid() and not is_confirmed(request):
        return confirmation_page(request, confirmations.decline_match(match, form.cleaned_data))
    if form.is_valid():
        done = _run(
            request,
            lambda: services.decline_match(match, reason=form.cleaned_data["reason"], by=request.user),
            _("You declined. The coordinators propose another coach."),
        )
        if done:
            return redirect("home")
    return render(request, "coaching/match_detail.html", _match_context(request, match, decline_form=form), status=400)


@require_POST
def plan_kennismaking(request, pk):
    match = _match(request, pk, "coaching.plan_kennismaking")
    form = KennismakingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data

        def plan():
            return services.plan_kennismaking(match, at=data["at"], location=data["location"], by=request.user)

        if _run(request, plan, _("The first meeting is planned.")):
            return redirect("coaching:match_detail", pk=match.pk)
    context = _match_context(request, match, kennismaking_form=form, is_coach=True)
    return render(request, "coaching/match_detail.html", context, status=400)


@require_POST
def answer_klik(request, pk):
    match = _match(request, pk, "coaching.answer_klik")
    form = KlikForm(request.POST)
    if form.is_valid():
        _run(request, lambda: services.record_klik(match, klik=form.cleaned_data["klik"], by=request.user),
             _("Thank you for your answer."))  # fmt: skip
        return redirect("coaching:match_detail", pk=match.pk)
    return render(request, "coaching/match_detail.html", _match_context(request, match, klik_form=form), status=400)
