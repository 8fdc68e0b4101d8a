"""The intake's step forms and the coordinator's forms.

Every step form saves a draft: nothing is required while the wethouder works, but each answer
given is checked at once (a date in the future, an unknown municipality, text too long). The
submission re-checks that every required answer is there (`intake.steps.missing_answers`).
"""

import copy

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bestuurderspool.accounts.enums import Role
from bestuurderspool.municipalities.forms import MunicipalityField
from bestuurderspool.municipalities.models import Party
from bestuurderspool.widgets import ManyCheckboxes, people_choices

from .enums import (
    Background,
    ConversationMode,
    DayPart,
    DistanceWish,
    Gender,
    MeetingPlace,
    MunicipalRole,
    ObservationSetting,
    Offer,
    PartnerAnswer,
    PoliticalWish,
    Theme,
)
from .models import (
    LONG_TEXT_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    WISH_FIELDS,
    Intake,
    IntakeConversation,
)
from .steps import STEP_BY_NUMBER

YES_NO = [(True, _("Yes")), (False, _("No"))]
NO_PREFERENCE = [("", _("No preference"))]
MUST_LABEL = _("This is a must, not just a wish")


def _checkboxes(choices, label, help_text=""):
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=False, help_text=help_text
    )


def _radios(choices, label, help_text=""):
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, required=False, help_text=help_text
    )


