"""Personas for every test (as healthchecks does with Alice, Bob and Charlie), and the
suite-wide rules: a logged ERROR fails the test, the run says which backends it uses, and property
tests are not failed for being slow.

A test that picks a persona with `request.getfixturevalue(...)` must also ask for `db` in its
signature: a database fixture first requested halfway through a test leaves a connection behind
that later keeps the test database from being dropped (seen with the live-server journeys)."""

import logging

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from bestuurderspool.accounts.tests.factories import UserFactory, with_totp

# Property tests judge results, not speed: on a busy 2-core CI machine generating the examples
# can take longer than Hypothesis's health check allows, which says nothing about the code.
hypothesis_settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("suite")


def pytest_report_header(config):
    database = settings.DATABASES["default"]
    broker = settings.CELERY_BROKER_URL.split("@")[-1]
    return [
        f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or database['NAME']}",
        f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; broker: {broker}",
    ]


@pytest.fixture(autouse=True)
def _fail_on_logged_error(caplog, request):
    caplog.set_level(logging.WARNING)
    yield
    if request.node.get_closest_marker("allow_error_log"):
        return
    errors = [record for record in caplog.get_records("call") if record.levelno >= logging.ERROR]
    assert not errors, f"ERROR logged: {[record.getMessage() for record in errors]}"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Forget rate limits and used TOTP codes between tests. On a shared Redis only this test
    process's keys go (settings_test gives each process its own key prefix)."""
    prefix = settings.CACHES["default"].get("KEY_PREFIX")
    if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        client = cache._cache.get_client()
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in English activates English for the
    thread, and without this the next test's form messages would come out in English."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (threads, live server) empty every table afterwards, including the
    municipalities the migrations loaded: put them back for the next one."""
    if "transactional_db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
        from bestuurderspool.municipalities.models import Municipality
        from bestuurderspool.municipalities.services import load_reference_data

        if not Municipality.objects.exists():
            load_reference_data()


@pytest.fixture
def wethouder(db):
    return UserFactory(role="wethouder", email="anna.wethouder@example.nl", first_name="Anna")


@pytest.fixture
def other_wethouder(db):
    return UserFactory(role="wethouder", email="bram.wethouder@example.nl", first_name="Bram")


@pytest.fixture
def coach(db):
    return with_totp(UserFactory(role="coach", email="carla.coach@example.nl", first_name="Carla"))


@pytest.fixture
def other_coach(db):
    return with_totp(UserFactory(role="coach", email="dirk.coach@example.nl", first_name="Dirk"))


@pytest.fixture
def coordinator(db):
    return with_totp(UserFactory(role="coordinator", email="eva.coordinator@example.nl", first_name="Eva"))


@pytest.fixture
def sponsor(db):
    """The director who sponsors an assignment in a year programme (group tracks)."""
    return UserFactory(role="sponsor", email="femke.directeur@almere.example.nl", first_name="Femke")


@pytest.fixture
def client_for(client):
    """`client_for(user)`: the test client signed in as `user` (None: anonymous)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
