from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..exports import EXPORTS, Period
from .matches import _Form
from .trajectories import DATE

#: A longer period is refused: split it (a year holds a whole election wave).
MAX_DAYS = 3 * 366


class ExportForm(_Form):
    what = forms.ChoiceField(label=_("What"), choices=[(key, export.label) for key, export in EXPORTS.items()])
    start = forms.DateField(
        label=_("From"), widget=DATE, error_messages={"invalid": _("Enter a date, for example 1-3-2026.")}
    )
    end = forms.DateField(
        label=_("Up to and including"),
        widget=DATE,
        error_messages={"invalid": _("Enter a date, for example 31-3-2026.")},
    )
    file_format = forms.ChoiceField(
        label=_("File"), choices=[("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (UTF-8)"))], initial="xlsx"
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", ValidationError(_("The end date comes before the start date."), code="order"))
        elif start and end and (end - start).days > MAX_DAYS:
            self.add_error("end", ValidationError(_("Choose a period of at most three years."), code="too_long"))
        return data

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])
