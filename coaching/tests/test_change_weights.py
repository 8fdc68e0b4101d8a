"""Weights and coordinates are checked where they are entered (the admin, the reference data),
not only by the engine: negative, huge, infinite or NaN values get a message on the field."""

import pytest
from django.core.exceptions import ValidationError

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from bestuurderspool.municipalities.models import Municipality
from bestuurderspool.municipalities.services import _coordinate
from coaching.models import MatchingWeights

WEIGHTS = {
    "themes": "3",
    "background": "1.5",
    "distance": "1",
    "political": "1",
    "gender": "0.5",
    "observation": "1",
    "availability": "1",
    "workload": "1",
    "nearby_km": "40",
    "far_km": "60",
}


@pytest.fixture
def superuser(db):
    return with_totp(UserFactory(role="coordinator", is_superuser=True, is_staff=True))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("themes", "-1"),
        ("themes", "inf"),
        ("gender", "nan"),
        ("workload", "1e308"),
        ("nearby_km", "0"),
        ("far_km", "1e9"),
    ],
)
def test_the_admin_refuses_a_weight_out_of_range(client, superuser, field, value):
    MatchingWeights.current()
    client.force_login(superuser)
    response = client.post("/admin/coaching/matchingweights/1/change/", {**WEIGHTS, field: value})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field]
    assert MatchingWeights.current().themes == 3.0


def test_the_admin_refuses_all_weights_zero(client, superuser):
    MatchingWeights.current()
    client.force_login(superuser)
    zeros = {**WEIGHTS, **dict.fromkeys(list(WEIGHTS)[:8], "0")}
    response = client.post("/admin/coaching/matchingweights/1/change/", zeros)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == ["Minstens één gewicht moet meer dan 0 zijn."]


def test_a_municipality_with_impossible_coordinates_is_refused(db):
    utrecht = Municipality.objects.get(name="Utrecht")
    utrecht.latitude = 123.0
    with pytest.raises(ValidationError) as refused:
        utrecht.full_clean()
    assert list(refused.value.error_dict) == ["latitude"]
    with pytest.raises(ValueError, match="Atlantis: lat 'nan' is not a coordinate"):
        _coordinate({"name": "Atlantis", "lat": "nan"}, "lat", 90)
