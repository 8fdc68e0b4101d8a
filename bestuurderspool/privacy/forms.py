from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import AuditAction


class AuditFilterForm(forms.Form):
    actor = forms.EmailField(label=_("Who (email address)"), required=False)
    action = forms.ChoiceField(label=_("Action"), choices=[("", "---------"), *AuditAction.choices], required=False)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    record_type = forms.CharField(
        label=_("Record type"), max_length=60, required=False, help_text=_("For example intake.intake")
    )
    record_id = forms.IntegerField(label=_("Record id"), min_value=1, max_value=2**63 - 1, required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date lies before the start date."))
        return cleaned


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("I understand what this does"), required=True)
