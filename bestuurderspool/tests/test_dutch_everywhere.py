"""Every page of every role, in Dutch, speaks Dutch to its reader: no English UI words, no
internal keys (enum values, field names), no ISO dates, one register ("u") and one word per act.
The URLconf is walked (as `test_login_required` does) with objects in every state, signed in as
each role and as a visitor."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db.models import TextChoices
from django.urls import reverse
from django.utils import timezone

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp
from bestuurderspool.tests.urlwalk import walk
from coaching.enums import EvaluationKind, MatchState
from coaching.models import Appointment
from coaching.services import matches as match_services
from coaching.services import trajectories as trajectory_services
from coaching.services.wave import compute_wave
from coaching.tests.factories import CoachProfileFactory, MatchFactory, hold_session, trajectory_between
from intake import services as intake_services
from intake.models import Intake
from intake.tests.factories import CompleteIntakeFactory, IntakeFactory, ReadyIntakeFactory, SubmittedIntakeFactory

#: English that a Dutch page must not show. Capitalised words as buttons and labels use them,
#: small words wherever a sentence was left untranslated.
ENGLISH_WORDS = [
    "Select", "Submit", "Save", "Cancel", "Sign in", "Sign up", "Sign out", "Log in", "Log out", "Password",
    "Forgot", "Remember me", "Username", "Email address", "Next", "Previous", "Back", "Delete", "Edit", "Search",
    "Please", "Close", "Continue", "Confirm", "Change", "Remove", "Send", "Welcome", "Download", "Generate",
    "Activate", "Recovery", "Toggle", "Skip", "Add",
]  # fmt: skip
ENGLISH_SMALL_WORDS = ["the", "and", "your", "you", "with", "this", "not", "field", "required"]
#: Stored keys that are English words too (an appointment's history, states): shown raw, they slip
#: past the check for keys with an underscore.
ENGLISH_SMALL_WORDS += ["rescheduled", "cancelled", "logged", "declined", "agreed", "proposed", "planned", "held"]
#: The informal register ("je", "jij") and the words that meant two acts.
INFORMAL = ["je", "jij", "jou", "jouw", "jullie"]
TWO_ACTS = ["Aanmelden", "aanmelden", "Afmelden", "afmelden", "Registreren", "registreren"]
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
MONTH_ABBREVIATION = re.compile(
    r"\b\d{1,2} (Jan|Feb|Mrt|Apr|Jun|Jul|Aug|Sep|Okt|Nov|Dec|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec)\b"
)

#: Pages that must show some codes, with the reason.
SHOWS_CODES = {"/coaching/pool/import/": "explains the CSV format, whose cells hold these codes"}

#: Routes not walked, with the reason.
NOT_PAGES = {
    "calendar_feed": "an iCalendar feed, not a page",
    "appointment_ics": "an iCalendar file",
    "pool_export": "a CSV file",
    "mfa_download_recovery_codes": "a text file",
    "health": "JSON for monitoring",
    "set_language": "a redirect",
}


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text outside scripts and styles, and the attributes
    screen readers and placeholders show."""

    SPOKEN = ("placeholder", "aria-label", "title", "alt")

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        attrs = dict(attrs)
        self.parts += [attrs[name] for name in self.SPOKEN if attrs.get(name)]
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


def _project_choices():
    stack, found = list(TextChoices.__subclasses__()), []
    while stack:
        choices = stack.pop()
        stack += choices.__subclasses__()
        if choices.__module__.split(".")[0] in ("coaching", "intake", "bestuurderspool"):
            found.append(choices)
    return found


ENUM_KEYS = sorted({value for choices in _project_choices() for value in choices.values if "_" in value})
#: Field names of the intake and the coaching (`wish_gender_must`): internal words too.
FIELD_NAMES = sorted(
    {
        field.name
        for model in [*apps.get_app_config("intake").get_models(), *apps.get_app_config("coaching").get_models()]
        for field in model._meta.get_fields()
        if "_" in field.name
    }
)


