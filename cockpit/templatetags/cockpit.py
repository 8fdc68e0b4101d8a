from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def in_days(value):
    """A duration as days with one decimal ("3,5"), or a dash when there is none."""
    if value is None:
        return "—"
    return number_format(round(value.total_seconds() / 86400, 1), decimal_pos=1)


@register.filter
def label_of(labels, key):
    """The label of `key` in `labels`, or the key itself for one without a label."""
    return labels.get(key, key)


@register.filter
def one_decimal(value):
    return "—" if value is None else number_format(round(value, 1), decimal_pos=1)


@register.filter
def percent_of(share):
    """A share (0.25) as a whole percentage (25)."""
    return round(share * 100)


@register.filter
def max_of(values):
    return max(values, default=0)
