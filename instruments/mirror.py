"""The leadership mirror: the items, their scales and the arithmetic of change. Pure Python.

Seed 004 names five roles of a municipality and warns that under pressure a municipality falls
back from the partner role into one of the others; it gives four questions for the partner role.
Seed 003 names four roles in colours. Each item is scored 1–5 at the start, at the interim
evaluation and at the closing conversation."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SCALE = range(1, 6)


@dataclass(frozen=True)
class Item:
    key: str
    group: str
    label: str


ROLES = (
    ("autonomous", _("the autonomous role (passports, public order)")),
    ("directing", _("the directing role, regie (allocating care under the WMO)")),
    ("supporting", _("the supporting role (subsidies for associations)")),
    ("symbolic", _("the symbolic role (celebrations, personal attention)")),
    ("partner", _("the partner role (equal partnership with citizens and partners)")),
)

GROUPS = {
    "ease": _("How much at ease are you in…"),
    "fallback": _("When the partner role gets hard, how often do you fall back on…"),
    "partner": _("In the partner role, how do you stand on…"),
    "colour": _("How much do you recognise your municipality as…"),
}

SCALE_ENDS = {
    "ease": (_("not at ease"), _("completely at ease")),
    "fallback": (_("never"), _("very often")),
    "partner": (_("not yet"), _("very well")),
    "colour": (_("not at all"), _("completely")),
}

ITEMS = (
    *(Item(f"ease_{key}", "ease", label) for key, label in ROLES),
    # Seed 004: under pressure the partner role falls back on one of the other four.
    *(Item(f"fallback_{key}", "fallback", label) for key, label in ROLES if key != "partner"),
    # Seed 004's four questions for the partner role, in its words.
    Item(
        "partner_frameworks",
        "partner",
        _("clear frameworks: is the ground where the partner role applies clearly marked out?"),
    ),
    Item(
        "partner_process",
        "partner",
        _("a clear process: is it clear along which process coordination and decision-making take place?"),
    ),
    Item(
        "partner_dialogue",
        "partner",
        _("dialogue as a habit: is it the habit to hold the conversation as a dialogue, not a debate?"),
    ),
    Item(
        "partner_feedback",
        "partner",
        _("feedback to stay sharp: do you and your partners give each other feedback, and are you open to it?"),
    ),
    Item("colour_blue", "colour", _("the lawful municipality, focused on the task (blue)")),
    Item("colour_orange", "colour", _("the performing municipality, focused on the process (orange)")),
    Item("colour_green", "colour", _("the networking municipality, focused on the chain (green)")),
    Item("colour_yellow", "colour", _("the participating municipality, focused on society (yellow)")),
)
KEYS = tuple(item.key for item in ITEMS)


def clean_scores(scores: dict) -> dict[str, int]:
    """Every item answered with a whole number 1–5, nothing else; raises ValueError."""
    if set(scores) != set(KEYS):
        raise ValueError("The mirror needs an answer to every item and nothing else.")
    cleaned = {}
    for key in KEYS:
        value = scores[key]
        if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
            raise ValueError(f"{key}: a whole number from 1 to 5")
        cleaned[key] = value
    return cleaned


@dataclass(frozen=True)
class Row:
    """One item across the moments; `values` in moment order, None where not taken."""

    item: Item
    values: tuple[int | None, ...]

    @property
    def change(self) -> int | None:
        """From the first moment taken to the last one taken."""
        taken = [value for value in self.values if value is not None]
        return taken[-1] - taken[0] if len(taken) > 1 else None


def rows(readings: list[dict[str, int] | None]) -> list[Row]:
    """The mirror as a table: one row per item, one column per moment (None: not taken)."""
    return [Row(item, tuple(None if r is None else r[item.key] for r in readings)) for item in ITEMS]


def averages(readings: list[dict[str, int]]) -> dict[str, float]:
    """The mean per item over several readings (for anonymous aggregates)."""
    return {key: sum(r[key] for r in readings) / len(readings) for key in KEYS} if readings else {}
