"""The cost of one audit record, `record()`, as the pages pay it.

    python benchmarks/bench_audit.py

In a throwaway PostgreSQL database (DATABASE_URL), `ROUNDS` records of a coordinator reading an
intake, each measured on its own: in autocommit (as a page that only reads writes it: one
INSERT and its commit) and inside one transaction (as a service writes it beside its change).
Prints the median and the 95th percentile of each. Target: the median in autocommit at most a
few milliseconds; one INSERT either way (asserted by `test_audit_trail.py`).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bestuurderspool.settings_test")
os.environ.setdefault("TEST_DATABASE_NAME", "bench_audit_bestuurderspool")  # throwaway, dropped at the end

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "500"))


def timed(action) -> list[float]:
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def summary(label: str, timings: list[float]) -> str:
    p95 = statistics.quantiles(timings, n=20)[-1]
    return f"{label:<22} median {statistics.median(timings):.2f} ms, 95th percentile {p95:.2f} ms"


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL server: the figure is about its commit.")
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        from bestuurderspool.accounts.tests.factories import UserFactory
        from bestuurderspool.privacy.enums import AuditAction
        from bestuurderspool.privacy.services.audit import record
        from intake.tests.factories import SubmittedIntakeFactory

        coordinator = UserFactory(role="coordinator")
        intake = SubmittedIntakeFactory()
        autocommit = timed(lambda: record(AuditAction.READ, intake, by=coordinator))
        with transaction.atomic():
            in_transaction = timed(lambda: record(AuditAction.READ, intake, by=coordinator))
        print(f"{ROUNDS} audit records each way, PostgreSQL")
        print(summary("autocommit", autocommit))
        print(summary("inside a transaction", in_transaction))
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
