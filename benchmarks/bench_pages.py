"""Every main page of every role, at national scale, as a multiple of a signed-in no-op page.

    make bench   (or: python benchmarks/bench_pages.py)

The data set is a pool after a national election wave, built in a throwaway PostgreSQL
database with the project's own factories, services and planner (bulk inserts where the
services would take minutes, with the same rows they write): 2,000 wethouders with intakes in
every state, 400 coaches, 1,000 matches, 800 active trajectories of about 8 appointments each,
with held sessions logged (encrypted reports) and evaluations, 20,000 reminders, 10,000 signed-in
sessions, and a wave preview computed by the wave service.

gunicorn serves it with 2 sync workers, DEBUG=False, against PostgreSQL and Redis. The script
signs in as a wethouder, a coach and a coordinator (a session as Django's `force_login` makes
it, with the TOTP the coach and coordinator need), then requests each page `ROUNDS` times, each
time after `/health/noop/` (signed in, does nothing), and compares the two medians.
Target: every coordinator page at most 10 times the no-op page.
"""

import datetime
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bestuurderspool.settings_test")
os.environ.setdefault("TEST_DATABASE_NAME", "bench_pages_bestuurderspool")  # throwaway, dropped at the end

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

N_INTAKES, N_COACHES, N_TRAJECTORIES = 2000, 400, 800
N_REMINDERS, N_SESSIONS = 20_000, 10_000
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
NOOP = "/health/noop/"
TARGET = 10.0
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


# --- The data set -------------------------------------------------------------------------------


class Census:
    """What was built, for the table's header and for the pages to visit."""

    def __init__(self):
        self.counts, self.personas, self.targets = {}, {}, {}


def populate() -> Census:
    from benchmarks.bench_wave import populate as populate_pool
    from benchmarks.matching_instances import make_instance
    from bestuurderspool.municipalities.services import load_reference_data

    load_reference_data()
    census = Census()
    intakes_data, coaches_data = make_instance(N_INTAKES, N_COACHES, seed=14)
    populate_pool(intakes_data, coaches_data)  # 400 coach profiles, 2,000 wethouders with intakes
    rng = random.Random(14)
    coordinator = _personas(census)
    _intake_states(rng, coordinator, census)
    _matches_and_trajectories(rng, coordinator, census)
    _reminders(rng, census)
    _sessions()
    _wave(coordinator)
    _count(census)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a load this size: the planner needs the row counts
    return census


def _personas(census):
    from allauth.account.models import EmailAddress

    from bestuurderspool.accounts.tests.factories import UserFactory, with_totp

    coordinator = with_totp(UserFactory(role="coordinator", email="coordinator@bench.nl"))
    for _ in range(2):
        UserFactory(role="coordinator")
    census.personas["coordinator"] = coordinator
    census.verify = lambda user: EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return coordinator


def _moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMSTERDAM)


#: Intake states by position in the list of 2,000 (the first 1,000 get matches).
STATES = [
    (800, "matched"),  # klik: an active trajectory
    (100, "matched"),  # approved, accepted or first meeting planned
    (100, "ready_for_matching"),  # an earlier match declined or without klik
    (300, "ready_for_matching"),
    (300, "submitted"),
    (150, "conversation_planned"),
    (150, "conversation_held"),
    (50, "draft"),
    (50, "withdrawn"),
]


