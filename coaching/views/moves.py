"""The wethouder proposes to move an appointment, the coach agrees or declines (with a
confirmation step), the wethouder may withdraw. Each view fetches what the user may see (a
foreign id is a 404), checks its permission (403), and lets one service in
`coaching.services.moves` do the work; a refusal is shown, never a 500."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuurderspool.confirm import confirmation_page, is_confirmed

from ..forms.trajectories import DeclineMoveForm, MoveProposalForm
from ..models import AppointmentMoveProposal
from ..selectors import trajectories as selectors
from ..services import moves as services
from . import confirmations
from .trajectories import _appointment, _require, _submit, appointment_detail


def _proposal(request, pk, permission) -> AppointmentMoveProposal:
    try:
        proposal = selectors.move_proposal_for(request.user, pk)
    except AppointmentMoveProposal.DoesNotExist as error:
        raise Http404 from error
    _require(request, permission, proposal.appointment.trajectory)
    return proposal


def _run(request, action, success) -> None:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


def _back(proposal):
    return redirect("coaching:appointment_detail", pk=proposal.appointment_id)


@require_POST
def propose_move(request, pk):
    appointment = _appointment(request, pk, "coaching.propose_move")
    form = MoveProposalForm(request.POST, prefix="move")

    def action(data):
        return services.propose_move(appointment, by=request.user, **data)

    if _submit(request, form, action, _("Your proposal has been sent to your coach.")):
        return redirect("coaching:appointment_detail", pk=pk)
    return appointment_detail(request, pk, forms={"propose_move": form}, status=400)


@require_POST
def agree_move(request, pk):
    proposal = _proposal(request, pk, "coaching.answer_move")
    _run(
        request,
        lambda: services.agree_to_move(proposal, by=request.user),
        _("Agreed: the appointment has been moved."),
    )
    return _back(proposal)


@require_POST
def decline_move(request, pk):
    """The first POST answers the confirmation step (what happens, who is told); the second,
    with `confirmed=yes`, declines."""
    proposal = _proposal(request, pk, "coaching.answer_move")
    form = DeclineMoveForm(request.POST, prefix="decline")
    if not form.is_valid():
        return appointment_detail(request, proposal.appointment_id, forms={"decline_move": form}, status=400)
    note = form.cleaned_data["note"]
    if not proposal.is_open:
        messages.error(request, _("This proposal is no longer open."))
        return _back(proposal)
    if not is_confirmed(request):
        return confirmation_page(request, confirmations.decline_move(proposal, note))
    _run(
        request,
        lambda: services.decline_move(proposal, note=note, by=request.user),
        _("Declined. The appointment stays as planned."),
    )
    return _back(proposal)


@require_POST
def withdraw_move(request, pk):
    proposal = _proposal(request, pk, "coaching.withdraw_move")
    _run(request, lambda: services.withdraw_move(proposal, by=request.user), _("Your proposal has been withdrawn."))
    return _back(proposal)
