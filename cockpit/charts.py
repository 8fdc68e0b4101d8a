"""The charts' data as plain structures for `json_script`; static/cockpit/js/charts.js draws
them with Chart.js. Every chart has the same numbers in a table beside it."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coaching.enums import EvaluationKind

from .selectors.dashboard import SCALES


def month_label(month) -> str:
    return date_format(month, "M Y")


def _chart(kind: str, labels, datasets, **options) -> dict:
    return {"type": kind, "labels": [str(label) for label in labels], "datasets": datasets, **options}


def funnel(rows) -> dict:
    return _chart(
        "bar",
        [state.label for state, _count in rows],
        [{"label": _("Open intakes"), "data": [count for _state, count in rows]}],
        horizontal=True,
        integer=True,
    )


def held(rows) -> dict:
    labels = [month_label(row["month"]) for row in rows]
    return _chart(
        "bar",
        labels,
        [
            {"label": _("Sessions"), "data": [row["sessions"] for row in rows]},
            {"label": _("Observations"), "data": [row["observations"] for row in rows]},
        ],
        stacked=True,
        integer=True,
    )


def evaluations(rows) -> dict:
    names = {"usefulness": _("usefulness"), "klik": _("klik"), "change": _("change")}
    kinds = {EvaluationKind.INTERIM: _("Interim"), EvaluationKind.FINAL: _("Closing")}
    datasets = [
        {
            "label": f"{kinds[kind]}: {names[scale]}",
            "data": [row[kind][scale] if row[kind] else None for row in rows],
        }
        for kind in kinds
        for scale in SCALES
    ]
    return _chart("line", [month_label(row["month"]) for row in rows], datasets, min=1, max=5)


def load(rows) -> dict:
    return _chart(
        "bar",
        [str(places) for places, _n in rows],
        [{"label": _("Coaches"), "data": [n for _places, n in rows]}],
        xTitle=_("Places in use"),
        integer=True,
    )


def forecast(result) -> dict:
    total = result.total
    return _chart(
        "line",
        [month_label(month) for month in result.months],
        [
            {"label": _("Places needed"), "data": [round(v, 1) for v in total.holding]},
            {"label": _("Places available"), "data": total.capacity},
            {"label": _("New intakes"), "data": [round(v, 1) for v in total.arrivals]},
        ],
    )