def problems(text: str) -> list[str]:
    found = []
    for word in ENGLISH_WORDS:
        found += [f"English: {word!r}"] if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) else []
    for word in ENGLISH_SMALL_WORDS:
        found += [f"English: {word!r}"] if re.search(rf"(?<![\w-]){word}(?![\w-])", text, re.IGNORECASE) else []
    for word in INFORMAL:
        found += [f"informal: {word!r}"] if re.search(rf"(?<![\w-]){word}(?![\w-])", text, re.IGNORECASE) else []
    found += [f"two acts: {word!r}" for word in TWO_ACTS if re.search(rf"(?<!\w){word}(?!\w)", text)]
    found += [f"enum key: {key!r}" for key in ENUM_KEYS if re.search(rf"(?<![\w]){key}(?![\w])", text)]
    found += [f"field name: {name!r}" for name in FIELD_NAMES if re.search(rf"(?<![\w]){name}(?![\w])", text)]
    found += [f"ISO date: {m!r}" for m in ISO_DATE.findall(text)]
    found += [f"month abbreviation: {m!r}" for m in MONTH_ABBREVIATION.findall(text)]
    return found


@pytest.fixture
def world(wethouder, coach, coordinator, other_wethouder):
    """Objects in every state the pages show: intakes from draft to matched and withdrawn, matches
    from proposed to klik, declined and no klik, trajectories running, stopped, completed and
    switched, a wave preview, a calendar address."""
    superuser = with_totp(UserFactory(role="coordinator", is_superuser=True, is_staff=True))
    today = timezone.localdate()
    CoachProfileFactory(user=coach, capacity=8)
    running = trajectory_between(
        coach, wethouder, klik_on=today - datetime.timedelta(days=120), observation_settings=("council",)
    )
    first = running.appointments.filter(kind="session").order_by("on").first()
    hold_session(first, shared_summary="Oefenen met het debat", private_notes="Twijfelt", by=coach)
    trajectory_services.propose_extra(
        running,
        kind="session",
        on=today + datetime.timedelta(days=10),
        start_time=None,
        setting="",
        occasion="Begroting",
        by=coach,
    )
    stopped = trajectory_between(coach, other_wethouder, klik_on=today - datetime.timedelta(days=200))
    trajectory_services.end_trajectory(stopped, outcome="stopped", reason="Verhuisd", by=coach)
    trajectory_services.submit_evaluation(
        stopped,
        kind=EvaluationKind.FINAL,
        usefulness=4,
        klik=5,
        change=3,
        what_changed="Meer rust",
        share_with_coach=True,
        by=other_wethouder,
    )
    intake_services.adjust_wishes(
        running.match.intake,
        wishes={"wish_gender": "female", "wish_gender_must": True},
        reason="Uit het gesprek",
        by=coordinator,
    )
    approved = match_services.approve_ranked_coach(ReadyIntakeFactory(), coach_id=coach.pk, by=coordinator)
    planned = match_services.approve_ranked_coach(ReadyIntakeFactory(), coach_id=coach.pk, by=coordinator)
    match_services.accept_match(planned, by=coach)
    match_services.plan_kennismaking(
        planned, at=timezone.now() + datetime.timedelta(days=2), location="Stadhuis", by=coach
    )
    declined = MatchFactory(
        state=MatchState.DECLINED, decline_reason="Te druk", coach=coach, approved_at=timezone.now()
    )
    accepted = match_services.approve_ranked_coach(ReadyIntakeFactory(), coach_id=coach.pk, by=coordinator)
    match_services.accept_match(accepted, by=coach)
    met = MatchFactory(
        state=MatchState.KENNISMAKING_PLANNED,
        coach=coach,
        kennismaking_at=timezone.now() - datetime.timedelta(hours=2),
        kennismaking_location="Stadhuis",
        approved_at=timezone.now() - datetime.timedelta(days=7),
        accepted_at=timezone.now() - datetime.timedelta(days=6),
    )
    no_klik = MatchFactory(
        state=MatchState.NO_KLIK, coach=coach, approved_at=timezone.now(), accepted_at=timezone.now()
    )
    completed = trajectory_between(coach, UserFactory(role="wethouder"), klik_on=today - datetime.timedelta(days=300))
    trajectory_services.end_trajectory(completed, outcome="completed", reason="", by=coordinator)
    switched = trajectory_between(coach, UserFactory(role="wethouder"), klik_on=today - datetime.timedelta(days=30))
    trajectory_services.switch_coach(switched, reason="Andere aanpak", by=coordinator)
    withdrawn = SubmittedIntakeFactory()
    intake_services.withdraw_intake(withdrawn, by=coordinator)
    held = SubmittedIntakeFactory()
    intake_services.plan_intake_conversation(
        held, planned_at=timezone.now(), mode="online", location="Teams", attendees=[coordinator], by=coordinator
    )
    intake_services.record_intake_conversation(
        held, held_at=timezone.now(), notes="Rustig gesprek", ready=False, by=coordinator
    )
    conversation = SubmittedIntakeFactory()
    intake_services.plan_intake_conversation(
        conversation,
        planned_at=timezone.now(),
        mode="online",
        location="Teams",
        attendees=[coordinator],
        by=coordinator,
    )
    proposal_intake = ReadyIntakeFactory()
    match_services.propose_match(proposal_intake, by=coordinator)
    ReadyIntakeFactory()
    compute_wave(by=coordinator)
    trajectory_services.renew_calendar_feed(coach)
    intakes = [
        IntakeFactory(wethouder=UserFactory(role="wethouder")),
        CompleteIntakeFactory(),
        SubmittedIntakeFactory(),
        conversation,
        proposal_intake,
    ]
    intakes += [running.match.intake, approved.intake, planned.intake, withdrawn, held, switched.match.intake]
    draft = CompleteIntakeFactory(wethouder=UserFactory(role="wethouder", first_name="Dirk"))
    return {
        "personas": {
            "wethouder": wethouder,
            "wethouder with a draft": draft.wethouder,
            "wethouder after the first meeting": met.wethouder,
            "wethouder whose trajectory stopped": other_wethouder,
            "coach": coach,
            "coordinator": coordinator,
            "superuser": superuser,
            "sponsor": UserFactory(role="sponsor", first_name="Femke"),
            "visitor": None,
        },
        "draft": draft,
        "accepted": accepted,
        "approved": approved,
        "met": met,
        "intakes": intakes,
        "matches": [approved, planned, declined, accepted, met, no_klik, running.match, stopped.match, switched.match],
        "trajectories": [running, stopped, completed, switched],
        "appointments": list(
            Appointment.objects.filter(trajectory__in=[running, stopped]).order_by("trajectory", "on")
        ),
        "coach_profiles": [coach.coach_profile.pk],
    }


