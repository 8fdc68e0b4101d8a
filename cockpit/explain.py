"""The supply-and-demand figures in words, in the reader's language."""

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coaching.enums import Background, DayPart, Gender, Theme

from .supply import Shortage


def criterion_label(criterion: str) -> str:
    return {
        "themes": _("Themes"),
        "province": _("Province and distance"),
        "background": _("Background"),
        "gender": _("Gender wish"),
        "political": _("Political wish"),
        "availability": _("Day parts"),
        "observation": _("Willingness to observe"),
    }[criterion]


def value_label(criterion: str, value: str, parties: dict[str, str] | None = None) -> str:
    """The value a row counts, as a table shows it; `parties` names the parties by their key."""
    if criterion == "political":
        return political_label(value, parties)
    if criterion == "observation":
        return _("Observation at work")
    choices = {"themes": Theme, "background": Background, "gender": Gender, "availability": DayPart}.get(criterion)
    if choices is None:
        return value
    return str(choices(value).label) if value in choices.values else value


def political_label(value: str, parties: dict[str, str] | None = None) -> str:
    if value == "other_party":
        return _("a coach of another party")
    key = value.removeprefix("same:")
    return _("a coach of %(party)s") % {"party": (parties or {}).get(key, key)}


def _wish(criterion: str, value: str, parties: dict[str, str] | None) -> str:
    if criterion == "background":
        return _("a %(background)s") % {"background": value_label(criterion, value).lower()}
    if criterion == "gender":
        return _("a coach of gender “%(gender)s”") % {"gender": value_label(criterion, value).lower()}
    if criterion == "observation":
        return _("observation at work")
    return political_label(value, parties)


def shortage_sentence(shortage: Shortage, radius_km: float, parties: dict[str, str] | None = None) -> str:
    """E.g. "4 intakes wensen een oud-burgemeester in Limburg; 0 vrije plaatsen binnen 60 km"."""
    params = {
        "count": shortage.intakes,
        "province": shortage.province,
        "places": shortage.places,
        "km": round(radius_km),
    }
    if shortage.criterion == "province":
        demand = ngettext("%(count)s intake in %(province)s", "%(count)s intakes in %(province)s", shortage.intakes)
    else:
        params["wish"] = _wish(shortage.criterion, shortage.value, parties)
        demand = ngettext(
            "%(count)s intake wishes for %(wish)s in %(province)s",
            "%(count)s intakes wish for %(wish)s in %(province)s",
            shortage.intakes,
        )
    supply = ngettext(
        "%(places)s free place within %(km)s km", "%(places)s free places within %(km)s km", shortage.places
    )
    return f"{demand % params}; {supply % params}"


def recruiting_sentence(provinces) -> str:
    """E.g. "Werf 12 coaches, van wie 5 in Noord-Brabant, 4 in Zuid-Holland en 3 in Limburg."."""
    needs = sorted(((row.coaches_to_recruit, row.key) for row in provinces if row.coaches_to_recruit), reverse=True)
    total = sum(count for count, _province in needs)
    if not total:
        return _("The pool's places cover the expected demand in every province: no coaches need to be recruited.")
    where = get_text_list([_("%(count)s in %(province)s") % {"count": n, "province": p} for n, p in needs], _("and"))
    return ngettext("Recruit %(count)s coach: %(where)s.", "Recruit %(count)s coaches, of whom %(where)s.", total) % {
        "count": total,
        "where": where,
    }
