"""The leadership mirror: taken at the start, the interim and the close; the wethouder's own,
shared with the coach only while they allow it; coordinators see anonymous aggregates over at
least ten trajectories."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from coaching.tests.factories import trajectory_between
from instruments import mirror, selectors, services
from instruments.models import MirrorReading

from .conftest import EARLY, appointment_day, on_day

ANSWERS = dict.fromkeys(mirror.KEYS, 3)


def test_the_wethouder_takes_the_mirror_at_the_start(trajectory, wethouder, client_for, early):
    url = reverse("instruments:take_mirror", args=[trajectory.pk, "start"])
    response = client_for(wethouder).post(url, {**ANSWERS, "ease_partner": 2})
    assert response.status_code == 302
    reading = MirrorReading.objects.get(trajectory=trajectory)
    assert (reading.moment, reading.scores["ease_partner"], reading.scores["colour_blue"]) == ("start", 2, 3)


def test_a_missing_answer_is_marked_and_the_rest_kept(trajectory, wethouder, client_for, early):
    url = reverse("instruments:take_mirror", args=[trajectory.pk, "start"])
    answers = {key: value for key, value in ANSWERS.items() if key != "partner_dialogue"}
    response = client_for(wethouder).post(url, {**answers, "ease_symbolic": 5})
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["partner_dialogue"]
    assert form["ease_symbolic"].value() == "5"
    assert not MirrorReading.objects.exists()


def test_the_interim_mirror_waits_for_its_date(trajectory, wethouder, early):
    with pytest.raises(ValidationError):
        services.take_mirror(trajectory, moment="interim", scores=ANSWERS, by=wethouder)
    with on_day(appointment_day(trajectory, "interim_evaluation")):
        services.take_mirror(trajectory, moment="interim", scores=ANSWERS, by=wethouder)
        with pytest.raises(ValidationError):
            services.take_mirror(trajectory, moment="start", scores=ANSWERS, by=wethouder)
    assert list(MirrorReading.objects.values_list("moment", flat=True)) == ["interim"]


def test_the_fall_back_is_asked_for_the_four_roles_other_than_partner(trajectory, wethouder, client_for, early):
    """Seed 004: when it gets hard, the partner role falls back on one of the other four."""
    page = client_for(wethouder).get(reverse("instruments:take_mirror", args=[trajectory.pk, "start"]))
    fallback = [key for key in page.context["form"].fields if key.startswith("fallback_")]
    assert fallback == ["fallback_autonomous", "fallback_directing", "fallback_supporting", "fallback_symbolic"]


def test_a_reading_taken_with_the_partner_fall_back_still_shows(trajectory, wethouder, client_for, early):
    MirrorReading.objects.create(
        trajectory=trajectory, moment="start", scores={**ANSWERS, "fallback_partner": 4}, taken_at=timezone.now()
    )
    page = client_for(wethouder).get(reverse("instruments:mirror", args=[trajectory.pk]))
    assert page.status_code == 200
    assert len([row for group in page.context["groups"] for row in group["rows"]]) == len(mirror.KEYS)


def test_the_change_from_start_to_interim_is_shown(trajectory, wethouder, client_for, early):
    services.take_mirror(trajectory, moment="start", scores={**ANSWERS, "ease_partner": 2}, by=wethouder)
    with on_day(appointment_day(trajectory, "interim_evaluation")):
        services.take_mirror(trajectory, moment="interim", scores={**ANSWERS, "ease_partner": 4}, by=wethouder)
        page = client_for(wethouder).get(reverse("instruments:mirror", args=[trajectory.pk]))
    ease = next(group for group in page.context["groups"] if group["key"] == "ease")
    partner = next(entry["row"] for entry in ease["rows"] if entry["row"].item.key == "ease_partner")
    assert (partner.values, partner.change) == ((2, 4, None), 2)


def test_the_coach_sees_the_mirror_only_while_it_is_shared(trajectory, coach, wethouder, client_for, early):
    services.take_mirror(trajectory, moment="start", scores={**ANSWERS, "fallback_directing": 5}, by=wethouder)
    url = reverse("instruments:mirror", args=[trajectory.pk])
    page = client_for(coach).get(url)
    assert page.context["may_see"] is False
    assert page.context["readings"] == {}
    client_for(wethouder).post(reverse("instruments:share_mirror", args=[trajectory.pk]), {"share": "yes"})
    page = client_for(coach).get(url)
    assert page.context["readings"]["start"].scores["fallback_directing"] == 5
    client_for(wethouder).post(reverse("instruments:share_mirror", args=[trajectory.pk]), {"share": "no"})
    assert client_for(coach).get(url).context["readings"] == {}


def test_the_coach_cannot_take_or_share_the_mirror(trajectory, coach, client_for, early):
    client = client_for(coach)
    assert client.post(reverse("instruments:take_mirror", args=[trajectory.pk, "start"]), ANSWERS).status_code == 403
    assert client.post(reverse("instruments:share_mirror", args=[trajectory.pk]), {"share": "yes"}).status_code == 403
    assert not MirrorReading.objects.exists()


@pytest.mark.parametrize("persona", ["other_coach", "other_wethouder", "coordinator", "superuser"])
def test_nobody_else_reaches_the_mirror(trajectory, wethouder, persona, request, client_for, early):
    services.take_mirror(trajectory, moment="start", scores=ANSWERS, by=wethouder)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("instruments:mirror", args=[trajectory.pk])).status_code == 404
    assert client.post(reverse("instruments:take_mirror", args=[trajectory.pk, "start"]), ANSWERS).status_code == 404
    assert client.post(reverse("instruments:share_mirror", args=[trajectory.pk]), {"share": "yes"}).status_code == 404
    assert MirrorReading.objects.get().scores == ANSWERS


def test_an_unknown_moment_in_the_address_is_404(trajectory, wethouder, client_for):
    assert client_for(wethouder).get(f"/instrumenten/traject/{trajectory.pk}/spiegel/final/").status_code == 404


def test_coordinators_get_aggregates_only_over_ten_trajectories(coach, early):
    for number in range(10):
        wethouder = UserFactory(role="wethouder")
        coach = with_totp(UserFactory(role="coach")) if number % 2 else coach
        trajectory = trajectory_between(coach, wethouder)
        services.take_mirror(
            trajectory, moment="start", scores={**ANSWERS, "ease_partner": number % 5 + 1}, by=wethouder
        )
        if number == 8:
            assert selectors.mirror_aggregate() is None
    aggregate = selectors.mirror_aggregate()
    assert aggregate["trajectories"] == 10
    partner = next(row for row in aggregate["rows"] if row["item"].key == "ease_partner")
    assert partner["means"] == [3.0, None, None]


def test_the_scores_are_checked_by_the_engine_of_the_mirror():
    with pytest.raises(ValueError, match="ease_partner"):
        mirror.clean_scores({**ANSWERS, "ease_partner": 6})
    with pytest.raises(ValueError, match="ease_partner"):
        mirror.clean_scores({**ANSWERS, "ease_partner": True})
    with pytest.raises(ValueError, match="every item"):
        mirror.clean_scores({**ANSWERS, "extra": 3})
    assert mirror.clean_scores(ANSWERS) == ANSWERS


def test_the_coordinators_home_shows_the_aggregate_only_from_ten(coordinator, client_for, wethouder, coach, early):
    page = client_for(coordinator).get("/")
    assert page.context["mirror_aggregate"] is None
    assert 'data-testid="mirror-aggregate"' in page.content.decode()


def test_a_moment_fewer_than_ten_trajectories_took_shows_no_average(coach, early):
    """Ten trajectories took the mirror at the start, one of them also at the interim: the
    interim column would be that one wethouder's own answers, so it stays empty."""
    from instruments.models import MirrorReading

    for _number in range(10):
        wethouder = UserFactory(role="wethouder")
        trajectory = trajectory_between(with_totp(UserFactory(role="coach")), wethouder)
        services.take_mirror(trajectory, moment="start", scores=ANSWERS, by=wethouder)
    MirrorReading.objects.create(
        trajectory=trajectory, moment="interim", scores={**ANSWERS, "ease_partner": 5}, taken_at=EARLY
    )
    aggregate = selectors.mirror_aggregate()
    partner = next(row for row in aggregate["rows"] if row["item"].key == "ease_partner")
    assert partner["means"] == [3.0, None, None]
    assert aggregate["counts"] == {"start": 10, "interim": 1, "closing": 0}


def test_the_mirror_asks_in_the_words_of_the_seeds():
    """Seed 004's five roles and its four partner-role questions, seed 003's four colours: the
    Dutch mirror uses their own words."""
    from django.utils import translation

    with translation.override("nl"):
        labels = " | ".join(str(item.label) for item in mirror.ITEMS).lower()
    for words in (
        "de autonome rol",
        "de regierol",
        "de supportrol",
        "de symboolrol",
        "de partnerrol",
        "duidelijke kaders: is het terrein helder afgebakend waarbinnen de partnerrol van toepassing is?",
        "helder proces: is er duidelijkheid over het proces waarlangs afstemming en besluitvorming",
        "dialoog als gewoonte: is het de gewoonte om het gesprek in dialoog te voeren",
        "feedback om scherpte te houden: geven",
        "de rechtmatige gemeente, gericht op de taak (blauw)",
        "de presterende gemeente, gericht op het proces (oranje)",
        "de netwerkende gemeente, gericht op de keten (groen)",
        "de participerende gemeente, gericht op de maatschappij (geel)",
    ):
        assert words in labels, words
