"""A median that the database computes: PostgreSQL's `percentile_cont`, and on SQLite (`make run`)
the same function registered on each connection, so one query serves both."""

import statistics

from django.db.models import Aggregate, DurationField


class Median(Aggregate):
    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="COCKPIT_MEDIAN", template="%(function)s(%(expressions)s)")


class _SQLiteMedian:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def register_sqlite_median(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("COCKPIT_MEDIAN", 1, _SQLiteMedian)
