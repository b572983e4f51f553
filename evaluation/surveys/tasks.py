"""Thin Celery task of survey windows: beat runs it daily; windows that opened invite their respondents, and staff
and families who have not answered are reminded (each reminder claimed once, so a retried run sends nothing twice)."""

from celery import shared_task

from . import services


@shared_task
def survey_windows_daily() -> int:
    return services.survey_windows_open() + services.survey_nudges_send()
