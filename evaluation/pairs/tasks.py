"""Thin Celery task of exit surveys: beat runs it daily; the service offers each pair's exit surveys once, so a
retried or doubled run makes nothing twice."""

from celery import shared_task

from . import services


@shared_task
def offer_exit_surveys() -> int:
    return services.exit_surveys_offer_all()
