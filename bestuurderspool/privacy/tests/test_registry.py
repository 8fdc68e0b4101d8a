"""The apps' parts in the data rights run by their order, whichever app registers first, and
registering a part again replaces it."""

import pytest

from bestuurderspool.privacy import registry
from bestuurderspool.privacy.selectors import DataRecord, personal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections():
    saved = list(registry.PERSONAL_DATA_SECTIONS)
    yield
    registry.PERSONAL_DATA_SECTIONS[:] = saved


def _section(kind):
    return lambda user: [DataRecord(kind, kind, [])]


def test_a_section_registered_late_still_comes_in_its_place(sections, wethouder):
    late, again = _section("late"), _section("again")
    registry.add_personal_data(late, order=85)
    registry.add_personal_data(again, order=5)
    registry.add_personal_data(again, order=15)
    kinds = [record.kind for record in personal_data(wethouder)]
    assert kinds == ["user", "again", "late"]


def test_the_registered_orders():
    def names(entries, attribute):
        return [(entry.order, getattr(entry, attribute).__module__) for entry in entries]

    assert names(registry.PERSONAL_DATA_SECTIONS, "records") == [
        (10, "intake.privacy"),
        (20, "coaching.privacy"),
        (60, "coaching.privacy"),
        (70, "instruments.selectors"),
        (80, "tracks.privacy"),
    ]
    assert names(registry.ERASERS, "erase") == [
        (10, "intake.privacy"),
        (20, "coaching.privacy"),
        (30, "tracks.privacy"),
    ]
    assert names(registry.CONSENT_STEPS, "withdraw") == [
        (10, "intake.privacy"),
        (20, "coaching.privacy"),
        (30, "intake.privacy"),
    ]
    assert [(rule.order, rule.model._meta.label) for rule in registry.RETENTION_RULES] == [
        (10, "coaching.Trajectory"),
        (20, "intake.Intake"),
    ]
