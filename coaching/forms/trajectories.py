from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import AppointmentKind, ObservationSetting, SessionMode, Theme, TrajectoryState
from ..models import SHORT_TEXT_MAX_LENGTH
from .matches import _Form

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
CONFIDENTIAL_MAX_LENGTH = 20_000
SCALE = [(n, str(n)) for n in range(1, 6)]


def _reason(label):
    return forms.CharField(label=label, max_length=SHORT_TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))


class PlanForm(_Form):
    sessions = forms.IntegerField(
        label=_("Number of sessions"),
        help_text=_("Between 5 and 8, spread evenly over the trajectory."),
    )
    months = forms.IntegerField(
        label=_("Duration in months"),
        help_text=_("Between 6 and 12."),
    )
    first_session = forms.DateField(
        label=_("First session"),
        widget=DATE,
        help_text=_("Within three weeks of the klik."),
    )


class RescheduleForm(_Form):
    on = forms.DateField(label=_("New date"), widget=DATE)
    start_time = forms.TimeField(label=_("Time"), widget=TIME, required=False)
    location = forms.CharField(label=_("Place or video link"), max_length=SHORT_TEXT_MAX_LENGTH, required=False)
    reason = _reason(_("Why does it move?"))


class MoveProposalForm(_Form):
    on = forms.DateField(label=_("Proposed date"), widget=DATE)
    start_time = forms.TimeField(label=_("Time"), widget=TIME, required=False)
    location = forms.CharField(label=_("Place or video link"), max_length=SHORT_TEXT_MAX_LENGTH, required=False)
    reason = _reason(_("Why would you like to move it?"))


class DeclineMoveForm(_Form):
    note = forms.CharField(
        label=_("A note for the wethouder (optional)"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CancelForm(_Form):
    reason = _reason(_("Why is it cancelled?"))


class ExtraForm(_Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (AppointmentKind.SESSION, AppointmentKind.SESSION.label),
            (AppointmentKind.OBSERVATION, AppointmentKind.OBSERVATION.label),
        ],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(label=_("Time"), widget=TIME, required=False)
    setting = forms.ChoiceField(
        label=_("Setting (for an observation)"), choices=[("", "—"), *ObservationSetting.choices], required=False
    )
    occasion = forms.CharField(label=_("Occasion"), max_length=SHORT_TEXT_MAX_LENGTH, required=False)


class _LogForm(_Form):
    held_at = forms.DateTimeField(label=_("When did it take place?"), widget=DATETIME)
    minutes = forms.IntegerField(label=_("How long (minutes)"), min_value=5, max_value=600)

    def clean_held_at(self):
        held_at = self.cleaned_data["held_at"]
        if held_at > timezone.now():
            raise forms.ValidationError(_("A session cannot be logged before it took place."))
        return held_at


class SessionLogForm(_LogForm):
    mode = forms.ChoiceField(label=_("Where"), choices=SessionMode.choices, widget=forms.RadioSelect)
    themes = forms.MultipleChoiceField(
        label=_("Themes touched"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    private_notes = forms.CharField(
        label=_("Private notes"),
        max_length=CONFIDENTIAL_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only you can read these. Not the wethouder, not the coordinators."),
    )
    shared_summary = forms.CharField(
        label=_("Summary for the wethouder"),
        max_length=CONFIDENTIAL_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The wethouder reads this; the coordinators do not."),
    )


class ObservationLogForm(_LogForm):
    observed = forms.CharField(
        label=_("What did you observe?"),
        max_length=CONFIDENTIAL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shared with the wethouder; the coordinators do not read it."),
    )
    feedback = forms.CharField(
        label=_("The feedback you gave"),
        max_length=CONFIDENTIAL_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _scale(label):
    return forms.TypedChoiceField(label=label, choices=SCALE, coerce=int, widget=forms.RadioSelect)


class EvaluationForm(_Form):
    usefulness = _scale(_("How useful is the coaching for you? (1 = not at all, 5 = very)"))
    klik = _scale(_("How is the klik with your coach? (1 = poor, 5 = very good)"))
    change = _scale(_("How much has changed in how you work? (1 = nothing, 5 = a lot)"))
    what_changed = forms.CharField(
        label=_("What has changed, in your own words?"),
        max_length=CONFIDENTIAL_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    share_with_coach = forms.BooleanField(
        label=_("My coach may read what I wrote"),
        required=False,
        help_text=_("The coordinators only see the numbers, never your text."),
    )


class EndForm(_Form):
    outcome = forms.ChoiceField(
        label=_("How does the trajectory end?"),
        choices=[
            (TrajectoryState.COMPLETED, TrajectoryState.COMPLETED.label),
            (TrajectoryState.STOPPED, TrajectoryState.STOPPED.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required when stopping early)"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SwitchForm(_Form):
    reason = _reason(_("Why does the coach change?"))


class ExtensionForm(_Form):
    months = forms.IntegerField(label=_("Duration in months (in all)"), help_text=_("At most 12."))
    sessions = forms.IntegerField(label=_("Number of sessions (in all)"), help_text=_("At most 8."))


class OtherCoachForm(_Form):
    reason = forms.CharField(
        label=_("Why would you like another coach?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the coordinators read this; your coach does not."),
    )
