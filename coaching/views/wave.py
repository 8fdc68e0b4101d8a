"""The wave page: compute a preview for every ready intake, then approve it or throw it away."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bestuurderspool.confirm import confirmation_page, is_confirmed

from ..enums import MatchState
from ..explain import unmatched_sentence
from ..models import Wave
from ..services import wave as services
from . import confirmations

#: Proposals per page, and the unmatched intakes listed (the rest are counted).
PAGE_SIZE = 50


def _require(request):
    if not rules.has_perm("coaching.manage_matching", request.user):
        raise PermissionDenied


def wave_page(request):
    _require(request)
    wave = Wave.objects.filter(status=Wave.Status.PREVIEW).first()
    context = {"wave": wave, "recent": Wave.objects.exclude(status=Wave.Status.PREVIEW)[:5]}
    if wave:
        proposals = wave.matches.filter(state=MatchState.PROPOSED).select_related(
            "coach", "wethouder", "intake__municipality"
        )
        page = Paginator(proposals.order_by("-score", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
        unmatched = wave.unmatched.select_related("intake__wethouder", "intake__municipality").order_by("pk")
        context |= {
            "page": page,
            "proposals": list(page),
            "unmatched": [(u, unmatched_sentence(u.reason_code, u.params)) for u in unmatched[:PAGE_SIZE]],
            "unmatched_more": max(wave.stats.get("unmatched", 0) - PAGE_SIZE, 0),
        }
    return render(request, "coaching/wave_preview.html", context)


@require_POST
def wave_compute(request):
    _require(request)
    wave = services.compute_wave(by=request.user)
    if wave.stats["intakes"] > wave.stats["places"]:
        messages.warning(
            request,
            _("There are more intakes (%(intakes)s) than free places (%(places)s): not everyone can be matched now.")
            % wave.stats,
        )
    return redirect("coaching:wave")


@require_POST
def wave_approve(request, pk):
    _require(request)
    wave = get_object_or_404(Wave, pk=pk)
    match_ids = [int(i) for i in request.POST.getlist("match") if i.isdigit()] or None
    if not is_confirmed(request):
        proposals = wave.matches.filter(state=MatchState.PROPOSED).select_related("coach", "wethouder")
        proposals = proposals if match_ids is None else proposals.filter(pk__in=match_ids)
        return confirmation_page(request, confirmations.approve_wave(list(proposals)))
    try:
        outcome = services.approve_wave(wave, by=request.user, match_ids=match_ids)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("coaching:wave")
    count = len(outcome["approved"])
    messages.success(
        request,
        ngettext("%(count)s match approved.", "%(count)s matches approved.", count) % {"count": count},
    )
    for match, reason in outcome["refused"]:
        messages.error(request, _("%(wethouder)s – %(coach)s not approved: %(reason)s") % {
            "wethouder": match.wethouder, "coach": match.coach, "reason": reason})  # fmt: skip
    return redirect("coaching:wave")


@require_POST
def wave_discard(request, pk):
    _require(request)
    services.discard_wave(get_object_or_404(Wave, pk=pk), by=request.user)
    messages.success(request, _("The wave preview has been discarded."))
    return redirect("coaching:wave")
