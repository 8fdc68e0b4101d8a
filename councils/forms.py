from django import forms
from django.utils.translation import gettext_lazy as _

from bestuurderspool.municipalities.forms import MunicipalityField


class ChooseMunicipalityForm(forms.Form):
    municipality = MunicipalityField(label=_("Municipality"))


class RecessForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("For example: Christmas recess, May recess."))
    starts_on = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))


class CalendarImportForm(forms.Form):
    url = forms.URLField(
        label=_("Address of the meeting calendar"),
        required=False,
        assume_scheme="https",
        help_text=_("Many council information systems publish an iCalendar address (.ics)."),
    )
    file = forms.FileField(label=_("Or an iCalendar file (.ics)"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("url") and not data.get("file") and not self.errors:
            self.add_error("url", _("Give the address of the calendar or choose a file."))
        return data
