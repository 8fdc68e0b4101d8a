"""Working days in the Netherlands (pure): Monday to Friday, except the national public holidays
(New Year's Day, Good Friday, Easter and Whit Monday, King's Day, Liberation Day in its lustrum
years, Ascension Day, Christmas), as the `holidays` package keeps them. The one rule the planner
(`coaching/planning.py`) and the reminders' "working days" (`notifications/schedule.py`) share."""

from datetime import date

import holidays

#: Works out each year's holidays when that year is first asked for.
PUBLIC_HOLIDAYS = holidays.country_holidays("NL")


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in PUBLIC_HOLIDAYS
