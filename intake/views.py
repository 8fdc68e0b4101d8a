"""The wethouder's intake in steps, and the coordinator's work list and intake conversation."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuurderspool.confirm import Confirmation, confirm_then
from bestuurderspool.municipalities.forms import municipality_names
from bestuurderspool.privacy.enums import AuditAction
from bestuurderspool.privacy.services.audit import record

from . import selectors, services
from .display import adjustment_rows, answer_sections
from .enums import IntakeState
from .forms import (
    STEP_FORMS,
    AdjustWishesForm,
    PlanConversationForm,
    RecordConversationForm,
    SubmitForm,
    WithdrawForm,
    WorklistFilterForm,
)
from .models import Intake
from .steps import LAST_STEP, STEP_BY_NUMBER, missing_answers, next_step, previous_step, steps_for

#: Functions `(intake) -> dict` of context that apps built on intake add to the coordinator's page.
COORDINATOR_SECTIONS = ["coaching.selectors.matching.intake_match_history"]


def _get_intake(request, pk, permission):
    intake = get_object_or_404(Intake.objects.visible_to(request.user), pk=pk)
    if not rules.has_perm(permission, request.user, intake):
        raise PermissionDenied
    return intake


# --- The wethouder ---------------------------------------------------------------------------


@require_POST
def intake_start(request):
    if not rules.has_perm("intake.start_intake", request.user):
        raise PermissionDenied
    try:
        intake = services.start_intake(request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        existing = selectors.open_intake_of(request.user)
        return redirect(existing_url(existing) if existing else "home")
    return redirect("intake:step", pk=intake.pk, step=1)


def existing_url(intake) -> str:
    if intake.state == IntakeState.DRAFT:
        return reverse("intake:step", args=[intake.pk, max(intake.last_completed_step, 1)])
    return reverse("intake:detail", args=[intake.pk])


#: The self-reflection step, which offers the leadership mirror's scales.
MIRROR_STEP = 3


def intake_step(request, pk, step):
    intake = _get_intake(request, pk, "intake.change_intake")
    if step not in STEP_BY_NUMBER:
        return redirect("intake:step", pk=intake.pk, step=1)
    if STEP_BY_NUMBER[step] not in steps_for(intake):  # a coach step, for the BLOT alone
        return redirect("intake:step", pk=intake.pk, step=next_step(intake, step))
    if step == LAST_STEP:
        return _submit_step(request, intake)
    form = STEP_FORMS[step](request.POST if request.method == "POST" else None, instance=intake)
    if request.method == "POST" and form.is_valid():
        services.save_intake_step(intake, step=step, data=form.cleaned_data, by=request.user)
        if "stop" in request.POST:
            messages.success(request, _("Your answers are saved. You can continue later."))
            return redirect("home")
        if "mirror" in request.POST and step == MIRROR_STEP:
            # The self-reflection's scales are the leadership mirror (app instruments), named by
            # its address only: it comes back to the next step of the intake.
            return redirect(reverse("instruments:intake_mirror", args=[intake.pk]) + "?terug=stap")
        return redirect("intake:step", pk=intake.pk, step=next_step(intake, step))
    if request.method == "GET" and "check" in request.GET:
        _show_missing(form, intake, step)
    return render(request, "intake/intake_step.html", _step_context(intake, step, form))


def _show_missing(form, intake, step):
    """Mark the answers this step still needs for submission on the (unbound) form."""
    form.full_clean()
    form.cleaned_data = {}  # an unbound form has none; add_error expects it
    for requirement in missing_answers(intake).get(step, []):
        field = {
            "party_or_local_party": "party",
            "observation_settings_if_wanted": "observation_settings",
        }.get(requirement, requirement)
        form.add_error(field, _("This answer is needed before you can submit."))


def _step_context(intake, step, form, **extra):
    missing = missing_answers(intake)
    steps = steps_for(intake)
    return {
        "intake": intake,
        "step": STEP_BY_NUMBER[step],
        "steps": steps,
        "position": steps.index(STEP_BY_NUMBER[step]) + 1,
        "previous_step": previous_step(intake, step),
        "form": form,
        "municipality_names": municipality_names() if step == 1 else [],
        "missing": missing,
        # The check page lists the earlier steps with gaps; its own consent box is on the page.
        "missing_before_submit": [number for number in missing if number != LAST_STEP],
        **extra,
    }


def _submit_step(request, intake):
    form = SubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_intake(intake, consent=True, by=request.user)
        except ValidationError as error:
            first_step = min(error.params["missing"])
            messages.error(request, _("Some required answers are missing. Please complete them first."))
            return redirect(reverse("intake:step", args=[intake.pk, first_step]) + "?check=1")
        if intake.wants_coach:
            messages.success(request, _("Thank you. Your intake has been submitted; a coordinator will contact you."))
            return redirect("intake:detail", pk=intake.pk)
        messages.success(request, _("Thank you. You asked for a place in the BLOT; see where you stand below."))
        return redirect("home")
    return render(
        request,
        "intake/intake_step.html",
        _step_context(intake, LAST_STEP, form, sections=answer_sections(intake)),
    )


def intake_detail(request, pk):
    intake = _get_intake(request, pk, "intake.view_intake")
    if request.user.is_coordinator or request.user.is_superuser:
        return redirect("intake:coordinator_detail", pk=intake.pk)
    context = {"intake": intake, "sections": answer_sections(intake), "withdraw_form": WithdrawForm()}
    return render(request, "intake/intake_detail.html", context)


@require_POST
def ask_for_coach(request, pk):
    """From the home of a BLOT-only intake: a personal coach after all, after a confirmation."""
    intake = _get_intake(request, pk, "intake.ask_for_coach")

    def run():
        try:
            services.ask_for_coach(intake, by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("home")
        messages.success(
            request, _("Answer the questions for your coach, then submit your intake again at the last step.")
        )
        return redirect("intake:step", intake.pk, 2)

    confirmation = Confirmation(
        title=_("Ask for a personal coach?"),
        button=_("Yes, ask for a personal coach"),
        cancel_url=reverse("home"),
        happens=[
            _(
                "You answer the questions for a personal coach that the BLOT did not need: your coaching question, "
                "the self-reflection and your wishes for the coach."
            ),
            _(
                "When you submit your intake again, it goes to the coordinators; a coordinator contacts you within "
                "five working days to plan the intake conversation."
            ),
            _("Your place on the BLOT waiting list or in its cohort stays as it is."),
        ],
        told=[_("Nobody yet: the coordinators get an email, and you a confirmation, when you submit.")],
        danger=False,
    )
    return confirm_then(request, confirmation, run)


@require_POST
def intake_withdraw(request, pk):
    intake = _get_intake(request, pk, "intake.withdraw_intake")
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_intake(intake, by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The intake has been withdrawn."))
    return redirect("intake:detail", pk=intake.pk) if request.user.is_wethouder else redirect("intake:worklist")


def prepare_conversation(request, pk):
    """A coach invited to the intake conversation reads the intake until it has been held."""
    intake = _get_intake(request, pk, "intake.prepare_conversation")
    context = {"intake": intake, "conversation": intake.conversation, "sections": answer_sections(intake)}
    return render(request, "intake/intake_conversation_preparation.html", context)


# --- The coordinator -------------------------------------------------------------------------


def worklist(request):
    if not rules.has_perm("intake.view_worklist", request.user):
        raise PermissionDenied
    form = WorklistFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    intakes = selectors.worklist(**{key: value for key, value in filters.items() if value not in (None, "")})
    page = Paginator(intakes, 50).get_page(request.GET.get("page"))
    return render(request, "intake/intake_worklist.html", {"form": form, "page": page})


def coordinator_detail(request, pk):
    intake = get_object_or_404(Intake.objects.visible_to(request.user).exclude(state=IntakeState.DRAFT), pk=pk)
    if not rules.has_perm("intake.view_worklist", request.user):
        raise PermissionDenied
    # The page shows the self-reflection, the political wish and the conversation's notes.
    record(AuditAction.READ, intake, by=request.user)
    return render(request, "intake/intake_coordinator_detail.html", _coordinator_context(intake))


def _coordinator_context(intake, **forms):
    intake = selectors.intake_for_coordinator(Intake.objects.all(), intake.pk)
    adjustments = list(intake.adjustments.all())
    conversation = getattr(intake, "conversation", None)
    return {
        "intake": intake,
        "conversation": conversation,
        "sections": answer_sections(intake),
        "effective_sections": answer_sections(intake, intake.effective_wishes(adjustments)) if adjustments else None,
        "adjustments": adjustment_rows(intake, adjustments),
        "plan_form": forms.get("plan_form") or PlanConversationForm(instance=conversation),
        "record_form": forms.get("record_form") or RecordConversationForm(),
        "wishes_form": forms.get("wishes_form") or AdjustWishesForm(initial=intake.effective_wishes(adjustments)),
        "withdraw_form": WithdrawForm(),
        **_sections_from_other_apps(intake),
    }


def _sections_from_other_apps(intake) -> dict:
    """Context the apps built on intake add to the coordinator's intake page (the history of the
    matches, from coaching), named here by path: intake never imports them."""
    context = {}
    for path in COORDINATOR_SECTIONS:
        context.update(import_string(path)(intake))
    return context


def _coordinator_action(request, pk, permission, form_class, form_name, apply, success, form_kwargs=None):
    """Validate a coordinator's form, apply it through a service, and show the page again with
    the errors (and everything typed) when it cannot be applied."""
    intake = _get_intake(request, pk, permission)
    form = form_class(request.POST, **(form_kwargs(intake) if form_kwargs else {}))
    if form.is_valid():
        try:
            apply(intake, form)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, success)
            return redirect("intake:coordinator_detail", pk=intake.pk)
    return render(
        request,
        "intake/intake_coordinator_detail.html",
        _coordinator_context(intake, **{form_name: form}),
        status=200 if form.is_valid() else 400,
    )


@require_POST
def plan_conversation(request, pk):
    def apply(intake, form):
        data = form.cleaned_data
        services.plan_intake_conversation(
            intake,
            planned_at=data["planned_at"],
            mode=data["mode"],
            location=data["location"],
            attendees=data["attendees"],
            by=request.user,
        )

    return _coordinator_action(
        request,
        pk,
        "intake.plan_conversation",
        PlanConversationForm,
        "plan_form",
        apply,
        _("The intake conversation is planned."),
    )


@require_POST
def record_conversation(request, pk):
    def apply(intake, form):
        data = form.cleaned_data
        services.record_intake_conversation(
            intake, held_at=data["held_at"], notes=data["notes"], ready=data["ready"], by=request.user
        )
        record(AuditAction.CHANGE, intake, by=request.user)

    return _coordinator_action(
        request,
        pk,
        "intake.record_conversation",
        RecordConversationForm,
        "record_form",
        apply,
        _("The outcome is recorded."),
    )


@require_POST
def adjust_wishes(request, pk):
    def apply(intake, form):
        services.adjust_wishes(intake, wishes=form.wish_values(), reason=form.cleaned_data["reason"], by=request.user)
        record(AuditAction.CHANGE, intake, by=request.user)

    return _coordinator_action(
        request,
        pk,
        "intake.adjust_wishes",
        AdjustWishesForm,
        "wishes_form",
        apply,
        _("The wishes are adjusted."),
        form_kwargs=lambda intake: {"initial": intake.effective_wishes()},
    )


@require_POST
def mark_ready(request, pk):
    intake = _get_intake(request, pk, "intake.record_conversation")
    try:
        services.mark_ready_for_matching(intake, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The intake is ready for matching."))
    return redirect("intake:coordinator_detail", pk=intake.pk)
