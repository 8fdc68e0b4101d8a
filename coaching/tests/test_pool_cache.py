"""The engine's view of the pool is cached between requests; every change a ranking depends on
shows at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coaching.models import CoachProfile
from coaching.selectors.matching import load_coaches
from coaching.services.matches import approve_match
from coaching.services.pool import import_pool
from coaching.tests.factories import CoachProfileFactory, ConflictFactory, FormerRoleFactory, MatchFactory

HEADER = (
    "email,first_name,last_name,home_municipality,gender,party,languages,capacity,themes,availability,"
    "observes,status,paused_until,former_roles,conflict_municipalities,conflict_people\n"
)


def fresh():
    return sorted(load_coaches(CoachProfile.objects.all()), key=lambda coach: coach.id)


def cached():
    return sorted(load_coaches(), key=lambda coach: coach.id)


def test_a_second_ranking_reads_only_the_fingerprint_and_the_places(db):
    for _ in range(3):
        FormerRoleFactory(coach=CoachProfileFactory())
    with CaptureQueriesContext(connection) as first:
        cached()
    with CaptureQueriesContext(connection) as second:
        again = cached()
    assert again == fresh()
    assert (len(first.captured_queries), len(second.captured_queries)) == (7, 4)
    assert not [q for q in second.captured_queries if "coaching_formerrole" in q["sql"] and "COUNT" not in q["sql"]]


def test_every_change_a_ranking_depends_on_shows_at_once(coordinator, db):
    profile = CoachProfileFactory(capacity=2)
    other = CoachProfileFactory()
    assert cached() == fresh()
    import_pool(HEADER + f"{profile.user.email},Henk,Bakker,Zwolle,male,,nl,3,media;council,,yes,active,,,,\n")
    assert cached() == fresh()
    assert next(c for c in cached() if c.id == profile.user_id).themes == {"media", "council"}
    approve_match(MatchFactory(coach=profile.user), by=coordinator)  # a place taken
    assert next(c for c in cached() if c.id == profile.user_id).load == 1
    ConflictFactory(coach=other, person_name="Jan Jansen")
    FormerRoleFactory(coach=other)
    assert cached() == fresh()
    other.status, other.paused_until = "paused", None
    other.save()
    assert cached() == fresh()
    assert not next(c for c in cached() if c.id == other.user_id).active
    other.user.is_active = False
    other.user.save()
    CoachProfileFactory()
    assert cached() == fresh()