class _HelperMixin:
    def _add_helper(self):
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class StepForm(_HelperMixin, forms.ModelForm):
    """Base of the step forms: no answer is required while saving a draft."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self._add_helper()


class AboutForm(StepForm):
    offer = forms.ChoiceField(
        label=_("What would you like from the Bestuurderspool?"),
        choices=Offer.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "A personal coach is an experienced former administrator who talks with you one-on-one, "
            "usually 5 to 8 times over 6 to 12 months. The BLOT is a group track of about nine months "
            "with a small group of new wethouders, a few 24-hour sessions and a learning manager; when "
            "it is full you are put on its waiting list. If you choose only the BLOT, the questions about "
            "a coach are skipped, and you can still ask for a personal coach later from your home page."
        ),
    )
    municipality = MunicipalityField(
        label=_("Municipality"),
        required=False,
        help_text=_("The municipality where you are wethouder. Everyday names such as Den Haag also work."),
    )
    party = forms.ModelChoiceField(
        label=_("Party"),
        queryset=Party.objects.all(),
        required=False,
        empty_label=_("— a local party (fill in below) —"),
    )
    first_term = forms.TypedChoiceField(
        label=_("Is this your first term as wethouder?"),
        choices=YES_NO,
        coerce=lambda value: value == "True",
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    installed_on = forms.DateField(
        label=_("Installed as wethouder on"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )

    class Meta:
        model = Intake
        fields = STEP_BY_NUMBER[1].fields
        widgets = {"earlier_roles": forms.Textarea(attrs={"rows": 3}), "local_party": forms.TextInput}
        help_texts = {
            "local_party": _("Only if your party is not in the list above, for example a local party."),
            "earlier_roles": _("For example council member, committee chair, civil servant."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].max_length = PHONE_MAX_LENGTH
        self.fields["portfolio"].max_length = SHORT_TEXT_MAX_LENGTH
        self.fields["earlier_roles"].max_length = LONG_TEXT_MAX_LENGTH

    def clean_installed_on(self):
        installed_on = self.cleaned_data.get("installed_on")
        if installed_on and installed_on > timezone.localdate():
            raise forms.ValidationError(_("The date you were installed cannot be in the future."))
        return installed_on

    def clean(self):
        cleaned = super().clean()
        # The choice decides which steps follow, so it is needed to go on; saving to continue
        # later ("stop") keeps the draft without it, as every other answer.
        if not cleaned.get("offer") and "stop" not in self.data:
            self.add_error("offer", _("Choose what you would like: a personal coach, a place in the BLOT, or both."))
        if cleaned.get("party") and (cleaned.get("local_party") or "").strip():
            self.add_error("local_party", _("Choose a party from the list or fill in a local party, not both."))
        return cleaned


class CoachingForm(StepForm):
    themes = _checkboxes(
        Theme.choices, _("Themes"), _("Choose at least one theme you would like to work on with your coach.")
    )

    class Meta:
        model = Intake
        fields = STEP_BY_NUMBER[2].fields
        widgets = {"question": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "question": _(
                "Describe in your own words what you want to get out of the coaching. The coaching is about "
                "your personal functioning, not about the content of your portfolio."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].max_length = LONG_TEXT_MAX_LENGTH


class ReflectionForm(StepForm):
    hardest_role = _radios(
        [("", _("I would rather not say")), *MunicipalRole.choices],
        _("Which role of the municipality do you find hardest?"),
    )
    partner_frameworks = _radios(PartnerAnswer.choices, _("In the partner role, do you set clear frameworks?"))
    partner_process = _radios(PartnerAnswer.choices, _("Is there a clear process that partners can follow?"))
    partner_dialogue = _radios(PartnerAnswer.choices, _("Is dialogue a habit in how you work with partners?"))
    partner_feedback = _radios(PartnerAnswer.choices, _("Do you ask for and give feedback to stay sharp?"))

    class Meta:
        model = Intake
        fields = STEP_BY_NUMBER[3].fields


class WishesForm(StepForm):
    wish_backgrounds = _checkboxes(Background.choices, _("Preferred background of the coach"))
    wish_backgrounds_must = forms.BooleanField(label=MUST_LABEL, required=False)
    wish_gender = _radios(NO_PREFERENCE + Gender.choices, _("Preferred gender of the coach"))
    wish_gender_must = forms.BooleanField(label=MUST_LABEL, required=False)
    wish_political = _radios(
        NO_PREFERENCE + PoliticalWish.choices,
        _("Political affinity (optional)"),
        _("This is special personal data under the AVG: only fill it in if it matters to you."),
    )
    wish_political_must = forms.BooleanField(label=MUST_LABEL, required=False)
    wish_distance = _radios(NO_PREFERENCE + DistanceWish.choices, _("Where the coach lives"))
    wish_distance_must = forms.BooleanField(label=MUST_LABEL, required=False)

    class Meta:
        model = Intake
        fields = STEP_BY_NUMBER[4].fields

    def clean(self):
        return clean_musts(self, super().clean())


def clean_musts(form, cleaned: dict) -> dict:
    """A must needs a value: "This is a must" beside "No preference" would otherwise be a
    constraint without content."""
    for name in ("wish_backgrounds", "wish_gender", "wish_political", "wish_distance"):
        if cleaned.get(f"{name}_must") and not cleaned.get(name):
            form.add_error(name, _("First choose what you want, or untick “This is a must”."))
    return cleaned


class PracticalForm(StepForm):
    observation_settings = _checkboxes(ObservationSetting.choices, _("Where would you like to be observed?"))
    availability = _checkboxes(
        DayPart.choices,
        _("When are you usually available?"),
        _("Choose the day parts that usually suit you."),
    )
    meeting_places = _checkboxes(MeetingPlace.choices, _("Where would you like to meet?"))
    preferred_sessions = forms.TypedChoiceField(
        label=_("How many coaching sessions would you like?"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("No preference (usually 6)")), *((n, str(n)) for n in range(5, 9))],
        help_text=_("A trajectory has 5 to 8 sessions; you can change this together with your coach later."),
    )
    preferred_months = forms.TypedChoiceField(
        label=_("Over how many months?"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("No preference (usually 9)")), *((n, str(n)) for n in range(6, 13))],
        help_text=_("Between 6 and 12 months."),
    )

    class Meta:
        model = Intake
        fields = STEP_BY_NUMBER[5].fields

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("observation_settings") and not cleaned.get("wants_observation"):
            self.add_error("wants_observation", _("Tick this box if you want to be observed where you chose."))
        return cleaned


class SubmitForm(_HelperMixin, forms.Form):
    consent = forms.BooleanField(
        label=_(
            "I consent to the Bestuurderspool processing these answers to match me with a coach and to "
            "support my coaching trajectory, as described in the privacy statement."
        ),
        required=True,
        error_messages={"required": _("Without your consent we cannot process your intake.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_helper()


STEP_FORMS = {1: AboutForm, 2: CoachingForm, 3: ReflectionForm, 4: WishesForm, 5: PracticalForm}


class WithdrawForm(_HelperMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_helper()


# --- The coordinator's forms ---------------------------------------------------------------


class WorklistFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False)
    province = forms.ModelChoiceField(label=_("Province"), queryset=None, required=False, empty_label=_("All"))
    older_than_days = forms.IntegerField(
        label=_("Waiting at least (days)"), required=False, min_value=0, max_value=3650
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        from bestuurderspool.municipalities.models import Province

        from .enums import WORK_STATES, IntakeState

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = (
            [("", _("All open"))]
            + [(state.value, state.label) for state in WORK_STATES]
            + [(IntakeState.WITHDRAWN.value, IntakeState.WITHDRAWN.label)]
        )
        self.fields["province"].queryset = Province.objects.all()


class PeopleField(forms.ModelMultipleChoiceField):
    """People to tick, each with their role (the choices come from `people_choices`, read as
    plain values; the whole pool renders fast). The checkboxes carry `data-filterable`: with
    JavaScript a text box above them hides the names that do not match
    (static/intake/js/attendee_filter.js); without it the whole list works as it is."""

    widget = ManyCheckboxes(attrs={"data-filterable": "true"})


class PlanConversationForm(_HelperMixin, forms.ModelForm):
    planned_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    attendees = PeopleField(
        label=_("Who attends besides the wethouder"),
        queryset=None,
        required=False,
        help_text=_("Often a coordinator together with a former administrator from the pool."),
    )

    class Meta:
        model = IntakeConversation
        fields = ["planned_at", "mode", "location", "attendees"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        attendees = self.fields["attendees"]
        attendees.queryset = (
            get_user_model()
            .objects.filter(role__in=[Role.COORDINATOR, Role.COACH], is_active=True)
            .order_by("-role", "first_name", "last_name")  # coordinators first, then coaches
        )
        attendees.widget.choices = people_choices(attendees.queryset, with_role=True)
        self.fields["mode"].choices = ConversationMode.choices
        self._add_helper()

    def clean_planned_at(self):
        planned_at = self.cleaned_data["planned_at"]
        if planned_at < timezone.now() - timezone.timedelta(days=1):
            raise forms.ValidationError(_("Plan the conversation today or later."))
        return planned_at


class RecordConversationForm(_HelperMixin, forms.Form):
    held_at = forms.DateTimeField(
        label=_("Held on"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    notes = forms.CharField(
        label=_("Notes (visible to coordinators only)"),
        max_length=LONG_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    ready = forms.BooleanField(label=_("Ready for matching"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_helper()

    def clean_held_at(self):
        held_at = self.cleaned_data["held_at"]
        if held_at > timezone.now():
            raise forms.ValidationError(_("A conversation that was held cannot be in the future."))
        return held_at


#: The coordinator's form speaks about the wethouder, where the intake speaks to them.
ABOUT_THE_WETHOUDER = {
    "themes": (_("Themes"), _("At least one theme the wethouder wants to work on.")),
    "wants_observation": (_("The wethouder wants to be observed at work"), ""),
    "observation_settings": (_("Where the wethouder wants to be observed"), ""),
    "availability": (_("When the wethouder is usually available"), ""),
    "meeting_places": (_("Where the wethouder wants to meet"), ""),
    "wish_political": (_("Political affinity"), _("Special personal data under the AVG: only if it matters to them.")),
}


class AdjustWishesForm(_HelperMixin, forms.Form):
    """The coordinator's adjustments after the intake conversation. The wethouder's own answers
    stay as given; the service stores each changed wish beside them (`WishAdjustment`)."""

    reason = forms.CharField(label=_("Reason for the adjustment"), max_length=SHORT_TEXT_MAX_LENGTH, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sources = {
            "themes": CoachingForm,
            "wants_observation": PracticalForm,
            **dict.fromkeys(WishesForm.Meta.fields, WishesForm),
        }
        for name in WISH_FIELDS:
            form_class = sources.get(name, PracticalForm)
            field = copy.deepcopy(form_class.base_fields.get(name) or form_class().fields[name])
            field.required = False
            field.label, field.help_text = ABOUT_THE_WETHOUDER.get(name, (field.label, field.help_text))
            self.fields[name] = field
        self.fields["reason"] = self.fields.pop("reason")
        self._add_helper()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("themes"):
            self.add_error("themes", _("Choose at least one theme."))
        if self.changed_data and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why you adjust the wishes."))
        return clean_musts(self, cleaned)

    def wish_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in WISH_FIELDS}
