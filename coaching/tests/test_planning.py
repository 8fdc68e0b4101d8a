"""The trajectory planner (pure): dates for several lengths, bounds, the summer recess."""

from datetime import date, timedelta

import pytest

from coaching import planning

KLIK = date(2026, 3, 2)  # a Monday


def sessions(plan):
    return [item.on for item in plan.of_kind("session")]


@pytest.mark.parametrize("count", [5, 6, 7, 8])
@pytest.mark.parametrize("months", [6, 9, 12])
def test_sessions_spread_evenly_from_within_three_weeks_to_the_end(count, months):
    plan = planning.propose_plan(KLIK, sessions=count, months=months)
    days = sessions(plan)
    assert len(days) == count
    assert KLIK < days[0] <= KLIK + timedelta(days=21)
    assert days[-1] == plan.end <= planning.add_months(KLIK, months)
    assert plan.end >= planning.add_months(KLIK, months) - timedelta(days=2)  # moved off a weekend at most
    step = (days[-1] - days[0]) / (count - 1)
    assert all(abs((day - (days[0] + step * n)).days) <= 3 for n, day in enumerate(days))  # even, bar weekends
    assert all(day.weekday() < 5 for day in days)


def test_the_default_plan_is_six_sessions_over_nine_months_with_both_evaluations():
    plan = planning.propose_plan(KLIK)
    assert sessions(plan) == [
        date(2026, 3, 16),
        date(2026, 5, 7),
        date(2026, 6, 26),
        date(2026, 8, 19),
        date(2026, 10, 9),
        date(2026, 12, 2),
    ]
    assert [item.on for item in plan.of_kind("interim_evaluation")] == [date(2026, 7, 24)]
    assert [item.on for item in plan.of_kind("final_evaluation")] == [plan.end] == [date(2026, 12, 2)]


def test_council_and_committee_observations_avoid_the_summer_recess():
    for klik in (date(2026, 1, 5), date(2026, 3, 2), date(2026, 4, 15), date(2026, 6, 1), date(2026, 11, 2)):
        for months in (6, 9, 12):
            plan = planning.propose_plan(klik, months=months, observation_settings=("council", "committee", "public"))
            observations = plan.of_kind("observation")
            assert sorted(o.setting for o in observations) == ["committee", "council", "public"]
            for observation in observations:
                assert klik <= observation.on <= plan.end
                assert observation.on.weekday() < 5
                if observation.setting != "public":
                    assert observation.on.month not in (7, 8), (klik, months, observation)


def test_a_public_appearance_may_be_observed_in_summer_a_council_meeting_moves_to_september():
    public = planning.propose_plan(date(2026, 4, 13), observation_settings=("public",))
    council = planning.propose_plan(date(2026, 4, 13), observation_settings=("council",))
    assert public.of_kind("observation")[0].on == date(2026, 7, 13)
    assert council.of_kind("observation")[0].on == date(2026, 9, 1)


def test_an_observation_that_cannot_move_past_the_recess_moves_before_it():
    summer = planning.default_recesses(date(2026, 1, 1), date(2026, 12, 31))
    assert planning.outside_recess(date(2026, 8, 3), latest=date(2026, 8, 14), recesses=summer) == date(2026, 6, 30)
    assert planning.outside_recess(date(2026, 8, 3), latest=date(2026, 12, 1), recesses=summer) == date(2026, 9, 1)
    assert planning.outside_recess(date(2026, 5, 4), latest=date(2026, 12, 1), recesses=summer) == date(2026, 5, 4)


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"sessions": 4}, "sessions_out_of_bounds", "sessions"),
        ({"sessions": 9}, "sessions_out_of_bounds", "sessions"),
        ({"months": 5}, "months_out_of_bounds", "months"),
        ({"months": 13}, "months_out_of_bounds", "months"),
        ({"first_session": KLIK - timedelta(days=1)}, "before_klik", "first_session"),
        ({"first_session": KLIK + timedelta(days=22)}, "first_session_too_late", "first_session"),
    ],
)
def test_plans_out_of_bounds_are_refused_with_the_rule_and_field(kwargs, code, field):
    with pytest.raises(planning.PlanError) as refused:
        planning.propose_plan(KLIK, **kwargs)
    assert (refused.value.code, refused.value.field) == (code, field)


def test_pace_counts_sessions_whose_date_has_passed():
    days = [date(2026, 3, 16), date(2026, 5, 7), date(2026, 6, 26)]
    assert planning.pace(session_dates=days, held=1, today=date(2026, 5, 1)).on_track
    behind = planning.pace(session_dates=days, held=1, today=date(2026, 7, 1))
    assert (behind.due, behind.behind, behind.on_track) == (3, 2, False)


def test_a_trajectory_is_quiet_after_eight_weeks_without_a_session():
    klik = date(2026, 3, 2)
    assert not planning.is_quiet(last_held=None, klik_on=klik, today=klik + timedelta(weeks=8))
    assert planning.is_quiet(last_held=None, klik_on=klik, today=klik + timedelta(weeks=8, days=1))
    held = date(2026, 5, 1)
    assert not planning.is_quiet(last_held=held, klik_on=klik, today=held + timedelta(weeks=7))
    assert planning.is_quiet(last_held=held, klik_on=klik, today=held + timedelta(weeks=9))


def test_ending_soon_is_the_coming_month_only():
    today = date(2026, 11, 30)
    assert planning.ends_soon(ends_on=today + timedelta(days=30), today=today)
    assert not planning.ends_soon(ends_on=today + timedelta(days=31), today=today)
    assert not planning.ends_soon(ends_on=today - timedelta(days=1), today=today)


def test_no_appointment_is_planned_on_a_public_holiday():
    """Nine months from a klik on 25 March 2026 end on Christmas Day, a Friday: the last session
    and the closing conversation move to the working day before. Every klik of a year, every
    length: nothing lands on a weekend or a Dutch public holiday."""
    plan = planning.propose_plan(date(2026, 3, 25), months=9)
    assert plan.end == sessions(plan)[-1] == plan.of_kind("final_evaluation")[0].on == date(2026, 12, 24)
    holidays = {date(2026, 12, 25), date(2027, 1, 1), date(2027, 3, 26), date(2027, 3, 29), date(2027, 4, 27)}
    holidays |= {date(2027, 5, 6), date(2027, 5, 17), date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)}
    for klik in (date(2026, 1, 5) + timedelta(days=n) for n in range(0, 365, 3)):
        for months in (6, 9, 12):
            plan = planning.propose_plan(klik, months=months, observation_settings=("council", "public"))
            for item in plan.items:
                assert item.on.weekday() < 5, (klik, months, item)
                assert item.on not in holidays, (klik, months, item)