def _intake_states(rng, coordinator, census):
    """Every state, with the submission moments of a wave after the elections of 18 March 2026,
    intake conversations and the transitions the services record."""
    from intake.models import Intake, IntakeConversation, IntakeTransition

    intakes = list(Intake.objects.order_by("pk"))
    states = [state for count, state in STATES for _ in range(count)]
    election = datetime.date(2026, 3, 18)
    conversations, transitions = [], []
    for intake, state in zip(intakes, states, strict=True):
        submitted = _moment(election + datetime.timedelta(days=rng.randint(20, 200)), rng.randint(8, 20))
        intake.state = state
        intake.submitted_at = None if state == "draft" else submitted
        intake.consent_given_at = intake.submitted_at
        intake.question = "Hoe houd ik stand in de raad?"
        intake.withdrawn_at = submitted + datetime.timedelta(days=3) if state == "withdrawn" else None
        if state not in ("draft", "submitted", "withdrawn"):
            held = submitted + datetime.timedelta(days=rng.randint(3, 15))
            conversations.append(
                IntakeConversation(
                    intake=intake,
                    planned_at=held,
                    mode="online",
                    planned_by=coordinator,
                    held_at=None if state == "conversation_planned" else held,
                    notes="" if state == "conversation_planned" else "Vertrouwelijk verslag van het gesprek.",
                    recorded_by=None if state == "conversation_planned" else coordinator,
                )
            )
            if state in ("ready_for_matching", "matched"):
                transitions.append(
                    IntakeTransition(
                        intake=intake,
                        from_state="conversation_held",
                        to_state="ready_for_matching",
                        by=coordinator,
                        at=held + datetime.timedelta(hours=2),
                    )
                )
    Intake.objects.bulk_update(
        intakes, ["state", "submitted_at", "consent_given_at", "question", "withdrawn_at"], batch_size=500
    )
    IntakeConversation.objects.bulk_create(conversations, batch_size=500)
    IntakeTransition.objects.bulk_create(transitions, batch_size=500)
    census.targets["ready_intake"] = intakes[1200].pk
    census.targets["intake"] = intakes[1500].pk


def _matches_and_trajectories(rng, coordinator, census):
    """1,000 matches: 800 with a klik and an active trajectory planned by `coaching.planning`
    (sessions before today held and logged, most of them; evaluations after the interim), 100
    still before the klik, 100 closed. Coaches' places counted as the services count them."""
    from django.utils import timezone

    from coaching import planning
    from coaching.models import CoachProfile, Match, Trajectory
    from intake.models import Intake, IntakeTransition

    today = timezone.localdate()
    profiles = list(CoachProfile.objects.filter(status="active").select_related("user").order_by("pk"))
    for profile in profiles:
        profile.capacity, profile.active_load = min(profile.capacity + 2, 10), 0
    intakes = list(Intake.objects.order_by("pk")[:1000])
    places = iter([p for _ in range(10) for p in profiles])

    def coach_with_room():
        profile = next(places)
        while profile.active_load >= profile.capacity:
            profile = next(places)
        profile.active_load += 1
        return profile

    matches, trajectories, transitions = [], [], []
    for n, intake in enumerate(intakes):
        proposed = intake.submitted_at + datetime.timedelta(days=rng.randint(14, 40))
        match = Match(
            intake=intake, wethouder_id=intake.wethouder_id, proposed_at=proposed, score=rng.random(),
            approved_at=proposed + datetime.timedelta(days=1), approved_by=coordinator,
        )  # fmt: skip
        if n < 900:
            match.coach = coach_with_room().user
            match.accepted_at = proposed + datetime.timedelta(days=2)
        else:
            match.coach = rng.choice(profiles).user
        if n < N_TRAJECTORIES:
            match.state, match.coach_klik, match.wethouder_klik = "klik", True, True
            match.kennismaking_at = proposed + datetime.timedelta(days=8)
            transitions.append(
                IntakeTransition(
                    intake=intake, from_state="ready_for_matching", to_state="matched", by=coordinator,
                    at=match.approved_at,
                )
            )  # fmt: skip
        elif n < 900:
            match.state = rng.choice(["approved", "accepted", "kennismaking_planned"])
        else:
            match.state = rng.choice(["declined", "no_klik"])
            match.declined_at = match.closed_at = proposed + datetime.timedelta(days=3)
            match.decline_reason = "Geen ruimte in de agenda."
        matches.append(match)
    Match.objects.bulk_create(matches, batch_size=500)
    CoachProfile.objects.bulk_update(profiles, ["capacity", "active_load"], batch_size=500)
    IntakeTransition.objects.bulk_create(transitions, batch_size=500)

    for match in matches[:N_TRAJECTORIES]:
        klik = min(timezone.localdate(match.kennismaking_at) + datetime.timedelta(days=1), today)
        plan = planning.propose_plan(klik, observation_settings=rng.choice([(), ("council",), ("public",)]))
        trajectories.append(
            Trajectory(
                match=match, coach_id=match.coach_id, wethouder_id=match.wethouder_id, klik_on=klik,
                planned_sessions=planning.DEFAULT_SESSIONS, planned_months=planning.DEFAULT_MONTHS, ends_on=plan.end,
            )
        )  # fmt: skip
        trajectories[-1].plan = plan
    Trajectory.objects.bulk_create(trajectories, batch_size=500)
    _appointments(rng, trajectories, today)
    census.targets["trajectory"] = trajectories[0].pk
    census.personas["coach"] = trajectories[0].coach
    census.personas["wethouder"] = trajectories[0].wethouder
    for persona in ("coach", "wethouder", "coordinator"):
        census.verify(census.personas[persona])
    from bestuurderspool.accounts.tests.factories import with_totp

    with_totp(census.personas["coach"])


