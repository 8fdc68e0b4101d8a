"""The dashboard's period, the forecast's settings and a municipality's expected newcomers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bestuurderspool.municipalities.forms import MunicipalityField

from .models import ForecastSettings
from .periods import DEFAULT_PERIOD, LAST_ELECTION, MAX_DAYS, resolve

PERIOD_CHOICES = [
    ("month", _("This month")),
    ("quarter", _("This quarter")),
    ("year", _("This year")),
    ("election", _("Since the last election (18 March 2026)")),
    ("custom", _("From … to …")),
]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    end = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        if data.get("period") != "custom":
            return data
        start, end = data.get("start"), data.get("end")
        if start is None and "start" not in self.errors:
            self.add_error("start", _("Fill in the first day of the period."))
        if end is None and "end" not in self.errors:
            self.add_error("end", _("Fill in the last day of the period."))
        if start and end and end < start:
            self.add_error("end", _("The last day cannot be before the first day."))
        elif start and end and (end - start).days > MAX_DAYS:
            self.add_error("end", _("Choose a period of at most five years."))
        return data

    def period_for(self, today):
        """The chosen period; the default one when the choice is missing or wrong."""
        if not self.is_bound or not self.is_valid():
            return resolve(DEFAULT_PERIOD, today)
        data = self.cleaned_data
        return resolve(data.get("period") or DEFAULT_PERIOD, today, data.get("start"), data.get("end"))


class ForecastSettingsForm(forms.ModelForm):
    next_election = forms.DateField(label=_("Date of the next municipal elections"), widget=DATE_INPUT)

    class Meta:
        model = ForecastSettings
        fields = ["next_election", "newcomer_percent", "default_uptake_percent", "places_per_new_coach"]

    def clean_next_election(self):
        day = self.cleaned_data["next_election"]
        if day <= LAST_ELECTION:
            raise forms.ValidationError(_("The next elections come after the last ones, of 18 March 2026."))
        return day


class ExpectedNewForm(forms.Form):
    municipality = MunicipalityField(label=_("Municipality"))
    count = forms.IntegerField(
        label=_("Expected new wethouders"),
        required=False,
        min_value=0,
        max_value=20,
        help_text=_("Leave empty to use the default again."),
    )
