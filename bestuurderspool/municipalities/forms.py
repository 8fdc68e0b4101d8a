"""A municipality typed by name: official CBS names and everyday names ("Den Haag") both work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Municipality, MunicipalityName

DATALIST_ID = "municipality-names"


class MunicipalityInput(forms.TextInput):
    """A text input tied to a <datalist> of every name (rendered once per page by the form)."""

    def __init__(self, attrs=None):
        super().__init__({"list": DATALIST_ID, "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Municipality):
            return value.name
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            municipality = Municipality.objects.filter(pk=value).only("name").first()
            return municipality.name if municipality else value
        return value


class MunicipalityField(forms.CharField):
    widget = MunicipalityInput
    default_error_messages = {
        "unknown": _("We do not know a municipality called “%(name)s”. Choose one from the list."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return self.widget.format_value(value)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        municipality = Municipality.objects.lookup(text)
        if municipality is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"name": text})
        return municipality


def municipality_names() -> list[str]:
    """Every name for the datalist: official names and everyday aliases, sorted."""
    return sorted(set(MunicipalityName.objects.values_list("name", flat=True)), key=str.casefold)