def _appointments(rng, trajectories, today):
    from coaching.models import Appointment, AppointmentReport, Evaluation

    appointments, held = [], []
    for trajectory in trajectories:
        slow = rng.random() < 0.15  # a trajectory whose coach falls behind
        for item in trajectory.plan.items:
            appointment = Appointment(
                trajectory=trajectory, kind=item.kind, on=item.on, setting=item.setting,
                start_time=datetime.time(10), location="Stadhuis",
            )  # fmt: skip
            if item.on < today and (not slow or rng.random() < 0.4) and item.kind in ("session", "observation"):
                appointment.status = "held"
                appointment.held_at = _moment(item.on, 10)
                appointment.held_minutes, appointment.mode, appointment.logged_at = 75, "in_person", appointment.held_at
                appointment.themes = ["council", "media"]
                held.append(appointment)
            appointments.append(appointment)
    Appointment.objects.bulk_create(appointments, batch_size=1000)
    AppointmentReport.objects.bulk_create(
        (
            AppointmentReport(
                appointment=appointment,
                private_notes="Eigen aantekeningen van de coach.",
                shared_summary="Samenvatting voor de wethouder.",
            )
            for appointment in held
        ),
        batch_size=1000,
    )
    evaluations = [
        Evaluation(
            trajectory_id=a.trajectory_id,
            kind="interim" if a.kind == "interim_evaluation" else "final",
            usefulness=rng.randint(3, 5),
            klik=rng.randint(3, 5),
            change=rng.randint(2, 5),
            what_changed="Ik sta steviger in de raad.",
            submitted_at=_moment(a.on, 20),
        )
        for a in appointments
        if a.kind in ("interim_evaluation", "final_evaluation") and a.on < today
    ]
    Evaluation.objects.bulk_create(evaluations, batch_size=1000)