def _arguments(world) -> dict[str, list[tuple]]:
    """Real arguments for the routes that take them (the rest are walked with the example path)."""
    intakes = [i.pk for i in world["intakes"] + [world["draft"]]]
    return {
        "intake:step": [(world["draft"].pk, n) for n in range(1, 7)],
        "intake:detail": [(pk,) for pk in intakes],
        "intake:coordinator_detail": [(pk,) for pk in intakes],
        "coaching:proposals": [(pk,) for pk in intakes],
        "coaching:coach_edit": [(pk,) for pk in world["coach_profiles"]],
        "coaching:match_detail": [(m.pk,) for m in world["matches"]],
        "coaching:trajectory_detail": [(t.pk,) for t in world["trajectories"]],
        "coaching:evaluate": [(t.pk, kind) for t in world["trajectories"] for kind in EvaluationKind.values],
        "coaching:appointment_detail": [(a.pk,) for a in world["appointments"]],
    }


def _pages(world):
    arguments = _arguments(world)
    for route in walk():
        if route.path.startswith("/admin/") or route.name in NOT_PAGES:
            continue
        namespace = route.callback.__module__.split(".")[0]
        full_name = f"{namespace}:{route.name}" if namespace in ("intake", "coaching") else route.name
        if full_name in arguments:
            yield from (reverse(full_name, args=args) for args in arguments[full_name])
        else:
            yield route.path


