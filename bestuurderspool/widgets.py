"""Choice widgets that render hundreds of options in Python instead of one template per option.

Django renders every option of a Select (and crispy-forms every checkbox) through a template of
its own: with the whole pool to choose from (400 coaches) that is most of a page's time. These
write the same markup directly, every value escaped.
"""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def _chosen(widget, value) -> set[str]:
    return {str(v) for v in widget.format_value(value)}


def _e(value) -> str:
    return html.escape(str(value), quote=True)


class ManyOptionsSelect(forms.Select):
    """A plain `<select>` (one choice)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = _chosen(self, value)
        options = "".join(
            f'<option value="{_e(v)}"{" selected" if str(v) in chosen else ""}>{_e(label)}</option>'
            for v, label in self.choices
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), mark_safe(options))  # noqa: S308 (escaped above)


class ManyCheckboxes(forms.SelectMultiple):
    """Bootstrap checkboxes, one per choice (several choices)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs or {})
        base = _e(attrs.get("id", f"id_{name}"))
        chosen, name = _chosen(self, value), _e(name)
        # Data attributes given to the widget go on every checkbox (a script may look for them).
        extra = "".join(f' {_e(key)}="{_e(val)}"' for key, val in self.attrs.items() if key.startswith("data-"))
        boxes = "".join(
            f'<div class="form-check"><input class="form-check-input" type="checkbox" name="{name}" '
            f'value="{_e(v)}" id="{base}_{n}"{extra}{" checked" if str(v) in chosen else ""}>'
            f'<label class="form-check-label" for="{base}_{n}">{_e(label)}</label></div>'
            for n, (v, label) in enumerate(self.choices)
        )
        return mark_safe(f'<div id="{base}">{boxes}</div>')  # noqa: S308 (every value escaped above)

    def id_for_label(self, id_, index=None):
        return ""  # the group has no single control: each checkbox has its own label


def people_choices(users, *, with_role: bool = False) -> list[tuple[int, str]]:
    """`users` (a queryset) as `(pk, name)` choices for these widgets, named as `User.__str__`
    names them (with their role in brackets if asked) but read as plain values: no model
    instance per person. The field keeps its queryset, which still validates what is posted."""
    from .accounts.enums import Role

    rows = users.values_list("pk", "first_name", "last_name", "email", "role")
    choices = []
    for pk, first, last, email, role in rows:
        name = f"{first} {last}".strip() or email
        choices.append((pk, f"{name} ({Role(role).label})" if with_role and role else name))
    return choices