def _reminders(rng, census):
    """20,000 reminders: appointment reminders sent to coaches and wethouders, the coordinators'
    kinds to every coordinator, a few failed."""
    from django.utils import timezone

    from bestuurderspool.accounts.models import User
    from bestuurderspool.notifications.models import Reminder
    from coaching.models import Appointment

    now = timezone.now()
    coordinators = list(User.objects.filter(role="coordinator").values_list("pk", flat=True))
    rows = list(Appointment.objects.values_list("pk", "on", "trajectory__coach_id", "trajectory__wethouder_id"))
    kinds = ["intake_waiting", "proposal_waiting", "trajectory_behind", "trajectory_ending", "profile_unconfirmed"]
    reminders = []
    for n in range(N_REMINDERS):
        if n < 2 * len(rows) and n < 14_000:
            pk, on, coach_id, wethouder_id = rows[n // 2]
            user_id, kind, target = (coach_id, wethouder_id)[n % 2], "appointment_upcoming", pk
            due = _moment(on - datetime.timedelta(days=7), 9)
        else:
            user_id, kind, target = coordinators[n % len(coordinators)], kinds[n % len(kinds)], n
            due = now - datetime.timedelta(hours=rng.randint(1, 4000))
        context = {"intake": census.targets["ready_intake"]} if kind == "proposal_waiting" else {}
        status = "failed" if n % 400 == 0 else ("sent" if due < now else "pending")
        reminders.append(
            Reminder(
                key=f"{kind}:{user_id}:{target}:{n}", kind=kind, user_id=user_id, target_id=target, due_at=due,
                next_attempt_at=due, status=status, context=context, sent_at=due if status == "sent" else None,
                read_at=due if status == "sent" and n % 3 else None, attempts=5 if status == "failed" else 1,
            )
        )  # fmt: skip
    Reminder.objects.bulk_create(reminders, batch_size=2000)


def _sessions():
    """10,000 signed-in sessions of other users in the session table."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    store, expires = SessionStore(), timezone.now() + datetime.timedelta(days=14)
    Session.objects.bulk_create(
        (
            Session(session_key=get_random_string(32), session_data=store.encode({"n": n}), expire_date=expires)
            for n in range(N_SESSIONS)
        ),
        batch_size=2000,
    )


def _kept() -> bool:
    from coaching.models import Trajectory

    return Trajectory.objects.exists()


def _census_of_kept() -> Census:
    """The personas and targets of a kept database (BENCH_KEEP=1), found as `populate` made them."""
    from allauth.account.models import EmailAddress

    from bestuurderspool.accounts.models import User
    from coaching.models import Trajectory
    from intake.models import Intake

    census = Census()
    first = Trajectory.objects.order_by("pk").first()
    census.personas = {
        "coordinator": User.objects.get(email="coordinator@bench.nl"),
        "coach": first.coach,
        "wethouder": first.wethouder,
    }
    census.verify = lambda user: EmailAddress.objects.filter(user=user).exists()
    intakes = list(Intake.objects.order_by("pk").values_list("pk", flat=True))
    census.targets = {"trajectory": first.pk, "ready_intake": intakes[1200], "intake": intakes[1500]}
    _count(census)
    return census


def _wave(coordinator):
    from coaching.services.wave import compute_wave

    compute_wave(by=coordinator)


def _count(census):
    from bestuurderspool.accounts.models import User
    from bestuurderspool.notifications.models import Reminder
    from coaching.models import Appointment, AppointmentReport, CoachProfile, Match, Trajectory
    from intake.models import Intake

    census.counts = {
        "wethouders": User.objects.filter(role="wethouder").count(),
        "intake states": Intake.objects.values("state").distinct().count(),
        "coaches": CoachProfile.objects.count(),
        "matches": Match.objects.count(),
        "active trajectories": Trajectory.objects.filter(state="active").count(),
        "appointments": Appointment.objects.count(),
        "logged reports": AppointmentReport.objects.count(),
        "reminders": Reminder.objects.count(),
    }


# --- The server and the measurements ------------------------------------------------------------


def server_env(var_dir: Path) -> dict[str, str]:
    from django.conf import settings

    db = settings.DATABASES["default"]
    return {
        **{k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")},
        "DJANGO_SETTINGS_MODULE": "bestuurderspool.settings",
        "DEBUG": "False",
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions made here are signed with it
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "FIELD_ENCRYPTION_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS),
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        "VAR_DIR": str(var_dir),
    }


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    python = Path(sys.executable)
    subprocess.run(  # noqa: S603
        [python, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(  # noqa: S603
        [
            python.parent / "gunicorn",
            "bestuurderspool.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=10)
            return server
        except urllib.error.HTTPError:  # it answers: 503 while no beat has run the reminder sweep
            return server
        except OSError:  # refused while starting, or a timeout
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def fetch(base: str, path: str, cookie: str) -> tuple[float, int, int]:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return time.perf_counter() - started, status, len(body)


def paired_medians(base: str, path: str, cookie: str) -> tuple[float, float, int]:
    """The page and the no-op page requested in turn, `ROUNDS` times each, by the same user: the
    medians of both. Measured side by side, the ratio holds while this shared machine's load
    changes during a run."""
    for _ in range(2):  # warm: the workers' first request of a page compiles its templates
        fetch(base, path, cookie)
    pages, noops = [], []
    for _ in range(ROUNDS):
        noops.append(fetch(base, NOOP, cookie)[0])
        pages.append(fetch(base, path, cookie))
    statuses = {status for _t, status, _n in pages}
    page = statistics.median(t for t, _s, _n in pages)
    return page, statistics.median(noops), statuses.pop() if len(statuses) == 1 else 0


def pages(census) -> dict[str, list[tuple[str, str]]]:
    from django.urls import reverse

    t, ready, intake = census.targets["trajectory"], census.targets["ready_intake"], census.targets["intake"]
    everyone = [
        ("home", "/"),
        ("trajectory list", reverse("coaching:trajectories")),
        ("trajectory page", reverse("coaching:trajectory_detail", args=[t])),
        ("notifications", reverse("notifications:list")),
    ]
    return {
        "wethouder": [*everyone, ("my coach", reverse("coaching:my_matches"))],
        "coach": [*everyone, ("my matches", reverse("coaching:my_matches")), ("my profile", "/coaching/profiel/")],
        "coordinator": [
            *everyone,
            ("trajectories: quiet", reverse("coaching:trajectories") + "?attention=quiet"),
            ("trajectories: behind plan", reverse("coaching:trajectories") + "?attention=behind"),
            ("trajectories: ending soon", reverse("coaching:trajectories") + "?attention=ends_soon"),
            ("trajectories: page 10", reverse("coaching:trajectories") + "?page=10"),
            ("intake work list", reverse("intake:worklist")),
            ("intake work list: > 30 days", reverse("intake:worklist") + "?older_than_days=30"),
            ("intake (coordinator)", reverse("intake:coordinator_detail", args=[intake])),
            ("pool", reverse("coaching:pool")),
            ("pool: free places", reverse("coaching:pool") + "?free_only=on"),
            ("pool export (CSV)", reverse("coaching:pool_export")),
            ("matches", reverse("coaching:matches")),
            ("matches: page 5", reverse("coaching:matches") + "?page=5"),
            ("proposals", reverse("coaching:proposals", args=[ready])),
            ("wave preview", reverse("coaching:wave")),
            ("failed reminders", reverse("notifications:failed")),
            ("weights", reverse("coaching:weights")),
            ("exports (form)", reverse("coaching:report_export")),
        ],
    }


def main() -> int:
    from tests.support.smtp_sink import free_port

    assert connection.vendor == "postgresql", "the benchmark runs on PostgreSQL"
    started = time.perf_counter()
    census = populate() if not (KEEP and _kept()) else _census_of_kept()
    print(f"setup: {time.perf_counter() - started:.0f} s; " + ", ".join(f"{v:,} {k}" for k, v in census.counts.items()))
    cookies = {role: session_cookie(user) for role, user in census.personas.items()}
    connection.close()
    port = free_port()
    with tempfile.TemporaryDirectory() as var_dir:
        server = start_server(server_env(Path(var_dir)), port)
        try:
            return measure(f"http://127.0.0.1:{port}", census, cookies)
        finally:
            server.terminate()
            server.wait(timeout=30)


def measure(base: str, census, cookies) -> int:
    print(f"{ROUNDS} requests per page, each after a request of the no-op page by the same user")
    print(f"{'role':<12} {'page':<32} {'status':>6} {'ms':>8} {'no-op ms':>9} {'× no-op':>8}")
    over = []
    for role, role_pages in pages(census).items():
        for name, path in role_pages:
            elapsed, noop, status = paired_medians(base, path, cookies[role])
            ratio = elapsed / noop
            flag = "  > 10×" if role == "coordinator" and ratio > TARGET else ""
            print(f"{role:<12} {name:<32} {status:>6} {elapsed * 1000:>8.1f} {noop * 1000:>9.1f} {ratio:>8.1f}{flag}")
            if flag or status != 200:
                over.append((role, name, status, round(ratio, 1)))
    print("OK: every coordinator page within 10× the no-op page" if not over else f"OVER TARGET OR FAILED: {over}")
    return 1 if over else 0


#: BENCH_KEEP=1 keeps the database (and reuses it on the next run) for profiling pages.
KEEP = os.environ.get("BENCH_KEEP") == "1"

if __name__ == "__main__":
    config = setup_databases(verbosity=0, interactive=False, keepdb=KEEP)
    try:
        code = main()
    finally:
        connection.close()
        if not KEEP:
            teardown_databases(config, verbosity=0)
    sys.exit(code)
