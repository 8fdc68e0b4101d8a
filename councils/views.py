"""The coordinators' council calendars: recesses (national and per municipality) and the
meeting calendars imported from iCalendar."""

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bestuurderspool.municipalities.forms import municipality_names
from bestuurderspool.municipalities.models import Municipality

from . import selectors, services
from .forms import CalendarImportForm, ChooseMunicipalityForm, RecessForm
from .models import Recess

MEETINGS_PER_PAGE = 50


def _require(request):
    if not rules.has_perm("councils.manage_calendars", request.user):
        raise PermissionDenied


def _add_recess(request, form, municipality) -> bool:
    if not form.is_valid():
        return False
    try:
        services.add_recess(municipality=municipality, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    messages.success(request, _("The recess has been added."))
    return True


def calendars(request):
    """National recesses, and the way to one municipality's calendar."""
    _require(request)
    recess_form = RecessForm(request.POST or None)
    if request.method == "POST" and _add_recess(request, recess_form, None):
        return redirect("councils:calendars")
    choose = ChooseMunicipalityForm(request.GET or None)
    if request.GET and choose.is_valid():
        return redirect("councils:municipality", choose.cleaned_data["municipality"].pk)
    context = {
        "recesses": selectors.national_recesses(),
        "recess_form": recess_form,
        "choose_form": choose,
        "municipality_names": municipality_names(),
    }
    return render(request, "councils/calendars.html", context)


def municipality_calendar(request, pk):
    _require(request)
    municipality = get_object_or_404(Municipality.objects.select_related("province"), pk=pk)
    recess_form = RecessForm(request.POST if "add_recess" in request.POST else None)
    import_form = CalendarImportForm(
        request.POST if "import" in request.POST else None, request.FILES if "import" in request.POST else None
    )
    if "add_recess" in request.POST and _add_recess(request, recess_form, municipality):
        return redirect("councils:municipality", municipality.pk)
    if "import" in request.POST and _import(request, import_form, municipality):
        return redirect("councils:municipality", municipality.pk)
    page = selectors.calendar_page(municipality)
    meetings = Paginator(page.pop("meetings"), MEETINGS_PER_PAGE).get_page(request.GET.get("pagina"))
    context = {
        "municipality": municipality,
        "recess_form": recess_form,
        "import_form": import_form,
        "meetings": meetings,
        **page,
    }
    return render(request, "councils/municipality_calendar.html", context)


def _import(request, form, municipality) -> bool:
    if not form.is_valid():
        return False
    url, upload = form.cleaned_data["url"], form.cleaned_data["file"]
    try:
        data = upload.read(services.ical.MAX_BYTES + 1) if upload else services.fetch_calendar(url)
        count = services.import_meetings(municipality, data=data, url="" if upload else url, by=request.user)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    messages.success(request, _("%(count)s meetings imported.") % {"count": count})
    return True


@require_POST
def remove_recess(request, pk):
    _require(request)
    recess = get_object_or_404(Recess, pk=pk)
    services.remove_recess(recess, by=request.user)
    messages.success(request, _("The recess has been removed."))
    if recess.municipality_id:
        return redirect("councils:municipality", recess.municipality_id)
    return redirect("councils:calendars")