def test_every_page_of_every_role_speaks_dutch(world, client_for):
    pages = list(_pages(world))
    found, visited = {}, 0
    for role, user in world["personas"].items():
        client = client_for(user)
        for path in pages:
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            visited += 1
            for problem in problems(visible_text(response.content.decode())):
                if problem.startswith(("enum key", "field name")) and path in SHOWS_CODES:
                    continue
                found.setdefault(problem, []).append(f"{role} {path}")
    assert visited > 150
    report = "\n".join(f"{problem}: {', '.join(sorted(set(where))[:4])}" for problem, where in sorted(found.items()))
    assert not found, report


def _invalid_posts(world) -> list[tuple[str, str, dict]]:
    """(persona, address, data): every form of every role sent back incomplete or wrong."""
    running = world["trajectories"][0]
    intakes = {i.state: i for i in Intake.objects.filter(pk__in=[i.pk for i in world["intakes"]])}
    session = running.appointments.filter(kind="session", status="planned").first()
    accepted, met = world["accepted"], world["met"]
    draft = world["draft"].pk
    return [
        ("wethouder with a draft", reverse("intake:step", args=[draft, 1]), {"municipality": "Atlantis", "next": ""}),
        ("wethouder with a draft", reverse("intake:step", args=[draft, 6]), {}),
        ("wethouder", reverse("coaching:evaluate", args=[running.pk, "interim"]), {"usefulness": "9"}),
        ("coach", reverse("coaching:decline", args=[world["approved"].pk]), {}),
        ("coach", reverse("coaching:plan_kennismaking", args=[accepted.pk]), {"at": "gisteren"}),
        ("coach", reverse("coaching:answer_klik", args=[met.pk]), {}),
        ("coach", reverse("coaching:propose_extra", args=[running.pk]), {}),
        ("coach", reverse("coaching:end_trajectory", args=[running.pk]), {"outcome": "stopped"}),
        ("coach", reverse("coaching:log_appointment", args=[session.pk]), {"minutes": "1"}),
        ("coach", reverse("coaching:reschedule", args=[session.pk]), {}),
        ("wethouder", reverse("coaching:propose_move", args=[session.pk]), {}),
        ("coach", reverse("coaching:cancel_appointment", args=[session.pk]), {}),
        ("coach", reverse("coaching:my_profile"), {"capacity": "-1"}),
        ("coordinator", reverse("coaching:switch_coach", args=[running.pk]), {}),
        ("coordinator", reverse("intake:plan_conversation", args=[intakes["submitted"].pk]), {}),
        ("coordinator", reverse("intake:record_conversation", args=[intakes["conversation_planned"].pk]), {}),
        ("coordinator", reverse("intake:adjust_wishes", args=[running.match.intake_id]), {"themes": []}),
        ("coordinator", reverse("coaching:choose_coach", args=[intakes["ready_for_matching"].pk]), {}),
        ("coordinator", reverse("coaching:add_coach"), {}),
        ("coordinator", reverse("invitation_create"), {"email": "geen-adres"}),
        ("visitor", reverse("account_signup"), {"email": "geen-adres"}),
        ("visitor", reverse("account_login"), {"login": "geen-adres"}),
        ("visitor", reverse("account_reset_password"), {"email": "geen-adres"}),
    ]


def test_every_form_sent_back_with_errors_speaks_dutch_and_opens_with_the_summary(world, client_for):
    found = {}
    for role, path, data in _invalid_posts(world):
        response = client_for(world["personas"][role]).post(path, data, HTTP_ACCEPT_LANGUAGE="nl")
        assert (response.status_code, response["Content-Type"]) in {
            (200, "text/html; charset=utf-8"),
            (400, "text/html; charset=utf-8"),
        }, path
        text = visible_text(response.content.decode())
        assert "Er is een probleem" in text, path
        for problem in problems(text):
            found.setdefault(problem, []).append(f"{role} {path}")
    assert not found, "\n".join(f"{problem}: {', '.join(where[:4])}" for problem, where in sorted(found.items()))


