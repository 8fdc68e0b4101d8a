"""Input of the instruments, with the errors on the field where the mistake was made."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.enums import MunicipalRole, Theme

from . import mirror
from .enums import ActorKind, Attainment, Influence, Relationship, Stance

TEXT_MAX = 2000
LINE_MAX = 300


def _blank(label):
    return [("", label)]


class ActorForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=_blank(_("Choose…")) + ActorKind.choices)
    name = forms.CharField(
        label=_("Name"),
        max_length=LINE_MAX,
        help_text=_("For example the faction, the person or the organisation."),
    )
    influence = forms.TypedChoiceField(
        label=_("Influence"), coerce=int, choices=_blank(_("Choose…")) + Influence.choices
    )
    stance = forms.TypedChoiceField(
        label=_("Stance towards your agenda"), coerce=int, choices=_blank(_("Choose…")) + Stance.choices
    )
    relationship = forms.ChoiceField(label=_("Relationship"), choices=_blank(_("Choose…")) + Relationship.choices)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("Learning goal"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the wethouder wants to be able to do at the end, in their own words."),
    )


class GoalScoresForm(forms.Form):
    """A score and a comment per goal."""

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"score_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.text, coerce=int, choices=Attainment.choices, widget=forms.RadioSelect
            )
            self.fields[f"comment_{goal.pk}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
            )

    def rows(self):
        return [(goal, self[f"score_{goal.pk}"], self[f"comment_{goal.pk}"]) for goal in self.goals]

    def scores(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {goal.pk: (data[f"score_{goal.pk}"], data[f"comment_{goal.pk}"]) for goal in self.goals}


class MirrorForm(forms.Form):
    """Every item of the mirror on a scale of 1 to 5."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in mirror.ITEMS:
            low, high = mirror.SCALE_ENDS[item.group]
            choices = [(value, str(value)) for value in mirror.SCALE]
            choices[0], choices[-1] = (1, f"1 ({low})"), (5, f"5 ({high})")
            self.fields[item.key] = forms.TypedChoiceField(
                label=item.label,
                coerce=int,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a score from 1 to 5.")},
            )

    def groups(self):
        return [
            {"key": key, "title": title, "fields": [self[i.key] for i in mirror.ITEMS if i.group == key]}
            for key, title in mirror.GROUPS.items()
        ]


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your reflection on this meeting"),
        max_length=TEXT_MAX * 2,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("How did you experience it yourself? What would you do again, what differently?"),
    )


class TagForm(forms.Form):
    moment = forms.CharField(
        label=_("The moment"),
        max_length=LINE_MAX,
        help_text=_("For example: the answer to the question about the budget, around 21:30."),
    )
    role = forms.ChoiceField(label=_("Role"), required=False, choices=_blank(_("No role")) + MunicipalRole.choices)
    theme = forms.ChoiceField(label=_("Theme"), required=False, choices=_blank(_("No theme")) + Theme.choices)

    def clean(self):
        data = super().clean()
        if not data.get("role") and not data.get("theme") and "role" not in self.errors:
            self.add_error("role", _("Choose a role, a theme or both."))
        return data
