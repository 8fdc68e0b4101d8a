import io

from django.apps import apps
from django.core.management import call_command


def counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_seed_demo_is_idempotent(db):
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    assert counts() == first
    assert first["municipalities.Municipality"] == 342
    assert first["intake.Intake"] >= 6