def test_the_check_finds_english_keys_and_iso_dates():
    assert problems("Kies - Select an option -") == ["English: 'Select'"]
    assert problems("Thema's: personal_leadership, council") == ["enum key: 'personal_leadership'"]
    assert problems("Op 2026-05-20 en 20 Jan 2026") == ["ISO date: '2026-05-20'", "month abbreviation: 'Jan'"]
    assert problems("Heb je een account? Aanmelden") == ["informal: 'je'", "two acts: 'Aanmelden'"]
    assert problems("Heeft u een account? Inloggen. Op 20 mei 2026, de sessie van 1 januari.") == []


def test_the_adjustment_log_names_the_question_and_the_answers_in_words(client, coordinator):
    intake = SubmittedIntakeFactory()
    intake_services.adjust_wishes(
        intake, wishes={**intake.effective_wishes(), "wish_gender_must": True}, reason="Uit het gesprek", by=coordinator
    )
    client.force_login(coordinator)
    response = client.get(reverse("intake:coordinator_detail", args=[intake.pk]))
    text = visible_text(response.content.decode())
    assert "wish_gender_must" not in text
    assert "Gewenst gender van de coach: een eis: Nee → Ja — Uit het gesprek" in " ".join(text.split())


def test_the_coordinators_wishes_form_speaks_about_the_wethouder(client, coordinator):
    intake = SubmittedIntakeFactory()
    client.force_login(coordinator)
    form = client.get(reverse("intake:coordinator_detail", args=[intake.pk])).context["wishes_form"]
    labels = " ".join(str(field.label) + " " + str(field.help_text) for field in form)
    assert re.findall(r"(?<!\w)(u|uw|Uw|U)(?!\w)", labels) == []
    assert form["availability"].label == "Wanneer de wethouder meestal kan"


def test_a_declined_form_with_errors_shows_the_themes_in_words(wethouder, coach, coordinator, client_for):
    CoachProfileFactory(user=coach, capacity=8)
    intake = ReadyIntakeFactory(wethouder=wethouder, themes=["personal_leadership", "council"])
    match = match_services.approve_ranked_coach(intake, coach_id=coach.pk, by=coordinator)
    response = client_for(coach).post(reverse("coaching:decline", args=[match.pk]), {"reason": ""})
    text = visible_text(response.content.decode())
    assert "personal_leadership" not in text
    assert response.context["themes"] == ["Persoonlijk leiderschap", "Omgaan met raad en commissies"]


def test_evaluation_addresses_are_dutch_and_the_old_ones_lead_there(coach, wethouder, client_for):
    trajectory = trajectory_between(coach, wethouder)
    assert (
        reverse("coaching:evaluate", args=[trajectory.pk, "final"])
        == f"/coaching/trajecten/{trajectory.pk}/evaluatie/eind/"
    )
    assert reverse("coaching:evaluate", args=[trajectory.pk, "interim"]).endswith("/evaluatie/tussentijds/")
    client = client_for(wethouder)
    old = client.get(f"/coaching/trajecten/{trajectory.pk}/evaluatie/final/")
    assert (old.status_code, old["Location"]) == (301, f"/coaching/trajecten/{trajectory.pk}/evaluatie/eind/")
    assert client.get(f"/coaching/trajecten/{trajectory.pk}/evaluatie/eind/").context["kind"] == "final"
    assert client.get(f"/coaching/trajecten/{trajectory.pk}/evaluatie/nergens/").status_code == 404


@pytest.mark.parametrize(("persona", "status"), [("coach", 403), ("other_wethouder", 404), ("coordinator", 403)])
def test_an_old_evaluation_address_leads_nowhere_for_anyone_but_the_wethouder(
    request, db, coach, wethouder, persona, status, client_for
):
    trajectory = trajectory_between(coach, wethouder)
    response = client_for(request.getfixturevalue(persona)).get(f"/coaching/trajecten/{trajectory.pk}/evaluatie/final/")
    assert response.status_code == status
    anonymous = client_for(None).get(f"/coaching/trajecten/{trajectory.pk}/evaluatie/final/")
    assert anonymous["Location"].startswith("/accounts/login/")
