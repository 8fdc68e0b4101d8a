"""Input of group tracks, with the errors on the field where the mistake was made."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bestuurderspool.accounts.enums import Role
from bestuurderspool.accounts.forms import NAME_MAX_LENGTH
from bestuurderspool.municipalities.models import Municipality

from .enums import EntryKind, Scale, TalkKind, TrackKind, UPhase
from .models import PhaseDates, Track, TrackSession

TEXT_MAX = 4000
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def learning_managers():
    """Coaches from the pool and coordinators, active ones only."""
    roles = Q(role__in=[Role.COACH, Role.COORDINATOR])
    return get_user_model().objects.filter(roles, is_active=True).order_by("first_name", "email")


class TrackForm(forms.ModelForm):
    class Meta:
        model = Track
        fields = [
            "kind",
            "name",
            "starts_on",
            "ends_on",
            "capacity",
            "province_cap",
            "learning_manager",
            "guest_colleagues",
            "client_municipality",
            "closing_event_at",
            "closing_event_venue",
        ]
        widgets = {
            "closing_event_at": MOMENT,
            "starts_on": DATE,
            "ends_on": DATE,
            "guest_colleagues": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "guest_colleagues": _("Names and roles of the colleagues who bring repertoire, one per line."),
            "client_municipality": _("Only for a year programme: the municipality that commissions it."),
            "province_cap": _("Participants come from very different municipalities: at most this many per province."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learning_manager"].queryset = learning_managers()
        self.fields["client_municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["guest_colleagues"].max_length = TEXT_MAX

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end lies before the start."))
        if data.get("kind") == TrackKind.YEAR_PROGRAMME and not data.get("client_municipality"):
            self.add_error("client_municipality", _("A year programme has a client municipality."))
        if data.get("kind") == TrackKind.BLOT:
            data["client_municipality"] = None
        return data


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrackSession
        fields = ["title", "starts_at", "ends_at", "venue", "programme"]
        widgets = {"starts_at": MOMENT, "ends_at": MOMENT, "programme": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"ends_at": _("A 24-hour session ends the next day.")}

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end lies before the start."))
        return data


class PhaseForm(forms.ModelForm):
    class Meta:
        model = PhaseDates
        fields = ["phase", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("Choose…")), *UPhase.choices]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end lies before the start."))
        return data


class ApplicationForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name"), empty_label=_("Choose…")
    )
    party = forms.CharField(label=_("Party"), max_length=100, required=False)
    motivation = forms.CharField(
        label=_("Motivation (optional)"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you hope to bring and to take home. Only the coordinators read it."),
    )


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(a.wethouder_id), a.wethouder.get_full_name() or a.wethouder.email) for a in participants
        ]

    def clean_present(self):
        return {int(value) for value in self.cleaned_data["present"]}


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Choose…")), *EntryKind.choices])
    session = forms.ModelChoiceField(label=_("Session"), queryset=TrackSession.objects.none(), required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, track=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = track.sessions.all() if track else TrackSession.objects.none()


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("Learning goal"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you want to do differently by the end of the track."),
    )


def _scale(label):
    return forms.TypedChoiceField(label=label, coerce=int, choices=Scale.choices, widget=forms.RadioSelect)


class EvaluationForm(forms.Form):
    value = _scale(_("How valuable was it for your own leadership? (1 = hardly, 5 = very)"))
    safety = _scale(_("How safe did the group feel? (1 = unsafe, 5 = very safe)"))
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Read by the learning manager only."),
    )


class ContactForm(forms.Form):
    shares_contact = forms.BooleanField(label=_("Share my contact details with the group"), required=False)
    contact_details = forms.CharField(
        label=_("Contact details"),
        required=False,
        max_length=300,
        help_text=_("For example your phone number and email address. The group sees them, also after the track."),
    )

    def clean(self):
        data = super().clean()
        if data.get("shares_contact") and not data.get("contact_details", "").strip():
            self.add_error("contact_details", _("Fill in what you want to share."))
        return data


class ParticipantForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the participant"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        required=False,
        help_text=_("The name is needed for someone without an account: they get an invitation to set a password."),
    )


def participant_name(application) -> str:
    return application.wethouder.get_full_name() or application.wethouder.email


class TalkForm(forms.Form):
    application = forms.ModelChoiceField(label=_("Participant"), queryset=None, empty_label=_("Choose…"))
    kind = forms.ChoiceField(label=_("Talk"), choices=[("", _("Choose…")), *TalkKind.choices])
    planned_on = forms.DateField(label=_("Planned on"), widget=DATE)

    def __init__(self, *args, participants=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = participants
        self.fields["application"].label_from_instance = participant_name


class HeldForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)


class AssignmentForm(forms.Form):
    title = forms.CharField(label=_("Assignment"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you do, with which colleagues, partners and residents, and what it should bring."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class SponsorForm(forms.Form):
    """A participant and who sponsors their assignment: someone with a sponsor account, or
    someone new who is invited."""

    application = forms.ModelChoiceField(label=_("Participant"), queryset=None, empty_label=_("Choose…"))
    first_name = forms.CharField(label=_("First name of the sponsor"), max_length=NAME_MAX_LENGTH)
    last_name = forms.CharField(label=_("Last name of the sponsor"), max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(
        label=_("Email address of the sponsor"),
        help_text=_("Without an account in the portal, the sponsor receives an invitation to set a password."),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("The municipality or organisation on whose behalf the sponsor commissions the assignment."),
    )

    def __init__(self, *args, participants=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = participants
        self.fields["application"].label_from_instance = participant_name
