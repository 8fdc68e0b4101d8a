"""The coordinators' cockpit: the dashboard on their home page, supply and demand, and the
election-wave forecast with its settings and export."""

import csv

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bestuurderspool.municipalities.forms import municipality_names
from coaching.views.trajectories import ATTENTION_CHOICES

from . import charts, explain, services
from .forms import ExpectedNewForm, ForecastSettingsForm, PeriodForm
from .selectors import dashboard
from .selectors.forecast import forecast_page
from .selectors.supply import supply_and_demand

#: Each step of the pipeline: its name, and the list of those now at that step.
STEPS = {
    "conversation": (gettext_lazy("Submitted → intake conversation held"), "intake:worklist", "submitted"),
    "approval": (gettext_lazy("Ready for matching → coach approved"), "intake:worklist", "ready_for_matching"),
    "acceptance": (gettext_lazy("Approved → accepted by the coach"), "coaching:matches", "approved"),
    "klik": (gettext_lazy("Accepted → klik"), "coaching:matches", "kennismaking_planned"),
}


def _step(wait):
    label, view_name, state = STEPS[wait.step]
    return label, f"{reverse(view_name)}?state={state}", wait


def _require(request, permission="cockpit.view_cockpit"):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def dashboard_section(user, query) -> dict:
    """The coordinator's home: the dashboard for the period asked for in `query`."""
    if not user.has_perm("cockpit.view_cockpit"):
        return {}
    form = PeriodForm(query if "period" in query else None)
    period = form.period_for(timezone.localdate())
    figures = cache.get_or_set(
        f"cockpit:dashboard:{period.start}:{period.end}", lambda: _figures(period), settings.DASHBOARD_CACHE_SECONDS
    )
    return {
        "period_form": form,
        "period": period,
        "figures_at": figures["at"],
        "funnel": figures["funnel"],
        "waits": [_step(wait) for wait in figures["waits"]],
        "klik": figures["klik"],
        # Decline reasons are decrypted to be counted: never kept in the cache.
        "declines": dashboard.declines(period),
        "trajectory_outcomes": figures["outcomes"],
        "attention_labels": dict(ATTENTION_CHOICES),
        "held": figures["held"],
        "evaluations": figures["evaluations"],
        "pool": figures["pool"],
        "charts": {
            "funnel": charts.funnel(figures["funnel"]),
            "held": charts.held(figures["held"]),
            "evaluations": charts.evaluations(figures["evaluations"]),
            "load": charts.load(figures["pool"]["load"]),
        },
    }


def _figures(period) -> dict:
    """The dashboard's counts for `period`: numbers only, shared by every coordinator for
    `DASHBOARD_CACHE_SECONDS` (they are aggregates over the whole pool; a minute's delay is
    shown on the page)."""
    return {
        "at": timezone.now(),
        "waits": dashboard.pipeline_waits(period),
        "held": dashboard.held_per_month(period),
        "evaluations": dashboard.evaluations_per_month(period),
        "pool": dashboard.pool_health(),
        "funnel": dashboard.pipeline_counts(),
        "klik": dashboard.klik_rates(period),
        "outcomes": dashboard.trajectory_outcomes(period),
    }


def supply_demand(request):
    _require(request)
    analysis, parties = supply_and_demand()
    context = {
        "analysis": analysis,
        "criteria": [
            (
                explain.criterion_label(criterion),
                [(explain.value_label(criterion, row.value, parties), row) for row in rows],
            )
            for criterion, rows in analysis.rows.items()
        ],
        "shortages": [explain.shortage_sentence(s, analysis.radius_km, parties) for s in analysis.shortages],
    }
    return render(request, "cockpit/supply_demand.html", context)


def _forecast_response(request, *, settings_form=None, expected_form=None, status=200):
    page = forecast_page()
    context = {
        "page": page,
        "forecast": page.forecast,
        "recruiting": explain.recruiting_sentence(page.forecast.provinces),
        "theme_rows": [(explain.value_label("themes", row.key), row) for row in page.forecast.themes],
        "chart": charts.forecast(page.forecast),
        "month_rows": zip(
            page.forecast.months,
            page.forecast.total.arrivals,
            page.forecast.total.holding,
            page.forecast.total.capacity,
            strict=True,
        ),
        "settings_form": settings_form or ForecastSettingsForm(instance=page.settings),
        "expected_form": expected_form or ExpectedNewForm(),
        "municipality_names": municipality_names(),
    }
    return render(request, "cockpit/forecast.html", context, status=status)


def forecast(request):
    _require(request)
    return _forecast_response(request)


@require_POST
def forecast_settings(request):
    _require(request, "cockpit.change_forecast")
    form = ForecastSettingsForm(request.POST)
    if not form.is_valid():
        return _forecast_response(request, settings_form=form, status=400)
    services.update_forecast_settings(by=request.user, **form.cleaned_data)
    messages.success(request, _("The forecast's settings are saved."))
    return redirect("cockpit:forecast")


@require_POST
def expected_new(request):
    _require(request, "cockpit.change_forecast")
    form = ExpectedNewForm(request.POST)
    if not form.is_valid():
        return _forecast_response(request, expected_form=form, status=400)
    municipality, count = form.cleaned_data["municipality"], form.cleaned_data["count"]
    services.set_expected_new(municipality, count=count, by=request.user)
    if count is None:
        messages.success(request, _("%(name)s uses the default again.") % {"name": municipality.name})
    else:
        messages.success(request, _("Expected new wethouders for %(name)s saved.") % {"name": municipality.name})
    return redirect("cockpit:forecast")


def forecast_csv(request):
    _require(request)
    page = forecast_page()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="verkiezingsgolf-prognose.csv"'
    writer = csv.writer(response)
    writer.writerow(["province", "month", "new_intakes", "places_needed", "places_available", "places_short"])
    for row in [*page.forecast.provinces, page.forecast.total]:
        for month, arrivals, holding, capacity in zip(
            page.forecast.months, row.arrivals, row.holding, row.capacity, strict=True
        ):
            writer.writerow(
                [row.key or "Nederland", month.isoformat(), f"{arrivals:.1f}", f"{holding:.1f}", capacity,
                 f"{max(holding - capacity, 0):.1f}"]
            )  # fmt: skip
    return response
