"""The scheduling core every area of shared activities needs: the days a series falls on (the bell schedule's rule,
skipping the school's non-school days and ending with the term) and the occurrences generated from them. A module of
its own so that the areas and the app's public ``services`` both build on it without importing each other."""

import calendar
import datetime

from django.db import transaction

from schools import selectors as school_selectors
from schools.dates import school_today

from .models import Activity, Occurrence, Repeats


def _nth_weekday(day: datetime.date) -> int:
    """Which of its month's weekdays ``day`` is: 1 for the first Tuesday, 2 for the second..."""
    return (day.day - 1) // 7 + 1


def _monthly_dates(first: datetime.date, until: datetime.date) -> list[datetime.date]:
    """The same weekday of the month as ``first`` (the 2nd Tuesday), every month up to ``until``; a month without
    a 5th Tuesday has none."""
    nth, weekday = _nth_weekday(first), first.weekday()
    dates = []
    year, month = first.year, first.month
    while True:
        month_days = calendar.Calendar().itermonthdates(year, month)
        matching = [d for d in month_days if d.month == month and d.weekday() == weekday]
        if len(matching) >= nth:
            day = matching[nth - 1]
            if day > until:
                break
            if day >= first:
                dates.append(day)
        elif datetime.date(year, month, 1) > until:
            break
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return dates


def occurrence_dates(*, activity: Activity, skip: set[datetime.date] | None = None) -> list[datetime.date]:
    """The days ``activity``'s rule gives, from its first day to its last (or the term's), less ``skip`` (the school's
    non-school days; a one-off event is kept whatever day it is: it may be a Saturday field day)."""
    first, until = activity.first_date, activity.until
    if activity.repeats == Repeats.ONCE:
        return [first]
    skip = skip or set()
    if activity.repeats == Repeats.MONTHLY:
        days = _monthly_dates(first, until)
    else:
        weekdays = {0, 1, 2, 3, 4} if activity.repeats == Repeats.DAILY else set(activity.weekdays or [])
        days = []
        day = first
        while day <= until:
            if day.weekday() in weekdays:
                days.append(day)
            day += datetime.timedelta(days=1)
    return [day for day in days if day not in skip]


def _times(activity: Activity) -> tuple[datetime.time, datetime.time]:
    if activity.period_id:
        return activity.period.starts_at, activity.period.ends_at
    return activity.starts_at, activity.ends_at


def _school(activity: Activity):
    return activity.program.school


def occurrences_generate(*, activity: Activity) -> dict[str, list[Occurrence]]:
    """Bring ``activity``'s occurrences in line with its rule: create the days missing; give the days not changed on
    their own the series' times and place (raising their SEQUENCE when that changes what people see); remove the
    days the rule no longer gives unless they were changed on their own or have attendance. Days already past keep
    what they had. Returns ``{"created": [...], "changed": [...], "removed": [...]}`` for the caller's notices."""
    school = _school(activity)
    skip = school_selectors.non_school_days(school=school, start=activity.first_date, end=activity.until)
    wanted = occurrence_dates(activity=activity, skip=skip)
    starts_at, ends_at = _times(activity)
    today = school_today(school)
    result: dict[str, list[Occurrence]] = {"created": [], "changed": [], "removed": []}
    with transaction.atomic():
        existing = {o.series_date: o for o in activity.occurrences.select_for_update()}
        for day in wanted:
            occurrence = existing.pop(day, None)
            if occurrence is None:
                occurrence = Occurrence(
                    activity=activity, series_date=day, date=day, starts_at=starts_at, ends_at=ends_at
                )
                occurrence.full_clean()
                occurrence.save()
                result["created"].append(occurrence)
            elif (
                not occurrence.is_changed
                and occurrence.date >= today
                and (occurrence.starts_at, occurrence.ends_at) != (starts_at, ends_at)
            ):
                occurrence.starts_at, occurrence.ends_at = starts_at, ends_at
                occurrence.sequence += 1
                occurrence.save()
                result["changed"].append(occurrence)
        for occurrence in existing.values():
            if occurrence.is_changed or occurrence.date < today or occurrence.attendance.exists():
                continue
            result["removed"].append(occurrence)
            occurrence.delete()
    return result
