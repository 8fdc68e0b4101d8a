"""The intake's answers as (label, text) rows per step, for the summary, the wethouder's view and
the coordinator's view, in the reader's language."""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _

from .enums import Background, DayPart, MeetingPlace, ObservationSetting, Theme
from .forms import STEP_FORMS
from .steps import steps_for

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
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    if hasattr(value, "pk"):
        return str(value)
    choices = dict(getattr(form_field, "choices", None) or [])
    return str(choices.get(value, value))


def answer_sections(intake, values: dict | None = None) -> list[dict]:
    """One section per step with its answered questions. `values` overrides the intake's own
    answers (the effective wishes after a coordinator's adjustment)."""
    sections = []
    for step in steps_for(intake):
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


def adjustment_rows(intake, adjustments) -> list[dict]:
    """Each coordinator's adjustment in words: the question as the wethouder read it (a "must"
    box named after its wish), the earlier and the new answer."""
    fields = {}
    for form_class in STEP_FORMS.values():
        fields.update(form_class(instance=intake).fields)
    rows = []
    for adjustment in adjustments:
        name = adjustment.field
        field = fields.get(name)
        wish = fields.get(name.removesuffix("_must")) if name.endswith("_must") else None
        label = _("%(wish)s: a must") % {"wish": wish.label} if wish else (field.label if field else name)
        rows.append(
            {
                "adjustment": adjustment,
                "label": label,
                "old": _text({name: adjustment.old_value}, name, field),
                "new": _text({name: adjustment.new_value}, name, field),
            }
        )
    return rows
