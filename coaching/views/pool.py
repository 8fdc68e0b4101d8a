"""The pool: a coach's own profile, the coordinators' overview, adding coaches, CSV in and out,
and the matching weights."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuurderspool.municipalities.forms import municipality_names
from bestuurderspool.privacy.enums import AuditAction
from bestuurderspool.privacy.services.audit import record

from ..csv_pool import COLUMNS, export_pool_csv
from ..forms.pool import AddCoachForm, CoachProfileForm, ConflictFormSet, FormerRoleFormSet, ImportForm, PoolFilterForm
from ..models import CoachProfile, MatchingWeights, PoolImport
from ..selectors.pool import import_progress, pool_for_export, pool_list
from ..services import pool as services
from ..services import pool_imports


def _require(request, permission, obj=None):
    if not rules.has_perm(permission, request.user, obj):
        raise PermissionDenied


def my_profile(request):
    if not request.user.is_coach:
        raise PermissionDenied
    profile = services.ensure_coach_profile(request.user)
    return coach_edit(request, profile.pk)


def coach_edit(request, pk):
    profile = get_object_or_404(CoachProfile.objects.visible_to(request.user).select_related("user"), pk=pk)
    _require(request, "coaching.change_coach_profile", profile)
    data = request.POST if request.method == "POST" else None
    form = CoachProfileForm(data, instance=profile)
    roles = FormerRoleFormSet(data, instance=profile, prefix="roles")
    conflicts = ConflictFormSet(data, instance=profile, prefix="conflicts")
    if data is not None and form.is_valid() and roles.is_valid() and conflicts.is_valid():
        try:
            services.update_coach_profile(
                profile, form=form, roles_formset=roles, conflicts_formset=conflicts, by=request.user
            )
        except ValidationError as error:
            form.add_error("capacity", error)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect(request.path)
    context = {
        "profile": profile,
        "form": form,
        "roles": roles,
        "conflicts": conflicts,
        "municipality_names": municipality_names(),
        "own": profile.user_id == request.user.pk,
    }
    return render(request, "coaching/coach_profile_form.html", context, status=400 if data is not None else 200)


@require_POST
def confirm_profile(request):
    if not request.user.is_coach:
        raise PermissionDenied
    services.confirm_coach_profile(services.ensure_coach_profile(request.user), by=request.user)
    messages.success(request, _("Thank you: your profile is confirmed as up to date."))
    return redirect("home")


def pool(request):
    _require(request, "coaching.view_pool")
    form = PoolFilterForm(request.GET or None)
    filters = {key: value for key, value in (form.cleaned_data if form.is_valid() else {}).items() if value}
    page = Paginator(pool_list(**filters), 50).get_page(request.GET.get("page"))
    return render(request, "coaching/pool_list.html", {"form": form, "page": page, "add_form": AddCoachForm()})


@require_POST
def add_coach(request):
    _require(request, "coaching.view_pool")
    form = AddCoachForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            profile = services.add_coach(
                data["email"], first_name=data["first_name"], last_name=data["last_name"], by=request.user
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, _("%(name)s is invited; fill in the profile or let the coach do it.") % {"name": profile.user}
            )
            return redirect("coaching:coach_edit", pk=profile.pk)
    page = Paginator(pool_list(), 50).get_page(1)
    return render(
        request, "coaching/pool_list.html", {"form": PoolFilterForm(), "page": page, "add_form": form}, status=400
    )


def pool_import(request):
    _require(request, "coaching.import_pool")
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    context = {"form": form, "columns": COLUMNS}
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"]
        if pool_imports.needs_background(content):
            pool_import = pool_imports.queue_pool_import(content, by=request.user)
            return redirect("coaching:pool_import_status", pk=pool_import.pk)
        try:
            counts = services.import_pool(content, by=request.user)
        except services.ImportRefused as refused:
            context["errors"] = refused.errors
            return render(request, "coaching/pool_import.html", context, status=400)
        messages.success(request, _("Imported: %(created)s new, %(updated)s updated.") % counts)
        return redirect("coaching:pool")
    return render(request, "coaching/pool_import.html", context, status=400 if request.method == "POST" else 200)


def pool_import_status(request, pk):
    """How far a large import is; the page reloads itself (no script) until it is finished."""
    _require(request, "coaching.import_pool")
    pool_import = get_object_or_404(PoolImport, pk=pk)
    context = {"pool_import": pool_import, "progress": import_progress(pool_import)}
    return render(request, "coaching/pool_import_status.html", context)


@require_POST
def pool_import_restart(request, pk):
    """Start a failed or interrupted import again from its kept file."""
    _require(request, "coaching.import_pool")
    pool_import = get_object_or_404(PoolImport, pk=pk)
    try:
        pool_imports.restart_pool_import(pool_import, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The import starts again. Coaches already saved are not saved twice."))
    return redirect("coaching:pool_import_status", pk=pool_import.pk)


def pool_export(request):
    _require(request, "coaching.import_pool")
    response = HttpResponse(export_pool_csv(pool_for_export()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bestuurderspool-coaches.csv"'
    record(AuditAction.EXPORT, CoachProfile, by=request.user)
    return response


def weights(request):
    _require(request, "coaching.view_weights")
    return render(request, "coaching/pool_weights.html", {"weights": MatchingWeights.current()})
