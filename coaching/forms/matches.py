from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bestuurderspool.accounts.enums import Role
from bestuurderspool.widgets import ManyOptionsSelect, people_choices

from ..models import SHORT_TEXT_MAX_LENGTH


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class ChooseCoachForm(_Form):
    coach = forms.ModelChoiceField(label=_("Coach"), queryset=None, widget=ManyOptionsSelect)
    reason = forms.CharField(
        label=_("Why this coach instead of the proposal?"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        coach = self.fields["coach"]
        coach.queryset = (
            get_user_model()
            .objects.filter(role=Role.COACH, is_active=True, coach_profile__isnull=False)
            .order_by("first_name", "last_name")
        )
        coach.widget.choices = [("", coach.empty_label), *people_choices(coach.queryset)]


class DeclineForm(_Form):
    reason = forms.CharField(
        label=_("Why do you decline?"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The coordinators see your reason; the wethouder does not."),
    )


class KennismakingForm(_Form):
    at = forms.DateTimeField(
        label=_("Date and time of the first meeting"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    location = forms.CharField(label=_("Place or video link"), max_length=SHORT_TEXT_MAX_LENGTH)

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at <= timezone.now():
            raise forms.ValidationError(_("Plan the first meeting in the future."))
        return at


class KlikForm(_Form):
    klik = forms.TypedChoiceField(
        label=_("Was there a klik?"),
        choices=[("yes", _("Yes, I want to continue with this coach")), ("no", _("No, there was no klik"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_("Your answer is private: the other person does not see it. The coordinators only see the outcome."),
    )
