from crispy_forms.helper import FormHelper
from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from bestuurderspool.municipalities.forms import MunicipalityField
from bestuurderspool.municipalities.models import Party, Province

from ..csv_pool import LANGUAGES, MAX_CAPACITY
from ..enums import DayPart, Theme
from ..models import CoachProfile, CoachStatus, ConflictOfInterest, FormerRole

LANGUAGE_LABELS = {
    "nl": _("Dutch"),
    "en": _("English"),
    "fy": _("Frisian"),
    "de": _("German"),
    "fr": _("French"),
    "pap": _("Papiamento"),
}


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class CoachProfileForm(forms.ModelForm):
    home_municipality = MunicipalityField(label=_("Home municipality"))
    themes = forms.MultipleChoiceField(
        label=_("Themes you coach on"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    availability = forms.MultipleChoiceField(
        label=_("Availability"), choices=DayPart.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=[(code, LANGUAGE_LABELS[code]) for code in sorted(LANGUAGES)],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    party = forms.ModelChoiceField(label=_("Party (optional)"), queryset=Party.objects.all(), required=False)
    capacity = forms.IntegerField(label=_("Trajectories at the same time"), min_value=0, max_value=MAX_CAPACITY)
    paused_until = forms.DateField(
        label=_("Paused until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = CoachProfile
        fields = [
            "home_municipality", "phone", "bio", "themes", "party", "local_party", "gender", "languages",
            "capacity", "availability", "observes", "status", "paused_until",
        ]  # fmt: skip
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = CoachStatus.choices
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == CoachStatus.PAUSED and not cleaned.get("paused_until"):
            self.add_error("paused_until", _("Say until when you pause."))
        if cleaned.get("party") and (cleaned.get("local_party") or "").strip():
            self.add_error("local_party", _("Choose a party from the list or fill in a local party, not both."))
        return cleaned


class FormerRoleForm(forms.ModelForm):
    municipality = MunicipalityField(label=_("Municipality"), required=False)
    province = forms.ModelChoiceField(label=_("or province"), queryset=Province.objects.all(), required=False)

    class Meta:
        model = FormerRole
        fields = ["background", "municipality", "province", "start_year", "end_year"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year comes before the start year."))
        return cleaned


class ConflictForm(forms.ModelForm):
    municipality = MunicipalityField(label=_("Municipality"), required=False)

    class Meta:
        model = ConflictOfInterest
        fields = ["municipality", "person_name", "person_email", "note"]

    def clean(self):
        cleaned = super().clean()
        if self.has_changed() and not (
            cleaned.get("municipality") or cleaned.get("person_name") or cleaned.get("person_email")
        ):
            raise forms.ValidationError(_("Name a municipality or a person."))
        return cleaned


FormerRoleFormSet = inlineformset_factory(CoachProfile, FormerRole, form=FormerRoleForm, extra=2, can_delete=True)
ConflictFormSet = inlineformset_factory(CoachProfile, ConflictOfInterest, form=ConflictForm, extra=1, can_delete=True)


class AddCoachForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("UTF-8, comma-separated, at most 1 MB."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1_000_000:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.")
            ) from error


class PoolFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *CoachStatus.choices], required=False)
    theme = forms.ChoiceField(label=_("Theme"), choices=[("", _("All")), *Theme.choices], required=False)
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), required=False, empty_label=_("All")
    )
    free_only = forms.BooleanField(label=_("With a free place"), required=False)
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
