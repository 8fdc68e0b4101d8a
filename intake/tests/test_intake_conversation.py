import datetime

from django.utils import timezone

from intake.enums import IntakeState
from intake.models import WishAdjustment
from intake.tests.factories import SubmittedIntakeFactory


def test_plan_record_and_mark_ready(client, coordinator, coach, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    client.force_login(coordinator)
    planned = (timezone.localtime() + datetime.timedelta(days=4)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/intake/{intake.pk}/gesprek/plannen/",
        {
            "planned_at": planned,
            "mode": "online",
            "location": "Teams",
            "attendees": [coordinator.pk, coach.pk],
        },
    )
    assert response["Location"] == f"/intake/{intake.pk}/coordinatie/"
    intake.refresh_from_db()
    assert intake.state == IntakeState.CONVERSATION_PLANNED
    assert set(intake.conversation.attendees.all()) == {coordinator, coach}

    held = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    client.post(
        f"/intake/{intake.pk}/gesprek/verslag/",
        {"held_at": held, "notes": "Sterk in de raad.", "ready": "on"},
    )
    intake.refresh_from_db()
    assert intake.state == IntakeState.READY_FOR_MATCHING
    assert intake.conversation.notes == "Sterk in de raad."


def test_conversation_notes_are_not_shown_to_the_wethouder(client, coordinator, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder, state=IntakeState.CONVERSATION_HELD)
    intake.conversation = None
    from intake.models import IntakeConversation

    IntakeConversation.objects.create(
        intake=intake,
        planned_at=timezone.now(),
        mode="online",
        planned_by=coordinator,
        notes="Geheime notitie",
    )
    client.force_login(wethouder)
    assert "Geheime notitie" not in client.get(f"/intake/{intake.pk}/").content.decode()
    client.force_login(coordinator)
    assert "Geheime notitie" in client.get(f"/intake/{intake.pk}/coordinatie/").content.decode()


def test_planning_in_the_past_gets_dutch_message_and_keeps_input(client, coordinator, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    client.force_login(coordinator)
    response = client.post(
        f"/intake/{intake.pk}/gesprek/plannen/",
        {"planned_at": "2020-01-01T10:00", "mode": "elsewhere", "location": "Café De Zwaan"},
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "Plan het gesprek vandaag of later." in content
    assert 'value="Café De Zwaan"' in content
    intake.refresh_from_db()
    assert intake.state == IntakeState.SUBMITTED


def test_adjusted_wishes_are_kept_beside_the_answers(client, coordinator, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder, wish_gender="female")
    client.force_login(coordinator)
    data = {
        "themes": ["personal_leadership", "field_of_forces", "media"],
        "wish_gender": "",
        "availability": ["mon_morning", "thu_evening"],
        "meeting_places": ["town_hall"],
        "reason": "Besproken in het intakegesprek",
    }
    response = client.post(f"/intake/{intake.pk}/wensen/", data)
    assert response["Location"] == f"/intake/{intake.pk}/coordinatie/"
    intake.refresh_from_db()
    assert (intake.themes, intake.wish_gender) == (["personal_leadership", "field_of_forces"], "female")
    wishes = intake.effective_wishes()
    assert (wishes["themes"], wishes["wish_gender"]) == (data["themes"], "")
    adjustments = WishAdjustment.objects.filter(intake=intake).order_by("field")
    assert [(a.field, a.old_value, a.new_value, a.made_by) for a in adjustments] == [
        ("themes", ["personal_leadership", "field_of_forces"], data["themes"], coordinator),
        ("wish_gender", "female", "", coordinator),
    ]


def test_adjusting_without_reason_is_refused(client, coordinator, wethouder):
    intake = SubmittedIntakeFactory(wethouder=wethouder)
    client.force_login(coordinator)
    response = client.post(
        f"/intake/{intake.pk}/wensen/",
        {"themes": ["media"], "availability": ["mon_morning"], "meeting_places": ["online"]},
    )
    assert "Geef aan waarom u de wensen aanpast." in response.content.decode()
    assert WishAdjustment.objects.count() == 0
