"""Every score criterion and every exclusion in words, in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .enums import Background, Gender


def criterion_sentence(code: str, value: float, params: dict) -> str:
    """E.g. "3 van 4 thema's", "woont 140 km verderop"; "geen voorkeur" for a criterion the
    wethouder left open (every coach gets its points)."""
    if params.get("wish") is False:
        if code == "distance":
            return _("no preference (lives %(km)s km away)") % params
        return _("no preference")
    if code == "themes":
        return _("%(matched)s of %(total)s themes") % params if params.get("total") else _("no themes asked")
    if code == "availability":
        if not params.get("total"):
            return _("no availability given")
        return _("%(matched)s of %(total)s day parts in common") % params
    if code == "distance":
        return _("lives %(km)s km away") % params
    return {
        "background": {
            1.0: _("has the preferred background"),
            0.0: _("does not have the preferred background"),
        },
        "political": {1.0: _("meets the political wish"), 0.0: _("does not meet the political wish")},
        "gender": {1.0: _("meets the gender wish"), 0.0: _("does not meet the gender wish")},
        "observation": {1.0: _("can observe at work"), 0.0: _("does not observe at work")},
    }.get(code, {}).get(round(value, 6), _("%(percent)s%% free capacity") % {"percent": round(value * 100)})


def criterion_label(code: str) -> str:
    return {
        "themes": _("Themes"),
        "background": _("Background"),
        "distance": _("Distance"),
        "political": _("Political affinity"),
        "gender": _("Gender"),
        "observation": _("Observation"),
        "availability": _("Availability"),
        "workload": _("Workload"),
    }[code]


def exclusion_sentence(code: str, params: dict | None = None) -> str:
    params = params or {}
    sentences = {
        "inactive": _("is paused or not active"),
        "no_capacity": _("has no free place"),
        "own_municipality": _("lives in the wethouder's municipality"),
        "governed_municipality": _("governed in the wethouder's municipality"),
        "declared_conflict": _("declared a conflict of interest"),
        "previous_no_klik": _("was rejected before for this wethouder (no klik, declined or no answer)"),
        "must_background": _("does not have the required background"),
        "must_gender": _("does not have the required gender"),
        "must_political": _("does not meet the required political affinity"),
    }
    if code == "must_distance":
        return _("lives %(km)s km away, outside the required distance") % {"km": params.get("km", "?")}
    return sentences[code]


def unmatched_sentence(reason_code: str, params: dict) -> str:
    if reason_code == "capacity_exhausted":
        count = params.get("eligible", 0)
        return ngettext(
            "%(count)s coach was eligible, but their place went to another wethouder",
            "%(count)s coaches were eligible, but their places went to other wethouders",
            count,
        ) % {"count": count}
    excluded = params.get("excluded", {})
    if not excluded:
        return _("there are no coaches in the pool")
    parts = ", ".join(f"{count}× {exclusion_sentence(code)}" for code, count in sorted(excluded.items()))
    return _("no eligible coach: %(reasons)s") % {"reasons": parts}


def background_label(code: str) -> str:
    return str(dict(Background.choices).get(code, code))


def gender_label(code: str) -> str:
    return str(dict(Gender.choices).get(code, code))
