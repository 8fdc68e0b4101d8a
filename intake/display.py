"""The intake's answers as (label, text) rows per step, for the summary, the wethouder's view and
the coordinator's view, in the reader's language."""

from django.utils.translation import gettext as _

from .enums import Background, DayPart, MeetingPlace, ObservationSetting, Theme
from .forms import STEP_FORMS
from .steps import STEPS

LIST_CHOICES = {
    "themes": Theme,
    "wish_backgrounds": Background,
    "availability": DayPart,
    "observation_settings": ObservationSetting,
    "meeting_places": MeetingPlace,
}


def _text(intake_or_values, field: str, form_field) -> str:
    value = intake_or_values[field] if isinstance(intake_or_values, dict) else getattr(intake_or_values, field)
    if field in LIST_CHOICES:
        labels = dict(LIST_CHOICES[field].choices)
        return ", ".join(str(labels.get(code, code)) for code in value or []) or "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value in (None, ""):
        return "—"
    if hasattr(value, "pk"):
        return str(value)
    choices = dict(getattr(form_field, "choices", None) or [])
    return str(choices.get(value, value))


def answer_sections(intake, values: dict | None = None) -> list[dict]:
    """One section per step with its answered questions. `values` overrides the intake's own
    answers (the effective wishes after a coordinator's adjustment)."""
    sections = []
    for step in STEPS:
        form_class = STEP_FORMS.get(step.number)
        if form_class is None:
            continue
        form = form_class(instance=intake)
        rows = []
        for field in step.fields:
            source = values if values is not None and field in values else intake
            rows.append({"label": form.fields[field].label, "text": _text(source, field, form.fields[field])})
        sections.append({"number": step.number, "title": step.title, "rows": rows})
    return sections
