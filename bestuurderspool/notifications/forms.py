from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import KINDS_BY_ROLE, REQUIRED_KINDS, ReminderKind

DAYS_CHOICES = [(n, str(n)) for n in (14, 7, 3, 2, 1)]


class ReminderSettingsForm(forms.Form):
    wanted = forms.MultipleChoiceField(
        label=_("Which reminders do you want?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Reminders the process needs are always sent and are not listed here."),
    )
    days_before = forms.TypedMultipleChoiceField(
        label=_("Remind me of an appointment … days before"),
        choices=DAYS_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, role: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.optional = [kind for kind in KINDS_BY_ROLE.get(role, []) if kind not in REQUIRED_KINDS]
        self.fields["wanted"].choices = [(kind, ReminderKind(kind).label) for kind in self.optional]
        if ReminderKind.APPOINTMENT_UPCOMING not in self.optional:
            del self.fields["days_before"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def turned_off(self) -> list[str]:
        return [kind for kind in self.optional if kind not in self.cleaned_data["wanted"]]
