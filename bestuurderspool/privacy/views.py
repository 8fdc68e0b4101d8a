"""The privacy pages: the account page with the wethouder's rights (download, erasure, consent),
the coordinators' erasure requests, the audit trail, and the public statements."""

import json

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import selectors
from .enums import AuditAction
from .forms import AuditFilterForm, ConfirmForm
from .models import ErasureRequest
from .services.audit import record
from .services.consent import withdraw_consent
from .services.erasure import carry_out_erasure, request_erasure

AUDIT_PAGE_SIZE = 50


def _require(request, permission):
    if not rules.has_perm(permission, request.user):
        raise PermissionDenied


@never_cache
def account(request):
    user = request.user
    context = {
        "rights": rules.has_perm("privacy.use_data_rights", user),
        "open_erasure": ErasureRequest.objects.open().filter(user=user).first(),
        "consent_form": ConfirmForm(prefix="consent"),
        "erasure_form": ConfirmForm(prefix="erasure"),
        "handles_erasure": rules.has_perm("privacy.handle_erasure", user),
        "reads_audit_trail": rules.has_perm("privacy.view_audit_trail", user),
    }
    return render(request, "privacy/account.html", context)


@never_cache
def data_download(request, fmt):
    _require(request, "privacy.use_data_rights")
    data = selectors.personal_data(request.user)
    record(AuditAction.EXPORT, request.user, by=request.user)
    if fmt == "json":
        body = json.dumps(
            {"generated_at": timezone.now().isoformat(), "records": [r.as_json() for r in data]}, indent=2
        )
        response = HttpResponse(body, content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{selectors.export_filename("json")}"'
        return response
    return render(request, "privacy/data_download.html", {"records": data, "generated_at": timezone.now()})


def _confirmed_action(request, action, success, *, prefix):
    _require(request, "privacy.use_data_rights")
    form = ConfirmForm(request.POST, prefix=prefix)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm."))
        return redirect("privacy:account")
    action(request.user)
    messages.success(request, success)
    return redirect("privacy:account")


@require_POST
def erasure_request(request):
    return _confirmed_action(
        request,
        request_erasure,
        _("Your request has been received. A coordinator carries it out within a month."),
        prefix="erasure",
    )


@require_POST
def consent_withdraw(request):
    return _confirmed_action(
        request,
        withdraw_consent,
        _("Your consent has been withdrawn: your political wish is erased and an open intake is withdrawn."),
        prefix="consent",
    )


@never_cache
def erasure_list(request):
    _require(request, "privacy.handle_erasure")
    page = Paginator(selectors.erasure_requests(), 50).get_page(request.GET.get("page"))
    context = {"page": page, "today": timezone.localdate()}
    return render(request, "privacy/erasure_list.html", context)


@require_POST
def erasure_carry_out(request, pk):
    _require(request, "privacy.handle_erasure")
    erasure = get_object_or_404(ErasureRequest, pk=pk)
    if not ConfirmForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm."))
        return redirect("privacy:erasure_list")
    try:
        carry_out_erasure(erasure, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The personal data has been erased."))
    return redirect("privacy:erasure_list")


@never_cache
def audit_trail(request):
    _require(request, "privacy.view_audit_trail")
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.audit_events(**{key: value for key, value in filters.items() if value not in (None, "")})
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "privacy/audit_trail.html", {"form": form, "page": page, "query": query.urlencode()})


@login_not_required
def privacy_statement(request):
    context = {
        "retention": {
            "trajectory_texts": settings.RETENTION_TRAJECTORY_TEXTS_DAYS,
            "intake_answers": settings.RETENTION_INTAKE_ANSWERS_DAYS,
            "unmatched_intakes": settings.RETENTION_UNMATCHED_INTAKE_DAYS,
            "audit": settings.RETENTION_AUDIT_DAYS,
        },
        "erasure_days": settings.ERASURE_DEADLINE_DAYS,
        "organisation": settings.PRIVACY_ORGANISATION,
        "address": settings.PRIVACY_ADDRESS,
        "contact_email": settings.PRIVACY_CONTACT_EMAIL,
        "dpo_name": settings.PRIVACY_DPO_NAME,
        "dpo_email": settings.PRIVACY_DPO_EMAIL,
    }
    return render(request, "privacy/privacy_statement.html", context)


@login_not_required
def accessibility_statement(request):
    context = {
        "organisation": settings.PRIVACY_ORGANISATION,
        "status": settings.ACCESSIBILITY_STATUS,
        "statement_date": settings.ACCESSIBILITY_STATEMENT_DATE,
        "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
    }
    return render(request, "privacy/accessibility_statement.html", context)
