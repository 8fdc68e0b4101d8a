"""Loading the reference data (provinces, municipalities, national parties) from data/."""

import csv
import math
from pathlib import Path

from django.db import transaction

from .names import normalise, search_names

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _rows(filename: str) -> list[dict]:
    with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def _coordinate(row: dict, column: str, bound: float) -> float:
    """A coordinate from the CBS file; NaN, infinity or out of range stops the load (the
    matching engine would refuse the municipality's every intake and coach)."""
    value = float(row[column])
    if not math.isfinite(value) or abs(value) > bound:
        raise ValueError(f"{row['name']}: {column} {row[column]!r} is not a coordinate")
    return value


def load_reference_data(*, models=None) -> dict[str, int]:
    """Create or update every province, municipality (with search names) and party.

    Safe to run again: rows are matched on their CBS code or name. `models` lets a data
    migration pass its historical models.
    """
    if models is None:
        from .models import Municipality, MunicipalityName, Party, Province
    else:
        Municipality, MunicipalityName, Party, Province = models
    provinces = {}
    for row in _rows("provincies.csv"):
        provinces[row["name"]], _ = Province.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "alt_name": row["alt_name"]}
        )
    for row in _rows("gemeenten.csv"):
        municipality, _ = Municipality.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "province": provinces[row["province"]],
                "latitude": _coordinate(row, "lat", 90),
                "longitude": _coordinate(row, "lon", 180),
                "population": int(row["population"]),
            },
        )
        for name in search_names(row["name"]):
            MunicipalityName.objects.get_or_create(
                municipality=municipality, key=normalise(name), defaults={"name": name}
            )
    for row in _rows("partijen.csv"):
        Party.objects.update_or_create(short_name=row["short_name"], defaults={"list_name": row["list_name_tk2023"]})
    return {
        "provinces": Province.objects.count(),
        "municipalities": Municipality.objects.count(),
        "parties": Party.objects.count(),
    }
