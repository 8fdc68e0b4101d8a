"""The dashboard's periods and the median the database computes for SQLite (`make run`)."""

import contextlib
import sqlite3
from datetime import date

import pytest

from cockpit.aggregates import _SQLiteMedian
from cockpit.periods import LAST_ELECTION, Period, resolve

TODAY = date(2027, 2, 10)


@pytest.mark.parametrize(
    ("kind", "start"),
    [
        ("month", date(2027, 2, 1)),
        ("quarter", date(2027, 1, 1)),
        ("year", date(2027, 1, 1)),
        ("election", LAST_ELECTION),
    ],
)
def test_resolve_ends_today_and_starts_where_the_period_starts(kind, start):
    assert resolve(kind, TODAY) == Period(start, TODAY)


def test_resolve_custom_needs_both_days_else_since_the_election():
    assert resolve("custom", TODAY, date(2026, 5, 1), date(2026, 5, 31)) == Period(date(2026, 5, 1), date(2026, 5, 31))
    assert resolve("custom", TODAY, date(2026, 5, 1), None) == Period(LAST_ELECTION, TODAY)


def test_months_cover_every_month_the_period_touches_across_the_new_year():
    assert Period(date(2026, 11, 30), date(2027, 2, 1)).months() == [
        date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1),
    ]  # fmt: skip


@pytest.mark.parametrize(("values", "median"), [([3, 1, 10], 3), ([1, 2, 3, 10], 2.5), ([], None), ([None, 4], 4)])
def test_sqlite_median_is_the_middle_value(values, median):
    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        connection.create_aggregate("COCKPIT_MEDIAN", 1, _SQLiteMedian)
        connection.execute("CREATE TABLE t (v)")
        connection.executemany("INSERT INTO t VALUES (?)", [(v,) for v in values])
        assert connection.execute("SELECT COCKPIT_MEDIAN(v) FROM t").fetchone()[0] == median
